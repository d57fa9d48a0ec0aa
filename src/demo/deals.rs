//! Deals and tenders: won and lost history (with the reason from the pick list and in words, the
//! winner, and for tenders the deadline, lots and both bids), and the open pipeline with tender
//! deadlines still to come.

use chrono::Datelike;
use rand::Rng;
use rust_decimal::Decimal;

use super::batch::Batch;
use super::random::{
    days_after, days_before, normal, pick, pick_weighted, round_to, rub, work_time,
};
use super::reference::{COMPETITORS, GEO, INDUSTRIES};
use super::{AccountContext, Generator};
use crate::db::deals::NewDeal;
use crate::domain::deal::{DealKind, DealStage, OutcomeReason};
use crate::domain::ids::{AccountId, DealId, UserId};
use crate::domain::money::Currency;
use crate::domain::scoring::Status;

/// How a demo deal ends (a cancelled one is stored as lost with "no decision").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Open,
    Won,
    Lost,
    Cancelled,
}

impl Generator {
    pub(super) fn deals(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let today = self.today;
        let yesterday = days_before(today, 1);
        let (closed, open) = match plan.status {
            Status::Active => (
                self.rng.gen_range(0..=3),
                pick_weighted(&mut self.rng, &[45, 40, 15]),
            ),
            Status::Prospect => (
                pick_weighted(&mut self.rng, &[70, 30]),
                usize::from(self.rng.gen_bool(0.8)),
            ),
            Status::Lost => (self.rng.gen_range(1..=2), 0),
            Status::Archived => (usize::from(self.rng.gen_bool(0.3)), 0),
        };
        let industry = &INDUSTRIES[plan.industry];
        let year = today.year();
        let region = GEO[ctx.home].region;
        // Lost accounts close their last deal (lost) around the time they stopped buying.
        let lost_at = ctx.orders_end.map(|end| days_after(end, 20).min(yesterday));
        for k in 0..closed + open {
            let is_open = k >= closed;
            let tender = self.rng.gen_bool(0.25);
            let (_, product) = pick(&mut self.rng, industry.products);
            let title = if tender {
                match self.rng.gen_range(0..3) {
                    0 => format!(
                        "Tender: annual supply of {} {}",
                        product.to_lowercase(),
                        year + i32::from(is_open)
                    ),
                    1 => format!(
                        "Tender for the {} site: {}",
                        pick(&mut self.rng, &ctx.cities),
                        product.to_lowercase()
                    ),
                    _ => format!("Framework tender {region}: {}", product.to_lowercase()),
                }
            } else {
                match self.rng.gen_range(0..5) {
                    0 => format!("Framework agreement {}", year + i32::from(is_open)),
                    1 => format!("Pilot: {}", product.to_lowercase()),
                    2 => format!("Expansion to new sites: {}", product.to_lowercase()),
                    3 => format!("Annual volume agreement: {}", product.to_lowercase()),
                    _ => format!("Price list renewal: {}", product.to_lowercase()),
                }
            };
            let amount = round_to(plan.potential * self.rng.gen_range(0.05..0.6), 1000.0);
            let (opened, due, closed_on, stage, outcome) = if is_open {
                let opened = days_before(today, self.rng.gen_range(5..180)).max(plan.created_on);
                let due = days_after(opened, self.rng.gen_range(30..180));
                let stage = DealStage::OPEN[pick_weighted(&mut self.rng, &[25, 30, 30, 15])];
                (opened, Some(due), None, stage, Outcome::Open)
            } else {
                let latest = match plan.status {
                    Status::Lost | Status::Archived => lost_at.unwrap_or(days_before(today, 250)),
                    _ => yesterday,
                };
                // A very young account has had little time for a whole deal.
                let room = (yesterday - plan.created_on).num_days().max(0);
                let duration = self.rng.gen_range(20..150).min(room);
                let closed_on = if plan.status == Status::Lost && k == 0 {
                    latest
                } else {
                    days_before(latest, self.rng.gen_range(0..500))
                }
                .max(days_after(plan.created_on, duration));
                let closed_on = closed_on.min(yesterday);
                let opened = days_before(closed_on, duration);
                let outcome = match plan.status {
                    Status::Lost if k == 0 => Outcome::Lost,
                    Status::Lost | Status::Archived => {
                        [Outcome::Lost, Outcome::Cancelled][pick_weighted(&mut self.rng, &[80, 20])]
                    }
                    _ => [Outcome::Won, Outcome::Lost, Outcome::Cancelled]
                        [pick_weighted(&mut self.rng, &[55, 35, 10])],
                };
                let due = tender.then(|| days_after(opened, duration.min(60)));
                let stage = if outcome == Outcome::Won {
                    DealStage::Won
                } else {
                    DealStage::Lost
                };
                (opened, due, Some(closed_on), stage, outcome)
            };
            use OutcomeReason::*;
            let (reason, note) = match outcome {
                Outcome::Won => pick(
                    &mut self.rng,
                    &[
                        (Price, "Best total cost of ownership over three years"),
                        (Quality, "Delivery reliability proven in the pilot"),
                        (
                            Relationship,
                            "Long-standing trust of the technical director",
                        ),
                        (Terms, "Only bidder able to supply all regions"),
                    ],
                ),
                Outcome::Lost => pick(
                    &mut self.rng,
                    &[
                        (Price, "Price above the winner"),
                        (Terms, "Competitor offered 90-day payment terms"),
                        (Quality, "Failed the technical qualification"),
                        (
                            CompetitorIncumbent,
                            "The incumbent supplier matched our offer",
                        ),
                        (
                            Relationship,
                            "New purchasing director brought his own supplier",
                        ),
                        (Terms, "Longer lead times than the winner"),
                    ],
                ),
                Outcome::Cancelled => pick(
                    &mut self.rng,
                    &[
                        (NoDecision, "Client postponed the project"),
                        (NoDecision, "Budget frozen"),
                        (NoDecision, "Tender annulled by the client"),
                    ],
                ),
                Outcome::Open => (Other, ""),
            };
            let (winner_id, winner, gap) = if outcome == Outcome::Lost {
                let (id, name) = if !ctx.competitors.is_empty() && self.rng.gen_bool(0.8) {
                    let (id, name) = pick(&mut self.rng, &ctx.competitors);
                    (Some(id), name)
                } else {
                    (None, pick(&mut self.rng, &COMPETITORS).0)
                };
                let gap = (6.0 + 5.0 * normal(&mut self.rng)).clamp(-5.0, 25.0);
                (id, name, Some(rub(gap)))
            } else {
                (None, "", None)
            };
            let id = DealId(self.ids.next_id());
            let created_at = work_time(&mut self.rng, opened);
            let updated_at = closed_on.map_or(created_at, |c| work_time(&mut self.rng, c));
            let owner = ctx.team.owner_on(closed_on.unwrap_or(yesterday));
            let amount = (stage != DealStage::Lead || self.rng.gen_bool(0.5))
                .then(|| rub(amount.max(10_000.0)));
            // Tenders: the deadline (open ones still to come, some within the month), the
            // lots, and the bids once ours is in (the winning one derived from the gap).
            let (deadline_on, lots, our_bid, winning_bid) = if tender {
                let deadline = match closed_on {
                    Some(_) => due,
                    None => Some(days_after(today, self.rng.gen_range(3..120))),
                };
                let lots = self.rng.gen_range(1..=6);
                let bid_in = matches!(stage, DealStage::Proposal | DealStage::Negotiation)
                    || stage.is_closed();
                let ours = amount.filter(|_| bid_in);
                let winning = match (outcome, ours, gap) {
                    (Outcome::Won, Some(a), _) => Some(a),
                    (Outcome::Lost, Some(a), Some(g)) => {
                        Some((a / (Decimal::ONE + g / Decimal::ONE_HUNDRED)).round_dp(2))
                    }
                    _ => None,
                };
                (deadline, Some(lots), ours, winning)
            } else {
                (None, None, None, None)
            };
            // A deal that nobody won (no decision) names no winner.
            let (winner_id, winner) = if reason == NoDecision {
                (None, "")
            } else {
                (winner_id, winner)
            };
            batch.deals.push(NewDeal {
                id,
                account_id: AccountId(plan.id),
                kind: if tender {
                    DealKind::Tender
                } else {
                    DealKind::Deal
                },
                title,
                stage,
                amount,
                currency: Currency::Rub,
                opened_on: opened,
                expected_close_on: if tender { deadline_on.or(due) } else { due },
                closed_on,
                closed_at: closed_on.map(|_| updated_at),
                outcome_reason: closed_on.map(|_| reason),
                outcome_note: note.to_owned(),
                winning_competitor_id: winner_id,
                winning_competitor: winner.to_owned(),
                deadline_on,
                lots,
                our_bid,
                winning_bid,
                owner_id: owner.map(UserId),
                created_at: Some(created_at),
                updated_at: Some(updated_at),
            });
            if is_open {
                ctx.open_deals.push(id);
            }
        }
    }
}
