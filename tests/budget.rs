//! The KAM budget of a key client: the planned cost against the planned and actual margin,
//! refused amounts, stale saves, the audit log and the cockpit's sums per KAM.

mod common;

use common::{TestApp, dec, location};
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

fn budget<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("year", "2027"),
        ("people_cost", "400 000"),
        ("marketing_cost", "100000,50"),
        ("discount_cost", "300000"),
        ("logistics_cost", ""),
        ("planned_margin", "2 000 000"),
        ("actual_margin", "500000"),
        ("note", ""),
        ("version", ""),
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
async fn a_kam_budgets_a_client_and_sees_the_margin_left_after_the_cost() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(account, assistant, "assistant").await;
    let c = app.signed_in("kam@x.test").await;
    let edit = format!("/accounts/{account}/budget/edit");
    let res = c.post(&edit, &budget(&[])).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&res),
        format!("/accounts/{account}/budget?year=2027")
    );
    let stored: (rust_decimal::Decimal, rust_decimal::Decimal, i32) = sqlx::query_as(
        "SELECT marketing_cost, logistics_cost, version FROM kam_budgets WHERE account_id = $1",
    )
    .bind(account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        stored,
        (dec("100000.50"), dec("0"), 1),
        "an empty cost is zero"
    );

    // The assistant reads it: cost 800,000.50; planned margin left 1,199,999.50; actual -300,000.50.
    let a = app.signed_in("assistant@x.test").await;
    let page = a
        .text(&format!("/accounts/{account}/budget?year=2027"))
        .await;
    assert!(page.contains("RUB\u{a0}800,001"), "total cost: {page}");
    assert!(
        page.contains("RUB\u{a0}1,200,000"),
        "planned margin after the cost"
    );
    assert!(
        page.contains("class=\"alarm-text\""),
        "a negative actual margin after cost is marked"
    );
    assert!(
        !page.contains("/budget/edit"),
        "no edit link for the assistant"
    );
    assert_eq!(
        a.post(&edit, &budget(&[("version", "1")])).await.status(),
        StatusCode::FORBIDDEN
    );

    let fields: Vec<String> = sqlx::query_scalar(
        "SELECT field FROM audit_log WHERE account_id = $1 AND section = 'budget' ORDER BY id",
    )
    .bind(account)
    .fetch_all(app.pool())
    .await
    .unwrap();
    assert!(fields.contains(&"budget_created".to_string()));
    assert!(fields.contains(&"budget_people".to_string()));
    assert!(
        fields.contains(&"budget_logistics".to_string()),
        "a new budget records every amount"
    );
}

