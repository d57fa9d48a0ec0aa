//! Orders logged against accounts.

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, OrderId, UserId};
use crate::domain::order::OrderStatus;
use crate::domain::system_text::Text;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, QueryBuilder};

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
    pub currency: String,
    /// Status.
    pub status: OrderStatus,
    /// What was ordered: typed, or a product line the system wrote.
    pub description: Text,
    /// Who logged it.
    pub logged_by_name: Option<String>,
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
    currency: String,
    status: OrderStatus,
    description: String,
    description_key: Option<String>,
    description_args: Option<String>,
    logged_by_name: Option<String>,
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
        })
    }
}

/// The latest orders on the accounts in `scope`.
pub async fn recent_visible(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    limit: i64,
) -> sqlx::Result<Vec<OrderRow>> {
    let mut q = QueryBuilder::new(
        "SELECT o.id, o.account_id, a.name AS account_name, o.ordered_on, o.amount, o.margin, o.currency,
                o.status, o.description, o.description_key, o.description_args::text,
                u.name AS logged_by_name
           FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.logged_by
          WHERE ",
    );
    scope.push_visible(&mut q, "o.account_id");
    q.push(" ORDER BY o.ordered_on DESC, o.id DESC LIMIT ")
        .push_bind(limit);
    let rows: Vec<RawOrderRow> = q.build_query_as().fetch_all(db).await?;
    super::decode_all(rows)
}

/// An order to log, as the order page or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewOrder {
    /// Identifier (`OrderId::new()` for a page).
    pub id: OrderId,
    /// The client.
    pub account_id: AccountId,
    /// Order date.
    pub ordered_on: NaiveDate,
    /// Amount in roubles, not negative.
    pub amount: Decimal,
    /// Margin in roubles.
    pub margin: Decimal,
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
            "INSERT INTO orders (id, account_id, ordered_on, amount, margin, description,
                 description_key, description_args, status, logged_by, created_at, updated_at)
             SELECT u.id, u.account_id, u.ordered_on, u.amount, u.margin, u.description,
                    u.key, u.args::jsonb, u.status, u.logged_by, coalesce(u.created_at, now()),
                    coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::date[], $4::numeric[], $5::numeric[],
                    $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[],
                    $11::timestamptz[])
                 AS u(id, account_id, ordered_on, amount, margin, description, key, args,
                      status, logged_by, created_at)",
        )
        .bind(chunk.iter().map(|o| o.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.ordered_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.amount).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.margin).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.0).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.1).collect::<Vec<_>>())
        .bind(stored.iter().map(|s| s.2.as_deref()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.status.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.logged_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|o| o.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
