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
    pub assignee_id: UserId,
    /// Their name.
    pub assignee_name: String,
    /// Done?
    pub done: bool,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
    /// Who ticked it off.
    pub done_by_name: Option<String>,
    /// Its version (the done/undone buttons carry it).
    pub version: i32,
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
    assignee_id: UserId,
    assignee_name: String,
    done: bool,
    done_at: Option<DateTime<Utc>>,
    done_by_name: Option<String>,
    version: i32,
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
            assignee_id: r.assignee_id,
            assignee_name: r.assignee_name,
            done: r.done,
            done_at: r.done_at,
            done_by_name: r.done_by_name,
            version: r.version,
        })
    }
}

/// The select list and joins of a follow-up row for a reader whose accounts are `scope`: the
/// account's id and name only where the account is visible. Ends with `WHERE `.
fn select(scope: AccountScope) -> QueryBuilder<'static, Postgres> {
    let mut q = QueryBuilder::new("SELECT f.id, CASE WHEN ");
    scope.push_visible(&mut q, "f.account_id");
    q.push(" THEN f.account_id END AS account_id, CASE WHEN ");
    scope.push_visible(&mut q, "f.account_id");
    q.push(
        " THEN a.name END AS account_name, f.title, f.title_key, f.title_args::text,
                f.due_on, f.assignee_id, u.name AS assignee_name, f.done, f.done_at,
                db.name AS done_by_name, f.version
           FROM follow_ups f JOIN accounts a ON a.id = f.account_id
           JOIN users u ON u.id = f.assignee_id LEFT JOIN users db ON db.id = f.done_by
          WHERE ",
    );
    q
}

/// Whose follow-ups a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Those assigned to the reader, on any account.
    Mine,
    /// Those on the accounts the reader may see (their teams'; every account for directors),
    /// and those assigned to the reader.
    Visible,
}

/// What a follow-up list shows.
#[derive(Debug, Clone)]
pub struct FollowUpFilter {
    /// The reader's accounts.
    pub scope: AccountScope,
    /// The reader.
    pub reader: UserId,
    /// Whose.
    pub whose: Whose,
    /// Done ones (sorted by due date, newest first) instead of open ones (oldest first).
    pub done: bool,
    /// Only this account's (visible to the reader).
    pub account: Option<AccountId>,
    /// Only those assigned to this user.
    pub assignee: Option<UserId>,
    /// Due on or after.
    pub due_from: Option<NaiveDate>,
    /// Due on or before.
    pub due_to: Option<NaiveDate>,
}

impl FollowUpFilter {
    /// The open follow-ups of `whose` for `reader`.
    pub fn open(scope: AccountScope, reader: UserId, whose: Whose) -> FollowUpFilter {
        FollowUpFilter {
            scope,
            reader,
            whose,
            done: false,
            account: None,
            assignee: None,
            due_from: None,
            due_to: None,
        }
    }

    fn push_where(&self, q: &mut QueryBuilder<'_, Postgres>) {
        q.push(if self.done { "f.done" } else { "NOT f.done" });
        match self.whose {
            Whose::Mine => {
                q.push(" AND f.assignee_id = ").push_bind(self.reader);
            }
            Whose::Visible => {
                q.push(" AND (f.assignee_id = ")
                    .push_bind(self.reader)
                    .push(" OR ");
                self.scope.push_visible(q, "f.account_id");
                q.push(")");
            }
        }
        if let Some(a) = self.account {
            // Only a visible account's follow-ups may be asked for by account.
            q.push(" AND f.account_id = ").push_bind(a).push(" AND ");
            self.scope.push_visible(q, "f.account_id");
        }
        if let Some(u) = self.assignee {
            q.push(" AND f.assignee_id = ").push_bind(u);
        }
        if let Some(d) = self.due_from {
            q.push(" AND f.due_on >= ").push_bind(d);
        }
        if let Some(d) = self.due_to {
            q.push(" AND f.due_on <= ").push_bind(d);
        }
    }

    /// Open ones soonest first; done ones latest first.
    fn descending(&self) -> bool {
        self.done
    }
}

