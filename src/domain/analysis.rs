//! Analyses over orders: ABC, XYZ, churn, and the breadwinner and prospective key-client types.
//!
//! All of them look at one window: the 12 full calendar months before the reference date's month
//! ([`window`]). The reference date is an input, never the clock, so a result can be reproduced.
//! None of this feeds the key decision: the contract forbids using current sales for that.
//!
//! Interpretations of the contract made here (each is also noted where it is applied):
//! - The caller aggregates orders into [`OrderStats`] (in SQL for the real data, or with
//!   [`OrderStats::from_orders`]): `monthly_revenue` and `margin` cover the window only;
//!   `last_order` is the latest order on or before the reference date, so an order placed earlier
//!   in the reference month (outside the window) still counts as recent for churn, and a
//!   future-dated order does not.
//! - ABC ranks the client base only (prospect and active); other accounts get no class. A
//!   revenue of zero or below is always C, and when the base's total is zero or below every
//!   account is C (the contract names zero; a negative total, possible only through refunds,
//!   gives no meaningful shares either).
//! - XYZ sees only the twelve monthly totals, so "no orders" is read as "no revenue": when the
//!   mean monthly revenue is zero or below there is no class, because CV = σ / mean is undefined
//!   (or meaningless for a net refund).
//! - Churn and XYZ are computed for every account, lost and archived ones included; the screens
//!   decide whom to show them for. Status is never changed here.
//! - Breadwinner compares with the margin of all accounts passed in (every status: "our total
//!   profit"), literally as the contract says, so a non-key account can be a breadwinner (a signal
//!   worth showing). With a total margin of zero or below nobody is a breadwinner.
//! - Prospective compares the window's revenue with the annual potential directly, the window
//!   being exactly one year: key and `revenue < potential / 4`.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::scoring::{AccountInput, ScoringOutcome, Settings, named_enum};

named_enum! {
    /// ABC class by revenue in the window (within the client base).
    pub enum Abc as "ABC class" {
        /// The accounts bringing the first `abc_a_pct` % of revenue.
        A => "A",
        /// The next ones, up to `abc_b_pct` %.
        B => "B",
        /// The rest, and every account without revenue.
        C => "C",
    }
}

named_enum! {
    /// XYZ class by regularity of monthly revenue.
    pub enum Xyz as "XYZ class" {
        /// Steady: CV at most `xyz_x_cv`.
        X => "X",
        /// Fluctuating: CV at most `xyz_y_cv`.
        Y => "Y",
        /// Irregular.
        Z => "Z",
    }
}

named_enum! {
    /// How long an account has gone without ordering.
    pub enum Churn as "churn" {
        /// Ordered (or was created) within `at_risk_days`.
        Ok => "ok",
        /// More than `at_risk_days` without an order.
        AtRisk => "at_risk",
        /// More than `lost_days` without an order: a candidate for "lost" (a person decides).
        LostCandidate => "lost_candidate",
    }
}

/// Months in the analysis window.
pub const WINDOW_MONTHS: usize = 12;

/// The analysis window for reference date `reference`: from the first day of the month 12 months
/// before its month to the last day of the month before its month, both inclusive.
/// For 2026-11-15 that is 2025-11-01 ..= 2026-10-31.
pub fn window(reference: NaiveDate) -> (NaiveDate, NaiveDate) {
    // Day 1 exists in every month, so the fallbacks only guard chrono's extreme dates.
    let month_start = reference.with_day(1).unwrap_or(reference);
    let end = month_start.pred_opt().unwrap_or(month_start);
    let start = month_start
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    (start, end)
}

/// Which month of the window starting at `window_start` (a first of month, as [`window`] gives)
/// `date` falls in: 0 for the first, 11 for the last, `None` outside the window.
pub fn month_index(window_start: NaiveDate, date: NaiveDate) -> Option<usize> {
    if date < window_start {
        return None;
    }
    let months = (date.year() - window_start.year()) * 12 + date.month() as i32
        - window_start.month() as i32;
    usize::try_from(months).ok().filter(|&m| m < WINDOW_MONTHS)
}

/// One order as the analyses see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The order date.
    pub date: NaiveDate,
    /// Revenue of the order (money).
    pub amount: Decimal,
    /// Our margin on it (money).
    pub margin: Decimal,
}

