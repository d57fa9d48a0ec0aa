//! `/accounts/import`: the client base's upload page (directors and admins), its job page
//! `/accounts/import/{job}` (refreshing while it runs: progress, then the created and updated
//! counts, or every bad row by line, column and reason) and `/accounts/import/sample.csv`
//! (docs/samples/accounts.csv). The upload and job machinery is the order import's
//! ([`super::import_job`]); the import itself is [`crate::import::accounts`].

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::extract::Path;
use super::form::FieldErrors;
use super::import_job::{self, JobPage, Upload};
use super::routes::{Gate, Route};
use crate::db::account_import::{Action as RowAction, ImportBy};
use crate::db::import_jobs::{JobEnd, JobRow};
use crate::domain::account_import::COLUMNS;
use crate::domain::import::{JobKind, JobState};
use crate::domain::industry::Industry;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use crate::import::accounts::{MAX_FILE_BYTES, import_accounts, too_large};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;

/// The import routes.
pub fn routes() -> Vec<Route> {
    let importer = Gate::Role(Action::ImportAccounts);
    vec![
        Route::get("/accounts/import", importer, upload_form),
        Route::upload("/accounts/import", importer, upload),
        Route::get("/accounts/import/sample.csv", importer, sample),
        Route::get("/accounts/import/{job}", importer, job_page),
    ]
}

/// The sample file shipped in docs/ (README links it too).
const SAMPLE: &str = include_str!("../../docs/samples/accounts.csv");

#[derive(Template, WebTemplate)]
#[template(path = "accounts/import.html")]
struct UploadPage {
    ctx: PageCtx,
    errors: FieldErrors,
    jobs: Vec<JobRow>,
    /// Each column with the message key describing it and the codes it takes (if a list).
    columns: Vec<(&'static str, String, &'static [&'static str])>,
    max_mb: usize,
    base: &'static str,
}

async fn upload_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    errors: FieldErrors,
) -> AppResult<UploadPage> {
    Ok(UploadPage {
        ctx,
        errors,
        jobs: import_job::recent(state, me, JobKind::Accounts).await?,
        columns: COLUMNS
            .iter()
            .map(|c| {
                let codes: &[&str] = match *c {
                    "industry" => Industry::NAMES,
                    _ => &[],
                };
                (*c, format!("import-column-{}", c.replace('_', "-")), codes)
            })
            .collect(),
        max_mb: import_job::max_mb(state).min((MAX_FILE_BYTES / (1024 * 1024)) as usize),
        base: import_job::base(JobKind::Accounts),
    })
}

async fn upload_form(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<UploadPage> {
    upload_page(&state, ctx, &me, FieldErrors::new()).await
}

/// Receives the file, records the job, starts it and sends the reader to its page.
async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    req: Request,
) -> AppResult<Response> {
    let Some(upload) = import_job::receive(&state, req, "accounts.csv").await? else {
        let mut errors = FieldErrors::new();
        errors.add("file", "error-import-no-file");
        let page = upload_page(&state, ctx, &me, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let id = import_job::start(&state, &me, JobKind::Accounts, &upload).await?;
    tokio::spawn(run_job(state.clone(), id, me.0.id, upload));
    Ok(Redirect::to(&format!("/accounts/import/{id}")).into_response())
}

/// Runs an import job to its end and records how it ended; the temporary file goes with it.
/// Progress: the rows written so far, recorded about once a second by a ticker (the writer
/// reports between its batches, inside its transaction).
async fn run_job(state: AppState, id: Uuid, by: crate::domain::ids::UserId, upload: Upload) {
    let done = Arc::new(AtomicU64::new(0));
    let total = Arc::new(AtomicU64::new(0));
    let ticker = {
        let (done, total) = (done.clone(), total.clone());
        let mut progress = import_job::JobProgress::new(&state, id);
        let bytes = upload.size;
        tokio::spawn(async move {
            use crate::import::Progress;
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let (d, t) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                // The job row counts bytes: the share of rows written, in bytes of the file.
                progress
                    .report((bytes * d).checked_div(t).unwrap_or(0), d)
                    .await;
            }
        })
    };
    let result: anyhow::Result<JobEnd> = async {
        if upload.size > MAX_FILE_BYTES {
            return Ok(refused(too_large()));
        }
        let bytes = tokio::fs::read(upload.file.path()).await?;
        let who = ImportBy {
            by: Some(by),
            file_name: &upload.name,
            today: chrono::Utc::now().date_naive(),
        };
        let mut progress = |d: usize, t: usize| {
            done.store(d as u64, Ordering::Relaxed);
            total.store(t as u64, Ordering::Relaxed);
        };
        Ok(
            match import_accounts(&state.pool, bytes, &who, upload.dry_run, &mut progress).await? {
                Err(problems) => refused(problems),
                Ok(outcome) => {
                    let count = |a: RowAction| outcome.count(a) as i64;
                    JobEnd {
                        state: JobState::Succeeded,
                        rows_read: outcome.rows.len() as i64,
                        rows_imported: if upload.dry_run {
                            0
                        } else {
                            count(RowAction::Created) + count(RowAction::Updated)
                        },
                        rows_created: count(RowAction::Created),
                        rows_updated: count(RowAction::Updated),
                        problems: Default::default(),
                        failure: None,
                    }
                }
            },
        )
    }
    .await;
    ticker.abort();
    import_job::finish(&state, id, result).await;
    drop(upload);
}

/// How a refused file ends its job.
fn refused(problems: crate::domain::import::Problems) -> JobEnd {
    JobEnd {
        state: JobState::Refused,
        rows_read: 0,
        rows_imported: 0,
        rows_created: 0,
        rows_updated: 0,
        problems,
        failure: None,
    }
}

async fn job_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Path(id): Path<Uuid>,
) -> AppResult<JobPage> {
    import_job::job_page(&state, ctx, &me, JobKind::Accounts, id).await
}

/// The sample file, to edit and upload.
async fn sample() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"accounts-sample.csv\"",
            ),
        ],
        SAMPLE,
    )
        .into_response()
}
