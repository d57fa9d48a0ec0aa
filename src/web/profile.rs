//! `/profile`: the user's own language and password; `/language`: the language switch in the
//! header (works signed out too).

use super::AppState;
use super::ctx::{Me, PageCtx, flash, remember_language};
use super::form::{FieldErrors, local_path};
use crate::auth::{self, AuthSession};
use crate::db;
use crate::domain::user::{Language, NewPassword};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

/// The profile routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/profile", get(show))
        .route("/profile/password", post(change_password))
        .route("/language", post(switch_language))
}

#[derive(Template, WebTemplate)]
#[template(path = "profile/show.html")]
struct ProfilePage {
    ctx: PageCtx,
    email: String,
    errors: FieldErrors,
}

async fn show(ctx: PageCtx, me: Me) -> ProfilePage {
    ProfilePage {
        ctx,
        email: me.0.email,
        errors: FieldErrors::new(),
    }
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    back: Option<String>,
}

async fn switch_language(
    State(state): State<AppState>,
    auth: AuthSession,
    session: Session,
    Form(form): Form<LanguageForm>,
) -> AppResult<Redirect> {
    let lang: Language = form
        .lang
        .parse()
        .map_err(|_| AppError::BadRequest("unknown language".into()))?;
    match &auth.user {
        Some(u) => db::users::set_language(&state.pool, u.id, lang).await?,
        None => remember_language(&session, lang).await,
    }
    Ok(Redirect::to(&local_path(form.back.as_deref())))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    mut auth_session: AuthSession,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let row = db::users::find(&state.pool, me.0.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !auth::verify_password(form.current.clone(), row.password_hash.clone()).await {
        errors.add("current", "error-wrong-password");
    }
    let new = errors.check("new_password", NewPassword::parse(&form.new_password));
    if new.is_some() && form.new_password != form.confirm {
        errors.add("confirm", "error-password-mismatch");
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        let page = ProfilePage {
            ctx,
            email: me.0.email,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = auth::hash_password(new.expose().to_string()).await?;
    db::users::set_password_hash(&state.pool, me.0.id, &hash).await?;
    // The session is bound to the password hash: sign in again with the new one so this session
    // survives while every other session of the user ends.
    if let Some(user) = db::users::find(&state.pool, me.0.id).await? {
        auth_session
            .login(&user.into())
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    }
    flash(&auth_session.session, "profile-password-changed").await;
    Ok(Redirect::to("/profile").into_response())
}
