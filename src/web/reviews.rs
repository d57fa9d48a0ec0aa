//! `/reviews`: key-list review meetings (directors and admins).

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

/// The review routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/reviews", get(list))
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews/list.html")]
struct ReviewsPage {
    ctx: PageCtx,
    reviews: Vec<db::reviews::ReviewRow>,
}

async fn list(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<ReviewsPage> {
    me.require(Action::ManageKeyList)?;
    let reviews = db::reviews::list(&state.pool).await?;
    Ok(ReviewsPage { ctx, reviews })
}
