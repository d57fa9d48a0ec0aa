//! The contact map: contacts created and edited with their input checked, the reports-to loop
//! refused, attitude and influence kept as a timeline, contacts who left, interactions moving
//! the last contact, coverage gaps found, stored and counted, and the SVG map of 50 people.

mod common;

use chrono::{Days, Utc};
use common::TestApp;
use kamdesk::db;
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::contact::{Attitude, DecisionRole, Influence};
use kamdesk::domain::ids::{AccountId, ContactId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;
use std::collections::HashMap;

/// A team (kam, assistant) on one account, a director, and a KAM of another account.
struct Setup {
    app: TestApp,
    account: AccountId,
    other: AccountId,
    kam: UserId,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let other_kam = app.user("other-kam@x.test", Role::Kam).await;
    let account = app
        .account("Romashka", "active", 500_000, 3, Some(kam))
        .await;
    app.add_to_team(account, assistant, "assistant").await;
    let other = app
        .account("Vasilek", "active", 400_000, 2, Some(other_kam))
        .await;
    Setup {
        app,
        account,
        other,
        kam,
    }
}

/// A complete, valid contact form with some fields replaced.
fn contact_form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = vec![
        ("full_name", "Ирина Соколова"),
        ("title", "Finance Director"),
        ("department", "Finance"),
        ("email", "irina@romashka.ru"),
        ("phone", "+7 (495) 123-45-67"),
        ("reports_to", ""),
        ("decision_role", "economic_buyer"),
        ("influence", "high"),
        ("attitude", "supporter"),
        ("covered_by", ""),
        ("measured_on", "Working capital"),
        ("motivation", "Wants predictable prices"),
        ("notes", "Prefers calls before ten."),
        ("change_note", "Met at the budget review"),
    ];
    for (k, v) in overrides {
        match fields.iter_mut().find(|(f, _)| f == k) {
            Some(field) => field.1 = v,
            None => fields.push((k, v)),
        }
    }
    fields
}

