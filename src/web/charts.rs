//! Server-rendered SVG charts for the director's cockpit: the geometry is computed here and
//! the templates draw it as plain SVG elements, each bar or cell inside a link to the accounts
//! behind it, labelled in the page's language and styled by the one stylesheet.
//!
//! Hand-written rather than a charting crate: plotters and charts-rs render whole SVG
//! documents with their own text and colours, and neither puts a link or an accessible name on
//! a bar; what the cockpit needs is a few rectangles and one polyline.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The drawing area of every chart, in SVG user units (the SVG scales to its box).
pub const WIDTH: i32 = 600;
/// Height of the Pareto chart.
pub const PARETO_HEIGHT: i32 = 260;
/// Left margin (room for the axis' labels).
pub const LEFT: i32 = 44;
/// Right margin (room for the last tick's label).
pub const RIGHT: i32 = 24;
/// Top margin.
pub const TOP: i32 = 12;
/// Bottom margin (room for the axis' labels).
pub const BOTTOM: i32 = 28;

/// The Pareto curve drawn: its polyline, the key clients' marks along the bottom, the 20 %
/// line, and the axis ticks.
#[derive(Debug, Clone)]
pub struct Pareto {
    /// `x,y x,y ...` of the curve.
    pub points: String,
    /// One mark per percent of clients that holds key clients: (x, y, width, height, key
    /// clients, percent).
    pub marks: Vec<(i32, i32, i32, i32, i32, usize)>,
    /// x of the 20 % line.
    pub cut_x: i32,
    /// The share of potential the first 20 % hold, in percent.
    pub top20_pct: Option<Decimal>,
    /// Ticks of the x axis: (x, label percent).
    pub x_ticks: Vec<(i32, u32)>,
    /// Ticks of the y axis: (y, label percent).
    pub y_ticks: Vec<(i32, u32)>,
    /// Bottom of the plot.
    pub base_y: i32,
}

fn plot_w() -> i32 {
    WIDTH - LEFT - RIGHT
}

fn plot_h(height: i32) -> i32 {
    height - TOP - BOTTOM
}

/// x of a percent of clients.
fn x_of(percent: f64) -> i32 {
    LEFT + (percent * f64::from(plot_w()) / 100.0).round() as i32
}

/// y of a share (0 to 1) in a chart `height` high.
fn y_of(share: f64, height: i32) -> i32 {
    TOP + ((1.0 - share.clamp(0.0, 1.0)) * f64::from(plot_h(height))).round() as i32
}

/// Draws the curve `curve` (share of potential held by the first 0..=100 % of clients) and
/// the key clients per percent `key`.
pub fn pareto(curve: &[Decimal], key: &[i32]) -> Pareto {
    let h = PARETO_HEIGHT;
    let last = curve.len().saturating_sub(1).max(1) as f64;
    let points = curve
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let pct = i as f64 * 100.0 / last;
            format!("{},{}", x_of(pct), y_of(s.to_f64().unwrap_or(0.0), h))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let max_key = key.iter().copied().max().unwrap_or(0).max(1);
    let band = 36.0;
    let base_y = TOP + plot_h(h);
    let marks = key
        .iter()
        .enumerate()
        .filter(|(_, k)| **k > 0)
        .map(|(i, k)| {
            let x = x_of(i as f64 * 100.0 / key.len() as f64);
            let w = (x_of((i + 1) as f64 * 100.0 / key.len() as f64) - x).max(1);
            let mh = ((f64::from(*k) / f64::from(max_key)) * band)
                .round()
                .max(2.0) as i32;
            (x, base_y - mh, w, mh, *k, i + 1)
        })
        .collect();
    let top20_pct = (curve.len() == 101).then(|| (curve[20] * Decimal::ONE_HUNDRED).round_dp(1));
    Pareto {
        points,
        marks,
        cut_x: x_of(20.0),
        top20_pct,
        x_ticks: [0, 20, 40, 60, 80, 100]
            .into_iter()
            .map(|p| (x_of(f64::from(p)), p))
            .collect(),
        y_ticks: [0, 20, 40, 60, 80, 100]
            .into_iter()
            .map(|p| (y_of(f64::from(p) / 100.0, h), p))
            .collect(),
        base_y,
    }
}

