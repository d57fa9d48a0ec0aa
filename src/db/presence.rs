//! Our own company's presence: the places where we work (a directors' setting). A client's
//! planned region outside this list is flagged on its footprint, so that we plan our own
//! presence ahead of the client's expansion (domain.md, "Leagues").

use crate::domain::geo::CountryCode;
use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};
use uuid::Uuid;

/// A place where our company works: a region of a country, or the whole country (region empty).
#[derive(Debug, Clone)]
pub struct NewPresence {
    /// Identifier (`Uuid::now_v7()` for a page).
    pub id: Uuid,
    /// The country.
    pub country: CountryCode,
    /// The region as typed; empty for the whole country.
    pub region: String,
    /// Who added it.
    pub created_by: Option<UserId>,
}

/// Adds one place; false when the list already has it (same country, same region whatever its
/// case).
pub async fn insert(conn: &mut PgConnection, place: &NewPresence) -> sqlx::Result<bool> {
    Ok(insert_many(conn, std::slice::from_ref(place)).await? == 1)
}

/// Adds places in one statement; places already listed are skipped. Returns how many were added.
pub async fn insert_many(conn: &mut PgConnection, places: &[NewPresence]) -> sqlx::Result<u64> {
    let mut added = 0;
    for chunk in places.chunks(super::BULK_ROWS) {
        added += sqlx::query(
            "INSERT INTO our_presence (id, country, region, created_by)
             SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::uuid[])
             ON CONFLICT (country, lower(btrim(region))) DO NOTHING",
        )
        .bind(chunk.iter().map(|p| p.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.country.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.region.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|p| p.created_by).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(added)
}

/// A listed place.
#[derive(Debug, Clone, FromRow)]
pub struct PresenceRow {
    /// Identifier.
    pub id: Uuid,
    /// Country.
    pub country: CountryCode,
    /// Region; empty for the whole country.
    pub region: String,
    /// Who added it.
    pub created_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// The whole list, by country and region (a list of our own offices: tens of rows).
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<PresenceRow>> {
    sqlx::query_as(
        "SELECT p.id, p.country, p.region, u.name AS created_by_name, p.created_at
           FROM our_presence p LEFT JOIN users u ON u.id = p.created_by
          ORDER BY p.country, lower(p.region)",
    )
    .fetch_all(db)
    .await
}

/// Removes a place; the removed row, None when it was already gone.
pub async fn remove(
    conn: &mut PgConnection,
    id: Uuid,
) -> sqlx::Result<Option<(CountryCode, String)>> {
    sqlx::query_as("DELETE FROM our_presence WHERE id = $1 RETURNING country, region")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The condition "our company works at location `l`" (alias of an `account_locations` row).
pub const PRESENT_AT: &str = "EXISTS (SELECT 1 FROM our_presence p WHERE p.country = l.country
       AND (p.region = '' OR lower(btrim(p.region)) = lower(btrim(l.region))))";

/// Planned client regions where our company is not present (to plan our own presence ahead).
pub async fn planned_gaps(
    db: impl PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<(CountryCode, String, Option<NaiveDate>)>> {
    sqlx::query_as(&format!(
        "SELECT l.country, l.region, l.planned_on FROM account_locations l
          WHERE l.account_id = $1 AND l.kind = 'planned' AND NOT {PRESENT_AT}
          ORDER BY l.planned_on NULLS LAST, l.country, l.region"
    ))
    .bind(account)
    .fetch_all(db)
    .await
}
