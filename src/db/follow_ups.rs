//! Follow-ups: dated next steps with an assignee.
//!
//! A follow-up assigned to you is yours to see, whichever account it is on; the account behind
//! it is not, unless it is in your [`AccountScope`]. For such a row the account's id and name
//! come back empty, and the page says "a client outside your teams" without a link.

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, ContactId, DealId, FollowUpId, OrderId, UserId};
use crate::domain::system_text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// A follow-up in a list.
#[derive(Debug, Clone)]
pub struct FollowUpRow {
    /// Identifier.
    pub id: FollowUpId,
    /// The account, when the reader may see it.
    pub account_id: Option<AccountId>,
    /// Its name, when the reader may see the account.
    pub account_name: Option<String>,
    /// What to do: typed, or raised by the system.
    pub title: Text,
    /// By when.
    pub due_on: NaiveDate,
    /// Who.
    pub assignee_name: String,
    /// Done?
    pub done: bool,
}

/// A follow-up row as selected, before its title is read back.
#[derive(FromRow)]
struct RawFollowUpRow {
    id: FollowUpId,
    account_id: Option<AccountId>,
    account_name: Option<String>,
    title: String,
    title_key: Option<String>,
    title_args: Option<String>,
    due_on: NaiveDate,
    assignee_name: String,
    done: bool,
}

impl TryFrom<RawFollowUpRow> for FollowUpRow {
    type Error = crate::domain::system_text::StoredTextError;
    fn try_from(r: RawFollowUpRow) -> Result<Self, Self::Error> {
        Ok(FollowUpRow {
            title: Text::from_stored(r.title, r.title_key.as_deref(), r.title_args.as_deref())?,
            id: r.id,
            account_id: r.account_id,
            account_name: r.account_name,
            due_on: r.due_on,
            assignee_name: r.assignee_name,
            done: r.done,
        })
    }
}

/// The select list and joins of a follow-up row for a reader whose accounts are `scope`: the
/// account's id and name only where the account is visible.
fn select(scope: AccountScope) -> QueryBuilder<'static, Postgres> {
    let mut q = QueryBuilder::new("SELECT f.id, CASE WHEN ");
    scope.push_visible(&mut q, "f.account_id");
    q.push(" THEN f.account_id END AS account_id, CASE WHEN ");
    scope.push_visible(&mut q, "f.account_id");
    q.push(
        " THEN a.name END AS account_name, f.title, f.title_key, f.title_args::text,
                f.due_on, u.name AS assignee_name, f.done
           FROM follow_ups f JOIN accounts a ON a.id = f.account_id JOIN users u ON u.id = f.assignee_id
          WHERE NOT f.done AND ",
    );
    q
}

/// Open follow-ups assigned to `user`, soonest first, shown to a reader whose accounts are
/// `scope`.
pub async fn open_for_assignee(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    user: UserId,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    let mut q = select(scope);
    q.push("f.assignee_id = ").push_bind(user);
    q.push(" ORDER BY f.due_on, f.id LIMIT ").push_bind(limit);
    let rows: Vec<RawFollowUpRow> = q.build_query_as().fetch_all(db).await?;
    super::decode_all(rows)
}

/// Open follow-ups a reader may see, soonest first: those on the accounts in `scope`, and
/// those assigned to the reader on any account.
pub async fn open_visible(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    reader: UserId,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    let mut q = select(scope);
    q.push("(f.assignee_id = ").push_bind(reader).push(" OR ");
    scope.push_visible(&mut q, "f.account_id");
    q.push(") ORDER BY f.due_on, f.id LIMIT ").push_bind(limit);
    let rows: Vec<RawFollowUpRow> = q.build_query_as().fetch_all(db).await?;
    super::decode_all(rows)
}

/// A follow-up to add, as the follow-up page, the system or the demo make it.
#[derive(Debug, Clone)]
pub struct NewFollowUp {
    /// Identifier (`FollowUpId::new()` for a page).
    pub id: FollowUpId,
    /// The client.
    pub account_id: AccountId,
    /// What to do: typed by a person, or a system message.
    pub title: Text,
    /// Notes, as typed.
    pub notes: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Who.
    pub assignee_id: UserId,
    /// When it was done, for one already done.
    pub done_at: Option<DateTime<Utc>>,
    /// About this contact.
    pub contact_id: Option<ContactId>,
    /// About this deal.
    pub deal_id: Option<DealId>,
    /// About this order.
    pub order_id: Option<OrderId>,
    /// Who raised it (None: the system).
    pub created_by: Option<UserId>,
    /// When (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Adds one follow-up.
pub async fn insert(conn: &mut PgConnection, follow_up: &NewFollowUp) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(follow_up)).await
}

/// Adds follow-ups in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, follow_ups: &[NewFollowUp]) -> sqlx::Result<()> {
    for chunk in follow_ups.chunks(super::BULK_ROWS) {
        let stored: Vec<_> = chunk.iter().map(|f| f.title.to_stored()).collect();
        sqlx::query(
            "INSERT INTO follow_ups (id, account_id, title, title_key, title_args, notes, due_on,
                 assignee_id, done, done_at, contact_id, deal_id, order_id, created_by,
                 created_at, updated_at)
             SELECT u.id, u.account_id, u.title, u.key, u.args::jsonb, u.notes, u.due_on,
                    u.assignee_id, u.done_at IS NOT NULL, u.done_at, u.contact_id, u.deal_id,
                    u.order_id, u.created_by, coalesce(u.created_at, now()),
                    coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::date[], $8::uuid[], $9::timestamptz[], $10::uuid[],
                    $11::uuid[], $12::uuid[], $13::uuid[], $14::timestamptz[])
                 AS u(id, account_id, title, key, args, notes, due_on, assignee_id, done_at,
                      contact_id, deal_id, order_id, created_by, created_at)",
        )
        .bind(chunk.iter().map(|f| f.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.account_id).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.0).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.1).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.2.as_deref()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.notes.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.due_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.assignee_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.done_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.contact_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.deal_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.order_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.created_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|f| f.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// How many open follow-ups on the accounts in `scope` are past their date on `today` (the
/// cockpit's "overdue across the teams"; the open-follow-ups index makes it a range count).
pub async fn overdue_count(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    today: NaiveDate,
) -> sqlx::Result<i64> {
    let mut q = sqlx::QueryBuilder::new(
        "SELECT count(*) FROM follow_ups f WHERE NOT f.done AND f.due_on < ",
    );
    q.push_bind(today).push(" AND ");
    scope.push_visible(&mut q, "f.account_id");
    q.build_query_scalar().fetch_one(db).await
}
