//! HTTP: one module per area, each with `routes()` (its rows of the route registry, see
//! [`routes`]) and thin handlers; templates under `templates/<area>/` mirror them. Everything is
//! assembled in [`router`].

pub mod account;
pub mod account_import;
pub mod account_list;
pub mod accounts;
pub mod admin;
pub mod analysis;
pub mod auth;
pub mod brief;
pub mod budget;
pub mod charts;
pub mod client_addr;
pub mod competitive;
pub mod conflict;
pub mod contacts;
pub mod ctx;
pub mod dashboard;
pub mod deals;
pub mod dossier;
pub mod duplicates;
pub mod export;
pub mod extract;
pub mod follow_ups;
pub mod form;
pub mod health;
pub mod home;
pub mod hub;
pub mod import_job;
pub mod interactions;
pub mod keylist;
pub mod middleware;
pub mod offers;
pub mod order_import;
pub mod orders;
pub mod ownership;
pub mod paging;
pub mod pipeline;
pub mod plan;
pub mod profile;
pub mod reviews;
pub mod routes;
pub mod settings;
pub mod teams;
pub mod tenders;
pub mod timeline;

use crate::auth::Backend;
use crate::config::Config;
use crate::error::AppError;
use crate::scoring_worker::ScoringHandle;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::IntoResponse;
use axum_login::AuthManagerLayerBuilder;
use sqlx::PgPool;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: PgPool,
    /// Configuration.
    pub config: Arc<Config>,
    /// Asks for, and waits for, recomputation of the key list.
    pub scoring: ScoringHandle,
}

/// The session store: sessions live in PostgreSQL so that any server instance can serve any
/// request (see docs/architecture.md).
pub fn session_store(pool: &PgPool) -> PostgresStore {
    PostgresStore::new(pool.clone())
        .with_schema_name("public")
        .and_then(|s| s.with_table_name("sessions"))
        .expect("valid session table name")
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let config = state.config.clone();
    let sessions = SessionManagerLayer::new(session_store(&state.pool))
        .with_name("kamdesk_session")
        .with_secure(config.cookies_secure())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(
            time::Duration::try_from(config.session_idle).unwrap_or(time::Duration::hours(2)),
        ));
    let auth = AuthManagerLayerBuilder::new(Backend::new(state.pool.clone()), sessions).build();

    let pages = routes::router(&state)
        .fallback(|| async { AppError::NotFound })
        // Innermost first: panics become 500 responses, which (like every error) are then
        // rendered as a page in the layout.
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal(anyhow::anyhow!("handler panicked")).into_response()
        }))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::csrf_gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::absolute_session_lifetime,
        ))
        // Outside the CSRF gate, so that its refusals are rendered as pages too.
        .layer(axum::middleware::from_fn(middleware::render_error_pages))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::anonymous_token,
        ))
        // Pages and exports are personal (and carry form tokens): never kept by a browser's or
        // a proxy's cache.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(auth)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::render_bare_server_errors,
        ));

    let x_request_id = HeaderName::from_static("x-request-id");
    let state_for_limits = state.clone();
    Router::new()
        .merge(health::router())
        .nest_service("/static", ServeDir::new(static_dir()))
        // Browsers ask for it at the root whatever the page's <link rel=icon> says.
        .route_service(
            "/favicon.ico",
            ServeFile::new(static_dir().join("favicon.ico")),
        )
        .merge(pages)
        .with_state(state)
        .layer(
            // Outermost first. The security headers come first so that they are on every
            // answer, including the 408, 413 and 414 the layers inside them give.
            ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("same-origin"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
                ))
                .layer(SetRequestIdLayer::new(x_request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
                }))
                .layer(PropagateRequestIdLayer::new(x_request_id))
                .layer(axum::middleware::from_fn(middleware::refuse_long_uris))
                // The timeout (408) and body limit (413), longer and larger for an upload.
                .layer(axum::middleware::from_fn_with_state(state_for_limits, middleware::request_limits)),
        )
}

/// Where the stylesheet and scripts are: `static/` beside the binary's working directory, or
/// `KAMDESK_STATIC_DIR`.
pub(crate) fn static_dir() -> std::path::PathBuf {
    std::env::var_os("KAMDESK_STATIC_DIR")
        .map(Into::into)
        .unwrap_or_else(|| std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/static")))
}
