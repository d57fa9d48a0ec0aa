//! `/dashboard`: the sales director's cockpit. For now the key-list indicators and the contact
//! map's coverage gaps (counted from stored figures, `db::contacts::gap_counts`); the charts
//! arrive with the teams and directors' views.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::domain::contact::Gap;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The dashboard route.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/dashboard",
        Gate::Role(Action::ManageKeyList),
        show,
    )]
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard/show.html")]
struct DashboardPage {
    ctx: PageCtx,
    summary: db::scoring::KeyListSummary,
    /// Coverage gaps of the key clients and of the whole base the reader sees.
    gaps_key: db::contacts::GapCounts,
    gaps_all: db::contacts::GapCounts,
}

impl DashboardPage {
    /// The rows of the gap table: the gap, key clients, whole base.
    fn gap_rows(&self) -> [(Gap, i64, i64); 5] {
        let (k, a) = (&self.gaps_key, &self.gaps_all);
        Gap::ALL.map(|g| (g, k.count(g), a.count(g)))
    }
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<DashboardPage> {
    let summary = db::scoring::summary(&state.pool).await?;
    let today = chrono::Utc::now().date_naive();
    let gaps_key = db::contacts::gap_counts(&state.pool, me.scope(), true, today).await?;
    let gaps_all = db::contacts::gap_counts(&state.pool, me.scope(), false, today).await?;
    Ok(DashboardPage {
        ctx,
        summary,
        gaps_key,
        gaps_all,
    })
}
