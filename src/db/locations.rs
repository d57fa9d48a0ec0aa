//! The client's own footprint: where it is today and where it plans to be. Countries are
//! stored by code and the continent is always the country's (see `domain::geo`).

use crate::domain::geo::Continent;
use crate::domain::geo::{CountryCode, LocationKind};
use crate::domain::ids::{AccountId, LocationId};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

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
                 kind, planned_on, note, created_at)
             SELECT u.id, u.account_id, u.continent, u.country, u.region, u.city, u.kind,
                    u.planned_on, u.note, coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::text[], $8::date[], $9::text[], $10::timestamptz[])
                 AS u(id, account_id, continent, country, region, city, kind, planned_on,
                      note, created_at)",
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
        .bind(chunk.iter().map(|l| l.note.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|l| l.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A place of a client's footprint, as its page shows it.
#[derive(Debug, Clone, FromRow)]
pub struct LocationRow {
    /// Identifier.
    pub id: LocationId,
    /// Continent (the country's).
    pub continent: Continent,
    /// Country.
    pub country: CountryCode,
    /// Region.
    pub region: String,
    /// City.
    pub city: String,
    /// Current or planned.
    pub kind: LocationKind,
    /// Planned date.
    pub planned_on: Option<NaiveDate>,
    /// What the client has there.
    pub note: String,
    /// Whether our company works there (from our presence list).
    pub we_are_present: bool,
    /// Optimistic-locking version.
    pub version: i32,
}

/// A client's footprint: current places first, then planned ones by date.
pub async fn list(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<Vec<LocationRow>> {
    sqlx::query_as(&format!(
        "SELECT l.id, l.continent, l.country, l.region, l.city, l.kind, l.planned_on, l.note,
                {} AS we_are_present, l.version
           FROM account_locations l WHERE l.account_id = $1
          ORDER BY l.kind, l.planned_on NULLS FIRST, l.continent, l.country, lower(l.region),
                   lower(l.city), l.id",
        super::presence::PRESENT_AT
    ))
    .bind(account)
    .fetch_all(db)
    .await
}

/// The fields of a place a page edits (texts already through their `domain::text` rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationFields {
    /// Current or planned.
    pub kind: LocationKind,
    /// The country (its continent is derived).
    pub country: CountryCode,
    /// Region (required).
    pub region: String,
    /// City (may be empty).
    pub city: String,
    /// When the client plans to be there (planned places only).
    pub planned_on: Option<NaiveDate>,
    /// What the client has there.
    pub note: String,
}

impl From<&LocationRow> for LocationFields {
    fn from(l: &LocationRow) -> LocationFields {
        LocationFields {
            kind: l.kind,
            country: l.country,
            region: l.region.clone(),
            city: l.city.clone(),
            planned_on: l.planned_on,
            note: l.note.clone(),
        }
    }
}

/// The columns of [`LocationRow`] for a place `l`.
fn row_columns() -> String {
    format!(
        "l.id, l.continent, l.country, l.region, l.city, l.kind, l.planned_on, l.note,
         {} AS we_are_present, l.version",
        super::presence::PRESENT_AT
    )
}

/// One place of an account (None when it is not this account's, or gone).
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: LocationId,
) -> sqlx::Result<Option<LocationRow>> {
    sqlx::query_as(&format!(
        "SELECT {} FROM account_locations l WHERE l.id = $1 AND l.account_id = $2",
        row_columns()
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

/// Locks a place of `account` at `version` and reads it (None: stale or gone).
async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    id: LocationId,
    version: i32,
) -> sqlx::Result<Option<LocationFields>> {
    let row: Option<LocationRow> = sqlx::query_as(&format!(
        "SELECT {} FROM account_locations l
          WHERE l.id = $1 AND l.account_id = $2 AND l.version = $3
            FOR UPDATE OF l",
        row_columns()
    ))
    .bind(id)
    .bind(account)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.as_ref().map(LocationFields::from))
}

/// Saves a place seen at `version`: what it held before, or None (nothing written) when it
/// changed or went in the meantime.
pub async fn update(
    conn: &mut PgConnection,
    account: AccountId,
    id: LocationId,
    version: i32,
    f: &LocationFields,
) -> sqlx::Result<Option<LocationFields>> {
    let Some(before) = lock(conn, account, id, version).await? else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE account_locations
            SET continent = $2, country = $3, region = $4, city = $5, kind = $6,
                planned_on = $7, note = $8, version = version + 1
          WHERE id = $1",
    )
    .bind(id)
    .bind(f.country.continent().as_str())
    .bind(f.country.as_str())
    .bind(&f.region)
    .bind(&f.city)
    .bind(f.kind.as_str())
    .bind(f.planned_on)
    .bind(&f.note)
    .execute(&mut *conn)
    .await?;
    Ok(Some(before))
}

/// Removes a place seen at `version`: what it held, or None (nothing removed) when it changed
/// or went in the meantime.
pub async fn delete(
    conn: &mut PgConnection,
    account: AccountId,
    id: LocationId,
    version: i32,
) -> sqlx::Result<Option<LocationFields>> {
    let Some(before) = lock(conn, account, id, version).await? else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM account_locations WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(Some(before))
}
