//! The analyses against hand-computed expectations: an account's ABC class with the figures
//! behind it, XYZ from its months, churn, the refusal trend; the ABC–XYZ matrix over what the
//! reader sees, its cells' accounts and exports.

mod common;

use chrono::{Datelike, Duration, NaiveDate};
use common::TestApp;
use kamdesk::domain::analysis::window;
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn order(app: &TestApp, account: AccountId, on: NaiveDate, amount: i64) {
    sqlx::query(
        "INSERT INTO orders (id, account_id, ordered_on, amount, description)
         VALUES (gen_random_uuid(), $1, $2, $3, 'Goods')",
    )
    .bind(account)
    .bind(on)
    .bind(rust_decimal::Decimal::from(amount))
    .execute(app.pool())
    .await
    .unwrap();
}

async fn lost_deal(app: &TestApp, account: AccountId, closed: NaiveDate) {
    sqlx::query(
        "INSERT INTO deals (id, account_id, title, opened_on, stage, closed_on, closed_at, outcome_reason)
         VALUES (gen_random_uuid(), $1, 'Lost one', $2 - 30, 'lost', $2, now(), 'price')",
    )
    .bind(account)
    .bind(closed)
    .execute(app.pool())
    .await
    .unwrap();
}

struct World {
    app: TestApp,
    big: AccountId,
    mid: AccountId,
}

/// Three clients: Big buys 100 on the 15th of every month of the window (1,200: A, steady: X),
/// Mid once 225 a hundred days ago (B: 1,200 of 1,500 ranked above is not below 80 % but below
/// 95 %; one month: Z; at risk after 60 days), Small once 75 on the window's last day (C: 1,425 above is not below
/// 95 %). Big is kam's; Mid and Small are other's.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let big = app.account("Big Co", "active", 1, 0, Some(kam)).await;
    let mid = app.account("Mid Co", "active", 1, 0, Some(other)).await;
    let small = app.account("Small Co", "active", 1, 0, Some(other)).await;
    let (start, _) = window(today());
    for m in 0..12 {
        let month = start
            .checked_add_months(chrono::Months::new(m))
            .unwrap()
            .with_day(15)
            .unwrap();
        order(&app, big, month, 100).await;
    }
    order(&app, mid, today() - Duration::days(100), 225).await;
    // The window's last day: the window ends with the month before this one.
    order(&app, small, window(today()).1, 75).await;
    lost_deal(&app, mid, today()).await;
    lost_deal(&app, mid, today()).await;
    lost_deal(&app, mid, today() - Duration::days(200)).await;
    // Older than eight quarters: not in the trend.
    lost_deal(&app, mid, today() - Duration::days(800)).await;
    app.recompute().await;
    World { app, big, mid }
}

