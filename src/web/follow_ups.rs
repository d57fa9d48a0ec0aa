//! `/follow-ups`: open next steps on the accounts the user can see (their own first is the
//! default view for KAMs and assistants: their teams' accounts).

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The follow-up routes.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/follow-ups", Gate::SignedIn, list)]
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_ups/list.html")]
struct FollowUpsPage {
    ctx: PageCtx,
    follow_ups: Vec<db::follow_ups::FollowUpRow>,
    today: chrono::NaiveDate,
}

async fn list(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<FollowUpsPage> {
    let follow_ups = db::follow_ups::open_visible(&state.pool, me.scope(), me.0.id, 200).await?;
    Ok(FollowUpsPage {
        ctx,
        follow_ups,
        today: chrono::Utc::now().date_naive(),
    })
}
