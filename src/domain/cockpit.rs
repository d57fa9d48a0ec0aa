//! The sales director's cockpit: the figures about the whole client base that the recompute
//! keeps beside the key list (so that no page counts 100,000 accounts per request): the Pareto
//! curve of potential with the key clients placed on it, key clients' share of the last 12
//! months' sales against the band the literature gives, and clients and key clients per league
//! and per ABC-XYZ cell.

use super::analysis::{Abc, Xyz};
use super::league::League;
use rust_decimal::Decimal;

/// Points of the Pareto curve: one per percent of clients, 0 % to 100 %.
pub const PARETO_POINTS: usize = 101;

/// Key clients' share of sales that the literature finds normal: 30-55 % (in percent).
pub const KEY_SALES_BAND: (u32, u32) = (30, 55);

/// One client of the base as the cockpit counts it.
#[derive(Debug, Clone, Copy)]
pub struct BaseClient {
    /// Potential used by the scoring.
    pub potential: Decimal,
    /// Whether it is key.
    pub is_key: bool,
    /// Sales of the last 12 months.
    pub sales_12m: Decimal,
    /// Current league (none without locations).
    pub league: Option<League>,
    /// ABC class (none without sales).
    pub abc: Option<Abc>,
    /// XYZ class (none without sales).
    pub xyz: Option<Xyz>,
    /// Flagged as a churn risk.
    pub at_risk: bool,
}

/// Clients and key clients in one bucket (a league, an ABC-XYZ cell).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Clients of the base.
    pub clients: i32,
    /// Key clients among them.
    pub key_clients: i32,
}

/// The whole-base figures of the cockpit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseFigures {
    /// Share of the total potential (0 to 1, 4 decimals) held by the first i % of clients
    /// ranked by potential, for i = 0..=100.
    pub pareto: Vec<Decimal>,
    /// Key clients among the clients of each percent (i = 0..100) of that ranking.
    pub pareto_key: Vec<i32>,
    /// Sales of the last 12 months, all clients of the base.
    pub sales_12m: Decimal,
    /// Sales of the last 12 months of the key clients.
    pub key_sales_12m: Decimal,
    /// Key clients flagged as churn risks.
    pub key_at_risk: i32,
    /// Clients and key clients per league; `None` is "no league".
    pub leagues: Vec<(Option<League>, Count)>,
    /// Clients and key clients per ABC-XYZ cell (classified clients only).
    pub abc_xyz: Vec<((Abc, Xyz), Count)>,
}

impl BaseFigures {
    /// Computes the figures of a client base (the clients in the base only: prospects and
    /// active clients).
    pub fn of(clients: &[BaseClient]) -> BaseFigures {
        let mut by_potential: Vec<&BaseClient> = clients.iter().collect();
        // Ties keep the input order, so the curve is the same on every run.
        by_potential.sort_by_key(|c| std::cmp::Reverse(c.potential));
        let total: Decimal = clients.iter().map(|c| c.potential.max(Decimal::ZERO)).sum();
        let n = by_potential.len();
        let mut pareto = Vec::with_capacity(PARETO_POINTS);
        let mut pareto_key = vec![0; PARETO_POINTS - 1];
        let mut cumulative = Decimal::ZERO;
        let mut taken = 0;
        pareto.push(Decimal::ZERO);
        for percent in 1..PARETO_POINTS {
            // The first ceil(percent * n / 100) clients.
            let upto = (percent * n).div_ceil(100);
            for c in &by_potential[taken..upto] {
                cumulative += c.potential.max(Decimal::ZERO);
                if c.is_key {
                    pareto_key[percent - 1] += 1;
                }
            }
            taken = upto;
            pareto.push(if total.is_zero() {
                Decimal::ZERO
            } else {
                (cumulative / total).round_dp(4)
            });
        }
        let mut leagues: Vec<(Option<League>, Count)> = League::ALL
            .iter()
            .map(|l| (Some(*l), Count::default()))
            .chain([(None, Count::default())])
            .collect();
        let mut abc_xyz: Vec<((Abc, Xyz), Count)> = Abc::ALL
            .iter()
            .flat_map(|a| Xyz::ALL.iter().map(move |x| ((*a, *x), Count::default())))
            .collect();
        let (mut sales, mut key_sales, mut key_at_risk) = (Decimal::ZERO, Decimal::ZERO, 0);
        for c in clients {
            let add = |count: &mut Count| {
                count.clients += 1;
                count.key_clients += i32::from(c.is_key);
            };
            if let Some((_, count)) = leagues.iter_mut().find(|(l, _)| *l == c.league) {
                add(count);
            }
            if let (Some(a), Some(x)) = (c.abc, c.xyz)
                && let Some((_, count)) = abc_xyz.iter_mut().find(|(cell, _)| *cell == (a, x))
            {
                add(count);
            }
            sales += c.sales_12m;
            if c.is_key {
                key_sales += c.sales_12m;
                key_at_risk += i32::from(c.at_risk);
            }
        }
        BaseFigures {
            pareto,
            pareto_key,
            sales_12m: sales,
            key_sales_12m: key_sales,
            key_at_risk,
            leagues,
            abc_xyz,
        }
    }
}

