//! What the analyses read (`domain::analysis` computes): one account's orders in the analysis
//! window, the figures behind its ABC class, its lost deals per quarter, and the ABC–XYZ matrix
//! over the accounts a user may see.

use crate::db::visibility::AccountScope;
use crate::domain::analysis::{Abc, Order, Xyz};
use crate::domain::ids::AccountId;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgExecutor, Postgres, QueryBuilder};

/// The revenue of a stored statistics row, in money: the twelve months of
/// `account_order_stats.monthly` are minor units (see its migration). Written out rather than
/// `unnest`: twelve additions per row are several times faster over 100,000 rows.
const STATS_REVENUE: &str =
    "(s.monthly[1] + s.monthly[2] + s.monthly[3] + s.monthly[4] + s.monthly[5]
    + s.monthly[6] + s.monthly[7] + s.monthly[8] + s.monthly[9] + s.monthly[10] + s.monthly[11]
    + s.monthly[12])";

/// An account's orders from `from` to `to` (both inclusive) as the analyses see them (cancelled
/// ones left out, as in the stored statistics), oldest first.
pub async fn orders(
    db: impl PgExecutor<'_>,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Order>> {
    let rows: Vec<(NaiveDate, Decimal, Decimal)> = sqlx::query_as(
        "SELECT ordered_on, amount, margin FROM orders
          WHERE account_id = $1 AND status <> 'cancelled' AND ordered_on BETWEEN $2 AND $3
          ORDER BY ordered_on",
    )
    .bind(account)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(date, amount, margin)| Order {
            date,
            amount,
            margin,
        })
        .collect())
}

/// The account's latest order on or before `reference` (cancelled ones left out).
pub async fn last_order(
    db: impl PgExecutor<'_>,
    account: AccountId,
    reference: NaiveDate,
) -> sqlx::Result<Option<NaiveDate>> {
    sqlx::query_scalar(
        "SELECT max(ordered_on) FROM orders
          WHERE account_id = $1 AND status <> 'cancelled' AND ordered_on <= $2",
    )
    .bind(account)
    .bind(reference)
    .fetch_one(db)
    .await
}

/// The figures behind an account's ABC class, as the last recompute ranked the base.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct AbcFigures {
    /// Its revenue in the window.
    pub revenue: Decimal,
    /// The revenue of the base's accounts ranked above it (more revenue, or as much and a
    /// smaller id: `domain::analysis::abc`'s order).
    pub before: Decimal,
    /// The base's revenue in the window.
    pub total: Decimal,
    /// Accounts in the base.
    pub accounts: i64,
}

/// The ABC figures of `account` within the client base: its stored standing (one row by
/// primary key) and the base's stored total, as the last recompute computed them. An account
/// without a standing has no revenue in the window: the whole base's revenue ranks above it.
pub async fn abc_figures(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<AbcFigures> {
    sqlx::query_as(
        "SELECT COALESCE(s.revenue, 0) AS revenue, COALESCE(s.before, st.abc_total) AS before,
                st.abc_total AS total, st.n::bigint AS accounts
           FROM scoring_state st LEFT JOIN abc_standing s ON s.account_id = $1",
    )
    .bind(account)
    .fetch_one(db)
    .await
}

/// One account's standing in the ABC ranking, as the recompute stores it: accounts of the base
/// with revenue in the window only (see the `abc_standing` migration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AbcStanding {
    /// The account.
    pub account_id: AccountId,
    /// Its revenue in the window.
    pub revenue: Decimal,
    /// The revenue of the base's accounts ranked above it.
    pub before: Decimal,
}

/// Replaces the stored standings (DELETE and COPY: a new order moves the "ranked above" figure
/// of every account below its client, so a change rewrites most rows anyway). Run in the
/// recompute's transaction; readers see the old standings until it commits.
pub async fn store_standings(
    conn: &mut sqlx::PgConnection,
    standings: &[AbcStanding],
) -> sqlx::Result<()> {
    use std::fmt::Write;
    sqlx::query("DELETE FROM abc_standing")
        .execute(&mut *conn)
        .await?;
    let mut csv = String::with_capacity(standings.len() * 64);
    for s in standings {
        let _ = writeln!(csv, "{},{},{}", s.account_id, s.revenue, s.before);
    }
    let mut copy = conn
        .copy_in_raw("COPY abc_standing (account_id, revenue, before) FROM STDIN (FORMAT csv)")
        .await?;
    copy.send(csv.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// Lost deals of `account` per quarter start, closed on or after `from`.
pub async fn lost_per_quarter(
    db: impl PgExecutor<'_>,
    account: AccountId,
    from: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, i64)>> {
    sqlx::query_as(
        "SELECT date_trunc('quarter', closed_on)::date, count(*) FROM deals
          WHERE account_id = $1 AND stage = 'lost' AND closed_on >= $2
          GROUP BY 1 ORDER BY 1",
    )
    .bind(account)
    .bind(from)
    .fetch_all(db)
    .await
}

/// One cell of the ABC–XYZ matrix.
#[derive(Debug, Clone, FromRow)]
pub struct MatrixCell {
    /// ABC class.
    pub abc: Abc,
    /// XYZ class.
    pub xyz: Xyz,
    /// Accounts in the cell.
    pub accounts: i64,
    /// Their revenue in the window.
    pub revenue: Decimal,
}

/// The ABC–XYZ matrix over the accounts `scope` sees that have both classes (the stored
/// results of the last recompute): counts and revenue per cell; empty cells are absent.
pub async fn matrix(db: impl PgExecutor<'_>, scope: AccountScope) -> sqlx::Result<Vec<MatrixCell>> {
    let mut q = QueryBuilder::<Postgres>::new(format!(
        "SELECT r.abc, r.xyz, count(*) AS accounts,
                COALESCE(sum({STATS_REVENUE}), 0)::numeric / 100 AS revenue
           FROM scoring_results r LEFT JOIN account_order_stats s ON s.account_id = r.account_id
          WHERE r.abc IS NOT NULL AND r.xyz IS NOT NULL AND "
    ));
    scope.push_visible(&mut q, "r.account_id");
    q.push(" GROUP BY r.abc, r.xyz");
    q.build_query_as().fetch_all(db).await
}

/// An account of one matrix cell.
#[derive(Debug, Clone, FromRow)]
pub struct CellAccount {
    /// The account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
    /// Its revenue in the window.
    pub revenue: Decimal,
}

/// The accounts of cell (`abc`, `xyz`) that `scope` sees, by revenue (largest first), a page of
/// them (`limit` None: all, for an export).
pub async fn cell_accounts(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    abc: Abc,
    xyz: Xyz,
    offset: i64,
    limit: Option<i64>,
) -> sqlx::Result<Vec<CellAccount>> {
    let mut q = QueryBuilder::<Postgres>::new(format!(
        "SELECT a.id, a.name, COALESCE({STATS_REVENUE}, 0)::numeric / 100 AS revenue
           FROM scoring_results r JOIN accounts a ON a.id = r.account_id
           LEFT JOIN account_order_stats s ON s.account_id = r.account_id
          WHERE r.abc = "
    ));
    q.push_bind(abc)
        .push(" AND r.xyz = ")
        .push_bind(xyz)
        .push(" AND ");
    scope.push_visible(&mut q, "r.account_id");
    q.push(" ORDER BY 3 DESC, a.name, a.id");
    if let Some(limit) = limit {
        q.push(" LIMIT ").push_bind(limit);
    }
    q.push(" OFFSET ").push_bind(offset);
    q.build_query_as().fetch_all(db).await
}