/// An account's orders summed up for one window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderStats {
    /// Revenue per month of the window, oldest first; months without orders are 0.
    pub monthly_revenue: [Decimal; WINDOW_MONTHS],
    /// Margin of the orders in the window.
    pub margin: Decimal,
    /// The latest order on or before the reference date, if any.
    pub last_order: Option<NaiveDate>,
    /// When the account was created (churn counts from here when it never ordered).
    pub created: NaiveDate,
}

impl OrderStats {
    /// Sums `orders` for the window of `reference`. Orders outside the window are left out of
    /// revenue and margin; orders after `reference` are ignored entirely (see the module notes).
    pub fn from_orders<'a>(
        created: NaiveDate,
        reference: NaiveDate,
        orders: impl IntoIterator<Item = &'a Order>,
    ) -> Self {
        let (start, _) = window(reference);
        let mut stats = OrderStats {
            monthly_revenue: [Decimal::ZERO; WINDOW_MONTHS],
            margin: Decimal::ZERO,
            last_order: None,
            created,
        };
        for order in orders.into_iter().filter(|o| o.date <= reference) {
            stats.last_order = stats.last_order.max(Some(order.date));
            if let Some(m) = month_index(start, order.date) {
                stats.monthly_revenue[m] += order.amount;
                stats.margin += order.margin;
            }
        }
        stats
    }

    /// Revenue over the whole window.
    pub fn revenue(&self) -> Decimal {
        self.monthly_revenue.iter().sum()
    }
}

/// ABC classes of the client base's accounts, given as `(id, revenue in the window)`; the result
/// is in input order.
///
/// Sorted by revenue descending, ties by id (byte order); with `before` the revenue ranked above
/// an account and `total` the sum: A if revenue > 0 and before < a % of total, B if revenue > 0
/// and before < b % of total, C otherwise. Compared as `before · 100 < pct · total`, exact.
pub fn abc(revenues: &[(&str, Decimal)], settings: &Settings) -> Vec<Abc> {
    abc_places(revenues, settings)
        .into_iter()
        .map(|p| p.class)
        .collect()
}

/// An account's place in the ABC ranking of the client base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbcPlace {
    /// Its class.
    pub class: Abc,
    /// The revenue of the accounts ranked above it (what its class is decided on, see
    /// [`abc_class`]).
    pub before: Decimal,
}

/// [`abc`] with the revenue ranked above each account: what the recompute stores so that a page
/// about one account explains its class by reading that account's row alone.
pub fn abc_places(revenues: &[(&str, Decimal)], settings: &Settings) -> Vec<AbcPlace> {
    let total: Decimal = revenues.iter().map(|&(_, r)| r).sum();
    let mut places = vec![
        AbcPlace {
            class: Abc::C,
            before: Decimal::ZERO,
        };
        revenues.len()
    ];
    let mut order: Vec<usize> = (0..revenues.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        revenues[b]
            .1
            .cmp(&revenues[a].1)
            .then_with(|| revenues[a].0.cmp(revenues[b].0))
            .then_with(|| a.cmp(&b))
    });
    let mut before = Decimal::ZERO;
    for i in order {
        let revenue = revenues[i].1;
        places[i] = AbcPlace {
            class: abc_class(revenue, before, total, settings),
            before,
        };
        before += revenue;
    }
    places
}

/// The ABC class of one account of the base from the figures behind it: its `revenue`, the
/// revenue of the accounts ranked above it (`before`, see [`abc`]) and the base's `total`. What
/// [`abc`] decides for each account, for a page that explains one account's class.
pub fn abc_class(revenue: Decimal, before: Decimal, total: Decimal, settings: &Settings) -> Abc {
    if total <= Decimal::ZERO || revenue <= Decimal::ZERO {
        return Abc::C;
    }
    let share_below = |pct: Decimal| match (
        before.checked_mul(Decimal::ONE_HUNDRED),
        pct.checked_mul(total),
    ) {
        (Some(l), Some(r)) => l < r,
        // Only near Decimal::MAX: divide instead, losing the last digit.
        _ => before / total * Decimal::ONE_HUNDRED < pct,
    };
    if share_below(settings.abc_a_pct) {
        Abc::A
    } else if share_below(settings.abc_b_pct) {
        Abc::B
    } else {
        Abc::C
    }
}

