//! `/admin/users`: the administrator's user management: list, add, change name and role,
//! deactivate (ending the user's sessions at once) and reactivate, reset a password.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Path};
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::auth;
use crate::db;
use crate::domain::ids::UserId;
use crate::domain::permissions::Action;
use crate::domain::user::{
    Access, AccessRefusal, Email, Language, NewPassword, PersonName, Role, access_change_refusal,
};
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// The user-management routes: administrators only, refused before any form is read.
pub fn routes() -> Vec<Route> {
    let admin = Gate::Role(Action::ManageUsers);
    vec![
        Route::get("/admin/users", admin, list),
        Route::post("/admin/users", admin, create),
        Route::get("/admin/users/{id}", admin, edit),
        Route::post("/admin/users/{id}", admin, update),
        Route::post("/admin/users/{id}/active", admin, set_active),
        Route::post("/admin/users/{id}/password", admin, reset_password),
    ]
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

async fn list(State(state): State<AppState>, ctx: PageCtx) -> AppResult<UsersPage> {
    let users = db::users::list(&state.pool).await?;
    let form = NewUserForm {
        role: Role::Kam.to_string(),
        language: Language::En.code().into(),
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
    session: Session,
    Form(form): Form<NewUserForm>,
) -> AppResult<Response> {
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
    /// The user as stored now.
    user: db::users::UserRow,
    /// The name in the form (as typed, when shown again).
    name: String,
    /// The role in the form (as typed, when shown again).
    role: String,
    errors: FieldErrors,
    roles: [Role; 4],
    is_self: bool,
}

/// The user named in the path (404 for a malformed or unknown id).
async fn target_user(state: &AppState, id: UserId) -> AppResult<db::users::UserRow> {
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
            role: user.role.to_string(),
            is_self: user.id == me.0.id,
            user,
            errors,
            roles: Role::ALL,
        }
    }

    /// The page after a stale save: the user as stored now, the form holding what was typed.
    async fn stale(
        state: &AppState,
        ctx: PageCtx,
        me: &Me,
        id: UserId,
        name: String,
        role: String,
    ) -> AppResult<AppError> {
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let current = target_user(state, id).await?;
        Ok(AppError::conflict(EditPage {
            name,
            role,
            ..EditPage::new(ctx, me, current, errors)
        }))
    }
}

async fn edit(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Path(id): Path<UserId>,
) -> AppResult<EditPage> {
    let user = target_user(&state, id).await?;
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

/// Locks the administrators and the user for a change of access (see
/// `db::users::lock_for_access_change`); None when the user is no longer at `version`.
async fn lock_at_version(
    tx: &mut sqlx::PgConnection,
    id: UserId,
    version: i32,
) -> AppResult<Option<(db::users::UserRow, i64)>> {
    let (user, admins) = db::users::lock_for_access_change(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((user.version == version).then_some((user, admins)))
}

/// The message for a refused change of access.
fn refusal_key(r: AccessRefusal) -> &'static str {
    match r {
        AccessRefusal::LastAdmin => "error-last-admin",
        AccessRefusal::OwnAccount => "error-cannot-deactivate",
    }
}

/// Records a changed field of a user in the audit log.
async fn audit_user(
    conn: &mut sqlx::PgConnection,
    by: &Me,
    user: UserId,
    field: &str,
    old: String,
    new: String,
) -> AppResult<()> {
    if old != new {
        db::audit::record(
            &mut *conn,
            &db::audit::Change {
                user: Some(by.0.id),
                account: None,
                entity: "user",
                entity_id: Some(user.0),
                field,
                old: Some(old),
                new: Some(new),
            },
        )
        .await?;
    }
    Ok(())
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<UserId>,
    Form(form): Form<UpdateForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", PersonName::parse(&form.name));
    let role = errors.check(
        "role",
        form.role.parse::<Role>().map_err(|_| "invalid_choice"),
    );
    if let (Some(name), Some(role), true) = (&name, role, errors.is_empty()) {
        // One transaction: the administrators are counted under lock, then the change is made.
        let mut tx = state.pool.begin().await?;
        let Some((user, admins)) = lock_at_version(&mut tx, id, form.version).await? else {
            drop(tx);
            return Err(EditPage::stale(&state, ctx, &me, id, form.name, form.role).await?);
        };
        let now = user.access();
        let next = Access { role, ..now };
        match access_change_refusal(now, next, user.id == me.0.id, admins) {
            Some(refusal) => errors.add("role", refusal_key(refusal)),
            None => {
                db::users::update_profile(&mut *tx, id, form.version, name.as_str(), role).await?;
                audit_user(&mut tx, &me, id, "name", user.name, name.as_str().into()).await?;
                audit_user(
                    &mut tx,
                    &me,
                    id,
                    "role",
                    user.role.to_string(),
                    role.to_string(),
                )
                .await?;
                tx.commit().await?;
                flash(&session, "admin-user-saved").await;
                return Ok(Redirect::to("/admin/users").into_response());
            }
        }
    }
    // Shown again with what was typed, against the stored version.
    let current = target_user(&state, id).await?;
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
    version: i32,
}

async fn set_active(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<UserId>,
    Form(form): Form<ActiveForm>,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    let Some((user, admins)) = lock_at_version(&mut tx, id, form.version).await? else {
        drop(tx);
        let stored = target_user(&state, id).await?;
        let (name, role) = (stored.name, stored.role.to_string());
        return Err(EditPage::stale(&state, ctx, &me, id, name, role).await?);
    };
    let now = user.access();
    let next = Access {
        active: form.active,
        ..now
    };
    if access_change_refusal(now, next, user.id == me.0.id, admins).is_some() {
        drop(tx);
        flash(&session, "error-cannot-deactivate").await;
        return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
    }
    db::users::set_active(&mut *tx, id, form.version, form.active).await?;
    audit_user(
        &mut tx,
        &me,
        id,
        "active",
        user.active.to_string(),
        form.active.to_string(),
    )
    .await?;
    tx.commit().await?;
    flash(
        &session,
        if form.active {
            "admin-user-activated"
        } else {
            "admin-user-deactivated"
        },
    )
    .await;
    Ok(Redirect::to("/admin/users").into_response())
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
    Path(id): Path<UserId>,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let user = target_user(&state, id).await?;
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
