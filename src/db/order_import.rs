//! The order import's SQL besides the orders writer: which named accounts an importer may
//! write to, and the accounts' history of an import. Its jobs are [`super::import_jobs`].

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, UserId};
use sqlx::{PgExecutor, QueryBuilder};
use uuid::Uuid;

/// Of `ids`, the accounts that exist and are in `scope` (an assistant imports only onto the
/// accounts they may see; any other id reads as unknown).
pub async fn visible_accounts(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    ids: &[AccountId],
) -> sqlx::Result<Vec<AccountId>> {
    let mut q = QueryBuilder::new("SELECT a.id FROM accounts a WHERE a.id = ANY(");
    q.push_bind(ids).push(") AND ");
    scope.push_visible(&mut q, "a.id");
    q.build_query_scalar().fetch_all(db).await
}

/// Records, in each account's history, how many orders an import brought it: one audit entry
/// per account, written in one statement.
pub async fn record_imported(
    conn: &mut sqlx::PgConnection,
    by: Option<UserId>,
    run: Uuid,
    file_name: &str,
    per_account: &[(AccountId, i64)],
) -> sqlx::Result<()> {
    for chunk in per_account.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO audit_log (user_id, account_id, entity, entity_id, field, new_value)
             SELECT $1, u.account_id, 'order_import', $2, 'orders_imported', u.n::text || ' · ' || $3
               FROM UNNEST($4::uuid[], $5::bigint[]) AS u(account_id, n)",
        )
        .bind(by)
        .bind(run)
        .bind(file_name)
        .bind(chunk.iter().map(|(a, _)| *a).collect::<Vec<_>>())
        .bind(chunk.iter().map(|(_, n)| *n).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
