//! Follow-ups: the account's form (assignee from the team, optional links), "my follow-ups" by
//! bucket, the home page's overdue and today's, ticking off and reopening with who and when.

mod common;

use common::{TestApp, location};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// A team (kam + assistant) on "Own Co"; an outsider KAM on "Foreign Co".
struct Team {
    app: TestApp,
    own: AccountId,
    foreign: AccountId,
    kam: UserId,
    assistant: UserId,
    outsider: UserId,
}

async fn team() -> Team {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let outsider = app.user("outsider@x.test", Role::Kam).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    let foreign = app
        .account("Foreign Co", "active", 900_000, 5, Some(outsider))
        .await;
    Team {
        app,
        own,
        foreign,
        kam,
        assistant,
        outsider,
    }
}

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// A follow-up due `offset` days from today. Fixture SQL.
async fn due(app: &TestApp, account: AccountId, assignee: UserId, title: &str, offset: i64) {
    sqlx::query(
        "INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id)
         VALUES ($1, $2, $3, current_date + $4::int, $5)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(account)
    .bind(title)
    .bind(offset as i32)
    .bind(assignee)
    .execute(app.pool())
    .await
    .unwrap();
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.pool()).await.unwrap()
}

#[tokio::test]
async fn a_kam_sets_a_follow_up_for_a_team_member_about_an_order_of_the_account() {
    let t = team().await;
    let order = t.app.order(t.own, 1000, "Valves").await.to_string();
    let k = t.app.signed_in("kam@x.test").await;
    let assistant = t.assistant.to_string();
    let due_on = day(3);
    let res = k
        .post(
            &format!("/accounts/{}/follow-ups", t.own),
            &[
                ("title", "Chase the delivery note"),
                ("due_on", &due_on),
                ("assignee", &assistant),
                ("notes", "They asked twice"),
                ("order", &order),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/accounts/{}/follow-ups", t.own));
    let (assignee, order_id, created_by): (uuid::Uuid, Option<uuid::Uuid>, uuid::Uuid) =
        sqlx::query_as("SELECT assignee_id, order_id, created_by FROM follow_ups")
            .fetch_one(t.app.pool())
            .await
            .unwrap();
    assert_eq!(
        (assignee, order_id.map(|o| o.to_string()), created_by),
        (t.assistant.0, Some(order), t.kam.0)
    );
    assert_eq!(
        count(
            &t.app,
            "SELECT count(*) FROM audit_log WHERE field = 'follow_up_created'"
        )
        .await,
        1
    );
    let section = k.text(&format!("/accounts/{}/follow-ups", t.own)).await;
    assert!(section.contains("Chase the delivery note"));
}

#[tokio::test]
async fn an_assignee_off_the_team_or_an_order_of_another_account_is_refused_with_the_input_kept() {
    let t = team().await;
    let foreign_order = t.app.order(t.foreign, 5, "Not theirs").await.to_string();
    let k = t.app.signed_in("kam@x.test").await;
    let outsider = t.outsider.to_string();
    let due_on = day(1);
    let res = k
        .post(
            &format!("/accounts/{}/follow-ups", t.own),
            &[
                ("title", "Call the buyer"),
                ("due_on", &due_on),
                ("assignee", &outsider),
                ("order", &foreign_order),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Choose someone on this client"),
        "assignee refused beside the field"
    );
    assert!(html.contains("value=\"Call the buyer\""), "input kept");
    let res = k
        .post(
            &format!("/accounts/{}/follow-ups", t.own),
            &[
                ("title", " "),
                ("due_on", "31.02.2026"),
                ("assignee", &t.kam.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&t.app, "SELECT count(*) FROM follow_ups").await, 0);
}

#[tokio::test]
async fn my_follow_ups_fall_into_overdue_today_this_week_and_later_and_home_shows_the_first_two() {
    let t = team().await;
    due(&t.app, t.own, t.assistant, "Late one", -2).await;
    due(&t.app, t.own, t.assistant, "Today one", 0).await;
    due(&t.app, t.own, t.assistant, "Far one", 30).await;
    due(&t.app, t.own, t.kam, "The KAM's own", 0).await;
    let a = t.app.signed_in("assistant@x.test").await;
    let list = a.text("/follow-ups").await;
    let at = |s: &str| list.find(s).unwrap_or_else(|| panic!("{s} listed"));
    assert!(at("bucket-overdue") < at("Late one"));
    assert!(at("Late one") < at("bucket-today"));
    assert!(at("bucket-today") < at("Today one"));
    assert!(at("Today one") < at("bucket-later") && at("bucket-later") < at("Far one"));
    assert!(
        !list.contains("The KAM&#39;s own") && !list.contains("The KAM's own"),
        "only mine"
    );
    let later = a.text("/follow-ups?bucket=later").await;
    assert!(later.contains("Far one") && !later.contains("Today one"));
    let home = a.text("/").await;
    assert!(home.contains("Late one") && home.contains("Today one"));
    assert!(
        !home.contains("Far one"),
        "home shows overdue and today's only"
    );
    // A KAM sees the team's follow-ups by default.
    let k = t.app.signed_in("kam@x.test").await;
    let team_list = k.text("/follow-ups").await;
    assert!(team_list.contains("Late one") && team_list.contains("Far one"));
    let o = t.app.signed_in("outsider@x.test").await;
    assert!(
        !o.text("/follow-ups?whose=team").await.contains("Late one"),
        "not outside the team"
    );
}

#[tokio::test]
async fn ticking_off_records_who_and_when_a_stale_tick_is_refused_and_reopening_clears_it() {
    let t = team().await;
    let id = t.app.follow_up(t.own, t.assistant, "Send the offer").await;
    let a = t.app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            &format!("/follow-ups/{id}/done"),
            &[("version", "1"), ("back", "/follow-ups")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (done, done_by, done_at): (
        bool,
        Option<uuid::Uuid>,
        Option<chrono::DateTime<chrono::Utc>>,
    ) = sqlx::query_as("SELECT done, done_by, done_at FROM follow_ups WHERE id = $1")
        .bind(id)
        .fetch_one(t.app.pool())
        .await
        .unwrap();
    assert!(done && done_by == Some(t.assistant.0) && done_at.is_some());
    let done_list = a.text("/follow-ups?state=done").await;
    assert!(done_list.contains("Send the offer") && done_list.contains("· assistant"));
    // The KAM still holds the form of version 1: the reopen is refused, nothing changes.
    let k = t.app.signed_in("kam@x.test").await;
    k.post(&format!("/follow-ups/{id}/undone"), &[("version", "1")])
        .await;
    assert_eq!(
        count(&t.app, "SELECT count(*) FROM follow_ups WHERE done").await,
        1
    );
    k.post(&format!("/follow-ups/{id}/undone"), &[("version", "2")])
        .await;
    let (done, done_by): (bool, Option<uuid::Uuid>) =
        sqlx::query_as("SELECT done, done_by FROM follow_ups WHERE id = $1")
            .bind(id)
            .fetch_one(t.app.pool())
            .await
            .unwrap();
    assert_eq!((done, done_by), (false, None));
    assert_eq!(
        count(
            &t.app,
            "SELECT count(*) FROM audit_log WHERE field = 'follow_up_done'"
        )
        .await,
        2
    );
    // Someone outside the team may not tick it off.
    let o = t.app.signed_in("outsider@x.test").await;
    let res = o
        .post(&format!("/follow-ups/{id}/done"), &[("version", "3")])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
