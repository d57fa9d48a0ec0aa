//! Benchmark of the contact map over whatever database DATABASE_URL names (scripts/bench seeds
//! 100,000 accounts first): the map page of the account with the most contacts (its SQL, the
//! pure layout and gap rules, the SVG rendered), and the coverage-gap counts the director's
//! cockpit reads, as median / min / max over several runs.

use askama::Template;
use kamdesk::db;
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::contact::AccountGaps;
use kamdesk::domain::contact_map::{self, MapNode};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::Role;
use kamdesk::web::contacts::{MapBody, map_view};
use kamdesk::web::ctx::PageCtx;
use std::time::Instant;

const RUNS: usize = 21;

mod common;
use common::stats;

/// Runs `f` RUNS times and prints its timing under `label`.
async fn time<F, Fut, T>(label: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f().await);
        times.push(t.elapsed());
    }
    println!("{label:<48} {}", stats(times, 3));
    last.expect("at least one run")
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 4).unwrap();
        let today = chrono::Utc::now().date_naive();
        let (account, people): (AccountId, i64) = sqlx::query_as(
            "SELECT account_id, count(*) FROM contacts WHERE gone_on IS NULL
              GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let (accounts, contacts): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM contacts)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        println!("accounts: {accounts}, contacts: {contacts}; map of {people} people");

        println!("-- the map page of the largest chart");
        let rows = time("SQL: every contact of the account", || {
            db::contacts::all_of_account(&pool, account)
        })
        .await
        .unwrap();
        let nodes: Vec<MapNode> = rows
            .iter()
            .filter(|c| !c.is_gone())
            .map(|c| MapNode {
                id: c.id,
                boss: c.reports_to,
            })
            .collect();
        let layout = time("pure: layout (every budget tried)", || async {
            contact_map::layout(&nodes)
        })
        .await;
        println!(
            "    chart {}×{} px, {} trees",
            layout.width, layout.height, layout.roots
        );
        let standings: Vec<_> = rows
            .iter()
            .filter(|c| !c.is_gone())
            .map(|c| (c.id, c.standing()))
            .collect();
        time("pure: gap rules", || async {
            AccountGaps::of(&standings, today)
        })
        .await;
        let headers = axum::http::HeaderMap::new();
        let svg = time("page: layout + cards + HTML/SVG rendered", || async {
            let ctx = PageCtx::without_session(&headers, "/");
            let view = map_view(&ctx, account, "Bench".into(), rows.clone(), today);
            MapBody { ctx, view }.render().unwrap()
        })
        .await;
        println!("    page {} kB", svg.len() / 1024);
        time("page with its SQL (what a request costs)", || async {
            let rows = db::contacts::all_of_account(&pool, account).await.unwrap();
            let ctx = PageCtx::without_session(&headers, "/");
            let view = map_view(&ctx, account, "Bench".into(), rows, today);
            MapBody { ctx, view }.render().unwrap()
        })
        .await;

        println!("-- coverage-gap counts for the cockpit");
        time("director: every client in the base", || {
            db::contacts::gap_counts(&pool, AccountScope::All, false, today)
        })
        .await
        .unwrap();
        time("director: key clients", || {
            db::contacts::gap_counts(&pool, AccountScope::All, true, today)
        })
        .await
        .unwrap();
        let kam: UserId = sqlx::query_scalar(
            "SELECT u.id FROM users u JOIN account_team t ON t.user_id = u.id AND t.ended_on IS NULL
              WHERE u.role = 'kam' GROUP BY u.id ORDER BY count(*) DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let counts = time("the busiest KAM's clients", || {
            db::contacts::gap_counts(&pool, AccountScope::for_user(kam, Role::Kam), false, today)
        })
        .await
        .unwrap();
        println!("    {counts:?}");
        let all = db::contacts::gap_counts(&pool, AccountScope::All, false, today)
            .await
            .unwrap();
        println!("    whole base: {all:?}");
        let counted = time(
            "director: every client, counted (what the tallies replace)",
            || db::contacts::count_gaps(&pool, AccountScope::All, false, today),
        )
        .await
        .unwrap();
        assert_eq!(all, counted, "the stored tallies equal a count");

        println!("-- keeping the figures");
        let ids: Vec<AccountId> =
            sqlx::query_scalar("SELECT DISTINCT account_id FROM contacts ORDER BY account_id")
                .fetch_all(&pool)
                .await
                .unwrap();
        time("refresh one account's figures (every write)", || async {
            let mut tx = pool.begin().await.unwrap();
            db::contacts::refresh_gaps(&mut tx, &[account])
                .await
                .unwrap();
            tx.commit().await.unwrap();
        })
        .await;
        let t = Instant::now();
        let mut tx = pool.begin().await.unwrap();
        for chunk in ids.chunks(5_000) {
            db::contacts::refresh_gaps(&mut tx, chunk).await.unwrap();
        }
        tx.commit().await.unwrap();
        println!(
            "{:<48} {:>8.0} ms (once, when the rules change)",
            format!("recompute all {} accounts' figures", ids.len()),
            t.elapsed().as_secs_f64() * 1e3
        );
    });
}
