//! What the system stores by code or by key reads in the reader's language: industries, places,
//! follow-up titles and order lines.

mod common;

use common::TestApp;
use kamdesk::db;
use kamdesk::domain::geo::{CountryCode, LocationKind};
use kamdesk::domain::ids::{FollowUpId, LocationId, OrderId};
use kamdesk::domain::order::OrderStatus;
use kamdesk::domain::system_text::{SystemMessage, SystemText, Text, TextArg};
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;
use rust_decimal::Decimal;

#[tokio::test]
async fn an_industry_is_chosen_from_the_list_and_named_in_the_readers_language() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user_with_language("kam.ru@x.test", Role::Kam, Language::Ru)
        .await;
    let k = app.signed_in("kam@x.test").await;
    let form = k.text("/accounts/new").await;
    assert!(form.contains("<option value=\"construction\">Construction</option>"));

    let refused = k
        .post(
            "/accounts/new",
            &[
                ("name", "Widget Co"),
                ("industry", "Widgets"),
                ("status", "prospect"),
                ("strategic_importance", "2"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("id=\"industry-err\"")
    );

    let res = k
        .post(
            "/accounts/new",
            &[
                ("name", "Fresh Co"),
                ("industry", "construction"),
                ("status", "prospect"),
                ("strategic_importance", "2"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = common::location(&res);
    assert!(k.text(&page).await.contains("<dd>Construction</dd>"));
    let stored: String =
        sqlx::query_scalar("SELECT industry FROM accounts WHERE name = 'Fresh Co'")
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(stored, "construction");
    // The Russian reader sees the Russian name (a director would; a KAM off the team may not,
    // so put the Russian KAM on the team).
    let id: kamdesk::domain::ids::AccountId =
        sqlx::query_scalar("SELECT id FROM accounts WHERE name = 'Fresh Co'")
            .fetch_one(app.pool())
            .await
            .unwrap();
    let ru_kam = db::users::find_by_email(app.pool(), "kam.ru@x.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.add_to_team(id, ru_kam, "member").await;
    let ru = app.signed_in("kam.ru@x.test").await;
    assert!(ru.text(&page).await.contains("<dd>Строительство</dd>"));
    // The list has no industry column (issue 8's columns); its values are named in Russian too.
    let list = ru.text("/accounts").await;
    assert!(
        list.contains("Fresh Co") && list.contains("<span class=\"badge\">Потенциальный</span>")
    );
}

#[tokio::test]
async fn places_follow_ups_and_order_lines_read_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let en = app.user("director@x.test", Role::Director).await;
    app.user_with_language("director.ru@x.test", Role::Director, Language::Ru)
        .await;
    let account = app
        .account("Volga Trade", "active", 1_000_000, 3, Some(en))
        .await;
    let mut tx = app.pool().begin().await.unwrap();
    for (country, region, kind) in [
        ("RU", "Tatarstan", LocationKind::Current),
        ("KZ", "Almaty Region", LocationKind::Planned),
    ] {
        db::locations::insert(
            &mut tx,
            &db::locations::NewLocation {
                id: LocationId::new(),
                account_id: account,
                country: CountryCode::of(country),
                region: region.into(),
                city: String::new(),
                kind,
                planned_on: None,
                note: String::new(),
                created_at: None,
            },
        )
        .await
        .unwrap();
    }
    db::follow_ups::insert(
        &mut tx,
        &db::follow_ups::NewFollowUp {
            id: FollowUpId::new(),
            account_id: account,
            title: Text::System(SystemText::plain(SystemMessage::FindOwner)),
            notes: String::new(),
            due_on: chrono::Utc::now().date_naive(),
            assignee_id: en,
            done_at: None,
            done_by: None,
            contact_id: None,
            deal_id: None,
            order_id: None,
            created_by: None,
            created_at: None,
        },
    )
    .await
    .unwrap();
    db::orders::insert(
        &mut tx,
        &db::orders::NewOrder {
            id: OrderId::new(),
            account_id: account,
            ordered_on: chrono::Utc::now().date_naive(),
            amount: Decimal::from(1000),
            margin: Decimal::from(100),
            currency: kamdesk::domain::money::Currency::Rub,
            description: Text::System(
                SystemText::plain(SystemMessage::OrderForSite)
                    .with("product", TextArg::Key(SystemMessage::Tyres))
                    .with("site", TextArg::Text("Kazan".into())),
            ),
            status: OrderStatus::Placed,
            logged_by: Some(en),
            created_at: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.recompute().await;

    let page = format!("/accounts/{account}/footprint");
    let d = app.signed_in("director@x.test").await;
    let english = d.text(&page).await;
    assert!(
        english.contains("Tatarstan, Russia, Europe"),
        "footprint in English"
    );
    assert!(
        english.contains("Almaty Region, Kazakhstan"),
        "planned gap in English"
    );
    assert!(
        d.text("/follow-ups")
            .await
            .contains("Find an owner for this account")
    );
    assert!(d.text("/orders").await.contains("Tyres, Kazan"));

    let r = app.signed_in("director.ru@x.test").await;
    let russian = r.text(&page).await;
    assert!(
        russian.contains("Tatarstan, Россия, Европа"),
        "footprint in Russian"
    );
    assert!(
        russian.contains("Almaty Region, Казахстан"),
        "planned gap in Russian"
    );
    assert!(!russian.contains("Russia,"));
    assert!(
        // Assigned to the English director: the Russian one sees it among all clients'.
        r.text("/follow-ups?whose=team")
            .await
            .contains("Назначить владельца клиента")
    );
    assert!(r.text("/orders").await.contains("Шины, Kazan"));
}
