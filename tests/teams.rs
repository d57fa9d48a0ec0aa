//! Account teams: handovers and the ownership history, the one-owner rule under concurrent
//! assignments, members with functions and dates, who assists whom, the unowned-key alarm,
//! KAMs' load, and KAMs' offers to take on unowned key clients.

mod common;

use common::{Client, TestApp, location};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// Five clients of rising potential, all of strategic importance 5: the cap (20% of 5) makes
/// exactly one key client, "Client 5", owned by `key_owner`.
async fn five_clients(app: &TestApp, key_owner: Option<UserId>) -> Vec<AccountId> {
    let mut ids = vec![];
    for i in 1..=5 {
        let owner = if i == 5 { key_owner } else { None };
        ids.push(
            app.account(&format!("Client {i}"), "active", i * 1000, 5, owner)
                .await,
        );
    }
    app.recompute().await;
    ids
}

async fn current_owner(app: &TestApp, account: AccountId) -> Option<String> {
    sqlx::query_scalar(
        "SELECT u.email FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.team_role = 'owner' AND t.ended_on IS NULL",
    )
    .bind(account)
    .fetch_optional(app.pool())
    .await
    .unwrap()
}

async fn current_team(app: &TestApp, account: AccountId) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT u.email, t.team_role FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.ended_on IS NULL ORDER BY u.email",
    )
    .bind(account)
    .fetch_all(app.pool())
    .await
    .unwrap()
}

async fn assign_assistant(app: &TestApp, assistant: UserId, kam: UserId) {
    sqlx::query("INSERT INTO kam_assistants (assistant_id, kam_id) VALUES ($1, $2)")
        .bind(assistant)
        .bind(kam)
        .execute(app.pool())
        .await
        .unwrap();
}

async fn hand_over(
    c: &Client,
    account: AccountId,
    to: &str,
    current: &str,
    reason: &str,
    note: &str,
) -> reqwest::Response {
    c.post(
        &format!("/accounts/{account}/team/owner"),
        &[
            ("new_owner", to),
            ("current_owner", current),
            ("reason", reason),
            ("note", note),
        ],
    )
    .await
}

#[tokio::test]
async fn a_handover_moves_the_owner_and_their_assistants_and_the_history_shows_every_owner() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    let anna_assistant = app.user("anna-assistant@x.test", Role::Assistant).await;
    let boris_assistant = app.user("boris-assistant@x.test", Role::Assistant).await;
    assign_assistant(&app, anna_assistant, anna).await;
    assign_assistant(&app, boris_assistant, boris).await;
    let client = app.account("Acme", "active", 1000, 3, Some(anna)).await;
    app.add_to_team(client, anna_assistant, "assistant").await;
    let d = app.signed_in("director@x.test").await;

    let res = hand_over(
        &d,
        client,
        &boris.to_string(),
        &anna.to_string(),
        "rebalance",
        "Tender on 12 March; call the buyer first.",
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/accounts/{client}/team"));
    assert_eq!(
        current_team(&app, client).await,
        [
            ("boris-assistant@x.test".into(), "assistant".into()),
            ("boris@x.test".into(), "owner".into())
        ],
        "the new owner's assistant joined, the previous owner's left"
    );
    let html = d.text(&format!("/accounts/{client}/team")).await;
    let history = &html[html.find("id=\"history\"").unwrap()..];
    let boris_row = history.find("boris").unwrap();
    let anna_row = history.find("anna").unwrap();
    assert!(boris_row < anna_row, "the current owner first");
    assert!(history.contains("Evening out the workload"));
    assert!(history.contains("Tender on 12 March; call the buyer first."));
    let ended: Vec<(String, Option<chrono::NaiveDate>)> = sqlx::query_as(
        "SELECT u.email, t.ended_on FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.team_role = 'owner' ORDER BY t.started_on, t.created_at",
    )
    .bind(client)
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(ended.len(), 2);
    assert_eq!(ended[0].0, "anna@x.test");
    assert_eq!(ended[0].1, Some(chrono::Utc::now().date_naive()));
    assert_eq!(ended[1], ("boris@x.test".into(), None));
    let audit: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT entity, field, old_value, new_value FROM audit_log WHERE account_id = $1 ORDER BY id",
    )
    .bind(client)
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(
        audit,
        [
            (
                "account_handover".into(),
                "owner".into(),
                Some("anna".into()),
                Some("boris".into())
            ),
            (
                "account_team".into(),
                "left".into(),
                Some("anna-assistant".into()),
                None
            ),
            (
                "account_team".into(),
                "joined".into(),
                None,
                Some("boris-assistant".into())
            ),
        ]
    );
}

