//! What every page needs: who is asking, in which language, the form token, a one-time flash
//! message, and the navigation their role gets. Extracted once per request.
//!
//! Form tokens (CSRF): a signed-in user's token lives in the session (synchronizer token, new at
//! every sign-in). A signed-out visitor has no session at all (a session row is created only at
//! sign-in, so anonymous requests cannot fill the sessions table): their token is a random value
//! in the `kamdesk_csrf` cookie that the form must repeat (double submit), issued only when a
//! page actually renders a form, and dropped at sign-in and sign-out. A signed-out visitor's
//! language choice is likewise a cookie (`kamdesk_lang`), not a session.

use crate::auth::{AuthSession, User};
use crate::domain::permissions::{self, Action, Relation};
use crate::domain::user::{Language, Role};
use crate::error::AppError;
use crate::i18n::{self, Arg};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use chrono::{DateTime, NaiveDate, Utc};
use rand::RngCore;
use rust_decimal::Decimal;
use std::sync::{Arc, Mutex};
use tower_sessions::Session;
use tower_sessions::cookie::{Cookie, SameSite};

/// Session key of the CSRF token.
pub const CSRF_KEY: &str = "csrf";
/// Session key of the one-time message shown after a redirect.
const FLASH_KEY: &str = "flash";
/// Cookie of a signed-out visitor's form token.
pub const ANON_CSRF_COOKIE: &str = "kamdesk_csrf";
/// Cookie of a signed-out visitor's chosen language.
pub const LANG_COOKIE: &str = "kamdesk_lang";
/// Session key of the sign-in time (for the absolute session lifetime).
pub const SIGNED_IN_AT_KEY: &str = "signed_in_at";

/// One entry of the main navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Target path.
    pub href: &'static str,
    /// Message key of the label.
    pub label: &'static str,
    /// Whether the current page is under it.
    pub active: bool,
}

/// The per-request context every template receives as `ctx`.
#[derive(Debug, Clone)]
pub struct PageCtx {
    /// Interface language.
    pub lang: Language,
    /// Signed-in user's name and role, if any.
    pub user: Option<(String, Role)>,
    /// The form token to put in every form.
    pub csrf: String,
    /// The path of this page (the language switch comes back here).
    pub path: String,
    /// A message left by the previous request (message key).
    pub flash: Option<String>,
    /// Navigation for the user's role.
    pub nav: Vec<NavItem>,
}

impl PageCtx {
    /// Builds the context: a signed-in user's token from the session (created there if an
    /// older session lacks one), a signed-out visitor's from the `anon` cookie token (issued with
    /// this response if new). Reads nothing into, and writes nothing to, a signed-out session.
    pub async fn build(
        user: Option<&User>,
        session: &Session,
        anon: Option<&AnonToken>,
        headers: &HeaderMap,
        path: &str,
    ) -> PageCtx {
        let (csrf, flash) = if user.is_some() {
            let csrf = match session.get::<String>(CSRF_KEY).await.ok().flatten() {
                Some(t) => t,
                None => {
                    let t = new_token();
                    if let Err(e) = session.insert(CSRF_KEY, &t).await {
                        tracing::warn!(error = %e, "could not store csrf token");
                    }
                    t
                }
            };
            let flash = session.remove::<String>(FLASH_KEY).await.ok().flatten();
            (csrf, flash)
        } else {
            (anon.map(AnonToken::for_page).unwrap_or_default(), None)
        };
        let lang = match user {
            Some(u) => u.language,
            None => cookie(headers, LANG_COOKIE)
                .and_then(|code| code.parse().ok())
                .unwrap_or_else(|| {
                    headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .map(Language::from_accept_language)
                        .unwrap_or_default()
                }),
        };
        PageCtx {
            lang,
            user: user.map(|u| (u.name.clone(), u.role)),
            csrf,
            path: path.to_string(),
            flash,
            nav: user.map(|u| nav_for(u.role, path)).unwrap_or_default(),
        }
    }

