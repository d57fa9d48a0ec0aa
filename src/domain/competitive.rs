//! Competitive analysis from the client's point of view (issue 12): a grid of criteria that
//! matter to this client, each with a weight set from the client's perspective (the weights sum
//! to 100 %) and a score from 1 to 10 for us and for each competitor present at the client.
//!
//! Pure rules: what a grid may hold ([`Grid::refusals`]), whether it is complete (at least
//! [`MIN_CRITERIA`] criteria, as the literature asks), the weighted totals, where we win and
//! where we lose against the best competitor ([`Grid::verdicts`], the weak points first), and
//! the bar chart's layout ([`chart`]).

use rust_decimal::Decimal;

/// Criteria a complete grid has at least.
pub const MIN_CRITERIA: usize = 10;
/// Criteria a grid may have at most (the form's rows).
pub const MAX_CRITERIA: usize = 15;
/// Competitors a grid may compare us with at most (the form's columns).
pub const MAX_RIVALS: usize = 4;
/// The lowest and the highest score.
pub const SCORES: std::ops::RangeInclusive<u8> = 1..=10;

/// The criteria a new grid starts with (message keys; the form fills in their names in the
/// reader's language, and they are stored as typed).
pub const DEFAULT_CRITERIA: [&str; 10] = [
    "grid-criterion-price",
    "grid-criterion-quality",
    "grid-criterion-delivery",
    "grid-criterion-payment-terms",
    "grid-criterion-range",
    "grid-criterion-service",
    "grid-criterion-innovation",
    "grid-criterion-brand",
    "grid-criterion-ordering",
    "grid-criterion-relationship",
];

/// One criterion with its weight and the scores: `scores[0]` is ours, `scores[i]` the i-th
/// competitor's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// What the client looks at, as typed.
    pub name: String,
    /// Its weight in percent of the client's decision.
    pub weight: Decimal,
    /// Us first, then each competitor in the grid's order.
    pub scores: Vec<u8>,
}

/// A grid: the competitors' names and the criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The competitors present at the client, as typed.
    pub rivals: Vec<String>,
    /// The criteria.
    pub criteria: Vec<Criterion>,
}

/// Why a grid cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridRefusal {
    /// No criterion at all.
    NoCriteria,
    /// More criteria than the form holds.
    TooManyCriteria,
    /// No competitor to compare with.
    NoRivals,
    /// The weights do not sum to 100 %.
    WeightsSum,
    /// Two criteria share a name (row index of the second).
    DuplicateCriterion(usize),
    /// Two competitors share a name (column index of the second).
    DuplicateRival(usize),
}

impl GridRefusal {
    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            GridRefusal::NoCriteria => "error-grid-no-criteria",
            GridRefusal::TooManyCriteria => "error-grid-too-many-criteria",
            GridRefusal::NoRivals => "error-grid-no-rivals",
            GridRefusal::WeightsSum => "error-grid-weights-sum",
            GridRefusal::DuplicateCriterion(_) => "error-grid-duplicate-criterion",
            GridRefusal::DuplicateRival(_) => "error-grid-duplicate-rival",
        }
    }
}

/// How we stand on one criterion against the best competitor there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// We score above every competitor.
    Win,
    /// Level with the best.
    Tie,
    /// A competitor scores above us.
    Lose,
}

/// One criterion's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The criterion's row.
    pub index: usize,
    /// Win, tie or lose.
    pub standing: Standing,
    /// Our score minus the best competitor's.
    pub gap: i16,
    /// The gap weighted by the criterion (what it costs or earns us in the total).
    pub weighted_gap: Decimal,
}

