//! The account timeline: every source in one stream, newest first; the kind filter; paging
//! without counting; audit entries classified as the domain says; the exports.

mod common;

use common::TestApp;
use kamdesk::db::timeline::{Window, read};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::timeline::{Direction, Event, Kind, audit_event};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

struct World {
    app: TestApp,
    account: AccountId,
    kam: UserId,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("assistant@x.test", Role::Assistant).await;
    let account = app.account("Timeline Co", "active", 1, 0, Some(kam)).await;
    World { app, account, kam }
}

async fn exec(app: &TestApp, sql: &str, account: AccountId, user: UserId) {
    sqlx::query(sql)
        .bind(account)
        .bind(user)
        .execute(app.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// One entry of every source, on distinct days: `days ago` in the comments.
async fn one_of_each(w: &World) {
    let (app, a, u) = (&w.app, w.account, w.kam);
    // The owner's stint began 30 days ago.
    exec(
        app,
        "UPDATE account_team SET started_on = current_date - 30 WHERE account_id = $1 AND user_id = $2",
        a,
        u,
    )
    .await;
    exec(
        app,
        "INSERT INTO orders (id, account_id, ordered_on, amount, description, logged_by)
               VALUES (gen_random_uuid(), $1, current_date - 2, 1500, 'Forty pallets', $2)",
        a,
        u,
    )
    .await;
    exec(
        app,
        "INSERT INTO deals (id, account_id, title, opened_on, owner_id, stage)
               VALUES (gen_random_uuid(), $1, 'Winter tender', current_date - 20, $2, 'proposal')",
        a,
        u,
    )
    .await;
    exec(app, "INSERT INTO deals (id, account_id, title, opened_on, owner_id, stage, closed_on,
                                  closed_at, outcome_reason, outcome_note, winning_competitor)
               VALUES (gen_random_uuid(), $1, 'Spring deal', current_date - 25, $2, 'lost',
                       current_date - 4, now() - interval '4 days', 'price', 'Too dear', 'Rival Ltd')", a, u).await;
    exec(app, "INSERT INTO interactions (id, account_id, user_id, kind, occurred_at, summary)
               VALUES (gen_random_uuid(), $1, $2, 'meeting', now() - interval '6 days', 'Met the buyer')", a, u).await;
    exec(
        app,
        "INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id)
               VALUES (gen_random_uuid(), $1, 'Send the price list', current_date - 8, $2)",
        a,
        u,
    )
    .await;
    exec(app, "INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id, done, done_at)
               VALUES (gen_random_uuid(), $1, 'Call back', current_date - 12, $2, true, now() - interval '10 days')", a, u).await;
    exec(app, "INSERT INTO audit_log (at, user_id, account_id, entity, entity_id, field, old_value, new_value)
               VALUES (now() - interval '14 days', $2, $1, 'account', $1, 'status', 'prospect', 'active')", a, u).await;
    exec(app, "INSERT INTO audit_log (at, user_id, account_id, entity, entity_id, field, old_value, new_value)
               VALUES (now() - interval '16 days', $2, $1, 'account', $1, 'pin', 'none', 'key'),
                      (now() - interval '16 days', $2, $1, 'account', $1, 'pin_reason', NULL, 'Board decision')", a, u).await;
    exec(app, "INSERT INTO audit_log (at, user_id, account_id, entity, entity_id, field, old_value, new_value)
               SELECT now() - interval '18 days', $2, $1, 'deal', d.id, 'deal_stage', 'lead', 'proposal'
                 FROM deals d WHERE d.account_id = $1 AND d.title = 'Winter tender'", a, u).await;
}

fn window(kind: Option<Kind>, offset: i64, limit: Option<i64>) -> Window {
    Window {
        kind,
        direction: Direction::NewestFirst,
        offset,
        limit,
    }
}

#[tokio::test]
async fn every_source_joins_one_stream_newest_first() {
    let w = world().await;
    one_of_each(&w).await;
    let entries = read(w.app.pool(), w.account, &window(None, 0, None))
        .await
        .unwrap();
    let events: Vec<Event> = entries.iter().map(|e| e.event).collect();
    assert_eq!(
        events,
        [
            Event::OrderPlaced,   // 2 days ago
            Event::DealClosed,    // 4
            Event::Interaction,   // 6
            Event::FollowUpDue,   // 8
            Event::FollowUpDone,  // 10
            Event::DossierChange, // 14
            Event::Pinned,        // 16 (its reason beside it, not an entry of its own)
            Event::DealStage,     // 18
            Event::DealOpened,    // 20: Winter tender
            Event::DealOpened,    // 25: Spring deal
            Event::TeamJoined,    // 30
        ]
    );
    let pin = entries.iter().find(|e| e.event == Event::Pinned).unwrap();
    assert_eq!(pin.note.as_deref(), Some("Board decision"));
    assert_eq!(pin.who.as_deref(), Some("kam"));
    let closed = entries
        .iter()
        .find(|e| e.event == Event::DealClosed)
        .unwrap();
    assert_eq!(closed.old_value.as_deref(), Some("price"));
    assert_eq!(closed.new_value.as_deref(), Some("Rival Ltd"));
    let days: Vec<_> = entries.iter().map(|e| e.day).collect();
    assert!(days.windows(2).all(|p| p[0] >= p[1]), "{days:?}");

    let oldest = read(
        w.app.pool(),
        w.account,
        &Window {
            direction: Direction::OldestFirst,
            ..window(None, 0, None)
        },
    )
    .await
    .unwrap();
    let mut reversed: Vec<Event> = oldest.iter().map(|e| e.event).collect();
    reversed.reverse();
    assert_eq!(reversed, events);
}

#[tokio::test]
async fn the_kind_filter_keeps_only_its_entries() {
    let w = world().await;
    one_of_each(&w).await;
    for (kind, expected) in [
        (
            Kind::Deal,
            vec![
                Event::DealClosed,
                Event::DealStage,
                Event::DealOpened,
                Event::DealOpened,
            ],
        ),
        (
            Kind::FollowUp,
            vec![Event::FollowUpDue, Event::FollowUpDone],
        ),
        (Kind::Pin, vec![Event::Pinned]),
        (Kind::Dossier, vec![Event::DossierChange]),
        (Kind::Team, vec![Event::TeamJoined]),
        (Kind::Order, vec![Event::OrderPlaced]),
        (Kind::Interaction, vec![Event::Interaction]),
    ] {
        let got: Vec<Event> = read(w.app.pool(), w.account, &window(Some(kind), 0, None))
            .await
            .unwrap()
            .iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(got, expected, "{kind}");
    }
}

#[tokio::test]
async fn pages_are_cut_from_the_merged_stream_with_one_extra_entry_telling_there_is_more() {
    let w = world().await;
    one_of_each(&w).await;
    let all = read(w.app.pool(), w.account, &window(None, 0, None))
        .await
        .unwrap();
    let first = read(w.app.pool(), w.account, &window(None, 0, Some(4)))
        .await
        .unwrap();
    assert_eq!(first.len(), 5, "four and one more");
    let third = read(w.app.pool(), w.account, &window(None, 8, Some(4)))
        .await
        .unwrap();
    assert_eq!(third.len(), 3, "the last three, no more");
    let events = |v: &[kamdesk::db::timeline::Entry]| v.iter().map(|e| e.event).collect::<Vec<_>>();
    assert_eq!(events(&third), events(&all[8..]));
    assert_eq!(events(&first[..4]), events(&all[..4]));
}

#[tokio::test]
async fn the_sql_classifies_audit_entries_exactly_as_the_domain_does() {
    let w = world().await;
    let cases = [
        ("account", "pin", Some("key")),
        ("account", "pin_reason", Some("why")),
        ("account", "status", Some("active")),
        ("account", "name", Some("New name")),
        ("dossier", "needs", Some("More")),
        ("contact", "attitude", Some("supporter")),
        ("deal", "deal_stage", Some("negotiation")),
        ("deal", "deal_stage", Some("won")),
        ("deal", "deal_amount", Some("5")),
        ("deal", "deal_created", Some("X")),
        ("order", "status", Some("shipped")),
        ("follow_up", "done", Some("true")),
        ("interaction", "created", None),
        ("account_team", "joined", None),
        ("account_handover", "owner", None),
        ("ownership_offer", "status", Some("accepted")),
    ];
    for (i, (entity, field, new)) in cases.iter().enumerate() {
        sqlx::query(
            "INSERT INTO audit_log (at, account_id, entity, field, new_value)
             VALUES (now() - make_interval(secs => $5), $1, $2, $3, $4)",
        )
        .bind(w.account)
        .bind(entity)
        .bind(field)
        .bind(new)
        .bind(i as f64)
        .execute(w.app.pool())
        .await
        .unwrap();
    }
    let expected: Vec<Event> = cases
        .iter()
        .filter_map(|(e, f, n)| audit_event(e, f, *n))
        .collect();
    let got: Vec<Event> = read(w.app.pool(), w.account, &window(None, 0, None))
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .filter(|e| *e != Event::TeamJoined)
        .collect();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn the_page_shows_the_stream_in_the_readers_language_and_filters_by_kind() {
    let w = world().await;
    one_of_each(&w).await;
    let kam = w.app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{}/timeline", w.account);
    let html = kam.text(&path).await;
    for text in [
        "Forty pallets",
        "Deal lost",
        "Too dear",
        "won by Rival Ltd",
        "Met the buyer",
        "Send the price list",
        "Overdue",
        "Board decision",
        "Proposal",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    let deals_only = kam.text(&format!("{path}?kind=deal")).await;
    assert!(deals_only.contains("Winter tender"));
    assert!(!deals_only.contains("Forty pallets"));

    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'kam@x.test'")
        .execute(w.app.pool())
        .await
        .unwrap();
    let ru = kam.text(&path).await;
    assert!(ru.contains("Сделка проиграна"), "the Russian stream");
    assert!(ru.contains("Просрочено"));
}

#[tokio::test]
async fn the_exports_hold_the_filtered_stream() {
    let w = world().await;
    one_of_each(&w).await;
    let assistant = w.app.signed_in("assistant@x.test").await;
    // The assistant is not on the team: the account is not theirs to see.
    let path = format!("/accounts/{}/timeline.csv", w.account);
    assert_eq!(assistant.get(&path).await.status(), StatusCode::NOT_FOUND);

    let kam = w.app.signed_in("kam@x.test").await;
    let csv = kam.text(&format!("{path}?kind=order")).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains("Forty pallets") && lines[1].contains("1500"));
    let res = kam
        .get(&format!("/accounts/{}/timeline.xlsx?kind=deal", w.account))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn a_handovers_reason_and_note_travel_with_the_stint_it_started() {
    let w = world().await;
    exec(
        &w.app,
        "WITH h AS (
             INSERT INTO account_handovers (id, account_id, to_user_id, reason, note, handed_on, by_user_id)
             VALUES (gen_random_uuid(), $1, $2, 'rebalance', 'Took over after the reorganisation', current_date, $2)
             RETURNING id)
         UPDATE account_team SET handover_id = (SELECT id FROM h) WHERE account_id = $1 AND user_id = $2",
        w.account,
        w.kam,
    )
    .await;
    let kam = w.app.signed_in("kam@x.test").await;
    let html = kam
        .text(&format!("/accounts/{}/timeline?kind=team", w.account))
        .await;
    assert!(html.contains("Joined the team"), "{html}");
    assert!(html.contains("Owner · "), "the role");
    assert!(html.contains("Took over after the reorganisation"));
}

/// The assistant, on the account's team.
async fn assistant_on_team(w: &World) -> UserId {
    let assistant: UserId =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'assistant@x.test'")
            .fetch_one(w.app.pool())
            .await
            .unwrap();
    w.app.add_to_team(w.account, assistant, "assistant").await;
    assistant
}

/// An order's status moves (logged through the pages) are entries of their own, newest first
/// above the order's placement, each with who moved it, from what to what; in both languages.
#[tokio::test]
async fn an_orders_status_moves_are_entries_with_who_and_when() {
    let w = world().await;
    assistant_on_team(&w).await;
    let placed_on = (chrono::Utc::now().date_naive() - chrono::Days::new(3)).to_string();
    let a = w.app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            &format!("/accounts/{}/orders", w.account),
            &[
                ("ordered_on", placed_on.as_str()),
                ("amount", "500"),
                ("margin", "50"),
                ("description", "Twelve pallets"),
                ("status", "placed"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let order: uuid::Uuid = sqlx::query_scalar("SELECT id FROM orders WHERE account_id = $1")
        .bind(w.account)
        .fetch_one(w.app.pool())
        .await
        .unwrap();
    let k = w.app.signed_in("kam@x.test").await;
    let status = format!("/accounts/{}/orders/{order}/status", w.account);
    for (to, version) in [("confirmed", "1"), ("shipped", "2")] {
        let res = k.post(&status, &[("to", to), ("version", version)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{to}");
    }
    let res = a
        .post(&status, &[("to", "delivered"), ("version", "3")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let entries = read(w.app.pool(), w.account, &window(Some(Kind::Order), 0, None))
        .await
        .unwrap();
    let seen: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                e.event,
                e.old_value.as_deref(),
                e.new_value.as_deref(),
                e.who.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                Event::OrderStatus,
                Some("shipped"),
                Some("delivered"),
                Some("assistant")
            ),
            (
                Event::OrderStatus,
                Some("confirmed"),
                Some("shipped"),
                Some("kam")
            ),
            (
                Event::OrderStatus,
                Some("placed"),
                Some("confirmed"),
                Some("kam")
            ),
            (Event::OrderPlaced, None, None, Some("assistant")),
        ]
    );
    assert!(
        entries[..3]
            .iter()
            .all(|e| e.timed && e.ref_id == Some(order))
    );
    assert!(entries[0].at > entries[1].at && entries[1].at > entries[2].at);
    assert_eq!(
        entries[3].code.as_deref(),
        Some("delivered"),
        "the placement shows the status now"
    );
    let oldest = read(
        w.app.pool(),
        w.account,
        &Window {
            direction: Direction::OldestFirst,
            ..window(Some(Kind::Order), 0, None)
        },
    )
    .await
    .unwrap();
    assert_eq!(oldest.first().map(|e| e.event), Some(Event::OrderPlaced));

    let html = k
        .text(&format!("/accounts/{}/timeline?kind=order", w.account))
        .await;
    assert!(html.contains("Order status changed"), "{html}");
    assert!(html.contains("Shipped → Delivered"));
    assert!(html.contains("Twelve pallets"));
    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'kam@x.test'")
        .execute(w.app.pool())
        .await
        .unwrap();
    let html = k
        .text(&format!("/accounts/{}/timeline?kind=order", w.account))
        .await;
    assert!(html.contains("Статус заказа изменён"), "{html}");
    assert!(html.contains("Подтверждён → Отгружен"));
}

/// An interaction's entry names every participant: all the client's people and all of ours.
#[tokio::test]
async fn an_interactions_entry_names_all_its_participants() {
    let w = world().await;
    let assistant = assistant_on_team(&w).await;
    let boris = w.app.contact(w.account, "Boris Ivanov", None).await;
    let anna = w.app.contact(w.account, "Anna Petrova", None).await;
    let mut conn = w.app.pool().acquire().await.unwrap();
    kamdesk::db::interactions::insert_many(
        &mut conn,
        &[kamdesk::db::interactions::NewInteraction {
            id: kamdesk::domain::ids::InteractionId::new(),
            account_id: w.account,
            contacts: vec![boris, anna],
            users: vec![w.kam, assistant],
            kind: kamdesk::domain::interaction::InteractionKind::Meeting,
            occurred_at: chrono::Utc::now() - chrono::Duration::days(1),
            summary: "Quarterly review".into(),
            next_step: String::new(),
            follow_up_id: None,
            logged_by: Some(w.kam),
            created_at: None,
        }],
    )
    .await
    .unwrap();
    drop(conn);
    let entries = read(
        w.app.pool(),
        w.account,
        &window(Some(Kind::Interaction), 0, None),
    )
    .await
    .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].note.as_deref(),
        Some("Anna Petrova, Boris Ivanov")
    );
    assert_eq!(entries[0].who.as_deref(), Some("assistant, kam"));
    let k = w.app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{}/timeline?kind=interaction", w.account);
    let html = k.text(&path).await;
    assert!(html.contains("with Anna Petrova, Boris Ivanov"), "{html}");
    assert!(html.contains("assistant, kam"));
    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'kam@x.test'")
        .execute(w.app.pool())
        .await
        .unwrap();
    let html = k.text(&path).await;
    assert!(
        html.contains("с контактами: Anna Petrova, Boris Ivanov"),
        "plural in Russian: {html}"
    );
}
