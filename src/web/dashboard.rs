//! `/dashboard`: the sales director's cockpit. For now the key-list indicators; the charts
//! arrive with the teams and directors' views.

use super::AppState;
use super::ctx::{Me, PageCtx};
use crate::db;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

/// The dashboard route.
pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(show))
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard/show.html")]
struct DashboardPage {
    ctx: PageCtx,
    summary: db::scoring::KeyListSummary,
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<DashboardPage> {
    me.require(Action::ManageKeyList)?;
    let summary = db::scoring::summary(&state.pool).await?;
    Ok(DashboardPage { ctx, summary })
}
