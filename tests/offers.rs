//! Special offers: two or three variants with their value beyond a discount, the discount
//! share and the discount-only flag, the client's feedback and choice, stale saves.

mod common;

use common::TestApp;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

fn offer<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("title", "Winter tyres 2027"),
        ("offered_on", "2026-11-01"),
        ("version", ""),
        ("chosen", ""),
        ("description_0", "5 % off the list price"),
        ("discount_0", "500 000"),
        ("extra_value_0", ""),
        ("cost_0", "500000"),
        ("margin_effect_0", "-500000"),
        ("feedback_0", ""),
        ("description_1", "3 % off and free storage of summer tyres"),
        ("value_note_1", "Saves the client renting a warehouse"),
        ("discount_1", "300000"),
        ("extra_value_1", "900000"),
        ("cost_1", "350000"),
        ("margin_effect_1", "−350 000"),
        (
            "feedback_1",
            "Likes the storage; asks for pick-up in Irkutsk",
        ),
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
async fn an_offer_shows_each_variants_discount_share_flags_discount_only_and_keeps_the_choice() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(account, assistant, "assistant").await;
    let c = app.signed_in("kam@x.test").await;
    let new = format!("/accounts/{account}/special-offers/new");
    let res = c.post(&new, &offer(&[("chosen", "1")])).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let a = app.signed_in("assistant@x.test").await;
    let page = a.text(&format!("/accounts/{account}/special-offers")).await;
    assert!(page.contains("Winter tyres 2027"));
    assert!(page.contains("100 %"), "the first variant is all discount");
    assert!(page.contains("25 %"), "the second: 300,000 of 1,200,000");
    assert_eq!(
        page.matches("badge alarm").count(),
        1,
        "one variant is discount only, not the offer"
    );
    assert!(page.contains("class=\"chosen\""));
    assert!(
        page.contains("RUB\u{a0}-350,000"),
        "a negative margin effect"
    );
    assert!(
        !page.contains("/special-offers/new"),
        "the assistant reads only"
    );
    let stored: (Option<i16>, i64) = sqlx::query_as(
        "SELECT o.chosen, (SELECT count(*) FROM offer_variants v WHERE v.offer_id = o.id)
           FROM special_offers o WHERE o.account_id = $1",
    )
    .bind(account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(stored, (Some(1), 2));

    // Both variants discount only: the offer is flagged.
    let res = c
        .post(
            &new,
            &offer(&[
                ("title", "Just cheaper"),
                ("extra_value_1", "0"),
                ("value_note_1", ""),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = a.text(&format!("/accounts/{account}/special-offers")).await;
    assert_eq!(
        page.matches("badge alarm").count(),
        4,
        "two variants and the offer"
    );
}

#[tokio::test]
async fn an_offer_needs_two_variants_and_a_chosen_variant_needs_feedback() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    let c = app.signed_in("kam@x.test").await;
    let new = format!("/accounts/{account}/special-offers/new");
    let one = offer(&[
        ("description_1", ""),
        ("value_note_1", ""),
        ("discount_1", ""),
        ("extra_value_1", ""),
        ("cost_1", ""),
        ("margin_effect_1", ""),
        ("feedback_1", ""),
    ]);
    let res = c.post(&new, &one).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("An offer has two or three variants.")
    );
    let res = c.post(&new, &offer(&[("chosen", "0")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"chosen-err\""));
    let res = c.post(&new, &offer(&[("cost_1", "12,345")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"cost_1-err\""));
    assert!(page.contains("value=\"12,345\""), "input kept");
    let res = c.post(&new, &offer(&[("discount_0", "-5")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("id=\"discount_0-err\""),
        "a negative discount is refused"
    );
    assert!(page.contains("value=\"-5\""), "input kept");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM special_offers")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_stale_offer_save_is_refused_with_both_versions() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    let c = app.signed_in("kam@x.test").await;
    let d = app.signed_in("director@x.test").await;
    c.post(
        &format!("/accounts/{account}/special-offers/new"),
        &offer(&[]),
    )
    .await;
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM special_offers")
        .fetch_one(app.pool())
        .await
        .unwrap();
    let edit = format!("/accounts/{account}/special-offers/{id}");
    assert!(
        c.text(&edit)
            .await
            .contains("Saves the client renting a warehouse")
    );
    let res = d
        .post(
            &edit,
            &offer(&[("version", "1"), ("feedback_0", "Too little")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = c
        .post(
            &edit,
            &offer(&[("version", "1"), ("feedback_0", "Wants more")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(page.contains("Too little") && page.contains("Wants more"));
    let fields: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE account_id = $1 AND section = 'offers'",
    )
    .bind(account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert!(fields >= 2);
}
