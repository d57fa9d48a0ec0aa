//! Competitive analysis from the client's point of view: the grid's rules, totals and weak
//! points, the incomplete flag, earlier versions kept, and a stale save.

mod common;

use common::TestApp;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// A grid form with `criteria` rows of equal weight (100 / n), our score `us` and two
/// competitors scoring 5 and 6 everywhere, based on `version`.
fn grid(criteria: usize, us: &str, version: &str) -> Vec<(String, String)> {
    let mut f = vec![
        ("version".to_string(), version.to_string()),
        ("rival_0".into(), "Tyre World".into()),
        ("rival_1".into(), "Kama Trade".into()),
    ];
    let weight = 100 / criteria;
    for r in 0..criteria {
        let w = if r == 0 {
            100 - weight * (criteria - 1)
        } else {
            weight
        };
        f.push((format!("name_{r}"), format!("Criterion {r}")));
        f.push((format!("weight_{r}"), w.to_string()));
        f.push((format!("score_{r}_0"), us.to_string()));
        f.push((format!("score_{r}_1"), "5".into()));
        f.push((format!("score_{r}_2"), "6".into()));
    }
    f
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn a_grid_is_saved_as_versions_with_totals_weak_points_and_the_incomplete_flag() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(account, assistant, "assistant").await;
    let c = app.signed_in("kam@x.test").await;
    let edit = format!("/accounts/{account}/competitive/edit");

    // The first form offers the ten default criteria.
    let form = c.text(&edit).await;
    assert!(form.contains("value=\"Delivery reliability\""));
    assert!(form.contains("name=\"version\" value=\"0\""));

    // Version 1: four criteria, we score 4 (below both): incomplete, every criterion a loss.
    let res = c.post(&edit, &pairs(&grid(4, "4", "0"))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Version 2: ten criteria, we score 7: complete, we win everywhere.
    let res = c.post(&edit, &pairs(&grid(10, "7", "1"))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let a = app.signed_in("assistant@x.test").await;
    let page = a.text(&format!("/accounts/{account}/competitive")).await;
    assert!(page.contains("Version 2"));
    assert!(!page.contains("alarm-box"), "ten criteria are complete");
    assert!(page.contains("<svg class=\"grid-chart\""), "the chart");
    assert!(page.contains("standing-win"));
    assert!(page.contains("Earlier versions"), "the trend");
    assert!(
        !page.contains("/competitive/edit"),
        "the assistant reads only"
    );
    let old = a
        .text(&format!("/accounts/{account}/competitive?version=1"))
        .await;
    assert!(old.contains("Incomplete: 4 criteria"));
    assert!(old.contains("standing-lose"));
    assert!(
        old.contains("<strong>4.00</strong>"),
        "our weighted total is 4"
    );
    let versions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM competitive_grids WHERE account_id = $1")
            .bind(account)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(versions, 2, "earlier versions are kept");
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE account_id = $1 AND section = 'competitive'",
    )
    .bind(account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(audit, 2);
    assert_eq!(
        a.post(&edit, &pairs(&grid(10, "7", "2"))).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn weights_not_summing_to_100_and_bad_scores_are_refused_beside_the_grid() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    let c = app.signed_in("kam@x.test").await;
    let edit = format!("/accounts/{account}/competitive/edit");
    let mut f = grid(10, "7", "0");
    f.iter_mut().find(|(k, _)| k == "weight_3").unwrap().1 = "11".into();
    let res = c.post(&edit, &pairs(&f)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("The weights must sum to 100."));
    assert!(page.contains("value=\"11\""), "input kept");

    let mut f = grid(10, "7", "0");
    f.iter_mut().find(|(k, _)| k == "score_2_1").unwrap().1 = "11".into();
    f.iter_mut().find(|(k, _)| k == "name_5").unwrap().1 = "Criterion 1".into();
    let res = c.post(&edit, &pairs(&f)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"score_2_1-err\""), "beside the score");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM competitive_grids")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing saved");

    let mut f = grid(10, "7", "0");
    f.iter_mut().find(|(k, _)| k == "name_5").unwrap().1 = "criterion 1".into();
    let res = c.post(&edit, &pairs(&f)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text().await.unwrap().contains("id=\"name_5-err\""),
        "a repeated criterion"
    );
}

#[tokio::test]
async fn a_save_on_an_outdated_version_is_refused_showing_the_stored_grid_and_keeping_the_input() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    let c = app.signed_in("kam@x.test").await;
    let d = app.signed_in("director@x.test").await;
    let edit = format!("/accounts/{account}/competitive/edit");
    assert_eq!(
        d.post(&edit, &pairs(&grid(10, "8", "0"))).await.status(),
        StatusCode::SEE_OTHER
    );
    let mut mine = grid(10, "3", "0");
    mine.iter_mut().find(|(k, _)| k == "name_0").unwrap().1 = "My own wording".into();
    let res = c.post(&edit, &pairs(&mine)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(page.contains("Saved in the meantime: version 1"));
    assert!(page.contains("value=\"My own wording\""), "input kept");
    assert!(
        page.contains("name=\"version\" value=\"1\""),
        "now based on the stored version"
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM competitive_grids")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 1);
}
