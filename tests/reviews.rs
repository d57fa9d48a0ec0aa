//! The key-list review: a snapshot frozen at opening, decisions and notes per row with the
//! version check, participants and the agreement, the diff against the previous agreed review
//! (checked against a hand-built expectation), and the exports for the minutes.

mod common;

use common::{Client, TestApp, location};
use kamdesk::db::reviews::Counts;
use kamdesk::domain::ids::{AccountId, ReviewId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// Ten clients of rising potential, all of strategic importance 5: the cap (20% of 10) makes
/// "Client 10" and "Client 9" key.
async fn ten_clients(app: &TestApp, owner_of_10: UserId) -> Vec<AccountId> {
    let mut ids = vec![];
    for i in 1..=10 {
        let owner = (i == 10).then_some(owner_of_10);
        ids.push(
            app.account(&format!("Client {i:02}"), "active", i * 1000, 5, owner)
                .await,
        );
    }
    app.recompute().await;
    ids
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Opens a review through its form; gives its id.
async fn open_review(c: &Client, title: &str) -> ReviewId {
    let res = c
        .post("/reviews", &[("title", title), ("held_on", &today())])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res)
        .trim_start_matches("/reviews/")
        .parse()
        .unwrap()
}

async fn version_of(app: &TestApp, review: ReviewId) -> String {
    sqlx::query_scalar::<_, i32>("SELECT version FROM key_list_reviews WHERE id = $1")
        .bind(review)
        .fetch_one(app.pool())
        .await
        .unwrap()
        .to_string()
}

async fn agree(app: &TestApp, c: &Client, review: ReviewId) -> reqwest::Response {
    c.post(
        &format!("/reviews/{review}/agree"),
        &[
            ("agreed_on", &today()),
            ("version", &version_of(app, review).await),
        ],
    )
    .await
}

/// Names of the clients in the review's table, in order.
fn names(html: &str) -> Vec<String> {
    let Some(start) = html.find("id=\"rows\"") else {
        return vec![];
    };
    html[start..]
        .split("<tr id=\"r-")
        .skip(1)
        .map(|row| {
            let a = row.find("\">Client").map(|i| i + 2).unwrap();
            row[a..a + 9].to_string()
        })
        .collect()
}

/// Hands a client to another KAM in the fixture's SQL (the handover page is tested elsewhere).
async fn move_owner(app: &TestApp, account: AccountId, to: UserId) {
    sqlx::query(
        "UPDATE account_team SET ended_on = current_date
          WHERE account_id = $1 AND team_role = 'owner' AND ended_on IS NULL",
    )
    .bind(account)
    .execute(app.pool())
    .await
    .unwrap();
    app.add_to_team(account, to, "owner").await;
}

#[tokio::test]
async fn a_review_freezes_the_list_and_shows_what_entered_left_and_changed_owner_since_the_last_agreed_one()
 {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    let ids = ten_clients(&app, anna).await;
    let d = app.signed_in("director@x.test").await;

    let first = open_review(&d, "Spring review").await;
    let html = d.text(&format!("/reviews/{first}")).await;
    assert_eq!(names(&html), ["Client 10", "Client 09"]);
    assert!(html.contains("No agreed review before this one"));

    // The world moves after the first review: Client 10 changes owner, Client 08 grows past
    // Client 09, which leaves the list.
    move_owner(&app, ids[9], boris).await;
    sqlx::query("UPDATE potential_forecasts SET revenue = 50000 WHERE account_id = $1")
        .bind(ids[7])
        .execute(app.pool())
        .await
        .unwrap();
    app.recompute().await;
    let frozen = d.text(&format!("/reviews/{first}")).await;
    assert_eq!(
        names(&frozen),
        ["Client 10", "Client 09"],
        "the snapshot does not follow the live list"
    );
    let table = &frozen[frozen.find("id=\"rows\"").unwrap()..];
    assert!(table.contains("anna") && !table.contains("boris"));

    // An open (draft) review is no base for the next one: only an agreed one is.
    let draft = open_review(&d, "Draft review").await;
    assert_eq!(
        kamdesk::db::reviews::counts(app.pool(), draft, None)
            .await
            .unwrap()
            .rows,
        2
    );
    assert_eq!(agree(&app, &d, first).await.status(), StatusCode::SEE_OTHER);

    let second = open_review(&d, "Autumn review").await;
    let review = kamdesk::db::reviews::get(app.pool(), second)
        .await
        .unwrap()
        .unwrap();
    let previous = kamdesk::db::reviews::previous(app.pool(), &review)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(previous.id, first, "the latest agreed review before it");
    assert_eq!(
        kamdesk::db::reviews::counts(app.pool(), second, Some(first))
            .await
            .unwrap(),
        Counts {
            rows: 2,
            decided: 0,
            undecided: 2,
            entered: 1,
            left: 1,
            owner_changed: 1,
        }
    );
    let html = d.text(&format!("/reviews/{second}")).await;
    assert!(html.contains("Compared with the previous agreed review"));
    assert!(html.contains("Spring review"));
    let page = |change: &'static str| {
        let d = &d;
        async move { d.text(&format!("/reviews/{second}?change={change}")).await }
    };
    assert_eq!(names(&page("entered").await), ["Client 08"]);
    assert_eq!(names(&page("left").await), ["Client 09"]);
    let owners = page("owner_changed").await;
    assert_eq!(names(&owners), ["Client 10"]);
    assert!(owners.contains("boris") && owners.contains("before: anna"));
}