#[tokio::test]
async fn a_handover_without_a_reason_to_a_non_kam_or_to_the_same_owner_is_refused_beside_the_field()
{
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    let client = app.account("Acme", "active", 1000, 3, Some(anna)).await;
    let d = app.signed_in("director@x.test").await;
    let anna_id = anna.to_string();

    let res = hand_over(&d, client, &boris.to_string(), &anna_id, "", "").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("A handover needs a reason."), "{html}");
    assert!(
        html.contains("Please fill this in."),
        "the note is required"
    );
    assert!(
        html.contains(&format!("value=\"{boris}\" selected")),
        "input kept"
    );

    let res = hand_over(&d, client, &assistant.to_string(), &anna_id, "other", "x").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Only a key account manager can own a client.")
    );

    let res = hand_over(&d, client, &anna_id, &anna_id, "other", "x").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This KAM already owns the client.")
    );

    let res = hand_over(
        &d,
        client,
        &boris.to_string(),
        &anna_id,
        "offer_accepted",
        "x",
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an accepted offer is recorded only by accepting the offer"
    );
    assert_eq!(
        current_owner(&app, client).await.as_deref(),
        Some("anna@x.test")
    );
    let handovers: i64 = sqlx::query_scalar("SELECT count(*) FROM account_handovers")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(handovers, 0, "nothing saved");
}

