//! `/dashboard`: the sales director's cockpit. For now the key-list indicators; the charts
//! arrive with the teams and directors' views.

use super::AppState;
use super::ctx::PageCtx;
use super::routes::{Gate, Route};
use crate::db;
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
}

async fn show(State(state): State<AppState>, ctx: PageCtx) -> AppResult<DashboardPage> {
    let summary = db::scoring::summary(&state.pool).await?;
    Ok(DashboardPage { ctx, summary })
}
