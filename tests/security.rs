//! The defects of issue 7, each probed as an attacker would, through real HTTP against a real
//! PostgreSQL: open redirects, control characters, invisible characters and lengths, account
//! enumeration and throttling, formula injection in exports, and sessions and request checks.

mod common;

use common::{Client, PASSWORD, TestApp, location};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap_or("?").to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn sessions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(app.pool())
        .await
        .unwrap()
}

/// The text of the sign-in page's error paragraph.
fn login_error(html: &str) -> String {
    let start = html
        .find("id=\"login-error\">")
        .unwrap_or_else(|| panic!("no sign-in error on the page: {html}"));
    let rest = &html[start + "id=\"login-error\">".len()..];
    rest[..rest.find("</p>").unwrap()].to_string()
}

// ---------------------------------------------------------------- open redirects

#[tokio::test]
async fn a_signed_in_visit_to_login_with_a_tab_before_a_second_slash_stays_on_this_site() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    for next in [
        "/%09/evil.example",
        "/%2F/evil.example",
        "/%5C/evil.example",
        "//evil.example",
    ] {
        let res = c.get(&format!("/login?next={next}")).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&res), "/", "{next}");
    }
    let res = c.get("/login?next=/accounts%3Fq%3Dx").await;
    assert_eq!(
        location(&res),
        "/accounts?q=x",
        "a local path is still followed"
    );
}

#[tokio::test]
async fn the_language_switch_goes_home_instead_of_off_site() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let signed = app.signed_in("kam@x.test").await;
    let anon = app.client();
    for c in [&signed, &anon] {
        let res = c
            .post("/language", &[("lang", "ru"), ("back", "/\t/evil.example")])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/");
    }
}

#[tokio::test]
async fn a_next_with_a_line_break_nul_or_del_never_crashes_and_goes_home() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let signed = app.signed_in("kam@x.test").await;
    let anon = app.client();
    for next in ["/%0a", "/%00", "/%7f", "/%0d%0aSet-Cookie:%20x=1", "/x%0a"] {
        let res = signed.get(&format!("/login?next={next}")).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&res), "/", "{next}");
        let res = anon.get(&format!("/login?next={next}")).await;
        assert_eq!(res.status(), StatusCode::OK, "{next}");
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("name=\"next\" value=\"/\"")
        );
    }
    // A sign-in whose next holds a newline signs in and goes home.
    let res = anon
        .post(
            "/login",
            &[
                ("email", "kam@x.test"),
                ("password", PASSWORD),
                ("next", "/\n"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/");
    assert_eq!(anon.get("/").await.status(), StatusCode::OK, "signed in");
}

// ---------------------------------------------------------------- control characters, lengths

#[tokio::test]
async fn a_nul_in_the_sign_in_email_is_a_message_beside_the_field_not_a_crash() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let res = c
        .post("/login", &[("email", "kam\0@x.test"), ("password", "x")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"email-err\""), "{html}");
    assert!(html.contains("control character"));
}

#[tokio::test]
async fn a_nul_in_the_account_search_is_a_message_beside_the_search_box() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let res = c.get("/accounts?q=%00").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"q-err\""), "{html}");
    let res = c.get(&format!("/accounts?q={}", "x".repeat(201))).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("at most 200 characters"));
    assert_eq!(c.get("/accounts?q=Client").await.status(), StatusCode::OK);
}

