//! Deals and tenders: stage, amount, dates, outcome, the reason for a win or a loss and the
//! competitor who won.

use crate::domain::deal::{DealKind, DealOutcome, DealStage};
use crate::domain::ids::{AccountId, CompetitorId, DealId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::PgConnection;

/// A deal or tender, open or already decided (an import, or the demo's history).
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
    /// Stage; `Closed` exactly when the outcome is not `Open`.
    pub stage: DealStage,
    /// Outcome.
    pub outcome: DealOutcome,
    /// Amount in roubles, once known.
    pub amount: Option<Decimal>,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Deadline (tenders) or expected decision.
    pub due_on: Option<NaiveDate>,
    /// Decided on; set exactly when the outcome is not `Open`.
    pub closed_on: Option<NaiveDate>,
    /// Why we won or lost, as typed.
    pub outcome_reason: String,
    /// The competitor who won, when on the dossier.
    pub winning_competitor_id: Option<CompetitorId>,
    /// The winner's name, as typed (also when not on the dossier).
    pub winning_competitor: String,
    /// Our price against the winner's, in percent.
    pub price_gap_pct: Option<Decimal>,
    /// Who of ours runs it.
    pub owner_id: Option<UserId>,
    /// Recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
    /// Last changed (None: when recorded).
    pub updated_at: Option<DateTime<Utc>>,
}

/// Records one deal.
pub async fn insert(conn: &mut PgConnection, deal: &NewDeal) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(deal)).await
}

/// Records deals in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, deals: &[NewDeal]) -> sqlx::Result<()> {
    for chunk in deals.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO deals (id, account_id, kind, title, stage, outcome, amount, opened_on,
                 due_on, closed_on, outcome_reason, winning_competitor_id, winning_competitor,
                 price_gap_pct, owner_id, created_at, updated_at)
             SELECT u.id, u.account_id, u.kind, u.title, u.stage, u.outcome, u.amount,
                    u.opened_on, u.due_on, u.closed_on, u.reason, u.winner_id, u.winner, u.gap,
                    u.owner_id, coalesce(u.created_at, now()),
                    coalesce(u.updated_at, u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::numeric[], $8::date[], $9::date[], $10::date[], $11::text[],
                    $12::uuid[], $13::text[], $14::numeric[], $15::uuid[], $16::timestamptz[],
                    $17::timestamptz[])
                 AS u(id, account_id, kind, title, stage, outcome, amount, opened_on, due_on,
                      closed_on, reason, winner_id, winner, gap, owner_id, created_at,
                      updated_at)",
        )
        .bind(chunk.iter().map(|d| d.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.kind.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.title.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.stage.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.outcome.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.amount).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.opened_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.due_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.closed_on).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|d| d.outcome_reason.as_str())
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
        .bind(chunk.iter().map(|d| d.price_gap_pct).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.owner_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.created_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|d| d.updated_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
