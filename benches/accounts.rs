//! Benchmark of the accounts list, the account page, the home page and the cockpit over
//! whatever database DATABASE_URL names (scripts/bench seeds 100,000 accounts first; run it at
//! 10,000 and 300 too to see what grows with the base). Each page twice, as median / min / max
//! over [`RUNS`] runs:
//! - "SQL": the `db` functions its handler calls, in the handler's order (SQL plus decoding);
//! - "page": the whole request as a signed-in user sees it: the app as `kamdesk serve` builds
//!   it, started in this process on a local port, asked over HTTP by a client with the session
//!   cookie, until the last byte of the HTML (session lookup, gate, SQL, template, transfer).
//!
//! Readers: `director@demo.test` (every account) and `kam1@demo.test` (the accounts of the
//! teams they are on), the demo company's users.

use futures_util::TryStreamExt;
use kamdesk::db;
use kamdesk::db::account_list::{Cursor, ListFilter, Page, Sort, SortColumn};
use kamdesk::db::follow_ups::{FollowUpFilter, Whose};
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::follow_up::Bucket;
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::scoring::{Segment, Status};
use kamdesk::domain::user::Role;
use std::future::Future;
use std::time::Instant;

mod common;

/// Runs of each figure (after one unmeasured run that warms the cache and the connection).
const RUNS: usize = 20;

/// A list case: its name, what the `db` function is asked, and the same as the URL's query.
type Case<'a> = (
    &'a str,
    &'a ListFilter,
    Sort,
    &'a Page,
    Vec<(&'a str, String)>,
);

/// Runs `f` once unmeasured, then [`RUNS`] times, and prints the figures.
async fn timed<T, F: Future<Output = T>>(name: &str, mut f: impl FnMut() -> F) {
    f().await;
    let mut runs = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        f().await;
        runs.push(t.elapsed());
    }
    println!("{name:<58} {}", common::stats(runs, 1));
}

/// GET `path` (with `query`) as `client`, reading the whole body; fails on anything but 200.
async fn get(client: &reqwest::Client, base: &str, path: &str, query: &[(&str, String)]) -> usize {
    let res = client
        .get(format!("{base}{path}"))
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "GET {path} {query:?}");
    res.bytes().await.unwrap().len()
}

