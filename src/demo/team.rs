//! The account team: owners with their handovers, assistants and cross-functional members.

use chrono::NaiveDate;
use rand::Rng;
use rand::rngs::StdRng;
use uuid::Uuid;

use super::batch::Batch;
use super::random::{days_after, days_before, pick, work_time};
use super::reference::{DIRECTORS, HANDOVERS, KAMS, MEMBER_FUNCTIONS};
use super::{AccountContext, Generator};
use crate::db::teams::{NewHandover, NewStint};
use crate::domain::ids::{AccountId, HandoverId, TeamStintId, UserId};
use crate::domain::scoring::Status;
use crate::domain::system_text::Text;
use crate::domain::team::{TeamFunction, TeamRole};

/// Who works on an account now and who did before a handover.
#[derive(Debug, Default)]
pub(crate) struct Team {
    pub(crate) owner: Option<Uuid>,
    pub(crate) assistant: Option<Uuid>,
    pub(crate) members: Vec<Uuid>,
    /// Until this date the previous owner's people logged orders and ran deals.
    pub(crate) handover: Option<NaiveDate>,
    pub(crate) previous_owner: Option<Uuid>,
    pub(crate) previous_assistant: Option<Uuid>,
}

impl Team {
    /// Everyone currently on the team, owner first.
    pub(crate) fn current(&self) -> Vec<Uuid> {
        self.owner
            .iter()
            .chain(self.assistant.iter())
            .chain(self.members.iter())
            .copied()
            .collect()
    }

    pub(crate) fn owner_on(&self, date: NaiveDate) -> Option<Uuid> {
        match self.handover {
            Some(handover) if date < handover => self.previous_owner,
            _ => self.owner,
        }
    }

    /// Who typed in an order of that date: mostly the assistant, sometimes the KAM.
    pub(crate) fn logger_on(&self, rng: &mut StdRng, date: NaiveDate) -> Option<Uuid> {
        let (owner, assistant) = match self.handover {
            Some(handover) if date < handover => (self.previous_owner, self.previous_assistant),
            _ if self.owner.is_some() => (self.owner, self.assistant),
            _ => (self.previous_owner, self.previous_assistant),
        };
        if rng.gen_bool(0.8) {
            assistant.or(owner)
        } else {
            owner.or(assistant)
        }
    }
}

impl Generator {
    fn push_team(
        &mut self,
        account: Uuid,
        user: Uuid,
        role: TeamRole,
        function: Option<TeamFunction>,
        (started, ended): (NaiveDate, Option<NaiveDate>),
        batch: &mut Batch,
    ) -> TeamStintId {
        let id = TeamStintId(self.ids.next_id());
        let created_at = work_time(&mut self.rng, started);
        batch.team.push(NewStint {
            id,
            account_id: AccountId(account),
            user_id: UserId(user),
            role,
            function,
            started_on: Some(started),
            ended_on: ended,
            handover_id: None,
            created_at: Some(created_at),
        });
        id
    }

