//! All SQL lives under this module, one file per aggregate, every query in a named function.
//! Functions take an executor (`&PgPool` or a transaction) and return `sqlx::Result`.

pub mod account_import;
pub mod account_list;
pub mod accounts;
pub mod analysis;
pub mod audit;
pub mod budgets;
pub mod cockpit;
pub mod codec;
pub mod competitive;
pub mod competitors;
pub mod contacts;
pub mod deals;
pub mod dossier;
pub mod duplicates;
pub mod follow_ups;
pub mod import_jobs;
pub mod interactions;
pub mod keylist;
pub mod locations;
pub mod offers;
pub mod order_import;
pub mod orders;
pub mod plans;
pub mod potentials;
pub mod presence;
pub mod reviews;
pub mod scoring;
pub mod sign_in_throttle;
pub mod teams;
pub mod timeline;
pub mod users;
pub mod visibility;

/// Rows per statement of a bulk insert: large enough that statement overhead vanishes, small
/// enough that one statement's arrays stay a few megabytes.
pub const BULK_ROWS: usize = 10_000;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens a pool. Connections are made lazily, so a server starts (and answers /healthz, with
/// /readyz failing) even while the database is still coming up.
pub fn pool(database_url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    let opts = PgConnectOptions::from_str(database_url)?.application_name("kamdesk");
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(opts))
}

/// Applies every pending migration, then derives what SQL cannot: the name keys of accounts
/// written before they existed ([`accounts::fill_name_keys`]), and the contact gap figures
/// under the rules of this build ([`contacts::ensure_gaps_current`]).
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await?;
    accounts::fill_name_keys(pool)
        .await
        .map_err(sqlx::migrate::MigrateError::Execute)?;
    contacts::ensure_gaps_current(pool).await?;
    Ok(())
}

/// `pool.begin()` that a dropped caller cannot cut short. sqlx 0.8 sends `BEGIN` and only
/// then counts the transaction: a `begin` future dropped in between (a client that stops
/// reading a streamed export drops the stream) returns the connection to the pool inside an
/// open transaction that nobody ends, and every later statement on it (session saves, the
/// recompute) keeps its row locks until the server restarts. The begin runs in a task of its
/// own; if the caller is gone by then, the transaction is dropped and rolled back as usual.
pub async fn begin_detached(
    pool: &PgPool,
) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin().await })
        .await
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
}

/// Whether the database answers.
pub async fn ping(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
}

/// Refreshes the planner's statistics of every table (after a bulk load).
pub async fn analyze(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query("ANALYZE").execute(pool).await.map(|_| ())
}

/// Whether `e` is a unique violation of the named constraint or index (so a handler can turn
/// it into a message beside the right field).
pub fn is_unique_violation(e: &sqlx::Error, constraint: &str) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.code().as_deref() == Some("23505") && db.constraint() == Some(constraint)
        }
        _ => false,
    }
}

/// Reads rows selected in their stored form into their typed form; a stored value the domain
/// cannot read (which the CHECKs should have refused) is a decode error, never a default.
pub fn decode_all<R, T>(rows: Vec<R>) -> sqlx::Result<Vec<T>>
where
    T: TryFrom<R>,
    T::Error: std::error::Error + Send + Sync + 'static,
{
    rows.into_iter()
        .map(|r| T::try_from(r).map_err(|e| sqlx::Error::Decode(Box::new(e))))
        .collect()
}
