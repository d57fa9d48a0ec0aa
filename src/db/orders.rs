//! Orders logged against accounts: the writers (one order, a batch, a bulk import), the lists
//! (filtered, sorted, paged by key in both directions), one order with its status history, and
//! the version-checked edits and status moves.

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, OrderId, UserId};
use crate::domain::money::Currency;
use crate::domain::order::OrderStatus;
use crate::domain::system_text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// An order in a list.
#[derive(Debug, Clone)]
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
    pub currency: Currency,
    /// Status.
    pub status: OrderStatus,
    /// What was ordered: typed, or a product line the system wrote.
    pub description: Text,
    /// Who logged it.
    pub logged_by_name: Option<String>,
    /// Its version (a status button carries it).
    pub version: i32,
}

/// An order row as selected, before its description is read back.
#[derive(FromRow)]
struct RawOrderRow {
    id: OrderId,
    account_id: AccountId,
    account_name: String,
    ordered_on: NaiveDate,
    amount: Decimal,
    margin: Decimal,
    currency: Currency,
    status: OrderStatus,
    description: String,
    description_key: Option<String>,
    description_args: Option<String>,
    logged_by_name: Option<String>,
    version: i32,
}

impl TryFrom<RawOrderRow> for OrderRow {
    type Error = crate::domain::system_text::StoredTextError;
    fn try_from(r: RawOrderRow) -> Result<Self, Self::Error> {
        Ok(OrderRow {
            description: Text::from_stored(
                r.description,
                r.description_key.as_deref(),
                r.description_args.as_deref(),
            )?,
            id: r.id,
            account_id: r.account_id,
            account_name: r.account_name,
            ordered_on: r.ordered_on,
            amount: r.amount,
            margin: r.margin,
            currency: r.currency,
            status: r.status,
            logged_by_name: r.logged_by_name,
            version: r.version,
        })
    }
}

const SELECT_ROW: &str =
    "SELECT o.id, o.account_id, a.name AS account_name, o.ordered_on, o.amount,
        o.margin, o.currency, o.status, o.description, o.description_key,
        o.description_args::text, u.name AS logged_by_name, o.version
   FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.logged_by
  WHERE ";

/// What an order list shows.
#[derive(Debug, Clone)]
pub struct OrderFilter {
    /// The accounts whose orders may be listed.
    pub scope: AccountScope,
    /// Only this account's.
    pub account: Option<AccountId>,
    /// Only accounts whose name contains this.
    pub client: Option<String>,
    /// Only orders with this status.
    pub status: Option<OrderStatus>,
    /// Ordered on or after.
    pub from: Option<NaiveDate>,
    /// Ordered on or before.
    pub to: Option<NaiveDate>,
    /// Logged by this user.
    pub logged_by: Option<UserId>,
}

impl OrderFilter {
    /// Every order in `scope`.
    pub fn scoped(scope: AccountScope) -> OrderFilter {
        OrderFilter {
            scope,
            account: None,
            client: None,
            status: None,
            from: None,
            to: None,
            logged_by: None,
        }
    }

    fn push_where(&self, q: &mut QueryBuilder<'_, Postgres>) {
        self.scope.push_visible(q, "o.account_id");
        if let Some(a) = self.account {
            q.push(" AND o.account_id = ").push_bind(a);
        }
        if let Some(c) = &self.client {
            q.push(" AND a.name ILIKE '%' || ")
                .push_bind(super::accounts::escape_like(c))
                .push(" || '%'");
        }
        if let Some(s) = self.status {
            q.push(" AND o.status = ").push_bind(s);
        }
        if let Some(d) = self.from {
            q.push(" AND o.ordered_on >= ").push_bind(d);
        }
        if let Some(d) = self.to {
            q.push(" AND o.ordered_on <= ").push_bind(d);
        }
        if let Some(u) = self.logged_by {
            q.push(" AND o.logged_by = ").push_bind(u);
        }
    }
}

/// How an order list is sorted. Every order has a unique place (the id breaks ties), so a
/// page boundary never drops or repeats an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrderSort {
    /// Newest first (the default).
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Largest first.
    AmountDesc,
    /// Smallest first.
    AmountAsc,
}

impl OrderSort {
    /// Every sort, for the page's choice.
    pub const ALL: [OrderSort; 4] = [
        OrderSort::DateDesc,
        OrderSort::DateAsc,
        OrderSort::AmountDesc,
        OrderSort::AmountAsc,
    ];