/// Key clients' share of sales in percent (1 decimal); none without sales.
pub fn key_sales_pct(key_sales: Decimal, sales: Decimal) -> Option<Decimal> {
    (sales > Decimal::ZERO).then(|| (key_sales * Decimal::ONE_HUNDRED / sales).round_dp(1))
}

/// Where a share of sales stands against [`KEY_SALES_BAND`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Below 30 %: the key clients carry less than they should (or the wrong ones are key).
    Below,
    /// Within 30-55 %.
    Within,
    /// Above 55 %: dependence on a few clients.
    Above,
}

impl Band {
    /// The band of a share in percent.
    pub fn of(pct: Decimal) -> Band {
        let (low, high) = KEY_SALES_BAND;
        if pct < Decimal::from(low) {
            Band::Below
        } else if pct > Decimal::from(high) {
            Band::Above
        } else {
            Band::Within
        }
    }

    /// The stable name (CSS class and message key suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn client(potential: Decimal, is_key: bool) -> BaseClient {
        BaseClient {
            potential,
            is_key,
            sales_12m: Decimal::ZERO,
            league: None,
            abc: None,
            xyz: None,
            at_risk: false,
        }
    }

    #[test]
    fn the_pareto_curve_accumulates_the_largest_potentials_first() {
        // 4 clients: 60, 20, 10, 10 of 100. The first 25 % hold 60 %, the first 50 % 80 %.
        let base = [
            client(d("10"), false),
            client(d("60"), true),
            client(d("20"), false),
            client(d("10"), false),
        ];
        let f = BaseFigures::of(&base);
        assert_eq!(f.pareto.len(), PARETO_POINTS);
        assert_eq!(f.pareto[0], d("0"));
        assert_eq!(
            f.pareto[1],
            d("0.6"),
            "1 % of 4 clients rounds up to the first"
        );
        assert_eq!(f.pareto[25], d("0.6"));
        assert_eq!(f.pareto[26], d("0.8"));
        assert_eq!(f.pareto[50], d("0.8"));
        assert_eq!(f.pareto[100], d("1"));
        assert_eq!(f.pareto_key.iter().sum::<i32>(), 1);
        assert_eq!(
            f.pareto_key[0], 1,
            "the key client is the first by potential"
        );
    }

    #[test]
    fn an_empty_base_or_no_potential_gives_a_flat_curve() {
        assert!(BaseFigures::of(&[]).pareto.iter().all(|p| p.is_zero()));
        let f = BaseFigures::of(&[client(d("0"), false)]);
        assert!(f.pareto.iter().all(|p| p.is_zero()));
    }

    #[test]
    fn sales_leagues_and_cells_are_counted_for_all_and_for_key_clients() {
        let mut a = client(d("5"), true);
        a.sales_12m = d("40");
        a.league = Some(League::ALL[0]);
        a.abc = Some(Abc::A);
        a.xyz = Some(Xyz::X);
        a.at_risk = true;
        let mut b = client(d("5"), false);
        b.sales_12m = d("60");
        b.league = Some(League::ALL[0]);
        b.abc = Some(Abc::A);
        b.xyz = Some(Xyz::X);
        b.at_risk = true;
        let c = client(d("5"), false);
        let f = BaseFigures::of(&[a, b, c]);
        assert_eq!(
            (f.sales_12m, f.key_sales_12m, f.key_at_risk),
            (d("100"), d("40"), 1)
        );
        assert_eq!(key_sales_pct(f.key_sales_12m, f.sales_12m), Some(d("40.0")));
        let league = f
            .leagues
            .iter()
            .find(|(l, _)| *l == Some(League::ALL[0]))
            .unwrap()
            .1;
        assert_eq!(
            league,
            Count {
                clients: 2,
                key_clients: 1
            }
        );
        let none = f.leagues.iter().find(|(l, _)| l.is_none()).unwrap().1;
        assert_eq!(
            none,
            Count {
                clients: 1,
                key_clients: 0
            }
        );
        let ax = f
            .abc_xyz
            .iter()
            .find(|(cell, _)| *cell == (Abc::A, Xyz::X))
            .unwrap()
            .1;
        assert_eq!(
            ax,
            Count {
                clients: 2,
                key_clients: 1
            }
        );
        assert_eq!(f.abc_xyz.iter().map(|(_, c)| c.clients).sum::<i32>(), 2);
    }

    #[test]
    fn the_sales_band_is_30_to_55_percent_inclusive() {
        assert_eq!(Band::of(d("29.9")), Band::Below);
        assert_eq!(Band::of(d("30")), Band::Within);
        assert_eq!(Band::of(d("55")), Band::Within);
        assert_eq!(Band::of(d("55.1")), Band::Above);
        assert_eq!(key_sales_pct(d("1"), d("0")), None);
    }
}
