//! The director's cockpit: its figures, stored by the recompute, against hand-computed ones.

mod common;

use common::{TestApp, dec};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;

/// An order on `account` in the middle of last month: inside the 12-month window the
/// analyses read (the current month is not part of it).
async fn order_last_month(app: &TestApp, account: AccountId, amount: i64) {
    sqlx::query(
        "INSERT INTO orders (id, account_id, ordered_on, amount, description)
         VALUES ($1, $2, date_trunc('month', current_date)::date - 15, $3, 'Last month')",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(account)
    .bind(rust_decimal::Decimal::from(amount))
    .execute(app.pool())
    .await
    .unwrap();
}

#[tokio::test]
async fn the_cockpit_shows_the_figures_computed_by_hand() {
    let app = TestApp::spawn().await;
    let director = app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("idle@x.test", Role::Kam).await;
    // Potentials 1,000 .. 5,000 (15,000 in all); the cap (20% of 5) makes Client 5 key.
    let mut ids = vec![];
    for i in 1..=5 {
        let owner = (i == 5).then_some(kam);
        ids.push(
            app.account(&format!("Client {i}"), "active", i * 1000, 5, owner)
                .await,
        );
    }
    // A lost client is not part of the base.
    app.account("Gone Co", "lost", 90_000, 5, None).await;
    order_last_month(&app, ids[4], 1_000).await;
    order_last_month(&app, ids[0], 3_000).await;
    // One overdue follow-up, one due today (not overdue), one overdue but done.
    app.follow_up(ids[1], kam, "Due today").await;
    for (done, title) in [(false, "Overdue"), (true, "Done late")] {
        sqlx::query(
            "INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id, done, done_at)
             VALUES ($1, $2, $3, current_date - 3, $4, $5, CASE WHEN $5 THEN now() END)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(ids[2])
        .bind(title)
        .bind(director)
        .bind(done)
        .execute(app.pool())
        .await
        .unwrap();
    }
    app.recompute().await;

    let f = kamdesk::db::cockpit::read(app.pool()).await.unwrap();
    assert_eq!(f.pareto.len(), 101);
    // The first 20% (1 client of 5) hold 5,000 of 15,000; the first 40% 9,000.
    assert_eq!(f.pareto[20], dec("0.3333"));
    assert_eq!(f.pareto[40], dec("0.6"));
    assert_eq!(f.pareto[100], dec("1"));
    assert_eq!(f.pareto_key.iter().sum::<i32>(), 1);
    assert_eq!(
        f.pareto_key[0], 1,
        "the key client has the largest potential"
    );
    assert_eq!((f.sales_12m, f.key_sales_12m), (dec("4000"), dec("1000")));
    assert_eq!(f.key_at_risk, 0, "clients created today are not at risk");
    let none = f.leagues.iter().find(|(l, _)| l.is_none()).unwrap().1;
    assert_eq!(
        (none.clients, none.key_clients),
        (5, 1),
        "no client has a footprint"
    );
    assert_eq!(f.abc_xyz.iter().map(|(_, c)| c.clients).sum::<i32>(), 2);
    assert_eq!(f.abc_xyz.iter().map(|(_, c)| c.key_clients).sum::<i32>(), 1);

    let d = app.signed_in("director@x.test").await;
    let html = d.text("/dashboard").await;
    assert!(html.contains("The first 20% of clients hold 33.3% of the total potential."));
    assert!(html.contains("25.0%") && html.contains("below the 30–55% band"));
    let overdue = &html[html.find("id=\"tile-overdue\"").unwrap()..];
    assert!(overdue.contains("<span class=\"tile-num\">1</span>"));
    let unowned = &html[html.find("id=\"tile-unowned\"").unwrap()..];
    assert!(unowned.contains("<span class=\"tile-num\">0</span>"));
    let workload = &html[html.find("id=\"workload\"").unwrap()..];
    assert!(workload.contains(&format!("/key-clients?owner={kam}")));
    assert!(workload.contains("Room for more") && workload.contains("Idle"));
    // Nobody has contacts: the key client shows the contact map's "no contact" gap, and the
    // figure opens it.
    let gaps = &html[html.find("id=\"gaps\"").unwrap()..];
    assert!(gaps.contains(
        "<th scope=\"row\">No contact at all</th><td class=\"num\">1</td><td class=\"num\">5</td>"
    ));
    assert!(gaps.contains("<a href=\"/key-clients?gap=no-contact\">"));
    assert!(
        d.text("/key-clients?gap=no-contact")
            .await
            .contains("Client 5")
    );
    // Every cell of the matrix opens the key clients in it.
    let (abc, xyz): (String, String) =
        sqlx::query_as("SELECT abc, xyz FROM scoring_results WHERE account_id = $1")
            .bind(ids[4])
            .fetch_one(app.pool())
            .await
            .unwrap();
    let cell = d.text(&format!("/key-clients?abc={abc}&xyz={xyz}")).await;
    assert!(html.contains(&format!("/key-clients?abc={abc}&amp;xyz={xyz}")));
    assert!(cell.contains("Client 5"));
}
