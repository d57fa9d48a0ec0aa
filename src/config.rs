//! Typed configuration from the environment. `.env.example` lists every variable.

use axum::http::HeaderName;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
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
    /// The address users reach KAM Desk at (`https://crm.example.com`): state-changing requests
    /// must come from this origin, and an https address makes every cookie Secure.
    pub site_url: SiteUrl,
    /// Mark cookies Secure even when `site_url` is http (use [`Config::cookies_secure`]).
    pub secure_cookies: bool,
    /// Behind a reverse proxy: the header the proxy puts the client's address in
    /// (`X-Forwarded-For`, `X-Real-IP`). Unset: the address of the connection is the client's.
    pub trusted_proxy_header: Option<HeaderName>,
    /// Longest a request may take before the server answers 408.
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub body_limit_bytes: usize,
    /// Largest file an upload (the order import) may send; uploads also get
    /// [`UPLOAD_TIMEOUT`](crate::web::middleware::UPLOAD_TIMEOUT) instead of `request_timeout`.
    pub import_max_bytes: usize,
    /// Failed sign-ins (and current-password checks) per account within `sign_in_lock` before
    /// that account's sign-in is refused for `sign_in_lock`.
    pub sign_in_max_failures: i32,
    /// The same per client address (a password spray tries many accounts from one address).
    pub sign_in_max_failures_per_address: i32,
    /// The counting window, and how long a refusal lasts once the limit is passed.
    pub sign_in_lock: Duration,
    /// Headless Chromium, which prints the meeting brief to PDF (`KAMDESK_CHROME`; unset: the
    /// first of [`CHROME_CANDIDATES`] that exists). None or missing: the PDF answers 503.
    pub chrome: Option<PathBuf>,
}

/// Where Chromium is looked for when `KAMDESK_CHROME` is not set.
pub const CHROME_CANDIDATES: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];

/// Whether `path` is a file this process may run.
pub fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The Chromium to print with: `explicit` when given (even if missing: the PDF then says so),
/// else the first candidate that exists.
pub fn find_chrome(explicit: Option<String>) -> Option<PathBuf> {
    match explicit.filter(|s| !s.trim().is_empty()) {
        Some(p) => Some(PathBuf::from(p.trim())),
        None => CHROME_CANDIDATES
            .iter()
            .map(PathBuf::from)
            .find(|p| is_executable(p)),
    }
}

/// The site's public address, reduced to its origin (`scheme://host[:port]`, lowercase, the
/// default port dropped): what browsers send as `Origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl {
    origin: String,
    https: bool,
    /// For a loopback host: the same origin under the other loopback names (`localhost`,
    /// `127.0.0.1`, `[::1]`), so that a developer may open either.
    aliases: Vec<String>,
}

impl SiteUrl {
    /// Parses an absolute http(s) URL; any path is ignored.
    pub fn parse(raw: &str) -> Result<SiteUrl, String> {
        let origin = origin_of(raw.trim()).ok_or_else(|| {
            "must be an absolute http:// or https:// address, such as https://crm.example.com"
                .to_string()
        })?;
        let https = origin.starts_with("https://");
        let (scheme, rest) = origin.split_once("://").unwrap_or(("http", &origin));
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !p.contains(']') => (h, format!(":{p}")),
            _ => (rest, String::new()),
        };
        let loopback = ["localhost", "127.0.0.1", "[::1]"];
        let aliases = if loopback.contains(&host) {
            loopback
                .iter()
                .filter(|h| **h != host)
                .map(|h| format!("{scheme}://{h}{port}"))
                .collect()
        } else {
            vec![]
        };
        Ok(SiteUrl {
            origin,
            https,
            aliases,
        })
    }

    /// The origin, `scheme://host[:port]`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the site is served over https.
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// Whether `url` (an `Origin` or `Referer` value) belongs to this site.
    pub fn is_same_origin(&self, url: &str) -> bool {
        origin_of(url).is_some_and(|o| o == self.origin || self.aliases.contains(&o))
    }
}

