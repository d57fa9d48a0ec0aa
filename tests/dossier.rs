//! The dossier's sections: each viewed on its tab and edited on its own form, validated
//! through the one text parser with the message beside the field, version-checked (a stale
//! save shows both versions and keeps the input), recorded in the history, and allowed by the
//! permission matrix on the server.

mod common;

use common::{TestApp, location};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// A KAM's active client with an assistant on its team, a director, and a KAM of another team.
async fn client(app: &TestApp) -> AccountId {
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    app.user("other-kam@x.test", Role::Kam).await;
    let id = app
        .account("Volga Trade", "active", 2_000_000, 3, Some(kam))
        .await;
    app.add_to_team(id, assistant, "assistant").await;
    app.recompute().await;
    id
}

async fn scalar<T>(app: &TestApp, sql: &str, id: AccountId) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(app.pool())
        .await
        .unwrap()
}

fn general<'a>(description: &'a str, version: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("description", description),
        ("industry", "retail"),
        ("headcount", "12 500"),
        ("annual_revenue", "1 250 000,50"),
        ("history", "Founded in 1998 in Samara."),
        ("org_structure", ""),
        ("staff_structure", ""),
        ("customers", "Families"),
        ("suppliers", ""),
        ("partners", ""),
        ("version", version),
    ]
}

#[tokio::test]
async fn the_general_section_is_saved_recorded_and_counted_in_completeness() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let before: i16 = scalar(
        &app,
        "SELECT dossier_completeness FROM accounts WHERE id = $1",
        id,
    )
    .await;
    let k = app.signed_in("kam@x.test").await;
    let form = k.text(&format!("/accounts/{id}/general/edit")).await;
    assert!(
        form.contains("name=\"version\" value=\"0\""),
        "never edited: version 0"
    );
    let res = k
        .post(
            &format!("/accounts/{id}/general/edit"),
            &general("A grocery chain of 300 stores.", "0"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/accounts/{id}/general"));
    let page = k.text(&location(&res)).await;
    assert!(page.contains("A grocery chain of 300 stores."));
    assert!(page.contains("12,500"), "the headcount, grouped: {page}");
    let headcount: Option<i32> =
        scalar(&app, "SELECT headcount FROM accounts WHERE id = $1", id).await;
    assert_eq!(headcount, Some(12_500));
    let revenue: Option<rust_decimal::Decimal> = scalar(
        &app,
        "SELECT annual_revenue FROM accounts WHERE id = $1",
        id,
    )
    .await;
    assert_eq!(revenue, Some(common::dec("1250000.50")));
    let after: i16 = scalar(
        &app,
        "SELECT dossier_completeness FROM accounts WHERE id = $1",
        id,
    )
    .await;
    assert!(
        after > before,
        "a description fills the general section: {before} → {after}"
    );
    let history = k
        .text(&format!("/accounts/{id}/history?section=general"))
        .await;
    assert!(
        history.contains("A grocery chain of 300 stores.</td>"),
        "{history}"
    );
    assert!(history.contains("Headcount"));
    assert!(history.contains("Retail"), "the industry by its name");
}

#[tokio::test]
async fn bad_input_is_refused_beside_its_field_and_the_input_is_kept() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let long = "x".repeat(10_001);
    let mut form = general(&long, "0");
    form.retain(|(k, _)| *k != "headcount" && *k != "annual_revenue");
    form.push(("headcount", "-5"));
    form.push(("annual_revenue", "100.005"));
    let res = k.post(&format!("/accounts/{id}/general/edit"), &form).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"description-err\""),
        "beside the description"
    );
    assert!(html.contains("Too long: at most"), "the limit is named");
    assert!(html.contains("id=\"headcount-err\""));
    assert!(html.contains("id=\"annual_revenue-err\""));
    assert!(html.contains("value=\"100.005\""), "the input is kept");
    assert!(html.contains("Founded in 1998 in Samara.</textarea>"));
    let saved: Option<String> =
        sqlx::query_scalar("SELECT description FROM account_dossier WHERE account_id = $1")
            .bind(id)
            .fetch_optional(app.pool())
            .await
            .unwrap();
    assert_eq!(saved, None, "nothing is saved");
}

