//! `/orders`: the latest orders on the accounts the user can see.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The order routes.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/orders", Gate::SignedIn, list)]
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/list.html")]
struct OrdersPage {
    ctx: PageCtx,
    orders: Vec<db::orders::OrderRow>,
}

async fn list(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<OrdersPage> {
    let orders = db::orders::recent_visible(&state.pool, me.scope(), 200).await?;
    Ok(OrdersPage { ctx, orders })
}
