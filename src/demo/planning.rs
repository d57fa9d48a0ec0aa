//! Account planning for a few key clients (issue 12): this year's plan with objectives and
//! actions, the KAM budget, a competitive grid of two versions (the trend) and a special offer,
//! so the planning pages, the meeting brief and the cockpit's planning block are not empty.
//! Written after the accounts (in the seed's transaction) through the planning writers, for
//! the first [`PLANNED_CLIENTS`] likely key clients with an owner; the rest of the key list
//! shows up as "without a plan" on the cockpit. Deterministic: no random draws, ids from the
//! generator's id stream.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use sqlx::PgConnection;

use super::Generator;
use super::reference::COMPETITORS;
use crate::db;
use crate::db::offers::{OfferDraft, Variant};
use crate::db::plans::{ActionDraft, PlanDraft};
use crate::domain::budget::Budget;
use crate::domain::competitive::{Criterion, Grid};
use crate::domain::ids::{
    AccountId, BudgetId, GridId, ObjectiveId, PlanActionId, PlanId, SpecialOfferId, UserId,
};
use crate::domain::money::Money;
use crate::domain::plan::{ActionStatus, ObjectiveDraft, ObjectiveKind};
use crate::domain::scoring::Status;

/// How many key clients get a plan, a budget, a grid and an offer.
pub(crate) const PLANNED_CLIENTS: usize = 6;

/// The grid's criteria: name, weight, our score, the two rivals' scores (the first version;
/// the second moves delivery up by two).
const CRITERIA: [(&str, u32, [u8; 3]); 10] = [
    ("Price", 20, [6, 8, 7]),
    ("Quality", 15, [9, 6, 7]),
    ("Delivery reliability", 15, [6, 7, 5]),
    ("Payment terms", 10, [5, 7, 6]),
    ("Range", 8, [8, 6, 7]),
    ("Service", 8, [8, 5, 6]),
    ("Innovation", 6, [7, 4, 5]),
    ("Brand", 6, [7, 8, 5]),
    ("Ease of ordering", 6, [5, 7, 6]),
    ("Relationship", 6, [8, 6, 6]),
];

fn money(v: i64) -> Money {
    Money::new(Decimal::from(v)).expect("demo amounts are money")
}

impl Generator {
    /// Writes the planning records of the first [`PLANNED_CLIENTS`] likely key clients;
    /// answers how many clients got them.
    pub(crate) async fn write_planning(&mut self, conn: &mut PgConnection) -> Result<usize> {
        let year = self.today.year();
        let chosen: Vec<(usize, uuid::Uuid, usize)> = self
            .plans
            .iter()
            .filter(|p| p.status == Status::Active && self.key_clients.contains(&p.id))
            .filter_map(|p| Some((p.id, p.owner?)))
            .take(PLANNED_CLIENTS)
            .enumerate()
            .map(|(i, (id, owner))| (i, id, owner))
            .collect();
        for (i, id, owner) in &chosen {
            let account = AccountId(*id);
            let kam = UserId(self.kam(*owner));
            let scale = 1 + (*i as i64 % 3);
            self.write_plan(conn, account, kam, year, *i, scale).await?;
            let budget = Budget {
                people: money(400_000 * scale),
                marketing: money(150_000 * scale),
                discounts: money(300_000 * scale),
                logistics: money(120_000 * scale),
                planned_margin: Some(money(3_000_000 * scale)),
                actual_margin: Some(money(1_900_000 * scale)),
            };
            db::budgets::insert(
                conn,
                BudgetId(self.ids.next_id()),
                account,
                year,
                &budget,
                "Two visits a month; a trade marketing campaign in spring",
            )
            .await
            .context("inserting a demo KAM budget")?;
            let rivals = vec![
                COMPETITORS[i % COMPETITORS.len()].0.to_string(),
                COMPETITORS[(i + 5) % COMPETITORS.len()].0.to_string(),
            ];
            for version in 1..=2 {
                let grid = Grid {
                    rivals: rivals.clone(),
                    criteria: CRITERIA
                        .iter()
                        .map(|(name, weight, scores)| {
                            let mut scores = scores.to_vec();
                            if version == 2 && *name == "Delivery reliability" {
                                scores[0] += 2;
                            }
                            Criterion {
                                name: (*name).to_string(),
                                weight: Decimal::from(*weight),
                                scores,
                            }
                        })
                        .collect(),
                };
                db::competitive::insert(
                    conn,
                    GridId(self.ids.next_id()),
                    account,
                    version,
                    &grid,
                    kam,
                )
                .await
                .context("inserting a demo competitive grid")?;
            }
            let offer = OfferDraft {
                title: "Next season's terms".into(),
                offered_on: self.today - chrono::Days::new(20 + *i as u64),
                chosen: i.is_multiple_of(2).then_some(1),
                variants: vec![
                    variant(
                        "5 % off the list price",
                        "",
                        500_000,
                        0,
                        500_000,
                        "Fine, but the competitor offers the same",
                        scale,
                    ),
                    variant(
                        "3 % off and consignment stock on the client's premises",
                        "No stock-outs; frees the client's working capital",
                        300_000,
                        900_000,
                        350_000,
                        "Likes the consignment stock; asks for weekly replenishment",
                        scale,
                    ),
                    variant(
                        "Training for the client's buyers",
                        "Fewer wrong orders and returns",
                        0,
                        400_000,
                        120_000,
                        "",
                        scale,
                    ),
                ],
            };
            db::offers::insert(conn, SpecialOfferId(self.ids.next_id()), account, &offer)
                .await
                .context("inserting a demo special offer")?;
        }
        Ok(chosen.len())
    }