/// XYZ class of twelve monthly revenues: CV = population standard deviation / mean; X if
/// CV ≤ `xyz_x_cv`, Y if CV ≤ `xyz_y_cv`, else Z; `None` when the mean is zero or below (no
/// orders; see the module notes).
///
/// The comparison is exact: with `M = Σ r` and `Q = Σ r²` over the months (as integers at a
/// common scale), CV² = (12·Q − M²) / M², so `CV ≤ t` is `(12·Q − M²) ≤ t²·M²`, compared in
/// `i128`. That fits for monthly totals up to about 10^12 in money with two decimals and
/// thresholds with up to three decimals (what the settings table stores). Beyond, it falls back
/// to `f64`, whose relative error of about 10^-15 can only matter for a CV within that distance
/// of a threshold.
pub fn xyz(monthly: &[Decimal; WINDOW_MONTHS], settings: &Settings) -> Option<Xyz> {
    let spread = Spread::of(monthly)?;
    Some(if spread.cv_at_most(settings.xyz_x_cv) {
        Xyz::X
    } else if spread.cv_at_most(settings.xyz_y_cv) {
        Xyz::Y
    } else {
        Xyz::Z
    })
}

/// The coefficient of variation of twelve monthly revenues, for display only (classes use the
/// exact comparison of [`xyz`]); `None` when the mean is zero or below.
pub fn cv(monthly: &[Decimal; WINDOW_MONTHS]) -> Option<f64> {
    let cv = float_cv(monthly);
    (cv.is_finite() && monthly.iter().sum::<Decimal>() > Decimal::ZERO).then_some(cv)
}

/// CV in floating point; NaN or infinite when the mean is not positive.
fn float_cv(monthly: &[Decimal; WINDOW_MONTHS]) -> f64 {
    let values = monthly.map(|r| r.to_f64().unwrap_or(0.0));
    let n = WINDOW_MONTHS as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    if mean > 0.0 {
        variance.sqrt() / mean
    } else {
        f64::NAN
    }
}

/// What [`xyz`] needs to compare a CV with a threshold.
enum Spread {
    /// `12·Q − M²` and `M²`, in integers at a common scale: CV² is their ratio.
    Exact { deviation: i128, mean_square: i128 },
    /// The CV in floating point, when the integers would overflow.
    Float(f64),
}

impl Spread {
    fn of(monthly: &[Decimal; WINDOW_MONTHS]) -> Option<Spread> {
        let Some((q, m)) = Self::moments(monthly) else {
            let cv = float_cv(monthly);
            return cv.is_finite().then_some(Spread::Float(cv));
        };
        if m <= 0 {
            return None;
        }
        let exact = m.checked_mul(m).and_then(|m2| {
            let deviation = q.checked_mul(12)?.checked_sub(m2)?;
            Some(Spread::Exact {
                deviation,
                mean_square: m2,
            })
        });
        Some(exact.unwrap_or_else(|| Spread::Float(float_cv(monthly))))
    }

    /// `(Q, M)`: the sum of squares and the sum of the monthly revenues as integers at their
    /// largest scale, or `None` if that overflows.
    fn moments(monthly: &[Decimal; WINDOW_MONTHS]) -> Option<(i128, i128)> {
        let scale = monthly.iter().map(Decimal::scale).max().unwrap_or(0);
        let mut q: i128 = 0;
        let mut m: i128 = 0;
        for r in monthly {
            let v = r
                .mantissa()
                .checked_mul(10i128.checked_pow(scale - r.scale())?)?;
            m = m.checked_add(v)?;
            q = q.checked_add(v.checked_mul(v)?)?;
        }
        Some((q, m))
    }

    fn cv_at_most(&self, threshold: Decimal) -> bool {
        if threshold < Decimal::ZERO {
            return false;
        }
        let float = |cv: f64| cv <= threshold.to_f64().unwrap_or(f64::MAX);
        match *self {
            Spread::Exact {
                deviation,
                mean_square,
            } => {
                let t = threshold.mantissa();
                let exact = 10i128
                    .checked_pow(2 * threshold.scale())
                    .and_then(|p| deviation.checked_mul(p))
                    .zip(t.checked_mul(t).and_then(|t2| t2.checked_mul(mean_square)));
                match exact {
                    Some((lhs, rhs)) => lhs <= rhs,
                    None => {
                        // Only for thresholds with many decimals: compare CV² in floating point.
                        let cv2 = deviation as f64 / mean_square as f64;
                        float(cv2.sqrt())
                    }
                }
            }
            Spread::Float(cv) => float(cv),
        }
    }
}

