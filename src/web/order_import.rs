//! `/orders/import`: the order import's upload page (directors, admins and assistants; an
//! assistant's file may only name the accounts they may see), its job page
//! `/orders/import/{job}` that refreshes itself (no JavaScript) until the job ends, and
//! `/orders/import/sample.csv`, a sample file for the reader's own clients. The import itself is
//! [`crate::import`]; the upload streams to a temporary file, which the job reads and deletes.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{Cell, Table};
use super::extract::Path;
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::order_import::{JobEnd, JobRow};
use crate::domain::import::{JobState, Problem};
use crate::domain::order::OrderField;
use crate::domain::permissions::Action;
use crate::domain::text::TextRule;
use crate::error::{AppError, AppResult};
use crate::import::{self, ACCOUNT_COLUMN, ImportRequest};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::io::Write;
use uuid::Uuid;

/// The import routes.
pub fn routes() -> Vec<Route> {
    let importer = Gate::Role(Action::ImportOrders);
    vec![
        Route::get("/orders/import", importer, upload_form),
        Route::upload("/orders/import", importer, upload),
        Route::get("/orders/import/sample.csv", importer, sample),
        Route::get("/orders/import/{job}", importer, job_page),
    ]
}

/// An uploaded file's name as shown back (what the browser sent, through a text rule).
const FILE_NAME: TextRule = TextRule::line(255);

/// A running job whose last sign of life is older than this was cut off (its server stopped).
const STALE_AFTER_SECS: i64 = 120;

/// Jobs listed on the upload page.
const RECENT_JOBS: i64 = 10;

#[derive(Template, WebTemplate)]
#[template(path = "order_import/upload.html")]
struct UploadPage {
    ctx: PageCtx,
    errors: FieldErrors,
    jobs: Vec<JobRow>,
    columns: Vec<(&'static str, &'static str)>,
    max_mb: usize,
}

/// The file's columns with the message key describing each (the README's table too).
fn columns() -> Vec<(&'static str, &'static str)> {
    let mut cols = vec![(ACCOUNT_COLUMN, "order-import-column-account-id")];
    cols.extend(OrderField::ALL.iter().map(|f| {
        (
            f.name(),
            match f {
                OrderField::OrderedOn => "order-import-column-ordered-on",
                OrderField::Amount => "order-import-column-amount",
                OrderField::Margin => "order-import-column-margin",
                OrderField::Currency => "order-import-column-currency",
                OrderField::Description => "order-import-column-description",
                OrderField::Status => "order-import-column-status",
            },
        )
    }));
    cols
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
        jobs: db::order_import::recent_jobs(&state.pool, me.0.id, RECENT_JOBS).await?,
        columns: columns(),
        max_mb: state.config.import_max_bytes / (1024 * 1024),
    })
}

