//! Sign-in, sessions, CSRF, throttling, deactivation, languages and error pages, against a real
//! PostgreSQL through real HTTP.

mod common;

use common::{PASSWORD, TestApp, location};
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;

#[tokio::test]
async fn signing_in_with_the_right_password_lands_on_the_home_page() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    let res = c.sign_in("KAM@x.test", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/");
    let home = c.text("/").await;
    assert!(
        home.contains("My clients"),
        "home page after sign-in: {home}"
    );
    assert!(home.contains("kam"), "the user's name is shown");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_generic_message() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    let wrong_pw = c.sign_in("kam@x.test", "not-the-password").await;
    assert_eq!(wrong_pw.status(), StatusCode::UNAUTHORIZED);
    let a = wrong_pw.text().await.unwrap();
    let unknown = c.sign_in("nobody@x.test", "not-the-password").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let b = unknown.text().await.unwrap();
    assert!(a.contains("Wrong e-mail or password."));
    assert!(b.contains("Wrong e-mail or password."));
    assert!(
        b.contains("value=\"nobody@x.test\""),
        "the e-mail typed is kept"
    );
    // Still signed out.
    assert_eq!(c.get("/").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    let before = c.get("/login").await;
    assert_eq!(
        c.session_cookie(&before),
        None,
        "a signed-out visitor has no session"
    );
    let first = c.sign_in("kam@x.test", PASSWORD).await;
    let first = c
        .session_cookie(&first)
        .expect("sign-in sets the session cookie");
    // Signing in again over an existing session (one an attacker could have planted).
    let token = c.session_csrf().await;
    let after = c
        .post_without_csrf(
            "/login",
            &[
                ("email", "kam@x.test"),
                ("password", PASSWORD),
                ("csrf_token", &token),
            ],
        )
        .await;
    let signed = c
        .session_cookie(&after)
        .expect("sign-in sets the session cookie");
    assert_ne!(
        first, signed,
        "session fixation: the id must rotate at sign-in"
    );
    let cookie = after
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    assert_eq!(c.get("/").await.status(), StatusCode::OK);
    let res = c.post("/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    let res = c.get("/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
}

#[tokio::test]
async fn a_post_without_a_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    c.get("/login").await;
    let res = c
        .post_without_csrf("/login", &[("email", "kam@x.test"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("This form has expired"));
    // And a wrong token is refused too.
    let res = c
        .post_without_csrf(
            "/login",
            &[
                ("email", "kam@x.test"),
                ("password", PASSWORD),
                ("csrf_token", "forged"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A signed-in user's state-changing request without a token is refused as well.
    let signed = app.signed_in("kam@x.test").await;
    let res = signed.post_without_csrf("/logout", &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        signed.get("/").await.status(),
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn a_deactivated_user_cannot_sign_in_and_loses_open_sessions() {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let kam_client = app.signed_in("kam@x.test").await;
    assert_eq!(kam_client.get("/").await.status(), StatusCode::OK);

    let admin = app.signed_in("admin@x.test").await;
    let res = admin
        .post(
            &format!("/admin/users/{kam}/active"),
            &[("active", "false"), ("version", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    assert_eq!(
        kam_client.get("/").await.status(),
        StatusCode::SEE_OTHER,
        "the open session ends at once"
    );
    let res = app.client().sign_in("kam@x.test", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Wrong e-mail or password.")
    );
}

#[tokio::test]
async fn repeated_failures_lock_sign_in_across_server_instances() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let second = TestApp::start_server(&app.db).await;
    let c1 = app.client();
    let c2 = common::Client {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base: second,
    };
    // Five failures spread over two instances.
    for i in 0..5 {
        let c = if i % 2 == 0 { &c1 } else { &c2 };
        assert_eq!(
            c.sign_in("kam@x.test", "wrong-password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Now even the right password is refused, on either instance, with the same message as
    // a wrong one.
    for c in [&c1, &c2] {
        let res = c.sign_in("kam@x.test", PASSWORD).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Wrong e-mail or password.")
        );
    }
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_but_keeps_this_one() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let here = app.signed_in("kam@x.test").await;
    let elsewhere = app.signed_in("kam@x.test").await;
    let res = here
        .post(
            "/profile/password",
            &[
                ("current", PASSWORD),
                ("new_password", "a-new-password"),
                ("confirm", "a-new-password"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(here.get("/").await.status(), StatusCode::OK);
    assert_eq!(elsewhere.get("/").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.client()
            .sign_in("kam@x.test", "a-new-password")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_bad_password_change_shows_messages_beside_the_fields() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let res = c
        .post(
            "/profile/password",
            &[
                ("current", "wrong"),
                ("new_password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("The current password is wrong"));
    assert!(html.contains("At least 10 characters, please."));
    assert_eq!(
        app.client().sign_in("kam@x.test", PASSWORD).await.status(),
        StatusCode::SEE_OTHER,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_language_comes_from_accept_language_before_sign_in_and_from_the_user_after() {
    let app = TestApp::spawn().await;
    app.user_with_language("ru@x.test", Role::Kam, Language::Ru)
        .await;
    let c = app.client();
    let html = c
        .get_with_language("/login", "ru-RU,ru;q=0.9")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Вход в KAM Desk"), "{html}");
    assert!(html.contains("lang=\"ru\""));
    let en = app
        .client()
        .get_with_language("/login", "en-US")
        .await
        .text()
        .await
        .unwrap();
    assert!(en.contains("Sign in to KAM Desk"));

    let signed = app.signed_in("ru@x.test").await;
    assert!(signed.text("/").await.contains("Мои клиенты"));
    let res = signed
        .post("/language", &[("lang", "en"), ("back", "/profile")])
        .await;
    assert_eq!(location(&res), "/profile");
    assert!(
        signed.text("/").await.contains("My clients"),
        "the choice is stored for the user"
    );
}

#[tokio::test]
async fn unknown_pages_get_a_404_page_in_the_layout() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let res = c.get("/no/such/page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let html = res.text().await.unwrap();
    assert!(html.contains("Page not found"));
    assert!(html.contains("Sign out"), "rendered inside the layout");
}

#[tokio::test]
async fn health_and_readiness_probes_answer() {
    let app = TestApp::spawn().await;
    let c = app.client();
    assert_eq!(c.get("/healthz").await.status(), StatusCode::OK);
    let res = c.get("/readyz").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers().get("x-request-id").is_some(),
        "every response carries a request id"
    );
}

#[tokio::test]
async fn pages_need_a_signed_in_user() {
    let app = TestApp::spawn().await;
    let c = app.client();
    for path in [
        "/",
        "/accounts",
        "/key-clients",
        "/follow-ups",
        "/orders",
        "/dashboard",
        "/reviews",
        "/admin/users",
        "/settings/scoring",
        "/profile",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&res), "/login", "{path}");
    }
}

#[tokio::test]
async fn a_database_outage_shows_the_503_page_and_readyz_fails() {
    // A server whose database is unreachable (nothing listens on port 1).
    let config = kamdesk::config::Config::for_tests("postgres://postgres@127.0.0.1:1/none");
    let pool = kamdesk::db::pool(&config.database_url, 1).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            kamdesk::into_service(kamdesk::build_app(pool, config)),
        )
        .await
        .unwrap()
    });
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = http.get(format!("{addr}/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the process is up");
    let res = http.get(format!("{addr}/readyz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    // The sign-in page itself needs no database (a signed-out visitor has no session) ...
    let res = http
        .get(format!("{addr}/login"))
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let token = common::extract_csrf(&res.text().await.unwrap()).unwrap();
    // ... signing in does.
    let res = http
        .post(format!("{addr}/login"))
        .header("accept-language", "ru")
        .header("origin", "http://127.0.0.1")
        .form(&[
            ("email", "a@x.test"),
            ("password", "whatever-pw"),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = res.text().await.unwrap();
    assert!(html.contains("Временно недоступно"), "{html}");
}
