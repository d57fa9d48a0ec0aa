//! The account plan: the client's goals and the meeting, measurable objectives with their
//! progress, actions with owners and dates, refused input, stale saves, the audit log, the XLSX
//! export and the cockpit's rollup of key clients' plans.

mod common;

use common::{TestApp, location};
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

struct World {
    app: TestApp,
    account: AccountId,
    kam: UserId,
}

/// A KAM owning one client with an assistant on its team, and a director.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    app.user("director@x.test", Role::Director).await;
    let account = app
        .account("Acme Tyres", "active", 500_000, 3, Some(kam))
        .await;
    app.add_to_team(account, assistant, "assistant").await;
    World { app, account, kam }
}

async fn objective_ids(app: &TestApp, account: AccountId) -> Vec<uuid::Uuid> {
    sqlx::query_scalar(
        "SELECT o.id FROM plan_objectives o JOIN account_plans p ON p.id = o.plan_id
          WHERE p.account_id = $1 ORDER BY o.created_at",
    )
    .bind(account)
    .fetch_all(app.pool())
    .await
    .unwrap()
}

fn objective<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("year", "2027"),
        ("kind", "revenue"),
        ("title", "Grow tyre sales"),
        ("target", "1 000 000"),
        ("actual", "250 000"),
        ("due_on", "2027-12-31"),
        ("version", ""),
    ];
    for (k, v) in overrides {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

#[tokio::test]
async fn a_kam_plans_a_year_with_the_clients_goals_objectives_and_actions_and_sees_progress() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let base = format!("/accounts/{}/plan", w.account);

    let res = c
        .post(
            &format!("{base}/edit"),
            &[
                ("year", "2027"),
                ("version", ""),
                ("meeting_on", "2026-11-20"),
                ("participants", "Irina Sokolova (CEO), our KAM"),
                ("client_goals", "Open 40 stores in Siberia"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{base}?year=2027"));

    // A revenue objective a quarter reached, and a new region with one of two actions done.
    let res = c
        .post(&format!("{base}/objectives/new"), &objective(&[]))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = c
        .post(
            &format!("{base}/objectives/new"),
            &objective(&[
                ("kind", "region"),
                ("title", "Serve the Irkutsk stores"),
                ("target", ""),
                ("actual", ""),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let ids = objective_ids(&w.app, w.account).await;
    assert_eq!(ids.len(), 2);
    let kam = w.kam.to_string();
    for (title, status, due) in [
        ("Open an Irkutsk warehouse", "done", "2027-03-01"),
        ("Hire a rep in Irkutsk", "planned", "2020-01-01"),
    ] {
        let res = c
            .post(
                &format!("{base}/objectives/{}/actions/new", ids[1]),
                &[
                    ("title", title),
                    ("owner", kam.as_str()),
                    ("due_on", due),
                    ("status", status),
                    ("version", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{title}");
    }

    let page = c.text(&format!("{base}?year=2027")).await;
    assert!(page.contains("Open 40 stores in Siberia"));
    assert!(page.contains("Irina Sokolova (CEO), our KAM"));
    assert!(page.contains("Grow tyre sales"));
    assert!(page.contains("Hire a rep in Irkutsk"));
    // 25 % and 50 %: the plan stands at 38 % (37.5 rounded), and one action is overdue.
    assert!(page.contains("value=\"25\""), "revenue progress");
    assert!(page.contains("value=\"50\""), "region progress");
    assert!(page.contains("value=\"37.5\""), "plan progress");
    assert!(
        page.contains("class=\"overdue\""),
        "the late action is marked"
    );

    // The assistant reads the plan but gets no edit links.
    let a = w.app.signed_in("assistant@x.test").await;
    let page = a.text(&format!("{base}?year=2027")).await;
    assert!(page.contains("Grow tyre sales"));
    assert!(!page.contains("/plan/edit"));
    assert!(!page.contains("/actions/new"));

    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT field FROM audit_log WHERE account_id = $1 AND entity LIKE 'plan%' ORDER BY id",
    )
    .bind(w.account)
    .fetch_all(w.app.pool())
    .await
    .unwrap();
    for field in [
        "plan_created",
        "plan_meeting_on",
        "plan_client_goals",
        "objective_created",
        "action_created",
    ] {
        assert!(audit.iter().any(|f| f == field), "{field} in {audit:?}");
    }
}

#[tokio::test]
async fn bad_figures_are_refused_beside_their_fields_with_the_input_kept_and_nothing_saved() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let base = format!("/accounts/{}/plan", w.account);
    let res = c
        .post(
            &format!("{base}/objectives/new"),
            &objective(&[
                ("kind", "share_of_wallet"),
                ("target", "120"),
                ("actual", "100,5"),
                ("title", "Wallet \u{202e}share"),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"target-err\""), "beside the target");
    assert!(page.contains("A percentage of at most 100."));
    assert!(page.contains("id=\"actual-err\""), "beside the actual");
    assert!(
        page.contains("id=\"title-err\""),
        "the bidi override is refused"
    );
    assert!(page.contains("value=\"120\""), "input kept");

    let res = c
        .post(
            &format!("{base}/objectives/new"),
            &objective(&[("kind", "product_line"), ("target", "5")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(objective_ids(&w.app, w.account).await.is_empty());
    let plans: i64 = sqlx::query_scalar("SELECT count(*) FROM account_plans")
        .fetch_one(w.app.pool())
        .await
        .unwrap();
    assert_eq!(plans, 0, "a refused first objective starts no plan");
}

#[tokio::test]
async fn a_stale_objective_save_is_refused_showing_both_versions_and_keeping_the_input() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let d = w.app.signed_in("director@x.test").await;
    let base = format!("/accounts/{}/plan", w.account);
    c.post(&format!("{base}/objectives/new"), &objective(&[]))
        .await;
    let id = objective_ids(&w.app, w.account).await[0];
    let edit = format!("{base}/objectives/{id}");
    let res = d
        .post(
            &edit,
            &objective(&[("title", "Director's wording"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = c
        .post(
            &edit,
            &objective(&[("title", "KAM's wording"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(page.contains("Director&#39;s wording") || page.contains("Director&#x27;s wording"));
    assert!(page.contains("KAM&#39;s wording") || page.contains("KAM&#x27;s wording"));
    assert!(
        page.contains("name=\"version\" value=\"2\""),
        "the form now carries the stored version"
    );
    let title: String = sqlx::query_scalar("SELECT title FROM plan_objectives WHERE id = $1")
        .bind(id)
        .fetch_one(w.app.pool())
        .await
        .unwrap();
    assert_eq!(title, "Director's wording");
}

#[tokio::test]
async fn a_stale_action_status_change_is_refused() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let base = format!("/accounts/{}/plan", w.account);
    c.post(&format!("{base}/objectives/new"), &objective(&[]))
        .await;
    let id = objective_ids(&w.app, w.account).await[0];
    let form = |status: &'static str, version: &'static str| {
        vec![
            ("title", "Quarterly review"),
            ("owner", ""),
            ("due_on", "2027-04-01"),
            ("status", status),
            ("version", version),
        ]
    };
    c.post(
        &format!("{base}/objectives/{id}/actions/new"),
        &form("planned", ""),
    )
    .await;
    let action: uuid::Uuid = sqlx::query_scalar("SELECT id FROM plan_actions")
        .fetch_one(w.app.pool())
        .await
        .unwrap();
    let edit = format!("{base}/actions/{action}");
    assert_eq!(
        c.post(&edit, &form("done", "1")).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        c.post(&edit, &form("cancelled", "1")).await.status(),
        StatusCode::CONFLICT
    );
    let status: String = sqlx::query_scalar("SELECT status FROM plan_actions WHERE id = $1")
        .bind(action)
        .fetch_one(w.app.pool())
        .await
        .unwrap();
    assert_eq!(status, "done");
    // An owner from outside the account's team is refused.
    let outsider = w.app.user("outsider@x.test", Role::Kam).await.to_string();
    let mut f = form("done", "2");
    f[1].1 = Box::leak(outsider.into_boxed_str());
    assert_eq!(
        c.post(&edit, &f).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_plan_exports_to_xlsx_with_its_goals_objectives_and_actions() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let base = format!("/accounts/{}/plan", w.account);
    c.post(
        &format!("{base}/edit"),
        &[
            ("year", "2027"),
            ("version", ""),
            ("meeting_on", ""),
            ("participants", ""),
            ("client_goals", "=Become the region's leader"),
        ],
    )
    .await;
    c.post(&format!("{base}/objectives/new"), &objective(&[]))
        .await;
    let res = c
        .get(&format!("/accounts/{}/plan.xlsx?year=2027", w.account))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let xlsx = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("Acme Tyres"));
    assert!(strings.contains("Grow tyre sales"));
    assert!(
        strings.contains("=Become the region"),
        "typed text is a string cell"
    );
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(!sheet.contains("<f>"), "no formula");
    assert!(
        sheet.contains("<v>1000000</v>"),
        "the target is a number cell: {sheet}"
    );
}

#[tokio::test]
async fn the_cockpit_counts_key_clients_without_a_plan_and_with_overdue_actions() {
    let w = world().await;
    let app = &w.app;
    let other = app.user("other@x.test", Role::Kam).await;
    let planned = w.account;
    let unplanned = app.account("Beta", "active", 400_000, 3, Some(w.kam)).await;
    let foreign = app
        .account("Gamma", "active", 300_000, 3, Some(other))
        .await;
    app.recompute().await;
    sqlx::query("UPDATE scoring_results SET is_key = true")
        .execute(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("kam@x.test").await;
    let base = format!("/accounts/{planned}/plan");
    c.post(
        &format!("{base}/objectives/new"),
        &objective(&[("year", "2026")]),
    )
    .await;
    let id = objective_ids(app, planned).await[0];
    c.post(
        &format!("{base}/objectives/{id}/actions/new"),
        &[
            ("title", "Late"),
            ("owner", ""),
            ("due_on", "2026-01-10"),
            ("status", "in_progress"),
            ("version", ""),
        ],
    )
    .await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let all = kamdesk::db::plans::key_plan_rollup(app.pool(), AccountScope::All, 2026, today)
        .await
        .unwrap();
    assert_eq!((all.key_clients, all.missing, all.overdue), (3, 2, 1));
    let kams = AccountScope::for_user(w.kam, Role::Kam);
    let mine = kamdesk::db::plans::key_plan_rollup(app.pool(), kams, 2026, today)
        .await
        .unwrap();
    assert_eq!((mine.key_clients, mine.missing, mine.overdue), (2, 1, 1));
    let early = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let before = kamdesk::db::plans::key_plan_rollup(app.pool(), kams, 2026, early)
        .await
        .unwrap();
    assert_eq!(before.overdue, 0, "not overdue before its date");
    let _ = (unplanned, foreign);
}
