//! Key-client scoring: score, gold/silver/bronze segment and key selection under the cap.
//!
//! This is the contract of `/work/shared/scoring.md` as a pure function: a snapshot of accounts and
//! a [`Settings`] record in, a [`ScoringOutcome`] out. No database, no clock, no I/O, so the web
//! app, the `kamdesk score` batch command and the tests all get the same answer from the same code.
//!
//! Interpretations of the contract made here (each is also noted where it is applied):
//! - The score is computed as one fraction, `(w·100·potential + (1−w)·S·max_p) / max_p`, and rounded
//!   exactly; computing `P` first and rounding later would let a non-terminating `P` (say 1/12000)
//!   turn an exact `.xx5` into `.xx49999…` and round the wrong way. `P` itself is reported rounded
//!   to 12 decimals: it is shown, never compared.
//! - `score_accounts` takes settings as given (validate them with [`Settings::validate`] at the
//!   edge), except that `cap_pct` is never allowed above 20: the 20% ceiling is a rule of the
//!   method, so it holds even for an unvalidated record. A negative potential counts as 0 and an
//!   importance above 5 counts as 5, for the same reason: the function stays total and its
//!   invariants (score within 0–100 for valid weights) hold for any input.
//! - Ids are meant to be unique (the batch command and the database enforce it). Should two equal
//!   ids meet with equal score and potential anyway, input order breaks the tie so the result is
//!   still deterministic.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// Error returned by the `FromStr` of every named enum of the domain: the text was not one of the
/// stable lowercase names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {kind} (expected one of: {})", .expected.join(", "))]
pub struct ParseEnumError {
    /// What was being parsed, e.g. `"status"`.
    pub kind: &'static str,
    /// The text that did not match.
    pub value: String,
    /// Every accepted name, in declaration order.
    pub expected: &'static [&'static str],
}

/// Declares a fieldless enum whose values have stable lowercase names used in CSV, the database,
/// forms and URLs, with `as_str`, `Display`, `FromStr` and serde all agreeing on those names.
/// A macro because the domain has nine such enums and hand-written copies would drift apart.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order (for select boxes and tests).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable name of every value, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The stable name used in CSV, the database, forms and URLs.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::scoring::ParseEnumError;

            /// Accepts exactly the stable names (case-sensitive, no trimming: callers that read
            /// user input trim it first, so a stored value has one spelling only).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::domain::scoring::ParseEnumError {
                        kind: $kind,
                        value: s.to_owned(),
                        expected: $name::NAMES,
                    }),
                }
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// Where an account stands with us. Only prospects and active clients form the client base.
    pub enum Status as "status" {
        /// Not buying yet, but part of the base: a client buying nothing today can be key.
        Prospect => "prospect",
        /// A current client.
        Active => "active",
        /// Gone; never key, not counted in `N`.
        Lost => "lost",
        /// Kept for history only; never key, not counted in `N`.
        Archived => "archived",
    }
}

impl Status {
    /// Whether the account belongs to the client base (prospect or active).
    pub const fn in_base(self) -> bool {
        matches!(self, Status::Prospect | Status::Active)
    }
}

named_enum! {
    /// A director's decision that overrides the score (always recorded with a written reason).
    pub enum Pin as "pin" {
        /// No decision: the score decides.
        None => "none",
        /// Make it key (within the cap, and only if it is gold or silver).
        Key => "key",
        /// Never key, whatever its score.
        NotKey => "not_key",
    }
}

named_enum! {
    /// How the client buys: from a head office that sets common terms, or outlet by outlet.
    #[derive(Default)]
    pub enum DecisionMaking as "decision_making" {
        /// One head office decides for the whole network.
        #[default]
        Centralized => "centralized",
        /// Each outlet still decides on its own (no central purchasing).
        Decentralized => "decentralized",
    }
}

named_enum! {
    /// Priority segment of a base account; only gold and silver may become key.
    pub enum Segment as "segment" {
        /// Score at or above `gold_min`.
        Gold => "gold",
        /// Score at or above `silver_min` but below `gold_min`.
        Silver => "silver",
        /// Score below `silver_min`; never key.
        Bronze => "bronze",
    }
}

named_enum! {
    /// Why an account is or is not key: exactly one per account, the "why key" panel's headline.
    pub enum Reason as "reason" {
        /// Key because a director pinned it.
        KeyPinned => "key_pinned",
        /// Key on its score, within the cap.
        KeyByScore => "key_by_score",
        /// Pinned key, but there are more pins than the cap allows; not key.
        PinOverCap => "pin_over_cap",
        /// Gold or silver, but the cap is full; not key.
        BelowCut => "below_cut",
        /// Bronze; not key (a key pin on a bronze account lands here too).
        SegmentBronze => "segment_bronze",
        /// A director excluded it; not key.
        PinnedNotKey => "pinned_not_key",
        /// Lost or archived: outside the client base.
        NotInBase => "not_in_base",
    }
}

impl Reason {
    /// Whether this reason makes the account key.
    pub const fn is_key(self) -> bool {
        matches!(self, Reason::KeyPinned | Reason::KeyByScore)
    }
}

/// One place of a client's own business (outlet, plant, office), with the names kept exactly as
/// entered; [`crate::domain::league`] trims and case-folds them when it compares.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Location {
    /// Continent, e.g. "Europe".
    pub continent: String,
    /// Country, e.g. "Russia".
    pub country: String,
    /// Region or city, e.g. "Krasnoyarsk".
    pub region: String,
}

impl Location {
    /// A location from its three names.
    pub fn new(
        continent: impl Into<String>,
        country: impl Into<String>,
        region: impl Into<String>,
    ) -> Self {
        Location {
            continent: continent.into(),
            country: country.into(),
            region: region.into(),
        }
    }
}

/// What the scoring needs to know about one account. Current sales are deliberately absent: the
/// key decision must not use them.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountInput {
    /// Stable identifier; unique; the last tie-break (byte order).
    pub id: String,
    /// Prospect, active, lost or archived.
    pub status: Status,
    /// Potential annual revenue over the planning horizon, money, ≥ 0.
    pub potential: Decimal,
    /// Strategic importance for our company, 0–5.
    pub strategic_importance: u8,
    /// A director's key / not-key decision, if any.
    pub pin: Pin,
    /// Centralized or decentralized purchasing.
    pub decision_making: DecisionMaking,
    /// Current footprint (a set; order and repeats do not matter).
    pub locations: Vec<Location>,
}

/// The director's tunable parameters of the method. Build one, then call [`Settings::validate`]
/// before storing it or scoring with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Key clients as a percentage of the client base, 1–20.
    pub cap_pct: u32,
    /// Weight of potential in the score, 0–1; strategic importance gets the rest.
    pub weight_potential: Decimal,
    /// Lowest score of a gold account, 0–100, above `silver_min`.
    pub gold_min: Decimal,
    /// Lowest score of a silver account, 0–100.
    pub silver_min: Decimal,
    /// ABC: accounts before which less than this % of revenue lies are A; 0 < a < b < 100.
    pub abc_a_pct: Decimal,
    /// ABC: accounts before which less than this % of revenue lies are B (if not A).
    pub abc_b_pct: Decimal,
    /// XYZ: coefficient of variation at most this is X; 0 < x < y.
    pub xyz_x_cv: Decimal,
    /// XYZ: coefficient of variation at most this is Y (if not X); above it Z.
    pub xyz_y_cv: Decimal,
    /// Churn: more days than this without an order is "at risk"; below `lost_days`.
    pub at_risk_days: u32,
    /// Churn: more days than this without an order is a "lost candidate".
    pub lost_days: u32,
    /// Breadwinner: share of all margin in the window, in %, 1–100.
    pub breadwinner_pct: Decimal,
}