impl Grid {
    /// What keeps the grid from being saved (empty: it may be). An incomplete grid (fewer than
    /// [`MIN_CRITERIA`] criteria) may be saved: it is flagged, not refused.
    pub fn refusals(&self) -> Vec<GridRefusal> {
        let mut out = Vec::new();
        if self.criteria.is_empty() {
            out.push(GridRefusal::NoCriteria);
        }
        if self.criteria.len() > MAX_CRITERIA {
            out.push(GridRefusal::TooManyCriteria);
        }
        if self.rivals.is_empty() {
            out.push(GridRefusal::NoRivals);
        }
        if !self.criteria.is_empty() && self.weight_sum() != Decimal::ONE_HUNDRED {
            out.push(GridRefusal::WeightsSum);
        }
        let fold = |s: &str| s.trim().to_lowercase();
        for (i, c) in self.criteria.iter().enumerate() {
            if self.criteria[..i]
                .iter()
                .any(|o| fold(&o.name) == fold(&c.name))
            {
                out.push(GridRefusal::DuplicateCriterion(i));
            }
        }
        for (i, r) in self.rivals.iter().enumerate() {
            if self.rivals[..i].iter().any(|o| fold(o) == fold(r)) {
                out.push(GridRefusal::DuplicateRival(i));
            }
        }
        out
    }

    /// The sum of the weights.
    pub fn weight_sum(&self) -> Decimal {
        self.criteria.iter().map(|c| c.weight).sum()
    }

    /// Whether the grid has the criteria the literature asks for.
    pub fn is_complete(&self) -> bool {
        self.criteria.len() >= MIN_CRITERIA
    }

    /// The weighted total of party `p` (0 us, then the competitors) on the 1–10 scale.
    pub fn total(&self, p: usize) -> Decimal {
        let sum: Decimal = self
            .criteria
            .iter()
            .map(|c| c.weight * Decimal::from(c.scores.get(p).copied().unwrap_or(0)))
            .sum();
        (sum / Decimal::ONE_HUNDRED).round_dp(2).normalize()
    }

    /// Every party's total: us first.
    pub fn totals(&self) -> Vec<Decimal> {
        (0..=self.rivals.len()).map(|p| self.total(p)).collect()
    }

    /// Per criterion, how we stand against the best competitor, the weak points (largest
    /// weighted loss) first, then the ties, then the wins (largest weighted lead last).
    pub fn verdicts(&self) -> Vec<Verdict> {
        let mut out: Vec<Verdict> = self
            .criteria
            .iter()
            .enumerate()
            .map(|(index, c)| {
                let ours = i16::from(c.scores.first().copied().unwrap_or(0));
                let best = c.scores.iter().skip(1).copied().max().unwrap_or(0);
                let gap = ours - i16::from(best);
                Verdict {
                    index,
                    standing: match gap.signum() {
                        1 => Standing::Win,
                        0 => Standing::Tie,
                        _ => Standing::Lose,
                    },
                    gap,
                    weighted_gap: (c.weight * Decimal::from(gap) / Decimal::ONE_HUNDRED)
                        .round_dp(2)
                        .normalize(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.weighted_gap
                .cmp(&b.weighted_gap)
                .then(a.index.cmp(&b.index))
        });
        out
    }

    /// The criteria where a competitor beats us, the most costly first.
    pub fn weak_points(&self) -> Vec<Verdict> {
        self.verdicts()
            .into_iter()
            .filter(|v| v.standing == Standing::Lose)
            .collect()
    }
}

/// One bar of the chart: a party's weighted total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// 0 us, then the competitors.
    pub party: usize,
    /// The total on the 1–10 scale.
    pub total: Decimal,
    /// Top edge in the drawing.
    pub y: u32,
    /// Length in the drawing.
    pub width: u32,
}

/// The chart's size and bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Drawing width.
    pub width: u32,
    /// Drawing height.
    pub height: u32,
    /// Where the bars start (after the names).
    pub left: u32,
    /// Bar thickness.
    pub bar: u32,
    /// One bar per party.
    pub bars: Vec<Bar>,
}

