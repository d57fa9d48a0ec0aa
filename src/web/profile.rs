//! `/profile`: the user's own language and password; `/language`: the language switch in the
//! header (works signed out too).

use super::AppState;
use super::client_addr::ClientAddr;
use super::ctx::{Me, PageCtx, flash, language_cookie};
use super::extract::Form;
use super::form::{FieldErrors, local_path};
use super::routes::{Gate, Route};
use crate::auth::{self, AuthSession, Throttle};
use crate::db;
use crate::domain::user::{Language, NewPassword};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The profile routes.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/profile", Gate::SignedIn, show),
        Route::post("/profile/password", Gate::SignedIn, change_password),
        Route::post("/language", Gate::Public, switch_language),
    ]
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

/// Stores the choice for a signed-in user; a signed-out visitor gets a cookie (no session).
async fn switch_language(
    State(state): State<AppState>,
    auth: AuthSession,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let lang: Language = form
        .lang
        .parse()
        .map_err(|_| AppError::BadRequest("unknown language".into()))?;
    let back = Redirect::to(&local_path(form.back.as_deref()));
    Ok(match &auth.user {
        Some(u) => {
            db::users::set_language(&state.pool, u.id, lang).await?;
            back.into_response()
        }
        None => {
            let cookie = language_cookie(lang, state.config.cookies_secure());
            ([(header::SET_COOKIE, cookie)], back).into_response()
        }
    })
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
    client: ClientAddr,
    mut auth_session: AuthSession,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    // Throttled like sign-in (same buckets), with one message for wrong and over the limit.
    let fits = form.current.chars().count() <= NewPassword::MAX_LEN;
    let throttle = Throttle::from_config(&state.config);
    let current = if fits { form.current.as_str() } else { "" };
    if !auth::check_current_password(&state.pool, &me.0, current, client.as_str(), throttle).await?
    {
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
