//! The meeting brief (issue 12): `/accounts/{id}/brief` is one page about a key client in the
//! reader's language, to open on a phone or print on one A4 sheet before meeting the client
//! (`static/brief.css`: its print rules hide the application's chrome): the key status and why,
//! the people who matter (decision roles, attitude history, who covers them), open deals and
//! tenders, the last orders and their trend, open follow-ups, this year's plan objectives and
//! the competitive grid's weak points.
//!
//! `/accounts/{id}/brief.pdf` is the same page printed by headless Chromium
//! (`Config::chrome`, `KAMDESK_CHROME`): the page's HTML, its stylesheets inlined, goes to a
//! temporary file that Chromium prints with `--print-to-pdf`, under a time limit. Chromium never
//! fetches anything from the server (no session, no URL). Without Chromium the PDF link answers
//! a 503 page saying so; the HTML brief works regardless.
//!
//! Everyone who may read the account reads its brief (assistants too).

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::plan::PlanView;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::contacts::{ContactFilter, ContactRow, ContactSort, StanceChange};
use crate::db::deals::{DealFilter, DealRow, DealSort, StageSet};
use crate::db::follow_ups::{FollowUpFilter, FollowUpPageAt, FollowUpRow, Whose};
use crate::db::orders::OrderRow;
use crate::domain::analysis::{self, Churn, OrderStats};
use crate::domain::brief::{self, Trend};
use crate::domain::permissions::Action;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::path::Path;
use std::time::Duration;

/// Longest Chromium may take to print a brief.
pub const PDF_TIMEOUT: Duration = Duration::from_secs(30);

/// Open deals, tenders and follow-ups a brief lists at most (the rest are counted).
const MAX_ITEMS: i64 = 8;

/// Weak points of the grid a brief lists at most (the costliest).
const MAX_WEAK_POINTS: usize = 5;

/// The brief's routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    vec![
        Route::get("/accounts/{id}/brief", view, show),
        Route::get("/accounts/{id}/brief.pdf", view, pdf),
    ]
}

/// A person of the brief: the contact and their latest attitude changes.
pub struct Person {
    /// The contact.
    pub row: ContactRow,
    /// Their latest attitude changes, newest first.
    pub attitude_steps: Vec<StanceChange>,
}

/// A criterion where a competitor beats us.
pub struct WeakPoint {
    /// The criterion.
    pub name: String,
    /// Its weight in the client's decision, percent.
    pub weight: Decimal,
    /// Our score.
    pub ours: u8,
    /// The best competitor's score there.
    pub best: u8,
    /// Who that is.
    pub rival: String,
}

/// What the brief shows.
#[derive(Template, WebTemplate)]
#[template(path = "brief/show.html")]
pub struct BriefPage {
    ctx: PageCtx,
    header: db::accounts::AccountHeader,
    result: Option<db::scoring::StoredResult>,
    people: Vec<Person>,
    more_people: i64,
    deals: Vec<DealRow>,
    more_deals: i64,
    orders: Vec<OrderRow>,
    trend: Trend,
    churn: Churn,
    follow_ups: Vec<FollowUpRow>,
    more_follow_ups: bool,
    year: i32,
    plan: PlanView,
    grid_version: Option<i32>,
    weak_points: Vec<WeakPoint>,
    today: NaiveDate,
    /// For the PDF: the stylesheets, inlined (the file Chromium prints fetches nothing).
    inline_css: Option<String>,
}

impl BriefPage {
    fn id(&self) -> String {
        self.header.id.to_string()
    }

    fn trend_class(&self) -> &'static str {
        match self.trend.direction {
            brief::Direction::Up => "up",
            brief::Direction::Flat => "flat",
            brief::Direction::Down => "down",
            brief::Direction::Unknown => "unknown",
        }
    }

    fn is_overdue(&self, f: &FollowUpRow) -> bool {
        f.due_on < self.today
    }
}