#[tokio::test]
async fn two_directors_assigning_an_owner_at_once_leave_one_owner_and_tell_the_second_why() {
    let app = TestApp::spawn().await;
    app.user("director1@x.test", Role::Director).await;
    app.user("director2@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    let ids = five_clients(&app, None).await;
    let client = ids[4];
    // Writing a team row takes 300 ms, as on a busy database: both requests are inside the
    // window between reading the owner and committing at the same time.
    sqlx::raw_sql(
        "CREATE FUNCTION slow_team() RETURNS trigger AS $$
         BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER slow_team BEFORE INSERT ON account_team
             FOR EACH ROW EXECUTE FUNCTION slow_team();",
    )
    .execute(app.pool())
    .await
    .unwrap();
    let (d1, d2) = (
        app.signed_in("director1@x.test").await,
        app.signed_in("director2@x.test").await,
    );
    let (t1, t2) = (d1.session_csrf().await, d2.session_csrf().await);
    let path = format!("/accounts/{client}/team/owner");
    let (anna_id, boris_id) = (anna.to_string(), boris.to_string());
    let form = |to: &str, token: &str| -> Vec<(String, String)> {
        [
            ("new_owner", to),
            ("current_owner", ""),
            ("reason", "unowned"),
            ("note", "Yours now."),
            ("csrf_token", token),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let (f1, f2) = (form(&anna_id, &t1), form(&boris_id, &t2));
    fn as_refs(f: &[(String, String)]) -> Vec<(&str, &str)> {
        f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }
    let (f1, f2) = (as_refs(&f1), as_refs(&f2));
    let (r1, r2) = tokio::join!(
        d1.post_without_csrf(&path, &f1),
        d2.post_without_csrf(&path, &f2)
    );
    let mut statuses = [r1.status(), r2.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let refused = if r1.status() == StatusCode::CONFLICT {
        r1
    } else {
        r2
    };
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Someone else changed the owner in the meantime.")
    );
    let owners: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM account_team WHERE account_id = $1 AND team_role = 'owner' AND ended_on IS NULL",
    )
    .bind(client)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(owners, 1);
    let handovers: i64 = sqlx::query_scalar("SELECT count(*) FROM account_handovers")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(handovers, 1);
}

#[tokio::test]
async fn the_unowned_key_alarm_shows_on_every_director_page_until_an_owner_is_assigned() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    app.user("kam@x.test", Role::Kam).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let ids = five_clients(&app, None).await;
    let d = app.signed_in("director@x.test").await;
    for page in [
        "/",
        "/key-clients",
        "/settings/scoring",
        "/reviews",
        "/ownership",
    ] {
        let html = d.text(page).await;
        assert!(
            html.contains("1 key client has no owner. Assign one."),
            "{page}"
        );
    }
    let k = app.signed_in("kam@x.test").await;
    assert!(
        !k.text("/").await.contains("Assign one."),
        "the banner is for those who assign owners"
    );
    let ownership = d.text("/ownership").await;
    let table = &ownership[ownership.find("class=\"keylist\"").unwrap()..];
    assert!(
        table.find("Client 5").unwrap() < table.find("No owner").unwrap() + 200,
        "the unowned key client is listed, marked"
    );

    let res = hand_over(&d, ids[4], &anna.to_string(), "", "unowned", "Welcome.").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = d.text(&location(&res)).await;
    assert!(!html.contains("Assign one."), "the alarm clears at once");
    let stored: i32 = sqlx::query_scalar("SELECT unowned_key FROM scoring_state")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn workload_counts_each_kams_key_clients_against_the_guidance() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let busy = app.user("busy@x.test", Role::Kam).await;
    let light = app.user("light@x.test", Role::Kam).await;
    app.user("idle@x.test", Role::Kam).await;
    // 60 clients: 12 key places. The best eleven belong to busy, the twelfth to light; the
    // rest, not key, to light as well (they do not count).
    for i in 1..=60 {
        let owner = if i > 49 { Some(busy) } else { Some(light) };
        app.account(&format!("Client {i:02}"), "active", i * 1000, 5, owner)
            .await;
    }
    app.recompute().await;
    let load: Vec<(String, i32)> = sqlx::query_as(
        "SELECT u.name, l.key_accounts FROM owner_load l JOIN users u ON u.id = l.user_id ORDER BY u.name",
    )
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(load, [("busy".into(), 11), ("light".into(), 1)]);
    let html = app
        .signed_in("director@x.test")
        .await
        .text("/ownership")
        .await;
    let workload =
        &html[html.find("id=\"workload\"").unwrap()..html.find("id=\"offers\"").unwrap()];
    for (name, count, mark) in [
        ("busy", 11, "Overloaded"),
        ("light", 1, "Room for more"),
        ("idle", 0, "Idle"),
    ] {
        let row = &workload[workload.find(&format!(">{name}</a>")).unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(
            row.contains(&format!("<td class=\"num\">{count}</td>")),
            "{row}"
        );
        assert!(row.contains(mark), "{name}: {row}");
    }
}

#[tokio::test]
async fn a_kam_sees_an_unowned_key_client_offers_to_take_it_and_a_director_accepts() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("rival@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    assign_assistant(&app, assistant, kam).await;
    let ids = five_clients(&app, None).await;
    let key = ids[4];
    let k = app.signed_in("kam@x.test").await;

    // The key profile, not the account: the team page opens, the dossier does not.
    assert_eq!(
        k.get(&format!("/accounts/{key}/team")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        k.get(&format!("/accounts/{key}")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        k.get(&format!("/accounts/{}/team", ids[3])).await.status(),
        StatusCode::NOT_FOUND,
        "a client that is not key stays out of sight"
    );
    let list = k.text("/key-clients?unowned=1").await;
    assert!(
        list.contains(&format!("href=\"/accounts/{key}/team\"")),
        "{list}"
    );
    let res = k
        .post(
            &format!("/accounts/{key}/team/owner"),
            &[("new_owner", "x")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "a KAM does not assign");

    let res = k
        .post(&format!("/accounts/{key}/offers"), &[("note", "")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let offer = |note: &'static str| [("note", note)];
    let res = k
        .post(
            &format!("/accounts/{key}/offers"),
            &offer("I know their purchasing director."),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = k
        .post(&format!("/accounts/{key}/offers"), &offer("Again."))
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "one open offer"
    );
    let r = app.signed_in("rival@x.test").await;
    let res = r
        .post(&format!("/accounts/{key}/offers"), &offer("Me too."))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let d = app.signed_in("director@x.test").await;
    let ownership = d.text("/ownership").await;
    assert!(ownership.contains("I know their purchasing director."));
    let (offer_id, version): (uuid::Uuid, i32) = sqlx::query_as(
        "SELECT o.id, o.version FROM ownership_offers o JOIN users u ON u.id = o.kam_id WHERE u.email = 'kam@x.test'",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    let res = d
        .post(
            &format!("/accounts/{key}/offers/{offer_id}"),
            &[
                ("decision", "accept"),
                ("answer", ""),
                ("version", &version.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        current_owner(&app, key).await.as_deref(),
        Some("kam@x.test")
    );
    assert_eq!(
        current_team(&app, key).await,
        [
            ("assistant@x.test".into(), "assistant".into()),
            ("kam@x.test".into(), "owner".into())
        ]
    );
    let statuses: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, o.status FROM ownership_offers o JOIN users u ON u.id = o.kam_id ORDER BY u.email",
    )
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(
        statuses,
        [
            ("kam@x.test".into(), "accepted".into()),
            ("rival@x.test".into(), "superseded".into())
        ]
    );
    let (reason, note, offer): (String, String, Option<uuid::Uuid>) =
        sqlx::query_as("SELECT reason, note, offer_id FROM account_handovers")
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(
        (reason.as_str(), note.as_str(), offer),
        (
            "offer_accepted",
            "I know their purchasing director.",
            Some(offer_id)
        )
    );
    // Now on the team: the KAM opens the account itself.
    assert_eq!(
        k.get(&format!("/accounts/{key}")).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_declined_offer_needs_an_answer_and_is_recorded() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    app.user("kam@x.test", Role::Kam).await;
    let ids = five_clients(&app, None).await;
    let key = ids[4];
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(&format!("/accounts/{key}/offers"), &[("note", "Let me.")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let offer: uuid::Uuid = sqlx::query_scalar("SELECT id FROM ownership_offers")
        .fetch_one(app.pool())
        .await
        .unwrap();
    let d = app.signed_in("director@x.test").await;
    let path = format!("/accounts/{key}/offers/{offer}");
    let res = d
        .post(
            &path,
            &[("decision", "decline"), ("answer", ""), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Tell the KAM why."));
    let res = d
        .post(
            &path,
            &[
                ("decision", "decline"),
                ("answer", "Your portfolio is full."),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = d
        .post(
            &path,
            &[("decision", "accept"), ("answer", ""), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "decided already");
    assert_eq!(current_owner(&app, key).await, None);
    let team_page = k.text(&format!("/accounts/{key}/team")).await;
    assert!(team_page.contains("Declined") && team_page.contains("Your portfolio is full."));
    let audit: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT field, new_value FROM audit_log WHERE entity = 'ownership_offer' ORDER BY id",
    )
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(
        audit,
        [
            ("offer".into(), Some("kam".into())),
            ("status".into(), Some("declined".into()))
        ]
    );
}

#[tokio::test]
async fn a_kam_cannot_see_or_offer_for_an_owned_client_of_another_team() {
    let app = TestApp::spawn().await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("kam@x.test", Role::Kam).await;
    let ids = five_clients(&app, Some(other)).await;
    let k = app.signed_in("kam@x.test").await;
    for path in [
        format!("/accounts/{}/team", ids[4]),
        format!("/accounts/{}", ids[4]),
    ] {
        assert_eq!(k.get(&path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = k
        .post(
            &format!("/accounts/{}/offers", ids[4]),
            &[("note", "Mine?")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn members_join_with_a_function_and_dates_and_a_stale_edit_is_refused() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let finance = app.user("finance@x.test", Role::Kam).await;
    let client = app.account("Acme", "active", 1000, 3, Some(kam)).await;
    let d = app.signed_in("director@x.test").await;
    let path = format!("/accounts/{client}/team/members");
    let fin = finance.to_string();

    let res = d
        .post(
            &path,
            &[
                ("user", &fin),
                ("team_role", "member"),
                ("function", ""),
                ("started_on", "2026-01-10"),
                ("ended_on", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("A team member needs a function."));
    assert!(html.contains("The end cannot come before the start."));
    let res = d
        .post(
            &path,
            &[
                ("user", &fin),
                ("team_role", "assistant"),
                ("function", ""),
                ("started_on", "2026-01-10"),
                ("ended_on", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Only a KAM assistant can join as an assistant.")
    );
    let res = d
        .post(
            &path,
            &[
                ("user", &fin),
                ("team_role", "member"),
                ("function", "finance"),
                ("started_on", "2026-01-10"),
                ("ended_on", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = d.text(&format!("/accounts/{client}/team")).await;
    assert!(
        html.contains("Finance") && html.contains("10 Jan 2026"),
        "{html}"
    );
    let (stint, version): (uuid::Uuid, i32) =
        sqlx::query_as("SELECT id, version FROM account_team WHERE user_id = $1")
            .bind(finance)
            .fetch_one(app.pool())
            .await
            .unwrap();
    let edit = format!("/accounts/{client}/team/members/{stint}");
    let v = version.to_string();
    let res = d
        .post(
            &edit,
            &[
                ("function", "legal"),
                ("started_on", "2026-01-10"),
                ("ended_on", "2026-02-01"),
                ("version", &v),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = d
        .post(
            &edit,
            &[
                ("function", "finance"),
                ("started_on", "2026-01-10"),
                ("ended_on", ""),
                ("version", &v),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a stale version");
    let stored: (Option<String>, Option<chrono::NaiveDate>) =
        sqlx::query_as("SELECT function, ended_on FROM account_team WHERE id = $1")
            .bind(stint)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(
        stored,
        (
            Some("legal".into()),
            chrono::NaiveDate::from_ymd_opt(2026, 2, 1)
        )
    );
    let fields: Vec<String> =
        sqlx::query_scalar("SELECT field FROM audit_log WHERE entity = 'account_team' ORDER BY id")
            .fetch_all(app.pool())
            .await
            .unwrap();
    assert_eq!(fields, ["joined", "function", "ended_on"]);
}

#[tokio::test]
async fn a_director_sets_which_kams_an_assistant_works_for() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    let other = app.user("other-assistant@x.test", Role::Assistant).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let d = app.signed_in("director@x.test").await;
    let path = format!("/assistants/{assistant}");
    let (a, b, o) = (anna.to_string(), boris.to_string(), other.to_string());
    let res = d
        .post(&path, &[("kam", &a), ("kam", &o), ("save", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("An assistant works for KAMs only.")
    );
    let res = d
        .post(&path, &[("kam", &a), ("kam", &b), ("save", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = d.post(&path, &[("kam", &b), ("save", "1")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let kams: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM kam_assistants k JOIN users u ON u.id = k.kam_id WHERE k.assistant_id = $1",
    )
    .bind(assistant)
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(kams, ["boris@x.test"]);
    let audit: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT old_value, new_value FROM audit_log WHERE entity = 'kam_assistants' ORDER BY id",
    )
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(
        audit,
        [
            (Some("".into()), Some("anna, boris".into())),
            (Some("anna, boris".into()), Some("boris".into()))
        ]
    );
    let page = d.text("/assistants").await;
    assert!(page.contains("assistant") && page.contains("boris"));
}
