//! Sign-in and sign-out: `/login`, `/logout`.

use super::AppState;
use super::ctx::{Me, PageCtx, SIGNED_IN_AT_KEY};
use super::form::local_path;
use crate::auth::{self, AuthSession, SignIn, Throttle};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

/// The sign-in routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show).post(submit))
        .route("/logout", post(logout))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    next: String,
    error: Option<&'static str>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn show(ctx: PageCtx, auth: AuthSession, Query(q): Query<NextQuery>) -> Response {
    if auth.user.is_some() {
        return Redirect::to(&local_path(q.next.as_deref())).into_response();
    }
    LoginPage {
        ctx,
        email: String::new(),
        next: local_path(q.next.as_deref()),
        error: None,
    }
    .into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    mut auth_session: AuthSession,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let throttle = Throttle {
        max_failures: state.config.sign_in_max_failures,
        lock: state.config.sign_in_lock,
    };
    let outcome = auth::sign_in(&state.pool, &form.email, &form.password, throttle).await?;
    let next = local_path(form.next.as_deref());
    let error = match outcome {
        SignIn::Ok(user) => {
            // login() rotates the session id (no session fixation).
            auth_session
                .login(&user)
                .await
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
            auth_session
                .session
                .insert(SIGNED_IN_AT_KEY, chrono::Utc::now().timestamp())
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            return Ok(Redirect::to(&next).into_response());
        }
        SignIn::Invalid => "login-invalid",
        SignIn::Locked => "login-locked",
    };
    let page = LoginPage {
        ctx,
        email: form.email.trim().to_string(),
        next,
        error: Some(error),
    };
    Ok((StatusCode::UNAUTHORIZED, page).into_response())
}

async fn logout(_me: Me, mut auth_session: AuthSession) -> AppResult<Redirect> {
    auth_session
        .logout()
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(Redirect::to("/login"))
}
