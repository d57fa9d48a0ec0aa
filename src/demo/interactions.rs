//! Calls, e-mails, meetings and visits; they also settle each contact's last-contact date: a
//! contact's last contact is always the day of their latest interaction.

use rand::Rng;

use super::batch::Batch;
use super::random::{days_before, pick, pick_weighted, work_time};
use super::{AccountContext, Generator};
use crate::db::interactions::NewInteraction;
use crate::domain::ids::{AccountId, InteractionId, UserId};
use crate::domain::interaction::InteractionKind;
use crate::domain::scoring::Status;

impl Generator {
    pub(super) fn interactions(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let today = self.today;
        let (count, from, to) = match plan.status {
            Status::Active => (
                self.rng.gen_range(2..=12),
                days_before(today, 365),
                days_before(today, 1),
            ),
            Status::Prospect => (
                self.rng.gen_range(1..=5),
                days_before(today, 180),
                days_before(today, 1),
            ),
            Status::Lost => {
                let end = ctx.orders_end.unwrap_or(days_before(today, 300));
                (self.rng.gen_range(0..=3), days_before(end, 300), end)
            }
            Status::Archived => (0, today, today),
        };
        let from = from.max(plan.created_on);
        if from < to && !ctx.contacts.is_empty() {
            self.conversations(ctx, batch, count, from, to);
        }
        self.last_touches(ctx, batch);
    }

    /// `count` interactions between `from` and `to`, with the people of the account.
    fn conversations(
        &mut self,
        ctx: &mut AccountContext,
        batch: &mut Batch,
        count: usize,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) {
        let plan = ctx.plan;
        let span = (to - from).num_days();
        for _ in 0..count {
            let kind = [
                InteractionKind::Call,
                InteractionKind::Email,
                InteractionKind::Meeting,
                InteractionKind::Visit,
                InteractionKind::Other,
            ][pick_weighted(&mut self.rng, &[40, 25, 20, 10, 5])];
            // Recent weeks are busier than last year.
            let back = (self.rng.gen_range(0.0..1.0_f64).powi(2) * span as f64) as i64;
            let date = days_before(to, back);
            let reachable: Vec<usize> = (0..ctx.contacts.len())
                .filter(|&c| !ctx.contacts[c].stale && ctx.contacts[c].created_on <= date)
                .collect();
            // Meetings and visits bring several people together; calls and e-mails one.
            let mut people: Vec<usize> = vec![];
            if !reachable.is_empty() && !self.rng.gen_bool(0.1) {
                let wanted = match kind {
                    InteractionKind::Meeting | InteractionKind::Visit => self.rng.gen_range(1..=3),
                    _ => 1,
                };
                for _ in 0..wanted {
                    let c = pick(&mut self.rng, &reachable);
                    if !people.contains(&c) {
                        people.push(c);
                    }
                }
            }
            let user = match kind {
                InteractionKind::Call | InteractionKind::Email
                    if ctx.team.assistant.is_some() && self.rng.gen_bool(0.35) =>
                {
                    ctx.team.assistant
                }
                InteractionKind::Meeting if self.rng.gen_bool(0.1) => Some(self.director()),
                _ => ctx.team.owner_on(date),
            };
            let mut users: Vec<UserId> = user.map(UserId).into_iter().collect();
            if matches!(kind, InteractionKind::Meeting | InteractionKind::Visit)
                && let Some(owner) = ctx.team.owner_on(date).map(UserId)
                && !users.contains(&owner)
            {
                users.push(owner);
            }
            let summary = match kind {
                InteractionKind::Call => pick(
                    &mut self.rng,
                    &[
                        "Discussed next quarter's volumes and the new price list.",
                        "Called about the delayed shipment; agreed a new delivery date.",
                        "Checked satisfaction after the first deliveries.",
                    ],
                ),
                InteractionKind::Email => pick(
                    &mut self.rng,
                    &[
                        "Sent the revised commercial proposal.",
                        "Shared certificates and test reports requested by quality.",
                        "Confirmed the annual price agreement terms.",
                    ],
                ),
                InteractionKind::Meeting => pick(
                    &mut self.rng,
                    &[
                        "Quarterly business review with purchasing and finance.",
                        "Negotiated payment terms: they ask for 60 days.",
                        "Presented our service model to the new commercial director.",
                    ],
                ),
                InteractionKind::Visit => pick(
                    &mut self.rng,
                    &[
                        "Site visit to the warehouse; checked storage conditions.",
                        "Plant tour with the chief engineer; spotted two new needs.",
                    ],
                ),
                _ => pick(
                    &mut self.rng,
                    &[
                        "Met at the industry exhibition.",
                        "Joint training session for their buyers.",
                    ],
                ),
            };
            let next_step = if self.rng.gen_bool(0.3) {
                pick(
                    &mut self.rng,
                    &[
                        "Send the updated price list by Friday.",
                        "Arrange a plant visit for their engineers.",
                        "Prepare a proposal for the second half of the year.",
                        "Call back after their budget meeting.",
                    ],
                )
            } else {
                ""
            };
            let occurred = work_time(&mut self.rng, date);
            batch.interactions.push(NewInteraction {
                id: InteractionId(self.ids.next_id()),
                account_id: AccountId(plan.id),
                contacts: people.iter().map(|&c| ctx.contacts[c].id).collect(),
                users: users.clone(),
                kind,
                occurred_at: occurred,
                summary: summary.to_owned(),
                next_step: next_step.to_owned(),
                follow_up_id: None,
                logged_by: users.first().copied(),
                created_at: Some(occurred),
            });
            for c in people {
                let draft = &mut ctx.contacts[c];
                draft.last_contact_on = Some(draft.last_contact_on.map_or(date, |d| d.max(date)));
            }
        }
    }

    /// A contact whose planned last contact no conversation reached gets a short call or
    /// e-mail on that day, so every last-contact date is an interaction's.
    fn last_touches(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        for c in 0..ctx.contacts.len() {
            let draft = &ctx.contacts[c];
            let Some(date) = draft.planned_contact_on else {
                continue;
            };
            if draft.last_contact_on.is_some_and(|d| d >= date) {
                continue;
            }
            let (kind, summary) = if self.rng.gen_bool(0.6) {
                (
                    InteractionKind::Call,
                    pick(
                        &mut self.rng,
                        &[
                            "Short call to check how things are going.",
                            "Called to confirm the next delivery window.",
                            "Quick call about an open invoice.",
                        ],
                    ),
                )
            } else {
                (
                    InteractionKind::Email,
                    pick(
                        &mut self.rng,
                        &[
                            "Answered their question about lead times.",
                            "Sent the minutes of our last meeting.",
                        ],
                    ),
                )
            };
            let users: Vec<UserId> = ctx.team.owner_on(date).map(UserId).into_iter().collect();
            let occurred = work_time(&mut self.rng, date);
            batch.interactions.push(NewInteraction {
                id: InteractionId(self.ids.next_id()),
                account_id: AccountId(plan.id),
                contacts: vec![ctx.contacts[c].id],
                users: users.clone(),
                kind,
                occurred_at: occurred,
                summary: summary.to_owned(),
                next_step: String::new(),
                follow_up_id: None,
                logged_by: users.first().copied(),
                created_at: Some(occurred),
            });
            ctx.contacts[c].last_contact_on = Some(date);
        }
    }
}
