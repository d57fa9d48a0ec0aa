//! Orders logged against accounts.

use crate::domain::ids::{AccountId, OrderId, UserId};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgExecutor};

/// An order in a list.
#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    /// Identifier.
    pub id: OrderId,
    /// The account.
    pub account_id: AccountId,
    /// Its name.
    pub account_name: String,
    /// Order date.
    pub ordered_on: NaiveDate,
    /// Amount.
    pub amount: Decimal,
    /// Margin.
    pub margin: Decimal,
    /// Currency.
    pub currency: String,
    /// Status.
    pub status: String,
    /// What was ordered.
    pub description: String,
    /// Who logged it.
    pub logged_by_name: Option<String>,
}

/// The latest orders on the accounts a user may see (all when `team_member` is None).
pub async fn recent_visible(
    db: impl PgExecutor<'_>,
    team_member: Option<UserId>,
    limit: i64,
) -> sqlx::Result<Vec<OrderRow>> {
    sqlx::query_as(
        "SELECT o.id, o.account_id, a.name AS account_name, o.ordered_on, o.amount, o.margin, o.currency,
                o.status, o.description, u.name AS logged_by_name
           FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.logged_by
          WHERE ($1::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM account_team t
                     WHERE t.account_id = o.account_id AND t.user_id = $1 AND t.ended_on IS NULL))
          ORDER BY o.ordered_on DESC, o.id DESC
          LIMIT $2",
    )
    .bind(team_member)
    .bind(limit)
    .fetch_all(db)
    .await
}
