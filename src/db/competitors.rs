//! Competitors who court a client: what they offer and our position against them.

use crate::domain::ids::{AccountId, CompetitorId};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A competitor on a client's dossier.
#[derive(Debug, Clone)]
pub struct NewCompetitor {
    /// Identifier (`CompetitorId::new()` for a page).
    pub id: CompetitorId,
    /// The client.
    pub account_id: AccountId,
    /// The competitor's name (required).
    pub name: String,
    /// What they offer.
    pub offering: String,
    /// Where they are strong.
    pub strengths: String,
    /// Our position against them.
    pub our_position: String,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Adds one competitor.
pub async fn insert(conn: &mut PgConnection, competitor: &NewCompetitor) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(competitor)).await
}

/// Adds competitors in batches: the same statement as [`insert`].
pub async fn insert_many(
    conn: &mut PgConnection,
    competitors: &[NewCompetitor],
) -> sqlx::Result<()> {
    for chunk in competitors.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO competitors (id, account_id, name, offering, our_position, strengths,
                 created_at, updated_at)
             SELECT u.id, u.account_id, u.name, u.offering, u.our_position, u.strengths,
                    coalesce(u.created_at, now()), coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::timestamptz[], $7::text[])
                 AS u(id, account_id, name, offering, our_position, created_at, strengths)",
        )
        .bind(chunk.iter().map(|c| c.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.name.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.offering.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.our_position.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.created_at).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.strengths.as_str())
                .collect::<Vec<_>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A competitor's id and name, for a pick list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompetitorName {
    /// Identifier.
    pub id: CompetitorId,
    /// Name.
    pub name: String,
}

/// The competitors on an account's dossier, by name (the winner of a lost deal is picked here).
pub async fn names_for_account(
    db: impl sqlx::PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<CompetitorName>> {
    sqlx::query_as(
        "SELECT id, name FROM competitors WHERE account_id = $1 ORDER BY lower(name), id",
    )
    .bind(account)
    .fetch_all(db)
    .await
}

/// A competitor as its page and form show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompetitorRow {
    /// Identifier.
    pub id: CompetitorId,
    /// Name.
    pub name: String,
    /// What they offer.
    pub offering: String,
    /// Where they are strong.
    pub strengths: String,
    /// Our position against them.
    pub our_position: String,
    /// Optimistic-locking version.
    pub version: i32,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// The fields of a competitor a page edits (texts already through their `domain::text` rule).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompetitorFields {
    /// Name (required).
    pub name: String,
    /// What they offer.
    pub offering: String,
    /// Where they are strong.
    pub strengths: String,
    /// Our position against them.
    pub our_position: String,
}

const ROW: &str = "id, name, offering, strengths, our_position, version, updated_at";

/// The competitors on an account's dossier, by name.
pub async fn list(
    db: impl sqlx::PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<CompetitorRow>> {
    sqlx::query_as(&format!(
        "SELECT {ROW} FROM competitors WHERE account_id = $1 ORDER BY lower(name), id"
    ))
    .bind(account)
    .fetch_all(db)
    .await
}

/// One competitor of an account (None when it is not this account's, or gone).
pub async fn get(
    db: impl sqlx::PgExecutor<'_>,
    account: AccountId,
    id: CompetitorId,
) -> sqlx::Result<Option<CompetitorRow>> {
    sqlx::query_as(&format!(
        "SELECT {ROW} FROM competitors WHERE id = $1 AND account_id = $2"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

impl From<CompetitorRow> for CompetitorFields {
    fn from(r: CompetitorRow) -> CompetitorFields {
        CompetitorFields {
            name: r.name,
            offering: r.offering,
            strengths: r.strengths,
            our_position: r.our_position,
        }
    }
}

/// Saves a competitor seen at `version`: the fields it had before, or None (nothing written)
/// when it changed or went in the meantime.
pub async fn update(
    conn: &mut PgConnection,
    account: AccountId,
    id: CompetitorId,
    version: i32,
    f: &CompetitorFields,
) -> sqlx::Result<Option<CompetitorFields>> {
    let Some(before) = lock(conn, account, id, version).await? else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE competitors SET name = $2, offering = $3, strengths = $4, our_position = $5,
                version = version + 1
          WHERE id = $1",
    )
    .bind(id)
    .bind(&f.name)
    .bind(&f.offering)
    .bind(&f.strengths)
    .bind(&f.our_position)
    .execute(&mut *conn)
    .await?;
    Ok(Some(before))
}

/// Removes a competitor seen at `version`: what it held, or None (nothing removed) when it
/// changed or went in the meantime. A lost deal that named it as the winner keeps its deal
/// and loses the link (the foreign key sets it to NULL).
pub async fn delete(
    conn: &mut PgConnection,
    account: AccountId,
    id: CompetitorId,
    version: i32,
) -> sqlx::Result<Option<CompetitorFields>> {
    let Some(before) = lock(conn, account, id, version).await? else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM competitors WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(Some(before))
}

/// Locks a competitor of `account` at `version` and reads it (None: stale or gone).
async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    id: CompetitorId,
    version: i32,
) -> sqlx::Result<Option<CompetitorFields>> {
    let row: Option<CompetitorRow> = sqlx::query_as(&format!(
        "SELECT {ROW} FROM competitors WHERE id = $1 AND account_id = $2 AND version = $3
           FOR UPDATE"
    ))
    .bind(id)
    .bind(account)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(CompetitorFields::from))
}
