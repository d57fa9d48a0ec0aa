//! KAM budgets (issue 12): one per account and year (see `domain::budget`), version-checked
//! like every edit, and the cockpit's sums per KAM ([`per_kam`]).

use super::visibility::AccountScope;
use crate::domain::budget::Budget;
use crate::domain::ids::{AccountId, BudgetId, UserId};
use crate::domain::money::Money;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// An account's budget for one year, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct BudgetRow {
    /// The budget.
    pub id: BudgetId,
    /// Its year.
    pub year: i32,
    /// People's time.
    pub people_cost: Decimal,
    /// Marketing support.
    pub marketing_cost: Decimal,
    /// Discounts.
    pub discount_cost: Decimal,
    /// Logistics.
    pub logistics_cost: Decimal,
    /// Planned margin.
    pub planned_margin: Option<Decimal>,
    /// Actual margin.
    pub actual_margin: Option<Decimal>,
    /// A note, as typed.
    pub note: String,
    /// Edit version.
    pub version: i32,
}

impl BudgetRow {
    /// The stored amounts as the domain's budget (a stored amount the CHECKs admitted is
    /// always valid money; anything else is a decode error).
    pub fn budget(&self) -> Result<Budget, crate::domain::money::MoneyError> {
        let opt = |v: Option<Decimal>| v.map(Money::new).transpose();
        Ok(Budget {
            people: Money::new(self.people_cost)?,
            marketing: Money::new(self.marketing_cost)?,
            discounts: Money::new(self.discount_cost)?,
            logistics: Money::new(self.logistics_cost)?,
            planned_margin: opt(self.planned_margin)?,
            actual_margin: opt(self.actual_margin)?,
        })
    }
}

const COLUMNS: &str = "id, year, people_cost, marketing_cost, discount_cost, logistics_cost, \
     planned_margin, actual_margin, note, version";

/// The budget of `account` for `year`.
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    year: i32,
) -> sqlx::Result<Option<BudgetRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM kam_budgets WHERE account_id = $1 AND year = $2"
    ))
    .bind(account)
    .bind(year)
    .fetch_optional(db)
    .await
}

/// The budget of `account` for `year`, locked for an edit.
pub async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    year: i32,
) -> sqlx::Result<Option<BudgetRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM kam_budgets WHERE account_id = $1 AND year = $2 FOR UPDATE"
    ))
    .bind(account)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// The years `account` has a budget for, newest first.
pub async fn years(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<Vec<i32>> {
    sqlx::query_scalar("SELECT year FROM kam_budgets WHERE account_id = $1 ORDER BY year DESC")
        .bind(account)
        .fetch_all(db)
        .await
}

/// Writes a new budget; false when the account already has one for that year.
pub async fn insert(
    conn: &mut PgConnection,
    id: BudgetId,
    account: AccountId,
    year: i32,
    b: &Budget,
    note: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO kam_budgets (id, account_id, year, people_cost, marketing_cost, discount_cost,
                                  logistics_cost, planned_margin, actual_margin, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (account_id, year) DO NOTHING",
    )
    .bind(id)
    .bind(account)
    .bind(year)
    .bind(b.people.get())
    .bind(b.marketing.get())
    .bind(b.discounts.get())
    .bind(b.logistics.get())
    .bind(b.planned_margin.map(Money::get))
    .bind(b.actual_margin.map(Money::get))
    .bind(note)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Saves a budget at `version`; false when the version moved.
pub async fn update(
    conn: &mut PgConnection,
    id: BudgetId,
    version: i32,
    b: &Budget,
    note: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE kam_budgets SET people_cost = $3, marketing_cost = $4, discount_cost = $5,
                logistics_cost = $6, planned_margin = $7, actual_margin = $8, note = $9,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(b.people.get())
    .bind(b.marketing.get())
    .bind(b.discounts.get())
    .bind(b.logistics.get())
    .bind(b.planned_margin.map(Money::get))
    .bind(b.actual_margin.map(Money::get))
    .bind(note)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One KAM's budgets of a year summed over the clients they own (for the cockpit, which
/// `teams` draws); the row without a KAM sums the budgets of clients nobody owns.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct KamBudget {
    /// The owner (None: clients without an owner).
    pub kam_id: Option<UserId>,
    /// Their name.
    pub kam_name: Option<String>,
    /// Clients with a budget.
    pub clients: i64,
    /// Their planned cost.
    pub cost: Decimal,
    /// Their planned margin.
    pub planned_margin: Decimal,
    /// Their actual margin so far.
    pub actual_margin: Decimal,
}

/// The budgets of `year` of key clients per current owner over `scope`, largest cost first;
/// the company's total is their sum.
pub async fn per_kam(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    year: i32,
) -> sqlx::Result<Vec<KamBudget>> {
    let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
        "SELECT t.user_id AS kam_id, u.name AS kam_name, count(*) AS clients,
                sum(b.people_cost + b.marketing_cost + b.discount_cost + b.logistics_cost) AS cost,
                coalesce(sum(b.planned_margin), 0) AS planned_margin,
                coalesce(sum(b.actual_margin), 0) AS actual_margin
           FROM kam_budgets b
           LEFT JOIN account_team t ON t.account_id = b.account_id AND t.team_role = 'owner'
                                   AND t.ended_on IS NULL
           LEFT JOIN users u ON u.id = t.user_id
          WHERE b.year = ",
    );
    q.push_bind(year);
    // A KAM budget is a key client's: clients off the key list (as the last recompute stored
    // it) are not summed, so the figures match the key list they link to.
    q.push(" AND EXISTS (SELECT 1 FROM scoring_results r WHERE r.account_id = b.account_id AND r.is_key) AND ");
    scope.push_visible(&mut q, "b.account_id");
    q.push(" GROUP BY t.user_id, u.name ORDER BY cost DESC, u.name");
    q.build_query_as().fetch_all(db).await
}
