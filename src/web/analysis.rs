//! The analyses: `/accounts/{id}/analysis` (the account's ABC and XYZ classes with the figures
//! behind them, its churn signal, its refusal trend) and `/analysis` (the ABC–XYZ matrix over
//! the accounts the reader sees, each cell listing its accounts, with exports).
//!
//! The classes are computed here by the scoring engine's pure functions (`domain::analysis`)
//! over what the database gives: the account's own orders for XYZ and churn, the stored
//! statistics of the whole base for ABC (one account's class depends on every other's revenue).
//! The matrix reads the classes the last recompute stored.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{Cell, Table};
use super::extract::Query;
use super::hub::Hub;
use super::paging::Pager;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::analysis::{AbcFigures, CellAccount, MatrixCell};
use crate::domain::analysis::{self, Abc, Churn, OrderStats, WINDOW_MONTHS, Xyz};
use crate::domain::deal::{Quarter, per_quarter};
use crate::domain::permissions::Action;
use crate::domain::scoring::Settings;
use crate::domain::user::Language;
use crate::error::AppResult;
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// The analysis routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    vec![
        Route::get("/accounts/{id}/analysis", view, account_page),
        Route::get("/analysis", Gate::SignedIn, matrix_page),
        Route::get("/analysis.csv", Gate::SignedIn, matrix_export),
        Route::get("/analysis.xlsx", Gate::SignedIn, matrix_export),
    ]
}

/// Quarters of the refusal trend.
const TREND_QUARTERS: usize = 8;

/// Accounts per page of a matrix cell.
const PER_PAGE: i64 = 50;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

// ------------------------------------------------------------------ one account

/// One month of the XYZ window.
struct Month {
    /// Its first day.
    start: NaiveDate,
    /// Revenue in it.
    revenue: Decimal,
    /// Its bar's height in percent of the largest month.
    bar: u32,
}

/// One quarter of the refusal trend.
struct TrendQuarter {
    label: String,
    lost: i64,
    bar: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "analysis/account.html")]
struct AccountPage {
    ctx: PageCtx,
    hub: Hub,
    settings: Settings,
    window: (NaiveDate, NaiveDate),
    /// Whether the account is in the client base (prospect or active): ABC ranks only those.
    in_base: bool,
    abc: Abc,
    figures: AbcFigures,
    xyz: Option<Xyz>,
    cv: Option<f64>,
    mean: Decimal,
    months: Vec<Month>,
    churn: Churn,
    last_order: Option<NaiveDate>,
    days_since: i64,
    trend: Vec<TrendQuarter>,
    lost_total: i64,
}

impl AccountPage {
    /// `part` in percent of `whole`, one decimal; None when the whole is zero.
    fn pct(&self, part: &Decimal, whole: &Decimal) -> Option<Decimal> {
        (!whole.is_zero()).then(|| (part * Decimal::ONE_HUNDRED / whole).round_dp(1))
    }

    /// The coefficient of variation, two decimals.
    fn cv_text(&self) -> String {
        match self.cv.and_then(Decimal::from_f64_retain) {
            Some(cv) => self.ctx.num(&cv.round_dp(2), 2),
            None => "—".into(),
        }
    }

    /// A month as the reader names it ("Nov 2025", "11.2025").
    fn month(&self, d: &NaiveDate) -> String {
        match self.ctx.lang {
            Language::En => d.format("%b %Y").to_string(),
            Language::Ru => d.format("%m.%Y").to_string(),
        }
    }
}

/// A bar's height in percent of `max`.
fn bar(value: Decimal, max: Decimal) -> u32 {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    use rust_decimal::prelude::ToPrimitive;
    (value * Decimal::ONE_HUNDRED / max)
        .round()
        .to_u32()
        .unwrap_or(0)
        .min(100)
}

