//! What every page needs: who is asking, in which language, the form token, a one-time flash
//! message, and the navigation their role gets. Extracted once per request.
//!
//! Form tokens (CSRF): a signed-in user's token lives in the session (synchronizer token, new at
//! every sign-in). A signed-out visitor has no session at all (a session row is created only at
//! sign-in, so anonymous requests cannot fill the sessions table): their token is a random value
//! in the `kamdesk_csrf` cookie that the form must repeat (double submit), issued only when a
//! page actually renders a form, and dropped at sign-in and sign-out. A signed-out visitor's
//! language choice is likewise a cookie (`kamdesk_lang`), not a session.

use super::AppState;
use crate::auth::{AuthSession, User};
use crate::db::visibility::AccountScope;
use crate::domain::permissions::{self, Action, Relation};
use crate::domain::user::{Language, Role};
use crate::error::AppError;
use crate::i18n::{self, Arg, Named};
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

/// One link of the main navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Target path.
    pub href: &'static str,
    /// Message key of the label.
    pub label: &'static str,
    /// Whether the current page is under it.
    pub active: bool,
}

/// A group of the main navigation: links shown in the bar (no label), or a labelled menu that
/// opens without JavaScript (`<details>`), so the bar stays one line whatever the role.
#[derive(Debug, Clone)]
pub struct NavGroup {
    /// Message key of the menu's label; None for the links shown in the bar itself.
    pub label: Option<&'static str>,
    /// Its links.
    pub items: Vec<NavItem>,
}

impl NavGroup {
    /// Whether the current page is one of the group's.
    pub fn active(&self) -> bool {
        self.items.iter().any(|i| i.active)
    }
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
    pub nav: Vec<NavGroup>,
    /// For those who assign owners: the key clients nobody owns, as the last recompute counted
    /// them (the banner on every page of theirs until the count is zero). None for others.
    pub unowned_key: Option<i32>,
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
            unowned_key: None,
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
            unowned_key: None,
        }
    }

    /// A message in the page's language. A key of the form `key#N` (a field error with a
    /// limit, see `FieldErrors`) passes N to the message as `$max`.
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.lang, key)
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        i18n::t_args(self.lang, key, &[(name, value.into())])
    }

    /// A message named after a code: `prefix-code` with `_` as `-` (a setting's or a recorded
    /// field's name). Stored enumeration values use [`name`](Self::name).
    pub fn tv(&self, prefix: &str, value: &str) -> String {
        i18n::t(self.lang, &format!("{prefix}-{}", value.replace('_', "-")))
    }

    /// The name of a stored enumeration value (a status, a role, a league ...) in the page's
    /// language.
    pub fn name(&self, value: &impl Named) -> String {
        i18n::name(self.lang, value)
    }

    /// A decimal as typed into a form field in this language ("0,7" in Russian).
    pub fn decimal_input(&self, v: &Decimal) -> String {
        i18n::decimal_input(self.lang, *v)
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

    /// An exact amount with two decimals and its currency (orders).
    pub fn amount(&self, v: &Decimal, currency: &crate::domain::money::Currency) -> String {
        i18n::money_exact(self.lang, *v, currency.as_str())
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
    pub fn may(&self, action: Action) -> bool {
        self.user
            .as_ref()
            .is_some_and(|(_, role)| permissions::allows(*role, action, Relation::NoAccount))
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

/// The navigation a role gets: the everyday pages in the bar, then a menu per role that has
/// pages of its own. A link is shown exactly when the gate lets the role through. The home page
/// is the brand's link, left of the bar.
fn nav_for(role: Role, path: &str) -> Vec<NavGroup> {
    let item = |href: &'static str, label: &'static str| NavItem {
        href,
        label,
        active: path == href || path.starts_with(&format!("{href}/")),
    };
    let may = |action| permissions::allows(role, action, Relation::NoAccount);
    let mut groups = vec![NavGroup {
        label: None,
        items: vec![
            item("/accounts", "nav-accounts"),
            item("/key-clients", "nav-key-clients"),
            item("/follow-ups", "nav-follow-ups"),
        ],
    }];
    // Orders, the pipeline and the tenders: one menu, so the bar stays one line.
    groups.push(NavGroup {
        label: Some("nav-sales"),
        items: vec![
            item("/orders", "nav-orders"),
            item("/pipeline", "nav-pipeline"),
            item("/tenders", "nav-tenders"),
            item("/analysis", "nav-analysis"),
        ],
    });
    if may(Action::ManageKeyList) {
        groups.push(NavGroup {
            label: Some("nav-director"),
            items: vec![
                item("/dashboard", "nav-dashboard"),
                item("/ownership", "nav-ownership"),
                item("/reviews", "nav-reviews"),
                item("/settings/scoring", "nav-scoring-settings"),
            ],
        });
    }
    if may(Action::ManageUsers) {
        groups.push(NavGroup {
            label: Some("nav-admin"),
            items: vec![item("/admin/users", "nav-users")],
        });
    }
    groups
}

/// Extracts the page context (works signed in or out). For a user who assigns owners it also
/// reads the stored unowned-key count (one row of `scoring_state`, never a count).
impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
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
        let mut ctx = PageCtx::build(
            user.as_ref(),
            &session,
            anon,
            &parts.headers,
            parts.uri.path(),
        )
        .await;
        if user
            .as_ref()
            .is_some_and(|u| permissions::allows(u.role, Action::AssignTeam, Relation::NoAccount))
        {
            ctx.unowned_key = Some(crate::db::scoring::unowned_key(&state.pool).await?);
        }
        Ok(ctx)
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
    /// The accounts this user may see, for list queries (see `db::visibility`).
    pub fn scope(&self) -> AccountScope {
        AccountScope::for_user(self.0.id, self.0.role)
    }

    /// Whether the user may do `action` with no account in particular (for what a page offers;
    /// access itself is the route's gate).
    pub fn may(&self, action: Action) -> bool {
        permissions::allows(self.0.role, action, Relation::NoAccount)
    }
}
