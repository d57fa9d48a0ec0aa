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

/// Height of one row of a bar chart (one line of label).
pub const ROW: i32 = 26;
/// Height of a bar.
pub const BAR_H: i32 = 20;
/// Room right of the longest bar for its value.
pub const VALUE_ROOM: i32 = 70;
/// Advance of one character of a label at the charts' 15 px font, in user units: generous
/// (Cyrillic in the sans-serif fonts runs about 9.2), so a label never runs past
/// the chart's left edge.
pub const CHAR_W: f64 = 9.6;
/// Space between a label's end and its bar.
pub const LABEL_GAP: i32 = 8;
/// The label column never takes less than this ...
pub const LABEL_MIN: i32 = 90;
/// ... nor more (longer labels wrap onto further lines).
pub const LABEL_MAX: i32 = 290;
/// Distance between the baselines of a wrapped label's lines.
pub const LINE: i32 = 17;

/// The rows of a horizontal bar chart laid out for their labels: the label column is as wide
/// as the longest label needs (from [`LABEL_MIN`] to [`LABEL_MAX`]), a label longer than that
/// wraps at spaces onto further lines, and its row grows by a line each time, so no label is
/// clipped at the chart's left edge or runs into the next row, in any language.
#[derive(Debug, Clone)]
pub struct BarLayout {
    /// x where the bars start (the labels end [`LABEL_GAP`] before it).
    pub left: i32,
    /// Width of the longest bar.
    pub bar_max: i32,
    /// Height of the whole chart.
    pub height: i32,
    /// Per row: the y of its bar's top and its label's lines with their baselines.
    pub rows: Vec<LabelRow>,
}

/// One row of a [`BarLayout`].
#[derive(Debug, Clone)]
pub struct LabelRow {
    /// y of the bar's top.
    pub y: i32,
    /// The label's lines: (baseline y, text).
    pub lines: Vec<(i32, String)>,
}

/// The estimated width of `text` in user units.
pub fn text_width(text: &str) -> i32 {
    (text.chars().count() as f64 * CHAR_W).ceil() as i32
}

/// `label` cut at spaces into lines of at most `max` user units (a single word longer than
/// that keeps a line of its own).
pub fn wrap(label: &str, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}")) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lays out a bar chart whose rows are labelled `labels`.
pub fn bar_layout(labels: &[String]) -> BarLayout {
    let room = LABEL_MAX - LABEL_GAP;
    let wrapped: Vec<Vec<String>> = labels.iter().map(|l| wrap(l, room)).collect();
    let widest = wrapped
        .iter()
        .flatten()
        .map(|l| text_width(l))
        .max()
        .unwrap_or(0);
    let left = (widest + LABEL_GAP).clamp(LABEL_MIN, LABEL_MAX);
    let mut y = 4;
    let rows = wrapped
        .into_iter()
        .map(|lines| {
            let n = lines.len() as i32;
            let extra = (n - 1) * LINE;
            // The bar sits in the middle of its row; the lines are centred on the bar.
            let bar_y = y + extra / 2;
            let first = bar_y + 15 - extra / 2;
            let row = LabelRow {
                y: bar_y,
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| (first + i as i32 * LINE, text))
                    .collect(),
            };
            y += ROW + extra;
            row
        })
        .collect();
    BarLayout {
        left,
        bar_max: WIDTH - left - VALUE_ROOM,
        height: y + 4,
        rows,
    }
}

impl BarLayout {
    /// Bars for `values` (one per row), the largest (or `at_least`, whichever is more) filling
    /// [`BarLayout::bar_max`].
    pub fn bars(&self, values: &[i64], at_least: i64) -> Vec<Bar> {
        let max = scale_max(values, at_least);
        values
            .iter()
            .zip(&self.rows)
            .map(|(v, row)| Bar {
                y: row.y,
                w: self.width(*v, max),
                value: *v,
            })
            .collect()
    }

    /// x where a value lands on bars scaled like [`BarLayout::bars`] (for guidance lines).
    pub fn x(&self, value: i64, values: &[i64], at_least: i64) -> i32 {
        self.left + self.width(value, scale_max(values, at_least))
    }

    fn width(&self, v: i64, max: i64) -> i32 {
        ((v.max(0) as f64 / max as f64) * f64::from(self.bar_max)).round() as i32
    }
}

fn scale_max(values: &[i64], at_least: i64) -> i64 {
    values
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(at_least)
        .max(1)
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

    fn layout(labels: &[&str]) -> BarLayout {
        bar_layout(&labels.iter().map(|l| l.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn bars_scale_to_the_largest_value_or_the_guidance() {
        let l = layout(&["a", "b", "c"]);
        let b = l.bars(&[5, 10, 0], 0);
        assert_eq!(
            b.iter().map(|b| b.w).collect::<Vec<_>>(),
            [l.bar_max / 2, l.bar_max, 0]
        );
        let l = layout(&["a"]);
        let b = l.bars(&[2], 12);
        assert_eq!(b[0].w, (2.0 / 12.0 * f64::from(l.bar_max)).round() as i32);
        assert_eq!(l.x(12, &[2], 12), l.left + l.bar_max);
    }

    #[test]
    fn the_label_column_is_as_wide_as_the_longest_label_needs() {
        let short = layout(&["Idle", "Anna"]);
        assert_eq!(short.left, LABEL_MIN, "short labels leave the bars room");
        let ru = layout(&["Высшая лига", "Нет связи более 90 дней"]);
        let needed = text_width("Нет связи более 90 дней") + LABEL_GAP;
        assert!(needed <= LABEL_MAX, "fits on one line");
        assert_eq!(ru.left, needed);
        assert!(ru.rows.iter().all(|r| r.lines.len() == 1));
        assert_eq!(ru.bar_max, WIDTH - ru.left - VALUE_ROOM);
    }

    #[test]
    fn a_label_longer_than_the_column_wraps_and_its_row_grows() {
        let long = "Лицо, принимающее решение, никто не ведёт";
        assert!(text_width(long) + LABEL_GAP > LABEL_MAX);
        let l = layout(&["Нет сторонника", long, "Нет связи более 90 дней"]);
        assert_eq!(l.rows[0].lines.len(), 1);
        assert!(l.rows[1].lines.len() >= 2, "{:?}", l.rows[1].lines);
        let words: Vec<&str> = l.rows[1]
            .lines
            .iter()
            .flat_map(|(_, t)| t.split(' '))
            .collect();
        assert_eq!(words.join(" "), long, "every word kept, in order");
        for row in &l.rows {
            for (_, text) in &row.lines {
                assert!(
                    text_width(text) + LABEL_GAP <= l.left,
                    "{text} ends inside the chart"
                );
            }
        }
        // Rows never overlap: each row's first line is below the previous row's bar and lines.
        for pair in l.rows.windows(2) {
            let prev_bottom = (pair[0].y + BAR_H).max(pair[0].lines.last().unwrap().0);
            let next_top = pair[1].y.min(pair[1].lines[0].0 - LINE + 4);
            assert!(prev_bottom <= next_top, "{pair:?}");
        }
        let last = l.rows.last().unwrap();
        assert!(last.y + BAR_H <= l.height && last.lines.last().unwrap().0 < l.height);
        assert!(
            l.rows[0].lines[0].0 - LINE + 4 >= 0,
            "the first line starts inside"
        );
    }
}