async fn count_contacts(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM contacts")
        .fetch_one(app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_kam_adds_a_contact_who_then_shows_in_the_table_with_the_first_reading_of_their_attitude()
{
    let s = setup().await;
    let k = s.app.signed_in("kam@x.test").await;
    let kam = s.kam.to_string();
    let res = k
        .post(
            &format!("/accounts/{}/contacts/new", s.account),
            &contact_form(&[("covered_by", &kam)]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = k.text(&common::location(&res)).await;
    assert!(page.contains("Ирина Соколова") && page.contains("Met at the budget review"));
    let table = k.text(&format!("/accounts/{}/contacts", s.account)).await;
    assert!(table.contains("Ирина Соколова") && table.contains("Finance Director"));
    let (email, covered, history): (String, Option<UserId>, i64) = sqlx::query_as(
        "SELECT c.email, c.covered_by,
                (SELECT count(*) FROM contact_attitude_history h WHERE h.contact_id = c.id)
                + (SELECT count(*) FROM contact_influence_history h WHERE h.contact_id = c.id)
           FROM contacts c",
    )
    .fetch_one(s.app.pool())
    .await
    .unwrap();
    assert_eq!(
        (email.as_str(), covered, history),
        ("irina@romashka.ru", Some(s.kam), 2)
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'contact' AND field = 'created'",
    )
    .fetch_one(s.app.pool())
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn bad_input_is_refused_beside_each_field_with_the_input_kept_and_nothing_saved() {
    let s = setup().await;
    let foreign = s
        .app
        .contact(s.other, "Someone Else", None)
        .await
        .to_string();
    let k = s.app.signed_in("kam@x.test").await;
    let long_title = "T".repeat(101);
    let res = k
        .post(
            &format!("/accounts/{}/contacts/new", s.account),
            &contact_form(&[
                ("full_name", "  "),
                ("email", "irina-at-romashka"),
                ("phone", "call the office"),
                ("title", &long_title),
                ("reports_to", &foreign),
                ("attitude", "enthusiastic"),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    for field in ["full_name", "email", "phone", "title"] {
        assert!(
            html.contains(&format!("aria-describedby=\"{field}-err\">"))
                && html.contains(&format!("id=\"{field}-err\"")),
            "message beside {field}"
        );
    }
    assert!(html.contains("name=\"attitude\" aria-invalid=\"true\""));
    assert!(html.contains("Please fill this in."));
    assert!(html.contains("This does not look like an e-mail address."));
    assert!(html.contains("A phone number holds digits"));
    assert!(html.contains("at most 100"));
    assert!(html.contains("value=\"irina-at-romashka\""), "input kept");
    assert_eq!(count_contacts(&s.app).await, 1, "only the other account's");

    // With the other fields right, the other account's contact is refused as a boss.
    let res = k
        .post(
            &format!("/accounts/{}/contacts/new", s.account),
            &contact_form(&[("reports_to", &foreign)]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Choose a current contact of this client.")
    );
    assert_eq!(count_contacts(&s.app).await, 1);
}

#[tokio::test]
async fn a_reports_to_line_that_would_close_a_loop_is_refused_naming_the_people_between() {
    let s = setup().await;
    let chief = s.app.contact(s.account, "Anna Chief", None).await;
    let director = s
        .app
        .contact(s.account, "Boris Director", Some(chief))
        .await;
    let _buyer = s.app.contact(s.account, "Vera Buyer", Some(director)).await;
    let buyer = _buyer.to_string();
    let k = s.app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{}/contacts/{chief}/edit", s.account),
            &contact_form(&[
                ("full_name", "Anna Chief"),
                ("reports_to", &buyer),
                ("version", "1"),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("This would close a loop"));
    assert!(
        html.contains("(Vera Buyer → Boris Director → Anna Chief)"),
        "the chain beside the field"
    );
    let boss: Option<ContactId> =
        sqlx::query_scalar("SELECT reports_to FROM contacts WHERE id = $1")
            .bind(chief)
            .fetch_one(s.app.pool())
            .await
            .unwrap();
    assert_eq!(boss, None, "nothing saved");
    // Reporting to oneself is not offered, and refused when sent.
    let me = chief.to_string();
    let res = k
        .post(
            &format!("/accounts/{}/contacts/{chief}/edit", s.account),
            &contact_form(&[("reports_to", &me), ("version", "1")]),
        )
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("A contact cannot report to themselves.")
    );
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_both_versions_side_by_side_and_the_input_kept() {
    let s = setup().await;
    let person = s.app.contact(s.account, "Irina Sokolova", None).await;
    let path = format!("/accounts/{}/contacts/{person}/edit", s.account);
    let k = s.app.signed_in("kam@x.test").await;
    let d = s.app.signed_in("director@x.test").await;
    // Both open the form at version 1; the director saves first.
    let res = d
        .post(
            &path,
            &contact_form(&[("title", "Chief Financial Officer"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = k
        .post(
            &path,
            &contact_form(&[("title", "Head of Treasury"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone else changed this in the meantime"));
    assert!(html.contains(
        "<td class=\"prose\">Head of Treasury</td><td class=\"prose\">Chief Financial Officer</td>"
    ));
    assert!(
        html.contains("value=\"Head of Treasury\""),
        "the form keeps the input"
    );
    assert!(
        html.contains("name=\"version\" value=\"2\""),
        "based on the stored version"
    );
    let title: String = sqlx::query_scalar("SELECT title FROM contacts WHERE id = $1")
        .bind(person)
        .fetch_one(s.app.pool())
        .await
        .unwrap();
    assert_eq!(title, "Chief Financial Officer");
    // Saving again over the version shown keeps the KAM's.
    let res = k
        .post(
            &path,
            &contact_form(&[("title", "Head of Treasury"), ("version", "2")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_change_of_attitude_and_influence_is_kept_with_date_author_and_comment() {
    let s = setup().await;
    let cfo = s.app.contact(s.account, "Oleg CFO", None).await;
    let path = format!("/accounts/{}/contacts/{cfo}/edit", s.account);
    let k = s.app.signed_in("kam@x.test").await;
    let steps = [
        ("supporter", "high", "Backed our offer at the board", "1"),
        ("opponent", "high", "Lost him over the price increase", "2"),
        ("opponent", "medium", "Budget moved to the CEO", "3"),
    ];
    for (attitude, influence, note, version) in steps {
        let res = k
            .post(
                &path,
                &contact_form(&[
                    ("full_name", "Oleg CFO"),
                    ("attitude", attitude),
                    ("influence", influence),
                    ("change_note", note),
                    ("version", version),
                ]),
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{note}");
    }
    let history = db::contacts::stance_history(s.app.pool(), cfo)
        .await
        .unwrap();
    let attitudes: Vec<(Option<Attitude>, &str)> = history
        .iter()
        .filter(|h| !h.is_influence)
        .map(|h| (h.attitude, h.note.as_str()))
        .collect();
    assert_eq!(
        attitudes,
        [
            (Some(Attitude::Opponent), "Lost him over the price increase"),
            (Some(Attitude::Supporter), "Backed our offer at the board"),
        ],
        "newest first; an unchanged attitude records nothing"
    );
    let influences: Vec<Option<Influence>> = history
        .iter()
        .filter(|h| h.is_influence)
        .map(|h| h.influence)
        .collect();
    assert_eq!(influences, [Some(Influence::Medium), Some(Influence::High)]);
    assert!(
        history
            .iter()
            .all(|h| h.changed_by_name.as_deref() == Some("kam"))
    );
    let page = k
        .text(&format!("/accounts/{}/contacts/{cfo}", s.account))
        .await;
    assert!(
        page.contains("Lost him over the price increase"),
        "when did we lose the CFO?"
    );
    // The account's history tab lists the same edits under "Contacts", values named.
    let history = k
        .text(&format!("/accounts/{}/history?section=contacts", s.account))
        .await;
    assert!(history.contains("Attitude to us"), "{history}");
    assert!(history.contains("Opponent") && history.contains("(Oleg CFO)"));
    // The overview counts the contact and names what is missing.
    let overview = k.text(&format!("/accounts/{}", s.account)).await;
    assert!(overview.contains("One current contact."), "{overview}");
    assert!(overview.contains("No champion"));
}

#[tokio::test]
async fn a_contact_who_left_stays_in_the_history_but_leaves_the_map_and_the_current_table() {
    let s = setup().await;
    let person = s.app.contact(s.account, "Pavel Leaving", None).await;
    s.app.contact(s.account, "Nina Staying", None).await;
    let k = s.app.signed_in("kam@x.test").await;
    let gone = format!("/accounts/{}/contacts/{person}/gone", s.account);
    let tomorrow = (Utc::now().date_naive() + Days::new(1)).to_string();
    let res = k
        .post(
            &gone,
            &[("action", "gone"), ("gone_on", &tomorrow), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This date is in the future.")
    );
    let res = k
        .post(
            &gone,
            &[
                ("action", "gone"),
                ("gone_on", "2026-01-15"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (gone_on, active): (Option<chrono::NaiveDate>, bool) =
        sqlx::query_as("SELECT gone_on, active FROM contacts WHERE id = $1")
            .bind(person)
            .fetch_one(s.app.pool())
            .await
            .unwrap();
    assert_eq!(gone_on, chrono::NaiveDate::from_ymd_opt(2026, 1, 15));
    assert!(!active);
    let current = k.text(&format!("/accounts/{}/contacts", s.account)).await;
    assert!(!current.contains("Pavel Leaving") && current.contains("Nina Staying"));
    let gone_list = k
        .text(&format!("/accounts/{}/contacts?state=gone", s.account))
        .await;
    assert!(gone_list.contains("Pavel Leaving") && !gone_list.contains("Nina Staying"));
    let map = k.text(&format!("/accounts/{}/map", s.account)).await;
    assert!(!map.contains("Pavel Leaving") && map.contains("Nina Staying"));
    assert!(map.contains("1 contact who left the client is not on the map."));
    // And back again.
    let res = k.post(&gone, &[("action", "back"), ("version", "2")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let map = k.text(&format!("/accounts/{}/map", s.account)).await;
    assert!(map.contains("Pavel Leaving"));
}

#[tokio::test]
async fn logging_an_interaction_moves_its_participants_last_contact_and_can_raise_a_follow_up() {
    let s = setup().await;
    let a = s.app.contact(s.account, "Anna Present", None).await;
    let b = s.app.contact(s.account, "Boris Present", Some(a)).await;
    let c = s.app.contact(s.account, "Vera Absent", Some(a)).await;
    let assistant: UserId =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'assistant@x.test'")
            .fetch_one(s.app.pool())
            .await
            .unwrap();
    let today = Utc::now().date_naive();
    let week = (today - Days::new(7)).to_string();
    let due = (today + Days::new(3)).to_string();
    // An assistant of the team logs it, with the KAM on our side.
    let x = s.app.signed_in("assistant@x.test").await;
    let path = format!("/accounts/{}/interactions/new", s.account);
    let (a_s, b_s, kam_s, asst_s) = (
        a.to_string(),
        b.to_string(),
        s.kam.to_string(),
        assistant.to_string(),
    );
    let res = x
        .post(
            &path,
            &[
                ("date", week.as_str()),
                ("time", "10:30"),
                ("kind", "meeting"),
                ("contact", &a_s),
                ("contact", &b_s),
                ("user", &kam_s),
                ("user", &asst_s),
                ("summary", "Quarterly review: volumes up 10%."),
                ("next_step", "Send the revised price list"),
                ("follow_up", "1"),
                ("due_on", &due),
                ("assignee", &asst_s),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let last: HashMap<ContactId, Option<chrono::NaiveDate>> =
        sqlx::query_as::<_, (ContactId, Option<chrono::NaiveDate>)>(
            "SELECT id, last_contact_on FROM contacts",
        )
        .fetch_all(s.app.pool())
        .await
        .unwrap()
        .into_iter()
        .collect();
    let week_date = today - Days::new(7);
    assert_eq!(last[&a], Some(week_date));
    assert_eq!(last[&b], Some(week_date));
    assert_eq!(last[&c], None, "who was not there keeps their date");
    let (title, assignee, follow_up_due): (String, UserId, chrono::NaiveDate) = sqlx::query_as(
        "SELECT f.title, f.assignee_id, f.due_on FROM follow_ups f JOIN interactions i ON i.follow_up_id = f.id",
    )
    .fetch_one(s.app.pool())
    .await
    .unwrap();
    assert_eq!(
        (title.as_str(), assignee, follow_up_due),
        (
            "Send the revised price list",
            assistant,
            today + Days::new(3)
        )
    );
    // An older interaction logged late does not move the date back.
    let month = (today - Days::new(30)).to_string();
    let res = x
        .post(
            &path,
            &[
                ("date", month.as_str()),
                ("kind", "call"),
                ("contact", &a_s),
                ("user", &asst_s),
                ("summary", "Earlier call, logged late."),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let a_last: Option<chrono::NaiveDate> =
        sqlx::query_scalar("SELECT last_contact_on FROM contacts WHERE id = $1")
            .bind(a)
            .fetch_one(s.app.pool())
            .await
            .unwrap();
    assert_eq!(a_last, Some(week_date));
    let list = x
        .text(&format!("/accounts/{}/interactions", s.account))
        .await;
    assert!(list.contains("Anna Present, Boris Present") && list.contains("assistant, kam"));
    assert!(list.contains("2 interactions"));
    // A follow-up without a next step, nobody on our side, a date to come: refused beside each.
    let res = x
        .post(
            &path,
            &[
                ("date", due.as_str()),
                ("kind", "call"),
                ("summary", "x"),
                ("follow_up", "1"),
                ("due_on", &due),
                ("assignee", &asst_s),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("This date is in the future."));
    assert!(html.contains("Tick at least one person on our side."));
    assert!(html.contains("Write the next step to make it a follow-up."));
}

#[tokio::test]
async fn an_assistant_of_the_team_logs_interactions_but_does_not_edit_contacts() {
    let s = setup().await;
    let person = s.app.contact(s.account, "Irina Sokolova", None).await;
    let x = s.app.signed_in("assistant@x.test").await;
    let res = x
        .post(
            &format!("/accounts/{}/contacts/new", s.account),
            &contact_form(&[]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = x
        .post(
            &format!("/accounts/{}/contacts/{person}/edit", s.account),
            &contact_form(&[("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let page = x
        .text(&format!("/accounts/{}/contacts/{person}", s.account))
        .await;
    assert!(!page.contains("/edit\""), "no edit link offered");
    assert!(page.contains("Log an interaction"));
    // A contact of another account through this account's path is not found.
    let foreign = s.app.contact(s.other, "Someone Else", None).await;
    let d = s.app.signed_in("director@x.test").await;
    let res = d
        .get(&format!("/accounts/{}/contacts/{foreign}", s.account))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// A contact of `account` with a role, influence, coverage and last contact, through the
/// writer.
async fn person(
    app: &TestApp,
    account: AccountId,
    role: DecisionRole,
    influence: Influence,
    covered_by: Option<UserId>,
    days_since_contact: u64,
) -> ContactId {
    let id = app.contact(account, "Person", None).await;
    let mut conn = app.pool().acquire().await.unwrap();
    let row = db::contacts::get(&mut *conn, account, id)
        .await
        .unwrap()
        .unwrap();
    let edit = db::contacts::ContactDetails {
        decision_role: Some(role),
        influence: Some(influence),
        covered_by,
        ..db::contacts::ContactDetails::named(
            kamdesk::domain::user::PersonName::parse(&format!("{role:?} {influence:?}")).unwrap(),
        )
    };
    db::contacts::update(&mut conn, account, id, row.version, &edit)
        .await
        .unwrap();
    let last = Utc::now().date_naive() - Days::new(days_since_contact);
    sqlx::query("UPDATE contacts SET last_contact_on = $2, created_at = $2::date WHERE id = $1")
        .bind(id)
        .bind(last)
        .execute(app.pool())
        .await
        .unwrap();
    db::contacts::refresh_gaps(&mut conn, &[account])
        .await
        .unwrap();
    id
}

/// The whole base's stored gap tallies (what the cockpit reads) equal a count over every
/// account's figures, for every client and for key clients; returns every client's.
async fn tallies_match_a_count(app: &TestApp) -> db::contacts::GapCounts {
    let today = Utc::now().date_naive();
    for key_only in [false, true] {
        let stored = db::contacts::gap_counts(app.pool(), AccountScope::All, key_only, today)
            .await
            .unwrap();
        let counted = db::contacts::count_gaps(app.pool(), AccountScope::All, key_only, today)
            .await
            .unwrap();
        assert_eq!(stored, counted, "key clients only: {key_only}");
    }
    db::contacts::gap_counts(app.pool(), AccountScope::All, false, today)
        .await
        .unwrap()
}

/// The key clients, as the last recompute stored them.
async fn key_clients(app: &TestApp) -> Vec<AccountId> {
    sqlx::query_scalar("SELECT account_id FROM scoring_results WHERE is_key ORDER BY account_id")
        .fetch_all(app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn coverage_gaps_are_found_on_the_map_and_counted_for_the_cockpit_from_stored_figures() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    let covered_well = app
        .account("Covered Co", "active", 900_000, 3, Some(kam))
        .await;
    let uncovered = app
        .account("Uncovered Co", "active", 800_000, 3, Some(kam))
        .await;
    let blocked = app
        .account("Blocked Co", "active", 700_000, 3, Some(other))
        .await;
    let silent = app
        .account("Silent Co", "prospect", 600_000, 3, Some(other))
        .await;
    use DecisionRole::{Blocker, Champion, DecisionMaker, EconomicBuyer};
    use Influence::{High, Low, Medium};
    // (account, role, influence, covered by, days since the last contact)
    let people = [
        (covered_well, DecisionMaker, High, Some(kam), 5),
        (covered_well, Champion, Medium, Some(kam), 10),
        (uncovered, EconomicBuyer, High, None, 5),
        (uncovered, Champion, Low, Some(kam), 5),
        (blocked, Blocker, High, Some(other), 5),
        (silent, Champion, High, Some(other), 120),
    ];
    let mut ids = Vec::new();
    for (account, role, influence, covered_by, days) in people {
        ids.push(person(&app, account, role, influence, covered_by, days).await);
    }
    let dm = ids[2];
    app.account("Empty Co", "active", 500_000, 3, Some(other))
        .await;
    app.account("Lost Co", "lost", 500_000, 3, Some(other))
        .await;
    let today = Utc::now().date_naive();
    app.recompute().await;

    let all = tallies_match_a_count(&app).await;
    assert_eq!(
        all,
        db::contacts::GapCounts {
            no_contact: 1,
            uncovered_decider: 1,
            no_champion: 1,
            strong_blocker: 1,
            stale: 1,
            any: 4,
        },
        "a lost client is not in the base; a client without contacts has no other gap"
    );
    let mine = db::contacts::gap_counts(
        app.pool(),
        AccountScope::for_user(kam, Role::Kam),
        false,
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        (mine.uncovered_decider, mine.any),
        (1, 1),
        "the KAM's own clients only"
    );

    app.user("director@x.test", Role::Director).await;
    let d = app.signed_in("director@x.test").await;
    let map = d.text(&format!("/accounts/{uncovered}/map")).await;
    assert!(map.contains(
        "1 decision maker or economic buyer nobody on our side covers: EconomicBuyer High"
    ));
    let map = d.text(&format!("/accounts/{silent}/map")).await;
    assert!(map.contains("1 contact without an interaction for more than 90 days"));
    // The cockpit shows the same counts, for key clients and for the whole base.
    let key = db::contacts::gap_counts(app.pool(), AccountScope::All, true, today)
        .await
        .unwrap();
    let cockpit = d.text("/dashboard").await;
    assert!(
        cockpit.contains(&format!(
            "<th scope=\"row\">No champion</th><td class=\"num\">{}</td><td class=\"num\">1</td>",
            key.no_champion
        )),
        "{cockpit}"
    );
    assert!(cockpit.contains(&format!(
        "<th scope=\"row\">At least one of these gaps</th><td class=\"num\">{}</td><td class=\"num\">4</td>",
        key.any
    )));

    // Covering the buyer closes the gap in the same transaction as the edit.
    let row = db::contacts::get(app.pool(), uncovered, dm)
        .await
        .unwrap()
        .unwrap();
    let kam_s = kam.to_string();
    let version = row.version.to_string();
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{uncovered}/contacts/{dm}/edit"),
            &contact_form(&[
                ("full_name", "Buyer"),
                ("decision_role", "economic_buyer"),
                ("covered_by", &kam_s),
                ("version", &version),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let all = tallies_match_a_count(&app).await;
    assert_eq!((all.uncovered_decider, all.any), (0, 3));
    // A second strong blocker, at a client that had no gap.
    person(&app, covered_well, Blocker, High, Some(kam), 5).await;
    let all = tallies_match_a_count(&app).await;
    assert_eq!((all.strong_blocker, all.any), (2, 4));
    // An interaction with the silent champion ends the silence.
    let champion: ContactId = sqlx::query_scalar("SELECT id FROM contacts WHERE account_id = $1")
        .bind(silent)
        .fetch_one(app.pool())
        .await
        .unwrap();
    let mut conn = app.pool().acquire().await.unwrap();
    db::interactions::insert(
        &mut conn,
        &db::interactions::NewInteraction {
            id: kamdesk::domain::ids::InteractionId::new(),
            account_id: silent,
            contacts: vec![champion],
            users: vec![other],
            kind: kamdesk::domain::interaction::InteractionKind::Call,
            occurred_at: Utc::now(),
            summary: "Back in touch".into(),
            next_step: String::new(),
            follow_up_id: None,
            logged_by: Some(other),
            created_at: None,
        },
    )
    .await
    .unwrap();
    let all = tallies_match_a_count(&app).await;
    assert_eq!((all.stale, all.any), (0, 3));

    // A recompute that changes the key list moves the clients' gaps between the key and the
    // other tallies: a new client far above the others, without contacts, and a client that
    // leaves the base.
    let before = key_clients(&app).await;
    let giant = app
        .account("Giant Co", "active", 90_000_000, 5, Some(kam))
        .await;
    sqlx::query("UPDATE accounts SET status = 'lost' WHERE id = $1")
        .bind(blocked)
        .execute(app.pool())
        .await
        .unwrap();
    app.recompute().await;
    let after = key_clients(&app).await;
    assert_ne!(before, after, "the key list changed");
    assert!(after.contains(&giant));
    let all = tallies_match_a_count(&app).await;
    assert_eq!(
        (all.no_contact, all.strong_blocker, all.any),
        (2, 1, 3),
        "the giant has no contact; the lost client's blocker no longer counts"
    );
    // Stored after the recompute's fold as well.
    app.recompute().await;
    tallies_match_a_count(&app).await;
}

#[tokio::test]
async fn the_map_of_fifty_people_is_well_formed_svg_with_everyone_once_and_no_overlapping_cards() {
    let s = setup().await;
    // A chief, 6 directors, 18 heads of unit and 25 staff.
    let mut people = vec![s.app.contact(s.account, "Chief Executive", None).await];
    for d in 0..6 {
        let boss = people[0];
        people.push(
            s.app
                .contact(s.account, &format!("Director {d}"), Some(boss))
                .await,
        );
    }
    for m in 0..18 {
        let boss = people[1 + m / 3];
        people.push(
            s.app
                .contact(s.account, &format!("Head {m} & <Co>"), Some(boss))
                .await,
        );
    }
    for st in 0..25 {
        let boss = people[7 + st % 18];
        people.push(
            s.app
                .contact(s.account, &format!("Staff {st}"), Some(boss))
                .await,
        );
    }
    assert_eq!(people.len(), 50);
    let k = s.app.signed_in("kam@x.test").await;
    let html = k.text(&format!("/accounts/{}/map", s.account)).await;
    let start = html.find("<svg").expect("an svg");
    let end = html.find("</svg>").expect("a closed svg") + "</svg>".len();
    let doc = roxmltree::Document::parse(&html[start..end]).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert!(root.descendants().any(|n| n.has_tag_name("title")));
    assert!(root.descendants().any(|n| n.has_tag_name("desc")));
    let attr = |n: roxmltree::Node, a: &str| -> i32 { n.attribute(a).unwrap().parse().unwrap() };
    let cards: Vec<(String, [i32; 4])> = root
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("data-contact").is_some())
        .map(|n| {
            (
                n.attribute("data-contact").unwrap().to_string(),
                [
                    attr(n, "x"),
                    attr(n, "y"),
                    attr(n, "width"),
                    attr(n, "height"),
                ],
            )
        })
        .collect();
    let mut ids: Vec<String> = cards.iter().map(|(id, _)| id.clone()).collect();
    ids.sort();
    let mut expected: Vec<String> = people.iter().map(ContactId::to_string).collect();
    expected.sort();
    assert_eq!(ids, expected, "every person exactly once");
    for (i, (a, [ax, ay, aw, ah])) in cards.iter().enumerate() {
        for (b, [bx, by, bw, bh]) in &cards[i + 1..] {
            let overlap = ax < &(bx + bw) && bx < &(ax + aw) && ay < &(by + bh) && by < &(ay + ah);
            assert!(!overlap, "{a} overlaps {b}");
        }
    }
    let texts: String = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        texts.contains("Head 7 & <Co>"),
        "names as typed, escaped in the markup"
    );
    assert!(texts.contains("Chief Executive"));
}

#[tokio::test]
async fn the_contact_table_sorts_filters_pages_and_exports_every_filtered_row() {
    let s = setup().await;
    for n in 0..55 {
        s.app
            .contact(s.account, &format!("Person {n:02}"), None)
            .await;
    }
    let k = s.app.signed_in("kam@x.test").await;
    let first = k.text(&format!("/accounts/{}/contacts", s.account)).await;
    assert!(first.contains("55 contacts") && first.contains("Page 1 / 2"));
    assert!(first.contains("Person 00") && !first.contains("Person 54"));
    let desc = k
        .text(&format!(
            "/accounts/{}/contacts?sort=name&dir=desc",
            s.account
        ))
        .await;
    assert!(desc.contains("Person 54") && !desc.contains("Person 00"));
    let second = k
        .text(&format!("/accounts/{}/contacts?page=2", s.account))
        .await;
    assert!(second.contains("Person 54"));
    let res = k
        .get(&format!("/accounts/{}/contacts.csv?q=Person+1", s.account))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    // "Person 1" and "Person 10".."Person 19": a header and 10 rows.
    assert_eq!(csv.lines().count(), 11, "{csv}");
    let all = k
        .get(&format!("/accounts/{}/contacts.csv", s.account))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(all.lines().count(), 56, "every row, not one page");
    let res = k
        .get(&format!("/accounts/{}/contacts.xlsx", s.account))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.bytes().await.unwrap().starts_with(b"PK"));
}
