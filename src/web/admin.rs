//! `/admin/users`: the administrator's user management: list, add, change name and role,
//! deactivate (ending the user's sessions at once) and reactivate, reset a password.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::form::FieldErrors;
use crate::auth;
use crate::db;
use crate::domain::ids::UserId;
use crate::domain::permissions::Action;
use crate::domain::user::{Email, Language, NewPassword, PersonName, Role};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

/// The user-management routes (admins only, checked in every handler through the gate).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(create))
        .route("/admin/users/{id}", get(edit).post(update))
        .route("/admin/users/{id}/active", post(set_active))
        .route("/admin/users/{id}/password", post(reset_password))
}

/// What the add-user form holds (kept when it is shown again with errors).
#[derive(Debug, Clone, Default, Deserialize)]
struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
struct UsersPage {
    ctx: PageCtx,
    users: Vec<db::users::UserRow>,
    form: NewUserForm,
    errors: FieldErrors,
    roles: [Role; 4],
}

async fn list(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<UsersPage> {
    me.require(Action::ManageUsers)?;
    let users = db::users::list(&state.pool).await?;
    let form = NewUserForm {
        role: "kam".into(),
        language: "en".into(),
        ..Default::default()
    };
    Ok(UsersPage {
        ctx,
        users,
        form,
        errors: FieldErrors::new(),
        roles: Role::ALL,
    })
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<NewUserForm>,
) -> AppResult<Response> {
    me.require(Action::ManageUsers)?;
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("name", PersonName::parse(&form.name));
    let role = errors.check(
        "role",
        form.role.parse::<Role>().map_err(|_| "invalid_choice"),
    );
    let language = errors.check(
        "language",
        form.language
            .parse::<Language>()
            .map_err(|_| "invalid_choice"),
    );
    let password = errors.check("password", NewPassword::parse(&form.password));
    if let (Some(email), Some(name), Some(role), Some(language), Some(password), true) =
        (email, name, role, language, password, errors.is_empty())
    {
        let hash = auth::hash_password(password.expose().to_string()).await?;
        let new = db::users::NewUser {
            email: email.as_str(),
            name: name.as_str(),
            role,
            language,
            password_hash: &hash,
        };
        if db::users::insert_unless_taken(&state.pool, &new)
            .await?
            .is_some()
        {
            flash(&session, "admin-user-added").await;
            return Ok(Redirect::to("/admin/users").into_response());
        }
        errors.add("email", "error-email-taken");
    }
    let users = db::users::list(&state.pool).await?;
    let form = NewUserForm {
        password: String::new(),
        ..form
    };
    let page = UsersPage {
        ctx,
        users,
        form,
        errors,
        roles: Role::ALL,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_edit.html")]
struct EditPage {
    ctx: PageCtx,
    user: db::users::UserRow,
    name: String,
    role: String,
    errors: FieldErrors,
    roles: [Role; 4],
    is_self: bool,
}

/// The gate, then the user named in the path (404 for a malformed or unknown id).
async fn target_user(state: &AppState, me: &Me, raw_id: &str) -> AppResult<db::users::UserRow> {
    me.require(Action::ManageUsers)?;
    let id: UserId = raw_id.parse().map_err(|_| AppError::NotFound)?;
    db::users::find(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

impl EditPage {
    /// The edit page for `user` as stored, with `errors` beside the fields.
    fn new(ctx: PageCtx, me: &Me, user: db::users::UserRow, errors: FieldErrors) -> EditPage {
        EditPage {
            ctx,
            name: user.name.clone(),
            role: user.role.clone(),
            is_self: user.id == me.0.id,
            user,
            errors,
            roles: Role::ALL,
        }
    }
}

async fn edit(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Path(id): Path<String>,
) -> AppResult<EditPage> {
    let user = target_user(&state, &me, &id).await?;
    Ok(EditPage::new(ctx, &me, user, FieldErrors::new()))
}

#[derive(Deserialize)]
struct UpdateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    version: i32,
}

/// Whether demoting or deactivating `target` would leave no active administrator.
async fn would_remove_last_admin(state: &AppState, target: &db::users::UserRow) -> AppResult<bool> {
    Ok(target.active
        && target.role() == Role::Admin
        && db::users::count_active_admins(&state.pool).await? <= 1)
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<UpdateForm>,
) -> AppResult<Response> {
    let user = target_user(&state, &me, &id).await?;
    let id = user.id;
    let mut errors = FieldErrors::new();
    let name = errors.check("name", PersonName::parse(&form.name));
    let role = errors.check(
        "role",
        form.role.parse::<Role>().map_err(|_| "invalid_choice"),
    );
    if role.is_some_and(|r| r != Role::Admin) && would_remove_last_admin(&state, &user).await? {
        errors.add("role", "error-last-admin");
    }
    if let (Some(name), Some(role), true) = (&name, role, errors.is_empty()) {
        if db::users::update_profile(&state.pool, id, form.version, name.as_str(), role).await? {
            flash(&session, "admin-user-saved").await;
            return Ok(Redirect::to("/admin/users").into_response());
        }
        errors.add("form", "error-edit-conflict");
    }
    // Show the form again with what was typed, against the current stored version.
    let current = db::users::find(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Shown again with what was typed, against the stored version.
    let page = EditPage {
        name: form.name,
        role: form.role,
        ..EditPage::new(ctx, &me, current, errors)
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize)]
struct ActiveForm {
    active: bool,
}

async fn set_active(
    State(state): State<AppState>,
    me: Me,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<ActiveForm>,
) -> AppResult<Redirect> {
    let user = target_user(&state, &me, &id).await?;
    let id = user.id;
    if !form.active && (user.id == me.0.id || would_remove_last_admin(&state, &user).await?) {
        flash(&session, "error-cannot-deactivate").await;
        return Ok(Redirect::to(&format!("/admin/users/{id}")));
    }
    db::users::set_active(&state.pool, id, form.active).await?;
    flash(
        &session,
        if form.active {
            "admin-user-activated"
        } else {
            "admin-user-deactivated"
        },
    )
    .await;
    Ok(Redirect::to("/admin/users"))
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    new_password: String,
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let user = target_user(&state, &me, &id).await?;
    let id = user.id;
    let mut errors = FieldErrors::new();
    let Some(password) = errors.check("new_password", NewPassword::parse(&form.new_password))
    else {
        let page = EditPage::new(ctx, &me, user, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = auth::hash_password(password.expose().to_string()).await?;
    // A new hash ends every session of that user (sessions are bound to the hash).
    db::users::set_password_hash(&state.pool, id, &hash).await?;
    flash(&session, "admin-password-reset").await;
    Ok(Redirect::to("/admin/users").into_response())
}