    /// Its name in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderSort::DateDesc => "date-desc",
            OrderSort::DateAsc => "date-asc",
            OrderSort::AmountDesc => "amount-desc",
            OrderSort::AmountAsc => "amount-asc",
        }
    }

    /// The sort named `s` in a URL.
    pub fn parse(s: &str) -> Option<OrderSort> {
        OrderSort::ALL.into_iter().find(|o| o.as_str() == s)
    }

    fn column(self) -> &'static str {
        match self {
            OrderSort::DateDesc | OrderSort::DateAsc => "o.ordered_on",
            OrderSort::AmountDesc | OrderSort::AmountAsc => "o.amount",
        }
    }

    fn descending(self) -> bool {
        matches!(self, OrderSort::DateDesc | OrderSort::AmountDesc)
    }

    /// The key of `row` in this sort: where the next or previous page starts.
    pub fn key_of(self, row: &OrderRow) -> OrderKey {
        let value = match self {
            OrderSort::DateDesc | OrderSort::DateAsc => KeyValue::Date(row.ordered_on),
            OrderSort::AmountDesc | OrderSort::AmountAsc => KeyValue::Amount(row.amount),
        };
        OrderKey { value, id: row.id }
    }
}

/// The sorted value of a page key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyValue {
    /// An order date.
    Date(NaiveDate),
    /// An amount.
    Amount(Decimal),
}

/// A place in a sorted order list: the sorted value and the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderKey {
    /// The sorted value.
    pub value: KeyValue,
    /// The id that breaks ties.
    pub id: OrderId,
}

/// Which page of a sorted list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageAt {
    /// The first.
    #[default]
    First,
    /// The rows after this key.
    After(OrderKey),
    /// The rows before this key (the previous page).
    Before(OrderKey),
}

/// One page of a list and whether there are rows beyond it in each direction.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The rows, in the list's order.
    pub rows: Vec<T>,
    /// Whether rows come before the first one.
    pub has_previous: bool,
    /// Whether rows come after the last one.
    pub has_next: bool,
}

/// One page of the orders `filter` admits, sorted by `sort`, `limit` rows from `at`.
pub async fn page(
    db: impl PgExecutor<'_>,
    filter: &OrderFilter,
    sort: OrderSort,
    at: PageAt,
    limit: i64,
) -> sqlx::Result<Page<OrderRow>> {
    let mut q = QueryBuilder::new(SELECT_ROW);
    filter.push_where(&mut q);
    // Going back reads the list backwards from the key, then turns the rows round.
    let backwards = matches!(at, PageAt::Before(_));
    let key = match at {
        PageAt::First => None,
        PageAt::After(k) | PageAt::Before(k) => Some(k),
    };
    let descending = sort.descending() != backwards;
    if let Some(k) = key {
        q.push(format!(
            " AND ({}, o.id) {} (",
            sort.column(),
            if descending { "<" } else { ">" }
        ));
        match k.value {
            KeyValue::Date(d) => q.push_bind(d),
            KeyValue::Amount(a) => q.push_bind(a),
        };
        q.push(", ").push_bind(k.id).push(")");
    }
    let dir = if descending { "DESC" } else { "ASC" };
    q.push(format!(
        " ORDER BY {} {dir}, o.id {dir} LIMIT ",
        sort.column()
    ));
    q.push_bind(limit + 1);
    let raw: Vec<RawOrderRow> = q.build_query_as().fetch_all(db).await?;
    let mut rows: Vec<OrderRow> = super::decode_all(raw)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    if backwards {
        rows.reverse();
    }
    Ok(Page {
        rows,
        has_previous: if backwards { more } else { key.is_some() },
        has_next: if backwards { true } else { more },
    })
}

/// Calls `sink` with every order `filter` admits, in `sort` order, while it answers `true`:
/// an export streams rows from here without holding them.
pub async fn each<F, Fut>(
    db: &sqlx::PgPool,
    filter: &OrderFilter,
    sort: OrderSort,
    mut sink: F,
) -> sqlx::Result<()>
where
    F: FnMut(OrderRow) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let mut q = QueryBuilder::new(SELECT_ROW);
    filter.push_where(&mut q);
    let dir = if sort.descending() { "DESC" } else { "ASC" };
    q.push(format!(" ORDER BY {} {dir}, o.id {dir}", sort.column()));
    let mut rows = q.build_query_as::<RawOrderRow>().fetch(db);
    while let Some(raw) = rows.try_next().await? {
        let row = OrderRow::try_from(raw).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        if !sink(row).await {
            break;
        }
    }
    Ok(())
}

/// The latest orders on the accounts in `scope`.
pub async fn recent_visible(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    limit: i64,
) -> sqlx::Result<Vec<OrderRow>> {
    let filter = OrderFilter::scoped(scope);
    Ok(page(db, &filter, OrderSort::DateDesc, PageAt::First, limit)
        .await?
        .rows)
}

