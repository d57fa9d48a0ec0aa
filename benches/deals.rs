//! Benchmark of the deals area's account pages over whatever database DATABASE_URL names
//! (scripts/bench seeds 100,000 accounts first): the account timeline of the busiest account
//! (the most orders) and the analyses, each as its SQL (the `db` function) and as the page's work
//! without HTTP (the SQL plus turning every entry into the reader's line), median / min / max.

use kamdesk::db;
use kamdesk::db::timeline::Window;
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::analysis::{Abc, Xyz};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::timeline::{Direction, Kind};
use kamdesk::domain::user::Role;
use std::future::Future;
use std::time::{Duration, Instant};

const RUNS: usize = 20;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    format!(
        "median {:>7.2} ms   min {:>7.2} ms   max {:>7.2} ms",
        v[v.len() / 2].as_secs_f64() * 1e3,
        v[0].as_secs_f64() * 1e3,
        v[v.len() - 1].as_secs_f64() * 1e3
    )
}

/// Runs `f` [`RUNS`] times and prints the times; every run must succeed.
async fn time<F, Fut, T, E>(label: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Debug,
{
    let mut runs = vec![];
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f().await.expect("the query runs"));
        runs.push(t.elapsed());
    }
    println!("{label:<48} {}", stats(runs));
    last.unwrap()
}

fn window(kind: Option<Kind>, page: i64, limit: Option<i64>) -> Window {
    Window {
        kind,
        direction: Direction::NewestFirst,
        offset: (page - 1) * 50,
        limit,
    }
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 4).unwrap();
        let (busiest, orders): (AccountId, i64) = sqlx::query_as(
            "SELECT account_id, count(*) FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let sources: (i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM deals WHERE account_id = $1),
                    (SELECT count(*) FROM interactions WHERE account_id = $1),
                    (SELECT count(*) FROM follow_ups WHERE account_id = $1),
                    (SELECT count(*) FROM account_team WHERE account_id = $1),
                    (SELECT count(*) FROM audit_log WHERE account_id = $1)",
        )
        .bind(busiest)
        .fetch_one(&pool)
        .await
        .unwrap();
        println!(
            "busiest account: {orders} orders, {} deals, {} interactions, {} follow-ups, {} team stints, {} audit entries",
            sources.0, sources.1, sources.2, sources.3, sources.4
        );
        let id = busiest.to_string();
        let today = chrono::Utc::now().date_naive();

        println!("\n-- the account timeline (50 entries a page)");
        for (label, w) in [
            ("timeline, first page: SQL", window(None, 1, Some(50))),
            ("timeline, page 10: SQL", window(None, 10, Some(50))),
            ("timeline, orders only, first page: SQL", window(Some(Kind::Order), 1, Some(50))),
            ("timeline, pins only (none there): SQL", window(Some(Kind::Pin), 1, Some(50))),
            ("timeline, everything (the export): SQL", window(None, 1, None)),
        ] {
            time(label, || db::timeline::read(&pool, busiest, &w)).await;
        }
        let w = window(None, 1, Some(50));
        let mut headers = axum::http::HeaderMap::new();
        headers.insert("accept-language", "ru".parse().unwrap());
        let ctx = kamdesk::web::ctx::PageCtx::without_session(&headers, "/");
        time("timeline, first page: SQL + lines", || async {
            let entries = db::timeline::read(&pool, busiest, &w).await?;
            Ok::<_, sqlx::Error>(
                entries
                    .iter()
                    .map(|e| kamdesk::web::timeline::line(&ctx, &id, true, today, e))
                    .collect::<Vec<_>>(),
            )
        })
        .await;

        println!("\n-- the analyses");
        time("account analysis: orders of the window", || {
            db::analysis::orders(&pool, busiest, kamdesk::domain::analysis::window(today).0, today)
        })
        .await;
        time("account analysis: ABC figures (its stored standing)", || {
            db::analysis::abc_figures(&pool, busiest)
        })
        .await;
        time("account analysis: refusal trend", || {
            db::analysis::lost_per_quarter(&pool, busiest, today - chrono::Duration::days(730))
        })
        .await;
        time("matrix, director (every account)", || {
            db::analysis::matrix(&pool, AccountScope::All)
        })
        .await;
        let kam: UserId = sqlx::query_scalar("SELECT id FROM users WHERE email = 'kam1@demo.test'")
            .fetch_one(&pool)
            .await
            .unwrap();
        let kam_scope = AccountScope::for_user(kam, Role::Kam);
        time("matrix, kam1 (their teams)", || db::analysis::matrix(&pool, kam_scope)).await;
        time("matrix cell AX, director, first page", || {
            db::analysis::cell_accounts(&pool, AccountScope::All, Abc::A, Xyz::X, 0, Some(50))
        })
        .await;
    });
}
