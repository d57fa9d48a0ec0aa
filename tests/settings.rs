//! The scoring settings page: values refused beside their fields, the history of what each
//! change changed, and decimals written the reader's way.

mod common;

use common::TestApp;
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;

async fn versions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM scoring_settings")
        .fetch_one(app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_churn_period_too_large_to_store_is_refused_beside_its_field() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let d = app.signed_in("director@x.test").await;
    let base = d.settings_base_id().await;
    // 3,000,000,000 fits a u32 but not the stored integer; the other is past any u32.
    let res = d
        .post(
            "/settings/scoring",
            &common::settings_form(&[
                ("at_risk_days", "3000000000"),
                ("lost_days", "99999999999"),
                ("base_id", &base),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"at_risk_days-err\""),
        "beside at-risk days"
    );
    assert!(html.contains("id=\"lost_days-err\""), "beside lost days");
    assert!(html.contains("Outside the allowed range."));
    assert!(html.contains("value=\"3000000000\""), "input kept");
    assert_eq!(versions(&app).await, 1, "nothing saved");
}

#[tokio::test]
async fn the_history_shows_what_each_change_changed_and_who_made_it() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let d = app.signed_in("director@x.test").await;
    let base = d.settings_base_id().await;
    let res = d
        .post(
            "/settings/scoring",
            &common::settings_form(&[
                ("cap_pct", "10"),
                ("lost_days", "200"),
                ("note", "Fewer places"),
                ("base_id", &base),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let html = d.text("/settings/scoring").await;
    let history = &html[html.find("id=\"history\"").unwrap()..];
    assert!(history.contains("Cap, % of the client base: 20 → <strong>10</strong>"));
    assert!(history.contains("Likely lost after, days without orders: 180 → <strong>200</strong>"));
    assert!(
        !history.contains("Weight of potential: 0.7 →"),
        "an unchanged setting is not listed as a change: {history}"
    );
    assert!(history.contains("director") && history.contains("Fewer places"));
    // The first version lists every value, and says who set it.
    assert!(history.contains("Breadwinner from, % of total margin: <strong>10</strong>"));
    assert!(history.contains("KAM Desk"));
    assert!(history.contains("default values, set at installation"));
    assert!(!history.contains(">defaults<"));
}

#[tokio::test]
async fn russian_settings_show_and_accept_a_decimal_comma() {
    let app = TestApp::spawn().await;
    app.user_with_language("director@x.test", Role::Director, Language::Ru)
        .await;
    let d = app.signed_in("director@x.test").await;
    let html = d.text("/settings/scoring").await;
    assert!(html.contains("name=\"weight_potential\" inputmode=\"decimal\" value=\"0,7\""));
    assert!(html.contains("value=\"0,25\""), "xyz_y_cv");
    assert!(!html.contains(">defaults<"), "no stored English word");
    assert!(html.contains("Значения методики по умолчанию"));
    let base = d.settings_base_id().await;
    let res = d
        .post(
            "/settings/scoring",
            &common::settings_form(&[
                ("weight_potential", "0,65"),
                ("xyz_x_cv", "0.15"),
                ("base_id", &base),
            ]),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "either separator parses"
    );
    let (w, x): (rust_decimal::Decimal, rust_decimal::Decimal) = sqlx::query_as(
        "SELECT weight_potential, xyz_x_cv FROM scoring_settings ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!((w, x), (common::dec("0.65"), common::dec("0.15")));
    let html = d.text("/settings/scoring").await;
    assert!(
        html.contains("0,7 → <strong>0,65</strong>"),
        "history in Russian decimals"
    );
}
