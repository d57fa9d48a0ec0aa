//! Benchmark of the teams' and the director's pages over whatever database DATABASE_URL names
//! (scripts/bench seeds 100,000 accounts first): the database work of each page (the named
//! `db` functions the handler calls, so SQL time plus decoding), as median / min / max over
//! several runs, and the opening of a key-list review (the snapshot of every key client).

use futures_util::TryStreamExt;
use kamdesk::db;
use kamdesk::db::keylist::{KeyFilter, Order, Readers};
use kamdesk::db::reviews::RowFilter;
use kamdesk::db::visibility::{AccountScope, ProfileScope};
use kamdesk::domain::ids::{ReviewId, UserId};
use kamdesk::domain::review::Change;
use kamdesk::domain::user::Role;
use std::future::Future;
use std::time::Instant;

mod common;

const RUNS: usize = 5;

/// Runs `f` [`RUNS`] times and prints the figures; gives the last result.
async fn timed<T, F: Future<Output = T>>(name: &str, mut f: impl FnMut() -> F) -> T {
    let mut runs = vec![];
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f().await);
        runs.push(t.elapsed());
    }
    println!("{name:<48} {}", common::stats(runs, 1));
    last.unwrap()
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 4).unwrap();
        let p = &pool;
        let summary = db::scoring::summary(p).await.unwrap();
        println!(
            "accounts in the base: {}, key clients: {}, unowned: {}",
            summary.n, summary.key_count, summary.unowned_key
        );
        let director: UserId =
            sqlx::query_scalar("SELECT id FROM users WHERE role = 'director' LIMIT 1")
                .fetch_one(p)
                .await
                .unwrap();
        let kam: UserId =
            sqlx::query_scalar("SELECT user_id FROM owner_load ORDER BY key_accounts DESC LIMIT 1")
                .fetch_one(p)
                .await
                .unwrap();
        let readers = |user, role| Readers {
            scope: AccountScope::for_user(user, role),
            profile: ProfileScope::for_user(user, role),
        };
        let dir = readers(director, Role::Director);
        let all = KeyFilter::default();
        let page = |f: KeyFilter, order, team, offset| async move {
            db::keylist::count(p, &f).await.unwrap();
            db::keylist::page(p, dir, &f, order, team, (100, offset))
                .await
                .unwrap()
        };
        timed("key list, first page (count + 100 rows)", || {
            page(all.clone(), Order::Rank, false, 0)
        })
        .await;
        timed("key list, page 100", || {
            page(all.clone(), Order::Rank, false, 9_900)
        })
        .await;
        let owner = KeyFilter {
            owner: Some(kam),
            ..KeyFilter::default()
        };
        timed("key list, one owner's", || {
            page(owner.clone(), Order::Rank, false, 0)
        })
        .await;
        let search = KeyFilter {
            query: Some("ро".into()),
            ..KeyFilter::default()
        };
        timed("key list, name search", || {
            page(search.clone(), Order::Rank, false, 0)
        })
        .await;
        let kam_readers = readers(kam, Role::Kam);
        timed("key list, first page as a KAM (links)", || async {
            db::keylist::page(p, kam_readers, &all, Order::Rank, false, (100, 0))
                .await
                .unwrap()
        })
        .await;
        timed("who owns whom, first page (with teams)", || {
            page(all.clone(), Order::UnownedFirst, true, 0)
        })
        .await;
        let n = timed("key list export, every row streamed", || async {
            db::keylist::stream(pool.clone(), dir, all.clone(), Order::Rank, false)
                .await
                .unwrap()
                .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                .await
                .unwrap()
        })
        .await;
        println!("  ({n} rows)");
        timed("workload (owner_load)", || async {
            db::teams::workload(p).await.unwrap()
        })
        .await;
        timed("cockpit figures (stored)", || async {
            db::cockpit::read(p).await.unwrap()
        })
        .await;
        let today = chrono::Utc::now().date_naive();
        timed("overdue follow-ups, every team", || async {
            db::follow_ups::overdue_count(p, AccountScope::All, today)
                .await
                .unwrap()
        })
        .await;

        // Two reviews: the second is compared with the first, agreed, after owners moved.
        let mut opened = vec![];
        for title in ["Bench review 1", "Bench review 2"] {
            let id = ReviewId::new();
            let t = Instant::now();
            let mut tx = pool.begin().await.unwrap();
            let rows = db::reviews::open(
                &mut tx,
                &db::reviews::NewReview {
                    id,
                    title: title.into(),
                    held_on: today,
                    by: Some(director),
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            println!(
                "{:<48} {:>7.1} ms   ({rows} rows frozen)",
                format!("open a review ({title})"),
                t.elapsed().as_secs_f64() * 1e3
            );
            if opened.is_empty() {
                let mut tx = pool.begin().await.unwrap();
                db::reviews::agree(&mut tx, id, today, director)
                    .await
                    .unwrap();
                // A tenth of the owners differ in the next snapshot's base.
                sqlx::query(
                    "UPDATE key_list_review_rows SET owner_id = NULL, owner_name = NULL
                      WHERE review_id = $1 AND rank % 10 = 0",
                )
                .bind(id)
                .execute(&mut *tx)
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }
            opened.push(id);
        }
        let (first, second) = (opened[0], opened[1]);
        timed("review counts (diff against the previous)", || async {
            db::reviews::counts(p, second, Some(first)).await.unwrap()
        })
        .await;
        let lines = |f: RowFilter, offset| async move {
            db::reviews::count_lines(p, second, Some(first), &f)
                .await
                .unwrap();
            db::reviews::lines(p, second, Some(first), &f, (100, offset))
                .await
                .unwrap()
        };
        timed("review page, first (count + 100 rows)", || {
            lines(RowFilter::default(), 0)
        })
        .await;
        timed("review page, page 100", || {
            lines(RowFilter::default(), 9_900)
        })
        .await;
        let changed = RowFilter {
            change: Some(Change::OwnerChanged),
            ..RowFilter::default()
        };
        timed("review page, owner changes", || lines(changed.clone(), 0)).await;
        let undecided = RowFilter {
            decision: Some(None),
            ..RowFilter::default()
        };
        timed("review page, not decided yet", || {
            lines(undecided.clone(), 0)
        })
        .await;
        let n = timed("review export, every row streamed", || async {
            db::reviews::stream_lines(pool.clone(), second, Some(first))
                .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                .await
                .unwrap()
        })
        .await;
        println!("  ({n} rows)");
        sqlx::query("DELETE FROM key_list_reviews WHERE id = ANY($1)")
            .bind(opened.iter().map(|r| r.0).collect::<Vec<_>>())
            .execute(p)
            .await
            .unwrap();
    });
}
