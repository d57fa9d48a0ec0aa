//! Users: sign-in look-ups, throttling counters, administration.

use crate::domain::ids::UserId;
use crate::domain::user::{Language, Role};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor};
use std::time::Duration;

/// A user as stored.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    /// Identifier.
    pub id: UserId,
    /// E-mail as entered.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role name (see `Role`).
    pub role: String,
    /// Interface language code.
    pub language: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Deactivated users cannot sign in and lose their sessions.
    pub active: bool,
    /// Failed sign-ins since the last success.
    pub failed_sign_ins: i32,
    /// Sign-in refused until then.
    pub locked_until: Option<DateTime<Utc>>,
    /// Last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// Optimistic-locking version.
    pub version: i32,
}

impl UserRow {
    /// The parsed role (the CHECK constraint guarantees one of the four).
    pub fn role(&self) -> Role {
        self.role.parse().unwrap_or(Role::Assistant)
    }
    /// The parsed language.
    pub fn language(&self) -> Language {
        self.language.parse().unwrap_or_default()
    }
}

const COLUMNS: &str = "id, email, name, role, language, password_hash, active, failed_sign_ins, \
                       locked_until, last_sign_in_at, version";

/// The user with this e-mail, compared case-insensitively.
pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE lower(email) = lower($1)"
    ))
    .bind(email.trim())
    .fetch_optional(db)
    .await
}

/// The user with this id.
pub async fn find(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every user, active first, then by name.
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users ORDER BY active DESC, lower(name)"
    ))
    .fetch_all(db)
    .await
}

/// Users with one of these roles who are active, by name (for assignee and owner pickers).
pub async fn list_active_with_roles(
    db: impl PgExecutor<'_>,
    roles: &[Role],
) -> sqlx::Result<Vec<UserRow>> {
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE active AND role = ANY($1) ORDER BY lower(name)"
    ))
    .bind(names)
    .fetch_all(db)
    .await
}

/// A new user to insert.
pub struct NewUser<'a> {
    /// E-mail.
    pub email: &'a str,
    /// Name.
    pub name: &'a str,
    /// Role.
    pub role: Role,
    /// Language.
    pub language: Language,
    /// argon2id hash.
    pub password_hash: &'a str,
}

/// Inserts a user; a duplicate e-mail fails with a unique violation of `users_email_lower_key`.
pub async fn insert(db: impl PgExecutor<'_>, u: &NewUser<'_>) -> sqlx::Result<UserId> {
    let id = UserId::new();
    sqlx::query("INSERT INTO users (id, email, name, role, language, password_hash) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(u.email)
        .bind(u.name)
        .bind(u.role.as_str())
        .bind(u.language.code())
        .bind(u.password_hash)
        .execute(db)
        .await?;
    Ok(id)
}

/// Inserts a user, or gives `None` when the e-mail is taken (compared case-insensitively).
pub async fn insert_unless_taken(
    db: impl PgExecutor<'_>,
    u: &NewUser<'_>,
) -> sqlx::Result<Option<UserId>> {
    match insert(db, u).await {
        Ok(id) => Ok(Some(id)),
        Err(e) if super::is_unique_violation(&e, "users_email_lower_key") => Ok(None),
        Err(e) => Err(e),
    }
}

/// Records a failed sign-in atomically (so that parallel attempts on several server instances
/// all count) and locks the user once `max_failures` is reached. A failure after an expired
/// lock starts counting again from one.
pub async fn record_failed_sign_in(
    db: impl PgExecutor<'_>,
    id: UserId,
    max_failures: i32,
    lock: Duration,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET
            failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                                   ELSE failed_sign_ins + 1 END,
            last_failed_sign_in_at = now(),
            locked_until = CASE
                WHEN locked_until IS NOT NULL AND locked_until > now() THEN locked_until
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                           ELSE failed_sign_ins + 1 END) >= $2
                    THEN now() + make_interval(secs => $3)
                ELSE NULL END
         WHERE id = $1",
    )
    .bind(id)
    .bind(max_failures)
    .bind(lock.as_secs_f64())
    .execute(db)
    .await
    .map(|_| ())
}

/// Clears the failure counters after a successful sign-in.
pub async fn record_sign_in(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Changes the interface language.
pub async fn set_language(db: impl PgExecutor<'_>, id: UserId, lang: Language) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
        .bind(id)
        .bind(lang.code())
        .execute(db)
        .await
        .map(|_| ())
}

/// Replaces the password hash (which also ends the user's other sessions: the session's auth
/// hash is derived from it) and lifts any lock.
pub async fn set_password_hash(
    db: impl PgExecutor<'_>,
    id: UserId,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL, version = version + 1 WHERE id = $1",
    )
    .bind(id)
    .bind(hash)
    .execute(db)
    .await
    .map(|_| ())
}

/// Changes role and name, if nobody changed the user since `version` was read. Returns false on
/// a version conflict.
pub async fn update_profile(
    db: impl PgExecutor<'_>,
    id: UserId,
    version: i32,
    name: &str,
    role: Role,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE users SET name = $3, role = $4, version = version + 1 WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(version)
        .bind(name)
        .bind(role.as_str())
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Activates or deactivates a user. A deactivated user's sessions stop working at their next
/// request: the session layer loads only active users.
pub async fn set_active(db: impl PgExecutor<'_>, id: UserId, active: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET active = $2, version = version + 1 WHERE id = $1")
        .bind(id)
        .bind(active)
        .execute(db)
        .await
        .map(|_| ())
}

/// How many active admins there are (the last one may not be deactivated or demoted).
pub async fn count_active_admins(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM users WHERE active AND role = 'admin'")
        .fetch_one(db)
        .await
}
