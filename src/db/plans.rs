//! Account plans (issue 12): one plan per account and year, its objectives and their actions
//! (see `domain::plan`). Edits are version-checked: `lock_*` takes the row `FOR UPDATE`, the
//! handler compares versions, `update_*` writes `WHERE version = $n` and bumps it. Also the
//! cockpit's rollup over key clients ([`key_plan_rollup`]).

use super::visibility::AccountScope;
use crate::domain::ids::{AccountId, ObjectiveId, PlanActionId, PlanId, UserId};
use crate::domain::plan::{ActionStatus, ObjectiveDraft, ObjectiveKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// An account's plan for one year.
#[derive(Debug, Clone, FromRow)]
pub struct PlanRow {
    /// The plan.
    pub id: PlanId,
    /// Its account.
    pub account_id: AccountId,
    /// The year it is for.
    pub year: i32,
    /// When the joint planning meeting took place.
    pub meeting_on: Option<NaiveDate>,
    /// Who took part, both sides, as typed.
    pub participants: String,
    /// The client's own strategic goals.
    pub client_goals: String,
    /// Edit version.
    pub version: i32,
}

/// The header of a plan as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    /// Meeting date.
    pub meeting_on: Option<NaiveDate>,
    /// Participants.
    pub participants: String,
    /// The client's goals.
    pub client_goals: String,
}

const PLAN_COLUMNS: &str = "id, account_id, year, meeting_on, participants, client_goals, version";

/// The plan of `account` for `year`.
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    year: i32,
) -> sqlx::Result<Option<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM account_plans WHERE account_id = $1 AND year = $2"
    ))
    .bind(account)
    .bind(year)
    .fetch_optional(db)
    .await
}

/// The plan of `account` for `year`, locked for an edit.
pub async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    year: i32,
) -> sqlx::Result<Option<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM account_plans WHERE account_id = $1 AND year = $2 FOR UPDATE"
    ))
    .bind(account)
    .bind(year)
    .fetch_optional(conn)
    .await
}

/// The years `account` has a plan for, newest first.
pub async fn years(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<Vec<i32>> {
    sqlx::query_scalar("SELECT year FROM account_plans WHERE account_id = $1 ORDER BY year DESC")
        .bind(account)
        .fetch_all(db)
        .await
}

/// Writes a new plan; false when the account already has one for that year (a concurrent
/// first save: the caller shows the stored one as a stale save).
pub async fn insert(
    conn: &mut PgConnection,
    id: PlanId,
    account: AccountId,
    year: i32,
    draft: &PlanDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO account_plans (id, account_id, year, meeting_on, participants, client_goals)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, year) DO NOTHING",
    )
    .bind(id)
    .bind(account)
    .bind(year)
    .bind(draft.meeting_on)
    .bind(&draft.participants)
    .bind(&draft.client_goals)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Saves a plan's header at `version`; false when the version moved.
