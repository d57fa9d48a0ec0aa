//! Import jobs, of every kind ([`JobKind`]): the upload pages start one per file, the import
//! records its progress in it while it runs (so any server instance can show it), and how it
//! ended (counts, the first problems). The job page reads it.

use crate::domain::ids::UserId;
use crate::domain::import::{JobKind, JobState, Problems};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor};
use uuid::Uuid;

/// An import job to start.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    /// Identifier.
    pub id: Uuid,
    /// What it loads.
    pub kind: JobKind,
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
         VALUES ($1, $6, $2, $3, $4, $5)",
    )
    .bind(job.id)
    .bind(job.file_name)
    .bind(job.dry_run)
    .bind(job.created_by)
    .bind(job.bytes_total)
    .bind(job.kind)
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
    /// Clients created (an accounts import; for a dry run: would be).
    pub rows_created: i64,
    /// Clients updated (as `rows_created`).
    pub rows_updated: i64,
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
                errors = $6::jsonb, failure = $7, rows_created = $8, rows_updated = $9,
                finished_at = now(), heartbeat_at = now(),
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
    .bind(end.rows_created)
    .bind(end.rows_updated)
    .execute(db)
    .await
    .map(|_| ())
}

/// An import job as its page shows it.
#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    /// Identifier.
    pub id: Uuid,
    /// What it loads.
    pub kind: JobKind,
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
    /// Clients created (or, for a dry run, that would be).
    pub rows_created: i64,
    /// Clients updated (or would be).
    pub rows_updated: i64,
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

const JOB_COLUMNS: &str = "id, kind, file_name, dry_run, created_by, state, bytes_total,
    bytes_read, rows_read, rows_imported, rows_created, rows_updated, error_count, errors::text,
    created_at, heartbeat_at, finished_at";

/// The job `id`.
pub async fn job(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM import_jobs WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The latest jobs of `kind` that `user` started.
pub async fn recent_jobs(
    db: impl PgExecutor<'_>,
    user: UserId,
    kind: JobKind,
    limit: i64,
) -> sqlx::Result<Vec<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM import_jobs WHERE created_by = $1 AND kind = $3
          ORDER BY created_at DESC LIMIT $2"
    ))
    .bind(user)
    .bind(limit)
    .bind(kind)
    .fetch_all(db)
    .await
}
