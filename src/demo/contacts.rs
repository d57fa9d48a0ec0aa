//! The contact map: an org chart per account in the account's script, with decision roles,
//! coverage gaps on purpose and the history of attitudes.

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::SliceRandom;

use super::batch::Batch;
use super::plan::{Origin, Plan};
use super::random::{ascii_slug, days_after, days_before, pick, pick_weighted, work_time};
use super::reference::{
    ATTITUDE_NOTES, CULTURES, JUNIOR_POSITIONS, MANAGER_POSITIONS, MIDDLE_POSITIONS, Position,
    RU_FEMALE, RU_MALE, RU_SURNAMES, TOP_POSITIONS, motivation_for,
};
use super::{AccountContext, Generator};
use crate::db::contacts::{ContactDetails, NewAttitudeChange, NewContact, NewInfluenceChange};
use crate::domain::contact::{Attitude, DecisionRole, Influence};
use crate::domain::ids::{AccountId, AttitudeChangeId, ContactId, InfluenceChangeId, UserId};
use crate::domain::scoring::Status;
use crate::domain::user::{Email, PersonName};

/// A contact before it becomes a row: interactions still move its last-contact date.
pub(crate) struct ContactDraft {
    pub(crate) id: ContactId,
    pub(crate) first_name: String,
    pub(crate) full_name: String,
    /// Latin local part of the e-mail address.
    pub(crate) email_name: String,
    pub(crate) level: u8,
    pub(crate) title: &'static str,
    pub(crate) department: &'static str,
    pub(crate) decision_role: DecisionRole,
    pub(crate) attitude: Option<Attitude>,
    /// When we last spoke to them by the account's story; the interactions make it true
    /// (see `Generator::interactions`).
    pub(crate) planned_contact_on: Option<NaiveDate>,
    /// The day of their latest interaction (none: never contacted).
    pub(crate) last_contact_on: Option<NaiveDate>,
    /// A coverage gap on purpose: no interaction may refresh this contact.
    pub(crate) stale: bool,
    pub(crate) created_on: NaiveDate,
}

impl Generator {
    /// A person's (first name, full name) in the account's script.
    fn person(&mut self, plan: Plan, cyrillic: bool) -> (String, String, String) {
        let rng = &mut self.rng;
        match plan.origin {
            Origin::Russia => {
                let female = rng.gen_bool(0.45);
                let (first_lat, first_cyr) = if female {
                    pick(rng, &RU_FEMALE)
                } else {
                    pick(rng, &RU_MALE)
                };
                let (last_lat, last_cyr) = pick(rng, &RU_SURNAMES);
                let ending = if female { "a" } else { "" };
                let cyr_ending = if female { "а" } else { "" };
                let email = format!(
                    "{}.{}{}",
                    ascii_slug(first_lat, ""),
                    ascii_slug(last_lat, ""),
                    ending
                );
                if cyrillic {
                    (
                        first_cyr.to_owned(),
                        format!("{first_cyr} {last_cyr}{cyr_ending}"),
                        email,
                    )
                } else {
                    (
                        first_lat.to_owned(),
                        format!("{first_lat} {last_lat}{ending}"),
                        email,
                    )
                }
            }
            Origin::Europe(culture) => {
                let culture = &CULTURES[culture];
                let first = pick(rng, culture.first_names);
                let last = pick(rng, culture.surnames);
                (
                    first.to_owned(),
                    format!("{first} {last}"),
                    format!("{}.{}", ascii_slug(first, ""), ascii_slug(last, "")),
                )
            }
        }
    }

    pub(super) fn contacts(&mut self, ctx: &mut AccountContext) {
        let plan = ctx.plan;
        if self.large_maps.contains(&plan.id) {
            return self.large_contact_map(ctx);
        }
        let count = match plan.status {
            Status::Active => self.rng.gen_range(2..=8),
            Status::Prospect => self.rng.gen_range(1..=4),
            Status::Lost => self.rng.gen_range(1..=3),
            Status::Archived => self.rng.gen_range(0..=2),
        };
        let cyrillic = ctx
            .name
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let mut middle: Vec<Position> = MIDDLE_POSITIONS.to_vec();
        middle.shuffle(&mut self.rng);
        let mut junior: Vec<Position> = JUNIOR_POSITIONS.to_vec();
        junior.shuffle(&mut self.rng);
        for k in 0..count {
            // The first contact is the top of the chart; then about half are middle managers
            // and the rest report to them.
            let level: u8 = if k == 0 {
                0
            } else if k <= count / 2 {
                1
            } else {
                2
            };
            let position = match level {
                0 => pick(&mut self.rng, &TOP_POSITIONS),
                1 => middle.pop().unwrap_or(MIDDLE_POSITIONS[0]),
                _ => junior.pop().unwrap_or(JUNIOR_POSITIONS[0]),
            };
            self.contact_draft(ctx, level, position, cyrillic);
        }
    }

