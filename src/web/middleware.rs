//! Cross-cutting request handling: the CSRF gate, the absolute session lifetime, and rendering
//! error pages inside the layout.

use super::ctx::{CSRF_KEY, PageCtx, SIGNED_IN_AT_KEY};
use crate::auth::AuthSession;
use crate::error::{AppError, ErrorPage};
use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use super::AppState;

/// Name of the form field carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// Header carrying the CSRF token (for scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Refuses every state-changing request whose token does not match the session's.
///
/// Written here rather than taken from `axum_csrf`: that crate leaves the check to each handler
/// (`token.verify(..)`), and a forgotten call is a hole; this one gate covers every route. The
/// token is the synchronizer kind: random, stored server-side in the session, sent back in a
/// hidden form field or the `X-CSRF-Token` header.
pub async fn csrf_gate(
    State(state): State<AppState>,
    session: Session,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let expected = session.get::<String>(CSRF_KEY).await.ok().flatten();
    let (parts, body) = req.into_parts();
    let header_token = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let bytes = match axum::body::to_bytes(body, state.config.body_limit_bytes).await {
        Ok(b) => b,
        Err(_) => return AppError::BadRequest("body too large".into()).into_response(),
    };
    let submitted = header_token.or_else(|| {
        if !is_form {
            return None;
        }
        form_urlencoded_field(&bytes, CSRF_FIELD)
    });
    let ok = match (expected, submitted) {
        (Some(e), Some(s)) => e.as_bytes().ct_eq(s.as_bytes()).into(),
        _ => false,
    };
    if !ok {
        tracing::info!(path = %parts.uri.path(), "refused a request without a valid csrf token");
        return AppError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Ends a session that has outlived the absolute lifetime, however active it has been.
pub async fn absolute_session_lifetime(
    State(state): State<AppState>,
    mut auth: AuthSession,
    req: Request,
    next: Next,
) -> Response {
    if auth.user.is_some() {
        let started = auth
            .session
            .get::<i64>(SIGNED_IN_AT_KEY)
            .await
            .ok()
            .flatten();
        let now = chrono::Utc::now().timestamp();
        let expired =
            started.is_none_or(|t| now - t > state.config.session_absolute.as_secs() as i64);
        if expired {
            if let Err(e) = auth.logout().await {
                tracing::warn!(error = %e, "could not end an expired session");
            }
            return axum::response::Redirect::to("/login").into_response();
        }
    }
    next.run(req).await
}

/// The error page, inside the layout.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    ctx: PageCtx,
    code: u16,
    title_key: &'static str,
    body_key: &'static str,
}

/// The last resort, outside the session layer: a server error raised before any page could be
/// rendered (typically the session store failing because the database is down) still gets a
/// page, a 503 when the database does not answer.
pub async fn render_bare_server_errors(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let bare = res.status().is_server_error()
        && res.headers().get(header::CONTENT_TYPE).is_none()
        && res.extensions().get::<ErrorPage>().is_none();
    if !bare {
        return res;
    }
    let db_down = crate::db::ping(&state.pool).await.is_err();
    let (code, title_key, body_key) = if db_down {
        (503, "error-503-title", "error-503-body")
    } else {
        (500, "error-500-title", "error-500-body")
    };
    let tpl = ErrorTemplate {
        ctx: PageCtx::without_session(&headers, &path),
        code,
        title_key,
        body_key,
    };
    match tpl.render() {
        Ok(html) => (
            axum::http::StatusCode::from_u16(code).unwrap_or(res.status()),
            Html(html),
        )
            .into_response(),
        Err(_) => res,
    }
}

/// Renders an `ErrorPage` left by a handler (or the 404 fallback) as a full page in the user's
/// language; responses without one pass through untouched.
pub async fn render_error_pages(req: Request, next: Next) -> Response {
    let session = req.extensions().get::<Session>().cloned();
    let user = req
        .extensions()
        .get::<AuthSession>()
        .and_then(|a| a.user.clone());
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let Some(page) = res.extensions().get::<ErrorPage>().copied() else {
        return res;
    };
    let Some(session) = session else { return res };
    let (title_key, body_key) = match page {
        ErrorPage::BadRequest => ("error-400-title", "error-400-body"),
        ErrorPage::Forbidden => ("error-403-title", "error-403-body"),
        ErrorPage::Csrf => ("error-csrf-title", "error-csrf-body"),
        ErrorPage::NotFound => ("error-404-title", "error-404-body"),
        ErrorPage::Conflict => ("error-409-title", "error-409-body"),
        ErrorPage::Internal => ("error-500-title", "error-500-body"),
        ErrorPage::Unavailable => ("error-503-title", "error-503-body"),
    };
    let status = res.status();
    let ctx = PageCtx::build(user.as_ref(), &session, &headers, &path).await;
    let tpl = ErrorTemplate {
        ctx,
        code: status.as_u16(),
        title_key,
        body_key,
    };
    match tpl.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            res
        }
    }
}