/// A place in a follow-up list: the due date and the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpKey {
    /// Due date.
    pub due_on: NaiveDate,
    /// The id that breaks ties.
    pub id: FollowUpId,
}

impl FollowUpKey {
    /// The key of a row.
    pub fn of(row: &FollowUpRow) -> FollowUpKey {
        FollowUpKey {
            due_on: row.due_on,
            id: row.id,
        }
    }
}

/// Which page of a follow-up list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FollowUpPageAt {
    /// The first.
    #[default]
    First,
    /// After this key.
    After(FollowUpKey),
    /// Before this key.
    Before(FollowUpKey),
}

/// One page of the follow-ups `filter` admits.
pub async fn page(
    db: impl PgExecutor<'_>,
    filter: &FollowUpFilter,
    at: FollowUpPageAt,
    limit: i64,
) -> sqlx::Result<super::orders::Page<FollowUpRow>> {
    let mut q = select(filter.scope);
    filter.push_where(&mut q);
    let backwards = matches!(at, FollowUpPageAt::Before(_));
    let key = match at {
        FollowUpPageAt::First => None,
        FollowUpPageAt::After(k) | FollowUpPageAt::Before(k) => Some(k),
    };
    let descending = filter.descending() != backwards;
    if let Some(k) = key {
        q.push(if descending {
            " AND (f.due_on, f.id) < ("
        } else {
            " AND (f.due_on, f.id) > ("
        });
        q.push_bind(k.due_on).push(", ").push_bind(k.id).push(")");
    }
    let dir = if descending { "DESC" } else { "ASC" };
    q.push(format!(" ORDER BY f.due_on {dir}, f.id {dir} LIMIT "));
    q.push_bind(limit + 1);
    let raw: Vec<RawFollowUpRow> = q.build_query_as().fetch_all(db).await?;
    let mut rows: Vec<FollowUpRow> = super::decode_all(raw)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    if backwards {
        rows.reverse();
    }
    Ok(super::orders::Page {
        rows,
        has_previous: if backwards { more } else { key.is_some() },
        has_next: if backwards { true } else { more },
    })
}

/// Calls `sink` with every follow-up `filter` admits, in list order, while it answers `true`.
pub async fn each<F, Fut>(
    db: &sqlx::PgPool,
    filter: &FollowUpFilter,
    mut sink: F,
) -> sqlx::Result<()>
where
    F: FnMut(FollowUpRow) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let mut q = select(filter.scope);
    filter.push_where(&mut q);
    let dir = if filter.descending() { "DESC" } else { "ASC" };
    q.push(format!(" ORDER BY f.due_on {dir}, f.id {dir}"));
    let mut rows = q.build_query_as::<RawFollowUpRow>().fetch(db);
    while let Some(raw) = rows.try_next().await? {
        let row = FollowUpRow::try_from(raw).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        if !sink(row).await {
            break;
        }
    }
    Ok(())
}

/// How many follow-ups `filter` admits (the home page's "and 12 more").
pub async fn count(db: impl PgExecutor<'_>, filter: &FollowUpFilter) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*) FROM follow_ups f WHERE ");
    filter.push_where(&mut q);
    q.build_query_scalar().fetch_one(db).await
}

/// Open follow-ups assigned to `user`, soonest first, shown to a reader whose accounts are
/// `scope`.
pub async fn open_for_assignee(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    user: UserId,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    let filter = FollowUpFilter::open(scope, user, Whose::Mine);
    Ok(page(db, &filter, FollowUpPageAt::First, limit).await?.rows)
}

/// Open follow-ups a reader may see, soonest first: those on the accounts in `scope`, and
/// those assigned to the reader on any account.
pub async fn open_visible(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    reader: UserId,
    limit: i64,
) -> sqlx::Result<Vec<FollowUpRow>> {
    let filter = FollowUpFilter::open(scope, reader, Whose::Visible);
    Ok(page(db, &filter, FollowUpPageAt::First, limit).await?.rows)
}