    /// A large client's chart of about 50 people, so that the map has something to draw: a
    /// chief, six directors, two or three heads of unit under each, and staff under those.
    fn large_contact_map(&mut self, ctx: &mut AccountContext) {
        let cyrillic = ctx
            .name
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let staff = self.rng.gen_range(22..=30);
        let managers = self.rng.gen_range(14..=18);
        let top = pick(&mut self.rng, &TOP_POSITIONS);
        self.contact_draft(ctx, 0, top, cyrillic);
        for &position in MIDDLE_POSITIONS.iter().take(6) {
            self.contact_draft(ctx, 1, position, cyrillic);
        }
        for _ in 0..managers {
            let position = pick(&mut self.rng, &MANAGER_POSITIONS);
            self.contact_draft(ctx, 2, position, cyrillic);
        }
        for _ in 0..staff {
            let position = pick(&mut self.rng, &JUNIOR_POSITIONS);
            self.contact_draft(ctx, 3, position, cyrillic);
        }
    }

    /// One person of the chart at `level` (0 the top) in `position`.
    fn contact_draft(
        &mut self,
        ctx: &mut AccountContext,
        level: u8,
        (title, department, role): Position,
        cyrillic: bool,
    ) {
        let plan = ctx.plan;
        let attitude = [
            Some(Attitude::Supporter),
            Some(Attitude::Neutral),
            Some(Attitude::Opponent),
            None,
        ][pick_weighted(&mut self.rng, &[35, 40, 15, 10])];
        let role = match attitude {
            Some(Attitude::Supporter) if level > 0 && self.rng.gen_bool(0.2) => {
                DecisionRole::Champion
            }
            Some(Attitude::Opponent) if level > 0 && self.rng.gen_bool(0.4) => {
                DecisionRole::Blocker
            }
            _ => role,
        };
        let stale = plan.status == Status::Active && self.rng.gen_bool(0.12);
        let planned_contact_on = match plan.status {
            _ if self.rng.gen_bool(0.05) => None,
            Status::Active if stale => Some(days_before(self.today, self.rng.gen_range(120..400))),
            Status::Active => Some(days_before(self.today, self.rng.gen_range(1..90))),
            Status::Prospect => Some(days_before(self.today, self.rng.gen_range(1..60))),
            Status::Lost => Some(days_before(self.today, self.rng.gen_range(200..500))),
            Status::Archived => None,
        };
        let (first_name, full_name, email_name) = self.person(plan, cyrillic);
        let created_on =
            days_after(plan.created_on, self.rng.gen_range(0..120)).min(days_before(self.today, 1));
        let planned_contact_on = planned_contact_on.map(|d| d.max(created_on));
        ctx.contacts.push(ContactDraft {
            id: ContactId(self.ids.next_id()),
            first_name,
            full_name,
            email_name,
            level,
            title,
            department,
            decision_role: role,
            attitude,
            planned_contact_on,
            last_contact_on: None,
            stale,
            created_on,
        });
    }

