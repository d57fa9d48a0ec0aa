//! What every page needs: who is asking, in which language, the form token, a one-time flash
//! message, and the navigation their role gets. Extracted once per request.

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
use tower_sessions::Session;

/// Session key of the CSRF token.
pub const CSRF_KEY: &str = "csrf";
/// Session key of the one-time message shown after a redirect.
const FLASH_KEY: &str = "flash";
/// Session key of an anonymous visitor's chosen language.
const LANG_KEY: &str = "lang";
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
    /// Builds the context from the session (creating the CSRF token on first use).
    pub async fn build(
        user: Option<&User>,
        session: &Session,
        headers: &HeaderMap,
        path: &str,
    ) -> PageCtx {
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
        let lang = match user {
            Some(u) => u.language,
            None => match session.get::<String>(LANG_KEY).await.ok().flatten() {
                Some(code) => code.parse().unwrap_or_default(),
                None => headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .map(Language::from_accept_language)
                    .unwrap_or_default(),
            },
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

    /// A message in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
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

/// Remembers an anonymous visitor's language choice.
pub async fn remember_language(session: &Session, lang: Language) {
    if let Err(e) = session.insert(LANG_KEY, lang.code()).await {
        tracing::warn!(error = %e, "could not store language");
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
        Ok(PageCtx::build(user.as_ref(), &session, &parts.headers, parts.uri.path()).await)
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