/// A horizontal bar per party, its length the weighted total over the full score of 10.
pub fn chart(totals: &[Decimal]) -> Chart {
    const WIDTH: u32 = 640;
    const LEFT: u32 = 180;
    const BAR: u32 = 22;
    const STEP: u32 = 32;
    let span = Decimal::from(WIDTH - LEFT - 60);
    let bars = totals
        .iter()
        .enumerate()
        .map(|(party, total)| {
            let width = (*total / Decimal::from(*SCORES.end()) * span)
                .round()
                .try_into()
                .unwrap_or(0u32);
            Bar {
                party,
                total: *total,
                y: 8 + STEP * party as u32,
                width,
            }
        })
        .collect();
    Chart {
        width: WIDTH,
        height: 16 + STEP * totals.len() as u32,
        left: LEFT,
        bar: BAR,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[(&str, i64, &[u8])]) -> Grid {
        Grid {
            rivals: vec!["Rival A".into(), "Rival B".into()],
            criteria: rows
                .iter()
                .map(|(name, weight, scores)| Criterion {
                    name: name.to_string(),
                    weight: Decimal::from(*weight),
                    scores: scores.to_vec(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_weights_must_sum_to_100() {
        let g = grid(&[("Price", 60, &[5, 6, 7]), ("Quality", 30, &[8, 6, 5])]);
        assert_eq!(g.refusals(), [GridRefusal::WeightsSum]);
        let g = grid(&[("Price", 70, &[5, 6, 7]), ("Quality", 30, &[8, 6, 5])]);
        assert!(g.refusals().is_empty());
    }

    #[test]
    fn names_may_not_repeat_and_a_competitor_is_needed() {
        let mut g = grid(&[("Price", 50, &[5, 6, 7]), (" price ", 50, &[8, 6, 5])]);
        g.rivals = vec!["X".into(), "x".into()];
        assert_eq!(
            g.refusals(),
            [
                GridRefusal::DuplicateCriterion(1),
                GridRefusal::DuplicateRival(1)
            ]
        );
        g.rivals.clear();
        assert!(g.refusals().contains(&GridRefusal::NoRivals));
        assert_eq!(
            Grid {
                rivals: vec!["X".into()],
                criteria: vec![]
            }
            .refusals(),
            [GridRefusal::NoCriteria]
        );
    }

    #[test]
    fn fewer_than_ten_criteria_is_incomplete_but_may_be_saved() {
        let g = grid(&[("Price", 100, &[5, 6, 7])]);
        assert!(!g.is_complete());
        assert!(g.refusals().is_empty());
        let rows: Vec<(String, i64, Vec<u8>)> = (0..10)
            .map(|i| (format!("c{i}"), 10, vec![5, 5, 5]))
            .collect();
        let rows: Vec<(&str, i64, &[u8])> = rows
            .iter()
            .map(|(n, w, s)| (n.as_str(), *w, s.as_slice()))
            .collect();
        assert!(grid(&rows).is_complete());
    }

    #[test]
    fn totals_are_weighted_means_on_the_score_scale() {
        let g = grid(&[("Price", 70, &[5, 6, 7]), ("Quality", 30, &[8, 6, 5])]);
        assert_eq!(
            g.totals(),
            [Decimal::new(59, 1), Decimal::from(6), Decimal::new(64, 1)]
        );
    }

    #[test]
    fn we_lose_where_the_best_competitor_scores_above_us_and_the_costliest_loss_comes_first() {
        let g = grid(&[
            ("Price", 50, &[5, 6, 7]),
            ("Quality", 20, &[8, 6, 5]),
            ("Service", 20, &[6, 6, 4]),
            ("Brand", 10, &[3, 4, 2]),
        ]);
        let v = g.verdicts();
        let order: Vec<(usize, Standing, i16)> =
            v.iter().map(|v| (v.index, v.standing, v.gap)).collect();
        assert_eq!(
            order,
            [
                (0, Standing::Lose, -2),
                (3, Standing::Lose, -1),
                (2, Standing::Tie, 0),
                (1, Standing::Win, 2)
            ]
        );
        assert_eq!(v[0].weighted_gap, Decimal::from(-1));
        assert_eq!(g.weak_points().len(), 2);
    }

    #[test]
    fn the_chart_draws_a_bar_per_party_in_proportion_to_its_total() {
        let c = chart(&[Decimal::from(10), Decimal::from(5), Decimal::ZERO]);
        assert_eq!(c.bars.len(), 3);
        assert_eq!(c.bars[0].width, 400);
        assert_eq!(c.bars[1].width, 200);
        assert_eq!(c.bars[2].width, 0);
        assert!(c.bars[2].y + c.bar <= c.height);
    }
}