    /// A context without a session, for failures before the session could be loaded (the
    /// database is down): signed out, language from `Accept-Language`, no form token.
    pub fn without_session(headers: &HeaderMap, path: &str) -> PageCtx {
        let lang = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Language::from_accept_language)
            .unwrap_or_default();
        PageCtx {
            lang,
            user: None,
            csrf: String::new(),
            path: path.to_string(),
            flash: None,
            nav: vec![],
        }
    }

    /// A message in the page's language. A key of the form `key#N` (a field error with a
    /// limit, see `FieldErrors`) passes N to the message as `$max`.
    pub fn t(&self, key: &str) -> String {
        match key.split_once('#').map(|(k, n)| (k, n.parse::<i64>())) {
            Some((k, Ok(n))) => i18n::t_args(self.lang, k, &[("max", n.into())]),
            _ => i18n::t(self.lang, key),
        }
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        i18n::t_args(self.lang, key, &[(name, value.into())])
    }

    /// A message for a stored enumeration value: `prefix-value` with `_` as `-`.
    pub fn tv(&self, prefix: &str, value: &str) -> String {
        i18n::t(self.lang, &format!("{prefix}-{}", value.replace('_', "-")))
    }

    /// The name of a role in the page's language.
    pub fn role_name(&self, role: &Role) -> String {
        self.tv("role", role.as_str())
    }

    /// A date for this language.
    pub fn date(&self, d: &NaiveDate) -> String {
        i18n::date(self.lang, *d)
    }

    /// An optional date (empty when none).
    pub fn opt_date(&self, d: &Option<NaiveDate>) -> String {
        d.map(|d| i18n::date(self.lang, d)).unwrap_or_default()
    }

    /// A moment for this language.
    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        i18n::datetime(self.lang, *at)
    }

    /// Money in whole units with its currency.
    pub fn money(&self, v: &Decimal, currency: &str) -> String {
        i18n::money(self.lang, *v, currency)
    }

    /// A decimal number with `dp` decimals.
    pub fn num(&self, v: &Decimal, dp: u32) -> String {
        i18n::number(self.lang, *v, dp)
    }

    /// A count.
    pub fn count(&self, n: &i64) -> String {
        i18n::count(self.lang, *n)
    }

    /// Text typed by a person as typed; text the system wrote in the page's language.
    pub fn text(&self, text: &crate::domain::system_text::Text) -> String {
        i18n::text(self.lang, text)
    }

    /// An industry's name in the page's language (empty when not set).
    pub fn industry(&self, industry: &Option<crate::domain::industry::Industry>) -> String {
        industry.map_or_else(String::new, |i| self.tv("industry", i.as_str()))
    }

    /// A country's name in the page's language.
    pub fn country(&self, country: &crate::domain::geo::CountryCode) -> &'static str {
        country.name(self.lang)
    }

    /// A continent's name in the page's language.
    pub fn continent(&self, continent: &crate::domain::geo::Continent) -> &'static str {
        continent.name(self.lang)
    }

    /// Whether the signed-in user may do something not tied to one account.
    pub fn may(&self, action: &str) -> bool {
        let Some((_, role)) = &self.user else {
            return false;
        };
        let action = match action {
            "create_account" => Action::CreateAccount,
            "manage_key_list" => Action::ManageKeyList,
            "manage_users" => Action::ManageUsers,
            "assign_team" => Action::AssignTeam,
            _ => return false,
        };
        permissions::allows(*role, action, Relation::NoAccount)
    }
}

/// A 256-bit random token, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Leaves a one-time message (a message key) for the next page.
pub async fn flash(session: &Session, key: &str) {
    if let Err(e) = session.insert(FLASH_KEY, key).await {
        tracing::warn!(error = %e, "could not store flash message");
    }
}

/// The `Set-Cookie` value that remembers a signed-out visitor's language choice for a year.
pub fn language_cookie(lang: Language, secure: bool) -> String {
    Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::days(365))
        .build()
        .to_string()
}

/// The value of a request cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v.to_string()))
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// What happens to the signed-out form-token cookie when the response goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CookieAction {
    /// Nothing to send.
    Keep,
    /// A new token was put in a form: send it.
    Issue,
    /// Signed in or out: drop the old token.
    Expire,
}

/// A signed-out visitor's form token (double submit): the one from their `kamdesk_csrf`
/// cookie, or a new one that is sent only if a page renders it. Placed in the request
/// extensions by [`super::middleware::anonymous_token`].
#[derive(Debug, Clone)]
pub struct AnonToken {
    token: String,
    /// Whether the request brought it (else it is new).
    from_cookie: bool,
    action: Arc<Mutex<CookieAction>>,
}

impl AnonToken {
    /// The token of the request's cookie, or a new one.
    pub fn from_headers(headers: &HeaderMap) -> AnonToken {
        let existing = cookie(headers, ANON_CSRF_COOKIE)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
        AnonToken {
            from_cookie: existing.is_some(),
            token: existing.unwrap_or_else(new_token),
            action: Arc::new(Mutex::new(CookieAction::Keep)),
        }
    }