impl Default for Settings {
    /// The contract's defaults.
    fn default() -> Self {
        Settings {
            cap_pct: 20,
            weight_potential: Decimal::new(7, 1),
            gold_min: Decimal::from(60),
            silver_min: Decimal::from(30),
            abc_a_pct: Decimal::from(80),
            abc_b_pct: Decimal::from(95),
            xyz_x_cv: Decimal::new(10, 2),
            xyz_y_cv: Decimal::new(25, 2),
            at_risk_days: 60,
            lost_days: 180,
            breadwinner_pct: Decimal::from(10),
        }
    }
}

/// The hard ceiling of `cap_pct`: a rule of the method, not a preference.
pub const MAX_CAP_PCT: u32 = 20;

/// The longest churn period the settings accept, in days (ten years): a client silent for
/// longer is not "at risk" in any useful sense, and the bound keeps every value storable.
pub const MAX_CHURN_DAYS: u32 = 3650;

/// One broken rule of a [`Settings`] record, for a form to show beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {}", self.message())]
pub struct SettingsError {
    /// The setting's field name, e.g. `"gold_min"`.
    pub field: &'static str,
    /// Stable snake_case message key: `out_of_range`, `gold_not_above_silver`, `a_not_below_b`,
    /// `x_not_below_y` or `at_risk_not_below_lost`.
    pub code: &'static str,
}

impl SettingsError {
    /// An English explanation, for the command line and logs; the web app looks `code` up in its
    /// message catalog instead.
    pub fn message(&self) -> &'static str {
        match (self.field, self.code) {
            ("cap_pct", _) => "must be a whole number from 1 to 20",
            ("weight_potential", _) => "must be from 0 to 1",
            (_, "gold_not_above_silver") => "must be greater than silver_min",
            ("gold_min" | "silver_min", _) => "must be from 0 to 100",
            (_, "a_not_below_b") => "must be less than abc_b_pct",
            ("abc_a_pct" | "abc_b_pct", _) => "must be greater than 0 and less than 100",
            (_, "x_not_below_y") => "must be less than xyz_y_cv",
            ("xyz_x_cv" | "xyz_y_cv", _) => "must be greater than 0",
            (_, "at_risk_not_below_lost") => "must be less than lost_days",
            ("at_risk_days" | "lost_days", _) => "must be at most 3650 days",
            ("breadwinner_pct", _) => "must be from 1 to 100",
            _ => "is not allowed",
        }
    }
}

impl Settings {
    /// Checks every allowed range of the contract and returns all broken rules at once, so a form
    /// can mark every bad field in one round trip. A pair rule (gold above silver, a below b, x
    /// below y) is only reported when both of its fields are in range on their own, so one typo
    /// gives one message.
    pub fn validate(&self) -> Result<(), Vec<SettingsError>> {
        let zero = Decimal::ZERO;
        let hundred = Decimal::ONE_HUNDRED;
        let mut errors = Vec::new();
        let mut check = |ok: bool, field: &'static str, code: &'static str| {
            if !ok {
                errors.push(SettingsError { field, code });
            }
            ok
        };
        let within = |v: Decimal, lo: Decimal, hi: Decimal| lo <= v && v <= hi;
        let open = |v: Decimal, lo: Decimal, hi: Decimal| lo < v && v < hi;

        check(
            (1..=MAX_CAP_PCT).contains(&self.cap_pct),
            "cap_pct",
            "out_of_range",
        );
        check(
            within(self.weight_potential, zero, Decimal::ONE),
            "weight_potential",
            "out_of_range",
        );
        let gold_ok = check(
            within(self.gold_min, zero, hundred),
            "gold_min",
            "out_of_range",
        );
        let silver_ok = check(
            within(self.silver_min, zero, hundred),
            "silver_min",
            "out_of_range",
        );
        if gold_ok && silver_ok {
            check(
                self.gold_min > self.silver_min,
                "gold_min",
                "gold_not_above_silver",
            );
        }
        let a_ok = check(
            open(self.abc_a_pct, zero, hundred),
            "abc_a_pct",
            "out_of_range",
        );
        let b_ok = check(
            open(self.abc_b_pct, zero, hundred),
            "abc_b_pct",
            "out_of_range",
        );
        if a_ok && b_ok {
            check(
                self.abc_a_pct < self.abc_b_pct,
                "abc_a_pct",
                "a_not_below_b",
            );
        }
        let x_ok = check(self.xyz_x_cv > zero, "xyz_x_cv", "out_of_range");
        let y_ok = check(self.xyz_y_cv > zero, "xyz_y_cv", "out_of_range");
        if x_ok && y_ok {
            check(self.xyz_x_cv < self.xyz_y_cv, "xyz_x_cv", "x_not_below_y");
        }
        let at_risk_ok = check(
            self.at_risk_days <= MAX_CHURN_DAYS,
            "at_risk_days",
            "out_of_range",
        );
        let lost_ok = check(
            self.lost_days <= MAX_CHURN_DAYS,
            "lost_days",
            "out_of_range",
        );
        if at_risk_ok && lost_ok {
            check(
                self.at_risk_days < self.lost_days,
                "at_risk_days",
                "at_risk_not_below_lost",
            );
        }
        check(
            within(self.breadwinner_pct, Decimal::ONE, hundred),
            "breadwinner_pct",
            "out_of_range",
        );

        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The cap `C = floor(cap_pct · n / 100)` for a client base of `n` accounts, with `cap_pct`
    /// held to at most 20 (see the module notes). Split into whole hundreds and the remainder so
    /// it cannot overflow for any `n`.
    pub fn cap(&self, n: usize) -> usize {
        let pct = self.cap_pct.min(MAX_CAP_PCT) as usize;
        (n / 100) * pct + (n % 100) * pct / 100
    }
}

/// The scoring of one account, in the order of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountScore {
    /// The rounded score (always two decimals), the one shown, compared and sorted; `None`
    /// outside the client base.
    pub score: Option<Decimal>,
    /// `P = 100 · potential / max_p`, rounded to 12 decimals: round it further for display.
    /// `None` outside the base.
    pub p: Option<Decimal>,
    /// `S = 20 · strategic_importance`. `None` outside the base.
    pub s: Option<Decimal>,
    /// Gold, silver or bronze; `None` outside the base.
    pub segment: Option<Segment>,
    /// Whether the account is key.
    pub key: bool,
    /// Why it is or is not key.
    pub reason: Reason,
    /// 1-based position among eligible accounts (gold or silver and not pinned not-key, pinned
    /// key ones included); `None` for the rest.
    pub rank: Option<u32>,
}

/// The result of one scoring run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringOutcome {
    /// `N`: size of the client base (prospect and active accounts).
    pub n: usize,
    /// `C`: the most key clients allowed.
    pub cap: usize,
    /// How many accounts are key (always `min(C, eligible)`).
    pub key_count: usize,
    /// The lowest score among `key_by_score` accounts (two decimals), `None` if there are none:
    /// "you need a score of 47.30 to be key".
    pub cut_line: Option<Decimal>,
    /// The largest potential in the client base (0 when the base is empty).
    pub max_potential: Decimal,
    /// One entry per input account, in input order.
    pub results: Vec<AccountScore>,
}