async fn account_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<AccountPage> {
    let hub = Hub::load(&state, &me, account, "analysis").await?;
    let stored = db::accounts::get(&state.pool, account.id)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    let settings = db::scoring::current_settings(&state.pool).await?.settings;
    let reference = today();
    let window = analysis::window(reference);

    // XYZ and churn: the pure functions over the account's own orders.
    let orders = db::analysis::orders(&state.pool, account.id, window.0, reference).await?;
    let mut stats = OrderStats::from_orders(stored.created_at.date_naive(), reference, &orders);
    stats.last_order = db::analysis::last_order(&state.pool, account.id, reference).await?;
    let xyz = analysis::xyz(&stats.monthly_revenue, &settings);
    let cv = analysis::cv(&stats.monthly_revenue);
    let churn = analysis::churn(&stats, reference, &settings);
    let max = stats
        .monthly_revenue
        .iter()
        .copied()
        .max()
        .unwrap_or_default();
    let mut months = Vec::with_capacity(WINDOW_MONTHS);
    let mut start = window.0;
    for revenue in stats.monthly_revenue {
        months.push(Month {
            start,
            revenue,
            bar: bar(revenue, max),
        });
        start = start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(start);
    }

    // ABC: the account's place in the whole base, as the last recompute stored it.
    let in_base = stored.status.in_base();
    let figures = db::analysis::abc_figures(&state.pool, account.id).await?;
    let abc = if in_base {
        analysis::abc_class(figures.revenue, figures.before, figures.total, &settings)
    } else {
        Abc::C
    };

    // The refusal trend: lost deals per quarter, the last eight.
    let quarters = Quarter::last(reference, TREND_QUARTERS);
    let lost = db::analysis::lost_per_quarter(&state.pool, account.id, quarters[0].start()).await?;
    let counts = per_quarter(&quarters, &lost);
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let trend = counts
        .iter()
        .map(|(q, n)| TrendQuarter {
            label: format!("{} Q{}", q.year, q.q),
            lost: *n,
            bar: bar(Decimal::from(*n), Decimal::from(most)),
        })
        .collect();

    Ok(AccountPage {
        days_since: (reference - stats.last_order.unwrap_or(stats.created)).num_days(),
        last_order: stats.last_order,
        mean: (stats.revenue() / Decimal::from(WINDOW_MONTHS as u32)).round_dp(2),
        lost_total: counts.iter().map(|(_, n)| n).sum(),
        ctx,
        hub,
        settings,
        window,
        in_base,
        abc,
        figures,
        xyz,
        cv,
        months,
        churn,
        trend,
    })
}

// ------------------------------------------------------------------ the matrix

#[derive(Debug, Default, Deserialize)]
struct MatrixQuery {
    abc: Option<String>,
    xyz: Option<String>,
    page: Option<String>,
}

impl MatrixQuery {
    /// The chosen cell, when both classes are readable.
    fn cell(&self) -> Option<(Abc, Xyz)> {
        Some((
            super::deals::parse_choice(&self.abc)?,
            super::deals::parse_choice(&self.xyz)?,
        ))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "analysis/matrix.html")]
struct MatrixPage {
    ctx: PageCtx,
    cells: Vec<MatrixCell>,
    chosen: Option<(Abc, Xyz)>,
    accounts: Vec<CellAccount>,
    pager: Option<Pager>,
    /// Accounts with both classes.
    total_accounts: i64,
    /// Their revenue.
    total_revenue: Decimal,
}

impl MatrixPage {
    /// The cell of classes named `abc` and `xyz`, if it has accounts.
    fn cell(&self, abc: &str, xyz: &str) -> Option<&MatrixCell> {
        self.cells
            .iter()
            .find(|c| c.abc.as_str() == abc && c.xyz.as_str() == xyz)
    }

    /// Whether the classes named `abc` and `xyz` are the chosen cell.
    fn is_chosen(&self, abc: &str, xyz: &str) -> bool {
        self.chosen
            .is_some_and(|(a, x)| a.as_str() == abc && x.as_str() == xyz)
    }
}

fn cell_params(abc: Abc, xyz: Xyz) -> Vec<(&'static str, String)> {
    vec![("abc", abc.to_string()), ("xyz", xyz.to_string())]
}