    pub(super) fn team(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let yesterday = days_before(self.today, 1);
        let start = days_after(plan.created_on, self.rng.gen_range(0..30)).min(yesterday);
        let account = plan.id;
        let mut team = Team::default();

        match plan.owner {
            Some(kam) => {
                // About one account in seven changed hands during the last year and a half.
                let age = (self.today - plan.created_on).num_days();
                let handed_over = age > 200 && self.rng.gen_bool(0.15);
                let mut owner_start = start;
                if handed_over {
                    let previous = (kam + self.rng.gen_range(1..KAMS)) % KAMS;
                    let handover = days_before(self.today, self.rng.gen_range(90..age.min(540)));
                    let handover = handover.max(days_after(start, 1));
                    self.push_team(
                        account,
                        self.kam(previous),
                        TeamRole::Owner,
                        None,
                        (start, Some(handover)),
                        batch,
                    );
                    let previous_assistant = self.assistant_of(previous);
                    if previous_assistant != self.assistant_of(kam) {
                        self.push_team(
                            account,
                            previous_assistant,
                            TeamRole::Assistant,
                            None,
                            (start, Some(handover)),
                            batch,
                        );
                    }
                    team.handover = Some(handover);
                    team.previous_owner = Some(self.kam(previous));
                    team.previous_assistant = Some(previous_assistant);
                    owner_start = handover;
                }
                self.push_team(
                    account,
                    self.kam(kam),
                    TeamRole::Owner,
                    None,
                    (owner_start, None),
                    batch,
                );
                if handed_over {
                    // The handover that made the current KAM the owner, with the director's
                    // reason and note; the new owner's stint points at it. Chosen from the
                    // account's id rather than drawn, so the rest of the demo stays as it was.
                    let pick_by_id = account.as_u128() as usize;
                    let (reason, note) = HANDOVERS[pick_by_id % HANDOVERS.len()];
                    let director = self.users[DIRECTORS[pick_by_id / 7 % DIRECTORS.len()]];
                    let id = HandoverId(self.ids.next_id());
                    let created_at = batch.team.last().and_then(|s| s.created_at);
                    batch.handovers.push(NewHandover {
                        id,
                        account_id: AccountId(account),
                        from: team.previous_owner.map(UserId),
                        to: UserId(self.kam(kam)),
                        reason,
                        note: Text::Typed(note.to_owned()),
                        handed_on: owner_start,
                        by: Some(UserId(director)),
                        offer: None,
                        created_at,
                    });
                    if let Some(stint) = batch.team.last_mut() {
                        stint.handover_id = Some(id);
                    }
                }
                let assistant = self.assistant_of(kam);
                let assistant_start = if team.previous_assistant == Some(assistant) {
                    start
                } else {
                    owner_start
                };
                self.push_team(
                    account,
                    assistant,
                    TeamRole::Assistant,
                    None,
                    (assistant_start, None),
                    batch,
                );
                team.owner = Some(self.kam(kam));
                team.assistant = Some(assistant);
            }
            None if plan.status == Status::Archived || self.rng.gen_bool(0.5) => {
                // Archived accounts keep their history; half of the unowned ones lost their
                // KAM recently and nobody took over.
                let previous = self.rng.gen_range(0..KAMS);
                let ended = if plan.status == Status::Archived {
                    days_before(self.today, self.rng.gen_range(200..1000))
                } else {
                    days_before(self.today, self.rng.gen_range(20..180))
                };
                let ended = ended.max(start);
                self.push_team(
                    account,
                    self.kam(previous),
                    TeamRole::Owner,
                    None,
                    (start, Some(ended)),
                    batch,
                );
                self.push_team(
                    account,
                    self.assistant_of(previous),
                    TeamRole::Assistant,
                    None,
                    (start, Some(ended)),
                    batch,
                );
                team.handover = Some(ended);
                team.previous_owner = Some(self.kam(previous));
                team.previous_assistant = Some(self.assistant_of(previous));
            }
            None => {}
        }

        // Cross-functional members: colleagues from other teams or the directors lending a hand.
        if plan.status != Status::Archived && plan.owner.is_some() && self.rng.gen_bool(0.15) {
            let count = self.rng.gen_range(1..=2);
            for _ in 0..count {
                let taken = team.current();
                let pool: Vec<Uuid> = self.users[1..]
                    .iter()
                    .copied()
                    .filter(|u| !taken.contains(u))
                    .collect();
                let user = pick(&mut self.rng, &pool);
                let function = Some(pick(&mut self.rng, &MEMBER_FUNCTIONS));
                let member_start = days_after(start, self.rng.gen_range(0..200)).min(yesterday);
                if self.rng.gen_bool(0.2) {
                    let ended =
                        days_after(member_start, self.rng.gen_range(30..300)).min(yesterday);
                    self.push_team(
                        account,
                        user,
                        TeamRole::Member,
                        function,
                        (member_start, Some(ended)),
                        batch,
                    );
                } else {
                    self.push_team(
                        account,
                        user,
                        TeamRole::Member,
                        function,
                        (member_start, None),
                        batch,
                    );
                    team.members.push(user);
                }
            }
        }
        ctx.team = team;
    }
}
