//! What every import's upload page shares ([`JobKind`]: orders at `/orders/import`, the client
//! base at `/accounts/import`): receiving the multipart upload into a temporary file (never
//! into memory; the CSRF token rides in the form's action URL, see `middleware`), starting a
//! job row, recording its progress and its end, the list of one's recent jobs, and the job page
//! `{base}/{job}` that refreshes itself (no JavaScript) until the job ends, then shows its
//! outcome or every problem by line, column and reason.

use super::AppState;
use super::ctx::{Me, PageCtx};
use crate::db;
use crate::db::import_jobs::{JobEnd, JobRow, NewJob};
use crate::domain::import::{JobKind, JobState, Problem};
use crate::domain::text::TextRule;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequest, Multipart, Request};
use std::io::Write;
use uuid::Uuid;

/// An uploaded file's name as shown back (what the browser sent, through a text rule).
const FILE_NAME: TextRule = TextRule::line(255);

/// A running job whose last sign of life is older than this was cut off (its server stopped).
const STALE_AFTER_SECS: i64 = 120;

/// Jobs listed on an upload page.
const RECENT_JOBS: i64 = 10;

/// Where the pages of a kind of import live.
pub fn base(kind: JobKind) -> &'static str {
    match kind {
        JobKind::Orders => "/orders/import",
        JobKind::Accounts => "/accounts/import",
    }
}

/// The latest jobs of `kind` the reader started (the upload page lists them).
pub async fn recent(state: &AppState, me: &Me, kind: JobKind) -> AppResult<Vec<JobRow>> {
    Ok(db::import_jobs::recent_jobs(&state.pool, me.0.id, kind, RECENT_JOBS).await?)
}

/// The largest upload, in MB (the form's hint).
pub fn max_mb(state: &AppState) -> usize {
    state.config.import_max_bytes / (1024 * 1024)
}

/// A received upload.
pub struct Upload {
    /// The file, deleted when dropped.
    pub file: tempfile::NamedTempFile,
    /// Its name as the browser gave it (or the default).
    pub name: String,
    /// Its size.
    pub size: u64,
    /// "Only check the file" was ticked.
    pub dry_run: bool,
}

/// Reads an upload form (`file`, `dry_run`): the file streams into a temporary file. None when
/// no file, or an empty one, was sent.
pub async fn receive(
    state: &AppState,
    req: Request,
    default_name: &str,
) -> AppResult<Option<Upload>> {
    let mut multipart = Multipart::from_request(req, state)
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.body_text());
    let internal = |e: std::io::Error| AppError::Internal(e.into());
    let mut dry_run = false;
    let mut file: Option<(tempfile::NamedTempFile, String, u64)> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("dry_run") => dry_run = !field.text().await.map_err(bad)?.is_empty(),
            Some("file") => {
                let name = field
                    .file_name()
                    .and_then(|n| FILE_NAME.optional(n).ok().flatten())
                    .unwrap_or_else(|| default_name.to_string());
                let mut tmp = tempfile::NamedTempFile::new().map_err(internal)?;
                let mut size = 0u64;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    size += chunk.len() as u64;
                    tmp.write_all(&chunk).map_err(internal)?;
                }
                tmp.flush().map_err(internal)?;
                file = Some((tmp, name, size));
            }
            _ => {}
        }
    }
    Ok(file
        .filter(|(_, _, size)| *size > 0)
        .map(|(file, name, size)| Upload {
            file,
            name,
            size,
            dry_run,
        }))
}

/// Records a job of `kind` for `upload` as running; its id.
pub async fn start(state: &AppState, me: &Me, kind: JobKind, upload: &Upload) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    db::import_jobs::create_job(
        &state.pool,
        &NewJob {
            id,
            kind,
            file_name: &upload.name,
            dry_run: upload.dry_run,
            created_by: me.0.id,
            bytes_total: upload.size as i64,
        },
    )
    .await?;
    Ok(id)
}

/// Records a job's progress in its row, at most about once a second.
pub struct JobProgress {
    pool: sqlx::PgPool,
    id: Uuid,
    last: Option<std::time::Instant>,
}

impl JobProgress {
    /// The progress of job `id`.
    pub fn new(state: &AppState, id: Uuid) -> JobProgress {
        JobProgress {
            pool: state.pool.clone(),
            id,
            last: None,
        }
    }
}

impl crate::import::Progress for JobProgress {
    async fn report(&mut self, bytes_read: u64, rows_read: u64) {
        if self.last.is_some_and(|t| t.elapsed().as_millis() < 1000) {
            return;
        }
        self.last = Some(std::time::Instant::now());
        if let Err(e) = db::import_jobs::record_progress(
            &self.pool,
            self.id,
            bytes_read as i64,
            rows_read as i64,
        )
        .await
        {
            tracing::warn!(job = %self.id, error = %e, "could not record import progress");
        }
    }
}

/// Records how job `id` ended: `Err` (the database or the server failed) as a failure, logged;
/// the scoring catches up when anything was written.
pub async fn finish(state: &AppState, id: Uuid, result: anyhow::Result<JobEnd>) {
    let end = result.unwrap_or_else(|e| {
        tracing::error!(job = %id, error = %format!("{e:#}"), "import failed");
        JobEnd {
            state: JobState::Failed,
            rows_read: 0,
            rows_imported: 0,
            rows_created: 0,
            rows_updated: 0,
            problems: Default::default(),
            failure: Some(format!("{e:#}")),
        }
    });
    if end.rows_imported > 0 {
        state.scoring.nudge();
    }
    if let Err(e) = db::import_jobs::finish_job(&state.pool, id, &end).await {
        tracing::error!(job = %id, error = %e, "could not record the end of an import");
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "import/job.html")]
pub struct JobPage {
    ctx: PageCtx,
    job: JobRow,
    /// Where the kind's pages live.
    base: &'static str,
    /// The kind's title (a message key).
    title: &'static str,
    /// The job still runs: the page refreshes itself.
    running: bool,
    /// The job's server stopped while it ran.
    interrupted: bool,
    problems: Vec<Problem>,
    /// Some problem names the offending value (a "value" column is shown).
    values: bool,
    percent: i64,
}

/// The page of job `id` of `kind`: the reader's own jobs; directors and admins see everyone's.
/// Another kind's job is not found here.
pub async fn job_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    kind: JobKind,
    id: Uuid,
) -> AppResult<JobPage> {
    let job = db::import_jobs::job(&state.pool, id)
        .await?
        .filter(|j| j.kind == kind)
        .ok_or(AppError::NotFound)?;
    if job.created_by != Some(me.0.id) && me.scope() != db::visibility::AccountScope::All {
        return Err(AppError::NotFound);
    }
    let stale = (chrono::Utc::now() - job.heartbeat_at).num_seconds() > STALE_AFTER_SECS;
    let problems: Vec<Problem> = serde_json::from_str(&job.errors).unwrap_or_default();
    let percent = (job.bytes_read * 100)
        .checked_div(job.bytes_total)
        .unwrap_or(0)
        .clamp(0, 100);
    Ok(JobPage {
        ctx,
        base: base(kind),
        title: match kind {
            JobKind::Orders => "order-import-title",
            JobKind::Accounts => "import-title",
        },
        interrupted: job.state == JobState::Running && stale,
        running: job.state == JobState::Running && !stale,
        values: problems.iter().any(|p| !p.detail.is_empty()),
        problems,
        percent,
        job,
    })
}