/// One order with what its page shows.
#[derive(Debug, Clone)]
pub struct OrderDetail {
    /// The order as a list shows it.
    pub row: OrderRow,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct RawDetail {
    #[sqlx(flatten)]
    row: RawOrderRow,
    created_at: DateTime<Utc>,
}

/// The order `id`, if it is on `account`.
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: OrderId,
) -> sqlx::Result<Option<OrderDetail>> {
    let raw: Option<RawDetail> = sqlx::query_as(
        "SELECT o.id, o.account_id, a.name AS account_name, o.ordered_on, o.amount, o.margin,
                o.currency, o.status, o.description, o.description_key, o.description_args::text,
                u.name AS logged_by_name, o.version, o.created_at
           FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.logged_by
          WHERE o.id = $1 AND o.account_id = $2",
    )
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await?;
    raw.map(|r| {
        Ok(OrderDetail {
            row: OrderRow::try_from(r.row).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            created_at: r.created_at,
        })
    })
    .transpose()
}

/// An order as stored, locked for the rest of the transaction (edits and moves read it here).
#[derive(Debug, Clone, FromRow)]
pub struct LockedOrder {
    /// Its version.
    pub version: i32,
    /// Its status.
    pub status: OrderStatus,
    /// Date.
    pub ordered_on: NaiveDate,
    /// Amount.
    pub amount: Decimal,
    /// Margin.
    pub margin: Decimal,
    /// Currency.
    pub currency: Currency,
    /// Typed description ("" for system text).
    pub description: String,
    /// The system text's key, when the description is one.
    pub description_key: Option<String>,
}

