//! Account teams: who works on a client, in which role, from when to when. The database keeps
//! at most one current owner per account and one current stint per person and account.

use crate::domain::ids::{AccountId, TeamStintId, UserId};
use crate::domain::team::TeamRole;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// A person's stint on an account's team; an ended one is history.
#[derive(Debug, Clone)]
pub struct NewStint {
    /// Identifier (`TeamStintId::new()` for a page).
    pub id: TeamStintId,
    /// The client.
    pub account_id: AccountId,
    /// The person.
    pub user_id: UserId,
    /// Owner, assistant or member.
    pub role: TeamRole,
    /// Their function on the account ("logistics"), as typed; may be empty.
    pub function: String,
    /// From (None: today).
    pub started_on: Option<NaiveDate>,
    /// Until, for a finished stint.
    pub ended_on: Option<NaiveDate>,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

impl NewStint {
    /// A stint starting today, e.g. the owner of a new account.
    pub fn starting_now(account_id: AccountId, user_id: UserId, role: TeamRole) -> NewStint {
        NewStint {
            id: TeamStintId::new(),
            account_id,
            user_id,
            role,
            function: String::new(),
            started_on: None,
            ended_on: None,
            created_at: None,
        }
    }
}

/// Adds one stint; a second current owner fails with a unique violation of
/// `account_team_one_owner`.
pub async fn insert(conn: &mut PgConnection, stint: &NewStint) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(stint)).await
}

/// Adds stints in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, stints: &[NewStint]) -> sqlx::Result<()> {
    for chunk in stints.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO account_team (id, account_id, user_id, team_role, function,
                 started_on, ended_on, created_at)
             SELECT u.id, u.account_id, u.user_id, u.role, u.function,
                    coalesce(u.started_on, current_date), u.ended_on, coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
                    $6::date[], $7::date[], $8::timestamptz[])
                 AS u(id, account_id, user_id, role, function, started_on, ended_on, created_at)",
        )
        .bind(chunk.iter().map(|t| t.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.user_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.role.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|t| t.function.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|t| t.started_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.ended_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
