//! `/tenders`: the tender register across every account the reader may see: upcoming
//! deadlines, results, price gaps (our bid against the winning one); filters, paging, CSV/XLSX.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::deals::{deal_table, parse_date};
use super::extract::Query;
use super::form::FieldErrors;
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::deals::{DealFilter, DealRow, DealSort, StageSet, TenderFigures};
use crate::domain::deal::{DealKind, DealStage};
use crate::domain::text;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// The tender register routes: every signed-in user, over the accounts they may see.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/tenders", Gate::SignedIn, show),
        Route::get("/tenders.csv", Gate::SignedIn, export_csv),
        Route::get("/tenders.xlsx", Gate::SignedIn, export_xlsx),
    ]
}

const PER_PAGE: i64 = 100;

/// Which tenders the register lists.
const VIEWS: [&str; 6] = ["", "upcoming", "open", "won", "lost", "closed"];

/// The register's filters as typed.
#[derive(Debug, Default, Deserialize)]
struct RegisterQuery {
    view: Option<String>,
    q: Option<String>,
    winner: Option<String>,
    from: Option<String>,
    to: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

impl RegisterQuery {
    fn value(s: &Option<String>) -> &str {
        s.as_deref().unwrap_or("").trim()
    }

    /// The filter on `today`, with a message beside each refused value.
    fn filter(&self, me: &Me, today: NaiveDate, errors: &mut FieldErrors) -> DealFilter {
        let query = errors
            .optional_text("q", text::SEARCH, Self::value(&self.q))
            .flatten();
        let winner = errors
            .optional_text("winner", text::SEARCH, Self::value(&self.winner))
            .flatten();
        let from = errors
            .check("from", parse_date(Self::value(&self.from)))
            .flatten();
        let to = errors
            .check("to", parse_date(Self::value(&self.to)))
            .flatten();
        let (stages, from) = match Self::value(&self.view) {
            // Still running and not past the deadline.
            "upcoming" => (StageSet::Open, Some(from.map_or(today, |f| f.max(today)))),
            "open" => (StageSet::Open, from),
            "won" => (StageSet::Only(DealStage::Won), from),
            "lost" => (StageSet::Only(DealStage::Lost), from),
            "closed" => (StageSet::Closed, from),
            _ => (StageSet::All, from),
        };
        DealFilter {
            kind: Some(DealKind::Tender),
            stages,
            query,
            winner,
            deadline_from: from,
            deadline_to: to,
            ..DealFilter::scoped(me.scope())
        }
    }

    fn sort(&self) -> DealSort {
        match (Self::value(&self.sort), Self::value(&self.view)) {
            ("deadline", _) => DealSort::Deadline,
            ("latest", _) => DealSort::DeadlineDesc,
            ("gap", _) => DealSort::Gap,
            // The soonest deadline first for what is still to come, the latest first otherwise.
            (_, "upcoming" | "open") => DealSort::Deadline,
            _ => DealSort::DeadlineDesc,
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let v = |s: &Option<String>| Self::value(s).to_string();
        vec![
            ("view", v(&self.view)),
            ("q", v(&self.q)),
            ("winner", v(&self.winner)),
            ("from", v(&self.from)),
            ("to", v(&self.to)),
            ("sort", v(&self.sort)),
        ]
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tenders/register.html")]
struct RegisterPage {
    ctx: PageCtx,
    q: RegisterQuery,
    errors: FieldErrors,
    figures: TenderFigures,
    rate: Option<Decimal>,
    tenders: Vec<DealRow>,
    pager: Pager,
    today: NaiveDate,
}

impl RegisterPage {
    fn value<'a>(&self, s: &'a Option<String>) -> &'a str {
        RegisterQuery::value(s)
    }

    fn views(&self) -> [&'static str; 6] {
        VIEWS
    }

    /// The message key naming a view.
    fn view_label(&self, view: &str) -> &'static str {
        match view {
            "upcoming" => "tenders-view-upcoming",
            "open" => "tenders-view-open",
            "won" => "tenders-view-won",
            "lost" => "tenders-view-lost",
            "closed" => "tenders-view-closed",
            _ => "tenders-view-all",
        }
    }

    /// The link to one view of the register (its other filters dropped).
    fn view_href(&self, view: &str) -> String {
        if view.is_empty() {
            "/tenders".into()
        } else {
            format!("/tenders?view={view}")
        }
    }

    /// Whether `view` is the one shown.
    fn is_view(&self, view: &str) -> bool {
        self.value(&self.q.view) == view
    }

    /// For a running tender: how far its deadline is (a class and the words), or that it
    /// passed and the result is awaited.
    fn deadline_note(&self, d: &DealRow) -> Option<(&'static str, String)> {
        let days = (d.deadline_on? - self.today).num_days();
        if d.stage.is_closed() {
            None
        } else if days < 0 {
            Some(("muted", self.ctx.t("tenders-awaiting-result")))
        } else {
            let class = if days <= 30 { "overdue" } else { "muted" };
            Some((class, self.ctx.t1("tenders-days-left", "days", days)))
        }
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    let today = chrono::Utc::now().date_naive();
    let mut errors = FieldErrors::new();
    let filter = q.filter(&me, today, &mut errors);
    let ok = errors.is_empty();
    let (total, figures) = if ok {
        (
            db::deals::count(&state.pool, &filter).await?,
            db::deals::tender_figures(&state.pool, &filter, today).await?,
        )
    } else {
        (0, TenderFigures::default())
    };
    let pager = Pager::new("/tenders", q.params(), q.page.as_deref(), PER_PAGE, total);
    let tenders = if ok {
        db::deals::list(
            &state.pool,
            &filter,
            q.sort(),
            Some(PER_PAGE),
            pager.offset(),
        )
        .await?
    } else {
        vec![]
    };
    let page = RegisterPage {
        ctx,
        rate: crate::domain::deal::win_rate(figures.won, figures.lost),
        q,
        errors,
        figures,
        tenders,
        pager,
        today,
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page).into_response())
}

async fn rows(state: &AppState, me: &Me, q: &RegisterQuery) -> AppResult<Vec<DealRow>> {
    let mut errors = FieldErrors::new();
    let filter = q.filter(me, chrono::Utc::now().date_naive(), &mut errors);
    if !errors.is_empty() {
        return Ok(vec![]);
    }
    Ok(db::deals::list(&state.pool, &filter, q.sort(), None, 0).await?)
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    deal_table(ctx.lang, &rows(&state, &me, &q).await?).csv_response("tenders")
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    deal_table(ctx.lang, &rows(&state, &me, &q).await?)
        .xlsx_response("tenders", &ctx.t("tenders-sheet-name"))
}
