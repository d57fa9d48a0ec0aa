//! Phase one: the decisions about every account that other accounts depend on (the largest
//! potential, the key pins, who owns what), made before any row is generated.
//!
//! Which accounts are gold, silver or likely key is asked of `domain::scoring` itself, over the
//! potentials exactly as the forecasts will be stored, so the demo's intentions (a cut line that
//! bites, an unowned key client, kam1's portfolio) hold for the app's own scoring.

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::SliceRandom;
use rust_decimal::{Decimal, RoundingStrategy};

use super::Generator;
use super::random::{days_before, normal, pick_weighted, round_to, rub};
use super::reference::{
    CULTURES, DIRECTORS, IMPORTANCE_WEIGHTS, INDUSTRIES, KAM_WEIGHTS, KAMS, POTENTIAL_CAP_MEDIANS,
};
use crate::domain::scoring::{
    AccountInput, DecisionMaking, Pin, ScoringOutcome, Segment, Settings, Status, score_accounts,
    score_of,
};
use uuid::Uuid;

/// The league the locations will produce; `NoLocations` leaves the footprint empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Footprint {
    NoLocations,
    Third,
    Second,
    First,
    Premier,
    Qualifying,
}

impl Footprint {
    /// Bigger footprints buy more: premier clients have several times the potential of a
    /// single-city one.
    fn potential_factor(self) -> f64 {
        match self {
            Footprint::NoLocations => 0.6,
            Footprint::Third => 0.7,
            Footprint::Qualifying => 1.0,
            Footprint::Second => 1.4,
            Footprint::First => 2.0,
            Footprint::Premier => 2.8,
        }
    }

    /// Headcount scales like the potential.
    pub(crate) fn size_factor(self) -> f64 {
        self.potential_factor()
    }
}

/// Whether the account has potential forecasts, and whether they are zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Forecast {
    Missing,
    Zero,
    Estimated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Russia,
    /// Index into `CULTURES`.
    Europe(usize),
}

/// Forecast years written per account (the scoring's default horizon).
pub(crate) const FORECAST_YEARS: usize = 3;

/// What is decided about an account before its rows are generated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub(crate) id: Uuid,
    pub(crate) status: Status,
    pub(crate) industry: usize,
    pub(crate) origin: Origin,
    pub(crate) footprint: Footprint,
    pub(crate) decentralized: bool,
    /// Annual potential in roubles this year (also the basis of actual sales).
    pub(crate) potential: f64,
    /// Yearly growth factor of the forecast.
    pub(crate) growth: f64,
    pub(crate) forecast: Forecast,
    pub(crate) importance: u8,
    /// Index of the owning KAM (0..6); `None` for archived and deliberately unowned accounts.
    pub(crate) owner: Option<usize>,
    /// A director's pin, and which director (index into `DIRECTORS`) pinned it.
    pub(crate) pin: Pin,
    pub(crate) pinned_by: usize,
    pub(crate) created_on: NaiveDate,
}

impl Plan {
    /// The forecast revenue of each year, exactly as it will be stored.
    pub(crate) fn forecast_revenues(&self) -> [Decimal; FORECAST_YEARS] {
        let mut revenue = self.potential;
        std::array::from_fn(|_| {
            let value = match self.forecast {
                Forecast::Estimated => round_to(revenue, 1000.0),
                Forecast::Zero | Forecast::Missing => 0.0,
            };
            revenue *= self.growth;
            rub(value)
        })
    }

    /// The potential the scoring will read: the average forecast over the horizon, as
    /// `numeric(18,2)` (no forecast reads as zero).
    fn scoring_potential(&self) -> Decimal {
        if self.forecast == Forecast::Missing {
            return Decimal::ZERO;
        }
        let sum: Decimal = self.forecast_revenues().iter().sum();
        (sum / Decimal::from(FORECAST_YEARS as u32))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }

