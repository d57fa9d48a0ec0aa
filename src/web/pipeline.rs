//! `/pipeline`: the running deals and tenders of every account the reader may see, grouped by
//! stage with counts and sums per currency; filters, paging, and the same rows as CSV/XLSX.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::deals::{deal_table, parse_choice, parse_date};
use super::extract::Query;
use super::form::FieldErrors;
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::deals::{DealFilter, DealRow, DealSort, StageSet, StageSum};
use crate::domain::deal::{DealKind, DealStage};
use crate::domain::ids::UserId;
use crate::domain::money::Currency;
use crate::domain::text;
use crate::domain::user::Role;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The pipeline routes: every signed-in user, over the accounts they may see.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/pipeline", Gate::SignedIn, show),
        Route::get("/pipeline.csv", Gate::SignedIn, export_csv),
        Route::get("/pipeline.xlsx", Gate::SignedIn, export_xlsx),
    ]
}

const PER_PAGE: i64 = 100;

/// The pipeline's filters as typed.
#[derive(Debug, Default, Deserialize)]
struct PipelineQuery {
    q: Option<String>,
    kind: Option<String>,
    owner: Option<String>,
    from: Option<String>,
    to: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

impl PipelineQuery {
    /// The filter, with a message beside each refused value (nothing is listed then).
    fn filter(&self, me: &Me, errors: &mut FieldErrors) -> DealFilter {
        let query = errors
            .optional_text("q", text::SEARCH, self.q.as_deref().unwrap_or(""))
            .flatten();
        let from = errors
            .check("from", parse_date(self.from.as_deref().unwrap_or("")))
            .flatten();
        let to = errors
            .check("to", parse_date(self.to.as_deref().unwrap_or("")))
            .flatten();
        DealFilter {
            kind: parse_choice(&self.kind),
            stages: StageSet::Open,
            query,
            owner: parse_choice::<UserId>(&self.owner),
            expected_from: from,
            expected_to: to,
            ..DealFilter::scoped(me.scope())
        }
    }

    fn sort(&self) -> DealSort {
        match self.sort.as_deref() {
            Some("amount") => DealSort::Amount,
            _ => DealSort::Pipeline,
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let v = |s: &Option<String>| s.clone().unwrap_or_default();
        vec![
            ("q", v(&self.q)),
            ("kind", v(&self.kind)),
            ("owner", v(&self.owner)),
            ("from", v(&self.from)),
            ("to", v(&self.to)),
            ("sort", v(&self.sort)),
        ]
    }
}

/// One stage of the summary: its deals per currency.
struct StageLine {
    stage: DealStage,
    sums: Vec<StageSum>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pipeline/show.html")]
struct PipelinePage {
    ctx: PageCtx,
    q: PipelineQuery,
    errors: FieldErrors,
    lines: Vec<StageLine>,
    totals: Vec<(Currency, i64, Decimal)>,
    deals: Vec<DealRow>,
    pager: Pager,
    owners: Vec<db::users::UserRow>,
    grouped: bool,
}

impl PipelinePage {
    /// Whether row `i` begins a new stage (a group heading goes above it).
    fn starts_group(&self, i: &usize) -> bool {
        self.grouped && (*i == 0 || self.deals[*i - 1].stage != self.deals[*i].stage)
    }

    fn value<'a>(&self, s: &'a Option<String>) -> &'a str {
        s.as_deref().unwrap_or("")
    }
}

/// The summary: every open stage (also an empty one) with its sums, and the totals per currency.
fn summary(sums: Vec<StageSum>) -> (Vec<StageLine>, Vec<(Currency, i64, Decimal)>) {
    let mut totals: Vec<(Currency, i64, Decimal)> = vec![];
    for s in &sums {
        match totals.iter_mut().find(|t| t.0 == s.currency) {
            Some(t) => {
                t.1 += s.deals;
                t.2 += s.amount;
            }
            None => totals.push((s.currency, s.deals, s.amount)),
        }
    }
    let lines = DealStage::OPEN
        .iter()
        .map(|&stage| StageLine {
            stage,
            sums: sums.iter().filter(|s| s.stage == stage).cloned().collect(),
        })
        .collect();
    (lines, totals)
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<PipelineQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let filter = q.filter(&me, &mut errors);
    let owners = db::users::list_active_with_roles(&state.pool, &Role::ALL).await?;
    let ok = errors.is_empty();
    let (total, sums) = if ok {
        (
            db::deals::count(&state.pool, &filter).await?,
            db::deals::sums_by_stage(&state.pool, &filter).await?,
        )
    } else {
        (0, vec![])
    };
    let pager = Pager::new("/pipeline", q.params(), q.page.as_deref(), PER_PAGE, total);
    let deals = if ok {
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
    let (lines, totals) = summary(sums);
    let page = PipelinePage {
        ctx,
        grouped: q.sort() == DealSort::Pipeline,
        q,
        errors,
        lines,
        totals,
        deals,
        pager,
        owners,
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page).into_response())
}

async fn rows(state: &AppState, me: &Me, q: &PipelineQuery) -> AppResult<Vec<DealRow>> {
    let mut errors = FieldErrors::new();
    let filter = q.filter(me, &mut errors);
    if !errors.is_empty() {
        return Ok(vec![]);
    }
    Ok(db::deals::list(&state.pool, &filter, q.sort(), None, 0).await?)
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<PipelineQuery>,
) -> AppResult<Response> {
    deal_table(ctx.lang, &rows(&state, &me, &q).await?).csv_response("pipeline")
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<PipelineQuery>,
) -> AppResult<Response> {
    deal_table(ctx.lang, &rows(&state, &me, &q).await?)
        .xlsx_response("pipeline", &ctx.t("pipeline-sheet-name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_every_open_stage_and_totals_each_currency() {
        let sum = |stage, currency, deals, amount: i64| StageSum {
            stage,
            currency,
            deals,
            amount: Decimal::from(amount),
        };
        let (lines, totals) = summary(vec![
            sum(DealStage::Lead, Currency::Rub, 2, 300),
            sum(DealStage::Proposal, Currency::Rub, 1, 50),
            sum(DealStage::Proposal, Currency::Eur, 1, 7),
        ]);
        assert_eq!(lines.len(), 4);
        assert!(lines[1].sums.is_empty(), "qualification has no deals");
        assert_eq!(lines[2].sums.len(), 2);
        assert_eq!(
            totals,
            [
                (Currency::Rub, 3, Decimal::from(350)),
                (Currency::Eur, 1, Decimal::from(7))
            ]
        );
    }
}
