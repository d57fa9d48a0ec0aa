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
            "INSERT INTO competitors (id, account_id, name, offering, our_position, created_at,
                 updated_at)
             SELECT u.id, u.account_id, u.name, u.offering, u.our_position,
                    coalesce(u.created_at, now()), coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::timestamptz[])
                 AS u(id, account_id, name, offering, our_position, created_at)",
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
