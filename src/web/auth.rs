//! Sign-in and sign-out: `/login`, `/logout`.

use super::AppState;
use super::client_addr::ClientAddr;
use super::ctx::{AnonToken, CSRF_KEY, PageCtx, SIGNED_IN_AT_KEY, new_token};
use super::extract::{Form, Query};
use super::form::{FieldErrors, local_path};
use super::routes::{Gate, Route};
use crate::auth::{self, AuthSession, SignIn, Throttle};
use crate::domain::text;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The sign-in routes.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/login", Gate::Public, show),
        Route::post("/login", Gate::Public, submit),
        Route::post("/logout", Gate::SignedIn, logout),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    next: String,
    /// The one answer to refused credentials (whatever the reason, see `auth::SignIn`).
    error: Option<&'static str>,
    /// A malformed e-mail field (a control character, over-long).
    errors: FieldErrors,
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
        errors: FieldErrors::new(),
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
    client: ClientAddr,
    Extension(anon): Extension<AnonToken>,
    mut auth_session: AuthSession,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = local_path(form.next.as_deref());
    let mut errors = FieldErrors::new();
    // Only the text rule, not the e-mail syntax: an unknown address of any shape must get the
    // same answer as a wrong password.
    let email = errors.text("email", text::EMAIL, &form.email);
    // A password is never stored or echoed; an absurd length is simply wrong (argon2 would
    // otherwise hash megabytes).
    let password_fits = form.password.chars().count() <= crate::domain::user::NewPassword::MAX_LEN;
    let outcome = match &email {
        Some(email) => {
            let throttle = Throttle::from_config(&state.config);
            let password = if password_fits {
                form.password.as_str()
            } else {
                ""
            };
            auth::sign_in(&state.pool, email, password, client.as_str(), throttle).await?
        }
        None => SignIn::Refused,
    };
    if let SignIn::Ok(user) = outcome {
        // A new session id at every sign-in (no session fixation): login() rotates it only
        // for a signed-out session, so it is rotated here too, for a sign-in over a signed-in
        // session that someone could have planted. The form token rotates with it: the
        // signed-out token is dropped and the session gets a new one.
        auth_session
            .login(&user)
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
        let session = &auth_session.session;
        let started = chrono::Utc::now().timestamp();
        session
            .cycle_id()
            .await
            .and(session.insert(SIGNED_IN_AT_KEY, started).await)
            .and(session.insert(CSRF_KEY, new_token()).await)
            .map_err(|e| AppError::Internal(e.into()))?;
        anon.expire();
        return Ok(Redirect::to(&next).into_response());
    }
    let (status, error) = if errors.is_empty() {
        (StatusCode::UNAUTHORIZED, Some("login-invalid"))
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, None)
    };
    let page = LoginPage {
        ctx,
        // Shown again only when it parsed: a refused value is not echoed.
        email: email.unwrap_or_default(),
        next,
        error,
        errors,
    };
    Ok((status, page).into_response())
}

async fn logout(
    Extension(anon): Extension<AnonToken>,
    mut auth_session: AuthSession,
) -> AppResult<Redirect> {
    // Deletes the session (and with it the form token); a stale signed-out token goes too.
    auth_session
        .logout()
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    anon.expire();
    Ok(Redirect::to("/login"))
}