async fn account_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_account_with_a_nul_an_override_or_an_endless_name_or_an_unlisted_industry_is_refused_beside_the_field()
 {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let long = "x".repeat(201);
    // The industry is a pick list (domain::industry): anything but a listed code is refused.
    let cases: [(&str, &str, &str); 5] = [
        ("Acme\0", "retail", "control character"),
        ("Acme", "retail\0", "choose one of the options"),
        (
            "\u{202E}gnp.exe Acme",
            "retail",
            "invisible formatting character",
        ),
        (&long, "retail", "at most 200 characters"),
        ("Acme", "Retail", "choose one of the options"),
    ];
    for (name, industry, message) in cases {
        let res = c
            .post(
                "/accounts/new",
                &[
                    ("name", name),
                    ("industry", industry),
                    ("status", "prospect"),
                    ("strategic_importance", "3"),
                    ("decision_making", "centralized"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains(message), "{name:?} {industry:?}: {html}");
        assert!(html.contains("class=\"field-error\""));
    }
    assert_eq!(account_count(&app).await, 0, "nothing stored");
}

#[tokio::test]
async fn the_length_message_names_the_limit_in_russian_with_the_right_plural() {
    let app = TestApp::spawn().await;
    app.user_with_language("kam@x.test", Role::Kam, kamdesk::domain::user::Language::Ru)
        .await;
    let c = app.signed_in("kam@x.test").await;
    let res = c
        .post(
            "/accounts/new",
            &[
                ("name", &"Я".repeat(201)),
                ("status", "prospect"),
                ("strategic_importance", "3"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("не более 200 символов"));
}

#[tokio::test]
async fn a_pin_reason_with_a_nul_or_beyond_its_limit_is_refused_and_nothing_saved() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let id = app.account("Acme", "active", 5_000_000, 5, Some(kam)).await;
    others(&app).await;
    let d = app.signed_in("director@x.test").await;
    let long = "y".repeat(1001);
    for (reason, message) in [
        ("Big\0one", "control character"),
        (long.as_str(), "at most 1000 characters"),
    ] {
        let res = d
            .post(
                &format!("/accounts/{id}/pin"),
                &[("pin", "key"), ("reason", reason), ("version", "1")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains(message));
    }
    let pin: String = sqlx::query_scalar("SELECT pin FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(pin, "none");
    // A reason over several lines is fine.
    let res = d
        .post(
            &format!("/accounts/{id}/pin"),
            &[
                ("pin", "key"),
                ("reason", "Line one\r\nline two"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let reason: String = sqlx::query_scalar("SELECT pin_reason FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(reason, "Line one\nline two");
}

#[tokio::test]
async fn an_admin_adding_a_user_with_a_nul_or_hidden_characters_gets_messages_not_a_crash() {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    let a = app.signed_in("admin@x.test").await;
    for (email, name) in [
        ("new\0@x.test", "New"),
        ("new@x.test", "An\u{200B}na"),
        ("new\u{202E}@x.test", "New"),
    ] {
        let res = a
            .post(
                "/admin/users",
                &[
                    ("email", email),
                    ("name", name),
                    ("role", "kam"),
                    ("language", "en"),
                    ("password", "a-long-password"),
                ],
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email:?} {name:?}"
        );
        assert!(res.text().await.unwrap().contains("class=\"field-error\""));
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 1, "only the admin");
}

#[tokio::test]
async fn a_settings_note_with_a_nul_is_refused_beside_the_field() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let d = app.signed_in("director@x.test").await;
    let html = d.text("/settings/scoring").await;
    let base_id = html
        .split("name=\"base_id\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let res = d
        .post(
            "/settings/scoring",
            &[
                ("cap_pct", "20"),
                ("weight_potential", "0.7"),
                ("gold_min", "70"),
                ("silver_min", "40"),
                ("abc_a_pct", "80"),
                ("abc_b_pct", "95"),
                ("xyz_x_cv", "0.1"),
                ("xyz_y_cv", "0.25"),
                ("at_risk_days", "60"),
                ("lost_days", "180"),
                ("breadwinner_pct", "10"),
                ("horizon_years", "3"),
                ("note", "why\0not"),
                ("action", "save"),
                ("base_id", &base_id),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"note-err\""));
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM scoring_settings")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 1, "only the default settings");
}

// ---------------------------------------------------------------- enumeration, throttling

#[tokio::test]
async fn locked_unknown_and_wrong_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("other@x.test", Role::Kam).await;
    let c = app.client();
    let wrong = c.sign_in("other@x.test", "wrong-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong = login_error(&wrong.text().await.unwrap());
    let unknown = c.sign_in("nobody@x.test", "wrong-password").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login_error(&unknown.text().await.unwrap()), wrong);
    // Five failures lock a real account and an unknown one alike ...
    for _ in 0..5 {
        c.sign_in("kam@x.test", "wrong-password").await;
        c.sign_in("ghost@x.test", "wrong-password").await;
    }
    // ... and the answer then is the one a wrong password gets, even for the right password.
    for (email, password) in [
        ("kam@x.test", PASSWORD),
        ("ghost@x.test", "x"),
        ("kam@x.test", "x"),
    ] {
        let res = c.sign_in(email, password).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{email}");
        assert_eq!(login_error(&res.text().await.unwrap()), wrong, "{email}");
    }
    // The administrator sees the lock, and a password reset lifts it.
    let locked: Option<chrono::DateTime<chrono::Utc>> =
        kamdesk::db::users::find_by_email(app.pool(), "kam@x.test")
            .await
            .unwrap()
            .unwrap()
            .locked_until;
    assert!(locked.is_some());
    let hash = kamdesk::auth::hash_password_blocking(PASSWORD).unwrap();
    let id = kamdesk::db::users::find_by_email(app.pool(), "kam@x.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    kamdesk::db::users::set_password_hash(app.pool(), id, &hash)
        .await
        .unwrap();
    assert_eq!(
        app.client().sign_in("kam@x.test", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

/// The quickest of three answers to a sign-in.
async fn quickest(c: &Client, email: &str, password: &str) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let res = c.sign_in(email, password).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        best = best.min(t.elapsed());
    }
    best
}

#[tokio::test]
async fn a_locked_or_unknown_account_answers_about_as_slowly_as_a_wrong_password() {
    let app = TestApp::spawn_with(|c| kamdesk::config::Config {
        sign_in_max_failures_per_address: 1000,
        ..c
    })
    .await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("locked@x.test", Role::Kam).await;
    let c = app.client();
    for _ in 0..6 {
        c.sign_in("locked@x.test", "wrong-password").await;
    }
    // kam@ gets 3 failures: under its limit.
    let wrong = quickest(&c, "kam@x.test", "wrong-password").await;
    let locked = quickest(&c, "locked@x.test", PASSWORD).await;
    let unknown = quickest(&c, "nobody@x.test", "wrong-password").await;
    // Every answer verifies one password hash; an answer without one would take a small
    // fraction of the time (the bound is loose: the machine is shared).
    assert!(locked * 3 >= wrong, "locked {locked:?} vs wrong {wrong:?}");
    assert!(
        unknown * 3 >= wrong,
        "unknown {unknown:?} vs wrong {wrong:?}"
    );
}

#[tokio::test]
async fn a_password_spray_from_one_address_is_refused_even_for_a_right_password() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    // 20 different e-mails (each far under its own limit), each claiming another address in
    // X-Forwarded-For: without a configured trusted header, that header is not believed.
    for i in 0..20 {
        let forged = format!("198.51.100.{i}");
        let res = c
            .post_with_headers(
                "/login",
                &[
                    ("email", &format!("user{i}@x.test")),
                    ("password", "Winter2026!"),
                ],
                &[("origin", &app.addr), ("x-forwarded-for", &forged)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = c.sign_in("kam@x.test", PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the address is refused for a while"
    );
}

#[tokio::test]
async fn behind_a_proxy_the_trusted_header_names_the_client_across_servers() {
    let proxied = |c: kamdesk::config::Config| kamdesk::config::Config {
        trusted_proxy_header: Some("x-forwarded-for".parse().unwrap()),
        ..c
    };
    let app = TestApp::spawn_with(proxied).await;
    let second = TestApp::start_server_with(&app.db, proxied).await;
    app.user("kam@x.test", Role::Kam).await;
    let c1 = app.client();
    let c2 = app.client_of(&second);
    let attacker = "10.0.0.1, 203.0.113.7";
    for i in 0..20 {
        let c = if i % 2 == 0 { &c1 } else { &c2 };
        let res = c
            .post_with_headers(
                "/login",
                &[
                    ("email", &format!("user{i}@x.test")),
                    ("password", "Winter2026!"),
                ],
                &[("origin", &c.base), ("x-forwarded-for", attacker)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        sign_in_from(&c1, "203.0.113.7").await,
        StatusCode::UNAUTHORIZED,
        "the sprayer's address"
    );
    assert_eq!(
        sign_in_from(&c2, "198.51.100.2").await,
        StatusCode::SEE_OTHER,
        "another client"
    );
}

/// kam@'s sign-in through a proxy that says the client is `from`.
async fn sign_in_from(c: &Client, from: &str) -> StatusCode {
    c.post_with_headers(
        "/login",
        &[("email", "kam@x.test"), ("password", PASSWORD)],
        &[("origin", &c.base), ("x-forwarded-for", from)],
    )
    .await
    .status()
}

#[tokio::test]
async fn the_current_password_check_is_throttled_like_sign_in() {
    let app = TestApp::spawn().await;
    let id = app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let change = |current: &'static str| {
        let c = &c;
        async move {
            c.post(
                "/profile/password",
                &[
                    ("current", current),
                    ("new_password", "a-new-password-1"),
                    ("confirm", "a-new-password-1"),
                ],
            )
            .await
        }
    };
    for _ in 0..5 {
        assert_eq!(
            change("wrong-password").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let res = change(PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "refused for a while"
    );
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("The current password is wrong")
    );
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert!(
        kamdesk::auth::verify_password(PASSWORD.into(), hash).await,
        "unchanged"
    );
}

// ---------------------------------------------------------------- exports

async fn formula_client(app: &TestApp) -> AccountId {
    let kam = app.user("kam@x.test", Role::Kam).await;
    let id = app
        .account(
            "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "active",
            5_000_000,
            5,
            Some(kam),
        )
        .await;
    others(app).await;
    id
}

/// Four smaller clients (so that the cap holds one key client), then a recompute.
async fn others(app: &TestApp) {
    for i in 1..=4 {
        app.account(&format!("Small {i}"), "active", i * 1000, 1, None)
            .await;
    }
    app.recompute().await;
}

#[tokio::test]
async fn a_client_name_that_looks_like_a_formula_is_exported_as_text() {
    let app = TestApp::spawn().await;
    formula_client(&app).await;
    let c = app.signed_in("kam@x.test").await;
    let csv = c.text("/key-clients.csv").await;
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("1,\"'=HYPERLINK("),
        "the cell starts with a quote, not a formula: {row}"
    );

    let xlsx = c.get("/key-clients.xlsx").await.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(!sheet.contains("<f>"), "no formula in the sheet: {sheet}");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("=HYPERLINK("), "the name is a string cell");
}

// ---------------------------------------------------------------- sessions and requests

#[tokio::test]
async fn the_form_token_changes_at_sign_in_and_at_sign_out() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    let before = c.session_csrf().await;
    assert_eq!(
        c.sign_in("kam@x.test", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let signed = c.session_csrf().await;
    assert_ne!(before, signed, "rotated at sign-in");
    // The token from before sign-in is worth nothing now.
    let res = c
        .post_without_csrf("/logout", &[("csrf_token", &before)])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(c.post("/logout", &[]).await.status(), StatusCode::SEE_OTHER);
    let after = c.session_csrf().await;
    assert_ne!(after, signed, "rotated at sign-out");
    assert_ne!(after, before);
}

#[tokio::test]
async fn a_valid_token_from_another_origin_is_refused() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    let page = format!("{}/profile", app.addr);
    let refused: [&[(&str, &str)]; 4] = [
        &[("origin", "http://evil.example")],
        &[("origin", "null")],
        &[("referer", "http://evil.example/profile")],
        &[],
    ];
    for headers in refused {
        let res = c
            .post_with_headers("/language", &[("lang", "ru"), ("back", "/")], headers)
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    assert!(
        c.text("/").await.contains("My clients"),
        "language unchanged"
    );
    // A browser that sends no Origin but a Referer from this site is fine.
    let res = c
        .post_with_headers(
            "/language",
            &[("lang", "ru"), ("back", "/")],
            &[("referer", &page)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signed_in_pages_and_exports_are_not_stored_by_caches() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.signed_in("kam@x.test").await;
    for path in [
        "/",
        "/accounts",
        "/key-clients",
        "/key-clients.csv",
        "/key-clients.xlsx",
        "/profile",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
    }
}

#[tokio::test]
async fn too_large_bodies_and_too_long_addresses_get_the_security_headers() {
    let app = TestApp::spawn_with(|c| kamdesk::config::Config {
        body_limit_bytes: 1024,
        ..c
    })
    .await;
    let c = app.client();
    let res = c
        .http
        .post(format!("{}/login", app.addr))
        .header("origin", &app.addr)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={}", "a".repeat(4096)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let res413 = res;
    let res414 = c.get(&format!("/accounts?q={}", "a".repeat(10_000))).await;
    assert_eq!(res414.status(), StatusCode::URI_TOO_LONG);
    for res in [&res413, &res414] {
        assert_eq!(header(res, "x-frame-options"), "DENY");
        assert_eq!(header(res, "x-content-type-options"), "nosniff");
        assert!(header(res, "content-security-policy").contains("frame-ancestors 'none'"));
        assert_eq!(header(res, "referrer-policy"), "same-origin");
    }
}

#[tokio::test]
async fn signed_out_visits_store_no_session() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let c = app.client();
    assert_eq!(c.get("/login").await.status(), StatusCode::OK);
    assert_eq!(c.get("/no/such/page").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(c.get("/accounts").await.status(), StatusCode::SEE_OTHER);
    let res = c
        .post("/language", &[("lang", "ru"), ("back", "/login")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        c.text("/login").await.contains("Вход в KAM Desk"),
        "the choice is kept in a cookie"
    );
    assert_eq!(
        c.sign_in("kam@x.test", "wrong-password").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sessions(&app).await,
        0,
        "no session row for a signed-out visitor"
    );
    assert_eq!(
        c.sign_in("kam@x.test", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(sessions(&app).await, 1, "one at sign-in");
}

#[tokio::test]
async fn every_cookie_is_secure_when_the_site_is_served_over_https() {
    let app = TestApp::spawn_with(|c| c.with_site_url("https://kamdesk.example")).await;
    app.user("kam@x.test", Role::Kam).await;
    // A client without a cookie store (a Secure cookie would not go back over plain http).
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = http
        .get(format!("{}/login", app.addr))
        .send()
        .await
        .unwrap();
    let set = header(&res, "set-cookie");
    assert!(
        set.starts_with("kamdesk_csrf=") && set.contains("Secure"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let token = common::extract_csrf(&res.text().await.unwrap()).unwrap();
    let res = http
        .post(format!("{}/login", app.addr))
        .header("origin", "https://kamdesk.example")
        .header("cookie", cookie)
        .form(&[
            ("email", "kam@x.test"),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let set = header(&res, "set-cookie");
    let session = set
        .lines()
        .find(|l| l.starts_with("kamdesk_session="))
        .unwrap_or_else(|| panic!("{set}"));
    assert!(session.contains("Secure"), "{session}");
}