    /// The token a signed-out form must repeat: only one the visitor's cookie brought.
    pub fn expected(&self) -> Option<&str> {
        self.from_cookie.then_some(self.token.as_str())
    }

    /// The token to put in a page's forms (a new one is then sent as a cookie).
    fn for_page(&self) -> String {
        if !self.from_cookie {
            let mut action = self.action.lock().unwrap_or_else(|e| e.into_inner());
            if *action == CookieAction::Keep {
                *action = CookieAction::Issue;
            }
        }
        self.token.clone()
    }

    /// Drops the cookie with this response (at sign-in and sign-out: the token rotates).
    pub fn expire(&self) {
        *self.action.lock().unwrap_or_else(|e| e.into_inner()) = CookieAction::Expire;
    }

    /// The `Set-Cookie` value this response must carry, if any.
    pub fn set_cookie(&self, secure: bool) -> Option<String> {
        let action = *self.action.lock().unwrap_or_else(|e| e.into_inner());
        let base = |value: String| {
            Cookie::build((ANON_CSRF_COOKIE, value))
                .path("/")
                .http_only(true)
                .secure(secure)
                .same_site(SameSite::Strict)
        };
        match action {
            CookieAction::Keep => None,
            CookieAction::Issue => Some(base(self.token.clone()).build().to_string()),
            CookieAction::Expire if self.from_cookie => Some(
                base(String::new())
                    .max_age(time::Duration::ZERO)
                    .build()
                    .to_string(),
            ),
            CookieAction::Expire => None,
        }
    }
}

/// The navigation a role gets, in menu order.
fn nav_for(role: Role, path: &str) -> Vec<NavItem> {
    let mut items: Vec<(&'static str, &'static str)> = vec![
        ("/", "nav-home"),
        ("/accounts", "nav-accounts"),
        ("/key-clients", "nav-key-clients"),
        ("/follow-ups", "nav-follow-ups"),
        ("/orders", "nav-orders"),
    ];
    if permissions::allows(role, Action::ManageKeyList, Relation::NoAccount) {
        items.push(("/dashboard", "nav-dashboard"));
        items.push(("/reviews", "nav-reviews"));
        items.push(("/settings/scoring", "nav-scoring-settings"));
    }
    if permissions::allows(role, Action::ManageUsers, Relation::NoAccount) {
        items.push(("/admin/users", "nav-users"));
    }
    items
        .into_iter()
        .map(|(href, label)| NavItem {
            href,
            label,
            active: if href == "/" {
                path == "/"
            } else {
                path == href || path.starts_with(&format!("{href}/"))
            },
        })
        .collect()
}

/// Extracts the page context (works signed in or out).
impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
        let user = parts
            .extensions
            .get::<AuthSession>()
            .and_then(|a| a.user.clone());
        let anon = parts.extensions.get::<AnonToken>();
        Ok(PageCtx::build(
            user.as_ref(),
            &session,
            anon,
            &parts.headers,
            parts.uri.path(),
        )
        .await)
    }
}

/// The signed-in user; a request without one is sent to the sign-in page.
#[derive(Debug, Clone)]
pub struct Me(pub User);

impl<S: Send + Sync> FromRequestParts<S> for Me {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<AuthSession>()
            .and_then(|a| a.user.clone())
            .map(Me)
            .ok_or(AppError::Unauthenticated)
    }
}

impl Me {
    /// Refuses unless the gate allows `action` with no particular account.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if permissions::allows(self.0.role, action, Relation::NoAccount) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Me {
    /// The one place account-scoped requests meet the gate: a user who may not even see the
    /// account gets 404 (its existence is not revealed), one who may see it but not do
    /// `action` gets 403.
    pub async fn require_on_account(
        &self,
        pool: &sqlx::PgPool,
        account: crate::domain::ids::AccountId,
        action: Action,
    ) -> Result<Relation, AppError> {
        if !crate::db::accounts::exists(pool, account).await? {
            return Err(AppError::NotFound);
        }
        let relation = crate::db::accounts::relation(pool, account, self.0.id).await?;
        if !permissions::allows(self.0.role, Action::ViewAccount, relation) {
            return Err(AppError::NotFound);
        }
        if !permissions::allows(self.0.role, action, relation) {
            return Err(AppError::Forbidden);
        }
        Ok(relation)
    }

    /// The team filter for list queries: None for roles that see every account.
    pub fn team_scope(&self) -> Option<crate::domain::ids::UserId> {
        if permissions::sees_all_accounts(self.0.role) {
            None
        } else {
            Some(self.0.id)
        }
    }
}