    fn scoring_input(&self, with_pins: bool) -> AccountInput {
        AccountInput {
            id: self.id.to_string(),
            status: self.status,
            potential: self.scoring_potential(),
            strategic_importance: self.importance,
            pin: if with_pins { self.pin } else { Pin::None },
            decision_making: if self.decentralized {
                DecisionMaking::Decentralized
            } else {
                DecisionMaking::Centralized
            },
            locations: Vec::new(),
        }
    }
}

/// The scoring of the planned accounts under the default settings (the demo loads no other).
pub(crate) fn estimate(plans: &[Plan], with_pins: bool) -> ScoringOutcome {
    let inputs: Vec<AccountInput> = plans.iter().map(|p| p.scoring_input(with_pins)).collect();
    score_accounts(&inputs, &Settings::default())
}

/// Base accounts, best score first (ties by position, so the order is stable).
fn ranked_base(outcome: &ScoringOutcome) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..outcome.results.len())
        .filter(|&i| outcome.results[i].score.is_some())
        .collect();
    ranked.sort_by(|&a, &b| {
        outcome.results[b]
            .score
            .cmp(&outcome.results[a].score)
            .then(a.cmp(&b))
    });
    ranked
}

fn is_eligible_segment(segment: Option<Segment>) -> bool {
    matches!(segment, Some(Segment::Gold | Segment::Silver))
}

impl Generator {
    pub(crate) fn plan_accounts(&mut self, n: usize) {
        let rng = &mut self.rng;
        let industry_weights: Vec<u32> = INDUSTRIES.iter().map(|i| i.weight).collect();
        for _ in 0..n {
            let id = self.ids.next_id();
            let status = [
                Status::Active,
                Status::Prospect,
                Status::Lost,
                Status::Archived,
            ][pick_weighted(rng, &[70, 15, 10, 5])];
            let industry = pick_weighted(rng, &industry_weights);
            let origin = if rng.gen_bool(0.85) {
                Origin::Russia
            } else {
                Origin::Europe(rng.gen_range(0..CULTURES.len()))
            };
            let decentralized = rng.gen_bool(INDUSTRIES[industry].decentralized_share);
            let footprint = if decentralized {
                Footprint::Qualifying
            } else {
                [
                    Footprint::NoLocations,
                    Footprint::Third,
                    Footprint::Second,
                    Footprint::First,
                    Footprint::Premier,
                ][pick_weighted(rng, &[8, 42, 27, 15, 8])]
            };
            self.plans.push(Plan {
                id,
                status,
                industry,
                origin,
                footprint,
                decentralized,
                potential: 0.0,
                growth: 1.0,
                forecast: Forecast::Missing,
                importance: 0,
                owner: None,
                pin: Pin::None,
                pinned_by: 0,
                created_on: self.today,
            });
        }
        self.ensure_every_league();

        let today = self.today;
        let rng = &mut self.rng;
        for plan in &mut self.plans {
            // Log-normal with a clamped tail: a few clients are worth tens of times the median,
            // but no single outlier flattens everybody else's relative potential to zero.
            let z = normal(rng).clamp(-2.5, 3.0);
            let mut potential = INDUSTRIES[plan.industry].median_potential
                * plan.footprint.potential_factor()
                * (1.1 * z).exp();
            if plan.status == Status::Prospect && rng.gen_bool(0.2) {
                // Someone else's breadwinner: big budget, nothing bought from us yet.
                potential *= 3.0;
            }
            plan.potential = round_to(potential, 1000.0).max(50_000.0);
            plan.growth = rng.gen_range(0.95..1.25);
            plan.forecast = match plan.status {
                Status::Active | Status::Prospect => {
                    [Forecast::Estimated, Forecast::Missing, Forecast::Zero]
                        [pick_weighted(rng, &[91, 6, 3])]
                }
                Status::Lost if rng.gen_bool(0.3) => Forecast::Estimated,
                Status::Lost | Status::Archived => Forecast::Missing,
            };
            // Skewed low; raised below for the biggest clients.
            plan.importance = u8::try_from(pick_weighted(rng, &IMPORTANCE_WEIGHTS)).unwrap_or(0);
            let age_days = match plan.status {
                Status::Active if rng.gen_bool(0.12) => rng.gen_range(90..600),
                Status::Active => rng.gen_range(760..2900),
                Status::Lost => rng.gen_range(1100..3300),
                Status::Prospect => rng.gen_range(10..300),
                Status::Archived => rng.gen_range(1100..3600),
            };
            plan.created_on = days_before(today, age_days);
        }

        // No client is worth more than POTENTIAL_CAP_MEDIANS times the median: the scoring
        // divides by the largest potential, and an unbounded tail (it grows with the number of
        // accounts) would push every other client's relative potential towards zero.
        let mut sorted: Vec<f64> = self.plans.iter().map(|p| p.potential).collect();
        sorted.sort_by(f64::total_cmp);
        if let Some(&median) = sorted.get(sorted.len() / 2) {
            let cap = round_to(median * POTENTIAL_CAP_MEDIANS, 1000.0);
            let top_fifth = sorted[sorted.len() * 4 / 5];
            let top_fifteenth = sorted[sorted.len() * 14 / 15];
            for plan in &mut self.plans {
                plan.potential = plan.potential.min(cap);
                // Big clients tend to matter more strategically.
                let bump = u8::from(plan.potential >= top_fifth)
                    + u8::from(plan.potential >= top_fifteenth);
                plan.importance = (plan.importance + bump).min(5);
            }
        }

        // The biggest active clients are the ones the director cares about.
        let mut by_potential: Vec<usize> = (0..n)
            .filter(|&i| self.plans[i].status == Status::Active)
            .collect();
        by_potential.sort_by(|&a, &b| {
            self.plans[b]
                .potential
                .total_cmp(&self.plans[a].potential)
                .then(a.cmp(&b))
        });
        for &i in by_potential.iter().take(3) {
            self.plans[i].importance = self.plans[i].importance.max(4);
            self.plans[i].forecast = Forecast::Estimated;
        }

        self.top_up_eligible();
        self.choose_pins();
        self.choose_owners();
    }

