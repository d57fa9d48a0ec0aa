//! KAM Desk: a multi-user web CRM for key account management.
//!
//! Layers (see docs/architecture.md): `domain` holds the pure rules, `db` every SQL query, `web`
//! the HTTP handlers and templates; `auth`, `i18n` and `scoring_worker` are the glue they share;
//! `demo` generates the demo company through the `db` writers.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod import;
pub mod scoring_worker;
pub mod web;

use config::Config;
use sqlx::PgPool;
use std::sync::Arc;

/// Builds the application over a pool: starts this instance's scoring worker and the clean-up
/// of expired sessions and sign-in throttling buckets, and returns the router. Shared by `main`
/// and the tests, which serve it with [`into_service`].
pub fn build_app(pool: PgPool, config: Config) -> axum::Router {
    let scoring = scoring_worker::spawn(pool.clone());
    spawn_session_cleanup(pool.clone());
    spawn_throttle_cleanup(pool.clone(), config.sign_in_lock);
    auth::prepare();
    web::router(web::AppState {
        pool,
        config: Arc::new(config),
        scoring,
    })
}

fn spawn_session_cleanup(pool: PgPool) {
    use tower_sessions::ExpiredDeletion;
    let store = web::session_store(&pool);
    tokio::spawn(async move {
        if let Err(e) = store
            .continuously_delete_expired(std::time::Duration::from_secs(600))
            .await
        {
            tracing::warn!(error = %e, "expired-session clean-up stopped");
        }
    });
}

fn spawn_throttle_cleanup(pool: PgPool, window: std::time::Duration) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            if let Err(e) = db::sign_in_throttle::delete_stale(&pool, window).await {
                tracing::warn!(error = %e, "sign-in throttle clean-up failed");
            }
        }
    });
}

/// The router as a service that knows each connection's peer address (the client address
/// for sign-in throttling when no trusted proxy header is configured).
pub fn into_service(
    app: axum::Router,
) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, std::net::SocketAddr>
{
    app.into_make_service_with_connect_info::<std::net::SocketAddr>()
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM, letting requests in flight finish.
pub async fn serve(listener: tokio::net::TcpListener, app: axum::Router) -> std::io::Result<()> {
    axum::serve(listener, into_service(app))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}
