//! The account plan (issue 12): per key client and year, the client's strategic goals from the
//! joint planning meeting, our measurable objectives for the client and the actions under each.
//!
//! Pure rules: which objective kinds carry a figure and in what unit, what a save may hold
//! ([`ObjectiveDraft::refusals`]), how far an objective and a plan have come ([`progress`],
//! [`plan_progress`]), when an action is overdue, and how a key client's planning stands for the
//! director's cockpit ([`PlanState`]).

use crate::domain::scoring::named_enum;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The earliest and latest year a plan may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A plan's year as typed (a query parameter or a hidden field); `None` when it is no year a
/// plan may be for.
pub fn parse_year(raw: &str) -> Option<i32> {
    raw.trim().parse::<i32>().ok().filter(|y| YEARS.contains(y))
}

named_enum! {
    /// What an objective of ours for the client measures (the literature's examples).
    pub enum ObjectiveKind as "objective kind" {
        /// A target revenue from the client (money).
        Revenue => "revenue",
        /// Our share of the client's spend on our category (percent).
        ShareOfWallet => "share_of_wallet",
        /// A new product line the client starts buying (reached when its actions are done).
        ProductLine => "product_line",
        /// A new region where we serve the client (reached when its actions are done).
        Region => "region",
    }
}

named_enum! {
    /// The cockpit's planning figures, as a filter of the key list (for the current year).
    pub enum PlanCheck as "plan check" {
        /// Key clients without a plan for the year.
        Missing => "missing",
        /// Key clients whose plan has an open action past its date.
        Overdue => "overdue",
        /// Key clients with a KAM budget for the year.
        Budgeted => "budget",
    }
}

/// The unit of an objective's target and actual figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Money (the plan's currency, roubles).
    Money,
    /// Percent, 0 to 100.
    Percent,
}

impl ObjectiveKind {
    /// The unit of its figures; `None` for kinds measured by their actions.
    pub fn unit(self) -> Option<Unit> {
        match self {
            ObjectiveKind::Revenue => Some(Unit::Money),
            ObjectiveKind::ShareOfWallet => Some(Unit::Percent),
            ObjectiveKind::ProductLine | ObjectiveKind::Region => None,
        }
    }
}

named_enum! {
    /// Where an action of the plan stands.
    pub enum ActionStatus as "action status" {
        /// Not started.
        Planned => "planned",
        /// Under way.
        InProgress => "in_progress",
        /// Done.
        Done => "done",
        /// Dropped (does not count for progress).
        Cancelled => "cancelled",
    }
}

impl ActionStatus {
    /// Whether the action is still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// Whether an action is past its date and still open.
pub fn is_overdue(status: ActionStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && due_on < today
}

/// An objective as a form gives it, every field parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectiveDraft {
    /// What it measures.
    pub kind: ObjectiveKind,
    /// What it is, in words ("Tyres for the Irkutsk stores").
    pub title: String,
    /// The figure to reach (money or percent by kind).
    pub target: Option<Decimal>,
    /// The figure reached so far.
    pub actual: Option<Decimal>,
    /// By when.
    pub due_on: Option<NaiveDate>,
}

/// Why an objective cannot be saved; each names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectiveRefusal {
    /// A revenue or share-of-wallet objective needs its target.
    TargetRequired,
    /// A percent above 100 (field `target` or `actual`).
    PercentOver100(&'static str),
    /// A product line or region has no figures (field `target` or `actual`).
    NoFigureForKind(&'static str),
}

impl ObjectiveRefusal {
    /// The form field the message goes beside.
    pub fn field(self) -> &'static str {
        match self {
            ObjectiveRefusal::TargetRequired => "target",
            ObjectiveRefusal::PercentOver100(f) | ObjectiveRefusal::NoFigureForKind(f) => f,
        }
    }

    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            ObjectiveRefusal::TargetRequired => "error-plan-target-required",
            ObjectiveRefusal::PercentOver100(_) => "error-percent-over-100",
            ObjectiveRefusal::NoFigureForKind(_) => "error-plan-no-figure",
        }
    }
}

