//! The client's own footprint: where it is today and where it plans to be. Countries are
//! stored by code and the continent is always the country's (see `domain::geo`).

use crate::domain::geo::{CountryCode, LocationKind};
use crate::domain::ids::{AccountId, LocationId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// A place to add to a client's footprint, as the footprint page or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewLocation {
    /// Identifier (`LocationId::new()` for a page).
    pub id: LocationId,
    /// The client.
    pub account_id: AccountId,
    /// The country (its continent is derived).
    pub country: CountryCode,
    /// Region as typed (required).
    pub region: String,
    /// City as typed (may be empty).
    pub city: String,
    /// Current or planned; a planned one may carry its date.
    pub kind: LocationKind,
    /// When the client plans to be there (planned locations only).
    pub planned_on: Option<NaiveDate>,
    /// Whether our own company works there.
    pub we_are_present: bool,
    /// What the client has there ("Head office", "Stores").
    pub note: String,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Adds one place to a footprint.
pub async fn insert(conn: &mut PgConnection, location: &NewLocation) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(location)).await
}

/// Adds places in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, locations: &[NewLocation]) -> sqlx::Result<()> {
    for chunk in locations.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO account_locations (id, account_id, continent, country, region, city,
                 kind, planned_on, we_are_present, note, created_at)
             SELECT u.id, u.account_id, u.continent, u.country, u.region, u.city, u.kind,
                    u.planned_on, u.present, u.note, coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::text[], $8::date[], $9::bool[], $10::text[],
                    $11::timestamptz[])
                 AS u(id, account_id, continent, country, region, city, kind, planned_on,
                      present, note, created_at)",
        )
        .bind(chunk.iter().map(|l| l.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.account_id).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|l| l.country.continent().as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|l| l.country.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.region.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.city.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.kind.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.planned_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.we_are_present).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.note.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
