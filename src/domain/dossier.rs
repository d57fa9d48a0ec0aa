//! The dossier (domain.md, "The dossier"): the separately edited parts of an account, what
//! makes the dossier complete, the three "P" of a prospect, and how the annual potential that
//! scoring uses is derived from the forecast table.

use super::scoring::{Status, named_enum};
use rust_decimal::{Decimal, RoundingStrategy};

named_enum! {
    /// A separately edited part of an account: each has its own page or form, its own version
    /// (two saves of the same part conflict, saves of different parts never do) and its own
    /// filter on the history tab.
    pub enum Section as "section" {
        /// Description, industry, headcount, revenue, history, structure, environment.
        General => "general",
        /// Current locations and how decisions are made.
        Footprint => "footprint",
        /// Development plans: planned locations, strategy, investments.
        Development => "development",
        /// The forecast table of potential by year.
        Potential => "potential",
        /// Strategic importance and its rationale.
        Importance => "importance",
        /// Business needs and what our counterparts are measured on.
        Needs => "needs",
        /// Competitors at this client.
        Competitors => "competitors",
        /// Qualification by the three "P" (prospects).
        Qualification => "qualification",
        /// Key-client types set by hand (image maker, expert).
        Types => "types",
        /// The account's status (prospect, active, lost, archived) and why it changed.
        Status => "status",
    }
}

impl Section {
    /// The sections whose emptiness counts against completeness, in the page's order.
    /// Development plans, types and status are not counted: a client need not plan expansion,
    /// "not an image maker" is an answer, and a status is always set. Qualification counts for
    /// prospects only.
    pub const COUNTED: &'static [Section] = &[
        Section::General,
        Section::Footprint,
        Section::Potential,
        Section::Importance,
        Section::Needs,
        Section::Competitors,
        Section::Qualification,
    ];
}

/// What completeness looks at, per account (read by `db::dossier` in one query).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DossierFacts {
    /// The account's status (qualification counts for prospects only).
    pub status: Option<Status>,
    /// The general section's description is written.
    pub description: bool,
    /// At least one current location.
    pub current_location: bool,
    /// At least one year of the forecast table.
    pub forecast: bool,
    /// The importance's rationale is written.
    pub importance_rationale: bool,
    /// Business needs or counterparts' measures are written.
    pub needs: bool,
    /// At least one competitor is recorded.
    pub competitor: bool,
    /// All three "P" are judged.
    pub three_p_judged: bool,
}

/// How complete a dossier is: the empty sections, and the share of counted sections filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    /// The counted sections that are empty, in the page's order.
    pub missing: Vec<Section>,
    /// Filled counted sections, in whole percent (rounded down: 100 only when nothing is missing).
    pub percent: u8,
}

/// The empty sections of a dossier. A section is filled when its essential is recorded:
/// general — a description; footprint — a current location; potential — a forecast year;
/// importance — a rationale; needs — either text; competitors — one competitor; qualification
/// (prospects only) — all three "P" judged.
pub fn completeness(f: &DossierFacts) -> Completeness {
    let prospect = f.status == Some(Status::Prospect);
    let mut counted = 0u32;
    let mut missing = Vec::new();
    for &section in Section::COUNTED {
        let filled = match section {
            Section::General => f.description,
            Section::Footprint => f.current_location,
            Section::Potential => f.forecast,
            Section::Importance => f.importance_rationale,
            Section::Needs => f.needs,
            Section::Competitors => f.competitor,
            Section::Qualification if prospect => f.three_p_judged,
            _ => continue,
        };
        counted += 1;
        if !filled {
            missing.push(section);
        }
    }
    let filled = counted - missing.len() as u32;
    let percent = (100 * filled / counted.max(1)) as u8;
    Completeness { missing, percent }
}

named_enum! {
    /// One of the three "P" of a prospective key client's qualification.
    pub enum ThreeP as "qualification criterion" {
        /// Need (потребность) for our offering.
        Need => "need",
        /// Ability to pay (платёжеспособность).
        AbilityToPay => "ability_to_pay",
        /// Authority to decide (полномочия).
        Authority => "authority",
    }
}

/// The three judgements: `Some(true)` met, `Some(false)` failed, `None` not judged yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Qualification {
    /// Need for our offering.
    pub need: Option<bool>,
    /// Ability to pay.
    pub ability_to_pay: Option<bool>,
    /// Authority to decide.
    pub authority: Option<bool>,
}

/// Whether a prospect is ready to be worked as a key client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    /// All three "P" met.
    Ready,
    /// At least one "P" failed: these.
    NotReady(Vec<ThreeP>),
    /// None failed, but these are not judged yet.
    Unjudged(Vec<ThreeP>),
}

impl Qualification {
    fn judgements(&self) -> [(ThreeP, Option<bool>); 3] {
        [
            (ThreeP::Need, self.need),
            (ThreeP::AbilityToPay, self.ability_to_pay),
            (ThreeP::Authority, self.authority),
        ]
    }

