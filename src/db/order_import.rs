//! The order import's SQL besides the orders writer: which named accounts an importer may
//! write to, and the import jobs the upload page shows (progress, outcome, problems).

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::import::{JobState, Problems};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor, QueryBuilder};
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

/// An import job to start.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    /// Identifier.
    pub id: Uuid,
    /// The uploaded file's name (as the browser gave it, through the text rule).
    pub file_name: &'a str,
    /// Check only.
    pub dry_run: bool,
    /// Who started it.
    pub created_by: UserId,
    /// The file's size.
    pub bytes_total: i64,
}

/// Records a job as running.
pub async fn create_job(db: impl PgExecutor<'_>, job: &NewJob<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO import_jobs (id, kind, file_name, dry_run, created_by, bytes_total)
         VALUES ($1, 'orders', $2, $3, $4, $5)",
    )
    .bind(job.id)
    .bind(job.file_name)
    .bind(job.dry_run)
    .bind(job.created_by)
    .bind(job.bytes_total)
    .execute(db)
    .await
    .map(|_| ())
}

/// Records how far a running job got (and that it is alive).
pub async fn record_progress(
    db: impl PgExecutor<'_>,
    id: Uuid,
    bytes_read: i64,
    rows_read: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE import_jobs SET bytes_read = $2, rows_read = $3, heartbeat_at = now()
          WHERE id = $1 AND state = 'running'",
    )
    .bind(id)
    .bind(bytes_read)
    .bind(rows_read)
    .execute(db)
    .await
    .map(|_| ())
}

/// How a job ended.
#[derive(Debug, Clone)]
pub struct JobEnd {
    /// Succeeded, refused or failed.
    pub state: JobState,
    /// Data rows read.
    pub rows_read: i64,
    /// Orders written (0 unless it succeeded and was not a dry run).
    pub rows_imported: i64,
    /// What was wrong with the file.
    pub problems: Problems,
    /// For a failure: what went wrong (for the log reader).
    pub failure: Option<String>,
}

/// Records the end of a job.
pub async fn finish_job(db: impl PgExecutor<'_>, id: Uuid, end: &JobEnd) -> sqlx::Result<()> {
    let errors = serde_json::to_string(&end.problems.first).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "UPDATE import_jobs SET state = $2, rows_read = $3, rows_imported = $4, error_count = $5,
                errors = $6::jsonb, failure = $7, finished_at = now(), heartbeat_at = now(),
                bytes_read = CASE WHEN $2 = 'succeeded' THEN bytes_total ELSE bytes_read END
          WHERE id = $1",
    )
    .bind(id)
    .bind(end.state)
    .bind(end.rows_read)
    .bind(end.rows_imported)
    .bind(end.problems.count as i64)
    .bind(errors)
    .bind(end.failure.as_deref())
    .execute(db)
    .await
    .map(|_| ())
}

/// An import job as its page shows it.
#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    /// Identifier.
    pub id: Uuid,
    /// The file's name.
    pub file_name: String,
    /// Check only?
    pub dry_run: bool,
    /// Who started it.
    pub created_by: Option<UserId>,
    /// Where it stands.
    pub state: JobState,
    /// The file's size.
    pub bytes_total: i64,
    /// Bytes read so far.
    pub bytes_read: i64,
    /// Rows read so far.
    pub rows_read: i64,
    /// Orders written.
    pub rows_imported: i64,
    /// Problems found.
    pub error_count: i64,
    /// The first problems (JSON).
    pub errors: String,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Last sign of life.
    pub heartbeat_at: DateTime<Utc>,
    /// Ended.
    pub finished_at: Option<DateTime<Utc>>,
}

const JOB_COLUMNS: &str = "id, file_name, dry_run, created_by, state, bytes_total, bytes_read,
    rows_read, rows_imported, error_count, errors::text, created_at, heartbeat_at, finished_at";

/// The job `id`.
pub async fn job(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM import_jobs WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The latest jobs `user` started.
pub async fn recent_jobs(
    db: impl PgExecutor<'_>,
    user: UserId,
    limit: i64,
) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM import_jobs WHERE created_by = $1
          ORDER BY created_at DESC LIMIT $2"
    ))
    .bind(user)
    .bind(limit)
    .fetch_all(db)
    .await
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
