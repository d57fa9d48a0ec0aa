//! The route registry: every page and form of the application is one [`Route`] here, and the
//! router is built from this list and nothing else. Each route names its [`Gate`], who may reach
//! it, and the gate runs as a layer in front of the handler: before any extractor, so a refused
//! request is answered 303/403/404 before its path is parsed or its body read.
//!
//! `tests/permissions.rs` walks [`all`] with every role (and a KAM and an assistant off the
//! account's team) against a table written out by hand; a route missing from that table fails
//! the test. A new area adds `pub fn routes() -> Vec<Route>` to its module and one line to
//! [`all`]:
//!
//! ```
//! use kamdesk::domain::permissions::Action;
//! use kamdesk::web::routes::{Gate, OnAccount, Route};
//!
//! async fn list(account: OnAccount) -> String {
//!     format!("contacts of {}", account.id)
//! }
//! # async fn create(account: OnAccount) -> String { String::new() }
//!
//! pub fn routes() -> Vec<Route> {
//!     vec![
//!         Route::get("/accounts/{id}/contacts", Gate::Account(Action::ViewAccount), list),
//!         Route::post("/accounts/{id}/contacts", Gate::Account(Action::EditAccount), create),
//!     ]
//! }
//! # assert_eq!(routes()[1].gate, Gate::Account(Action::EditAccount));
//! ```
//!
//! An account-scoped route names the account `{id}` in its path; its handler takes
//! [`OnAccount`] (the id, already checked) instead of parsing the path itself.

use super::AppState;
use crate::auth::AuthSession;
use crate::domain::ids::AccountId;
use crate::domain::permissions::{self, Action, Relation};
use crate::error::AppError;
use axum::Router;
use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::handler::Handler;
use axum::http::Method;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};

/// Who may reach a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Anyone, signed in or not (the sign-in page, the language switch).
    Public,
    /// Any signed-in user. What the page shows is narrowed by the reader's
    /// [`AccountScope`](crate::db::visibility::AccountScope).
    SignedIn,
    /// A signed-in user whose role may take this action with no account in particular.
    Role(Action),
    /// A signed-in user who may take this action on the account named by the path's `{id}`:
    /// 404 when they may not see the account (or it does not exist, or the id is malformed),
    /// 403 when they may see it but not do this.
    Account(Action),
}

/// One route: method, path pattern, gate and handler.
pub struct Route {
    /// GET or POST.
    pub method: Method,
    /// The axum path pattern, e.g. `/accounts/{id}/pin`.
    pub path: &'static str,
    /// Who may reach it.
    pub gate: Gate,
    handler: MethodRouter<AppState>,
}

impl Route {
    /// A page.
    pub fn get<H, T>(path: &'static str, gate: Gate, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::new(Method::GET, path, gate, get(handler))
    }

    /// A form submission.
    pub fn post<H, T>(path: &'static str, gate: Gate, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::new(Method::POST, path, gate, post(handler))
    }

    /// A file upload (multipart form): axum's 2 MiB default for extractors is lifted, the body is
    /// bounded by `IMPORT_MAX_BYTES` instead (see `middleware::UPLOAD_PATHS`, which must name
    /// every upload route).
    pub fn upload<H, T>(path: &'static str, gate: Gate, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::new(
            Method::POST,
            path,
            gate,
            post(handler).layer(axum::extract::DefaultBodyLimit::disable()),
        )
    }

    fn new(
        method: Method,
        path: &'static str,
        gate: Gate,
        handler: MethodRouter<AppState>,
    ) -> Route {
        Route {
            method,
            path,
            gate,
            handler,
        }
    }
}

/// Every route of the application, area by area.
pub fn all() -> Vec<Route> {
    use super::*;
    [
        auth::routes(),
        home::routes(),
        profile::routes(),
        account_list::routes(),
        account_import::routes(),
        accounts::routes(),
        duplicates::routes(),
        deals::routes(),
        contacts::routes(),
        interactions::routes(),
        pipeline::routes(),
        tenders::routes(),
        account::routes(),
        dossier::routes(),
        timeline::routes(),
        analysis::routes(),
        keylist::routes(),
        follow_ups::routes(),
        orders::routes(),
        order_import::routes(),
        dashboard::routes(),
        reviews::routes(),
        settings::routes(),
        teams::routes(),
        ownership::routes(),
        plan::routes(),
        budget::routes(),
        competitive::routes(),
        offers::routes(),
        brief::routes(),
        admin::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The pages router: every route of [`all`] behind its gate.
pub fn router(state: &AppState) -> Router<AppState> {
    all().into_iter().fold(Router::new(), |router, route| {
        assert!(
            !matches!(route.gate, Gate::Account(_)) || route.path.contains("{id}"),
            "{} {}: an account gate needs the account as {{id}} in the path",
            route.method,
            route.path
        );
        let gate = route.gate;
        let handler = route.handler.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            move |state: State<AppState>, req: Request, next: Next| enforce(gate, state, req, next),
        ));
        router.route(route.path, handler)
    })
}

/// The account an account-scoped request is about, after its gate let the user through.
#[derive(Debug, Clone, Copy)]
pub struct OnAccount {
    /// The account.
    pub id: AccountId,
    /// How the signed-in user relates to it.
    pub relation: Relation,
}

impl<S: Send + Sync> FromRequestParts<S> for OnAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts.extensions.get::<OnAccount>().copied().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!(
                "OnAccount used on a route without an account gate"
            ))
        })
    }
}

/// The gate in front of one route.
async fn enforce(
    gate: Gate,
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if gate == Gate::Public {
        return next.run(req).await;
    }
    let Some(user) = req
        .extensions()
        .get::<AuthSession>()
        .and_then(|a| a.user.clone())
    else {
        return AppError::Unauthenticated.into_response();
    };
    match gate {
        Gate::Public | Gate::SignedIn => {}
        Gate::Role(action) => {
            if !permissions::allows(user.role, action, Relation::NoAccount) {
                return AppError::Forbidden.into_response();
            }
        }
        Gate::Account(action) => {
            let (mut parts, body) = req.into_parts();
            let id = match RawPathParams::from_request_parts(&mut parts, &state).await {
                Ok(params) => params
                    .iter()
                    .find(|(name, _)| *name == "id")
                    .and_then(|(_, v)| v.parse::<AccountId>().ok()),
                Err(_) => None,
            };
            let Some(id) = id else {
                return AppError::NotFound.into_response();
            };
            let relation = match account_relation(&state, id, user.id, user.role, action).await {
                Ok(r) => r,
                Err(e) => return e.into_response(),
            };
            parts.extensions.insert(OnAccount { id, relation });
            req = Request::from_parts(parts, body);
        }
    }
    next.run(req).await
}

/// The one place account-scoped requests meet the gate: a user who may not even see the account
/// gets 404 (its existence is not revealed), one who may see it but not do `action` gets 403.
async fn account_relation(
    state: &AppState,
    account: AccountId,
    user: crate::domain::ids::UserId,
    role: crate::domain::user::Role,
    action: Action,
) -> Result<Relation, AppError> {
    if !crate::db::accounts::exists(&state.pool, account).await? {
        return Err(AppError::NotFound);
    }
    let relation = crate::db::accounts::relation(&state.pool, account, user).await?;
    // Whoever may see the account's key profile knows it exists (every account viewer does,
    // and a KAM does for a key client nobody owns): refused actions are 403 for them.
    if !permissions::allows(role, Action::ViewKeyProfile, relation) {
        return Err(AppError::NotFound);
    }
    if !permissions::allows(role, action, relation) {
        return Err(AppError::Forbidden);
    }
    Ok(relation)
}