/// The origin of an absolute http(s) URL: lowercase scheme and host, default port dropped.
pub fn origin_of(url: &str) -> Option<String> {
    let uri: axum::http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = uri.authority()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let host = authority.host().to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    Some(match authority.port_u16() {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
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
        // Without SITE_URL, the address scripts/run prints (a wildcard BIND is reached on
        // 127.0.0.1 from this machine; set SITE_URL for anything else).
        let site_host = match bind {
            IpAddr::V4(a) if !a.is_unspecified() => a.to_string(),
            IpAddr::V6(a) if !a.is_unspecified() => format!("[{a}]"),
            _ => "127.0.0.1".to_string(),
        };
        let site_url = var("SITE_URL").unwrap_or_else(|| format!("http://{site_host}:{port}"));
        let site_url = SiteUrl::parse(&site_url).map_err(|problem| ConfigError {
            name: "SITE_URL",
            problem: format!("{site_url:?} {problem}"),
        })?;
        let trusted_proxy_header = match var("TRUSTED_PROXY_HEADER") {
            None => None,
            Some(h) => Some(h.trim().parse::<HeaderName>().map_err(|e| ConfigError {
                name: "TRUSTED_PROXY_HEADER",
                problem: format!("{h:?}: {e}"),
            })?),
        };
        Ok(Config {
            database_url,
            listen: SocketAddr::new(bind, port),
            db_max_connections: parsed("DB_MAX_CONNECTIONS", 10)?,
            session_idle: Duration::from_secs(60 * parsed::<u64>("SESSION_IDLE_MINUTES", 120)?),
            session_absolute: Duration::from_secs(
                3600 * parsed::<u64>("SESSION_ABSOLUTE_HOURS", 12)?,
            ),
            site_url,
            secure_cookies: parsed("SECURE_COOKIES", false)?,
            trusted_proxy_header,
            request_timeout: Duration::from_secs(parsed("REQUEST_TIMEOUT_SECS", 30)?),
            body_limit_bytes: parsed("BODY_LIMIT_BYTES", 2 * 1024 * 1024)?,
            import_max_bytes: parsed("IMPORT_MAX_BYTES", 512 * 1024 * 1024)?,
            sign_in_max_failures: parsed("SIGN_IN_MAX_FAILURES", 5)?,
            sign_in_max_failures_per_address: parsed("SIGN_IN_MAX_FAILURES_PER_ADDRESS", 20)?,
            sign_in_lock: Duration::from_secs(60 * parsed::<u64>("SIGN_IN_LOCK_MINUTES", 15)?),
            chrome: find_chrome(var("KAMDESK_CHROME")),
        })
    }

    /// Whether cookies carry the Secure flag: always when the site is https, or when
    /// `SECURE_COOKIES` says so (https terminated in front of an http site URL).
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies || self.site_url.is_https()
    }

    /// A configuration for tests: everything default but the database and an ephemeral port;
    /// the site URL is set by the harness once the port is known ([`Config::with_site_url`]).
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_max_connections: 5,
            session_idle: Duration::from_secs(7200),
            session_absolute: Duration::from_secs(12 * 3600),
            site_url: SiteUrl::parse("http://127.0.0.1").expect("valid"),
            secure_cookies: false,
            trusted_proxy_header: None,
            request_timeout: Duration::from_secs(30),
            body_limit_bytes: 2 * 1024 * 1024,
            import_max_bytes: 64 * 1024 * 1024,
            sign_in_max_failures: 5,
            sign_in_max_failures_per_address: 20,
            sign_in_lock: Duration::from_secs(900),
            // scripts/test exports CHROME (the browser tests' Chromium).
            chrome: find_chrome(std::env::var("CHROME").ok()),
        }
    }

    /// The same configuration served at `site_url`.
    pub fn with_site_url(self, site_url: &str) -> Config {
        Config {
            site_url: SiteUrl::parse(site_url).expect("a valid site URL"),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_origin_drops_paths_default_ports_and_case() {
        let s = SiteUrl::parse("HTTPS://CRM.Example.com:443/kam/").unwrap();
        assert_eq!(s.origin(), "https://crm.example.com");
        assert!(s.is_https());
        assert!(s.is_same_origin("https://crm.example.com"));
        assert!(s.is_same_origin("https://crm.example.com/accounts?q=1"));
        assert!(!s.is_same_origin("http://crm.example.com"));
        assert!(!s.is_same_origin("https://crm.example.com.evil.example"));
        assert!(!s.is_same_origin("https://evil.example@crm.example.com"));
        assert!(!s.is_same_origin("null"));
        assert!(SiteUrl::parse("crm.example.com").is_err());
        assert!(SiteUrl::parse("ftp://crm.example.com").is_err());
    }

    #[test]
    fn a_loopback_site_accepts_its_other_loopback_names_on_the_same_port() {
        let s = SiteUrl::parse("http://127.0.0.1:8080").unwrap();
        assert!(s.is_same_origin("http://localhost:8080"));
        assert!(s.is_same_origin("http://[::1]:8080/x"));
        assert!(!s.is_same_origin("http://localhost:8081"));
        assert!(!s.is_https());
    }
}