/// Churn state at `reference`: days since the last order (or since creation when there is none),
/// at risk when more than `at_risk_days`, a lost candidate when more than `lost_days`.
pub fn churn(stats: &OrderStats, reference: NaiveDate, settings: &Settings) -> Churn {
    let since = stats.last_order.unwrap_or(stats.created);
    let days = (reference - since).num_days();
    if days > i64::from(settings.lost_days) {
        Churn::LostCandidate
    } else if days > i64::from(settings.at_risk_days) {
        Churn::AtRisk
    } else {
        Churn::Ok
    }
}

/// Whether an account's window margin is at least `breadwinner_pct` % of `total_margin`, the
/// window margin of all accounts. Never when the total is zero or below.
pub fn breadwinner(margin: Decimal, total_margin: Decimal, settings: &Settings) -> bool {
    if total_margin <= Decimal::ZERO {
        return false;
    }
    match (
        margin.checked_mul(Decimal::ONE_HUNDRED),
        settings.breadwinner_pct.checked_mul(total_margin),
    ) {
        (Some(l), Some(r)) => l >= r,
        _ => margin / total_margin * Decimal::ONE_HUNDRED >= settings.breadwinner_pct,
    }
}

/// Whether a key account is prospective: its revenue in the window is below 25 % of its annual
/// potential.
pub fn prospective(key: bool, revenue: Decimal, potential: Decimal) -> bool {
    key && match revenue.checked_mul(Decimal::from(4)) {
        Some(four_times) => four_times < potential,
        None => revenue < potential / Decimal::from(4),
    }
}

/// Every analysis of one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    /// ABC class; `None` outside the client base.
    pub abc: Option<Abc>,
    /// The revenue of the base's accounts ranked above it in ABC; `None` outside the base.
    pub abc_before: Option<Decimal>,
    /// XYZ class; `None` without revenue in the window.
    pub xyz: Option<Xyz>,
    /// Churn state at the reference date.
    pub churn: Churn,
    /// Gives at least `breadwinner_pct` % of all margin in the window.
    pub breadwinner: bool,
    /// Key, and buying less than a quarter of its potential.
    pub prospective: bool,
}