/// Locks the order `id` on `account` (`None`: no such order there).
pub async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    id: OrderId,
) -> sqlx::Result<Option<LockedOrder>> {
    sqlx::query_as(
        "SELECT version, status, ordered_on, amount, margin, currency, description, description_key
           FROM orders WHERE id = $1 AND account_id = $2 FOR UPDATE",
    )
    .bind(id)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// New values of an order's own fields (its status moves separately).
#[derive(Debug, Clone)]
pub struct OrderEdit {
    /// Date.
    pub ordered_on: NaiveDate,
    /// Amount.
    pub amount: Decimal,
    /// Margin.
    pub margin: Decimal,
    /// Currency.
    pub currency: Currency,
    /// Description.
    pub description: Text,
}

/// Saves an edit if the order is still at `version`; `false` when someone saved first.
pub async fn update(
    conn: &mut PgConnection,
    id: OrderId,
    version: i32,
    edit: &OrderEdit,
) -> sqlx::Result<bool> {
    let (text, key, args) = edit.description.to_stored();
    let n = sqlx::query(
        "UPDATE orders SET ordered_on = $3, amount = $4, margin = $5, currency = $6,
                description = $7, description_key = $8, description_args = $9::jsonb,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(edit.ordered_on)
    .bind(edit.amount)
    .bind(edit.margin)
    .bind(edit.currency)
    .bind(text)
    .bind(key)
    .bind(args)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Moves an order to `to` if it is still at `version`, and records the move; `false` when
/// someone saved first. The caller has checked the move with `domain::order::move_status`.
pub async fn move_status(
    conn: &mut PgConnection,
    account: AccountId,
    id: OrderId,
    version: i32,
    from: OrderStatus,
    to: OrderStatus,
    by: UserId,
) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE orders SET status = $3, version = version + 1 WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(to)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n != 1 {
        return Ok(false);
    }
    insert_status_change(
        conn,
        &NewStatusChange {
            id: uuid::Uuid::now_v7(),
            order_id: id,
            account_id: account,
            from,
            to,
            changed_by: Some(by),
            changed_at: None,
        },
    )
    .await?;
    Ok(true)
}

/// A recorded status move.
#[derive(Debug, Clone, FromRow)]
pub struct StatusChangeRow {
    /// From.
    pub from_status: OrderStatus,
    /// To.
    pub to_status: OrderStatus,
    /// Who.
    pub changed_by_name: Option<String>,
    /// When.
    pub changed_at: DateTime<Utc>,
}

/// An order's status moves, oldest first.
pub async fn status_history(
    db: impl PgExecutor<'_>,
    id: OrderId,
) -> sqlx::Result<Vec<StatusChangeRow>> {
    sqlx::query_as(
        "SELECT h.from_status, h.to_status, u.name AS changed_by_name, h.changed_at
           FROM order_status_history h LEFT JOIN users u ON u.id = h.changed_by
          WHERE h.order_id = $1 ORDER BY h.changed_at, h.id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// A status move to record, as a page or the demo make it.
#[derive(Debug, Clone)]
pub struct NewStatusChange {
    /// Identifier.
    pub id: uuid::Uuid,
    /// The order.
    pub order_id: OrderId,
    /// Its account.
    pub account_id: AccountId,
    /// From.
    pub from: OrderStatus,
    /// To.
    pub to: OrderStatus,
    /// Who (None: the system).
    pub changed_by: Option<UserId>,
    /// When (None: now).
    pub changed_at: Option<DateTime<Utc>>,
}

/// Records one status move.
pub async fn insert_status_change(
    conn: &mut PgConnection,
    change: &NewStatusChange,
) -> sqlx::Result<()> {
    insert_status_changes(conn, std::slice::from_ref(change)).await
}

/// Records status moves in batches: the same statement as [`insert_status_change`].
pub async fn insert_status_changes(
    conn: &mut PgConnection,
    changes: &[NewStatusChange],
) -> sqlx::Result<()> {
    for chunk in changes.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO order_status_history (id, order_id, account_id, from_status, to_status,
                 changed_by, changed_at)
             SELECT u.id, u.order_id, u.account_id, u.from_status, u.to_status, u.changed_by,
                    coalesce(u.changed_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
                    $6::uuid[], $7::timestamptz[])
                 AS u(id, order_id, account_id, from_status, to_status, changed_by, changed_at)",
        )
        .bind(chunk.iter().map(|c| c.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.order_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.from).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.to).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.changed_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.changed_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An order to log, as the order page, the import or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewOrder {
    /// Identifier (`OrderId::new()` for a page).
    pub id: OrderId,
    /// The client.
    pub account_id: AccountId,
    /// Order date.
    pub ordered_on: NaiveDate,
    /// Amount, not negative.
    pub amount: Decimal,
    /// Margin, not above the amount.
    pub margin: Decimal,
    /// Currency.
    pub currency: Currency,
    /// What was ordered.
    pub description: Text,
    /// Where it stands.
    pub status: OrderStatus,
    /// Who logged it.
    pub logged_by: Option<UserId>,
    /// When logged (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Logs one order.
pub async fn insert(conn: &mut PgConnection, order: &NewOrder) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(order)).await
}

/// Logs orders in batches: the same statement as [`insert`]. The order statistics triggers see
/// one statement per batch.
pub async fn insert_many(conn: &mut PgConnection, orders: &[NewOrder]) -> sqlx::Result<()> {
    for chunk in orders.chunks(super::BULK_ROWS) {
        let stored: Vec<_> = chunk.iter().map(|o| o.description.to_stored()).collect();
        sqlx::query(
            "INSERT INTO orders (id, account_id, ordered_on, amount, margin, currency, description,
                 description_key, description_args, status, logged_by, created_at, updated_at)
             SELECT u.id, u.account_id, u.ordered_on, u.amount, u.margin, u.currency,
                    u.description, u.key, u.args::jsonb, u.status, u.logged_by,
                    coalesce(u.created_at, now()), coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::date[], $4::numeric[], $5::numeric[],
                    $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[],
                    $12::timestamptz[])
                 AS u(id, account_id, ordered_on, amount, margin, currency, description, key,
                      args, status, logged_by, created_at)",
        )
        .bind(chunk.iter().map(|o| o.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.ordered_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.amount).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.margin).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.currency).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.0).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.1).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.2.as_deref()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.status).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.logged_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Starts a bulk import in this transaction: the order triggers leave the scoring request and
/// the dirty marks to [`finish_bulk`] (see the migration `order_entry`), so that a long import
/// holds no row other writers need.
pub async fn begin_bulk(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("SELECT set_config('kamdesk.bulk_import', 'on', true)")
        .execute(conn)
        .await
        .map(|_| ())
}

/// Ends a bulk import, just before its commit: marks the accounts whose orders it wrote for
/// the order statistics and requests a recompute, as the triggers would have.
pub async fn finish_bulk(conn: &mut PgConnection, accounts: &[AccountId]) -> sqlx::Result<()> {
    sqlx::query("SELECT set_config('kamdesk.bulk_import', 'off', true)")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO order_stats_dirty (account_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING",
    )
    .bind(accounts)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE scoring_state SET requested_seq = requested_seq + 1")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The latest orders of one account, for a follow-up's "about this order" choice.
pub async fn recent_of_account(
    db: impl PgExecutor<'_>,
    account: AccountId,
    limit: i64,
) -> sqlx::Result<Vec<OrderRow>> {
    let mut filter = OrderFilter::scoped(AccountScope::All);
    filter.account = Some(account);
    Ok(page(db, &filter, OrderSort::DateDesc, PageAt::First, limit)
        .await?
        .rows)
}