impl ObjectiveDraft {
    /// What keeps this objective from being saved (empty: it may be).
    pub fn refusals(&self) -> Vec<ObjectiveRefusal> {
        figure_refusals(self.kind, self.target, self.actual)
    }
}

/// What is wrong with an objective's figures for its kind (checked on their own, so a form
/// shows them even while another field is refused).
pub fn figure_refusals(
    kind: ObjectiveKind,
    target: Option<Decimal>,
    actual: Option<Decimal>,
) -> Vec<ObjectiveRefusal> {
    let mut out = Vec::new();
    let figures = [("target", target), ("actual", actual)];
    match kind.unit() {
        None => {
            for (field, v) in figures {
                if v.is_some() {
                    out.push(ObjectiveRefusal::NoFigureForKind(field));
                }
            }
        }
        Some(unit) => {
            if target.is_none() {
                out.push(ObjectiveRefusal::TargetRequired);
            }
            if unit == Unit::Percent {
                for (field, v) in figures {
                    if v.is_some_and(|v| v > Decimal::ONE_HUNDRED) {
                        out.push(ObjectiveRefusal::PercentOver100(field));
                    }
                }
            }
        }
    }
    out
}

/// How far an objective has come, in percent (0 to 100): for a figure, the actual against the
/// target (capped at 100; none while the target is zero or nothing is reached yet counts as 0);
/// for a product line or region, its done actions among those not cancelled. `None` when there
/// is nothing to measure yet (no target, or no actions).
pub fn progress(
    kind: ObjectiveKind,
    target: Option<Decimal>,
    actual: Option<Decimal>,
    actions: &[ActionStatus],
) -> Option<Decimal> {
    match kind.unit() {
        Some(_) => {
            let target = target.filter(|t| !t.is_zero())?;
            let reached = actual.unwrap_or_default() / target * Decimal::ONE_HUNDRED;
            Some(reached.min(Decimal::ONE_HUNDRED).round_dp(1).normalize())
        }
        None => {
            let counted: Vec<_> = actions
                .iter()
                .filter(|s| **s != ActionStatus::Cancelled)
                .collect();
            if counted.is_empty() {
                return None;
            }
            let done = counted
                .iter()
                .filter(|s| ***s == ActionStatus::Done)
                .count();
            Some(
                (Decimal::from(done as u64) * Decimal::ONE_HUNDRED
                    / Decimal::from(counted.len() as u64))
                .round_dp(1)
                .normalize(),
            )
        }
    }
}

/// A plan's progress: the mean of its objectives' progress, over those that can be measured.
pub fn plan_progress(objectives: &[Option<Decimal>]) -> Option<Decimal> {
    let measured: Vec<Decimal> = objectives.iter().flatten().copied().collect();
    if measured.is_empty() {
        return None;
    }
    Some(
        (measured.iter().sum::<Decimal>() / Decimal::from(measured.len() as u64))
            .round_dp(1)
            .normalize(),
    )
}

/// How a key client's plan for the year stands, for the director's cockpit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    /// No plan for the year.
    Missing,
    /// A plan with at least one open action past its date.
    Overdue,
    /// A plan with nothing overdue.
    OnTrack,
}

