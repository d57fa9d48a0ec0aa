//! Benchmark of the key-list recompute over whatever database DATABASE_URL names (scripts/bench
//! seeds 100,000 accounts first). Prints the pure function's time, the snapshot load, and full
//! recomputes including the write-back, as median / min / max over several runs.

use kamdesk::db;
use kamdesk::scoring_worker;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

mod common;
use common::stats;

/// One recompute as the server's worker runs it (remembering what it wrote last).
async fn timed_recompute(
    pool: &sqlx::PgPool,
    today: chrono::NaiveDate,
    written: &mut scoring_worker::WrittenResults,
) -> Duration {
    db::scoring::request_recompute(pool).await.unwrap();
    let t = Instant::now();
    scoring_worker::run_pending_cached(pool, today, written)
        .await
        .unwrap()
        .expect("no other instance holds the lock");
    t.elapsed()
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 4).unwrap();
        let today = chrono::Utc::now().date_naive();
        let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
            .fetch_one(&pool)
            .await
            .unwrap();
        let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
        println!("accounts: {accounts}, orders: {orders}");
        let stored = db::scoring::current_settings(&pool).await.unwrap();

        // Order statistics: a full rebuild happens when the window moves to a new month;
        // otherwise only accounts whose orders changed are refreshed.
        let mut full = vec![];
        for _ in 0..3 {
            sqlx::query("UPDATE scoring_state SET order_stats_window = NULL").execute(&pool).await.unwrap();
            let t = Instant::now();
            scoring_worker::refresh_order_stats(&pool, today).await.unwrap();
            full.push(t.elapsed());
        }
        println!("order statistics, full rebuild        {}", stats(full, 1));
        let mut incremental = vec![];
        for _ in 0..RUNS {
            // One order logged, as an assistant would.
            sqlx::query(
                "INSERT INTO orders (id, account_id, ordered_on, amount, margin)
                 SELECT gen_random_uuid(), id, current_date - 1, 1000, 200 FROM accounts ORDER BY id LIMIT 1",
            )
            .execute(&pool)
            .await
            .unwrap();
            let t = Instant::now();
            scoring_worker::refresh_order_stats(&pool, today).await.unwrap();
            incremental.push(t.elapsed());
        }
        println!("order statistics, one order logged    {}", stats(incremental, 1));

        let mut loads = vec![];
        let mut snapshot = vec![];
        for _ in 0..RUNS {
            let t = Instant::now();
            snapshot = scoring_worker::load_snapshot(&pool, stored.horizon_years, today).await.unwrap();
            loads.push(t.elapsed());
        }
        println!("snapshot load (4 parallel queries)    {}", stats(loads, 1));

        let mut pure = vec![];
        for _ in 0..RUNS {
            let snapshot = snapshot.clone();
            let t = Instant::now();
            let out = scoring_worker::compute(snapshot, &stored.settings, today);
            pure.push(t.elapsed());
            std::hint::black_box(out);
        }
        println!("pure scoring + leagues + analyses     {}", stats(pure, 1));

        let only_score: Vec<kamdesk::domain::scoring::AccountInput> = snapshot
            .iter()
            .map(|a| kamdesk::domain::scoring::AccountInput {
                id: a.id.to_string(),
                status: a.status,
                potential: a.potential,
                strategic_importance: a.strategic_importance as u8,
                pin: a.pin,
                decision_making: a.decision_making,
                locations: a.locations.clone(),
            })
            .collect();
        let mut score_only = vec![];
        for _ in 0..RUNS {
            let t = Instant::now();
            std::hint::black_box(kamdesk::domain::scoring::score_accounts(
                &only_score,
                &stored.settings,
            ));
            score_only.push(t.elapsed());
        }
        println!(
            "pure score_accounts alone             {}",
            stats(score_only, 1)
        );

        // Without the worker's memory of what it wrote (a new instance's first run).
        let mut uncached = vec![];
        for _ in 0..3 {
            uncached.push(timed_recompute(&pool, today, &mut scoring_worker::WrittenResults::default()).await);
        }
        println!("full recompute, reading results back {}", stats(uncached, 1));

        // After one order: the usual case.
        let mut written = scoring_worker::WrittenResults::default();
        timed_recompute(&pool, today, &mut written).await;
        let mut after_order = vec![];
        for _ in 0..RUNS {
            sqlx::query(
                "INSERT INTO orders (id, account_id, ordered_on, amount, margin)
                 SELECT gen_random_uuid(), id, current_date - 1, 1000, 200 FROM accounts ORDER BY id DESC LIMIT 1",
            )
            .execute(&pool)
            .await
            .unwrap();
            let t = Instant::now();
            scoring_worker::run_pending_cached(&pool, today, &mut written).await.unwrap().expect("lock");
            after_order.push(t.elapsed());
        }
        println!("full recompute after one order        {}", stats(after_order, 1));

        // Cold: every result row written.
        let mut cold = vec![];
        for _ in 0..3 {
            sqlx::query("DELETE FROM scoring_results")
                .execute(&pool)
                .await
                .unwrap();
            // The worker's memory of what it wrote is gone with the rows, as after a restart:
            // kept, it would see nothing to write and leave the table empty for every later
            // benchmark (the lists, the key list, the cockpit read it).
            written = scoring_worker::WrittenResults::default();
            cold.push(timed_recompute(&pool, today, &mut written).await);
        }
        println!("full recompute, every row written     {}", stats(cold, 1));

        // Steady state: nothing changed, so no row is rewritten.
        let mut steady = vec![];
        for _ in 0..RUNS {
            steady.push(timed_recompute(&pool, today, &mut written).await);
        }
        println!("full recompute, nothing changed       {}", stats(steady, 1));

        // A settings change that moves many clients: alternate the cap between 20% and 10%.
        let mut moved = vec![];
        for i in 0..4 {
            let mut s = stored.settings.clone();
            s.cap_pct = if i % 2 == 0 { 10 } else { 20 };
            let by: kamdesk::domain::ids::UserId =
                sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 1")
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            db::scoring::insert_settings(&pool, &s, stored.horizon_years, "benchmark", by)
                .await
                .unwrap();
            moved.push(timed_recompute(&pool, today, &mut written).await);
        }
        println!("full recompute after a cap change    {}", stats(moved, 1));
        // Leave the settings as they were.
        let by: kamdesk::domain::ids::UserId =
            sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 1")
                .fetch_one(&pool)
                .await
                .unwrap();
        db::scoring::insert_settings(
            &pool,
            &stored.settings,
            stored.horizon_years,
            "benchmark restore",
            by,
        )
        .await
        .unwrap();
        timed_recompute(&pool, today, &mut written).await;
    });
}
