//! Sign-in: password hashing (argon2id, off the async runtime), credential checks with
//! database-backed throttling, and the axum-login backend that loads the signed-in user on
//! every request.

use crate::db;
use crate::domain::ids::UserId;
use crate::domain::user::{Language, Role};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use axum_login::{AuthUser, AuthnBackend};
use sqlx::PgPool;
use std::sync::LazyLock;
use std::time::Duration;

/// Hashes a password with argon2id and a fresh salt, on a blocking thread (a hash takes tens of
/// milliseconds of CPU, which would stall the async runtime).
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_password_blocking(&password)).await?
}

/// The same, for command-line use where blocking is fine.
pub fn hash_password_blocking(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks a password against a stored hash on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, verified against when the e-mail is unknown so that a wrong
/// e-mail takes as long as a wrong password (no account enumeration by timing).
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password_blocking("no-such-user-dummy-password").unwrap_or_default());

/// The signed-in user, as the session layer loads it on every request.
#[derive(Clone)]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// E-mail.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Interface language.
    pub language: Language,
    password_hash: String,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish()
    }
}

impl From<db::users::UserRow> for User {
    fn from(r: db::users::UserRow) -> Self {
        User {
            id: r.id,
            role: r.role(),
            language: r.language(),
            email: r.email,
            name: r.name,
            password_hash: r.password_hash,
        }
    }
}

impl AuthUser for User {
    type Id = UserId;
    fn id(&self) -> UserId {
        self.id
    }
    /// Sessions are bound to the password hash: changing the password ends every other session.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

/// What a sign-in attempt came to.
#[derive(Debug)]
pub enum SignIn {
    /// E-mail and password match an active user.
    Ok(User),
    /// Wrong e-mail, wrong password or deactivated user: one generic message for all three.
    Invalid,
    /// Too many failures: refused until the lock expires, whatever the password.
    Locked,
}

/// Limits on failed sign-ins.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures in a row before a lock.
    pub max_failures: i32,
    /// Length of the lock.
    pub lock: Duration,
}

/// Checks credentials and keeps the throttling counters (in the database, so that they hold
/// across server instances).
pub async fn sign_in(
    pool: &PgPool,
    email: &str,
    password: &str,
    throttle: Throttle,
) -> anyhow::Result<SignIn> {
    let Some(row) = db::users::find_by_email(pool, email).await? else {
        verify_password(password.to_string(), DUMMY_HASH.clone()).await;
        return Ok(SignIn::Invalid);
    };
    if row.locked_until.is_some_and(|t| t > chrono::Utc::now()) {
        return Ok(SignIn::Locked);
    }
    let ok = verify_password(password.to_string(), row.password_hash.clone()).await;
    if !ok {
        db::users::record_failed_sign_in(pool, row.id, throttle.max_failures, throttle.lock)
            .await?;
        return Ok(SignIn::Invalid);
    }
    if !row.active {
        return Ok(SignIn::Invalid);
    }
    db::users::record_sign_in(pool, row.id).await?;
    Ok(SignIn::Ok(row.into()))
}

/// The axum-login backend: loads the session's user from the database on every request, so a
/// deactivated user is signed out at once.
#[derive(Clone)]
pub struct Backend {
    pool: PgPool,
}

impl Backend {
    /// A backend over the pool.
    pub fn new(pool: PgPool) -> Self {
        Backend { pool }
    }
}

/// Credentials are checked by [`sign_in`] (which needs throttling and outcomes axum-login's
/// `authenticate` cannot express); this type exists only to satisfy the trait.
#[derive(Debug, Clone)]
pub struct NoCredentials;

impl AuthnBackend for Backend {
    type User = User;
    type Credentials = NoCredentials;
    type Error = sqlx::Error;

    async fn authenticate(&self, _: NoCredentials) -> Result<Option<User>, sqlx::Error> {
        Ok(None)
    }

    async fn get_user(&self, id: &UserId) -> Result<Option<User>, sqlx::Error> {
        Ok(db::users::find(&self.pool, *id)
            .await?
            .filter(|u| u.active)
            .map(User::from))
    }
}

/// The session as handlers see it.
pub type AuthSession = axum_login::AuthSession<Backend>;
