//! The meeting brief (issue 12): what a KAM reads before meeting a key client. The rules here
//! are the brief's own judgements over figures other areas keep: the order trend, and which
//! people are worth a line on one page.

use rust_decimal::Decimal;

/// Months compared by the trend: the latest `TREND_MONTHS` against the `TREND_MONTHS` before.
pub const TREND_MONTHS: usize = 3;

/// A change smaller than this (percent, either way) counts as flat.
pub const FLAT_PERCENT: i64 = 5;

/// People a one-page brief lists at most (the most relevant first); the rest are counted.
pub const MAX_PEOPLE: i64 = 8;

/// Attitude changes shown per person (the latest).
pub const ATTITUDE_STEPS: usize = 3;

/// Orders listed (the latest).
pub const LAST_ORDERS: i64 = 5;

/// Which way the client's orders go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// More than [`FLAT_PERCENT`] up.
    Up,
    /// Within [`FLAT_PERCENT`] either way.
    Flat,
    /// More than [`FLAT_PERCENT`] down.
    Down,
    /// No orders in either period: nothing to compare.
    Unknown,
}

impl Direction {
    /// The message key naming it.
    pub fn message_key(self) -> &'static str {
        match self {
            Direction::Up => "brief-trend-up",
            Direction::Flat => "brief-trend-flat",
            Direction::Down => "brief-trend-down",
            Direction::Unknown => "brief-trend-unknown",
        }
    }
}

/// The order trend: the latest months' revenue against the months before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    /// Revenue of the latest [`TREND_MONTHS`] months.
    pub recent: Decimal,
    /// Revenue of the [`TREND_MONTHS`] months before.
    pub before: Decimal,
    /// The change in percent (None when there was nothing before).
    pub change: Option<Decimal>,
    /// Which way.
    pub direction: Direction,
}

/// The trend of `monthly` revenue (oldest first; the analysis window's months).
pub fn trend(monthly: &[Decimal]) -> Trend {
    let n = monthly.len();
    let sum = |from: usize, to: usize| -> Decimal { monthly[from..to].iter().copied().sum() };
    let recent = sum(n.saturating_sub(TREND_MONTHS), n);
    let before = sum(
        n.saturating_sub(2 * TREND_MONTHS),
        n.saturating_sub(TREND_MONTHS),
    );
    let change = (!before.is_zero())
        .then(|| ((recent - before) / before * Decimal::ONE_HUNDRED).round_dp(0));
    let flat = Decimal::from(FLAT_PERCENT);
    let direction = match change {
        None if recent.is_zero() => Direction::Unknown,
        None => Direction::Up,
        Some(c) if c > flat => Direction::Up,
        Some(c) if c < -flat => Direction::Down,
        Some(_) => Direction::Flat,
    };
    Trend {
        recent,
        before,
        change,
        direction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|v| Decimal::from(*v)).collect()
    }

    #[test]
    fn the_trend_compares_the_latest_three_months_with_the_three_before() {
        let t = trend(&months(&[999, 0, 0, 0, 0, 0, 100, 100, 100, 50, 50, 50]));
        assert_eq!(
            (t.recent, t.before),
            (Decimal::from(150), Decimal::from(300))
        );
        assert_eq!(t.change, Some(Decimal::from(-50)));
        assert_eq!(t.direction, Direction::Down);
        let up = trend(&months(&[0, 0, 0, 0, 0, 0, 100, 100, 100, 110, 110, 110]));
        assert_eq!(up.direction, Direction::Up);
    }

    #[test]
    fn a_small_change_is_flat_and_no_orders_is_unknown() {
        let flat = trend(&months(&[0, 0, 0, 0, 0, 0, 100, 100, 100, 104, 100, 100]));
        assert_eq!(flat.direction, Direction::Flat);
        assert_eq!(trend(&months(&[0; 12])).direction, Direction::Unknown);
        let fresh = trend(&months(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10]));
        assert_eq!((fresh.direction, fresh.change), (Direction::Up, None));
        assert_eq!(
            trend(&months(&[5])).recent,
            Decimal::from(5),
            "a short window"
        );
    }
}
