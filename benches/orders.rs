//! Benchmark of orders over whatever database DATABASE_URL names (scripts/bench seeds 100,000
//! accounts first):
//!
//! 1. `kamdesk import orders` of a generated CSV of 1,000,000 orders over the seeded accounts
//!    (the release binary, under `/usr/bin/time` for its peak memory), then the key-list
//!    recompute those orders ask for;
//! 2. posting one order through the entry form (`POST /orders/new`, a real server and HTTP
//!    client, the scoring worker running) at concurrency 1 and 16: p50 / p95 / max.
//!
//! `ORDERS_BENCH_ROWS` changes the size of the import (default 1,000,000).

use kamdesk::db;
use rand::{Rng, SeedableRng};
use std::io::Write;
use std::time::{Duration, Instant};

mod common;
use common::stats;

/// Orders posted per client in the entry benchmark.
const POSTS: usize = 40;

fn percentiles(mut runs: Vec<Duration>) -> String {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |p: f64| runs[((runs.len() as f64 * p).ceil() as usize).clamp(1, runs.len()) - 1];
    format!(
        "p50 {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms   ({} posts)",
        ms(at(0.50)),
        ms(at(0.95)),
        ms(runs[runs.len() - 1]),
        runs.len()
    )
}

/// Writes `rows` orders over `accounts` as the import reads them.
fn write_csv(path: &std::path::Path, accounts: &[uuid::Uuid], rows: usize) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "account_id,ordered_on,amount,margin,currency,description,status"
    )
    .unwrap();
    let statuses = ["placed", "confirmed", "shipped", "delivered", "cancelled"];
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    for i in 0..rows {
        let account = accounts[rng.gen_range(0..accounts.len())];
        let day = start + chrono::Days::new(rng.gen_range(0..1000));
        let cents: i64 = rng.gen_range(10_000..50_000_000);
        let margin = cents / rng.gen_range(3..12);
        writeln!(
            out,
            "{account},{day},{}.{:02},{}.{:02},RUB,Imported order {i},{}",
            cents / 100,
            cents % 100,
            margin / 100,
            margin % 100,
            statuses[i % statuses.len()]
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// A signed-in client of the server at `base`, with the form token of its session.
async fn signed_in(base: &str, email: &str) -> (reqwest::Client, String) {
    let c = common::signed_in(base, email).await;
    let page = c.get(format!("{base}/orders/new")).send().await.unwrap();
    let t = common::csrf_token(&page.text().await.unwrap());
    (c, t)
}

/// Posts POSTS orders one after another as the signed-in client `c`; the time of each.
async fn post_orders(
    base: String,
    (c, token): (reqwest::Client, String),
    accounts: Vec<uuid::Uuid>,
) -> Vec<Duration> {
    let today = chrono::Utc::now().date_naive().to_string();
    let mut times = Vec::with_capacity(POSTS);
    for i in 0..POSTS {
        let account = accounts[i % accounts.len()].to_string();
        let t = Instant::now();
        let res = c
            .post(format!("{base}/orders/new"))
            .header("origin", &base)
            .form(&[
                ("account", "bench"),
                ("account_id", &account),
                ("account_pick", &account),
                ("ordered_on", &today),
                ("amount", "1 234,50"),
                ("margin", "200"),
                ("currency", "RUB"),
                ("description", "Benchmark order"),
                ("status", "placed"),
                ("csrf_token", &token),
            ])
            .send()
            .await
            .unwrap();
        times.push(t.elapsed());
        assert_eq!(res.status().as_u16(), 303, "order posted");
    }
    times
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rows: usize = std::env::var("ORDERS_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 20).unwrap();
        let today = chrono::Utc::now().date_naive();
        let accounts: Vec<uuid::Uuid> = sqlx::query_scalar("SELECT id FROM accounts ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
        let before: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
        println!("accounts: {}, orders before: {before}", accounts.len());

        println!("-- import of {rows} orders (kamdesk import orders, release build)");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("orders.csv");
        let t = Instant::now();
        write_csv(&file, &accounts, rows);
        let size = std::fs::metadata(&file).unwrap().len();
        println!(
            "    file: {:.0} MB written in {:.1} s",
            size as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let out = std::process::Command::new("/usr/bin/time")
            .args(["-f", "peak memory %M kB, cpu user %U s, system %S s"])
            .arg(env!("CARGO_BIN_EXE_kamdesk"))
            .args(["import", "orders"])
            .arg(&file)
            .env("DATABASE_URL", &url)
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        print!("    {}", String::from_utf8_lossy(&out.stdout));
        let time_line = String::from_utf8_lossy(&out.stderr);
        println!("    {}", time_line.lines().last().unwrap_or_default());
        println!(
            "    wall {secs:.1} s: {:.0} rows/s",
            rows as f64 / secs.max(0.001)
        );
        let after: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(after - before, rows as i64, "every row imported");
        db::analyze(&pool).await.unwrap();
        let t = Instant::now();
        let seq = kamdesk::scoring_worker::run_pending(&pool, today)
            .await
            .unwrap();
        println!(
            "    the recompute the import asked for: {:.2} s (seq {seq:?})",
            t.elapsed().as_secs_f64()
        );

        println!("-- posting one order (POST /orders/new, scoring worker running)");
        let base = common::serve(&url, 20).await;
        // Each client posts to the accounts of a slice of the base (the director sees them all).
        for concurrency in [1usize, 16] {
            // Signed in one after another: sixteen sign-ins of one user at once would be
            // refused by the sign-in throttle (it counts an attempt before checking it).
            let mut clients = vec![];
            for _ in 0..concurrency {
                clients.push(signed_in(&base, "director@demo.test").await);
            }
            let t = Instant::now();
            let mut tasks = vec![];
            for (k, client) in clients.into_iter().enumerate() {
                let slice: Vec<uuid::Uuid> = accounts
                    .iter()
                    .skip(k * 97)
                    .step_by(concurrency * 97 + 1)
                    .copied()
                    .take(POSTS)
                    .collect();
                tasks.push(tokio::spawn(post_orders(base.clone(), client, slice)));
            }
            let mut times = vec![];
            for task in tasks {
                times.extend(task.await.unwrap());
            }
            let wall = t.elapsed().as_secs_f64();
            println!(
                "concurrency {concurrency:>2}: {}   {:.0} orders/s",
                percentiles(times.clone()),
                times.len() as f64 / wall
            );
            println!("               {}", stats(times, 1));
        }
    });
}
