//! The audit log: who changed which field of what, when, from what to what.

use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor};
use uuid::Uuid;

/// One change to record.
pub struct Change<'a> {
    /// Who made it.
    pub user: Option<UserId>,
    /// The account it belongs to (for the account's history).
    pub account: Option<AccountId>,
    /// Table-like entity name ("account", "contact", ...).
    pub entity: &'a str,
    /// The changed record.
    pub entity_id: Option<Uuid>,
    /// The changed field.
    pub field: &'a str,
    /// Value before.
    pub old: Option<String>,
    /// Value after.
    pub new: Option<String>,
}

/// Records a change (in the caller's transaction, so it is kept exactly when the change is).
pub async fn record(db: impl PgExecutor<'_>, c: &Change<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (user_id, account_id, entity, entity_id, field, old_value, new_value)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(c.user)
    .bind(c.account)
    .bind(c.entity)
    .bind(c.entity_id)
    .bind(c.field)
    .bind(c.old.as_deref())
    .bind(c.new.as_deref())
    .execute(db)
    .await
    .map(|_| ())
}

/// A recorded change, for display.
#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (None: the system).
    pub user_name: Option<String>,
    /// Entity.
    pub entity: String,
    /// Field.
    pub field: String,
    /// Before.
    pub old_value: Option<String>,
    /// After.
    pub new_value: Option<String>,
}

/// An account's history, newest first.
pub async fn for_account(
    db: impl PgExecutor<'_>,
    account: AccountId,
    limit: i64,
) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as(
        "SELECT l.at, u.name AS user_name, l.entity, l.field, l.old_value, l.new_value
           FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
          WHERE l.account_id = $1
          ORDER BY l.at DESC, l.id DESC
          LIMIT $2",
    )
    .bind(account)
    .bind(limit)
    .fetch_all(db)
    .await
}