#[tokio::test]
async fn decisions_and_notes_are_recorded_per_row_and_a_stale_or_bad_save_keeps_the_input() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let ids = ten_clients(&app, anna).await;
    let d = app.signed_in("director@x.test").await;
    let review = open_review(&d, "Review").await;
    let row = format!("/reviews/{review}/rows/{}", ids[9]);

    let res = d
        .post(
            &row,
            &[
                ("decision", "watch"),
                ("comment", "Orders fell in Q3; visit in January."),
                ("version", "1"),
                ("back", "decision=none"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        format!("/reviews/{review}?decision=none#r-{}", ids[9]),
        "back to the page the director was on"
    );
    let stored: (Option<String>, String, i32) = sqlx::query_as(
        "SELECT decision, comment, version FROM key_list_review_rows WHERE review_id = $1 AND account_id = $2",
    )
    .bind(review)
    .bind(ids[9])
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            Some("watch".into()),
            "Orders fell in Q3; visit in January.".into(),
            2
        )
    );
    let audit: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT field, new_value FROM audit_log WHERE account_id = $1 AND entity = 'key_list_review_row' ORDER BY id",
    )
    .bind(ids[9])
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(
        audit,
        [
            ("decision".into(), Some("watch".into())),
            (
                "comment".into(),
                Some("Orders fell in Q3; visit in January.".into())
            )
        ]
    );
    let undecided = d.text(&format!("/reviews/{review}?decision=none")).await;
    assert_eq!(names(&undecided), ["Client 09"]);

    // A second director saves on the version they saw before the first one's change.
    let res = d
        .post(
            &row,
            &[
                ("decision", "drop"),
                ("comment", "Stale view"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone else changed this row meanwhile"));
    assert!(html.contains("value=\"Stale view\""), "the input is kept");
    assert!(
        html.contains("Orders fell in Q3; visit in January."),
        "what is saved is shown"
    );

    let res = d
        .post(
            &row,
            &[("decision", "maybe"), ("comment", "x"), ("version", "2")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Please choose one of the options.")
    );

    assert_eq!(
        agree(&app, &d, review).await.status(),
        StatusCode::SEE_OTHER
    );
    let res = d
        .post(
            &row,
            &[("decision", "keep"), ("comment", ""), ("version", "2")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("This review is agreed"));
    let decision: Option<String> = sqlx::query_scalar(
        "SELECT decision FROM key_list_review_rows WHERE review_id = $1 AND account_id = $2",
    )
    .bind(review)
    .bind(ids[9])
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(decision.as_deref(), Some("watch"), "nothing changed");
}

#[tokio::test]
async fn participants_and_the_agreement_are_recorded_and_the_agreed_review_exports_for_the_minutes()
{
    let app = TestApp::spawn().await;
    let director = app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let ids = ten_clients(&app, anna).await;
    let d = app.signed_in("director@x.test").await;
    let review = open_review(&d, "Minutes review").await;

    let res = d
        .post(
            &format!("/reviews/{review}/participants"),
            &[
                ("user", &director.to_string()),
                ("user", &anna.to_string()),
                ("guests", "Managing director"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let who: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM key_list_review_participants p JOIN users u ON u.id = p.user_id
          WHERE p.review_id = $1 ORDER BY u.email",
    )
    .bind(review)
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert_eq!(who, ["anna@x.test", "director@x.test"]);

    let res = d
        .post(
            &format!("/reviews/{review}/agree"),
            &[("agreed_on", "2020-01-01"), ("version", "2")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("A review cannot be agreed before its meeting.")
    );
    let res = d
        .post(
            &format!("/reviews/{review}/agree"),
            &[("agreed_on", &today()), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a stale version");
    d.post(
        &format!("/reviews/{review}/rows/{}", ids[8]),
        &[
            ("decision", "reassign"),
            ("comment", "=cmd|' /C calc'!A0"),
            ("version", "1"),
        ],
    )
    .await;
    assert_eq!(
        agree(&app, &d, review).await.status(),
        StatusCode::SEE_OTHER
    );

    let html = d.text(&format!("/reviews/{review}")).await;
    assert!(html.contains("Agreed on"));
    assert!(
        !html.contains(&format!("action=\"/reviews/{review}/rows/")),
        "no more forms"
    );
    assert!(html.contains("Managing director"));
    let list = d.text("/reviews").await;
    assert!(list.contains("Minutes review") && list.contains("Agreed"));

    let csv = d
        .get(&format!("/reviews/{review}/export.csv"))
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header and the two key clients: {csv}");
    assert!(lines[0].contains("Decision") && lines[0].contains("Note"));
    assert!(lines[1].starts_with("1,Client 10,anna"));
    assert!(
        lines[2].contains(",Reassign,'=cmd"),
        "neutralised: {}",
        lines[2]
    );

    let xlsx = d
        .get(&format!("/reviews/{review}/export.xlsx"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip file");
}