/// One follow-up with everything its edit page shows.
#[derive(Debug, Clone, FromRow)]
pub struct FollowUpDetail {
    /// Identifier.
    pub id: FollowUpId,
    /// The account.
    pub account_id: AccountId,
    /// Typed title ("" for system text).
    pub title: String,
    /// System text key.
    pub title_key: Option<String>,
    /// System text arguments (JSON).
    pub title_args: Option<String>,
    /// Notes.
    pub notes: String,
    /// Due.
    pub due_on: NaiveDate,
    /// Assignee.
    pub assignee_id: UserId,
    /// Done?
    pub done: bool,
    /// When done.
    pub done_at: Option<DateTime<Utc>>,
    /// Who ticked it off.
    pub done_by_name: Option<String>,
    /// About this contact.
    pub contact_id: Option<ContactId>,
    /// About this deal.
    pub deal_id: Option<DealId>,
    /// About this order.
    pub order_id: Option<OrderId>,
    /// Who raised it (None: the system).
    pub created_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Version for edits.
    pub version: i32,
}

impl FollowUpDetail {
    /// The title as typed or as the system raised it.
    pub fn title_text(&self) -> Result<Text, crate::domain::system_text::StoredTextError> {
        Text::from_stored(
            self.title.clone(),
            self.title_key.as_deref(),
            self.title_args.as_deref(),
        )
    }
}

/// The follow-up `id`, if it is on `account`.
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: FollowUpId,
) -> sqlx::Result<Option<FollowUpDetail>> {
    sqlx::query_as(
        "SELECT f.id, f.account_id, f.title, f.title_key, f.title_args::text, f.notes, f.due_on,
                f.assignee_id, f.done, f.done_at, d.name AS done_by_name, f.contact_id, f.deal_id,
                f.order_id, c.name AS created_by_name, f.created_at, f.version
           FROM follow_ups f LEFT JOIN users d ON d.id = f.done_by LEFT JOIN users c ON c.id = f.created_by
          WHERE f.id = $1 AND f.account_id = $2",
    )
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

/// Who a follow-up belongs to, for the done/undone check.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct Ownership {
    /// Its account.
    pub account_id: AccountId,
    /// Its assignee.
    pub assignee_id: UserId,
}