/// Runs every analysis for a snapshot: `inputs` are the accounts with their stats for
/// `window(reference)`, and `outcome` is `score_accounts` over the same accounts in the same
/// order (it says which are key). The result is in input order.
pub fn analyse(
    inputs: &[(AccountInput, OrderStats)],
    outcome: &ScoringOutcome,
    reference: NaiveDate,
    settings: &Settings,
) -> Vec<Analysis> {
    debug_assert_eq!(inputs.len(), outcome.results.len());
    let base: Vec<usize> = (0..inputs.len())
        .filter(|&i| inputs[i].0.status.in_base())
        .collect();
    let base_revenues: Vec<(&str, Decimal)> = base
        .iter()
        .map(|&i| (inputs[i].0.id.as_str(), inputs[i].1.revenue()))
        .collect();
    let mut abc_of = vec![None; inputs.len()];
    for (&i, place) in base.iter().zip(abc_places(&base_revenues, settings)) {
        abc_of[i] = Some(place);
    }
    let total_margin: Decimal = inputs.iter().map(|(_, s)| s.margin).sum();

    inputs
        .iter()
        .enumerate()
        .map(|(i, (account, stats))| {
            // A missing result (a caller mixing up snapshots) is treated as not key.
            let key = outcome.results.get(i).is_some_and(|r| r.key);
            Analysis {
                abc: abc_of[i].map(|p| p.class),
                abc_before: abc_of[i].map(|p| p.before),
                xyz: xyz(&stats.monthly_revenue, settings),
                churn: churn(stats, reference, settings),
                breadwinner: breadwinner(stats.margin, total_margin, settings),
                // `key &&` first: summing the revenue is wasted on the other 80 %.
                prospective: key && prospective(key, stats.revenue(), account.potential),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::{DecisionMaking, Pin, Status, score_accounts};
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn months(values: [&str; 12]) -> [Decimal; 12] {
        values.map(d)
    }

    fn stats(monthly: [Decimal; 12], margin: &str, last: Option<&str>) -> OrderStats {
        OrderStats {
            monthly_revenue: monthly,
            margin: d(margin),
            last_order: last.map(date),
            created: date("2020-01-01"),
        }
    }

    #[test]
    fn the_window_is_the_twelve_full_months_before_the_reference_month() {
        assert_eq!(
            window(date("2026-11-15")),
            (date("2025-11-01"), date("2026-10-31"))
        );
        assert_eq!(
            window(date("2026-01-01")),
            (date("2025-01-01"), date("2025-12-31"))
        );
        assert_eq!(
            window(date("2024-03-31")),
            (date("2023-03-01"), date("2024-02-29"))
        );
    }

    #[test]
    fn month_index_counts_calendar_months_from_the_window_start() {
        let (start, end) = window(date("2026-11-15"));
        assert_eq!(month_index(start, start), Some(0));
        assert_eq!(month_index(start, date("2025-11-30")), Some(0));
        assert_eq!(month_index(start, date("2025-12-01")), Some(1));
        assert_eq!(month_index(start, date("2026-02-28")), Some(3));
        assert_eq!(month_index(start, end), Some(11));
        assert_eq!(month_index(start, date("2025-10-31")), None);
        assert_eq!(month_index(start, date("2026-11-01")), None);
    }

    #[test]
    fn from_orders_sums_the_window_and_finds_the_last_order_up_to_the_reference() {
        let reference = date("2026-11-15");
        let order = |day: &str, amount: &str, margin: &str| Order {
            date: date(day),
            amount: d(amount),
            margin: d(margin),
        };
        let orders = [
            order("2025-10-31", "999", "99"), // before the window
            order("2025-11-01", "100", "10"), // month 0
            order("2025-11-20", "50", "5"),   // month 0
            order("2026-10-31", "200", "20"), // month 11
            order("2026-11-10", "300", "30"), // reference month: recent, not in the window
            order("2026-12-01", "400", "40"), // after the reference: ignored
        ];
        let s = OrderStats::from_orders(date("2020-05-05"), reference, &orders);
        assert_eq!(s.monthly_revenue[0], d("150"));
        assert_eq!(s.monthly_revenue[11], d("200"));
        assert_eq!(s.revenue(), d("350"));
        assert_eq!(s.margin, d("35"));
        assert_eq!(s.last_order, Some(date("2026-11-10")));
        assert_eq!(s.created, date("2020-05-05"));
    }

    fn abc_of(rows: &[(&str, &str)]) -> Vec<Abc> {
        let rows: Vec<(&str, Decimal)> = rows.iter().map(|&(id, r)| (id, d(r))).collect();
        abc(&rows, &Settings::default())
    }

    #[test]
    fn abc_classes_by_the_share_of_revenue_ranked_above() {
        // Total 1000. before: big 0 (A), mid 700 → 70 % (A), small 850 → 85 % (B),
        // tiny 950 → 95 % is not below 95 (C), none → C.
        assert_eq!(
            abc_of(&[
                ("small", "100"),
                ("big", "700"),
                ("mid", "150"),
                ("tiny", "50"),
                ("none", "0")
            ]),
            [Abc::B, Abc::A, Abc::A, Abc::C, Abc::C]
        );
    }

    #[test]
    fn abc_boundaries_are_strict_and_ties_go_by_id() {
        // Equal revenues rank by id, so "e" has 80 % above it and is B; the others are A.
        assert_eq!(
            abc_of(&[
                ("c", "100"),
                ("b", "100"),
                ("e", "100"),
                ("a", "100"),
                ("d", "100")
            ]),
            [Abc::A, Abc::A, Abc::B, Abc::A, Abc::A]
        );
        // Exactly 80 % above is not below 80 %: B.
        let mut result = abc_of(&[("x", "80"), ("y", "20")]);
        assert_eq!(result, [Abc::A, Abc::B]);
        result = abc_of(&[("x", "79.99"), ("y", "20.01")]);
        assert_eq!(result, [Abc::A, Abc::A]);
    }

    #[test]
    fn abc_without_revenue_is_all_c() {
        assert_eq!(abc_of(&[("a", "0"), ("b", "0")]), [Abc::C, Abc::C]);
        assert_eq!(abc_of(&[("a", "-5"), ("b", "5")]), [Abc::C, Abc::C]);
        assert_eq!(abc_of(&[]), []);
    }

    #[test]
    fn xyz_classes_steady_fluctuating_and_irregular_revenue() {
        let s = Settings::default();
        let flat = [d("100"); 12];
        assert_eq!(xyz(&flat, &s), Some(Xyz::X));
        assert_eq!(cv(&flat), Some(0.0));
        // One order in twelve months: CV = √11 ≈ 3.32.
        let mut once = [Decimal::ZERO; 12];
        once[4] = d("1200");
        assert_eq!(xyz(&once, &s), Some(Xyz::Z));
        assert!((cv(&once).unwrap() - 11f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn xyz_thresholds_are_inclusive_and_exact() {
        let s = Settings::default();
        // Six months at 90 and six at 110: mean 100, σ 10, CV exactly 0.10 → X.
        let x = months([
            "90", "110", "90", "110", "90", "110", "90", "110", "90", "110", "90", "110",
        ]);
        assert_eq!(xyz(&x, &s), Some(Xyz::X));
        // 75 / 125: CV exactly 0.25 → Y.
        let y = months([
            "75", "125", "75", "125", "75", "125", "75", "125", "75", "125", "75", "125",
        ]);
        assert_eq!(xyz(&y, &s), Some(Xyz::Y));
        // A cent further apart on each side tips each one over.
        let just_over_x = months([
            "89.99", "110.01", "89.99", "110.01", "89.99", "110.01", "89.99", "110.01", "89.99",
            "110.01", "89.99", "110.01",
        ]);
        assert_eq!(xyz(&just_over_x, &s), Some(Xyz::Y));
        let just_over_y = months([
            "74.99", "125.01", "74.99", "125.01", "74.99", "125.01", "74.99", "125.01", "74.99",
            "125.01", "74.99", "125.01",
        ]);
        assert_eq!(xyz(&just_over_y, &s), Some(Xyz::Z));
    }

    #[test]
    fn xyz_has_no_class_without_revenue() {
        let s = Settings::default();
        assert_eq!(xyz(&[Decimal::ZERO; 12], &s), None);
        let mut refund = [Decimal::ZERO; 12];
        refund[0] = d("100");
        refund[1] = d("-100");
        assert_eq!(xyz(&refund, &s), None);
        assert_eq!(cv(&refund), None);
    }

    #[test]
    fn xyz_falls_back_to_floating_point_for_huge_amounts() {
        let s = Settings::default();
        let huge = [d("79228162514264337593543950"); 12];
        assert_eq!(xyz(&huge, &s), Some(Xyz::X));
        let mut spiky = huge;
        spiky[0] = Decimal::ZERO;
        assert_eq!(xyz(&spiky, &s), Some(Xyz::Z));
        // A threshold with 28 decimals overflows the exact comparison too.
        let fine = Settings {
            xyz_x_cv: d("0.1000000000000000000000000001"),
            ..Settings::default()
        };
        let x = months([
            "90", "110", "90", "110", "90", "110", "90", "110", "90", "110", "90", "110",
        ]);
        assert_eq!(xyz(&x, &fine), Some(Xyz::X));
        assert_eq!(xyz(&once_a_year(), &fine), Some(Xyz::Z));
    }

    fn once_a_year() -> [Decimal; 12] {
        let mut once = [Decimal::ZERO; 12];
        once[4] = d("1200");
        once
    }

    #[test]
    fn churn_counts_days_since_the_last_order_strictly_above_the_thresholds() {
        let s = Settings::default();
        let reference = date("2026-11-15");
        let at = |last: &str| churn(&stats([Decimal::ZERO; 12], "0", Some(last)), reference, &s);
        assert_eq!(at("2026-09-16"), Churn::Ok); // 60 days
        assert_eq!(at("2026-09-15"), Churn::AtRisk); // 61 days
        assert_eq!(at("2026-05-19"), Churn::AtRisk); // 180 days
        assert_eq!(at("2026-05-18"), Churn::LostCandidate); // 181 days
        assert_eq!(at("2026-12-01"), Churn::Ok); // a future date is not churn
    }

    #[test]
    fn churn_without_orders_counts_from_creation() {
        let s = Settings::default();
        let mut st = stats([Decimal::ZERO; 12], "0", None);
        st.created = date("2026-10-01");
        assert_eq!(churn(&st, date("2026-11-15"), &s), Churn::Ok);
        st.created = date("2025-01-01");
        assert_eq!(churn(&st, date("2026-11-15"), &s), Churn::LostCandidate);
    }

    #[test]
    fn breadwinner_is_at_least_its_share_of_all_margin() {
        let s = Settings::default();
        assert!(breadwinner(d("100"), d("1000"), &s));
        assert!(!breadwinner(d("99.99"), d("1000"), &s));
        assert!(!breadwinner(d("0"), d("0"), &s));
        assert!(!breadwinner(d("10"), d("-5"), &s));
    }

    #[test]
    fn prospective_is_key_and_below_a_quarter_of_potential() {
        assert!(prospective(true, d("249.99"), d("1000")));
        assert!(!prospective(true, d("250"), d("1000")));
        assert!(!prospective(false, d("0"), d("1000")));
        assert!(!prospective(true, d("0"), d("0")));
    }

    #[test]
    fn class_names_round_trip() {
        for &c in Abc::ALL {
            assert_eq!(Abc::from_str(c.as_str()).unwrap(), c);
        }
        for &c in Xyz::ALL {
            assert_eq!(Xyz::from_str(c.as_str()).unwrap(), c);
        }
        for &c in Churn::ALL {
            assert_eq!(Churn::from_str(c.as_str()).unwrap(), c);
        }
        assert_eq!(Churn::LostCandidate.to_string(), "lost_candidate");
    }

    fn input(id: &str, status: Status, potential: &str, importance: u8) -> AccountInput {
        AccountInput {
            id: id.to_owned(),
            status,
            potential: d(potential),
            strategic_importance: importance,
            pin: Pin::None,
            decision_making: DecisionMaking::Centralized,
            locations: Vec::new(),
        }
    }

    #[test]
    fn analyse_puts_every_analysis_together_in_input_order() {
        let reference = date("2026-11-15");
        let flat = |v: &str| [d(v); 12];
        let inputs = vec![
            // Key (N = 5, C = 1), buying 1200 a year of a 10000 potential: prospective.
            (
                input("star", Status::Active, "10000", 5),
                stats(flat("100"), "50", Some("2026-10-20")),
            ),
            (
                input("steady", Status::Active, "100", 0),
                stats(flat("1000"), "900", Some("2026-10-30")),
            ),
            (
                input("quiet", Status::Prospect, "100", 0),
                stats([Decimal::ZERO; 12], "0", None),
            ),
            // Lost: no ABC class, but churn, XYZ and breadwinner still computed.
            (
                input("gone", Status::Lost, "0", 0),
                stats(flat("10"), "50", Some("2026-01-01")),
            ),
            (
                input("a", Status::Active, "0", 0),
                stats([Decimal::ZERO; 12], "0", None),
            ),
            (
                input("b", Status::Active, "0", 0),
                stats([Decimal::ZERO; 12], "0", None),
            ),
        ];
        let accounts: Vec<AccountInput> = inputs.iter().map(|(a, _)| a.clone()).collect();
        let settings = Settings::default();
        let outcome = score_accounts(&accounts, &settings);
        assert!(outcome.results[0].key);
        let result = analyse(&inputs, &outcome, reference, &settings);

        let abcs: Vec<_> = result.iter().map(|r| r.abc).collect();
        assert_eq!(
            abcs,
            [
                Some(Abc::B), // 12000 of 13200 ranked above it: 90.9 %
                Some(Abc::A),
                Some(Abc::C),
                None,
                Some(Abc::C),
                Some(Abc::C)
            ]
        );
        assert_eq!(result[0].xyz, Some(Xyz::X));
        assert_eq!(result[2].xyz, None);
        assert_eq!(result[3].xyz, Some(Xyz::X));
        assert!(result[0].prospective);
        assert!(!result[1].prospective); // not key
        // Margin total 1000 (lost accounts included): only steady's 900 reaches 10 %.
        let breadwinners: Vec<_> = result.iter().map(|r| r.breadwinner).collect();
        assert_eq!(breadwinners, [false, true, false, false, false, false]);
        assert_eq!(result[0].churn, Churn::Ok);
        assert_eq!(result[2].churn, Churn::LostCandidate); // created 2020, never ordered
        assert_eq!(result[3].churn, Churn::LostCandidate);
    }

    fn arb_revenues() -> impl Strategy<Value = Vec<(String, Decimal)>> {
        prop::collection::vec(
            prop_oneof![Just(0i64), 0i64..1_000_000, Just(50_000)],
            0..30,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, cents)| (format!("id{i}"), Decimal::new(cents, 2)))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn abc_classes_follow_revenue_and_cover_the_thresholds(rows in arb_revenues()) {
            let refs: Vec<(&str, Decimal)> = rows.iter().map(|(id, r)| (id.as_str(), *r)).collect();
            let classes = abc(&refs, &Settings::default());
            // A higher revenue never gets a worse class.
            for (i, a) in refs.iter().enumerate() {
                for (j, b) in refs.iter().enumerate() {
                    if a.1 > b.1 {
                        prop_assert!(classes[i].as_str() <= classes[j].as_str());
                    }
                }
            }
            // The A accounts' revenue reaches 80 % of the total unless every account is A.
            let total: Decimal = refs.iter().map(|r| r.1).sum();
            let a_sum: Decimal = refs.iter().zip(&classes).filter(|(_, c)| **c == Abc::A).map(|(r, _)| r.1).sum();
            let positive = refs.iter().filter(|r| r.1 > Decimal::ZERO).count();
            let a_count = classes.iter().filter(|c| **c == Abc::A).count();
            if total > Decimal::ZERO && a_count < positive {
                prop_assert!(a_sum * Decimal::ONE_HUNDRED >= d("80") * total);
            }
        }

        #[test]
        fn one_accounts_class_from_its_figures_is_the_class_of_the_whole_ranking(rows in arb_revenues()) {
            let refs: Vec<(&str, Decimal)> = rows.iter().map(|(id, r)| (id.as_str(), *r)).collect();
            let classes = abc(&refs, &Settings::default());
            let total: Decimal = refs.iter().map(|r| r.1).sum();
            let places = abc_places(&refs, &Settings::default());
            for (i, (id, revenue)) in refs.iter().enumerate() {
                // Ranked above: more revenue, or as much and a smaller id (what the recompute
                // stores beside the class).
                let before: Decimal = refs
                    .iter()
                    .filter(|(o, r)| r > revenue || (r == revenue && o < id))
                    .map(|r| r.1)
                    .sum();
                prop_assert_eq!(places[i].before, before);
                prop_assert_eq!(places[i].class, classes[i]);
                prop_assert_eq!(abc_class(*revenue, before, total, &Settings::default()), classes[i]);
            }
        }

        #[test]
        fn xyz_does_not_depend_on_month_order_or_scale(
            cents in prop::array::uniform12(0i64..100_000),
            factor in 1i64..1000,
        ) {
            let s = Settings::default();
            let monthly = cents.map(|c| Decimal::new(c, 2));
            let mut reversed = monthly;
            reversed.reverse();
            let scaled = monthly.map(|m| m * Decimal::from(factor));
            prop_assert_eq!(xyz(&monthly, &s), xyz(&reversed, &s));
            prop_assert_eq!(xyz(&monthly, &s), xyz(&scaled, &s));
            // The exact class agrees with the floating CV away from the thresholds.
            if let Some(cv) = cv(&monthly) {
                let class = xyz(&monthly, &s).unwrap();
                if (cv - 0.10).abs() > 1e-9 && (cv - 0.25).abs() > 1e-9 {
                    let want = if cv <= 0.10 { Xyz::X } else if cv <= 0.25 { Xyz::Y } else { Xyz::Z };
                    prop_assert_eq!(class, want);
                }
            }
        }

        #[test]
        fn every_order_in_the_window_lands_in_exactly_one_month(
            offset in 0i64..2000, reference_offset in 0i64..2000
        ) {
            let base = date("2024-01-01");
            let reference = base + chrono::Days::new(reference_offset as u64);
            let day = base + chrono::Days::new(offset as u64);
            let (start, end) = window(reference);
            let inside = start <= day && day <= end;
            prop_assert_eq!(month_index(start, day).is_some(), inside);
            prop_assert_eq!(start.day(), 1);
            prop_assert_eq!(end.succ_opt().unwrap().day(), 1);
            prop_assert_eq!(end.succ_opt().unwrap().month(), reference.month());
        }
    }
}
