//! `/reviews`: key-list review meetings (directors and admins).

use super::AppState;
use super::ctx::PageCtx;
use super::routes::{Gate, Route};
use crate::db;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The review routes.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/reviews",
        Gate::Role(Action::ManageKeyList),
        list,
    )]
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews/list.html")]
struct ReviewsPage {
    ctx: PageCtx,
    reviews: Vec<db::reviews::ReviewRow>,
}

async fn list(State(state): State<AppState>, ctx: PageCtx) -> AppResult<ReviewsPage> {
    let reviews = db::reviews::list(&state.pool).await?;
    Ok(ReviewsPage { ctx, reviews })
}
