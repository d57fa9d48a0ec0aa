//! Interactions: calls, meetings, e-mails and visits on an account's timeline.

use crate::domain::ids::{AccountId, ContactId, InteractionId, UserId};
use crate::domain::interaction::InteractionKind;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A logged interaction.
#[derive(Debug, Clone)]
pub struct NewInteraction {
    /// Identifier (`InteractionId::new()` for a page).
    pub id: InteractionId,
    /// The client.
    pub account_id: AccountId,
    /// With whom, if one person.
    pub contact_id: Option<ContactId>,
    /// Who of ours.
    pub user_id: Option<UserId>,
    /// Call, meeting ...
    pub kind: InteractionKind,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// What was said, as typed.
    pub summary: String,
    /// When it was logged (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Logs one interaction.
pub async fn insert(conn: &mut PgConnection, interaction: &NewInteraction) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(interaction)).await
}

/// Logs interactions in batches: the same statement as [`insert`].
pub async fn insert_many(
    conn: &mut PgConnection,
    interactions: &[NewInteraction],
) -> sqlx::Result<()> {
    for chunk in interactions.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO interactions (id, account_id, contact_id, user_id, kind, occurred_at,
                 summary, created_at)
             SELECT u.id, u.account_id, u.contact_id, u.user_id, u.kind, u.occurred_at,
                    u.summary, coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[],
                    $6::timestamptz[], $7::text[], $8::timestamptz[])
                 AS u(id, account_id, contact_id, user_id, kind, occurred_at, summary, created_at)",
        )
        .bind(chunk.iter().map(|i| i.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.contact_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.user_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.occurred_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.summary.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