/// The reader `email`'s id and role.
async fn user(pool: &sqlx::PgPool, email: &str) -> (UserId, Role) {
    let u = db::users::find_by_email(pool, email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the demo user {email}"));
    (u.id, u.role)
}

/// A cursor of the name sort in the middle of what `scope` sees: the deep page starts there.
async fn middle_of(pool: &sqlx::PgPool, scope: AccountScope) -> (Cursor, usize, usize) {
    let rows: Vec<AccountId> =
        db::account_list::stream(pool.clone(), ListFilter::scoped(scope), Sort::default())
            .map_ok(|r| r.id)
            .try_collect()
            .await
            .unwrap();
    let at = rows.len() / 2;
    let id = rows[at];
    let key: String = sqlx::query_scalar("SELECT lower(name) FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    let raw = serde_json::to_string(&[key, id.to_string()]).unwrap();
    let cursor = Cursor::decode(&raw, SortColumn::Name).expect("a cursor of the name sort");
    (cursor, at, rows.len())
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL (scripts/bench sets it)");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let pool = db::pool(&url, 4).unwrap();
        let p = &pool;
        let summary = db::scoring::summary(p).await.unwrap();
        let base = common::serve(&url, 10).await;
        let today = chrono::Utc::now().date_naive();

        println!(
            "-- the accounts list (/accounts), {} accounts in the base",
            summary.n
        );
        let by_score = Sort {
            column: SortColumn::Score,
            direction: SortColumn::Score.default_direction(),
        };
        for (email, label) in [
            ("director@demo.test", "director"),
            ("kam1@demo.test", "kam1"),
        ] {
            let (id, role) = user(p, email).await;
            let scope = AccountScope::for_user(id, role);
            let client = common::signed_in(&base, email).await;
            let c = &client;
            let base = base.as_str();
            let (cursor, at, seen) = middle_of(p, scope).await;
            println!("{label}: {seen} accounts visible; the deep page starts after row {at}");
            let all = ListFilter::scoped(scope);
            let filtered = ListFilter {
                status: Some(Status::Active),
                segment: Some(Segment::Gold),
                ..ListFilter::scoped(scope)
            };
            let search = ListFilter {
                search: Some("строй".into()),
                ..ListFilter::scoped(scope)
            };
            let deep = Page::After(cursor.clone());
            // What the handler does: the page and the total, side by side.
            let sql = |f: &ListFilter, sort: Sort, page: &Page| {
                let (f, page) = (f.clone(), page.clone());
                async move {
                    tokio::try_join!(
                        db::account_list::page(p, &f, sort, &page),
                        db::account_list::total(p, &f),
                    )
                    .unwrap()
                }
            };
            let cases: [Case; 4] = [
                ("first page", &all, Sort::default(), &Page::First, vec![]),
                (
                    "deep page (keyset, middle of the list)",
                    &all,
                    Sort::default(),
                    &deep,
                    vec![("after", cursor.encode())],
                ),
                (
                    "active + gold, by score desc, first page",
                    &filtered,
                    by_score,
                    &Page::First,
                    vec![
                        ("status", "active".into()),
                        ("segment", "gold".into()),
                        ("sort", "score".into()),
                        ("dir", "desc".into()),
                    ],
                ),
                (
                    "search \"строй\", first page",
                    &search,
                    Sort::default(),
                    &Page::First,
                    vec![("q", "строй".into())],
                ),
            ];
            for (name, f, sort, page, query) in cases {
                timed(&format!("{label}, {name}: SQL"), || sql(f, sort, page)).await;
                timed(&format!("{label}, {name}: page"), || {
                    get(c, base, "/accounts", &query)
                })
                .await;
            }
        }

        let (busiest, orders): (AccountId, i64) = sqlx::query_as(
            "SELECT account_id, count(*) FROM orders GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
        )
        .fetch_one(p)
        .await
        .unwrap();
        println!("-- the account page (/accounts/{{id}}) of the busiest account ({orders} orders)");
        let (director, _) = user(p, "director@demo.test").await;
        let dir_client = common::signed_in(&base, "director@demo.test").await;
        let dc = &dir_client;
        // The gate, the header's unowned count (directors), the hub's header, the overview.
        timed("director, account page: SQL", || async {
            db::accounts::exists(p, busiest).await.unwrap();
            db::accounts::relation(p, busiest, director).await.unwrap();
            db::scoring::unowned_key(p).await.unwrap();
            db::accounts::header(p, busiest).await.unwrap();
            db::accounts::get(p, busiest).await.unwrap();
            db::dossier::get(p, busiest).await.unwrap();
            db::scoring::result_for(p, busiest).await.unwrap();
            db::accounts::team(p, busiest).await.unwrap();
            db::audit::for_account(p, busiest, None, 0, 5)
                .await
                .unwrap();
            db::contacts::stored_gaps(p, busiest).await.unwrap();
        })
        .await;
        let path = format!("/accounts/{busiest}");
        timed("director, account page: page", || {
            get(dc, &base, &path, &[])
        })
        .await;

        println!("-- the home page (/)");
        for (email, label) in [
            ("director@demo.test", "director"),
            ("kam1@demo.test", "kam1"),
        ] {
            let (id, role) = user(p, email).await;
            let client = common::signed_in(&base, email).await;
            let scope = AccountScope::for_user(id, role);
            let mine = ListFilter::scoped(AccountScope::TeamOf(id));
            let bucket = |b: Bucket| {
                let (due_from, due_to) = b.range(today);
                FollowUpFilter {
                    due_from,
                    due_to,
                    ..FollowUpFilter::open(scope, id, Whose::Mine)
                }
            };
            let (overdue, due_today) = (bucket(Bucket::Overdue), bucket(Bucket::Today));
            let director = role == Role::Director;
            timed(&format!("{label}, home: SQL"), || async {
                if director {
                    db::scoring::unowned_key(p).await.unwrap();
                }
                db::account_list::page(p, &mine, Sort::default(), &Page::First)
                    .await
                    .unwrap();
                db::follow_ups::page(p, &overdue, Default::default(), 10)
                    .await
                    .unwrap();
                db::follow_ups::page(p, &due_today, Default::default(), 10)
                    .await
                    .unwrap();
                db::follow_ups::count(p, &overdue).await.unwrap();
                db::follow_ups::count(p, &due_today).await.unwrap();
                if director {
                    db::scoring::summary(p).await.unwrap();
                }
            })
            .await;
            timed(&format!("{label}, home: page"), || {
                get(&client, &base, "/", &[])
            })
            .await;
            // The home page's parts, to name the one that grows.
            timed(
                &format!("  {label}, home part: my accounts, first page"),
                || async {
                    db::account_list::page(p, &mine, Sort::default(), &Page::First)
                        .await
                        .unwrap()
                },
            )
            .await;
            timed(
                &format!("  {label}, home part: my follow-ups, pages + counts"),
                || async {
                    db::follow_ups::page(p, &overdue, Default::default(), 10)
                        .await
                        .unwrap();
                    db::follow_ups::page(p, &due_today, Default::default(), 10)
                        .await
                        .unwrap();
                    db::follow_ups::count(p, &overdue).await.unwrap();
                    db::follow_ups::count(p, &due_today).await.unwrap()
                },
            )
            .await;
        }

        println!("-- the cockpit (/dashboard)");
        timed("director, cockpit: SQL", || async {
            db::scoring::unowned_key(p).await.unwrap();
            db::scoring::summary(p).await.unwrap();
            db::cockpit::read(p).await.unwrap();
            db::teams::workload(p).await.unwrap();
            db::contacts::gap_counts(p, AccountScope::All, true, today)
                .await
                .unwrap();
            db::contacts::gap_counts(p, AccountScope::All, false, today)
                .await
                .unwrap();
            db::follow_ups::overdue_count(p, AccountScope::All, today)
                .await
                .unwrap();
        })
        .await;
        timed("director, cockpit: page", || {
            get(dc, &base, "/dashboard", &[])
        })
        .await;
        // The cockpit's parts, to name the one that grows with the base.
        timed("  cockpit part: gap counts, key clients", || async {
            db::contacts::gap_counts(p, AccountScope::All, true, today)
                .await
                .unwrap()
        })
        .await;
        timed("  cockpit part: gap counts, every client", || async {
            db::contacts::gap_counts(p, AccountScope::All, false, today)
                .await
                .unwrap()
        })
        .await;
        timed("  cockpit part: overdue follow-ups", || async {
            db::follow_ups::overdue_count(p, AccountScope::All, today)
                .await
                .unwrap()
        })
        .await;
        timed("  cockpit part: stored figures + workload", || async {
            db::cockpit::read(p).await.unwrap();
            db::teams::workload(p).await.unwrap()
        })
        .await;
    });
}