/// The account and assignee of the follow-up `id`.
pub async fn ownership(db: impl PgExecutor<'_>, id: FollowUpId) -> sqlx::Result<Option<Ownership>> {
    sqlx::query_as("SELECT account_id, assignee_id FROM follow_ups WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A follow-up as stored, locked for the rest of the transaction.
#[derive(Debug, Clone, FromRow)]
pub struct LockedFollowUp {
    /// Version.
    pub version: i32,
    /// Done?
    pub done: bool,
    /// Due.
    pub due_on: NaiveDate,
    /// Assignee.
    pub assignee_id: UserId,
    /// Typed title.
    pub title: String,
    /// System text key.
    pub title_key: Option<String>,
}

/// Locks the follow-up `id` (`None`: it is gone).
pub async fn lock(conn: &mut PgConnection, id: FollowUpId) -> sqlx::Result<Option<LockedFollowUp>> {
    sqlx::query_as(
        "SELECT version, done, due_on, assignee_id, title, title_key FROM follow_ups
          WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// New values of a follow-up.
#[derive(Debug, Clone)]
pub struct FollowUpEdit {
    /// What to do.
    pub title: Text,
    /// Notes.
    pub notes: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Who.
    pub assignee_id: UserId,
    /// About this contact.
    pub contact_id: Option<ContactId>,
    /// About this deal.
    pub deal_id: Option<DealId>,
    /// About this order.
    pub order_id: Option<OrderId>,
}

/// Saves an edit if the follow-up is still at `version`; `false` when someone saved first.
pub async fn update(
    conn: &mut PgConnection,
    id: FollowUpId,
    version: i32,
    edit: &FollowUpEdit,
) -> sqlx::Result<bool> {
    let (text, key, args) = edit.title.to_stored();
    let n = sqlx::query(
        "UPDATE follow_ups SET title = $3, title_key = $4, title_args = $5::jsonb, notes = $6,
                due_on = $7, assignee_id = $8, contact_id = $9, deal_id = $10, order_id = $11,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(text)
    .bind(key)
    .bind(args)
    .bind(&edit.notes)
    .bind(edit.due_on)
    .bind(edit.assignee_id)
    .bind(edit.contact_id)
    .bind(edit.deal_id)
    .bind(edit.order_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Ticks a follow-up off (`by` is who) or reopens it (`None`) if it is still at `version`;
/// `false` when someone saved first.
pub async fn set_done(
    conn: &mut PgConnection,
    id: FollowUpId,
    version: i32,
    by: Option<UserId>,
) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE follow_ups SET done = $3, done_at = CASE WHEN $3 THEN now() END, done_by = $4,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(by.is_some())
    .bind(by)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
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
    /// Who ticked it off, for one already done.
    pub done_by: Option<UserId>,
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
                 assignee_id, done, done_at, done_by, contact_id, deal_id, order_id, created_by,
                 created_at, updated_at)
             SELECT u.id, u.account_id, u.title, u.key, u.args::jsonb, u.notes, u.due_on,
                    u.assignee_id, u.done_at IS NOT NULL, u.done_at, u.done_by, u.contact_id,
                    u.deal_id, u.order_id, u.created_by, coalesce(u.created_at, now()),
                    coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::date[], $8::uuid[], $9::timestamptz[], $10::uuid[],
                    $11::uuid[], $12::uuid[], $13::uuid[], $14::uuid[], $15::timestamptz[])
                 AS u(id, account_id, title, key, args, notes, due_on, assignee_id, done_at,
                      done_by, contact_id, deal_id, order_id, created_by, created_at)",
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
        .bind(chunk.iter().map(|f| f.done_by).collect::<Vec<_>>())
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

/// Something a follow-up may be about, for the form's choice.
#[derive(Debug, Clone, FromRow)]
pub struct LinkChoice {
    /// Its id.
    pub id: uuid::Uuid,
    /// How the form names it (a contact's name, a deal's title, an order's date and amount).
    pub label: String,
}

/// What a follow-up on `account` may be about: its contacts, its deals and its latest orders
/// (with the order the follow-up is already about, however old).
#[derive(Debug, Clone, Default)]
pub struct LinkChoices {
    /// Contacts, by name.
    pub contacts: Vec<LinkChoice>,
    /// Deals and tenders, newest first.
    pub deals: Vec<LinkChoice>,
    /// Orders, newest first.
    pub orders: Vec<LinkChoice>,
}

/// Orders offered as a follow-up's subject.
const ORDER_CHOICES: i64 = 50;

/// The link choices of a follow-up form on `account`.
pub async fn link_choices(
    db: &sqlx::PgPool,
    account: AccountId,
    current_order: Option<OrderId>,
) -> sqlx::Result<LinkChoices> {
    let contacts = sqlx::query_as(
        "SELECT id, full_name AS label FROM contacts WHERE account_id = $1 ORDER BY lower(full_name), id",
    )
    .bind(account)
    .fetch_all(db)
    .await?;
    let deals = sqlx::query_as(
        "SELECT id, title AS label FROM deals WHERE account_id = $1 ORDER BY opened_on DESC, id DESC",
    )
    .bind(account)
    .fetch_all(db)
    .await?;
    let orders = sqlx::query_as(
        "(SELECT id, ordered_on::text || ' · ' || amount::text || ' ' || currency AS label, ordered_on
            FROM orders WHERE account_id = $1 ORDER BY ordered_on DESC, id DESC LIMIT $2)
         UNION
         SELECT id, ordered_on::text || ' · ' || amount::text || ' ' || currency, ordered_on
           FROM orders WHERE account_id = $1 AND id = $3
         ORDER BY ordered_on DESC, id DESC",
    )
    .bind(account)
    .bind(ORDER_CHOICES)
    .bind(current_order)
    .fetch_all(db)
    .await?;
    Ok(LinkChoices {
        contacts,
        deals,
        orders,
    })
}