async fn matrix_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<MatrixQuery>,
) -> AppResult<MatrixPage> {
    let cells = db::analysis::matrix(&state.pool, me.scope()).await?;
    let chosen = q.cell();
    let (accounts, pager) = match chosen {
        Some((abc, xyz)) => {
            let total = cells
                .iter()
                .find(|c| c.abc == abc && c.xyz == xyz)
                .map_or(0, |c| c.accounts);
            let pager = Pager::new(
                "/analysis",
                cell_params(abc, xyz),
                q.page.as_deref(),
                PER_PAGE,
                total,
            );
            let rows = db::analysis::cell_accounts(
                &state.pool,
                me.scope(),
                abc,
                xyz,
                pager.offset(),
                Some(PER_PAGE),
            )
            .await?;
            (rows, Some(pager))
        }
        None => (vec![], None),
    };
    Ok(MatrixPage {
        total_accounts: cells.iter().map(|c| c.accounts).sum(),
        total_revenue: cells.iter().map(|c| c.revenue).sum(),
        ctx,
        cells,
        chosen,
        accounts,
        pager,
    })
}

/// The export: the chosen cell's accounts, or the matrix itself when no cell is chosen.
async fn matrix_table(
    state: &AppState,
    lang: Language,
    me: &Me,
    q: &MatrixQuery,
) -> AppResult<Table> {
    let t = |k: &str| i18n::t(lang, k);
    Ok(match q.cell() {
        Some((abc, xyz)) => {
            let rows =
                db::analysis::cell_accounts(&state.pool, me.scope(), abc, xyz, 0, None).await?;
            let mut table = Table::new([
                t("col-client"),
                t("analysis-col-abc"),
                t("analysis-col-xyz"),
                t("analysis-col-revenue"),
                t("col-client-id"),
            ]);
            for r in rows {
                table.row(vec![
                    Cell::text(r.name),
                    Cell::text(abc.as_str()),
                    Cell::text(xyz.as_str()),
                    Cell::decimal(Some(r.revenue), 2),
                    Cell::text(r.id.to_string()),
                ]);
            }
            table
        }
        None => {
            let cells = db::analysis::matrix(&state.pool, me.scope()).await?;
            let mut table = Table::new([
                t("analysis-col-abc"),
                t("analysis-col-xyz"),
                t("analysis-col-accounts"),
                t("analysis-col-revenue"),
            ]);
            for abc in Abc::ALL {
                for xyz in Xyz::ALL {
                    let cell = cells.iter().find(|c| c.abc == *abc && c.xyz == *xyz);
                    table.row(vec![
                        Cell::text(abc.as_str()),
                        Cell::text(xyz.as_str()),
                        Cell::int(Some(cell.map_or(0, |c| c.accounts))),
                        Cell::decimal(Some(cell.map_or(Decimal::ZERO, |c| c.revenue)), 2),
                    ]);
                }
            }
            table
        }
    })
}

/// `.csv` or `.xlsx` of the matrix or the chosen cell, by the path's extension.
async fn matrix_export(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<MatrixQuery>,
) -> AppResult<Response> {
    matrix_table(&state, ctx.lang, &me, &q).await?.response_for(
        &ctx.path,
        "abc_xyz",
        &ctx.t("analysis-sheet-name"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn bars_are_percent_of_the_largest_and_never_above_a_hundred() {
        assert_eq!(bar(Decimal::from(5), Decimal::from(10)), 50);
        assert_eq!(bar(Decimal::from(10), Decimal::from(10)), 100);
        assert_eq!(bar(Decimal::ZERO, Decimal::ZERO), 0);
        assert_eq!(bar(Decimal::from(-3), Decimal::from(10)), 0);
    }

    #[test]
    fn a_quarter_label_names_year_and_quarter() {
        let q = Quarter::of(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!((q.year, q.q, q.start().month()), (2026, 4, 10));
    }
}
