//! Potential forecasts: what a client could buy from us per year, the input of the key decision.

use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor};

/// One year's forecast of a client's potential.
#[derive(Debug, Clone)]
pub struct NewForecast {
    /// The client.
    pub account_id: AccountId,
    /// The year (2000-2100).
    pub year: i32,
    /// Revenue it could bring, money, not negative.
    pub revenue: Decimal,
    /// Margin on that revenue.
    pub margin: Decimal,
    /// How it was estimated, as typed.
    pub basis: String,
    /// Who estimated it.
    pub updated_by: Option<UserId>,
    /// When (None: now).
    pub updated_at: Option<DateTime<Utc>>,
}

/// Records one year's forecast; a year already forecast is replaced (the page edits a year).
pub async fn upsert(conn: &mut PgConnection, forecast: &NewForecast) -> sqlx::Result<()> {
    upsert_many(conn, std::slice::from_ref(forecast)).await
}

/// Records forecasts in batches: the same statement as [`upsert`].
pub async fn upsert_many(conn: &mut PgConnection, forecasts: &[NewForecast]) -> sqlx::Result<()> {
    for chunk in forecasts.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO potential_forecasts (account_id, year, revenue, margin, basis,
                 updated_by, updated_at)
             SELECT u.account_id, u.year, u.revenue, u.margin, u.basis, u.updated_by,
                    coalesce(u.updated_at, now())
               FROM UNNEST($1::uuid[], $2::int4[], $3::numeric[], $4::numeric[], $5::text[],
                    $6::uuid[], $7::timestamptz[])
                 AS u(account_id, year, revenue, margin, basis, updated_by, updated_at)
             ON CONFLICT (account_id, year) DO UPDATE
                SET revenue = EXCLUDED.revenue, margin = EXCLUDED.margin,
                    basis = EXCLUDED.basis, updated_by = EXCLUDED.updated_by,
                    updated_at = EXCLUDED.updated_at",
        )
        .bind(chunk.iter().map(|f| f.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.year).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.revenue).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.margin).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.basis.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.updated_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.updated_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A year's forecast as the potential tab shows it.
#[derive(Debug, Clone, FromRow)]
pub struct ForecastRow {
    /// The year.
    pub year: i32,
    /// Revenue potential.
    pub revenue: Decimal,
    /// Margin potential.
    pub margin: Decimal,
    /// How it was estimated.
    pub basis: String,
    /// Who estimated it.
    pub updated_by_name: Option<String>,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// A client's forecasts, by year (a handful of rows).
pub async fn list(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<Vec<ForecastRow>> {
    sqlx::query_as(
        "SELECT f.year, f.revenue, f.margin, f.basis, u.name AS updated_by_name, f.updated_at
           FROM potential_forecasts f LEFT JOIN users u ON u.id = f.updated_by
          WHERE f.account_id = $1
          ORDER BY f.year",
    )
    .bind(account)
    .fetch_all(db)
    .await
}

/// Removes a year's forecast (a row of the form left empty).
pub async fn remove(conn: &mut PgConnection, account: AccountId, year: i32) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM potential_forecasts WHERE account_id = $1 AND year = $2")
        .bind(account)
        .bind(year)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}