    /// Ready when all three are met; a single failed "P" makes a prospect not ready, whatever
    /// the others say.
    pub fn readiness(&self) -> Readiness {
        let failed: Vec<ThreeP> = self
            .judgements()
            .iter()
            .filter(|(_, j)| *j == Some(false))
            .map(|(p, _)| *p)
            .collect();
        if !failed.is_empty() {
            return Readiness::NotReady(failed);
        }
        let open: Vec<ThreeP> = self
            .judgements()
            .iter()
            .filter(|(_, j)| j.is_none())
            .map(|(p, _)| *p)
            .collect();
        if open.is_empty() {
            Readiness::Ready
        } else {
            Readiness::Unjudged(open)
        }
    }

    /// Whether all three are judged (met or failed).
    pub fn judged(&self) -> bool {
        self.judgements().iter().all(|(_, j)| j.is_some())
    }
}

/// How the annual potential that scoring uses comes from the forecast table (scoring.md,
/// "Inputs per account"): the forecast years inside the horizon, averaged per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PotentialDerivation {
    /// The first and last year of the horizon.
    pub first_year: i32,
    /// The last year of the horizon.
    pub last_year: i32,
    /// The forecast years inside the horizon with their revenue, in year order.
    pub years: Vec<(i32, Decimal)>,
    /// Their sum.
    pub total: Decimal,
    /// The annual potential: the sum over the counted years, two decimals (half away from
    /// zero, as PostgreSQL rounds); zero when no year counts.
    pub annual: Decimal,
}

/// Derives the annual potential from `(year, revenue)` forecasts for a horizon of
/// `horizon_years` starting at `first_year` (the current year).
pub fn annual_potential(
    forecasts: &[(i32, Decimal)],
    first_year: i32,
    horizon_years: i32,
) -> PotentialDerivation {
    let last_year = first_year + horizon_years.max(1) - 1;
    let mut years: Vec<(i32, Decimal)> = forecasts
        .iter()
        .copied()
        .filter(|(y, _)| (first_year..=last_year).contains(y))
        .collect();
    years.sort_by_key(|(y, _)| *y);
    let total: Decimal = years.iter().map(|(_, r)| *r).sum();
    let annual = if years.is_empty() {
        Decimal::ZERO
    } else {
        (total / Decimal::from(years.len()))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    };
    PotentialDerivation {
        first_year,
        last_year,
        years,
        total,
        annual,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> DossierFacts {
        DossierFacts {
            status: Some(Status::Active),
            description: true,
            current_location: true,
            forecast: true,
            importance_rationale: true,
            needs: true,
            competitor: true,
            three_p_judged: false,
        }
    }

    #[test]
    fn an_active_client_with_every_essential_is_complete_whatever_its_qualification() {
        let c = completeness(&full());
        assert_eq!(c.missing, vec![]);
        assert_eq!(c.percent, 100);
    }

    #[test]
    fn a_prospect_also_needs_its_three_p_judged() {
        let f = DossierFacts {
            status: Some(Status::Prospect),
            ..full()
        };
        let c = completeness(&f);
        assert_eq!(c.missing, vec![Section::Qualification]);
        assert_eq!(c.percent, 85, "6 of 7, rounded down");
    }

    #[test]
    fn an_empty_dossier_lists_every_counted_section_in_page_order() {
        let c = completeness(&DossierFacts {
            status: Some(Status::Lost),
            ..DossierFacts::default()
        });
        assert_eq!(
            c.missing,
            vec![
                Section::General,
                Section::Footprint,
                Section::Potential,
                Section::Importance,
                Section::Needs,
                Section::Competitors
            ]
        );
        assert_eq!(c.percent, 0);
    }

    #[test]
    fn one_missing_section_of_six_leaves_83_percent() {
        let f = DossierFacts {
            competitor: false,
            ..full()
        };
        let c = completeness(&f);
        assert_eq!(c.missing, vec![Section::Competitors]);
        assert_eq!(c.percent, 83);
    }

    #[test]
    fn a_prospect_failing_one_p_is_not_ready_even_with_the_others_open() {
        let q = Qualification {
            need: Some(true),
            ability_to_pay: Some(false),
            authority: None,
        };
        assert_eq!(
            q.readiness(),
            Readiness::NotReady(vec![ThreeP::AbilityToPay])
        );
        assert!(!q.judged());
    }

    #[test]
    fn three_met_p_make_a_prospect_ready_and_open_ones_are_named() {
        let mut q = Qualification {
            need: Some(true),
            ability_to_pay: Some(true),
            authority: Some(true),
        };
        assert_eq!(q.readiness(), Readiness::Ready);
        assert!(q.judged());
        q.authority = None;
        assert_eq!(q.readiness(), Readiness::Unjudged(vec![ThreeP::Authority]));
    }

    #[test]
    fn the_annual_potential_averages_the_forecast_years_inside_the_horizon() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let forecasts = [
            (2025, d("999")),
            (2027, d("200.00")),
            (2026, d("100.01")),
            (2029, d("5000")),
        ];
        let p = annual_potential(&forecasts, 2026, 3);
        assert_eq!((p.first_year, p.last_year), (2026, 2028));
        assert_eq!(p.years, vec![(2026, d("100.01")), (2027, d("200.00"))]);
        assert_eq!(p.total, d("300.01"));
        assert_eq!(p.annual, d("150.01"), "150.005 rounds half away from zero");
        let none = annual_potential(&forecasts, 2030, 2);
        assert_eq!(none.annual, Decimal::ZERO);
        assert!(none.years.is_empty());
    }
}