pub async fn update(
    conn: &mut PgConnection,
    id: PlanId,
    version: i32,
    draft: &PlanDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE account_plans SET meeting_on = $3, participants = $4, client_goals = $5,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(draft.meeting_on)
    .bind(&draft.participants)
    .bind(&draft.client_goals)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One objective of a plan.
#[derive(Debug, Clone, FromRow)]
pub struct ObjectiveRow {
    /// The objective.
    pub id: ObjectiveId,
    /// Its plan.
    pub plan_id: PlanId,
    /// The plan's year.
    pub year: i32,
    /// What it measures.
    pub kind: ObjectiveKind,
    /// In words.
    pub title: String,
    /// The figure to reach.
    pub target: Option<Decimal>,
    /// The figure reached.
    pub actual: Option<Decimal>,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// Edit version.
    pub version: i32,
}

impl ObjectiveRow {
    /// The stored objective as a draft (to compare with a save, for the audit log).
    pub fn draft(&self) -> ObjectiveDraft {
        ObjectiveDraft {
            kind: self.kind,
            title: self.title.clone(),
            target: self.target,
            actual: self.actual,
            due_on: self.due_on,
        }
    }
}

const OBJECTIVE_SELECT: &str =
    "SELECT o.id, o.plan_id, p.year, o.kind, o.title, o.target, o.actual, o.due_on, o.version
       FROM plan_objectives o JOIN account_plans p ON p.id = o.plan_id";

/// The objectives of a plan, in the order they were written.
pub async fn objectives(db: impl PgExecutor<'_>, plan: PlanId) -> sqlx::Result<Vec<ObjectiveRow>> {
    sqlx::query_as(&format!(
        "{OBJECTIVE_SELECT} WHERE o.plan_id = $1 ORDER BY o.created_at, o.id"
    ))
    .bind(plan)
    .fetch_all(db)
    .await
}

/// One objective of one of `account`'s plans.
pub async fn objective(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: ObjectiveId,
) -> sqlx::Result<Option<ObjectiveRow>> {
    sqlx::query_as(&format!(
        "{OBJECTIVE_SELECT} WHERE o.id = $1 AND p.account_id = $2"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

/// One objective of `account`'s plans, locked for an edit.
pub async fn lock_objective(
    conn: &mut PgConnection,
    account: AccountId,
    id: ObjectiveId,
) -> sqlx::Result<Option<ObjectiveRow>> {
    sqlx::query_as(&format!(
        "{OBJECTIVE_SELECT} WHERE o.id = $1 AND p.account_id = $2 FOR UPDATE OF o"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// Writes a new objective of `plan`.
pub async fn insert_objective(
    conn: &mut PgConnection,
    id: ObjectiveId,
    plan: PlanId,
    d: &ObjectiveDraft,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO plan_objectives (id, plan_id, kind, title, target, actual, due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(plan)
    .bind(d.kind)
    .bind(&d.title)
    .bind(d.target)
    .bind(d.actual)
    .bind(d.due_on)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Saves an objective at `version`; false when the version moved.
pub async fn update_objective(
    conn: &mut PgConnection,
    id: ObjectiveId,
    version: i32,
    d: &ObjectiveDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE plan_objectives SET kind = $3, title = $4, target = $5, actual = $6, due_on = $7,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(d.kind)
    .bind(&d.title)
    .bind(d.target)
    .bind(d.actual)
    .bind(d.due_on)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An action under an objective.
#[derive(Debug, Clone, FromRow)]
pub struct ActionRow {
    /// The action.
    pub id: PlanActionId,
    /// Its objective.
    pub objective_id: ObjectiveId,
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner_id: Option<UserId>,
    /// Their name.
    pub owner_name: Option<String>,
    /// By when.
    pub due_on: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
    /// Edit version.
    pub version: i32,
}

/// An action as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDraft {
    /// What is to be done.
    pub title: String,
    /// Who does it (one of the account's team).
    pub owner_id: Option<UserId>,
    /// By when.
    pub due_on: NaiveDate,
    /// Where it stands.
    pub status: ActionStatus,
}

impl ActionRow {
    /// The stored action as a draft.
    pub fn draft(&self) -> ActionDraft {
        ActionDraft {
            title: self.title.clone(),
            owner_id: self.owner_id,
            due_on: self.due_on,
            status: self.status,
        }
    }
}

const ACTION_SELECT: &str = "SELECT a.id, a.objective_id, a.title, a.owner_id, u.name AS owner_name, a.due_on, a.status, a.version
       FROM plan_actions a
       JOIN plan_objectives o ON o.id = a.objective_id
       JOIN account_plans p ON p.id = o.plan_id
       LEFT JOIN users u ON u.id = a.owner_id";

/// Every action of a plan, by due date.
pub async fn actions(db: impl PgExecutor<'_>, plan: PlanId) -> sqlx::Result<Vec<ActionRow>> {
    sqlx::query_as(&format!(
        "{ACTION_SELECT} WHERE p.id = $1 ORDER BY a.due_on, a.created_at, a.id"
    ))
    .bind(plan)
    .fetch_all(db)
    .await
}

/// One action of `account`'s plans.
pub async fn action(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: PlanActionId,
) -> sqlx::Result<Option<ActionRow>> {
    sqlx::query_as(&format!(
        "{ACTION_SELECT} WHERE a.id = $1 AND p.account_id = $2"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

/// One action of `account`'s plans, locked for an edit.
pub async fn lock_action(
    conn: &mut PgConnection,
    account: AccountId,
    id: PlanActionId,
) -> sqlx::Result<Option<ActionRow>> {
    sqlx::query_as(&format!(
        "{ACTION_SELECT} WHERE a.id = $1 AND p.account_id = $2 FOR UPDATE OF a"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// Writes a new action under `objective`.
pub async fn insert_action(
    conn: &mut PgConnection,
    id: PlanActionId,
    objective: ObjectiveId,
    d: &ActionDraft,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO plan_actions (id, objective_id, title, owner_id, due_on, status)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(objective)
    .bind(&d.title)
    .bind(d.owner_id)
    .bind(d.due_on)
    .bind(d.status)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Saves an action at `version`; false when the version moved.
pub async fn update_action(
    conn: &mut PgConnection,
    id: PlanActionId,
    version: i32,
    d: &ActionDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE plan_actions SET title = $3, owner_id = $4, due_on = $5, status = $6,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(&d.title)
    .bind(d.owner_id)
    .bind(d.due_on)
    .bind(d.status)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Key clients' planning for one year over a reader's scope, for the director's cockpit
/// (`teams` draws it): how many key clients there are, how many have no plan for the year, how
/// many have a plan with an open action past its date (see `domain::plan::plan_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct PlanRollup {
    /// Key clients (as the last recompute stored them) in scope.
    pub key_clients: i64,
    /// Of those, without a plan for the year.
    pub missing: i64,
    /// Of those, with a plan that has overdue actions.
    pub overdue: i64,
}

/// The [`PlanRollup`] of `year` as of `today` over `scope`.
pub async fn key_plan_rollup(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    year: i32,
    today: NaiveDate,
) -> sqlx::Result<PlanRollup> {
    let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
        "SELECT count(*) AS key_clients,
                count(*) FILTER (WHERE p.id IS NULL) AS missing,
                count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM plan_objectives o JOIN plan_actions a ON a.objective_id = o.id
                     WHERE o.plan_id = p.id AND a.status IN ('planned', 'in_progress')
                       AND a.due_on < ",
    );
    q.push_bind(today);
    q.push(
        ")) AS overdue
           FROM scoring_results r
           LEFT JOIN account_plans p ON p.account_id = r.account_id AND p.year = ",
    );
    q.push_bind(year);
    q.push(" WHERE r.is_key AND ");
    scope.push_visible(&mut q, "r.account_id");
    q.build_query_as().fetch_one(db).await
}
