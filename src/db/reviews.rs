//! Key-list reviews (the meeting where the key list and owners are agreed).

use crate::domain::ids::ReviewId;
use crate::domain::review::ReviewStatus;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgExecutor};

/// A review in the list.
#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    /// Identifier.
    pub id: ReviewId,
    /// Title.
    pub title: String,
    /// Meeting date.
    pub held_on: NaiveDate,
    /// Draft or signed off.
    pub status: ReviewStatus,
    /// Signed off when.
    pub signed_off_at: Option<DateTime<Utc>>,
    /// Rows in the snapshot.
    pub rows: i64,
}

/// Every review, newest first.
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as(
        "SELECT r.id, r.title, r.held_on, r.status, r.signed_off_at,
                (SELECT count(*) FROM key_list_review_rows x WHERE x.review_id = r.id) AS rows
           FROM key_list_reviews r ORDER BY r.held_on DESC, r.id DESC",
    )
    .fetch_all(db)
    .await
}
