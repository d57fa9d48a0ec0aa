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
use super::import_job::{self, JobPage, Upload};
use super::routes::{Gate, Route};
use crate::db;
use crate::db::import_jobs::{JobEnd, JobRow};
use crate::domain::import::{JobKind, JobState};
use crate::domain::order::OrderField;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use crate::import::{self, ACCOUNT_COLUMN, ImportRequest};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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

#[derive(Template, WebTemplate)]
#[template(path = "order_import/upload.html")]
struct UploadPage {
    ctx: PageCtx,
    errors: FieldErrors,
    jobs: Vec<JobRow>,
    columns: Vec<(&'static str, &'static str)>,
    max_mb: usize,
    base: &'static str,
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
        jobs: import_job::recent(state, me, JobKind::Orders).await?,
        columns: columns(),
        max_mb: import_job::max_mb(state),
        base: import_job::base(JobKind::Orders),
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
    let Some(upload) = import_job::receive(&state, req, "orders.csv").await? else {
        let mut errors = FieldErrors::new();
        errors.add("file", "error-order-import-no-file");
        let page = upload_page(&state, ctx, &me, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let id = import_job::start(&state, &me, JobKind::Orders, &upload).await?;
    let request = ImportRequest {
        scope: me.scope(),
        by: Some(me.0.id),
        dry_run: upload.dry_run,
        file_name: upload.name.clone(),
        today: chrono::Utc::now().date_naive(),
    };
    tokio::spawn(run_job(state.clone(), id, upload, request));
    Ok(Redirect::to(&format!("/orders/import/{id}")).into_response())
}

/// Runs an import job to its end and records how it ended; the temporary file goes with it.
async fn run_job(state: AppState, id: Uuid, upload: Upload, request: ImportRequest) {
    let mut progress = import_job::JobProgress::new(&state, id);
    let result: anyhow::Result<JobEnd> = async {
        let input = upload.file.reopen()?;
        let outcome = import::import_orders(&state.pool, input, &request, &mut progress).await?;
        Ok(JobEnd {
            state: if outcome.problems.is_empty() {
                JobState::Succeeded
            } else {
                JobState::Refused
            },
            rows_read: outcome.rows as i64,
            rows_imported: outcome.imported as i64,
            rows_created: 0,
            rows_updated: 0,
            problems: outcome.problems,
            failure: None,
        })
    }
    .await;
    import_job::finish(&state, id, result).await;
    drop(upload);
}

async fn job_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Path(id): Path<Uuid>,
) -> AppResult<JobPage> {
    import_job::job_page(&state, ctx, &me, JobKind::Orders, id).await
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
