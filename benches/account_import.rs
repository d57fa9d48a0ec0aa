//! Benchmark of the client-base import over whatever database DATABASE_URL names (scripts/bench
//! seeds 100,000 accounts first; the import adds its own beside them):
//!
//! 1. a generated CSV of 100,000 clients with every column (tax id, external id, industry,
//!    headcount, revenue, importance, an owner of the demo's KAMs, two places, a potential);
//! 2. `kamdesk import accounts --dry-run` of it (the release binary, under `/usr/bin/time`);
//! 3. the real import (100,000 created);
//! 4. the same clients again with another headcount and potential (100,000 updated, matched by
//!    tax id).
//!
//! `ACCOUNT_IMPORT_BENCH_ROWS` changes the size (default 100,000).

use std::io::Write;
use std::time::Instant;

#[allow(dead_code)] // the allocator only; no `stats` here
mod common;

/// The demo's KAMs (src/demo), owners of the imported clients.
const OWNERS: [&str; 6] = [
    "kam1@demo.test",
    "kam2@demo.test",
    "kam3@demo.test",
    "kam4@demo.test",
    "kam5@demo.test",
    "kam6@demo.test",
];

const INDUSTRIES: [&str; 6] = [
    "retail",
    "logistics",
    "construction",
    "manufacturing",
    "food",
    "wholesale",
];

/// Writes `rows` clients; `round` changes the headcount and potential (0: as created).
fn write_csv(path: &std::path::Path, rows: usize, round: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "name,status,tax_id,external_id,industry,headcount,annual_revenue,strategic_importance,\
         owner_email,locations,potential,potential_basis"
    )
    .unwrap();
    for i in 0..rows {
        let n = i as u64;
        writeln!(
            out,
            "Bench Client {i},{status},{tax},BENCH-{i},{industry},{headcount},\"{revenue} 000,50\",\
             {importance},{owner},RU/Tatarstan/Kazan; DE/Bavaria/Munich,{potential}.00,Bench round {round}",
            status = if i % 3 == 0 { "prospect" } else { "active" },
            tax = 9_000_000_000 + n,
            industry = INDUSTRIES[i % INDUSTRIES.len()],
            headcount = 10 + (n * 7 + round) % 5_000,
            revenue = 1_000 + n % 90_000,
            importance = i % 6,
            owner = OWNERS[i % OWNERS.len()],
            potential = 100_000 + (n * 13 + round * 1_000) % 9_000_000,
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// Runs `kamdesk import accounts FILE [--dry-run]`, printing its report's summary, peak memory
/// and wall time.
fn import(url: &str, file: &std::path::Path, dry_run: bool, rows: usize) {
    let t = Instant::now();
    let mut cmd = std::process::Command::new("/usr/bin/time");
    cmd.args(["-f", "peak memory %M kB, cpu user %U s, system %S s"])
        .arg(env!("CARGO_BIN_EXE_kamdesk"))
        .args(["import", "accounts"])
        .arg(file)
        .env("DATABASE_URL", url);
    if dry_run {
        cmd.arg("--dry-run");
    }
    let out = cmd.output().unwrap();
    let secs = t.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The summary: the first four lines (the dry run lists every row after them).
    for line in stdout.lines().take(4) {
        println!("    {line}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("    {}", stderr.lines().last().unwrap_or_default());
    println!(
        "    wall {secs:.1} s: {:.0} rows/s",
        rows as f64 / secs.max(0.001)
    );
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rows: usize = std::env::var("ACCOUNT_IMPORT_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Runtime::new().unwrap();
    // The pool spawns its maintenance task on creation: it needs the runtime entered.
    let _runtime = rt.enter();
    let pool = kamdesk::db::pool(&url, 4).unwrap();
    let count = |sql: &'static str| {
        rt.block_on(async { sqlx::query_scalar::<_, i64>(sql).fetch_one(&pool).await })
            .unwrap()
    };
    let before = count("SELECT count(*) FROM accounts");
    println!("accounts before: {before}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("accounts.csv");
    let t = Instant::now();
    write_csv(&file, rows, 0);
    println!(
        "-- file: {rows} clients, {:.1} MB written in {:.1} s",
        std::fs::metadata(&file).unwrap().len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    println!("-- dry run (kamdesk import accounts --dry-run, release build)");
    import(&url, &file, true, rows);
    assert_eq!(
        count("SELECT count(*) FROM accounts"),
        before,
        "a dry run saves nothing"
    );

    println!("-- import: {rows} clients created");
    import(&url, &file, false, rows);
    assert_eq!(
        count("SELECT count(*) FROM accounts"),
        before + rows as i64,
        "every row created"
    );

    println!("-- the same clients again, changed: {rows} updated (matched by tax id)");
    write_csv(&file, rows, 1);
    import(&url, &file, false, rows);
    assert_eq!(
        count("SELECT count(*) FROM accounts"),
        before + rows as i64,
        "no duplicate"
    );
}
