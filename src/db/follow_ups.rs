//! Follow-ups: dated next steps with an assignee.

use crate::domain::ids::{AccountId, FollowUpId, UserId};
use chrono::NaiveDate;
use sqlx::{FromRow, PgExecutor};

/// A follow-up in a list.
#[derive(Debug, Clone, FromRow)]
pub struct FollowUpRow {
    /// Identifier.
    pub id: FollowUpId,
    /// The account.
    pub account_id: AccountId,
    /// Its name.
    pub account_name: String,
    /// What to do.
    pub title: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Who.
    pub assignee_name: String,
    /// Done?
    pub done: bool,
}

/// Open follow-ups assigned to a user, soonest first.
pub async fn open_for_assignee(
    db: impl PgExecutor<'_>,
    user: UserId,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    sqlx::query_as(
        "SELECT f.id, f.account_id, a.name AS account_name, f.title, f.due_on, u.name AS assignee_name, f.done
           FROM follow_ups f JOIN accounts a ON a.id = f.account_id JOIN users u ON u.id = f.assignee_id
          WHERE f.assignee_id = $1 AND NOT f.done
          ORDER BY f.due_on, f.id
          LIMIT $2",
    )
    .bind(user)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Open follow-ups on the accounts a user may see (all accounts when `team_member` is None),
/// soonest first.
pub async fn open_visible(
    db: impl PgExecutor<'_>,
    team_member: Option<UserId>,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    sqlx::query_as(
        "SELECT f.id, f.account_id, a.name AS account_name, f.title, f.due_on, u.name AS assignee_name, f.done
           FROM follow_ups f JOIN accounts a ON a.id = f.account_id JOIN users u ON u.id = f.assignee_id
          WHERE NOT f.done
            AND ($1::uuid IS NULL OR f.assignee_id = $1 OR EXISTS (
                    SELECT 1 FROM account_team t
                     WHERE t.account_id = f.account_id AND t.user_id = $1 AND t.ended_on IS NULL))
          ORDER BY f.due_on, f.id
          LIMIT $2",
    )
    .bind(team_member)
    .bind(limit)
    .fetch_all(db)
    .await
}