#[tokio::test]
async fn a_stale_save_of_a_section_is_refused_with_both_versions_and_the_input_kept() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let d = app.signed_in("director@x.test").await;
    let path = format!("/accounts/{id}/needs/edit");
    let first = d
        .post(
            &path,
            &[
                ("business_needs", "Faster deliveries to the regions"),
                ("counterpart_measures", ""),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = k
        .post(
            &path,
            &[
                ("business_needs", "Private label growth"),
                ("counterpart_measures", "Margin per square metre"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let html = second.text().await.unwrap();
    assert!(html.contains("Someone else saved this first"));
    assert!(html.contains("Saved by director."), "who: {html}");
    assert!(
        html.contains("Faster deliveries to the regions</td>"),
        "the stored version"
    );
    assert!(
        html.contains("Private label growth</td>"),
        "beside the reader's"
    );
    assert!(
        html.contains(">Margin per square metre</textarea>"),
        "the input is kept"
    );
    assert!(
        html.contains("name=\"version\" value=\"1\""),
        "at the stored version now"
    );
    let needs: String = scalar(
        &app,
        "SELECT business_needs FROM account_dossier WHERE account_id = $1",
        id,
    )
    .await;
    assert_eq!(
        needs, "Faster deliveries to the regions",
        "nothing overwritten"
    );
}

#[tokio::test]
async fn saves_of_different_sections_keep_each_others_fields() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let d = app.signed_in("director@x.test").await;
    // Both forms loaded before either is saved.
    let (needs_path, general_path) = (
        format!("/accounts/{id}/needs/edit"),
        format!("/accounts/{id}/general/edit"),
    );
    let needs_form = [
        ("business_needs", "Regional growth"),
        ("counterpart_measures", ""),
        ("version", "0"),
    ];
    let general_form = general("A grocery chain.", "0");
    let (a, b) = tokio::join!(
        k.post(&needs_path, &needs_form),
        d.post(&general_path, &general_form),
    );
    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    let (needs, description): (String, String) = sqlx::query_as(
        "SELECT business_needs, description FROM account_dossier WHERE account_id = $1",
    )
    .bind(id)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        (needs.as_str(), description.as_str()),
        ("Regional growth", "A grocery chain.")
    );
}

#[tokio::test]
async fn strategic_importance_moves_the_key_decision() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{id}/importance/edit"),
            &[
                ("strategic_importance", "7"),
                ("importance_rationale", ""),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"strategic_importance-err\"")
    );
    let res = k
        .post(
            &format!("/accounts/{id}/importance/edit"),
            &[
                ("strategic_importance", "5"),
                ("importance_rationale", "Leader of the Volga region"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let s: rust_decimal::Decimal = scalar(
        &app,
        "SELECT s FROM scoring_results WHERE account_id = $1",
        id,
    )
    .await;
    assert_eq!(
        s,
        common::dec("100"),
        "importance 5 of 5 is in the key decision at once"
    );
    let page = k.text(&format!("/accounts/{id}/importance")).await;
    assert!(page.contains("Leader of the Volga region"));
}

#[tokio::test]
async fn a_prospect_that_fails_one_p_is_not_ready_and_the_judge_is_recorded() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    sqlx::query("UPDATE accounts SET status = 'prospect' WHERE id = $1")
        .bind(id)
        .execute(app.pool())
        .await
        .unwrap();
    let k = app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{id}/qualification/edit");
    let res = k
        .post(
            &path,
            &[
                ("need", "yes"),
                ("ability_to_pay", "no"),
                ("authority", "yes"),
                ("qualified_on", "2999-01-01"),
                ("qualification_note", ""),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a judgement in the future"
    );
    let res = k
        .post(
            &path,
            &[
                ("need", "yes"),
                ("ability_to_pay", "no"),
                ("authority", "yes"),
                ("qualified_on", ""),
                ("qualification_note", "Credit limit refused by finance"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = k.text(&format!("/accounts/{id}/qualification")).await;
    assert!(page.contains("Not ready"), "{page}");
    assert!(page.contains("Failed: Ability to pay"));
    let (on, by): (Option<chrono::NaiveDate>, Option<String>) = sqlx::query_as(
        "SELECT d.qualified_on, u.email FROM account_dossier d LEFT JOIN users u ON u.id = d.qualified_by
          WHERE d.account_id = $1",
    )
    .bind(id)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert!(on.is_some(), "dated today when left empty");
    assert_eq!(by.as_deref(), Some("kam@x.test"), "who judged");
}

#[tokio::test]
async fn image_maker_and_expert_are_set_by_hand_beside_the_computed_types() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{id}/types/edit"),
            &[("is_image_maker", "yes"), ("version", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (image, expert): (bool, bool) =
        sqlx::query_as("SELECT is_image_maker, is_expert FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!((image, expert), (true, false));
    let page = k.text(&format!("/accounts/{id}/types")).await;
    assert!(page.contains("Breadwinner"), "the computed types are shown");
}

#[tokio::test]
async fn competitors_are_added_edited_with_their_version_and_removed() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{id}/competitors/new"),
            &[
                ("name", " "),
                ("offering", ""),
                ("strengths", ""),
                ("our_position", ""),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a name is required"
    );
    let res = k
        .post(
            &format!("/accounts/{id}/competitors/new"),
            &[
                ("name", "MegaOpt"),
                ("offering", "Cash-and-carry prices"),
                ("strengths", "Logistics"),
                ("our_position", "Head-to-head"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let competitor: uuid::Uuid =
        scalar(&app, "SELECT id FROM competitors WHERE account_id = $1", id).await;
    let edit = format!("/accounts/{id}/competitors/{competitor}");
    let d = app.signed_in("director@x.test").await;
    let first = d
        .post(
            &edit,
            &[
                ("name", "MegaOpt"),
                ("offering", "Cash-and-carry prices"),
                ("strengths", "Logistics, prices"),
                ("our_position", "Ahead"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let stale = k
        .post(
            &edit,
            &[
                ("name", "MegaOpt"),
                ("offering", ""),
                ("strengths", "Nothing"),
                ("our_position", "Behind"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let html = stale.text().await.unwrap();
    assert!(
        html.contains("Ahead</td>") && html.contains("Behind</td>"),
        "both versions"
    );
    let stale_delete = k.post(&format!("{edit}/delete"), &[("version", "1")]).await;
    assert_eq!(
        stale_delete.status(),
        StatusCode::CONFLICT,
        "a stale delete removes nothing"
    );
    let delete = k.post(&format!("{edit}/delete"), &[("version", "2")]).await;
    assert_eq!(delete.status(), StatusCode::SEE_OTHER);
    let left: i64 = scalar(
        &app,
        "SELECT count(*) FROM competitors WHERE account_id = $1",
        id,
    )
    .await;
    assert_eq!(left, 0);
    let history = k
        .text(&format!("/accounts/{id}/history?section=competitors"))
        .await;
    assert!(
        history.contains("(MegaOpt)"),
        "the item is named: {history}"
    );
    assert!(history.contains("Ahead</td>"));
}

#[tokio::test]
async fn a_planned_place_cannot_be_in_the_past_and_a_new_region_moves_the_projected_league() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{id}/footprint/locations/new");
    let res = k
        .post(
            &path,
            &[
                ("kind", "planned"),
                ("country", "XX"),
                ("region", " "),
                ("city", ""),
                ("planned_on", "2001-01-01"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"country-err\""), "an unknown country");
    assert!(html.contains("id=\"region-err\""), "an empty region");
    assert!(
        html.contains("id=\"planned_on-err\""),
        "a planned date in the past"
    );
    let res = k
        .post(
            &path,
            &[
                ("kind", "planned"),
                ("country", "KZ"),
                ("region", "Almaty"),
                ("city", "Almaty"),
                ("planned_on", "2999-06-01"),
                ("note", "Stores"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let projected: Option<String> = scalar(
        &app,
        "SELECT projected_league FROM scoring_results WHERE account_id = $1",
        id,
    )
    .await;
    let league: Option<String> = scalar(
        &app,
        "SELECT league FROM scoring_results WHERE account_id = $1",
        id,
    )
    .await;
    assert_ne!(
        projected, league,
        "a second country lifts the projected league"
    );
    let page = k.text(&format!("/accounts/{id}/footprint")).await;
    assert!(page.contains("Almaty"));
    assert!(
        page.contains("not present: plan ours"),
        "no presence of ours in Almaty"
    );
}

#[tokio::test]
async fn the_forecast_table_derives_the_annual_potential_scoring_uses() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let form = k.text(&format!("/accounts/{id}/potential/edit")).await;
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(
        form.contains(&format!("name=\"revenue_{year}\"")),
        "a row for this year"
    );
    let (rev, margin, basis) = (
        format!("revenue_{year}"),
        format!("margin_{year}"),
        format!("basis_{year}"),
    );
    let res = k
        .post(
            &format!("/accounts/{id}/potential/edit"),
            &[
                (rev.as_str(), "3 000 000"),
                (margin.as_str(), "450 000"),
                (basis.as_str(), "Planned stores × average basket"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let potential: rust_decimal::Decimal = scalar(
        &app,
        "SELECT potential FROM scoring_results WHERE account_id = $1",
        id,
    )
    .await;
    assert_eq!(
        potential,
        common::dec("3000000"),
        "this year's forecast is the annual potential"
    );
    let page = k.text(&format!("/accounts/{id}/potential")).await;
    assert!(page.contains("Planned stores × average basket"));
    let history = k
        .text(&format!("/accounts/{id}/history?section=potential"))
        .await;
    assert!(history.contains(&format!("({year})")), "the year is named");
}

#[tokio::test]
async fn assistants_read_the_dossier_and_others_do_not_see_it() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    let a = app.signed_in("assistant@x.test").await;
    let page = a.text(&format!("/accounts/{id}/general")).await;
    assert!(!page.contains("/general/edit"), "no edit link for a reader");
    let res = a
        .post(
            &format!("/accounts/{id}/needs/edit"),
            &[("business_needs", "x"), ("version", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let o = app.signed_in("other-kam@x.test").await;
    assert_eq!(
        o.get(&format!("/accounts/{id}/general")).await.status(),
        StatusCode::NOT_FOUND
    );
    let needs: Option<String> =
        sqlx::query_scalar("SELECT business_needs FROM account_dossier WHERE account_id = $1")
            .bind(id)
            .fetch_optional(app.pool())
            .await
            .unwrap();
    assert_eq!(needs, None, "nothing written");
}

#[tokio::test]
async fn the_sections_speak_russian() {
    let app = TestApp::spawn().await;
    let id = client(&app).await;
    app.user_with_language(
        "ru-kam@x.test",
        Role::Director,
        kamdesk::domain::user::Language::Ru,
    )
    .await;
    let c = app.signed_in("ru-kam@x.test").await;
    let general = c.text(&format!("/accounts/{id}/general/edit")).await;
    assert!(general.contains("Организационная структура"));
    let potential = c.text(&format!("/accounts/{id}/potential")).await;
    assert!(potential.contains("Горизонт планирования"));
}
