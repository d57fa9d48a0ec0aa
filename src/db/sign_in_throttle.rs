//! Sign-in throttling buckets (table `sign_in_throttle`): attempts per account and per client
//! address within a window, and the lock once a limit is passed. See the migration for why the
//! account bucket is a hash of the e-mail, and docs/architecture.md for the behaviour.

use sqlx::PgExecutor;
use std::time::Duration;

/// What a bucket counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket<'a> {
    /// The account an e-mail names (whether or not it exists).
    Account(&'a str),
    /// A client address (already reduced to what is counted: an IPv4 address or an IPv6 /64).
    Address(&'a str),
}

impl Bucket<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Bucket::Account(_) => "account",
            Bucket::Address(_) => "address",
        }
    }

    fn key(&self) -> &str {
        match self {
            Bucket::Account(k) | Bucket::Address(k) => k,
        }
    }
}

/// The bucket's name from `$1` (kind) and `$2` (e-mail or address).
const BUCKET: &str =
    "(CASE WHEN $1 = 'account' THEN sign_in_account_bucket($2) ELSE 'address:' || $2 END)";

/// Counts one attempt in `bucket` and says whether it may go ahead: false while the bucket is
/// locked, and for the attempt that passes `max_attempts` within `window` (which locks the
/// bucket for `window`). One statement, so parallel attempts on any instance all count.
pub async fn take_attempt(
    db: impl PgExecutor<'_>,
    bucket: Bucket<'_>,
    max_attempts: i32,
    window: Duration,
) -> sqlx::Result<bool> {
    let sql = format!(
        "INSERT INTO sign_in_throttle AS t (bucket, attempts, window_started_at, locked_until)
         VALUES ({BUCKET}, 1, now(),
                 CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4) END)
         ON CONFLICT (bucket) DO UPDATE SET
            attempts = CASE
                WHEN t.locked_until > now() THEN t.attempts
                WHEN t.window_started_at <= now() - make_interval(secs => $4) THEN 1
                ELSE t.attempts + 1 END,
            window_started_at = CASE
                WHEN t.locked_until > now() THEN t.window_started_at
                WHEN t.window_started_at <= now() - make_interval(secs => $4) THEN now()
                ELSE t.window_started_at END,
            locked_until = CASE
                WHEN t.locked_until > now() THEN t.locked_until
                WHEN (CASE WHEN t.window_started_at <= now() - make_interval(secs => $4) THEN 1
                           ELSE t.attempts + 1 END) > $3
                    THEN now() + make_interval(secs => $4)
                ELSE NULL END
         RETURNING NOT coalesce(locked_until > now(), false)"
    );
    sqlx::query_scalar(&sql)
        .bind(bucket.kind())
        .bind(bucket.key())
        .bind(max_attempts)
        .bind(window.as_secs_f64())
        .fetch_one(db)
        .await
}

/// Takes back one counted attempt that turned out right (a correct password is not a failure):
/// for the address bucket, which other people's failures may still fill.
pub async fn give_back(db: impl PgExecutor<'_>, bucket: Bucket<'_>) -> sqlx::Result<()> {
    let sql = format!(
        "UPDATE sign_in_throttle SET attempts = greatest(attempts - 1, 0)
         WHERE bucket = {BUCKET} AND NOT coalesce(locked_until > now(), false)"
    );
    sqlx::query(&sql)
        .bind(bucket.kind())
        .bind(bucket.key())
        .execute(db)
        .await
        .map(|_| ())
}

/// Forgets a bucket: after a successful sign-in (the account's count starts again) or a
/// password reset by an administrator (which also lifts the account's lock).
pub async fn forget(db: impl PgExecutor<'_>, bucket: Bucket<'_>) -> sqlx::Result<()> {
    let sql = format!("DELETE FROM sign_in_throttle WHERE bucket = {BUCKET}");
    sqlx::query(&sql)
        .bind(bucket.kind())
        .bind(bucket.key())
        .execute(db)
        .await
        .map(|_| ())
}

/// Deletes buckets whose window and lock ended more than `window` ago; returns how many.
pub async fn delete_stale(db: impl PgExecutor<'_>, window: Duration) -> sqlx::Result<u64> {
    sqlx::query(
        "DELETE FROM sign_in_throttle
         WHERE window_started_at < now() - 2 * make_interval(secs => $1)
           AND coalesce(locked_until < now(), true)",
    )
    .bind(window.as_secs_f64())
    .execute(db)
    .await
    .map(|r| r.rows_affected())
}