/// Scores every account and selects the key clients under the cap, exactly as the contract says.
///
/// Runs in O(N log N): one pass for the scores, one sort of the eligible accounts' keys, one
/// pass to hand out pins and slots.
pub fn score_accounts(accounts: &[AccountInput], settings: &Settings) -> ScoringOutcome {
    let in_base = |a: &AccountInput| a.status.in_base();
    let n = accounts.iter().filter(|a| in_base(a)).count();
    let max_potential = accounts
        .iter()
        .filter(|a| in_base(a))
        .map(effective_potential)
        .max()
        .unwrap_or(Decimal::ZERO);
    let cap = settings.cap(n);

    let mut results: Vec<AccountScore> = accounts
        .iter()
        .map(|a| {
            if !in_base(a) {
                return AccountScore {
                    score: None,
                    p: None,
                    s: None,
                    segment: None,
                    key: false,
                    reason: Reason::NotInBase,
                    rank: None,
                };
            }
            let parts = score_parts(
                effective_potential(a),
                a.strategic_importance,
                max_potential,
                settings.weight_potential,
            );
            let segment = segment_of(parts.score, settings);
            // Provisional for eligible accounts: the selection below overwrites it.
            let reason = if a.pin == Pin::NotKey {
                Reason::PinnedNotKey
            } else if segment == Segment::Bronze {
                Reason::SegmentBronze
            } else {
                Reason::BelowCut
            };
            AccountScore {
                score: Some(parts.score),
                p: Some(parts.p),
                s: Some(parts.s),
                segment: Some(segment),
                key: false,
                reason,
                rank: None,
            }
        })
        .collect();

    // Eligible accounts are exactly those left at the provisional BelowCut. Their sort keys sit
    // side by side in one vector: sorting indices into `results` and `accounts` instead costs
    // a cache miss per comparison, which dominated the run time at 100,000 accounts.
    let mut eligible: Vec<SortKey<'_>> = accounts
        .iter()
        .zip(&results)
        .enumerate()
        .filter(|(_, (_, r))| r.reason == Reason::BelowCut)
        .map(|(index, (a, r))| SortKey {
            score: r.score.unwrap_or(Decimal::ZERO),
            potential: effective_potential(a),
            id: &a.id,
            index,
        })
        .collect();
    // One scale for all potentials (scores already share scale 2), so that most comparisons
    // are plain integer ones; `rescale` keeps the value, and stops short only for huge amounts.
    let potential_scale = eligible.iter().map(|k| k.potential.scale()).max();
    for k in &mut eligible {
        k.potential.rescale(potential_scale.unwrap_or(0));
    }
    eligible.sort_unstable_by(|a, b| {
        cmp_decimal(&b.score, &a.score)
            .then_with(|| cmp_decimal(&b.potential, &a.potential))
            // `str` orders by bytes, which is what the contract asks for.
            .then_with(|| a.id.cmp(b.id))
            .then_with(|| a.index.cmp(&b.index))
    });

    // Pins go first, best pins first, up to the cap; the free slots then go down the same order.
    let pins_kept = eligible
        .iter()
        .filter(|k| accounts[k.index].pin == Pin::Key)
        .count()
        .min(cap);
    let mut pins_left = pins_kept;
    let mut slots = cap - pins_kept;
    let mut cut_line = None;
    for (position, k) in eligible.iter().enumerate() {
        let result = &mut results[k.index];
        result.rank = Some(u32::try_from(position + 1).unwrap_or(u32::MAX));
        result.reason = if accounts[k.index].pin == Pin::Key {
            if pins_left > 0 {
                pins_left -= 1;
                Reason::KeyPinned
            } else {
                Reason::PinOverCap
            }
        } else if slots > 0 {
            slots -= 1;
            // Visited in descending order, so the last one assigned is the lowest.
            cut_line = result.score;
            Reason::KeyByScore
        } else {
            Reason::BelowCut
        };
        result.key = result.reason.is_key();
    }
    let key_count = results.iter().filter(|r| r.key).count();

    ScoringOutcome {
        n,
        cap,
        key_count,
        cut_line,
        max_potential,
        results,
    }
}

/// What the key order compares, for one eligible account.
struct SortKey<'a> {
    score: Decimal,
    potential: Decimal,
    id: &'a str,
    index: usize,
}

/// `a.cmp(b)`, with a fast path for equal scales: `Decimal::cmp` is not inlined and aligns
/// scales on every call, which made it the largest cost of sorting 100,000 accounts.
fn cmp_decimal(a: &Decimal, b: &Decimal) -> Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(b)
    }
}

/// The potential the formulas use: a negative one (impossible through the forms) counts as 0 so
/// that `P` stays within 0–100.
fn effective_potential(account: &AccountInput) -> Decimal {
    account.potential.max(Decimal::ZERO)
}

/// The score and segment one base account gets when the largest potential of the base is
/// `max_potential`: exactly what [`score_accounts`] computes for it, for tools that plan data
/// ahead of a run (the demo generator lifts accounts over a segment line with it).
pub fn score_of(
    potential: Decimal,
    strategic_importance: u8,
    max_potential: Decimal,
    settings: &Settings,
) -> (Decimal, Segment) {
    let parts = score_parts(
        potential.max(Decimal::ZERO),
        strategic_importance,
        max_potential,
        settings.weight_potential,
    );
    (parts.score, segment_of(parts.score, settings))
}

/// `P`, `S` and the rounded score of one base account.
struct ScoreParts {
    p: Decimal,
    s: Decimal,
    score: Decimal,
}

fn score_parts(potential: Decimal, importance: u8, max_p: Decimal, weight: Decimal) -> ScoreParts {
    let s = Decimal::from(20 * u32::from(importance.min(5)));
    let rest = Decimal::ONE - weight;
    let (p, score) = if max_p.is_zero() {
        // P is 0 for everyone, and (1 − w)·S is a terminating decimal: plain rounding is exact.
        (Decimal::ZERO, round2(rest * s))
    } else {
        let hundred_pot = potential.checked_mul(Decimal::ONE_HUNDRED);
        let p = hundred_pot
            .and_then(|x| round_ratio(x, max_p, P_DECIMALS))
            // Only for potentials near Decimal::MAX: divide first, at the cost of the last digit.
            .unwrap_or_else(|| potential / max_p * Decimal::ONE_HUNDRED);
        let numerator = weight
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_mul(potential))
            .zip(rest.checked_mul(s).and_then(|x| x.checked_mul(max_p)))
            .and_then(|(a, b)| a.checked_add(b));
        let score = numerator
            .and_then(|n| round_ratio(n, max_p, 2))
            .unwrap_or_else(|| round2(weight * p + rest * s));
        (p, score)
    };
    let mut score = score;
    // Always two decimals, so "50" prints as "50.00" everywhere.
    score.rescale(2);
    ScoreParts { p, s, score }
}

/// Decimals kept in `P`: it is shown, never compared (the score is computed from the exact
/// fraction, not from `P`), and 12 decimals keep `100 · potential` inside `i128` for any
/// realistic potential, where a 28-digit `Decimal` division would cost ten times more.
const P_DECIMALS: u32 = 12;

fn segment_of(score: Decimal, settings: &Settings) -> Segment {
    if score >= settings.gold_min {
        Segment::Gold
    } else if score >= settings.silver_min {
        Segment::Silver
    } else {
        Segment::Bronze
    }
}

