//! Typed configuration from the environment. `.env.example` lists every variable.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Everything the server needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    /// PostgreSQL connection string.
    pub database_url: String,
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// Largest connection pool this instance opens.
    pub db_max_connections: u32,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub session_absolute: Duration,
    /// Mark the session cookie Secure (set when served behind https).
    pub secure_cookies: bool,
    /// Longest a request may take before the server answers 408.
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub body_limit_bytes: usize,
    /// Failed sign-ins in a row before the account is locked for a while.
    pub sign_in_max_failures: i32,
    /// How long such a lock lasts.
    pub sign_in_lock: Duration,
}

/// A variable that is present but unusable.
#[derive(Debug, thiserror::Error)]
#[error("environment variable {name}: {problem}")]
pub struct ConfigError {
    name: &'static str,
    problem: String,
}

fn var(name: &'static str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|e: T::Err| ConfigError {
            name,
            problem: format!("{v:?}: {e}"),
        }),
    }
}

impl Config {
    /// Reads the environment (after `.env`, loaded by main).
    pub fn from_env() -> Result<Config, ConfigError> {
        let database_url = var("DATABASE_URL").ok_or(ConfigError {
            name: "DATABASE_URL",
            problem: "is not set (scripts/run sets it for a private database)".into(),
        })?;
        let bind: IpAddr = parsed("BIND", IpAddr::from([127, 0, 0, 1]))?;
        let port: u16 = parsed("PORT", 8080)?;
        Ok(Config {
            database_url,
            listen: SocketAddr::new(bind, port),
            db_max_connections: parsed("DB_MAX_CONNECTIONS", 10)?,
            session_idle: Duration::from_secs(60 * parsed::<u64>("SESSION_IDLE_MINUTES", 120)?),
            session_absolute: Duration::from_secs(
                3600 * parsed::<u64>("SESSION_ABSOLUTE_HOURS", 12)?,
            ),
            secure_cookies: parsed("SECURE_COOKIES", false)?,
            request_timeout: Duration::from_secs(parsed("REQUEST_TIMEOUT_SECS", 30)?),
            body_limit_bytes: parsed("BODY_LIMIT_BYTES", 2 * 1024 * 1024)?,
            sign_in_max_failures: parsed("SIGN_IN_MAX_FAILURES", 5)?,
            sign_in_lock: Duration::from_secs(60 * parsed::<u64>("SIGN_IN_LOCK_MINUTES", 15)?),
        })
    }

    /// A configuration for tests: everything default but the database and an ephemeral port.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_max_connections: 5,
            session_idle: Duration::from_secs(7200),
            session_absolute: Duration::from_secs(12 * 3600),
            secure_cookies: false,
            request_timeout: Duration::from_secs(30),
            body_limit_bytes: 2 * 1024 * 1024,
            sign_in_max_failures: 5,
            sign_in_lock: Duration::from_secs(900),
        }
    }
}
