//! `/`: a role-appropriate start page: the user's accounts and open follow-ups, and for those
//! who manage the key list, the alarms that need them.

use super::AppState;
use super::ctx::{Me, PageCtx};
use crate::db;
use crate::domain::permissions::{self, Action, Relation};
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

/// The home route.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    accounts: Vec<db::accounts::AccountListRow>,
    follow_ups: Vec<db::follow_ups::FollowUpRow>,
    summary: Option<db::scoring::KeyListSummary>,
    today: chrono::NaiveDate,
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<HomePage> {
    let filter = db::accounts::ListFilter {
        team_member: Some(me.0.id),
        limit: 50,
        ..Default::default()
    };
    let accounts = db::accounts::list(&state.pool, &filter).await?;
    let follow_ups = db::follow_ups::open_for_assignee(&state.pool, me.0.id, 20).await?;
    let summary = if permissions::allows(me.0.role, Action::ManageKeyList, Relation::NoAccount) {
        Some(db::scoring::summary(&state.pool).await?)
    } else {
        None
    };
    Ok(HomePage {
        ctx,
        accounts,
        follow_ups,
        summary,
        today: chrono::Utc::now().date_naive(),
    })
}
