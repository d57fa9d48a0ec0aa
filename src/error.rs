//! The web layer's one error type, and the one place where errors become pages.
//!
//! A handler returns `AppError`; `into_response` only records which error page to show (it has
//! no access to the signed-in user or language). The `render_error_pages` middleware, which has
//! the request, renders that page inside the normal layout in the user's language. 5xx errors are
//! logged there with the request id.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a request could not be served.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not signed in: go to the sign-in page.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in, but the permission gate said no.
    #[error("forbidden")]
    Forbidden,
    /// No such page or record (or one the user may not know exists).
    #[error("not found")]
    NotFound,
    /// The CSRF token was missing or wrong.
    #[error("csrf token missing or invalid")]
    Csrf,
    /// Someone else changed the record first: the form again, with the stored version beside
    /// the reader's input (see [`AppError::conflict`]).
    #[error("edit conflict")]
    Conflict(Box<Response>),
    /// A request that cannot be understood (not a form with field errors: those re-render).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The database cannot be reached.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Anything else: a bug or an infrastructure failure.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                AppError::Unavailable(e.to_string())
            }
            _ => AppError::Internal(e.into()),
        }
    }
}

impl AppError {
    /// A stale save: `page` is the form shown again with the stored version and the input kept;
    /// it is answered with 409.
    pub fn conflict(page: impl IntoResponse) -> AppError {
        AppError::Conflict(Box::new(page.into_response()))
    }

    /// The HTTP status of the page shown for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::SEE_OTHER,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Placed in a response's extensions so that `render_error_pages` knows what to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPage {
    /// 400
    BadRequest,
    /// 403
    Forbidden,
    /// 403 for a stale or missing form token
    Csrf,
    /// 404
    NotFound,
    /// 500
    Internal,
    /// 503
    Unavailable,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Conflict(page) = self {
            let mut res = *page;
            *res.status_mut() = StatusCode::CONFLICT;
            return res;
        }
        let page = match &self {
            AppError::Unauthenticated => {
                return axum::response::Redirect::to("/login").into_response();
            }
            AppError::Forbidden => ErrorPage::Forbidden,
            AppError::Csrf => ErrorPage::Csrf,
            AppError::NotFound => ErrorPage::NotFound,
            AppError::Conflict(_) => unreachable!("answered above"),
            AppError::BadRequest(_) => ErrorPage::BadRequest,
            AppError::Unavailable(e) => {
                tracing::error!(error = %e, "database unavailable");
                ErrorPage::Unavailable
            }
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                ErrorPage::Internal
            }
        };
        let mut res = self.status().into_response();
        res.extensions_mut().insert(page);
        res
    }
}

/// Handlers return this.
pub type AppResult<T> = Result<T, AppError>;