async fn upload_form(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<UploadPage> {
    upload_page(&state, ctx, &me, FieldErrors::new()).await
}

/// Receives the file into a temporary file (never into memory), records the job, starts it
/// and sends the reader to its page.
async fn upload(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    req: Request,
) -> AppResult<Response> {
    let mut multipart = Multipart::from_request(req, &state)
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?;
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest(e.body_text());
    let mut dry_run = false;
    let mut file: Option<(tempfile::NamedTempFile, String, u64)> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("dry_run") => dry_run = !field.text().await.map_err(bad)?.is_empty(),
            Some("file") => {
                let name = field
                    .file_name()
                    .and_then(|n| FILE_NAME.optional(n).ok().flatten())
                    .unwrap_or_else(|| "orders.csv".to_string());
                let mut tmp =
                    tempfile::NamedTempFile::new().map_err(|e| AppError::Internal(e.into()))?;
                let mut size = 0u64;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    size += chunk.len() as u64;
                    tmp.write_all(&chunk)
                        .map_err(|e| AppError::Internal(e.into()))?;
                }
                tmp.flush().map_err(|e| AppError::Internal(e.into()))?;
                file = Some((tmp, name, size));
            }
            _ => {}
        }
    }
    let Some((tmp, name, size)) = file.filter(|(_, _, size)| *size > 0) else {
        let mut errors = FieldErrors::new();
        errors.add("file", "error-order-import-no-file");
        let page = upload_page(&state, ctx, &me, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let id = Uuid::now_v7();
    db::order_import::create_job(
        &state.pool,
        &db::order_import::NewJob {
            id,
            file_name: &name,
            dry_run,
            created_by: me.0.id,
            bytes_total: size as i64,
        },
    )
    .await?;
    let request = ImportRequest {
        scope: me.scope(),
        by: Some(me.0.id),
        dry_run,
        file_name: name,
        today: chrono::Utc::now().date_naive(),
    };
    tokio::spawn(run_job(state.clone(), id, tmp, request));
    Ok(Redirect::to(&format!("/orders/import/{id}")).into_response())
}

/// Records a job's progress in its row, at most about once a second.
struct JobProgress {
    pool: sqlx::PgPool,
    id: Uuid,
    last: Option<std::time::Instant>,
}

impl import::Progress for JobProgress {
    async fn report(&mut self, bytes_read: u64, rows_read: u64) {
        if self.last.is_some_and(|t| t.elapsed().as_millis() < 1000) {
            return;
        }
        self.last = Some(std::time::Instant::now());
        if let Err(e) = db::order_import::record_progress(
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

/// Runs an import job to its end and records how it ended; the temporary file goes with it.
async fn run_job(state: AppState, id: Uuid, file: tempfile::NamedTempFile, request: ImportRequest) {
    let mut progress = JobProgress {
        pool: state.pool.clone(),
        id,
        last: None,
    };
    let result = match file.reopen() {
        Ok(input) => import::import_orders(&state.pool, input, &request, &mut progress).await,
        Err(e) => Err(e.into()),
    };
    let end = match result {
        Ok(outcome) => JobEnd {
            state: if outcome.problems.is_empty() {
                JobState::Succeeded
            } else {
                JobState::Refused
            },
            rows_read: outcome.rows as i64,
            rows_imported: outcome.imported as i64,
            problems: outcome.problems,
            failure: None,
        },
        Err(e) => {
            tracing::error!(job = %id, error = %format!("{e:#}"), "order import failed");
            JobEnd {
                state: JobState::Failed,
                rows_read: 0,
                rows_imported: 0,
                problems: Default::default(),
                failure: Some(format!("{e:#}")),
            }
        }
    };
    if end.rows_imported > 0 {
        state.scoring.nudge();
    }
    if let Err(e) = db::order_import::finish_job(&state.pool, id, &end).await {
        tracing::error!(job = %id, error = %e, "could not record the end of an order import");
    }
    drop(file);
}

#[derive(Template, WebTemplate)]
#[template(path = "order_import/job.html")]
struct JobPage {
    ctx: PageCtx,
    job: JobRow,
    /// The job still runs: the page refreshes itself.
    running: bool,
    /// The job's server stopped while it ran.
    interrupted: bool,
    problems: Vec<Problem>,
    percent: i64,
}

async fn job_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Path(id): Path<Uuid>,
) -> AppResult<JobPage> {
    let job = db::order_import::job(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // One's own jobs; directors and admins see everyone's.
    if job.created_by != Some(me.0.id) && me.scope() != db::visibility::AccountScope::All {
        return Err(AppError::NotFound);
    }
    let stale = (chrono::Utc::now() - job.heartbeat_at).num_seconds() > STALE_AFTER_SECS;
    let running = job.state == JobState::Running && !stale;
    let problems: Vec<Problem> = serde_json::from_str(&job.errors).unwrap_or_default();
    let percent = (job.bytes_read * 100)
        .checked_div(job.bytes_total)
        .unwrap_or(0)
        .clamp(0, 100);
    Ok(JobPage {
        ctx,
        interrupted: job.state == JobState::Running && stale,
        running,
        problems,
        percent,
        job,
    })
}

/// A sample file: the header and three example orders on the reader's own clients (or the
/// first clients they may see), ready to edit and upload.
async fn sample(State(state): State<AppState>, me: Me) -> AppResult<Response> {
    let mine = db::account_list::ListFilter::scoped(me.scope());
    let accounts = db::account_list::first_by_name(&state.pool, &mine, 3).await?;
    let mut table = Table::new(columns().iter().map(|(name, _)| name.to_string()));
    let today = chrono::Utc::now().date_naive();
    let examples = [
        ("125000.00", "25000.00", "Spare parts", "delivered"),
        ("48 300,50", "", "Consumables", "placed"),
        ("9900", "1500", "", "confirmed"),
    ];
    for (a, (amount, margin, description, status)) in accounts.iter().zip(examples) {
        table.row(vec![
            Cell::text(a.id.to_string()),
            Cell::text(today.to_string()),
            Cell::text(amount),
            Cell::text(margin),
            Cell::text("RUB"),
            Cell::text(description),
            Cell::text(status),
        ]);
    }
    table.csv_response("orders-sample")
}