#[tokio::test]
async fn bad_amounts_are_refused_beside_their_fields_and_a_stale_save_shows_both_versions() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let account = app.account("Acme", "active", 500_000, 3, Some(kam)).await;
    let c = app.signed_in("kam@x.test").await;
    let edit = format!("/accounts/{account}/budget/edit");
    let res = c
        .post(
            &edit,
            &budget(&[("people_cost", "-5"), ("discount_cost", "1,234")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"people_cost-err\""));
    assert!(page.contains("value=\"-5\""), "input kept");
    let res = c.post(&edit, &budget(&[("actual_margin", "1.234")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"actual_margin-err\"")
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM kam_budgets")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing saved");

    assert_eq!(
        c.post(&edit, &budget(&[])).await.status(),
        StatusCode::SEE_OTHER
    );
    let d = app.signed_in("director@x.test").await;
    let res = d
        .post(
            &edit,
            &budget(&[("version", "1"), ("people_cost", "450000")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = c
        .post(
            &edit,
            &budget(&[("version", "1"), ("people_cost", "999999")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("999999") && page.contains("450"),
        "both versions"
    );
    assert!(page.contains("name=\"version\" value=\"2\""));
    // A second first save of the same year is a stale save too.
    let res = c.post(&edit, &budget(&[])).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_cockpit_sums_budgets_per_kam_over_the_readers_scope() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let a = app.account("A", "active", 5_000_000, 5, Some(kam)).await;
    let b = app.account("B", "active", 5_000_000, 5, Some(kam)).await;
    let o = app.account("O", "active", 5_000_000, 5, Some(other)).await;
    // A base of thirty, so that the cap has places for the three; and a budget off the key
    // list, which the cockpit does not sum.
    let mut small = vec![];
    for i in 1..28 {
        small.push(
            app.account(&format!("Small {i}"), "active", i * 1000, 1, Some(kam))
                .await,
        );
    }
    app.recompute().await;
    let d = app.signed_in("director@x.test").await;
    for (account, people) in [(a, "100"), (b, "200"), (o, "1000"), (small[0], "7")] {
        let res = d
            .post(
                &format!("/accounts/{account}/budget/edit"),
                &budget(&[
                    ("people_cost", people),
                    ("marketing_cost", "0"),
                    ("discount_cost", "0"),
                ]),
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let all = kamdesk::db::budgets::per_kam(app.pool(), AccountScope::All, 2027)
        .await
        .unwrap();
    let summary: Vec<_> = all.iter().map(|r| (r.kam_id, r.clients, r.cost)).collect();
    assert_eq!(
        summary,
        [(Some(other), 1, dec("1000")), (Some(kam), 2, dec("300"))]
    );
    assert_eq!(all[1].planned_margin, dec("4000000"));
    let mine =
        kamdesk::db::budgets::per_kam(app.pool(), AccountScope::for_user(kam, Role::Kam), 2027)
            .await
            .unwrap();
    assert_eq!(mine.len(), 1, "a KAM sums only the clients they see");
    assert!(
        kamdesk::db::budgets::per_kam(app.pool(), AccountScope::All, 2026)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_cockpit_draws_plans_missing_or_overdue_and_budgets_per_kam_linking_to_their_clients() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let alpha = app
        .account("Alpha Motors", "active", 5_000_000, 5, Some(kam))
        .await;
    app.account("Beta Trucks", "active", 5_000_000, 5, Some(kam))
        .await;
    let omega = app
        .account("Omega Buses", "active", 5_000_000, 5, Some(other))
        .await;
    for i in 1..28 {
        app.account(&format!("Small {i}"), "active", i * 1000, 1, None)
            .await;
    }
    app.recompute().await;
    let year = chrono::Datelike::year(&chrono::Utc::now().date_naive()).to_string();
    let d = app.signed_in("director@x.test").await;
    for (account, people) in [(alpha, "100"), (omega, "1000")] {
        let res = d
            .post(
                &format!("/accounts/{account}/budget/edit"),
                &budget(&[
                    ("year", year.as_str()),
                    ("people_cost", people),
                    ("marketing_cost", "0"),
                    ("discount_cost", "0"),
                ]),
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    // Alpha's plan has an action past its date; Beta and Omega have no plan.
    let (plan, objective) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    sqlx::query(
        "INSERT INTO account_plans (id, account_id, year) VALUES ($1, $2, extract(year FROM current_date)::int)",
    )
    .bind(plan)
    .bind(alpha)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO plan_objectives (id, plan_id, kind, title) VALUES ($1, $2, 'region', 'Irkutsk')",
    )
    .bind(objective)
    .bind(plan)
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO plan_actions (id, objective_id, title, due_on) VALUES ($1, $2, 'Visit', current_date - 1)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(objective)
    .execute(app.pool())
    .await
    .unwrap();

    let page = d.text("/dashboard").await;
    let block = &page[page.find("id=\"planning\"").expect("the planning block")..];
    assert!(
        block.contains("href=\"/key-clients?plan=missing\" class=\"alarm-text\">2</a>"),
        "Beta and Omega"
    );
    assert!(
        block.contains("href=\"/key-clients?plan=overdue\" class=\"alarm-text\">1</a>"),
        "Alpha"
    );
    assert!(
        block.contains(&format!("owner={kam}\"")) && !block.contains(&format!("owner={other}\">2")),
        "each KAM links to their clients"
    );
    assert!(
        block.contains("href=\"/key-clients?plan=budget\">2</a>"),
        "the company"
    );
    assert!(block.contains("RUB\u{a0}1,100<"), "the company's cost");

    // Each figure opens the key clients behind it.
    let names = |page: &str| {
        ["Alpha Motors", "Beta Trucks", "Omega Buses"]
            .into_iter()
            .filter(|n| page.contains(n))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&d.text("/key-clients?plan=missing").await),
        ["Beta Trucks", "Omega Buses"]
    );
    assert_eq!(
        names(&d.text("/key-clients?plan=overdue").await),
        ["Alpha Motors"]
    );
    assert_eq!(
        names(
            &d.text(&format!("/key-clients?plan=budget&owner={kam}"))
                .await
        ),
        ["Alpha Motors"]
    );
    assert_eq!(
        names(&d.text("/key-clients?plan=budget").await),
        ["Alpha Motors", "Omega Buses"]
    );
    let res = d.get("/key-clients?plan=someday").await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a refused filter"
    );
}