/// A horizontal bar of a bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// y of the bar's top.
    pub y: i32,
    /// Width of the bar.
    pub w: i32,
    /// The value drawn.
    pub value: i64,
}

/// Height of one row of a bar chart.
pub const ROW: i32 = 26;
/// Where bars start (room for the labels on the left).
pub const BAR_LEFT: i32 = 230;
/// Longest bar.
pub const BAR_MAX: i32 = WIDTH - BAR_LEFT - 70;

/// Bars for `values`, the largest (or `at_least`, whichever is more) filling [`BAR_MAX`].
pub fn bars(values: &[i64], at_least: i64) -> Vec<Bar> {
    let max = values
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(at_least)
        .max(1);
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Bar {
            y: i as i32 * ROW + 4,
            w: bar_width(*v, max),
            value: *v,
        })
        .collect()
}

/// x where a value lands on bars scaled to `max` (for guidance lines).
pub fn bar_x(value: i64, values: &[i64], at_least: i64) -> i32 {
    let max = values
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(at_least)
        .max(1);
    BAR_LEFT + bar_width(value, max)
}

fn bar_width(v: i64, max: i64) -> i32 {
    ((v.max(0) as f64 / max as f64) * f64::from(BAR_MAX)).round() as i32
}

/// Height of a bar chart of `rows` rows.
pub fn bars_height(rows: usize) -> i32 {
    rows as i32 * ROW + 8
}

/// x of a percent (0 to 100) on the sales-share gauge.
pub fn gauge_x(pct: Decimal) -> i32 {
    let p = pct.to_f64().unwrap_or(0.0).clamp(0.0, 100.0);
    LEFT + (p * f64::from(plot_w()) / 100.0).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_pareto_curve_runs_from_the_bottom_left_to_the_top_right() {
        let curve: Vec<Decimal> = (0..=100)
            .map(|i| Decimal::from(i) / Decimal::from(100))
            .collect();
        let p = pareto(&curve, &[0; 100]);
        let first = p.points.split(' ').next().unwrap();
        let last = p.points.split(' ').next_back().unwrap();
        assert_eq!(first, format!("{LEFT},{}", TOP + plot_h(PARETO_HEIGHT)));
        assert_eq!(last, format!("{},{TOP}", LEFT + plot_w()));
        assert_eq!(p.top20_pct, Some(d("20.0")));
        assert!(p.marks.is_empty());
    }

    #[test]
    fn key_clients_are_marked_where_they_sit_in_the_ranking() {
        let mut key = vec![0; 100];
        key[0] = 4;
        key[10] = 2;
        let p = pareto(&[Decimal::ZERO; 101], &key);
        assert_eq!(p.marks.len(), 2);
        let (x0, _, _, h0, k0, pct0) = p.marks[0];
        let (x1, _, _, h1, _, _) = p.marks[1];
        assert_eq!((x0, k0, pct0), (LEFT, 4, 1));
        assert!(
            x1 > p.cut_x / 2 && h1 < h0,
            "half as many key clients, half as tall"
        );
    }

    #[test]
    fn bars_scale_to_the_largest_value_or_the_guidance() {
        let b = bars(&[5, 10, 0], 0);
        assert_eq!(
            b.iter().map(|b| b.w).collect::<Vec<_>>(),
            [BAR_MAX / 2, BAR_MAX, 0]
        );
        let b = bars(&[2], 12);
        assert_eq!(b[0].w, (2.0 / 12.0 * f64::from(BAR_MAX)).round() as i32);
        assert_eq!(bar_x(12, &[2], 12), BAR_LEFT + BAR_MAX);
    }
}
