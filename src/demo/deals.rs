//! Deals and tenders: won, lost (with the winner and the price gap) and cancelled history, and
//! the open pipeline.

use chrono::Datelike;
use rand::Rng;

use super::batch::Batch;
use super::random::{
    days_after, days_before, normal, pick, pick_weighted, round_to, rub, work_time,
};
use super::reference::{COMPETITORS, GEO, INDUSTRIES};
use super::{AccountContext, Generator};
use crate::db::deals::NewDeal;
use crate::domain::deal::{DealKind, DealOutcome, DealStage};
use crate::domain::ids::{AccountId, DealId, UserId};
use crate::domain::scoring::Status;

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
                let stage = [
                    DealStage::Lead,
                    DealStage::Qualified,
                    DealStage::Proposal,
                    DealStage::Negotiation,
                ][pick_weighted(&mut self.rng, &[25, 30, 30, 15])];
                (opened, Some(due), None, stage, DealOutcome::Open)
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
                    Status::Lost if k == 0 => DealOutcome::Lost,
                    Status::Lost | Status::Archived => [DealOutcome::Lost, DealOutcome::Cancelled]
                        [pick_weighted(&mut self.rng, &[80, 20])],
                    _ => [DealOutcome::Won, DealOutcome::Lost, DealOutcome::Cancelled]
                        [pick_weighted(&mut self.rng, &[55, 35, 10])],
                };
                let due = tender.then(|| days_after(opened, duration.min(60)));
                (opened, due, Some(closed_on), DealStage::Closed, outcome)
            };
            let reason = match outcome {
                DealOutcome::Won => pick(
                    &mut self.rng,
                    &[
                        "Best total cost of ownership over three years",
                        "Delivery reliability proven in the pilot",
                        "Technical support and training on site",
                        "Only bidder able to supply all regions",
                    ],
                ),
                DealOutcome::Lost => pick(
                    &mut self.rng,
                    &[
                        "Price above the winner",
                        "Competitor offered 90-day payment terms",
                        "Failed the technical qualification",
                        "New purchasing director brought his own supplier",
                        "Longer lead times than the winner",
                    ],
                ),
                DealOutcome::Cancelled => pick(
                    &mut self.rng,
                    &[
                        "Client postponed the project",
                        "Budget frozen",
                        "Tender annulled by the client",
                    ],
                ),
                DealOutcome::Open => "",
            };
            let (winner_id, winner, gap) = if outcome == DealOutcome::Lost {
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
                outcome,
                amount,
                opened_on: opened,
                due_on: due,
                closed_on,
                outcome_reason: reason.to_owned(),
                winning_competitor_id: winner_id,
                winning_competitor: winner.to_owned(),
                price_gap_pct: gap,
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
