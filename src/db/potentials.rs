//! Potential forecasts: what a client could buy from us per year, the input of the key decision.

use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::PgConnection;

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
