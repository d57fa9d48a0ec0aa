//! The migration to issue 10's deal stages maps the rows the old schema held, and reverts.

mod common;

use common::{TestDb, dec};

const MIGRATION: i64 = 20261125500001;

/// Reverts the database to just before the deal migration.
async fn before_the_migration(db: &TestDb) {
    let previous = kamdesk::db::MIGRATOR
        .iter()
        .map(|m| m.version)
        .filter(|v| *v < MIGRATION)
        .max()
        .unwrap();
    kamdesk::db::MIGRATOR
        .undo(&db.pool, previous)
        .await
        .unwrap();
}

#[tokio::test]
async fn old_stages_and_outcomes_become_the_new_stages_with_reasons_and_bids() {
    let db = TestDb::new().await;
    before_the_migration(&db).await;
    let pool = &db.pool;
    let account = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO accounts (id, name) VALUES ($1, 'Acme')")
        .bind(account)
        .execute(pool)
        .await
        .unwrap();
    // (title, kind, stage, outcome, amount, closed, reason, winner, gap)
    let old = [
        (
            "qualified",
            "deal",
            "qualified",
            "open",
            Some("100"),
            false,
            "",
            "",
            None,
        ),
        (
            "won tender",
            "tender",
            "closed",
            "won",
            Some("1000"),
            true,
            "Best total cost",
            "",
            None,
        ),
        (
            "lost tender",
            "tender",
            "closed",
            "lost",
            Some("1080"),
            true,
            "Price above the winner",
            "Rival",
            Some("8"),
        ),
        (
            "lost deal",
            "deal",
            "closed",
            "lost",
            Some("500"),
            true,
            "New purchasing director brought his own supplier",
            "Rival",
            Some("5"),
        ),
        (
            "cancelled",
            "deal",
            "closed",
            "cancelled",
            None,
            true,
            "Budget frozen",
            "",
            None,
        ),
        ("odd", "deal", "closed", "open", None, false, "", "", None),
    ];
    for (title, kind, stage, outcome, amount, closed, reason, winner, gap) in old {
        sqlx::query(
            "INSERT INTO deals (id, account_id, kind, title, stage, outcome, amount, opened_on, due_on,
                 closed_on, outcome_reason, winning_competitor, price_gap_pct)
             VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, '2026-01-01', '2026-02-01',
                     CASE WHEN $8 THEN '2026-03-01'::date END, $9, $10, $11::numeric)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(account)
        .bind(kind)
        .bind(title)
        .bind(stage)
        .bind(outcome)
        .bind(amount)
        .bind(closed)
        .bind(reason)
        .bind(winner)
        .bind(gap)
        .execute(pool)
        .await
        .unwrap();
    }
    kamdesk::db::migrate(pool).await.unwrap();

    type Row = (
        String,
        String,
        Option<String>,
        String,
        Option<rust_decimal::Decimal>,
        Option<rust_decimal::Decimal>,
        Option<chrono::NaiveDate>,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT title, stage, outcome_reason, outcome_note, our_bid, winning_bid, deadline_on, winning_competitor
           FROM deals ORDER BY created_at, title",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let by = |t: &str| rows.iter().find(|r| r.0 == t).unwrap().clone();
    assert_eq!(by("qualified").1, "qualification");
    assert_eq!(by("qualified").2, None);
    let won = by("won tender");
    assert_eq!((won.1.as_str(), won.2.as_deref()), ("won", Some("price")));
    assert_eq!((won.4, won.5), (Some(dec("1000")), Some(dec("1000"))));
    assert_eq!(
        won.6,
        Some("2026-02-01".parse().unwrap()),
        "a tender's due date is its deadline"
    );
    let lost = by("lost tender");
    assert_eq!(
        (lost.1.as_str(), lost.2.as_deref()),
        ("lost", Some("price"))
    );
    assert_eq!(
        lost.3, "Price above the winner",
        "the text is kept as the note"
    );
    assert_eq!(
        (lost.4, lost.5),
        (Some(dec("1080")), Some(dec("1000"))),
        "the gap becomes the winning bid"
    );
    let deal = by("lost deal");
    assert_eq!(
        (deal.2.as_deref(), deal.4, deal.7.as_str()),
        (Some("relationship"), None, "Rival")
    );
    let cancelled = by("cancelled");
    assert_eq!(
        (cancelled.1.as_str(), cancelled.2.as_deref()),
        ("lost", Some("no_decision"))
    );
    assert_eq!(
        by("odd").1,
        "negotiation",
        "closed without an outcome stays open"
    );

    // And back: the old columns return with what they can hold.
    before_the_migration(&db).await;
    let back: Vec<(String, String, String, Option<rust_decimal::Decimal>)> =
        sqlx::query_as("SELECT title, stage, outcome, price_gap_pct FROM deals ORDER BY title")
            .fetch_all(pool)
            .await
            .unwrap();
    let by = |t: &str| back.iter().find(|r| r.0 == t).unwrap().clone();
    assert_eq!(
        (by("cancelled").1.as_str(), by("cancelled").2.as_str()),
        ("closed", "cancelled")
    );
    assert_eq!(by("lost tender").3, Some(dec("8.00")));
    assert_eq!(by("qualified").1, "qualified");
    kamdesk::db::migrate(pool).await.unwrap();
}
