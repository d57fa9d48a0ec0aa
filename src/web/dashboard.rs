//! `/dashboard`: the sales director's cockpit. A few indicators and charts rather than tables,
//! each with its data table behind it and each figure linking to the accounts behind it: the
//! Pareto curve of potential with the key clients on it, key clients' share of the last 12
//! months' sales against the 30-55 % band, clients and key clients per league, the ABC-XYZ
//! matrix, workload per KAM against the 4-10 guidance, key clients at risk and unowned, the
//! overdue follow-ups across the teams, and the contact map's coverage gaps.
//!
//! The whole-base figures are read as the recompute stored them ([`db::cockpit`],
//! `scoring_state`, `owner_load`, and the contact map's coverage-gap tallies, kept by a trigger
//! on the per-account `account_contact_gaps`, through [`db::contacts::gap_counts`]); only the
//! overdue follow-ups are counted per request, over their open-and-due index.

use super::AppState;
use super::charts::{self, Bar, BarLayout, LabelRow, Pareto};
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::db::teams::LoadRow;
use crate::domain::analysis::{Abc, Xyz};
use crate::domain::cockpit::{self, Band, BaseFigures, Count};
use crate::domain::contact::Gap;
use crate::domain::league::League;
use crate::domain::permissions::Action;
use crate::domain::team::{GUIDANCE, Load};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use rust_decimal::Decimal;

/// The dashboard route.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/dashboard",
        Gate::Role(Action::ManageKeyList),
        show,
    )]
}

/// One league's line of the league chart.
struct LeagueLine {
    league: Option<League>,
    count: Count,
    all: Bar,
    key: Bar,
    /// The row's label, laid out.
    row: LabelRow,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard/show.html")]
struct DashboardPage {
    ctx: PageCtx,
    summary: db::scoring::KeyListSummary,
    base: BaseFigures,
    pareto: Pareto,
    key_sales_pct: Option<Decimal>,
    band: Option<Band>,
    leagues: Vec<LeagueLine>,
    /// The league chart's layout (its label column fits the longest league's name).
    leagues_chart: BarLayout,
    load: Vec<(LoadRow, Bar, LabelRow)>,
    load_chart: BarLayout,
    overdue: i64,
    /// Per coverage gap: the bar of the key clients showing it, and its label laid out.
    gaps: Vec<(Gap, Bar, LabelRow)>,
    gaps_chart: BarLayout,
    /// Coverage gaps of the key clients and of the whole base the reader sees.
    gaps_key: db::contacts::GapCounts,
    gaps_all: db::contacts::GapCounts,
    /// Account planning of the key clients this year (`templates/dashboard/planning.html`).
    planning: PlanningFigures,
}

impl DashboardPage {
    fn band_range(&self) -> (i32, i32) {
        let (low, high) = cockpit::KEY_SALES_BAND;
        (
            charts::gauge_x(Decimal::from(low)),
            charts::gauge_x(Decimal::from(high)),
        )
    }

    /// x of 0 %, 100 % and the key clients' share on the sales gauge.
    fn gauge(&self) -> (i32, i32, i32) {
        (
            charts::gauge_x(Decimal::ZERO),
            charts::gauge_x(Decimal::ONE_HUNDRED),
            charts::gauge_x(self.key_sales_pct.unwrap_or_default()),
        )
    }

    /// The deciles of the Pareto curve for its data table: (percent of clients, share of
    /// potential in percent, key clients in that tenth).
    fn deciles(&self) -> Vec<(usize, Decimal, i32)> {
        if self.base.pareto.len() != cockpit::PARETO_POINTS {
            return vec![];
        }
        (1..=10)
            .map(|d| {
                let p = d * 10;
                (
                    p,
                    (self.base.pareto[p] * Decimal::ONE_HUNDRED).round_dp(1),
                    self.base.pareto_key[p - 10..p].iter().sum(),
                )
            })
            .collect()
    }

    fn cells(&self) -> Vec<(Abc, Vec<(Xyz, Count)>)> {
        Abc::ALL
            .iter()
            .map(|a| {
                (
                    *a,
                    self.base
                        .abc_xyz
                        .iter()
                        .filter(|((ca, _), _)| ca == a)
                        .map(|((_, x), c)| (*x, *c))
                        .collect(),
                )
            })
            .collect()
    }

    /// How strongly a cell is shaded (0 to 4), by its share of the classified clients.
    fn shade(&self, c: &Count) -> u32 {
        let total: i32 = self.base.abc_xyz.iter().map(|(_, c)| c.clients).sum();
        if total == 0 || c.clients == 0 {
            return 0;
        }
        (1 + (c.clients * 4 / total).min(3)) as u32
    }

    fn league_value(&self, l: &Option<League>) -> String {
        l.map_or_else(|| "none".to_string(), |l| l.to_string())
    }

    fn load_of(&self, key_accounts: &i32) -> Load {
        Load::of(i64::from(*key_accounts))
    }

    fn guidance_x(&self) -> (i32, i32) {
        let values: Vec<i64> = self.load.iter().map(|(_, b, _)| b.value).collect();
        let (low, high) = GUIDANCE;
        (
            self.load_chart.x(low, &values, high + 2),
            self.load_chart.x(high, &values, high + 2),
        )
    }

