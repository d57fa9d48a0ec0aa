//! Cross-cutting request handling: the signed-out form token, the CSRF gate (origin and token),
//! the absolute session lifetime, and rendering error pages inside the layout.

use super::ctx::{AnonToken, CSRF_KEY, PageCtx, SIGNED_IN_AT_KEY};
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
use crate::config::SiteUrl;

/// Name of the form field carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// Header carrying the CSRF token (for scripts).
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Gives every request a signed-out form token ([`AnonToken`]) and sends its cookie when a page
/// used a new one (or drops it at sign-in and sign-out). Outside the error pages, so that an
/// error page's language switch can use it too.
pub async fn anonymous_token(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let anon = AnonToken::from_headers(req.headers());
    req.extensions_mut().insert(anon.clone());
    let mut res = next.run(req).await;
    if let Some(cookie) = anon.set_cookie(state.config.cookies_secure())
        && let Ok(v) = header::HeaderValue::from_str(&cookie)
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Refuses every state-changing request that does not come from a page of this site:
///
/// 1. its `Origin` (or, when a browser sent none, its `Referer`) must be the configured site
///    (`SITE_URL`); a request with neither is refused too;
/// 2. it must carry the form token: the session's for a signed-in user, the `kamdesk_csrf`
///    cookie's for a signed-out visitor (double submit).
///
/// Written here rather than taken from `axum_csrf`: that crate leaves the check to each handler
/// (`token.verify(..)`), and a forgotten call is a hole; this one gate covers every route. The
/// token travels in a hidden form field or the `X-CSRF-Token` header.
pub async fn csrf_gate(
    State(state): State<AppState>,
    session: Session,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if !from_this_site(req.headers(), &state.config.site_url) {
        tracing::info!(
            path = %req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "refused a state-changing request from another origin"
        );
        return AppError::Csrf.into_response();
    }
    let signed_in = req
        .extensions()
        .get::<AuthSession>()
        .is_some_and(|a| a.user.is_some());
    let expected = if signed_in {
        session.get::<String>(CSRF_KEY).await.ok().flatten()
    } else {
        req.extensions()
            .get::<AnonToken>()
            .and_then(|a| a.expected().map(str::to_string))
    };
    let (parts, body) = req.into_parts();
    let header_token = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if content_type.starts_with("multipart/form-data") {
        // An upload is not read into memory here: its form carries the token in the query
        // string of its action (or the header), and the body streams on to the handler.
        let submitted = header_token.or_else(|| {
            form_urlencoded_field(parts.uri.query().unwrap_or("").as_bytes(), CSRF_FIELD)
        });
        let ok = match (expected, submitted) {
            (Some(e), Some(s)) => bool::from(e.as_bytes().ct_eq(s.as_bytes())),
            _ => false,
        };
        if !ok {
            tracing::info!(path = %parts.uri.path(), "refused an upload without a valid csrf token");
            return AppError::Csrf.into_response();
        }
        return next.run(Request::from_parts(parts, body)).await;
    }
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

/// The paths whose POST uploads a file (the order and client-base imports): they get
/// [`Config::import_max_bytes`](crate::config::Config::import_max_bytes) and [`UPLOAD_TIMEOUT`]
/// instead of the body limit and timeout of every other request.
pub const UPLOAD_PATHS: &[&str] = &["/orders/import", "/accounts/import"];

/// How long an upload may take (a hundred megabytes over a slow office line).
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// The request's time and body size limits: tower-http's timeout (408) and body limit (413),
/// with the limits an upload gets on [`UPLOAD_PATHS`].
pub async fn request_limits(State(state): State<AppState>, req: Request, next: Next) -> Response {
    use tower::{Layer, ServiceBuilder, ServiceExt};
    let upload = req.method() == Method::POST && UPLOAD_PATHS.contains(&req.uri().path());
    let (limit, timeout) = if upload {
        (state.config.import_max_bytes, UPLOAD_TIMEOUT)
    } else {
        (state.config.body_limit_bytes, state.config.request_timeout)
    };
    let inner = tower::service_fn(move |r: Request<tower_http::body::Limited<Body>>| {
        let next = next.clone();
        async move { Ok::<_, std::convert::Infallible>(next.run(r.map(Body::new)).await) }
    });
    let limited = ServiceBuilder::new()
        .map_response(|r: Response<tower_http::limit::ResponseBody<Body>>| r.map(Body::new))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(limit))
        .service(inner);
    let service = tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        timeout,
    )
    .layer(limited);
    match service.oneshot(req).await {
        Ok(res) => res,
        Err(e) => match e {},
    }
}

/// Longest request target (path and query) answered; hyper itself only refuses targets over
/// 64 KiB, with a bare 414 that no layer can add headers to.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Answers 414 to a request target longer than [`MAX_URI_BYTES`], inside the security-header
/// layers (so the answer carries them) and before anything parses the query.
pub async fn refuse_long_uris(req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > MAX_URI_BYTES {
        return axum::http::StatusCode::URI_TOO_LONG.into_response();
    }
    next.run(req).await
}

/// Whether a request's `Origin` (or `Referer` when there is no `Origin`) is this site.
fn from_this_site(headers: &header::HeaderMap, site: &SiteUrl) -> bool {
    let value = |name| headers.get(name).map(|v| v.to_str().unwrap_or(""));
    match (value(header::ORIGIN), value(header::REFERER)) {
        (Some(origin), _) => site.is_same_origin(origin),
        (None, Some(referer)) => site.is_same_origin(referer),
        (None, None) => false,
    }
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
    let anon = req.extensions().get::<AnonToken>().cloned();
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
        ErrorPage::Internal => ("error-500-title", "error-500-body"),
        ErrorPage::Unavailable => ("error-503-title", "error-503-body"),
    };
    let status = res.status();
    let ctx = PageCtx::build(user.as_ref(), &session, anon.as_ref(), &headers, &path).await;
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
