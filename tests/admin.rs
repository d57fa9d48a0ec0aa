//! User administration: the last administrator stays one even under concurrent changes, and a
//! stale save is refused with both versions shown.

mod common;

use common::TestApp;
use kamdesk::domain::ids::UserId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

async fn active_admins(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM users WHERE active AND role = 'admin'")
        .fetch_one(app.pool())
        .await
        .unwrap()
}

async fn version(app: &TestApp, id: UserId) -> String {
    sqlx::query_scalar::<_, i32>("SELECT version FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(app.pool())
        .await
        .unwrap()
        .to_string()
}

/// Two signed-in administrators and a KAM they both may edit.
async fn two_admins_and_a_kam() -> (TestApp, UserId, common::Client, common::Client) {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    app.user("admin2@x.test", Role::Admin).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let first = app.signed_in("admin@x.test").await;
    let second = app.signed_in("admin2@x.test").await;
    (app, kam, first, second)
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = TestApp::spawn().await;
    // A role change takes 300 ms to write, as on a busy database: the window between the
    // last-admin check and the commit is wide open, so both requests are inside it together.
    sqlx::raw_sql(
        "CREATE FUNCTION slow_role_change() RETURNS trigger AS $$
         BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER slow_role_change BEFORE UPDATE OF role ON users
             FOR EACH ROW EXECUTE FUNCTION slow_role_change();",
    )
    .execute(app.pool())
    .await
    .unwrap();
    for round in 0..3 {
        // Exactly two active administrators, each signed in.
        sqlx::query("UPDATE users SET active = false")
            .execute(app.pool())
            .await
            .unwrap();
        let a_mail = format!("a{round}@x.test");
        let b_mail = format!("b{round}@x.test");
        let a = app.user(&a_mail, Role::Admin).await;
        let b = app.user(&b_mail, Role::Admin).await;
        let (ca, cb) = (app.signed_in(&a_mail).await, app.signed_in(&b_mail).await);
        let (va, vb) = (version(&app, a).await, version(&app, b).await);
        let (ta, tb) = (ca.session_csrf().await, cb.session_csrf().await);
        let (a_path, b_path) = (format!("/admin/users/{a}"), format!("/admin/users/{b}"));
        let a_demotes_b = [
            ("name", "B"),
            ("role", "kam"),
            ("version", vb.as_str()),
            ("csrf_token", ta.as_str()),
        ];
        let b_demotes_a = [
            ("name", "A"),
            ("role", "kam"),
            ("version", va.as_str()),
            ("csrf_token", tb.as_str()),
        ];
        let (r1, r2) = tokio::join!(
            ca.post_without_csrf(&b_path, &a_demotes_b),
            cb.post_without_csrf(&a_path, &b_demotes_a)
        );
        let statuses = [r1.status(), r2.status()];
        assert_eq!(active_admins(&app).await, 1, "round {round}: {statuses:?}");
        // One change goes through. The other is refused: as the last admin's demotion (422)
        // when it raced the first, or at the gate (403) when its sender was already demoted.
        let (done, refused) = if r1.status() == StatusCode::SEE_OTHER {
            (r1, r2)
        } else {
            (r2, r1)
        };
        assert_eq!(
            done.status(),
            StatusCode::SEE_OTHER,
            "round {round}: {statuses:?}"
        );
        match refused.status() {
            StatusCode::UNPROCESSABLE_ENTITY => assert!(
                refused
                    .text()
                    .await
                    .unwrap()
                    .contains("The last active administrator must stay an administrator.")
            ),
            StatusCode::FORBIDDEN => {}
            other => panic!("round {round}: the refused change answered {other}"),
        }
    }
}

#[tokio::test]
async fn the_last_admin_cannot_deactivate_themselves_or_be_deactivated() {
    let app = TestApp::spawn().await;
    let admin = app.user("admin@x.test", Role::Admin).await;
    let c = app.signed_in("admin@x.test").await;
    let v = version(&app, admin).await;
    let res = c
        .post(
            &format!("/admin/users/{admin}/active"),
            &[("active", "false"), ("version", &v)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(active_admins(&app).await, 1);
    let page = c.text(&common::location(&res)).await;
    assert!(page.contains("You cannot deactivate yourself"));
}

#[tokio::test]
async fn a_stale_deactivation_is_refused_with_both_versions_shown() {
    let (app, kam, first, second) = two_admins_and_a_kam().await;
    let opened_at = version(&app, kam).await;
    // The second admin renames the user meanwhile.
    let res = second
        .post(
            &format!("/admin/users/{kam}"),
            &[
                ("name", "Kim Renamed"),
                ("role", "kam"),
                ("version", &opened_at),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = first
        .post(
            &format!("/admin/users/{kam}/active"),
            &[("active", "false"), ("version", &opened_at)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone else changed this in the meantime"));
    assert!(html.contains("Kim Renamed"), "the stored version is shown");
    let active: bool = sqlx::query_scalar("SELECT active FROM users WHERE id = $1")
        .bind(kam)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert!(active, "the stale deactivation was not applied");
}

#[tokio::test]
async fn a_stale_profile_save_keeps_the_input_beside_the_stored_version() {
    let (app, kam, first, second) = two_admins_and_a_kam().await;
    let opened_at = version(&app, kam).await;
    let path = format!("/admin/users/{kam}");
    let res = second
        .post(
            &path,
            &[
                ("name", "Stored Name"),
                ("role", "kam"),
                ("version", &opened_at),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = first
        .post(
            &path,
            &[
                ("name", "Typed Name"),
                ("role", "director"),
                ("version", &opened_at),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Stored Name"), "stored version shown");
    assert!(html.contains("value=\"Typed Name\""), "input kept");
    let (name, role): (String, String) =
        sqlx::query_as("SELECT name, role FROM users WHERE id = $1")
            .bind(kam)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!((name.as_str(), role.as_str()), ("Stored Name", "kam"));
}

#[tokio::test]
async fn an_unknown_role_in_the_database_fails_loudly() {
    let app = TestApp::spawn().await;
    let admin = app.user("admin@x.test", Role::Admin).await;
    let c = app.signed_in("admin@x.test").await;
    // A role the application does not know (the CHECK constraint is lifted to plant it).
    sqlx::query("ALTER TABLE users DROP CONSTRAINT users_role_check")
        .execute(app.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE users SET role = 'superuser' WHERE id = $1")
        .bind(admin)
        .execute(app.pool())
        .await
        .unwrap();
    let res = c.get("/admin/users").await;
    assert_eq!(
        res.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "not silently an assistant"
    );
}
