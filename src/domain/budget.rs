//! The KAM budget (issue 12): per key client and year, the planned cost of serving it against
//! the planned and the actual margin. Pure arithmetic over typed money.

use crate::domain::money::Money;
use rust_decimal::Decimal;

/// One client's budget for a year, every amount parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Our people's time spent on the client.
    pub people: Money,
    /// Marketing support.
    pub marketing: Money,
    /// Discounts granted.
    pub discounts: Money,
    /// Logistics.
    pub logistics: Money,
    /// The margin we plan to earn on the client.
    pub planned_margin: Option<Money>,
    /// The margin earned (filled in as the year goes).
    pub actual_margin: Option<Money>,
}

impl Budget {
    /// The planned cost of serving the client.
    pub fn cost(&self) -> Decimal {
        [self.people, self.marketing, self.discounts, self.logistics]
            .iter()
            .map(|m| m.get())
            .sum()
    }

    /// The planned margin left after the cost (negative: the client costs more than it earns).
    pub fn planned_net(&self) -> Option<Decimal> {
        self.planned_margin.map(|m| m.get() - self.cost())
    }

    /// The actual margin left after the cost.
    pub fn actual_net(&self) -> Option<Decimal> {
        self.actual_margin.map(|m| m.get() - self.cost())
    }

    /// The cost in percent of the planned margin (None without a positive planned margin).
    pub fn cost_share(&self) -> Option<Decimal> {
        share(self.cost(), self.planned_margin.map(Money::get))
    }

    /// The actual margin in percent of the planned one (None until an actual is recorded).
    pub fn margin_reached(&self) -> Option<Decimal> {
        let actual = self.actual_margin?;
        share(actual.get(), self.planned_margin.map(Money::get))
    }
}

/// `part` in percent of `whole`, one decimal; None when `whole` is missing or zero.
pub fn share(part: Decimal, whole: Option<Decimal>) -> Option<Decimal> {
    let whole = whole.filter(|w| !w.is_zero())?;
    Some(
        (part / whole * Decimal::ONE_HUNDRED)
            .round_dp(1)
            .normalize(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: i64) -> Money {
        Money::new(Decimal::from(v)).unwrap()
    }

    fn budget(planned: Option<i64>, actual: Option<i64>) -> Budget {
        Budget {
            people: m(400),
            marketing: m(100),
            discounts: m(300),
            logistics: m(200),
            planned_margin: planned.map(m),
            actual_margin: actual.map(m),
        }
    }

    #[test]
    fn the_cost_is_the_sum_of_its_four_parts() {
        assert_eq!(budget(None, None).cost(), Decimal::from(1000));
    }

    #[test]
    fn what_is_left_of_the_margin_may_be_negative() {
        let b = budget(Some(4000), Some(800));
        assert_eq!(b.planned_net(), Some(Decimal::from(3000)));
        assert_eq!(b.actual_net(), Some(Decimal::from(-200)));
        assert_eq!(b.cost_share(), Some(Decimal::from(25)));
        assert_eq!(b.margin_reached(), Some(Decimal::from(20)));
    }

    #[test]
    fn without_a_margin_there_is_no_share_or_net() {
        let b = budget(None, None);
        assert_eq!(b.planned_net(), None);
        assert_eq!(b.cost_share(), None);
        assert_eq!(b.margin_reached(), None);
        assert_eq!(budget(Some(0), Some(5)).cost_share(), None);
        assert_eq!(budget(Some(100), None).margin_reached(), None);
    }
}
