//! Deals and tenders: the writers (used by the pages and the demo), a version-checked update,
//! and the lists over them: an account's deals, the pipeline, the tender register (one filter,
//! [`DealFilter`], through the visibility block), the win/loss record and the refusal trend.

use super::visibility::AccountScope;
use crate::domain::deal::{DealDraft, DealKind, DealStage, OutcomeReason};
use crate::domain::ids::{AccountId, CompetitorId, DealId, UserId};
use crate::domain::money::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// A deal or tender, open or already decided (a page, an import, or the demo's history).
#[derive(Debug, Clone)]
pub struct NewDeal {
    /// Identifier (`DealId::new()` for a page).
    pub id: DealId,
    /// The client.
    pub account_id: AccountId,
    /// Deal or tender.
    pub kind: DealKind,
    /// What it is about, as typed (required).
    pub title: String,
    /// Stage; won or lost exactly when `closed_on` and `outcome_reason` are set.
    pub stage: DealStage,
    /// Amount, once known.
    pub amount: Option<Decimal>,
    /// Currency of the amount and the bids.
    pub currency: Currency,
    /// Opened.
    pub opened_on: NaiveDate,
    /// When a decision is expected.
    pub expected_close_on: Option<NaiveDate>,
    /// Decided on (won or lost only).
    pub closed_on: Option<NaiveDate>,
    /// When it was recorded as decided (None: now, for a decided deal).
    pub closed_at: Option<DateTime<Utc>>,
    /// Why we won or lost, from the pick list (won or lost only).
    pub outcome_reason: Option<OutcomeReason>,
    /// Why we won or lost, as typed.
    pub outcome_note: String,
    /// The competitor who won, when on the account's dossier (lost only).
    pub winning_competitor_id: Option<CompetitorId>,
    /// The winner's name (lost only; also when on the dossier).
    pub winning_competitor: String,
    /// Tenders: submission deadline.
    pub deadline_on: Option<NaiveDate>,
    /// Tenders: lots we bid for.
    pub lots: Option<i32>,
    /// Tenders: our bid.
    pub our_bid: Option<Decimal>,
    /// Tenders: the winning bid.
    pub winning_bid: Option<Decimal>,
    /// Who of ours runs it.
    pub owner_id: Option<UserId>,
    /// Recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
    /// Last changed (None: when recorded).
    pub updated_at: Option<DateTime<Utc>>,
}

impl NewDeal {
    /// A new deal from a checked draft (see [`DealDraft::refusals`]), recorded now.
    pub fn from_draft(
        id: DealId,
        account_id: AccountId,
        d: &DealDraft,
        owner_id: Option<UserId>,
    ) -> NewDeal {
        let closed = d.stage.is_closed();
        let winner = d.winner.as_ref().filter(|_| closed);
        NewDeal {
            id,
            account_id,
            kind: d.kind,
            title: d.title.clone(),
            stage: d.stage,
            amount: d.amount.map(|a| a.get()),
            currency: d.currency,
            opened_on: d.opened_on,
            expected_close_on: d.expected_close_on,
            closed_on: d.closed_on.filter(|_| closed),
            closed_at: None,
            outcome_reason: d.outcome_reason.filter(|_| closed),
            outcome_note: if closed {
                d.outcome_note.clone().unwrap_or_default()
            } else {
                String::new()
            },
            winning_competitor_id: winner.and_then(|w| w.competitor()),
            winning_competitor: winner.map(|w| w.name().to_string()).unwrap_or_default(),
            deadline_on: d.deadline_on,
            lots: d.lots.map(i32::from),
            our_bid: d.our_bid.map(|a| a.get()),
            winning_bid: d.winning_bid.map(|a| a.get()),
            owner_id,
            created_at: None,
            updated_at: None,
        }
    }
}

/// Records one deal.
pub async fn insert(conn: &mut PgConnection, deal: &NewDeal) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(deal)).await
}