/// Rounds to two decimals, half away from zero.
fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `numerator / denominator` rounded to `dp` decimals, half away from zero, exactly.
///
/// Rounding a 28-digit `Decimal` quotient instead could misplace an exact midpoint: 60 / 12000
/// is exactly 0.005, but `0.6 · (100 / 12000)` computes as 0.004999…. Both operands become
/// integers at a common scale, so the quotient and remainder are exact `i128` arithmetic, which
/// also avoids the slow 96-bit `Decimal` division. `None` when an operand is negative, the
/// denominator is zero, or the integers would overflow `i128` (amounts near `Decimal::MAX`, or
/// weights with very many decimals): the caller then falls back to `Decimal` division.
fn round_ratio(numerator: Decimal, denominator: Decimal, dp: u32) -> Option<Decimal> {
    if numerator.is_sign_negative() || denominator <= Decimal::ZERO {
        return None;
    }
    // n / d · 10^dp = (mn · 10^(sd + dp)) / (md · 10^sn)
    let pow = |e: u32| 10i128.checked_pow(e);
    let a = numerator
        .mantissa()
        .checked_mul(pow(denominator.scale() + dp)?)?;
    let b = denominator
        .mantissa()
        .checked_mul(pow(numerator.scale())?)?;
    let (q, r) = (a / b, a % b);
    // Half away from zero: up when the remainder is at least half the divisor (r ≥ b − r).
    let rounded = if r >= b - r { q + 1 } else { q };
    Decimal::try_from_i128_with_scale(rounded, dp).ok()
}

