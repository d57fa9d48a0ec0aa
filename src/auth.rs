//! Sign-in: password hashing (argon2id, off the async runtime), credential checks under
//! database-backed throttling per account and per client address, and the axum-login backend
//! that loads the signed-in user on every request.

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

/// Computes the dummy hash now (on a blocking thread), so that the first unknown e-mail does
/// not take longer than the others.
pub fn prepare() {
    tokio::task::spawn_blocking(|| LazyLock::force(&DUMMY_HASH));
}

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
            role: r.role,
            language: r.language,
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
    /// Anything else: an unknown e-mail, a wrong password, a deactivated user, or an account or
    /// client address over its limit. One outcome, one message, and (because a password hash is
    /// verified in every case) the same time: nothing tells which it was.
    Refused,
}

/// Limits on failed password checks (see docs/architecture.md, "Sign-in throttling").
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Attempts per account within `window` before its sign-in is refused.
    pub max_per_account: i32,
    /// Attempts per client address within `window` (a password spray from one address).
    pub max_per_address: i32,
    /// The counting window, also how long a refusal lasts.
    pub window: Duration,
}

impl Throttle {
    /// The limits configured for this server.
    pub fn from_config(config: &crate::config::Config) -> Throttle {
        Throttle {
            max_per_account: config.sign_in_max_failures,
            max_per_address: config.sign_in_max_failures_per_address,
            window: config.sign_in_lock,
        }
    }
}

/// Counts a password check against the account (named by e-mail) and the client address, and
/// verifies `password` against `hash` (or against a dummy hash when `hash` is None or a limit
/// is passed, so that every path costs one argon2 verification). True only when allowed and
/// right; a right answer is then not counted as a failure.
async fn throttled_check(
    pool: &PgPool,
    email: &str,
    client: &str,
    password: &str,
    hash: Option<String>,
    throttle: Throttle,
) -> sqlx::Result<bool> {
    use db::sign_in_throttle::{self as t, Bucket};
    let account = Bucket::Account(email);
    let address = Bucket::Address(client);
    // Both counted, whatever the other says.
    let account_ok =
        t::take_attempt(pool, account, throttle.max_per_account, throttle.window).await?;
    let address_ok =
        t::take_attempt(pool, address, throttle.max_per_address, throttle.window).await?;
    let allowed = account_ok && address_ok;
    let hash = hash
        .filter(|_| allowed)
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let right = verify_password(password.to_string(), hash).await && allowed;
    if right {
        t::forget(pool, account).await?;
        t::give_back(pool, address).await?;
    }
    Ok(right)
}

/// Checks credentials under the throttle: per account (even an unknown one) and per client
/// address, both counted in the database so that they hold across server instances.
pub async fn sign_in(
    pool: &PgPool,
    email: &str,
    password: &str,
    client: &str,
    throttle: Throttle,
) -> sqlx::Result<SignIn> {
    let row = db::users::find_by_email(pool, email).await?;
    let hash = row.as_ref().map(|r| r.password_hash.clone());
    let right = throttled_check(pool, email, client, password, hash, throttle).await?;
    match row {
        Some(row) if right && row.active => {
            db::users::record_sign_in(pool, row.id).await?;
            Ok(SignIn::Ok(row.into()))
        }
        _ => Ok(SignIn::Refused),
    }
}

/// Checks a signed-in user's current password (before a password change) under the same
/// throttle as sign-in: a stolen session cannot be used to guess the password.
pub async fn check_current_password(
    pool: &PgPool,
    user: &User,
    password: &str,
    client: &str,
    throttle: Throttle,
) -> sqlx::Result<bool> {
    let Some(row) = db::users::find(pool, user.id).await? else {
        return Ok(false);
    };
    throttled_check(
        pool,
        &row.email,
        client,
        password,
        Some(row.password_hash),
        throttle,
    )
    .await
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