    /// The rows of the gap table: the gap, key clients, whole base.
    fn gap_rows(&self) -> [(Gap, i64, i64); 5] {
        let (k, a) = (&self.gaps_key, &self.gaps_all);
        Gap::ALL.map(|g| (g, k.count(g), a.count(g)))
    }
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<DashboardPage> {
    let pool = &state.pool;
    let summary = db::scoring::summary(pool).await?;
    let base = db::cockpit::read(pool).await?;
    let pareto = charts::pareto(&base.pareto, &base.pareto_key);
    let key_sales_pct = cockpit::key_sales_pct(base.key_sales_12m, base.sales_12m);
    let league_labels: Vec<String> = base
        .leagues
        .iter()
        .map(|(l, _)| l.map_or_else(|| ctx.t("league-none"), |l| ctx.name(&l)))
        .collect();
    let leagues_chart = charts::bar_layout(&league_labels);
    let all: Vec<i64> = base
        .leagues
        .iter()
        .map(|(_, c)| i64::from(c.clients))
        .collect();
    let all_bars = leagues_chart.bars(&all, 0);
    // Key clients are drawn on the same scale as all clients, so the two bars compare.
    let max = all.iter().copied().max().unwrap_or(0);
    let key_bars = leagues_chart.bars(
        &base
            .leagues
            .iter()
            .map(|(_, c)| i64::from(c.key_clients))
            .collect::<Vec<_>>(),
        max,
    );
    let leagues = base
        .leagues
        .iter()
        .zip(all_bars.into_iter().zip(key_bars))
        .zip(leagues_chart.rows.iter().cloned())
        .map(|(((league, count), (all, key)), row)| LeagueLine {
            league: *league,
            count: *count,
            all,
            key,
            row,
        })
        .collect();
    let load = db::teams::workload(pool).await?;
    let load_chart = charts::bar_layout(&load.iter().map(|l| l.name.clone()).collect::<Vec<_>>());
    let values: Vec<i64> = load.iter().map(|l| i64::from(l.key_accounts)).collect();
    let load_bars = load_chart.bars(&values, GUIDANCE.1 + 2);
    let load = load
        .into_iter()
        .zip(load_bars)
        .zip(load_chart.rows.iter().cloned())
        .map(|((l, b), r)| (l, b, r))
        .collect();
    let today = chrono::Utc::now().date_naive();
    let key_gaps = db::contacts::gap_counts(pool, me.scope(), true, today).await?;
    let all_gaps = db::contacts::gap_counts(pool, me.scope(), false, today).await?;
    let key: Vec<i64> = Gap::ALL.iter().map(|g| key_gaps.count(*g)).collect();
    let gaps_chart = charts::bar_layout(
        &Gap::ALL
            .iter()
            .map(|g| {
                ctx.t(&format!(
                    "dashboard-gap-short-{}",
                    g.as_str().replace('_', "-")
                ))
            })
            .collect::<Vec<_>>(),
    );
    let gaps = Gap::ALL
        .into_iter()
        .zip(gaps_chart.bars(&key, i64::from(summary.key_count)))
        .zip(gaps_chart.rows.iter().cloned())
        .map(|((g, b), r)| (g, b, r))
        .collect();
    let planning = PlanningFigures::load(pool, &me, today).await?;
    Ok(DashboardPage {
        planning,
        gaps,
        gaps_key: key_gaps,
        gaps_all: all_gaps,
        overdue: db::follow_ups::overdue_count(pool, me.scope(), today).await?,
        ctx,
        summary,
        pareto,
        band: key_sales_pct.map(Band::of),
        key_sales_pct,
        leagues,
        leagues_chart,
        load,
        load_chart,
        gaps_chart,
        base,
    })
}

// ------------------------------------------------------------------ account planning

/// The cockpit's account-planning block (issue 12): key clients without a plan this year or
/// with overdue plan actions (`db::plans::key_plan_rollup`), and the key clients' KAM budgets
/// per KAM and for the company (`db::budgets::per_kam`). Both are one aggregate over the key
/// clients (bounded by the cap), not over the whole base; each figure links to the key list
/// filtered to the accounts behind it (`/key-clients?plan=...`).
pub struct PlanningFigures {
    /// The year.
    pub year: i32,
    /// Plans missing or overdue.
    pub rollup: db::plans::PlanRollup,
    /// Budgets per KAM, largest cost first.
    pub budgets: Vec<db::budgets::KamBudget>,
    /// The company: their sum.
    pub total: db::budgets::KamBudget,
}

impl PlanningFigures {
    async fn load(pool: &sqlx::PgPool, me: &Me, today: chrono::NaiveDate) -> AppResult<Self> {
        let year = chrono::Datelike::year(&today);
        let rollup = db::plans::key_plan_rollup(pool, me.scope(), year, today).await?;
        let budgets = db::budgets::per_kam(pool, me.scope(), year).await?;
        let total = db::budgets::KamBudget {
            kam_id: None,
            kam_name: None,
            clients: budgets.iter().map(|b| b.clients).sum(),
            cost: budgets.iter().map(|b| b.cost).sum(),
            planned_margin: budgets.iter().map(|b| b.planned_margin).sum(),
            actual_margin: budgets.iter().map(|b| b.actual_margin).sum(),
        };
        Ok(PlanningFigures {
            year,
            rollup,
            budgets,
            total,
        })
    }

    /// The key list of the clients behind a KAM's budget line (None: the unowned ones).
    pub fn budget_href(b: &db::budgets::KamBudget) -> String {
        match b.kam_id {
            Some(id) => format!("/key-clients?plan=budget&owner={id}"),
            None => "/key-clients?plan=budget&unowned=1".into(),
        }
    }
}