impl fmt::Display for ScoringOutcome {
    /// The one-line summary of the batch command, e.g. `N=300 cap=60 key=58 cut_line=47.30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "N={} cap={} key={} cut_line=",
            self.n, self.cap, self.key_count
        )?;
        match self.cut_line {
            Some(cut) => write!(f, "{cut:.2}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::prelude::ToPrimitive;
    use serde::de::value::StrDeserializer;
    use serde::de::{DeserializeOwned, IntoDeserializer};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn account(id: &str, potential: &str, importance: u8) -> AccountInput {
        AccountInput {
            id: id.to_owned(),
            status: Status::Active,
            potential: d(potential),
            strategic_importance: importance,
            pin: Pin::None,
            decision_making: DecisionMaking::Centralized,
            locations: Vec::new(),
        }
    }

    fn with_pin(mut a: AccountInput, pin: Pin) -> AccountInput {
        a.pin = pin;
        a
    }

    fn with_status(mut a: AccountInput, status: Status) -> AccountInput {
        a.status = status;
        a
    }

    /// `count` filler accounts that are bronze (potential 0, importance 0) and never key, to
    /// grow `N` without competing for slots.
    fn bronze_filler(count: usize) -> Vec<AccountInput> {
        (0..count)
            .map(|i| account(&format!("zz{i:04}"), "0", 0))
            .collect()
    }

    fn scores(outcome: &ScoringOutcome) -> Vec<Option<Decimal>> {
        outcome.results.iter().map(|r| r.score).collect()
    }

    fn reasons(outcome: &ScoringOutcome) -> Vec<Reason> {
        outcome.results.iter().map(|r| r.reason).collect()
    }

    #[test]
    fn defaults_are_the_contracts_and_valid() {
        let s = Settings::default();
        assert_eq!(s.cap_pct, 20);
        assert_eq!(s.weight_potential, d("0.7"));
        assert_eq!((s.gold_min, s.silver_min), (d("60"), d("30")));
        assert_eq!((s.abc_a_pct, s.abc_b_pct), (d("80"), d("95")));
        assert_eq!((s.xyz_x_cv, s.xyz_y_cv), (d("0.10"), d("0.25")));
        assert_eq!((s.at_risk_days, s.lost_days), (60, 180));
        assert_eq!(s.breadwinner_pct, d("10"));
        assert_eq!(s.validate(), Ok(()));
    }

    fn errors_of(change: impl FnOnce(&mut Settings)) -> Vec<(&'static str, &'static str)> {
        let mut s = Settings::default();
        change(&mut s);
        match s.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(|e| (e.field, e.code)).collect(),
        }
    }

    #[test]
    fn validate_rejects_a_cap_outside_one_to_twenty() {
        assert_eq!(errors_of(|s| s.cap_pct = 0), [("cap_pct", "out_of_range")]);
        assert_eq!(errors_of(|s| s.cap_pct = 21), [("cap_pct", "out_of_range")]);
        assert!(errors_of(|s| s.cap_pct = 1).is_empty());
        assert!(errors_of(|s| s.cap_pct = 20).is_empty());
    }

    #[test]
    fn validate_rejects_a_weight_outside_zero_to_one() {
        assert_eq!(
            errors_of(|s| s.weight_potential = d("-0.1")),
            [("weight_potential", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.weight_potential = d("1.01")),
            [("weight_potential", "out_of_range")]
        );
        assert!(errors_of(|s| s.weight_potential = d("0")).is_empty());
        assert!(errors_of(|s| s.weight_potential = d("1")).is_empty());
    }

    #[test]
    fn validate_wants_gold_strictly_above_silver_within_zero_to_hundred() {
        assert_eq!(
            errors_of(|s| s.gold_min = d("30")),
            [("gold_min", "gold_not_above_silver")]
        );
        assert_eq!(
            errors_of(|s| s.gold_min = d("100.01")),
            [("gold_min", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.silver_min = d("-1")),
            [("silver_min", "out_of_range")]
        );
        assert!(
            errors_of(|s| {
                s.gold_min = d("100");
                s.silver_min = d("0");
            })
            .is_empty()
        );
    }

    #[test]
    fn validate_wants_zero_below_a_below_b_below_hundred() {
        assert_eq!(
            errors_of(|s| s.abc_a_pct = d("95")),
            [("abc_a_pct", "a_not_below_b")]
        );
        assert_eq!(
            errors_of(|s| s.abc_a_pct = d("0")),
            [("abc_a_pct", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.abc_b_pct = d("100")),
            [("abc_b_pct", "out_of_range")]
        );
    }

    #[test]
    fn validate_wants_zero_below_x_below_y() {
        assert_eq!(
            errors_of(|s| s.xyz_x_cv = d("0.25")),
            [("xyz_x_cv", "x_not_below_y")]
        );
        assert_eq!(
            errors_of(|s| s.xyz_x_cv = d("0")),
            [("xyz_x_cv", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.xyz_y_cv = d("-0.5")),
            [("xyz_y_cv", "out_of_range")]
        );
    }

    #[test]
    fn validate_wants_at_risk_below_lost_and_breadwinner_within_one_to_hundred() {
        assert_eq!(
            errors_of(|s| s.at_risk_days = 180),
            [("at_risk_days", "at_risk_not_below_lost")]
        );
        assert_eq!(
            errors_of(|s| s.breadwinner_pct = d("0.5")),
            [("breadwinner_pct", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.breadwinner_pct = d("101")),
            [("breadwinner_pct", "out_of_range")]
        );
        assert!(errors_of(|s| s.breadwinner_pct = d("100")).is_empty());
    }

    #[test]
    fn validate_keeps_churn_periods_within_ten_years() {
        assert_eq!(
            errors_of(|s| s.lost_days = MAX_CHURN_DAYS + 1),
            [("lost_days", "out_of_range")]
        );
        assert_eq!(
            errors_of(|s| s.at_risk_days = u32::MAX),
            [("at_risk_days", "out_of_range")],
            "no at-risk-below-lost complaint on top of the range"
        );
        assert!(errors_of(|s| s.lost_days = MAX_CHURN_DAYS).is_empty());
    }

    #[test]
    fn validate_reports_every_broken_rule_at_once() {
        let errors = errors_of(|s| {
            s.cap_pct = 50;
            s.weight_potential = d("2");
            s.lost_days = 10;
        });
        assert_eq!(
            errors,
            [
                ("cap_pct", "out_of_range"),
                ("weight_potential", "out_of_range"),
                ("at_risk_days", "at_risk_not_below_lost"),
            ]
        );
        let shown = SettingsError {
            field: "cap_pct",
            code: "out_of_range",
        }
        .to_string();
        assert_eq!(shown, "cap_pct: must be a whole number from 1 to 20");
    }

    #[test]
    fn enum_names_round_trip_through_from_str_display_and_serde() {
        fn check<T>(all: &[T])
        where
            T: Copy + PartialEq + fmt::Debug + fmt::Display + FromStr + DeserializeOwned,
            <T as FromStr>::Err: fmt::Debug,
        {
            for &value in all {
                let name = value.to_string();
                assert_eq!(T::from_str(&name).unwrap(), value);
                let de: StrDeserializer<'_, serde::de::value::Error> =
                    name.as_str().into_deserializer();
                assert_eq!(T::deserialize(de).unwrap(), value);
            }
        }
        check(Status::ALL);
        check(Pin::ALL);
        check(DecisionMaking::ALL);
        check(Segment::ALL);
        check(Reason::ALL);
        assert_eq!(Pin::NotKey.as_str(), "not_key");
        assert_eq!(Reason::PinOverCap.as_str(), "pin_over_cap");
        assert_eq!(DecisionMaking::default(), DecisionMaking::Centralized);
    }

    #[test]
    fn unknown_names_are_refused_with_the_accepted_ones() {
        let err = Status::from_str("Active").unwrap_err();
        assert_eq!(err.kind, "status");
        assert_eq!(
            err.to_string(),
            "\"Active\" is not a valid status (expected one of: prospect, active, lost, archived)"
        );
        assert!(Pin::from_str(" key").is_err());
    }

    #[test]
    fn score_weighs_potential_share_and_importance() {
        // max_p = 1000: P = 50 and 100; S = 60 and 0.
        let out = score_accounts(
            &[account("a", "500", 3), account("b", "1000", 0)],
            &Settings::default(),
        );
        let a = &out.results[0];
        assert_eq!(a.p, Some(d("50")));
        assert_eq!(out.results[1].p, Some(d("100")));
        assert_eq!(a.s, Some(d("60")));
        // 0.7·50 + 0.3·60 = 53
        assert_eq!(a.score, Some(d("53.00")));
        assert_eq!(out.results[1].score, Some(d("70.00")));
        assert_eq!(out.max_potential, d("1000"));
    }

    #[test]
    fn scores_always_carry_two_decimals() {
        let out = score_accounts(&[account("a", "1000", 5)], &Settings::default());
        assert_eq!(out.results[0].score.unwrap().to_string(), "100.00");
    }

    #[test]
    fn max_potential_is_taken_over_the_client_base_only() {
        let out = score_accounts(
            &[
                account("a", "500", 0),
                with_status(account("lost", "5000", 0), Status::Lost),
                with_status(account("arch", "9000", 0), Status::Archived),
            ],
            &Settings::default(),
        );
        assert_eq!(out.max_potential, d("500"));
        assert_eq!(out.results[0].p, Some(d("100")));
        assert_eq!(out.n, 1);
    }

    #[test]
    fn zero_potential_everywhere_gives_p_zero_and_scores_on_importance_alone() {
        let out = score_accounts(
            &[account("a", "0", 5), account("b", "0", 1)],
            &Settings::default(),
        );
        assert_eq!(out.max_potential, Decimal::ZERO);
        assert_eq!(out.results[0].p, Some(Decimal::ZERO));
        assert_eq!(scores(&out), [Some(d("30.00")), Some(d("6.00"))]);
    }

    #[test]
    fn rounding_is_half_away_from_zero_at_the_third_decimal() {
        // 0.7 · 42.85 = 29.995 → 30.00 (silver, inclusive); 0.7 · 42.8499 = 29.99493 → 29.99.
        let out = score_accounts(
            &[
                account("max", "1000000", 0),
                account("mid", "428500", 0),
                account("under", "428499", 0),
                account("p", "428507.142857", 0),
            ],
            &Settings::default(),
        );
        assert_eq!(out.results[1].score, Some(d("30.00")));
        assert_eq!(out.results[1].segment, Some(Segment::Silver));
        assert_eq!(out.results[2].score, Some(d("29.99")));
        assert_eq!(out.results[2].segment, Some(Segment::Bronze));
        // 0.7 · 42.8507142857 = 29.99549999999 → 30.00 (not a midpoint, just above).
        assert_eq!(out.results[3].score, Some(d("30.00")));
    }

    #[test]
    fn an_exact_midpoint_rounds_up_even_when_p_does_not_terminate() {
        // P = 100/12000 = 0.008333…; 0.6 · P is exactly 0.005, which must round to 0.01.
        // Multiplying a 28-digit P would give 0.004999… and round to 0.00.
        let settings = Settings {
            weight_potential: d("0.6"),
            ..Settings::default()
        };
        let out = score_accounts(
            &[account("max", "12000", 0), account("tiny", "1", 0)],
            &settings,
        );
        assert_eq!(out.results[1].score, Some(d("0.01")));
        // And one a hair under the midpoint stays down: 0.6 · 100 · 0.99999 / 12000 = 0.0049999…
        let out = score_accounts(
            &[account("max", "12000", 0), account("tiny", "0.99999", 0)],
            &settings,
        );
        assert_eq!(out.results[1].score, Some(d("0.00")));
    }

    #[test]
    fn round_ratio_is_exact_at_and_around_midpoints() {
        for (num, den, dp, want) in [
            ("1", "8", 2, "0.13"),
            ("1", "3", 2, "0.33"),
            ("2", "3", 2, "0.67"),
            ("5", "1000", 2, "0.01"),
            ("4999", "1000000", 2, "0.00"),
            ("0", "7", 2, "0.00"),
            ("100", "1", 2, "100.00"),
            ("60", "12000", 2, "0.01"),
            ("29.995", "1", 2, "30.00"),
            ("2", "3", 12, "0.666666666667"),
            ("100", "3", 12, "33.333333333333"),
        ] {
            assert_eq!(
                round_ratio(d(num), d(den), dp),
                Some(d(want)),
                "{num}/{den}"
            );
        }
        assert_eq!(round_ratio(d("-1"), d("3"), 2), None);
        assert_eq!(round_ratio(d("1"), d("0"), 2), None);
        // Overflowing i128 asks for the fallback instead of a wrong answer.
        assert_eq!(round_ratio(Decimal::MAX, d("0.0000000001"), 12), None);
    }

    #[test]
    fn p_keeps_twelve_decimals() {
        let out = score_accounts(
            &[account("a", "1", 0), account("b", "3", 0)],
            &Settings::default(),
        );
        assert_eq!(out.results[0].p, Some(d("33.333333333333")));
        assert_eq!(out.results[1].p, Some(d("100.000000000000")));
    }

    #[test]
    fn huge_potentials_fall_back_to_decimal_division() {
        let huge = "79228162514264337593543950335"; // Decimal::MAX
        let out = score_accounts(
            &[
                account("max", huge, 0),
                account("half", "39614081257132168796771975167", 0),
            ],
            &Settings::default(),
        );
        assert_eq!(out.results[0].score, Some(d("70.00")));
        assert_eq!(out.results[1].score, Some(d("35.00")));
    }

    #[test]
    fn gold_and_silver_thresholds_are_inclusive() {
        // max_p 100: importance alone with weight 0 gives exact scores 60, 40, 30, 20.
        let settings = Settings {
            weight_potential: Decimal::ZERO,
            ..Settings::default()
        };
        let out = score_accounts(
            &[
                account("a", "100", 3),
                account("b", "100", 2),
                account("c", "100", 1),
            ],
            &settings,
        );
        let segments: Vec<_> = out.results.iter().map(|r| r.segment).collect();
        assert_eq!(
            segments,
            [
                Some(Segment::Gold),
                Some(Segment::Silver),
                Some(Segment::Bronze)
            ]
        );
        let settings = Settings {
            weight_potential: Decimal::ZERO,
            silver_min: d("20"),
            gold_min: d("40.01"),
            ..Settings::default()
        };
        let out = score_accounts(&[account("a", "1", 2), account("b", "1", 1)], &settings);
        assert_eq!(out.results[0].segment, Some(Segment::Silver));
        assert_eq!(out.results[1].segment, Some(Segment::Silver));
    }

    #[test]
    fn cap_is_twenty_percent_of_the_base_rounded_down() {
        let s = Settings::default();
        assert_eq!(
            [0, 1, 4, 5, 9, 10, 14, 15, 99, 100, 101, 1234].map(|n| s.cap(n)),
            [0, 0, 0, 1, 1, 2, 2, 3, 19, 20, 20, 246]
        );
        let ten = Settings {
            cap_pct: 10,
            ..Settings::default()
        };
        assert_eq!([9, 10, 19, 20, 305].map(|n| ten.cap(n)), [0, 1, 1, 2, 30]);
        // Never above the method's 20 %, even unvalidated.
        let greedy = Settings {
            cap_pct: 90,
            ..Settings::default()
        };
        assert_eq!(greedy.cap(100), 20);
        assert_eq!(greedy.cap(usize::MAX), Settings::default().cap(usize::MAX));
    }

    #[test]
    fn a_base_too_small_for_one_slot_has_no_key_clients() {
        let accounts = [
            account("a", "1000", 5),
            with_pin(account("b", "900", 5), Pin::Key),
            account("c", "10", 0),
            account("d", "800", 4),
        ];
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!((out.n, out.cap, out.key_count), (4, 0, 0));
        assert_eq!(out.cut_line, None);
        assert_eq!(
            reasons(&out),
            [
                Reason::BelowCut,
                Reason::PinOverCap,
                Reason::SegmentBronze,
                Reason::BelowCut
            ]
        );
        assert!(out.results.iter().all(|r| !r.key));
    }

    #[test]
    fn ties_break_by_potential_then_id_in_byte_order() {
        // With weight 0 all three score 60.00: "hi" has the larger potential; "B" (0x42) sorts
        // before "a" (0x61) by bytes.
        let settings = Settings {
            weight_potential: Decimal::ZERO,
            ..Settings::default()
        };
        let mut accounts = vec![
            account("a", "10", 3),
            account("B", "10", 3),
            account("hi", "20", 3),
        ];
        accounts.extend(bronze_filler(7)); // N = 10, C = 2
        let out = score_accounts(&accounts, &settings);
        assert_eq!(out.cap, 2);
        let ranks: Vec<_> = out.results[..3].iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(3), Some(2), Some(1)]);
        assert_eq!(
            reasons(&out)[..3],
            [Reason::BelowCut, Reason::KeyByScore, Reason::KeyByScore]
        );
    }

    #[test]
    fn ties_are_decided_on_the_rounded_score() {
        // 70.004 and 70.0 both show 70.00, so the larger potential wins, not the raw score.
        let settings = Settings::default();
        let mut accounts = vec![
            account("max", "1000000", 0),    // 70.00
            account("near", "571434.29", 5), // 0.7·57.143429 + 30 = 70.0004003 → 70.00
            account("other", "100000", 0),   // bronze
        ];
        accounts.extend(bronze_filler(2)); // N = 5, C = 1
        let out = score_accounts(&accounts, &settings);
        assert_eq!(out.results[1].score, Some(d("70.00")));
        assert_eq!(out.results[0].reason, Reason::KeyByScore);
        assert_eq!(out.results[1].reason, Reason::BelowCut);
        assert_eq!(out.cut_line, Some(d("70.00")));
    }

    #[test]
    fn pins_over_the_cap_keep_the_best_pins_and_leave_no_slot_to_scores() {
        let accounts = {
            let mut v = vec![
                with_pin(account("p1", "500", 3), Pin::Key), // 0.7·50+18 = 53
                with_pin(account("p2", "900", 3), Pin::Key), // 63+18 = 81
                with_pin(account("p3", "700", 3), Pin::Key), // 49+18 = 67
                account("top", "1000", 5),                   // 100
            ];
            v.extend(bronze_filler(6)); // N = 10, C = 2
            v
        };
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(out.cap, 2);
        assert_eq!(
            reasons(&out)[..4],
            [
                Reason::PinOverCap,
                Reason::KeyPinned,
                Reason::KeyPinned,
                Reason::BelowCut
            ]
        );
        // Ranks count pinned and unpinned together, in score order.
        let ranks: Vec<_> = out.results[..4].iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(4), Some(2), Some(3), Some(1)]);
        assert_eq!(out.key_count, 2);
        assert_eq!(out.cut_line, None);
    }

    #[test]
    fn pins_within_the_cap_leave_the_remaining_slots_to_the_best_scores() {
        let mut accounts = vec![
            with_pin(account("pinned", "400", 2), Pin::Key), // 28+12 = 40, silver
            account("a", "1000", 5),                         // 100
            account("b", "900", 4),                          // 63+24 = 87
            account("c", "800", 4),                          // 56+24 = 80
        ];
        accounts.extend(bronze_filler(11)); // N = 15, C = 3
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(
            reasons(&out)[..4],
            [
                Reason::KeyPinned,
                Reason::KeyByScore,
                Reason::KeyByScore,
                Reason::BelowCut
            ]
        );
        assert_eq!(out.results[0].rank, Some(4));
        assert_eq!(out.cut_line, Some(d("87.00")));
        assert_eq!(out.key_count, 3);
    }

    #[test]
    fn a_key_pin_on_a_bronze_account_is_segment_bronze_and_not_ranked() {
        let mut accounts = vec![
            account("big", "1000", 5),
            with_pin(account("small", "10", 0), Pin::Key),
        ];
        accounts.extend(bronze_filler(8));
        let out = score_accounts(&accounts, &Settings::default());
        let small = &out.results[1];
        assert_eq!(small.reason, Reason::SegmentBronze);
        assert_eq!((small.key, small.rank), (false, None));
        assert_eq!(out.results[0].reason, Reason::KeyByScore);
    }

    #[test]
    fn a_not_key_pin_wins_over_everything_even_bronze() {
        let mut accounts = vec![
            with_pin(account("gold", "1000", 5), Pin::NotKey),
            with_pin(account("bronze", "1", 0), Pin::NotKey),
            account("silver", "500", 1),
        ];
        accounts.extend(bronze_filler(7));
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(out.results[0].reason, Reason::PinnedNotKey);
        assert_eq!(out.results[0].segment, Some(Segment::Gold));
        assert_eq!(out.results[0].rank, None);
        assert_eq!(out.results[1].reason, Reason::PinnedNotKey);
        // The excluded gold account frees its slot for the silver one.
        assert_eq!(out.results[2].reason, Reason::KeyByScore);
        assert_eq!(out.results[2].rank, Some(1));
    }

    #[test]
    fn lost_and_archived_accounts_are_outside_the_base_whatever_their_pin() {
        let mut accounts = vec![
            with_pin(with_status(account("l", "1000", 5), Status::Lost), Pin::Key),
            with_status(account("ar", "1000", 5), Status::Archived),
            with_status(account("pr", "100", 5), Status::Prospect),
        ];
        accounts.extend(bronze_filler(4)); // N = 5, C = 1
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(out.n, 5);
        for r in &out.results[..2] {
            assert_eq!(r.reason, Reason::NotInBase);
            assert_eq!(
                (r.score, r.p, r.s, r.segment, r.rank),
                (None, None, None, None, None)
            );
            assert!(!r.key);
        }
        // The prospect is a full member of the base: 70 + 30 = 100.
        assert_eq!(out.results[2].score, Some(d("100.00")));
        assert_eq!(out.results[2].reason, Reason::KeyByScore);
    }

    #[test]
    fn the_cut_line_is_the_lowest_key_by_score_score() {
        let mut accounts = vec![
            account("a", "1000", 5), // 100
            account("b", "900", 2),  // 63+12 = 75
            account("c", "473", 3),  // 33.11+18 = 51.11
            account("d", "470", 3),  // 32.9+18 = 50.9
        ];
        accounts.extend(bronze_filler(11)); // N = 15, C = 3
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(out.cut_line, Some(d("51.11")));
        assert_eq!(out.results[3].reason, Reason::BelowCut);
        assert_eq!(out.to_string(), "N=15 cap=3 key=3 cut_line=51.11");
    }

    #[test]
    fn an_empty_snapshot_scores_to_an_empty_outcome() {
        let out = score_accounts(&[], &Settings::default());
        assert_eq!((out.n, out.cap, out.key_count), (0, 0, 0));
        assert_eq!(out.max_potential, Decimal::ZERO);
        assert!(out.results.is_empty());
        assert_eq!(out.to_string(), "N=0 cap=0 key=0 cut_line=");
    }

    #[test]
    fn out_of_range_inputs_are_held_to_the_methods_bounds() {
        let out = score_accounts(
            &[account("neg", "-50", 9), account("b", "100", 0)],
            &Settings::default(),
        );
        assert_eq!(out.results[0].p, Some(Decimal::ZERO));
        assert_eq!(out.results[0].s, Some(d("100")));
        assert_eq!(out.results[0].score, Some(d("30.00")));
    }

    #[test]
    fn cmp_decimal_agrees_with_decimal_ordering() {
        let values = [
            "0", "0.00", "1", "1.0", "0.99", "-1", "-0.5", "100.00", "99.999", "1e-2",
        ];
        let values: Vec<Decimal> = values
            .iter()
            .map(|v| Decimal::from_scientific(v).unwrap_or_else(|_| d(v)))
            .collect();
        for a in &values {
            for b in &values {
                assert_eq!(cmp_decimal(a, b), a.cmp(b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn potentials_written_with_different_scales_compare_by_value() {
        // 500 and 500.00 tie on potential, so the id decides; 500.01 beats both.
        let settings = Settings {
            weight_potential: Decimal::ZERO,
            ..Settings::default()
        };
        let mut accounts = vec![
            account("b", "500", 3),
            account("a", "500.00", 3),
            account("c", "500.01", 3),
        ];
        accounts.extend(bronze_filler(2));
        let out = score_accounts(&accounts, &settings);
        let ranks: Vec<_> = out.results[..3].iter().map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(3), Some(2), Some(1)]);
    }

    #[test]
    fn duplicate_ids_are_still_ordered_deterministically() {
        let mut accounts = vec![account("x", "10", 5), account("x", "10", 5)];
        accounts.extend(bronze_filler(3));
        let out = score_accounts(&accounts, &Settings::default());
        assert_eq!(out.results[0].rank, Some(1));
        assert_eq!(out.results[1].rank, Some(2));
    }

    // ---- property tests -------------------------------------------------------------------

    fn arb_status() -> impl Strategy<Value = Status> {
        prop_oneof![
            4 => Just(Status::Active),
            2 => Just(Status::Prospect),
            1 => Just(Status::Lost),
            1 => Just(Status::Archived),
        ]
    }

    fn arb_pin() -> impl Strategy<Value = Pin> {
        prop_oneof![
            6 => Just(Pin::None),
            2 => Just(Pin::Key),
            1 => Just(Pin::NotKey),
        ]
    }

    /// Potentials with 2 decimals from a small set (to force ties) or anywhere up to 10^9.
    fn arb_potential() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0u32..6).prop_map(|k| Decimal::from(k * 200_000)),
            (0i64..100_000_000_000).prop_map(|cents| Decimal::new(cents, 2)),
        ]
    }

    fn arb_accounts(max: usize) -> impl Strategy<Value = Vec<AccountInput>> {
        prop::collection::vec(
            (
                prop::sample::select(vec!['a', 'B', 'c', 'Z', '0', 'я']),
                arb_status(),
                arb_potential(),
                0u8..=5,
                arb_pin(),
            ),
            0..max,
        )
        .prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                // A one-char prefix plus the index keeps ids unique but mixes their byte order.
                .map(
                    |(i, (prefix, status, potential, importance, pin))| AccountInput {
                        id: format!("{prefix}{i}"),
                        status,
                        potential,
                        strategic_importance: importance,
                        pin,
                        decision_making: DecisionMaking::Centralized,
                        locations: Vec::new(),
                    },
                )
                .collect()
        })
    }

    fn arb_settings() -> impl Strategy<Value = Settings> {
        (1u32..=20, 0i64..=10, 0i64..100)
            .prop_flat_map(|(cap, w, silver)| {
                (Just(cap), Just(w), Just(silver), (silver + 1)..=100)
            })
            .prop_map(|(cap_pct, w, silver, gold)| Settings {
                cap_pct,
                weight_potential: Decimal::new(w, 1),
                gold_min: Decimal::from(gold),
                silver_min: Decimal::from(silver),
                ..Settings::default()
            })
    }

    /// The contract's selection restated the slow, obvious way (quadratic), given the scores and
    /// segments of the real run: rank = 1 + eligible accounts strictly before it in the order.
    fn naive_selection(
        accounts: &[AccountInput],
        out: &ScoringOutcome,
    ) -> Vec<(Reason, Option<u32>)> {
        let eligible = |i: usize| {
            accounts[i].status.in_base()
                && out.results[i].segment != Some(Segment::Bronze)
                && accounts[i].pin != Pin::NotKey
        };
        let before = |j: usize, i: usize| {
            let (sj, si) = (out.results[j].score, out.results[i].score);
            sj > si
                || (sj == si
                    && (accounts[j].potential > accounts[i].potential
                        || (accounts[j].potential == accounts[i].potential
                            && accounts[j].id.as_bytes() < accounts[i].id.as_bytes())))
        };
        let pinned_total = (0..accounts.len())
            .filter(|&i| eligible(i) && accounts[i].pin == Pin::Key)
            .count();
        let kept_total = pinned_total.min(out.cap);
        (0..accounts.len())
            .map(|i| {
                if !accounts[i].status.in_base() {
                    return (Reason::NotInBase, None);
                }
                if accounts[i].pin == Pin::NotKey {
                    return (Reason::PinnedNotKey, None);
                }
                if !eligible(i) {
                    return (Reason::SegmentBronze, None);
                }
                let above: Vec<usize> = (0..accounts.len())
                    .filter(|&j| j != i && eligible(j) && before(j, i))
                    .collect();
                let rank = Some(above.len() as u32 + 1);
                let pins_above = above
                    .iter()
                    .filter(|&&j| accounts[j].pin == Pin::Key)
                    .count();
                let reason = if accounts[i].pin == Pin::Key {
                    if pins_above < out.cap {
                        Reason::KeyPinned
                    } else {
                        Reason::PinOverCap
                    }
                } else if above.len() - pins_above < out.cap - kept_total {
                    Reason::KeyByScore
                } else {
                    Reason::BelowCut
                };
                (reason, rank)
            })
            .collect()
    }

    fn key_ids(accounts: &[AccountInput], out: &ScoringOutcome) -> Vec<String> {
        let mut ids: Vec<String> = accounts
            .iter()
            .zip(&out.results)
            .filter(|(_, r)| r.key)
            .map(|(a, _)| a.id.clone())
            .collect();
        ids.sort();
        ids
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn key_count_stays_within_the_cap_and_the_cap_within_twenty_percent(
            accounts in arb_accounts(80), settings in arb_settings()
        ) {
            let out = score_accounts(&accounts, &settings);
            let n = accounts.iter().filter(|a| a.status.in_base()).count();
            prop_assert_eq!(out.n, n);
            prop_assert!(out.cap * 100 <= 20 * n);
            prop_assert!(out.cap * 100 <= settings.cap_pct as usize * n);
            prop_assert_eq!(out.key_count, out.results.iter().filter(|r| r.key).count());
            prop_assert!(out.key_count <= out.cap);
            // The cap is filled whenever there are enough eligible accounts.
            let eligible = out.results.iter().filter(|r| r.rank.is_some()).count();
            prop_assert_eq!(out.key_count, eligible.min(out.cap));
        }

        #[test]
        fn no_bronze_lost_archived_or_not_key_account_is_ever_key(
            accounts in arb_accounts(80), settings in arb_settings()
        ) {
            let out = score_accounts(&accounts, &settings);
            for (a, r) in accounts.iter().zip(&out.results) {
                if r.key {
                    prop_assert!(a.status.in_base());
                    prop_assert!(a.pin != Pin::NotKey);
                    prop_assert!(r.segment != Some(Segment::Bronze));
                    prop_assert!(r.reason.is_key());
                }
            }
        }

        #[test]
        fn selection_matches_a_slow_restatement_of_the_contract(
            accounts in arb_accounts(50), settings in arb_settings()
        ) {
            let out = score_accounts(&accounts, &settings);
            let naive = naive_selection(&accounts, &out);
            for (r, (reason, rank)) in out.results.iter().zip(naive) {
                prop_assert_eq!(r.reason, reason);
                prop_assert_eq!(r.rank, rank);
                prop_assert_eq!(r.key, reason.is_key());
            }
            let lowest = out
                .results
                .iter()
                .filter(|r| r.reason == Reason::KeyByScore)
                .filter_map(|r| r.score)
                .min();
            prop_assert_eq!(out.cut_line, lowest);
        }

        #[test]
        fn scores_are_exactly_rounded_and_segmented(
            accounts in arb_accounts(40), settings in arb_settings()
        ) {
            // An independent oracle in integers: potential = pm/100, w = wm/10, so
            // score·100 = (wm·100·pm + (10 − wm)·S·mm)·10 / mm, rounded half up.
            let out = score_accounts(&accounts, &settings);
            let wm = (settings.weight_potential * Decimal::TEN).to_i128().unwrap();
            let cents = |x: Decimal| (x * Decimal::ONE_HUNDRED).to_i128().unwrap();
            let mm = cents(out.max_potential);
            for (a, r) in accounts.iter().zip(&out.results) {
                if !a.status.in_base() {
                    continue;
                }
                let s = 20 * i128::from(a.strategic_importance);
                let want = if mm == 0 {
                    (10 - wm) * s * 10
                } else {
                    let x = (wm * 100 * cents(a.potential) + (10 - wm) * s * mm) * 10;
                    (2 * x + mm) / (2 * mm)
                };
                let score = r.score.unwrap();
                prop_assert_eq!(score.scale(), 2);
                prop_assert_eq!(score, Decimal::new(want as i64, 2));
                let segment = if score >= settings.gold_min {
                    Segment::Gold
                } else if score >= settings.silver_min {
                    Segment::Silver
                } else {
                    Segment::Bronze
                };
                prop_assert_eq!(r.segment, Some(segment));
            }
        }

        #[test]
        fn raising_one_potential_never_removes_it_from_the_key_list(
            accounts in arb_accounts(60),
            settings in arb_settings(),
            pick in any::<prop::sample::Index>(),
            raise in arb_potential(),
        ) {
            prop_assume!(!accounts.is_empty());
            let i = pick.index(accounts.len());
            let before = score_accounts(&accounts, &settings);
            let mut raised = accounts.clone();
            raised[i].potential += raise;
            let after = score_accounts(&raised, &settings);
            if before.results[i].key {
                prop_assert!(after.results[i].key, "account {} lost its key status", i);
            }
        }

        #[test]
        fn raising_one_importance_never_removes_it_from_the_key_list(
            accounts in arb_accounts(60),
            settings in arb_settings(),
            pick in any::<prop::sample::Index>(),
            to in 0u8..=5,
        ) {
            prop_assume!(!accounts.is_empty());
            let i = pick.index(accounts.len());
            let before = score_accounts(&accounts, &settings);
            let mut raised = accounts.clone();
            raised[i].strategic_importance = raised[i].strategic_importance.max(to);
            let after = score_accounts(&raised, &settings);
            if before.results[i].key {
                prop_assert!(after.results[i].key);
            }
        }

        #[test]
        fn the_outcome_does_not_depend_on_input_row_order(
            (accounts, shuffled) in arb_accounts(60)
                .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
            settings in arb_settings(),
        ) {
            let a = score_accounts(&accounts, &settings);
            let b = score_accounts(&shuffled, &settings);
            prop_assert_eq!(
                (a.n, a.cap, a.key_count, a.cut_line, a.max_potential),
                (b.n, b.cap, b.key_count, b.cut_line, b.max_potential)
            );
            let by_id = |accs: &[AccountInput], out: &ScoringOutcome| {
                let mut v: Vec<(String, AccountScore)> = accs
                    .iter()
                    .map(|x| x.id.clone())
                    .zip(out.results.iter().cloned())
                    .collect();
                v.sort_by(|x, y| x.0.cmp(&y.0));
                v
            };
            prop_assert_eq!(by_id(&accounts, &a), by_id(&shuffled, &b));
            prop_assert_eq!(key_ids(&accounts, &a), key_ids(&shuffled, &b));
        }
    }
}
