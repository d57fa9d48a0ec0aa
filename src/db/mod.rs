//! All SQL lives under this module, one file per aggregate, every query in a named function.
//! Functions take an executor (`&PgPool` or a transaction) and return `sqlx::Result`.

pub mod accounts;
pub mod audit;
pub mod follow_ups;
pub mod orders;
pub mod reviews;
pub mod scoring;
pub mod seed;
pub mod sign_in_throttle;
pub mod users;

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

/// Applies every pending migration.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
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