    /// Turns contact drafts into rows once interactions have settled their last-contact dates.
    pub(super) fn contact_rows(&mut self, ctx: &AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let phone_code = match plan.origin {
            Origin::Russia => "+7",
            Origin::Europe(c) => CULTURES[c].phone,
        };
        let team = ctx.team.current();
        for (k, draft) in ctx.contacts.iter().enumerate() {
            let rng = &mut self.rng;
            // Bosses come before their reports, so the chain can never loop.
            let reports_to = match draft.level {
                0 => None,
                1 => Some(ctx.contacts[0].id),
                _ => {
                    let bosses: Vec<ContactId> = ctx.contacts[..k]
                        .iter()
                        .filter(|c| c.level + 1 == draft.level)
                        .map(|c| c.id)
                        .collect();
                    if bosses.is_empty() {
                        Some(ctx.contacts[0].id)
                    } else {
                        Some(pick(rng, &bosses))
                    }
                }
            };
            let influence = match draft.level {
                0 => Influence::High,
                1 => [Influence::High, Influence::Medium, Influence::Low]
                    [pick_weighted(rng, &[40, 50, 10])],
                _ => [Influence::Medium, Influence::Low][pick_weighted(rng, &[30, 70])],
            };
            // Coverage gaps on purpose: some decision makers nobody on our team talks to.
            let covered_by = if team.is_empty()
                || (draft.decision_role == DecisionRole::DecisionMaker && rng.gen_bool(0.15))
            {
                None
            } else if draft.level == 2 && ctx.team.assistant.is_some() && rng.gen_bool(0.5) {
                ctx.team.assistant
            } else if rng.gen_bool(0.85) {
                ctx.team.owner.or(Some(team[0]))
            } else {
                Some(pick(rng, &team))
            };
            let (motivations, measures) = motivation_for(draft.department);
            let email = if rng.gen_bool(0.85) {
                Email::parse(&format!("{}@{}", draft.email_name, ctx.domain)).ok()
            } else {
                None
            };
            let phone = format!(
                "{phone_code} {} {:03}-{:02}-{:02}",
                rng.gen_range(900..1000),
                rng.gen_range(0..1000),
                rng.gen_range(0..100),
                rng.gen_range(0..100)
            );
            let motivation = pick(rng, motivations);
            let measured_on = pick(rng, measures);
            // A few have left the client; archived clients' people are all gone.
            let gone_on = (plan.status == Status::Archived || rng.gen_bool(0.04)).then(|| {
                let last = draft.last_contact_on.unwrap_or(draft.created_on);
                days_after(last, rng.gen_range(1..60)).min(days_before(self.today, 1))
            });
            let created_at = work_time(rng, draft.created_on);
            batch.contacts.push(NewContact {
                id: draft.id,
                account_id: AccountId(plan.id),
                details: ContactDetails {
                    full_name: PersonName::parse(&draft.full_name)
                        .expect("demo names are 1 to 200 characters"),
                    title: draft.title.to_owned(),
                    department: draft.department.to_owned(),
                    email,
                    phone,
                    reports_to,
                    decision_role: Some(draft.decision_role),
                    influence: Some(influence),
                    attitude: draft.attitude,
                    covered_by: covered_by.map(UserId),
                    motivation: motivation.to_owned(),
                    measured_on: measured_on.to_owned(),
                    notes: String::new(),
                },
                last_contact_on: draft.last_contact_on,
                gone_on,
                created_at: Some(created_at),
            });

            // How the attitude got where it is: one to three earlier readings for some.
            if let Some(current) = draft.attitude
                && rng.gen_bool(0.25)
            {
                let changes = rng.gen_range(1..=3);
                let span = (days_before(self.today, 1) - draft.created_on)
                    .num_days()
                    .max(1);
                let mut offsets: Vec<i64> = (0..changes).map(|_| rng.gen_range(0..span)).collect();
                offsets.sort_unstable();
                for (step, offset) in offsets.iter().enumerate() {
                    let attitude = if step + 1 == changes {
                        current
                    } else {
                        pick(rng, Attitude::ALL)
                    };
                    let notes: Vec<&str> = ATTITUDE_NOTES
                        .iter()
                        .filter(|(a, _)| *a == attitude)
                        .map(|(_, n)| *n)
                        .collect();
                    let note = pick(rng, &notes);
                    let changed_by = if team.is_empty() {
                        None
                    } else {
                        Some(pick(rng, &team))
                    };
                    let when = work_time(rng, days_after(draft.created_on, *offset));
                    batch.attitudes.push(NewAttitudeChange {
                        id: AttitudeChangeId(self.ids.next_id()),
                        contact_id: draft.id,
                        value: Some(attitude),
                        note: note.to_owned(),
                        changed_by: changed_by.map(UserId),
                        changed_at: Some(when),
                    });
                }
            }

            // Some people's weight changed once: the earlier reading, then today's.
            if !team.is_empty() && rng.gen_bool(0.15) {
                let span = (days_before(self.today, 1) - draft.created_on)
                    .num_days()
                    .max(2);
                let earlier = pick(rng, Influence::ALL);
                let at = rng.gen_range(0..span / 2);
                let later = rng.gen_range(span / 2..span);
                for (influence, offset, note) in [
                    (earlier, at, "First impression at the introduction meeting."),
                    (
                        influence,
                        later,
                        "Reassessed after the last negotiation round.",
                    ),
                ] {
                    let when = work_time(rng, days_after(draft.created_on, offset));
                    batch.influences.push(NewInfluenceChange {
                        id: InfluenceChangeId(self.ids.next_id()),
                        contact_id: draft.id,
                        value: Some(influence),
                        note: note.to_owned(),
                        changed_by: Some(UserId(pick(rng, &team))),
                        changed_at: Some(when),
                    });
                }
            }
        }
    }
}