async fn load(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    inline_css: Option<String>,
) -> AppResult<BriefPage> {
    let id = account.id;
    let pool = &state.pool;
    let header = db::accounts::header(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = db::accounts::get(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = chrono::Utc::now().date_naive();

    // People: the current contacts, decision makers first (the role's order), then by name.
    let filter = ContactFilter {
        sort: Some(ContactSort::Role),
        ..ContactFilter::default()
    };
    let rows = db::contacts::list(pool, id, &filter, Some(brief::MAX_PEOPLE), 0).await?;
    let all_people = db::contacts::count(pool, id, &filter).await?;
    let mut people = Vec::with_capacity(rows.len());
    for row in rows {
        let attitude_steps = db::contacts::stance_history(pool, row.id)
            .await?
            .into_iter()
            .filter(|c| !c.is_influence)
            .take(brief::ATTITUDE_STEPS)
            .collect();
        people.push(Person {
            row,
            attitude_steps,
        });
    }

    // Open deals and tenders, in pipeline order.
    let deal_filter = DealFilter {
        account: Some(id),
        stages: StageSet::Open,
        ..DealFilter::scoped(me.scope())
    };
    let deals = db::deals::list(pool, &deal_filter, DealSort::Pipeline, Some(MAX_ITEMS), 0).await?;
    let all_deals = db::deals::count(pool, &deal_filter).await?;

    // The last orders and the trend of the analysis window's months.
    let orders = db::orders::recent_of_account(pool, id, brief::LAST_ORDERS).await?;
    let settings = db::scoring::current_settings(pool).await?.settings;
    let window = analysis::window(today);
    let in_window = db::analysis::orders(pool, id, window.0, today).await?;
    let mut stats = OrderStats::from_orders(stored.created_at.date_naive(), today, &in_window);
    stats.last_order = db::analysis::last_order(pool, id, today).await?;
    let trend = brief::trend(&stats.monthly_revenue);
    let churn = analysis::churn(&stats, today, &settings);

    // Open follow-ups, the oldest first.
    let fu_filter = FollowUpFilter {
        account: Some(id),
        ..FollowUpFilter::open(me.scope(), me.0.id, Whose::Visible)
    };
    let fu = db::follow_ups::page(pool, &fu_filter, FollowUpPageAt::First, MAX_ITEMS).await?;

    // This year's plan and the current grid's weak points.
    let year = today.year();
    let plan = PlanView::load(state, id, year).await?;
    let mut conn = pool.acquire().await?;
    let latest = db::competitive::versions(&mut conn, id)
        .await?
        .into_iter()
        .next();
    drop(conn);
    let (grid_version, weak_points) = match latest {
        None => (None, vec![]),
        Some(g) => {
            let weak = g
                .grid
                .weak_points()
                .into_iter()
                .take(MAX_WEAK_POINTS)
                .filter_map(|v| {
                    let c = g.grid.criteria.get(v.index)?;
                    let ours = *c.scores.first()?;
                    let (best_at, best) = c
                        .scores
                        .iter()
                        .enumerate()
                        .skip(1)
                        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))?;
                    Some(WeakPoint {
                        name: c.name.clone(),
                        weight: c.weight,
                        ours,
                        best: *best,
                        rival: g.grid.rivals.get(best_at - 1).cloned().unwrap_or_default(),
                    })
                })
                .collect();
            (Some(g.version), weak)
        }
    };

    Ok(BriefPage {
        ctx,
        result: db::scoring::result_for(pool, id).await?,
        header,
        more_people: (all_people - people.len() as i64).max(0),
        people,
        more_deals: (all_deals - deals.len() as i64).max(0),
        deals,
        orders,
        trend,
        churn,
        follow_ups: fu.rows,
        more_follow_ups: fu.has_next,
        year,
        plan,
        grid_version,
        weak_points,
        today,
        inline_css,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<BriefPage> {
    load(&state, ctx, &me, account, None).await
}

/// The page shown instead of a PDF when the server has no Chromium (503).
#[derive(Template, WebTemplate)]
#[template(path = "brief/no_pdf.html")]
struct NoPdfPage {
    ctx: PageCtx,
    id: String,
}

async fn pdf(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<Response> {
    let Some(chrome) = state
        .config
        .chrome
        .clone()
        .filter(|p| crate::config::is_executable(p))
    else {
        let page = NoPdfPage {
            ctx,
            id: account.id.to_string(),
        };
        return Ok((StatusCode::SERVICE_UNAVAILABLE, page).into_response());
    };
    let css = ["app.css", "brief.css"]
        .iter()
        .map(|f| std::fs::read_to_string(super::static_dir().join(f)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("reading the stylesheets: {e}")))?
        .join("\n");
    let page = load(&state, ctx, &me, account, Some(css)).await?;
    let name = page.header.name.clone();
    let html = page
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("rendering the brief: {e}")))?;
    let bytes = print_to_pdf(&chrome, &html).await?;
    let file = format!("brief-{}.pdf", file_name(&name));
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A client's name as a safe ASCII file name part.
fn file_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "account".into() } else { s }
}

/// Prints `html` to PDF with headless Chromium at `chrome`, in a private temporary directory
/// (the page, Chromium's profile, the PDF), within [`PDF_TIMEOUT`]; Chromium is killed when the
/// time is up.
pub async fn print_to_pdf(chrome: &Path, html: &str) -> AppResult<Vec<u8>> {
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        AppError::Internal(anyhow::anyhow!("brief PDF: {what}: {e}"))
    };
    let dir = tempfile::tempdir().map_err(|e| fail("temporary directory", &e))?;
    let page = dir.path().join("brief.html");
    let out = dir.path().join("brief.pdf");
    tokio::fs::write(&page, html)
        .await
        .map_err(|e| fail("writing the page", &e))?;
    let mut cmd = tokio::process::Command::new(chrome);
    cmd.arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-sandbox")
        .arg("--disable-dev-shm-usage")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--disable-extensions")
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    let child = cmd.spawn().map_err(|e| fail("starting Chromium", &e))?;
    let output = tokio::time::timeout(PDF_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| fail("Chromium took too long", &PDF_TIMEOUT.as_secs()))?
        .map_err(|e| fail("running Chromium", &e))?;
    let bytes = tokio::fs::read(&out).await.map_err(|e| {
        fail(
            "no PDF written",
            &format!(
                "{e} ({}; {})",
                output.status,
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ),
        )
    })?;
    if !bytes.starts_with(b"%PDF") {
        return Err(fail("not a PDF", &output.status));
    }
    Ok(bytes)
}
