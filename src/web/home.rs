//! `/`: a role-appropriate start page: the user's accounts and open follow-ups, and for those
//! who manage the key list, the alarms that need them.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::db::visibility::AccountScope;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The home route.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/", Gate::SignedIn, show)]
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    accounts: db::account_list::Listing,
    follow_ups: Vec<db::follow_ups::FollowUpRow>,
    summary: Option<db::scoring::KeyListSummary>,
    today: chrono::NaiveDate,
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<HomePage> {
    // "My accounts" are the ones whose team I am on, whatever else my role may see.
    let mine = db::account_list::ListFilter::scoped(AccountScope::TeamOf(me.0.id));
    let accounts = db::account_list::page(
        &state.pool,
        &mine,
        db::account_list::Sort::default(),
        &db::account_list::Page::First,
    )
    .await?;
    let follow_ups =
        db::follow_ups::open_for_assignee(&state.pool, me.scope(), me.0.id, 20).await?;
    let summary = if me.may(Action::ManageKeyList) {
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
