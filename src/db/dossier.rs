//! The dossier: one free-text section per heading of the method, each versioned.

use crate::domain::dossier::DossierSection;
use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A dossier section's first text.
#[derive(Debug, Clone)]
pub struct NewSection {
    /// The client.
    pub account_id: AccountId,
    /// Which heading.
    pub section: DossierSection,
    /// The text, as typed.
    pub body: String,
    /// Who wrote it.
    pub updated_by: Option<UserId>,
    /// When (None: now).
    pub updated_at: Option<DateTime<Utc>>,
}

/// Writes a section that has no text yet (a later edit is a version-checked update).
pub async fn insert(conn: &mut PgConnection, section: &NewSection) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(section)).await
}

/// Writes sections in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, sections: &[NewSection]) -> sqlx::Result<()> {
    for chunk in sections.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO dossier_sections (account_id, section, body, updated_by, updated_at)
             SELECT u.account_id, u.section, u.body, u.updated_by, coalesce(u.updated_at, now())
               FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[])
                 AS u(account_id, section, body, updated_by, updated_at)",
        )
        .bind(chunk.iter().map(|s| s.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.section.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.body.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.updated_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.updated_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
