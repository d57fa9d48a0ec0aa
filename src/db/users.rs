//! Users: sign-in look-ups, administration. (Sign-in throttling is in `sign_in_throttle`.)

use crate::domain::ids::UserId;
use crate::domain::user::{Access, Language, Role};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

/// A user as stored.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    /// Identifier.
    pub id: UserId,
    /// E-mail as entered.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Interface language.
    pub language: Language,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Deactivated users cannot sign in and lose their sessions.
    pub active: bool,
    /// Sign-in refused until then (the account's throttling bucket is locked).
    pub locked_until: Option<DateTime<Utc>>,
    /// Last successful sign-in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// Optimistic-locking version.
    pub version: i32,
}

impl UserRow {
    /// The user's role and whether they may sign in.
    pub fn access(&self) -> Access {
        Access {
            role: self.role,
            active: self.active,
        }
    }
}

const COLUMNS: &str = "id, email, name, role, language, password_hash, active, \
    (SELECT t.locked_until FROM sign_in_throttle t \
      WHERE t.bucket = sign_in_account_bucket(users.email) AND t.locked_until > now()) AS locked_until, \
    last_sign_in_at, version";

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
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE active AND role = ANY($1) ORDER BY lower(name)"
    ))
    .bind(roles)
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
    insert_many(db, &[id], std::slice::from_ref(u), None).await?;
    Ok(id)
}

/// Inserts users with the given ids, all created at `created_at` (None: now): the same
/// statement as [`insert`], for the demo's fixed set of people.
pub async fn insert_many(
    db: impl PgExecutor<'_>,
    ids: &[UserId],
    users: &[NewUser<'_>],
    created_at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, name, role, language, password_hash, created_at, updated_at)
         SELECT u.id, u.email, u.name, u.role, u.language, u.password_hash,
                coalesce($7, now()), coalesce($7, now())
           FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             AS u(id, email, name, role, language, password_hash)",
    )
    .bind(ids)
    .bind(users.iter().map(|u| u.email).collect::<Vec<_>>())
    .bind(users.iter().map(|u| u.name).collect::<Vec<_>>())
    .bind(users.iter().map(|u| u.role.as_str()).collect::<Vec<_>>())
    .bind(users.iter().map(|u| u.language.code()).collect::<Vec<_>>())
    .bind(users.iter().map(|u| u.password_hash).collect::<Vec<_>>())
    .bind(created_at)
    .execute(db)
    .await
    .map(|_| ())
}

/// Whether there are no users at all: the only state in which demo data may be loaded.
pub async fn none_exist(db: impl PgExecutor<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT NOT EXISTS (SELECT 1 FROM users)")
        .fetch_one(db)
        .await
}

/// Locks the users table against inserts until the transaction ends (so that two demo loads
/// started at once cannot both find it empty).
pub async fn lock_against_inserts(conn: &mut sqlx::PgConnection) -> sqlx::Result<()> {
    sqlx::query("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")
        .execute(conn)
        .await
        .map(|_| ())
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

/// Notes a successful sign-in.
pub async fn record_sign_in(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET last_sign_in_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Changes the interface language.
pub async fn set_language(db: impl PgExecutor<'_>, id: UserId, lang: Language) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
        .bind(id)
        .bind(lang)
        .execute(db)
        .await
        .map(|_| ())
}

/// Replaces the password hash (which also ends the user's other sessions: the session's auth
/// hash is derived from it) and lifts the account's sign-in lock, in one statement.
pub async fn set_password_hash(
    db: impl PgExecutor<'_>,
    id: UserId,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "WITH changed AS (
            UPDATE users SET password_hash = $2, version = version + 1 WHERE id = $1 RETURNING email
         )
         DELETE FROM sign_in_throttle
         WHERE bucket IN (SELECT sign_in_account_bucket(email) FROM changed)",
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
        .bind(role)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Activates or deactivates a user, if nobody changed the user since `version` was read.
/// Returns false on a version conflict. A deactivated user's sessions stop working at their
/// next request: the session layer loads only active users.
pub async fn set_active(
    db: impl PgExecutor<'_>,
    id: UserId,
    version: i32,
    active: bool,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE users SET active = $3, version = version + 1 WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(active)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Locks, for the rest of the transaction, every active administrator and then `id`, and gives
/// the number of active administrators with the user as stored. Every change of a role or of
/// access takes these locks first and in this order (administrators by id, then the user), so
/// two concurrent changes serialise instead of both counting the same administrators, and
/// cannot deadlock. The count is taken after the wait: it sees what the other committed.
pub async fn lock_for_access_change(
    conn: &mut PgConnection,
    id: UserId,
) -> sqlx::Result<Option<(UserRow, i64)>> {
    let admins: Vec<UserId> = sqlx::query_scalar(
        "SELECT id FROM users WHERE active AND role = $1 ORDER BY id FOR UPDATE",
    )
    .bind(Role::Admin)
    .fetch_all(&mut *conn)
    .await?;
    let user = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(user.map(|u| (u, admins.len() as i64)))
}
