//! The meeting brief: one page with every part about a seeded key client, in the reader's
//! language; its PDF printed by headless Chromium; a clear 503 when there is no Chromium.

mod common;

use common::TestApp;
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;

/// A client with something in every part of the brief.
async fn seeded(app: &TestApp) -> AccountId {
    let kam = app
        .user_with_language("kam@x.test", Role::Kam, Language::En)
        .await;
    sqlx::query("UPDATE users SET name = 'Anna Kamova' WHERE id = $1")
        .bind(kam)
        .execute(app.pool())
        .await
        .unwrap();
    let account = app
        .account("Acme Tyres", "active", 5_000_000, 5, Some(kam))
        .await;
    let irina = app.contact(account, "Irina Sokolova", None).await;
    app.contact(account, "Oleg Nobody", None).await;
    sqlx::query(
        "UPDATE contacts SET decision_role = 'decision_maker', attitude = 'supporter',
                title = 'Procurement director', covered_by = $2 WHERE id = $1",
    )
    .bind(irina)
    .bind(kam)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO contact_attitude_history (id, contact_id, attitude, changed_at)
         VALUES (gen_random_uuid(), $1, 'opponent', now() - interval '200 days'),
                (gen_random_uuid(), $1, 'supporter', now() - interval '20 days')",
    )
    .bind(irina)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO deals (id, account_id, kind, title, opened_on, deadline_on, amount)
         VALUES (gen_random_uuid(), $1, 'deal', 'Fleet tyres 2027', current_date, NULL, 2500000),
                (gen_random_uuid(), $1, 'tender', 'Municipal buses tender', current_date, current_date + 30, NULL)",
    )
    .bind(account)
    .execute(app.pool())
    .await
    .unwrap();
    // More in the latest three months than in the three before: growing.
    sqlx::query(
        "INSERT INTO orders (id, account_id, ordered_on, amount, description)
         VALUES (gen_random_uuid(), $1, current_date - 40, 900000, 'Winter set for the depot'),
                (gen_random_uuid(), $1, current_date - 130, 300000, 'Summer set')",
    )
    .bind(account)
    .execute(app.pool())
    .await
    .unwrap();
    app.follow_up(account, kam, "Send the storage terms").await;
    let plan = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO account_plans (id, account_id, year, client_goals)
         VALUES ($1, $2, extract(year FROM current_date)::int, 'Open two depots in Siberia')",
    )
    .bind(plan)
    .bind(account)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO plan_objectives (id, plan_id, kind, title) VALUES ($1, $2, 'region', 'Supply the Irkutsk depot')",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(plan)
    .execute(app.pool())
    .await
    .unwrap();
    let grid = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO competitive_grids (id, account_id, version, rivals) VALUES ($1, $2, 1, ARRAY['Tyre World'])",
    )
    .bind(grid)
    .bind(account)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO competitive_criteria (grid_id, position, name, weight, scores)
         VALUES ($1, 0, 'Delivery reliability', 60, ARRAY[5, 8]::smallint[]),
                ($1, 1, 'Quality', 40, ARRAY[9, 6]::smallint[])",
    )
    .bind(grid)
    .execute(app.pool())
    .await
    .unwrap();
    // A base of ten, so that the key list's cap has a place for the best one.
    for i in 1..10 {
        app.account(&format!("Small client {i}"), "active", i * 1000, 1, None)
            .await;
    }
    app.recompute().await;
    account
}

#[tokio::test]
async fn the_brief_shows_every_part_of_a_key_client_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let account = seeded(&app).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    app.add_to_team(account, assistant, "assistant").await;
    let c = app.signed_in("kam@x.test").await;
    let page = c.text(&format!("/accounts/{account}/brief")).await;
    for (part, expected) in [
        ("status", "Key client"),
        ("status", "Key on its score"),
        ("status", "Anna Kamova"),
        ("people", "Irina Sokolova"),
        ("people", "Decision maker"),
        ("people", "Opponent"),
        ("deals", "Fleet tyres 2027"),
        ("deals", "Municipal buses tender"),
        ("orders", "Winter set for the depot"),
        ("orders", "Orders are growing"),
        ("follow-ups", "Send the storage terms"),
        ("plan", "Supply the Irkutsk depot"),
        ("plan", "Open two depots in Siberia"),
        ("grid", "Delivery reliability"),
    ] {
        let start = page
            .find(&format!("id=\"brief-{part}\""))
            .unwrap_or_else(|| panic!("no {part} part"));
        let end = page[start..]
            .find("</section>")
            .map_or(page.len(), |e| start + e);
        assert!(
            page[start..end].contains(expected),
            "the {part} part shows {expected:?}"
        );
    }
    // The attitude history reads oldest first; the uncovered contact is marked.
    assert!(page.contains("Opponent ("), "the history's first step");
    assert!(page.contains("Oleg Nobody"));
    // Quality is where we win: it is not a weak point.
    let grid = &page[page.find("id=\"brief-grid\"").unwrap()..];
    assert!(!grid[..grid.find("</section>").unwrap()].contains("Quality"));
    assert!(page.contains(&format!("/accounts/{account}/brief.pdf")));
    assert!(page.contains("/static/brief.css"));

    // An assistant of the team reads it too, in Russian.
    sqlx::query("UPDATE users SET language = 'ru' WHERE id = $1")
        .bind(assistant)
        .execute(app.pool())
        .await
        .unwrap();
    let a = app.signed_in("assistant@x.test").await;
    let page = a.text(&format!("/accounts/{account}/brief")).await;
    assert!(page.contains("Справка к встрече"));
    assert!(page.contains("Заказы растут"));
    assert!(page.contains("lang=\"ru\""));
}

#[tokio::test]
async fn the_brief_pdf_is_printed_by_chromium_from_the_same_page() {
    let app = TestApp::spawn().await;
    let account = seeded(&app).await;
    let c = app.signed_in("kam@x.test").await;
    let res = c.get(&format!("/accounts/{account}/brief.pdf")).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "scripts/test provides Chromium (CHROME)"
    );
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/pdf"
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("brief-Acme-Tyres.pdf")
    );
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(b"%PDF"), "a PDF");
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("/Count 1"), "one A4 page");
    assert!(
        body.len() > 5_000,
        "with the page in it: {} bytes",
        body.len()
    );
}

#[tokio::test]
async fn without_chromium_the_pdf_answers_503_and_the_brief_still_works() {
    let app = TestApp::spawn_with(|c| kamdesk::config::Config {
        chrome: Some("/nonexistent/chromium".into()),
        ..c
    })
    .await;
    let account = seeded(&app).await;
    let c = app.signed_in("kam@x.test").await;
    let res = c.get(&format!("/accounts/{account}/brief.pdf")).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = res.text().await.unwrap();
    assert!(page.contains("The PDF cannot be made here"));
    assert!(page.contains(&format!("/accounts/{account}/brief\"")));
    let res = c.get(&format!("/accounts/{account}/brief")).await;
    assert_eq!(res.status(), StatusCode::OK);
}
