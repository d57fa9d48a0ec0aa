//! The audit log: who changed which field of what, when, from what to what.

use crate::domain::ids::{AccountId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};
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

/// Field-level changes to one record of an account, for its history tab: only the fields whose
/// value changed are written, in one statement.
pub struct FieldChanges<'a> {
    /// Who made them.
    pub user: Option<UserId>,
    /// The account.
    pub account: AccountId,
    /// The part of the account (the history tab's filter): a `domain::dossier::Section` name,
    /// or an area's own ("contacts", "deals", ...).
    pub section: &'a str,
    /// Table-like entity name ("account", "dossier", "competitor", ...).
    pub entity: &'a str,
    /// The changed record.
    pub entity_id: Option<Uuid>,
    /// Which item of a list the change is about, as the history names it ("2027", a
    /// competitor's name, a place), if any.
    pub item: Option<String>,
    /// `(field, old, new)`; unchanged pairs are skipped.
    pub fields: Vec<(&'a str, Option<String>, Option<String>)>,
}

/// Records the changed fields of `c` (in the caller's transaction); returns how many.
pub async fn record_fields(conn: &mut PgConnection, c: &FieldChanges<'_>) -> sqlx::Result<usize> {
    let changed: Vec<_> = c.fields.iter().filter(|(_, old, new)| old != new).collect();
    if changed.is_empty() {
        return Ok(0);
    }
    sqlx::query(
        "INSERT INTO audit_log (user_id, account_id, section, entity, entity_id, item, field,
                                old_value, new_value)
         SELECT $1, $2, $3, $4, $5, $6, u.field, u.old, u.new
           FROM UNNEST($7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(field, old, new, n)
          ORDER BY u.n",
    )
    .bind(c.user)
    .bind(c.account)
    .bind(c.section)
    .bind(c.entity)
    .bind(c.entity_id)
    .bind(c.item.as_deref())
    .bind(changed.iter().map(|(f, _, _)| *f).collect::<Vec<_>>())
    .bind(
        changed
            .iter()
            .map(|(_, o, _)| o.as_deref())
            .collect::<Vec<_>>(),
    )
    .bind(
        changed
            .iter()
            .map(|(_, _, n)| n.as_deref())
            .collect::<Vec<_>>(),
    )
    .execute(&mut *conn)
    .await?;
    Ok(changed.len())
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
    /// The part of the account (history filter), if recorded.
    pub section: Option<String>,
    /// Which item of a list.
    pub item: Option<String>,
    /// Field.
    pub field: String,
    /// Before.
    pub old_value: Option<String>,
    /// After.
    pub new_value: Option<String>,
}

/// A page of an account's history, newest first: the entries of `section` only when given,
/// starting after `offset` entries. One more than `limit` is read so the caller knows whether a
/// next page exists, without counting the account's whole history.
pub async fn for_account(
    db: impl PgExecutor<'_>,
    account: AccountId,
    section: Option<&str>,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as(
        "SELECT l.at, u.name AS user_name, l.entity, l.section, l.item, l.field, l.old_value,
                l.new_value
           FROM audit_log l LEFT JOIN users u ON u.id = l.user_id
          WHERE l.account_id = $1 AND ($2::text IS NULL OR l.section = $2)
          ORDER BY l.at DESC, l.id DESC
          OFFSET $3 LIMIT $4",
    )
    .bind(account)
    .bind(section)
    .bind(offset)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records many changes with one statement per [`super::BULK_ROWS`] (an import's), in the
/// caller's transaction: the same rows as [`record`].
pub async fn record_many(
    conn: &mut sqlx::PgConnection,
    changes: &[Change<'_>],
) -> sqlx::Result<()> {
    for chunk in changes.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO audit_log (user_id, account_id, entity, entity_id, field, old_value, new_value)
             SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[],
                                  $6::text[], $7::text[])",
        )
        .bind(chunk.iter().map(|c| c.user).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.account).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.entity).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.entity_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.field).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.old.as_deref()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.new.as_deref()).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
