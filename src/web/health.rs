//! Probes for load balancers and orchestrators: `/healthz` (the process answers) and `/readyz`
//! (the database answers too). Outside the session layer, so probes create no sessions.

use super::AppState;
use crate::db;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

/// The probe routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match db::ping(&state.pool).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