    /// Makes the 20% cap bite: a demo where every gold and silver client is key never shows
    /// the cut line or a "below the cut" client. Raises the importance of the bronze
    /// accounts closest to silver until gold plus silver exceed the cap by about an eighth.
    fn top_up_eligible(&mut self) {
        let settings = Settings::default();
        let outcome = estimate(&self.plans, false);
        let ranked = ranked_base(&outcome);
        let target = outcome.cap + (outcome.cap / 8).max(3);
        let mut eligible = ranked
            .iter()
            .filter(|&&i| is_eligible_segment(outcome.results[i].segment))
            .count();
        for &i in &ranked {
            if eligible >= target || outcome.max_potential.is_zero() {
                break;
            }
            if outcome.results[i].segment != Some(Segment::Bronze) {
                continue;
            }
            let potential = self.plans[i].scoring_potential();
            let lift = (self.plans[i].importance + 1..=5).find(|&importance| {
                let (_, segment) =
                    score_of(potential, importance, outcome.max_potential, &settings);
                segment != Segment::Bronze
            });
            if let Some(importance) = lift {
                self.plans[i].importance = importance;
                eligible += 1;
            }
        }
    }

    /// Every league must show up among active accounts, whatever the dice said.
    fn ensure_every_league(&mut self) {
        let wanted = [
            Footprint::NoLocations,
            Footprint::Third,
            Footprint::Second,
            Footprint::First,
            Footprint::Premier,
            Footprint::Qualifying,
        ];
        for footprint in wanted {
            let present = self
                .plans
                .iter()
                .any(|p| p.status == Status::Active && p.footprint == footprint);
            if present {
                continue;
            }
            // Convert an active account of the most common kind; with too few accounts the
            // demo simply lacks a league.
            let count = |f: Footprint, plans: &[Plan]| {
                plans
                    .iter()
                    .filter(|p| p.status == Status::Active && p.footprint == f)
                    .count()
            };
            let donor_kind = wanted
                .iter()
                .copied()
                .filter(|&f| count(f, &self.plans) >= 2)
                .max_by_key(|&f| count(f, &self.plans));
            let Some(donor_kind) = donor_kind else {
                continue;
            };
            if let Some(plan) = self
                .plans
                .iter_mut()
                .find(|p| p.status == Status::Active && p.footprint == donor_kind)
            {
                plan.footprint = footprint;
                plan.decentralized = footprint == Footprint::Qualifying;
            }
        }
    }

