//! Follow-ups: dated next steps around today, some done, some overdue, one "find an owner" on
//! each unowned account.

use rand::Rng;

use super::batch::Batch;
use super::random::{days_after, days_before, pick, pick_weighted, work_time};
use super::{AccountContext, Generator};
use crate::db::follow_ups::NewFollowUp;
use crate::domain::ids::{AccountId, FollowUpId, UserId};
use crate::domain::scoring::Status;
use crate::domain::system_text::{SystemMessage, SystemText, Text, TextArg};

impl Generator {
    pub(super) fn follow_ups(&mut self, ctx: &AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let today = self.today;
        let yesterday = days_before(today, 1);
        let count = match plan.status {
            Status::Active => pick_weighted(&mut self.rng, &[15, 35, 30, 20]),
            Status::Prospect => self.rng.gen_range(1..=2),
            Status::Lost => usize::from(self.rng.gen_bool(0.4)),
            Status::Archived => 0,
        };
        let team = ctx.team.current();
        for k in 0..count {
            let due = days_after(today, self.rng.gen_range(-20..=30));
            let mut contact = None;
            let mut deal = None;
            let mut order = None;
            // Every title here is one the system could raise itself, so it is stored as a
            // message key and read in each reader's language.
            let title = if ctx.team.owner.is_none() && k == 0 {
                SystemText::plain(SystemMessage::FindOwner)
            } else if plan.status == Status::Lost {
                SystemText::plain(SystemMessage::WinBack)
            } else {
                let choice = self.rng.gen_range(0..6);
                if choice == 0 && !ctx.open_deals.is_empty() {
                    deal = Some(pick(&mut self.rng, &ctx.open_deals));
                    SystemText::plain(pick(
                        &mut self.rng,
                        &[
                            SystemMessage::SendProposal,
                            SystemMessage::PrepareTender,
                            SystemMessage::AgreeFinalPrice,
                        ],
                    ))
                } else if choice == 1 && !ctx.recent_orders.is_empty() {
                    let (id, date) = pick(&mut self.rng, &ctx.recent_orders);
                    order = Some(id);
                    SystemText::plain(SystemMessage::ChaseDelivery)
                        .with("date", TextArg::Date(date))
                } else if choice <= 3 && !ctx.contacts.is_empty() {
                    let c = &ctx.contacts[self.rng.gen_range(0..ctx.contacts.len())];
                    contact = Some(c.id);
                    let (key, name) = match self.rng.gen_range(0..3) {
                        0 => (SystemMessage::CallAboutVolumes, &c.first_name),
                        1 => (SystemMessage::SendCertificates, &c.first_name),
                        _ => (SystemMessage::MeetContact, &c.full_name),
                    };
                    SystemText::plain(key).with("name", TextArg::Text(name.clone()))
                } else {
                    SystemText::plain(pick(
                        &mut self.rng,
                        &[
                            SystemMessage::AgreePriceList,
                            SystemMessage::VisitMainSite,
                            SystemMessage::UpdateDevelopmentPlans,
                            SystemMessage::CheckPayments,
                            SystemMessage::PrepareBusinessReview,
                        ],
                    ))
                }
            };
            let assignee = if team.is_empty() {
                self.director()
            } else if ctx.team.assistant.is_some() && (order.is_some() || self.rng.gen_bool(0.3)) {
                ctx.team.assistant.unwrap_or(team[0])
            } else if !ctx.team.members.is_empty() && self.rng.gen_bool(0.1) {
                pick(&mut self.rng, &ctx.team.members)
            } else {
                team[0]
            };
            let created_on = days_before(due, self.rng.gen_range(3..30)).min(yesterday);
            let created_by = if team.is_empty() || self.rng.gen_bool(0.3) {
                self.director()
            } else {
                team[0]
            };
            let done = if due < today {
                self.rng.gen_bool(0.65)
            } else {
                self.rng.gen_bool(0.1)
            };
            let done_at = done.then(|| {
                let on = days_after(due, self.rng.gen_range(-3..=3)).clamp(created_on, yesterday);
                work_time(&mut self.rng, on)
            });
            let created_at = work_time(&mut self.rng, created_on);
            // A follow-up done on the day it was created may not be done before it was created.
            let done_at = done_at.map(|at| at.max(created_at));
            let notes = if self.rng.gen_bool(0.3) {
                "Agreed at the last meeting."
            } else {
                ""
            };
            batch.follow_ups.push(NewFollowUp {
                id: FollowUpId(self.ids.next_id()),
                account_id: AccountId(plan.id),
                title: Text::System(title),
                notes: notes.to_owned(),
                due_on: due,
                assignee_id: UserId(assignee),
                done_by: done_at.map(|_| UserId(assignee)),
                done_at,
                contact_id: contact,
                deal_id: deal,
                order_id: order,
                created_by: Some(UserId(created_by)),
                created_at: Some(created_at),
            });
        }
    }
}