#[tokio::test]
async fn an_accounts_analysis_shows_its_classes_with_the_figures_behind_them() {
    let w = world().await;
    let director = w.app.signed_in("director@x.test").await;

    let big = director
        .text(&format!("/accounts/{}/analysis", w.big))
        .await;
    assert!(
        big.contains(r#"ABC class: <span class="badge key">A</span>"#),
        "{big}"
    );
    assert!(big.contains(r#"XYZ class: <span class="badge key">X</span>"#));
    assert!(big.contains("1,200.00"), "its revenue");
    assert!(big.contains("1,500.00"), "the base's revenue");
    assert!(big.contains("80.0 %"), "its share");
    assert!(big.contains("0.00"), "no variation");

    let mid = director
        .text(&format!("/accounts/{}/analysis", w.mid))
        .await;
    assert!(mid.contains(r#"ABC class: <span class="badge key">B</span>"#));
    assert!(mid.contains(r#"XYZ class: <span class="badge key">Z</span>"#));
    assert!(
        mid.contains(r#"<span class="badge alarm">At risk"#),
        "100 days without an order"
    );
    assert!(mid.contains("3 deals lost in the last eight quarters"));
    let trend_rows = mid
        .split("id=\"trend\"")
        .nth(1)
        .unwrap()
        .matches("<tr>")
        .count();
    assert_eq!(trend_rows, 9, "a header and eight quarters");
}

/// The page reads one stored row (its standing) and the base's stored total instead of summing
/// the base: the figures are the recompute's, hand-computed here, and move with the next one.
#[tokio::test]
async fn the_abc_figures_are_stored_by_the_recompute_and_follow_it() {
    let w = world().await;
    let pool = w.app.pool();
    let figures = |id: AccountId| async move {
        let f = kamdesk::db::analysis::abc_figures(pool, id).await.unwrap();
        (f.revenue, f.before, f.total, f.accounts)
    };
    let d = |n: i64| rust_decimal::Decimal::from(n);
    assert_eq!(figures(w.big).await, (d(1200), d(0), d(1500), 3));
    assert_eq!(figures(w.mid).await, (d(225), d(1200), d(1500), 3));
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM abc_standing")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(rows, 3, "one row per account of the base with revenue");

    // A client without orders, and a big order for Mid: nothing moves before the recompute.
    let quiet = w.app.account("Quiet Co", "active", 1, 0, None).await;
    order(&w.app, w.mid, today() - Duration::days(40), 2000).await;
    assert_eq!(figures(w.big).await, (d(1200), d(0), d(1500), 3));
    w.app.recompute().await;
    assert_eq!(figures(w.mid).await, (d(2225), d(0), d(3500), 4));
    assert_eq!(figures(w.big).await, (d(1200), d(2225), d(3500), 4));
    assert_eq!(
        figures(quiet).await,
        (d(0), d(3500), d(3500), 4),
        "no revenue: the whole base ranks above it"
    );
    let director = w.app.signed_in("director@x.test").await;
    let mid = director
        .text(&format!("/accounts/{}/analysis", w.mid))
        .await;
    assert!(
        mid.contains(r#"ABC class: <span class="badge key">A</span>"#),
        "{mid}"
    );
    assert!(mid.contains("3,500.00"), "the base's revenue");
}

#[tokio::test]
async fn the_analysis_reads_in_russian_with_its_plurals() {
    let w = world().await;
    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'director@x.test'")
        .execute(w.app.pool())
        .await
        .unwrap();
    let director = w.app.signed_in("director@x.test").await;
    let mid = director
        .text(&format!("/accounts/{}/analysis", w.mid))
        .await;
    assert!(
        mid.contains("3 сделки проиграны за последние восемь кварталов"),
        "{mid}"
    );
    assert!(mid.contains("Класс ABC"));
}

#[tokio::test]
async fn the_matrix_counts_the_clients_the_reader_sees_and_lists_a_cells_clients() {
    let w = world().await;
    let director = w.app.signed_in("director@x.test").await;
    let all = director.text("/analysis").await;
    assert!(
        all.contains("/analysis?abc=A&amp;xyz=X\">1 client</a>"),
        "{all}"
    );
    assert!(all.contains("/analysis?abc=B&amp;xyz=Z\">1 client</a>"));
    assert!(all.contains("/analysis?abc=C&amp;xyz=Z\">1 client</a>"));
    assert!(all.contains("3 clients"), "the total");
    let cell = director.text("/analysis?abc=B&xyz=Z").await;
    assert!(cell.contains("Mid Co") && !cell.contains("Big Co"));

    let kam = w.app.signed_in("kam@x.test").await;
    let own = kam.text("/analysis").await;
    assert!(own.contains("/analysis?abc=A&amp;xyz=X\">1 client</a>"));
    assert!(
        !own.contains("abc=B&amp;xyz=Z\""),
        "another team's cell is not counted"
    );
    let foreign = kam.text("/analysis?abc=B&xyz=Z").await;
    assert!(!foreign.contains("Mid Co"));
}

#[tokio::test]
async fn the_matrix_exports_the_matrix_or_the_chosen_cell() {
    let w = world().await;
    let director = w.app.signed_in("director@x.test").await;
    let matrix = director.text("/analysis.csv").await;
    assert_eq!(
        matrix.lines().count(),
        10,
        "a header and nine cells: {matrix}"
    );
    assert!(matrix.contains("A,X,1,1200.00"), "{matrix}");
    assert!(matrix.contains("A,Y,0,0.00"));
    let cell = director.text("/analysis.csv?abc=C&xyz=Z").await;
    assert!(
        cell.contains("Small Co") && !cell.contains("Mid Co"),
        "{cell}"
    );
    let xlsx = director.get("/analysis.xlsx?abc=A&xyz=X").await;
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
}