/// Records deals in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, deals: &[NewDeal]) -> sqlx::Result<()> {
    for chunk in deals.chunks(super::BULK_ROWS) {
        let col = |f: fn(&NewDeal) -> Option<Decimal>| chunk.iter().map(f).collect::<Vec<_>>();
        let dates = |f: fn(&NewDeal) -> Option<NaiveDate>| chunk.iter().map(f).collect::<Vec<_>>();
        sqlx::query(
            "INSERT INTO deals (id, account_id, kind, title, stage, amount, currency, opened_on,
                 expected_close_on, closed_on, closed_at, outcome_reason, outcome_note,
                 winning_competitor_id, winning_competitor, deadline_on, lots, our_bid,
                 winning_bid, owner_id, created_at, updated_at)
             SELECT u.id, u.account_id, u.kind, u.title, u.stage, u.amount, u.currency,
                    u.opened_on, u.expected_close_on, u.closed_on,
                    CASE WHEN u.closed_on IS NOT NULL THEN coalesce(u.closed_at, now()) END,
                    u.reason, u.note, u.winner_id, u.winner, u.deadline_on, u.lots, u.our_bid,
                    u.winning_bid, u.owner_id, coalesce(u.created_at, now()),
                    coalesce(u.updated_at, u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::numeric[], $7::text[], $8::date[], $9::date[], $10::date[],
                    $11::timestamptz[], $12::text[], $13::text[], $14::uuid[], $15::text[],
                    $16::date[], $17::int[], $18::numeric[], $19::numeric[], $20::uuid[],
                    $21::timestamptz[], $22::timestamptz[])
                 AS u(id, account_id, kind, title, stage, amount, currency, opened_on,
                      expected_close_on, closed_on, closed_at, reason, note, winner_id, winner,
                      deadline_on, lots, our_bid, winning_bid, owner_id, created_at, updated_at)",
        )
        .bind(chunk.iter().map(|d| d.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.kind).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.title.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.stage).collect::<Vec<_>>())
        .bind(col(|d| d.amount))
        .bind(chunk.iter().map(|d| d.currency).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.opened_on).collect::<Vec<_>>())
        .bind(dates(|d| d.expected_close_on))
        .bind(dates(|d| d.closed_on))
        .bind(chunk.iter().map(|d| d.closed_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.outcome_reason).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|d| d.outcome_note.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|d| d.winning_competitor_id)
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|d| d.winning_competitor.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(dates(|d| d.deadline_on))
        .bind(chunk.iter().map(|d| d.lots).collect::<Vec<_>>())
        .bind(col(|d| d.our_bid))
        .bind(col(|d| d.winning_bid))
        .bind(chunk.iter().map(|d| d.owner_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.created_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.updated_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Saves a checked draft over deal `id` if it is still at `version`; false when someone else
/// saved it in the meantime (nothing is written then). Becoming won or lost records the
/// closing time.
pub async fn update(
    conn: &mut PgConnection,
    id: DealId,
    version: i32,
    d: &DealDraft,
    owner_id: Option<UserId>,
) -> sqlx::Result<bool> {
    let new = NewDeal::from_draft(id, AccountId(uuid::Uuid::nil()), d, owner_id);
    let done = sqlx::query(
        "UPDATE deals SET kind = $3, title = $4, stage = $5, amount = $6, currency = $7,
                opened_on = $8, expected_close_on = $9, closed_on = $10,
                closed_at = CASE WHEN $10::date IS NULL THEN NULL ELSE coalesce(closed_at, now()) END,
                outcome_reason = $11, outcome_note = $12, winning_competitor_id = $13,
                winning_competitor = $14, deadline_on = $15, lots = $16, our_bid = $17,
                winning_bid = $18, owner_id = $19, version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(new.kind)
    .bind(&new.title)
    .bind(new.stage)
    .bind(new.amount)
    .bind(new.currency)
    .bind(new.opened_on)
    .bind(new.expected_close_on)
    .bind(new.closed_on)
    .bind(new.outcome_reason)
    .bind(&new.outcome_note)
    .bind(new.winning_competitor_id)
    .bind(&new.winning_competitor)
    .bind(new.deadline_on)
    .bind(new.lots)
    .bind(new.our_bid)
    .bind(new.winning_bid)
    .bind(new.owner_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One deal with everything a list, an edit form or an export shows.
#[derive(Debug, Clone, FromRow)]
pub struct DealRow {
    /// Identifier.
    pub id: DealId,
    /// The client.
    pub account_id: AccountId,
    /// The client's name.
    pub account_name: String,
    /// Deal or tender.
    pub kind: DealKind,
    /// Title as typed.
    pub title: String,
    /// Stage.
    pub stage: DealStage,
    /// Amount.
    pub amount: Option<Decimal>,
    /// Currency.
    pub currency: Currency,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Expected decision.
    pub expected_close_on: Option<NaiveDate>,
    /// Decided on.
    pub closed_on: Option<NaiveDate>,
    /// Reason from the pick list.
    pub outcome_reason: Option<OutcomeReason>,
    /// Reason as typed.
    pub outcome_note: String,
    /// Winner on the dossier.
    pub winning_competitor_id: Option<CompetitorId>,
    /// Winner's name.
    pub winning_competitor: String,
    /// Tender deadline.
    pub deadline_on: Option<NaiveDate>,
    /// Tender lots.
    pub lots: Option<i32>,
    /// Our bid.
    pub our_bid: Option<Decimal>,
    /// Winning bid.
    pub winning_bid: Option<Decimal>,
    /// Who of ours runs it.
    pub owner_id: Option<UserId>,
    /// Their name.
    pub owner_name: Option<String>,
    /// For the edit form's version check.
    pub version: i32,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl DealRow {
    /// Our bid against the winning one, when both are known.
    pub fn price_gap(&self) -> Option<crate::domain::deal::PriceGap> {
        crate::domain::deal::price_gap(self.our_bid, self.winning_bid)
    }
}

const DEAL_COLUMNS: &str = "d.id, d.account_id, a.name AS account_name, d.kind, d.title, d.stage,
    d.amount, d.currency, d.opened_on, d.expected_close_on, d.closed_on, d.outcome_reason,
    d.outcome_note, d.winning_competitor_id, d.winning_competitor, d.deadline_on, d.lots,
    d.our_bid, d.winning_bid, d.owner_id, ou.name AS owner_name, d.version, d.updated_at";

const DEAL_FROM: &str = " FROM deals d JOIN accounts a ON a.id = d.account_id
    LEFT JOIN users ou ON ou.id = d.owner_id ";

/// Deal `id` of `account` (None when there is none, or it belongs to another account).
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: DealId,
) -> sqlx::Result<Option<DealRow>> {
    sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} {DEAL_FROM} WHERE d.id = $1 AND d.account_id = $2"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(db)
    .await
}

/// Deal `id` of `account`, locked until the transaction ends (an edit reads what it replaces).
pub async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    id: DealId,
) -> sqlx::Result<Option<DealRow>> {
    sqlx::query_as(&format!(
        "SELECT {DEAL_COLUMNS} {DEAL_FROM} WHERE d.id = $1 AND d.account_id = $2 FOR UPDATE OF d"
    ))
    .bind(id)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// Which stages a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageSet {
    /// Every stage.
    #[default]
    All,
    /// The running ones (the pipeline).
    Open,
    /// Won or lost.
    Closed,
    /// Just this one.
    Only(DealStage),
}

/// What a list of deals is narrowed to. The scope always applies.
#[derive(Debug, Clone)]
pub struct DealFilter {
    /// The accounts whose deals may be listed.
    pub scope: AccountScope,
    /// One account only.
    pub account: Option<AccountId>,
    /// Deals or tenders only.
    pub kind: Option<DealKind>,
    /// Stages.
    pub stages: StageSet,
    /// A fragment of the title or the client's name.
    pub query: Option<String>,
    /// Run by this user.
    pub owner: Option<UserId>,
    /// Expected to close on or after.
    pub expected_from: Option<NaiveDate>,
    /// Expected to close on or before.
    pub expected_to: Option<NaiveDate>,
    /// Tender deadline on or after.
    pub deadline_from: Option<NaiveDate>,
    /// Tender deadline on or before.
    pub deadline_to: Option<NaiveDate>,
    /// A fragment of the winner's name.
    pub winner: Option<String>,
}

impl DealFilter {
    /// Every deal in `scope`.
    pub fn scoped(scope: AccountScope) -> DealFilter {
        DealFilter {
            scope,
            account: None,
            kind: None,
            stages: StageSet::All,
            query: None,
            owner: None,
            expected_from: None,
            expected_to: None,
            deadline_from: None,
            deadline_to: None,
            winner: None,
        }
    }

    /// Appends ` WHERE ...` for this filter over `deals d JOIN accounts a`.
    fn push_where(&self, q: &mut QueryBuilder<'_, Postgres>) {
        q.push(" WHERE ");
        self.scope.push_visible(q, "d.account_id");
        if let Some(account) = self.account {
            q.push(" AND d.account_id = ").push_bind(account);
        }
        if let Some(kind) = self.kind {
            q.push(" AND d.kind = ").push_bind(kind);
        }
        match self.stages {
            StageSet::All => {}
            // Spelled as the partial index deals_open_idx is, so that it is used.
            StageSet::Open => {
                q.push(" AND d.stage IN ('lead', 'qualification', 'proposal', 'negotiation')");
            }
            StageSet::Closed => {
                q.push(" AND d.stage IN ('won', 'lost')");
            }
            StageSet::Only(stage) => {
                q.push(" AND d.stage = ").push_bind(stage);
            }
        }
        if let Some(text) = &self.query {
            let pattern = like_pattern(text);
            q.push(" AND (d.title ILIKE ")
                .push_bind(pattern.clone())
                .push(" OR a.name ILIKE ")
                .push_bind(pattern)
                .push(")");
        }
        if let Some(owner) = self.owner {
            q.push(" AND d.owner_id = ").push_bind(owner);
        }
        for (value, cond) in [
            (self.expected_from, " AND d.expected_close_on >= "),
            (self.expected_to, " AND d.expected_close_on <= "),
            (self.deadline_from, " AND d.deadline_on >= "),
            (self.deadline_to, " AND d.deadline_on <= "),
        ] {
            if let Some(v) = value {
                q.push(cond).push_bind(v);
            }
        }
        if let Some(winner) = &self.winner {
            q.push(" AND d.winning_competitor ILIKE ")
                .push_bind(like_pattern(winner));
        }
    }
}

/// `%fragment%` with the fragment's own wildcards escaped.
fn like_pattern(fragment: &str) -> String {
    format!("%{}%", super::accounts::escape_like(fragment))
}

/// How a list of deals is ordered; each ends with the id, so pages never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DealSort {
    /// Newest first (an account's deals).
    #[default]
    Opened,
    /// Pipeline order: stage, then expected close (soonest first, unknown last).
    Pipeline,
    /// Largest amount first.
    Amount,
    /// Tender deadline, soonest first.
    Deadline,
    /// Tender deadline, latest first.
    DeadlineDesc,
    /// Largest price gap (in percent) first, unknown last.
    Gap,
}

impl DealSort {
    fn order_by(self) -> &'static str {
        match self {
            DealSort::Opened => " ORDER BY d.opened_on DESC, d.id DESC",
            DealSort::Pipeline => {
                " ORDER BY array_position(ARRAY['lead','qualification','proposal','negotiation','won','lost'], d.stage),
                   d.expected_close_on NULLS LAST, d.id"
            }
            DealSort::Amount => " ORDER BY d.amount DESC NULLS LAST, d.id",
            DealSort::Deadline => " ORDER BY d.deadline_on NULLS LAST, d.id",
            DealSort::DeadlineDesc => " ORDER BY d.deadline_on DESC NULLS LAST, d.id",
            DealSort::Gap => {
                " ORDER BY (d.our_bid - d.winning_bid) / NULLIF(d.winning_bid, 0) DESC NULLS LAST, d.id"
            }
        }
    }
}

/// One page of the deals matching `f`: `limit` rows from `offset`; `limit` None for all of them
/// (an export).
pub async fn list(
    db: impl PgExecutor<'_>,
    f: &DealFilter,
    sort: DealSort,
    limit: Option<i64>,
    offset: i64,
) -> sqlx::Result<Vec<DealRow>> {
    let mut q = QueryBuilder::new(format!("SELECT {DEAL_COLUMNS} {DEAL_FROM}"));
    f.push_where(&mut q);
    q.push(sort.order_by());
    if let Some(limit) = limit {
        q.push(" LIMIT ").push_bind(limit);
    }
    q.push(" OFFSET ").push_bind(offset);
    q.build_query_as().fetch_all(db).await
}

/// How many deals match `f`.
pub async fn count(db: impl PgExecutor<'_>, f: &DealFilter) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new(format!("SELECT count(*) {DEAL_FROM}"));
    f.push_where(&mut q);
    q.build_query_scalar().fetch_one(db).await
}

/// Deals of one stage in one currency: how many, and the sum of the known amounts.
#[derive(Debug, Clone, FromRow)]
pub struct StageSum {
    /// Stage.
    pub stage: DealStage,
    /// Currency.
    pub currency: Currency,
    /// Deals.
    pub deals: i64,
    /// Sum of their amounts (deals without an amount add nothing).
    pub amount: Decimal,
}

/// Counts and sums per stage and currency over the deals matching `f`, in stage order.
pub async fn sums_by_stage(db: impl PgExecutor<'_>, f: &DealFilter) -> sqlx::Result<Vec<StageSum>> {
    let mut q = QueryBuilder::new(
        "SELECT d.stage, d.currency, count(*) AS deals, coalesce(sum(d.amount), 0) AS amount",
    );
    q.push(DEAL_FROM);
    f.push_where(&mut q);
    q.push(
        " GROUP BY d.stage, d.currency
          ORDER BY array_position(ARRAY['lead','qualification','proposal','negotiation','won','lost'], d.stage),
                   d.currency",
    );
    q.build_query_as().fetch_all(db).await
}

/// Won and lost deals per outcome reason (the win/loss record's breakdown).
#[derive(Debug, Clone, FromRow)]
pub struct ReasonCount {
    /// The reason.
    pub reason: OutcomeReason,
    /// Won for this reason.
    pub won: i64,
    /// Lost for this reason.
    pub lost: i64,
}

/// The won/lost counts per reason over the deals matching `f` (closed ones only), most
/// frequent first.
pub async fn reasons(db: impl PgExecutor<'_>, f: &DealFilter) -> sqlx::Result<Vec<ReasonCount>> {
    let mut q = QueryBuilder::new(
        "SELECT d.outcome_reason AS reason, count(*) FILTER (WHERE d.stage = 'won') AS won,
                count(*) FILTER (WHERE d.stage = 'lost') AS lost",
    );
    q.push(DEAL_FROM);
    f.push_where(&mut q);
    q.push(
        " AND d.outcome_reason IS NOT NULL
          GROUP BY d.outcome_reason ORDER BY count(*) DESC, d.outcome_reason",
    );
    q.build_query_as().fetch_all(db).await
}

/// Tender register figures over the tenders matching `f`.
#[derive(Debug, Clone, Default, FromRow)]
pub struct TenderFigures {
    /// Open tenders whose deadline is today or later.
    pub upcoming: i64,
    /// Of those, due within 30 days.
    pub due_30_days: i64,
    /// Won.
    pub won: i64,
    /// Lost.
    pub lost: i64,
    /// Average gap of our bid over the winning one in percent, over lost tenders with both
    /// bids (positive: we were dearer).
    pub avg_gap_pct: Option<Decimal>,
}

/// The register's headline figures on `today`.
pub async fn tender_figures(
    db: impl PgExecutor<'_>,
    f: &DealFilter,
    today: NaiveDate,
) -> sqlx::Result<TenderFigures> {
    let mut q = QueryBuilder::new(
        "SELECT count(*) FILTER (WHERE d.stage IN ('lead', 'qualification', 'proposal', 'negotiation') AND d.deadline_on >= ",
    );
    q.push_bind(today)
        .push(") AS upcoming, count(*) FILTER (WHERE d.stage IN ('lead', 'qualification', 'proposal', 'negotiation') AND d.deadline_on BETWEEN ")
        .push_bind(today)
        .push(" AND ")
        .push_bind(today + chrono::Days::new(30))
        .push(
            ") AS due_30_days, count(*) FILTER (WHERE d.stage = 'won') AS won,
               count(*) FILTER (WHERE d.stage = 'lost') AS lost,
               round(avg((d.our_bid - d.winning_bid) * 100 / d.winning_bid)
                     FILTER (WHERE d.stage = 'lost' AND d.winning_bid > 0), 1) AS avg_gap_pct",
        );
    q.push(DEAL_FROM);
    f.push_where(&mut q);
    q.build_query_as().fetch_one(db).await
}

/// Lost deals per quarter in `scope` closed on or after `from` (a quarter's first day): the
/// first day of each quarter with its count, for the refusal trend.
pub async fn lost_per_quarter(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    from: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, i64)>> {
    let mut q = QueryBuilder::new(
        "SELECT date_trunc('quarter', d.closed_on)::date AS quarter, count(*) FROM deals d
          WHERE d.stage = 'lost' AND d.closed_on >= ",
    );
    q.push_bind(from).push(" AND ");
    scope.push_visible(&mut q, "d.account_id");
    q.push(" GROUP BY 1 ORDER BY 1");
    q.build_query_as().fetch_all(db).await
}

impl DealRow {
    /// The stored deal as the writer's type (to compare with an edit, field by field).
    pub fn as_new(&self) -> NewDeal {
        NewDeal {
            id: self.id,
            account_id: self.account_id,
            kind: self.kind,
            title: self.title.clone(),
            stage: self.stage,
            amount: self.amount,
            currency: self.currency,
            opened_on: self.opened_on,
            expected_close_on: self.expected_close_on,
            closed_on: self.closed_on,
            closed_at: None,
            outcome_reason: self.outcome_reason,
            outcome_note: self.outcome_note.clone(),
            winning_competitor_id: self.winning_competitor_id,
            winning_competitor: self.winning_competitor.clone(),
            deadline_on: self.deadline_on,
            lots: self.lots,
            our_bid: self.our_bid,
            winning_bid: self.winning_bid,
            owner_id: self.owner_id,
            created_at: None,
            updated_at: Some(self.updated_at),
        }
    }
}