    /// A couple of director pins: key ones on clearly gold accounts, not-key ones on accounts
    /// the score would otherwise propose.
    fn choose_pins(&mut self) {
        let settings = Settings::default();
        let outcome = estimate(&self.plans, false);
        let ranked = ranked_base(&outcome);
        if ranked.len() < 20 {
            return;
        }
        let clearly_gold = settings.gold_min + Decimal::from(5);
        let key_pins = (ranked.len() / 150).max(2);
        let chosen: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| {
                self.plans[i].status == Status::Active
                    && outcome.results[i].score >= Some(clearly_gold)
            })
            .take(key_pins)
            .collect();
        for i in chosen {
            self.plans[i].pin = Pin::Key;
            self.plans[i].pinned_by = self.rng.gen_range(0..DIRECTORS.len());
        }
        let mut candidates: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| {
                self.plans[i].pin == Pin::None
                    && outcome.results[i].segment == Some(Segment::Silver)
            })
            .collect();
        candidates.shuffle(&mut self.rng);
        for &i in candidates.iter().take((ranked.len() / 250).max(1)) {
            self.plans[i].pin = Pin::NotKey;
            self.plans[i].pinned_by = self.rng.gen_range(0..DIRECTORS.len());
        }
    }

    /// One owning KAM per non-archived account, except about 2% left unowned on purpose, half
    /// of them among the likely key clients so that the "unowned key client" alarm fires.
    fn choose_owners(&mut self) {
        let n = self.plans.len();
        for i in 0..n {
            if self.plans[i].status != Status::Archived {
                self.plans[i].owner = Some(pick_weighted(&mut self.rng, &KAM_WEIGHTS));
            }
        }

        let likely_key = self.likely_key();

        let non_archived = self
            .plans
            .iter()
            .filter(|p| p.status != Status::Archived)
            .count();
        let unowned = (non_archived + 25) / 50;
        let mut in_key = vec![false; n];
        for &i in &likely_key {
            in_key[i] = true;
        }
        let mut from_key: Vec<usize> = likely_key
            .iter()
            .copied()
            .filter(|&i| self.plans[i].pin == Pin::None)
            .collect();
        from_key.shuffle(&mut self.rng);
        from_key.truncate(unowned.div_ceil(2));
        let mut others: Vec<usize> = (0..n)
            .filter(|&i| {
                self.plans[i].owner.is_some() && self.plans[i].pin == Pin::None && !in_key[i]
            })
            .collect();
        others.shuffle(&mut self.rng);
        others.truncate(unowned - from_key.len());
        for i in from_key.into_iter().chain(others) {
            self.plans[i].owner = None;
        }

        // kam1 is the demo's guided-tour KAM: give them a full key portfolio (at least eight
        // likely key accounts) by taking over from the busiest colleague.
        loop {
            let mut load = [0usize; KAMS];
            for &i in &likely_key {
                if let Some(kam) = self.plans[i].owner {
                    load[kam] += 1;
                }
            }
            if load[0] >= 8 {
                break;
            }
            let busiest = (1..KAMS)
                .max_by_key(|&k| (load[k], std::cmp::Reverse(k)))
                .unwrap_or(1);
            let Some(&i) = likely_key
                .iter()
                .find(|&&i| self.plans[i].owner == Some(busiest))
            else {
                break;
            };
            self.plans[i].owner = Some(0);
        }
    }

    /// The accounts the app's scoring will make key, pins included, best first.
    pub(crate) fn likely_key(&self) -> Vec<usize> {
        let outcome = estimate(&self.plans, true);
        let mut key: Vec<usize> = (0..self.plans.len())
            .filter(|&i| outcome.results[i].key)
            .collect();
        key.sort_by_key(|&i| (outcome.results[i].rank, i));
        key
    }
}