/// The state of a plan from whether it exists and how many of its actions are overdue.
pub fn plan_state(has_plan: bool, overdue_actions: i64) -> PlanState {
    match (has_plan, overdue_actions > 0) {
        (false, _) => PlanState::Missing,
        (true, true) => PlanState::Overdue,
        (true, false) => PlanState::OnTrack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    macro_rules! dec {
        ($v:literal) => {
            Decimal::from_str(stringify!($v)).unwrap()
        };
    }

    fn draft(
        kind: ObjectiveKind,
        target: Option<Decimal>,
        actual: Option<Decimal>,
    ) -> ObjectiveDraft {
        ObjectiveDraft {
            kind,
            title: "x".into(),
            target,
            actual,
            due_on: None,
        }
    }

    #[test]
    fn a_revenue_objective_needs_its_target() {
        assert_eq!(
            draft(ObjectiveKind::Revenue, None, None).refusals(),
            [ObjectiveRefusal::TargetRequired]
        );
        assert!(
            draft(ObjectiveKind::Revenue, Some(dec!(5000000)), None)
                .refusals()
                .is_empty()
        );
    }

    #[test]
    fn a_share_of_wallet_is_a_percent_of_at_most_100() {
        let refusals = draft(
            ObjectiveKind::ShareOfWallet,
            Some(dec!(120)),
            Some(dec!(100.5)),
        )
        .refusals();
        assert_eq!(
            refusals,
            [
                ObjectiveRefusal::PercentOver100("target"),
                ObjectiveRefusal::PercentOver100("actual")
            ]
        );
        assert_eq!(refusals[1].field(), "actual");
        assert!(
            draft(
                ObjectiveKind::ShareOfWallet,
                Some(dec!(100)),
                Some(dec!(35))
            )
            .refusals()
            .is_empty()
        );
    }

    #[test]
    fn a_new_region_or_product_line_carries_no_figure() {
        assert_eq!(
            draft(ObjectiveKind::Region, Some(dec!(1)), None).refusals(),
            [ObjectiveRefusal::NoFigureForKind("target")]
        );
        assert!(
            draft(ObjectiveKind::ProductLine, None, None)
                .refusals()
                .is_empty()
        );
    }

    #[test]
    fn a_figure_objective_progresses_by_actual_against_target_capped_at_100() {
        use ObjectiveKind::*;
        assert_eq!(
            progress(Revenue, Some(dec!(200)), Some(dec!(50)), &[]),
            Some(dec!(25))
        );
        assert_eq!(
            progress(Revenue, Some(dec!(200)), Some(dec!(500)), &[]),
            Some(dec!(100))
        );
        assert_eq!(
            progress(ShareOfWallet, Some(dec!(30)), None, &[]),
            Some(dec!(0))
        );
        assert_eq!(progress(Revenue, Some(dec!(0)), Some(dec!(5)), &[]), None);
        assert_eq!(progress(Revenue, None, Some(dec!(5)), &[]), None);
    }

    #[test]
    fn a_region_progresses_by_its_done_actions_not_counting_cancelled_ones() {
        use ActionStatus::*;
        let actions = [Done, Planned, Cancelled, InProgress];
        assert_eq!(
            progress(ObjectiveKind::Region, None, None, &actions),
            Some(dec!(33.3))
        );
        assert_eq!(
            progress(ObjectiveKind::Region, None, None, &[Cancelled]),
            None
        );
        assert_eq!(
            progress(ObjectiveKind::ProductLine, None, None, &[Done]),
            Some(dec!(100))
        );
    }

    #[test]
    fn a_plan_progresses_by_the_mean_of_what_can_be_measured() {
        assert_eq!(
            plan_progress(&[Some(dec!(100)), None, Some(dec!(50))]),
            Some(dec!(75))
        );
        assert_eq!(plan_progress(&[None]), None);
        assert_eq!(plan_progress(&[]), None);
    }

    #[test]
    fn only_an_open_action_past_its_date_is_overdue() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-23");
        assert!(is_overdue(ActionStatus::Planned, d("2026-11-22"), today));
        assert!(is_overdue(ActionStatus::InProgress, d("2026-01-01"), today));
        assert!(!is_overdue(ActionStatus::Planned, today, today));
        assert!(!is_overdue(ActionStatus::Done, d("2026-01-01"), today));
        assert!(!is_overdue(ActionStatus::Cancelled, d("2026-01-01"), today));
    }

    #[test]
    fn a_key_client_without_a_plan_is_missing_and_one_with_late_actions_overdue() {
        assert_eq!(plan_state(false, 3), PlanState::Missing);
        assert_eq!(plan_state(true, 1), PlanState::Overdue);
        assert_eq!(plan_state(true, 0), PlanState::OnTrack);
    }

    #[test]
    fn a_year_outside_the_plannable_range_is_no_year() {
        assert_eq!(parse_year(" 2027 "), Some(2027));
        assert_eq!(parse_year("1999"), None);
        assert_eq!(parse_year("next"), None);
    }
}
