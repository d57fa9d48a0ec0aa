//! Every page with every role: the server enforces the permission matrix, whatever the
//! navigation shows.

mod common;

use common::TestApp;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_answers_each_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let other_kam = app.user("other@x.test", Role::Kam).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    let foreign = app
        .account("Foreign Co", "active", 900_000, 5, Some(other_kam))
        .await;
    app.recompute().await;

    use StatusCode as S;
    const OK: S = S::OK;
    const NO: S = S::FORBIDDEN;
    const HIDDEN: S = S::NOT_FOUND;
    let own_path = format!("/accounts/{own}");
    let foreign_path = format!("/accounts/{foreign}");
    // path → [admin, director, kam, assistant]
    let pages: Vec<(&str, [S; 4])> = vec![
        ("/", [OK, OK, OK, OK]),
        ("/accounts", [OK, OK, OK, OK]),
        ("/key-clients", [OK, OK, OK, OK]),
        ("/key-clients.csv", [OK, OK, OK, OK]),
        ("/key-clients.xlsx", [OK, OK, OK, OK]),
        ("/follow-ups", [OK, OK, OK, OK]),
        ("/orders", [OK, OK, OK, OK]),
        ("/profile", [OK, OK, OK, OK]),
        ("/accounts/new", [OK, OK, OK, NO]),
        ("/dashboard", [OK, OK, NO, NO]),
        ("/reviews", [OK, OK, NO, NO]),
        ("/settings/scoring", [OK, OK, NO, NO]),
        ("/admin/users", [OK, NO, NO, NO]),
        (&own_path, [OK, OK, OK, OK]),
        (&foreign_path, [OK, OK, HIDDEN, HIDDEN]),
    ];
    let emails = [
        "admin@x.test",
        "director@x.test",
        "kam@x.test",
        "assistant@x.test",
    ];
    for (i, email) in emails.iter().enumerate() {
        let c = app.signed_in(email).await;
        for (path, want) in &pages {
            let res = c.get(path).await;
            assert_eq!(res.status(), want[i], "{email} GET {path}");
        }
    }
}

#[tokio::test]
async fn only_directors_and_admins_may_pin_and_change_settings() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    app.recompute().await;
    let pin = format!("/accounts/{own}/pin");
    for email in ["kam@x.test", "assistant@x.test"] {
        let c = app.signed_in(email).await;
        let res = c
            .post(
                &pin,
                &[("pin", "key"), ("reason", "because"), ("version", "1")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} pin");
        let res = c
            .post(
                "/settings/scoring",
                &[("cap_pct", "10"), ("action", "save")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} settings");
        let res = c.post("/admin/users", &[("email", "x@x.test")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} users");
    }
    let pinned: String = sqlx::query_scalar("SELECT pin FROM accounts WHERE id = $1")
        .bind(own)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(
        pinned, "none",
        "nothing was changed by the refused requests"
    );
    let director = app.signed_in("director@x.test").await;
    let res = director
        .post(
            "/admin/users",
            &[
                ("email", "x@x.test"),
                ("name", "X"),
                ("role", "kam"),
                ("language", "en"),
                ("password", "long-enough-pw"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "a director does not manage users"
    );
}

#[tokio::test]
async fn an_assistant_cannot_create_accounts_and_a_kam_becomes_owner_of_the_one_they_create() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("assistant@x.test", Role::Assistant).await;
    let a = app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            "/accounts/new",
            &[
                ("name", "Sneaky"),
                ("status", "prospect"),
                ("strategic_importance", "1"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            "/accounts/new",
            &[
                ("name", "Fresh Co"),
                ("status", "prospect"),
                ("strategic_importance", "2"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = k.text(&common::location(&res)).await;
    assert!(page.contains("Fresh Co"));
    let owner: String = sqlx::query_scalar(
        "SELECT u.email FROM account_team t JOIN users u ON u.id = t.user_id JOIN accounts a ON a.id = t.account_id
          WHERE a.name = 'Fresh Co' AND t.team_role = 'owner' AND t.ended_on IS NULL",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(owner, "kam@x.test");
}

#[tokio::test]
async fn a_bad_new_account_keeps_the_input_and_saves_nothing() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            "/accounts/new",
            &[
                ("name", "  "),
                ("industry", "retail"),
                ("status", "prospect"),
                ("strategic_importance", "9"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Please fill this in."));
    assert!(html.contains("A whole number from 0 to 5."));
    assert!(html.contains("value=\"retail\" selected"), "input kept");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}