    async fn write_plan(
        &mut self,
        conn: &mut PgConnection,
        account: AccountId,
        kam: UserId,
        year: i32,
        i: usize,
        scale: i64,
    ) -> Result<()> {
        let plan = PlanId(self.ids.next_id());
        let today = self.today;
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        db::plans::insert(
            conn,
            plan,
            account,
            year,
            &PlanDraft {
                meeting_on: Some(start + chrono::Days::new(30)),
                participants: "The client's procurement director and logistics head; our KAM and sales director".into(),
                client_goals: "Open new stores in Siberia; cut logistics costs by 10 %".into(),
            },
        )
        .await
        .context("inserting a demo plan")?;
        let objectives = [
            ObjectiveDraft {
                kind: ObjectiveKind::Revenue,
                title: "Revenue from the client".into(),
                target: Some(Decimal::from(12_000_000 * scale)),
                actual: Some(Decimal::from(4_500_000 * scale)),
                due_on: NaiveDate::from_ymd_opt(year, 12, 31),
            },
            ObjectiveDraft {
                kind: ObjectiveKind::Region,
                title: "Serve the client's stores in a new region".into(),
                target: None,
                actual: None,
                due_on: NaiveDate::from_ymd_opt(year, 9, 30),
            },
        ];
        for (n, objective) in objectives.iter().enumerate() {
            let id = ObjectiveId(self.ids.next_id());
            db::plans::insert_objective(conn, id, plan, objective)
                .await
                .context("inserting a demo objective")?;
            // One client in three has an action past its date (the cockpit's overdue figure).
            let late = n == 1 && i.is_multiple_of(3);
            let actions = [
                (
                    "Agree the delivery schedule",
                    today - chrono::Days::new(60),
                    ActionStatus::Done,
                ),
                (
                    "Visit the client's new stores",
                    if late {
                        today - chrono::Days::new(5)
                    } else {
                        today + chrono::Days::new(25)
                    },
                    ActionStatus::InProgress,
                ),
            ];
            for (title, due_on, status) in actions {
                db::plans::insert_action(
                    conn,
                    PlanActionId(self.ids.next_id()),
                    id,
                    &ActionDraft {
                        title: title.into(),
                        owner_id: Some(kam),
                        due_on,
                        status,
                    },
                )
                .await
                .context("inserting a demo plan action")?;
            }
        }
        Ok(())
    }
}

fn variant(
    description: &str,
    value_note: &str,
    discount: i64,
    extra_value: i64,
    cost: i64,
    feedback: &str,
    scale: i64,
) -> Variant {
    Variant {
        offer_id: None,
        description: description.into(),
        value_note: value_note.into(),
        discount: Decimal::from(discount * scale),
        extra_value: Decimal::from(extra_value * scale),
        cost: Decimal::from(cost * scale),
        margin_effect: -Decimal::from(cost * scale),
        feedback: feedback.into(),
    }
}
