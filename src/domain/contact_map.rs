//! The contact map's drawing: an organisation chart from the reports-to lines, as cards and
//! connector lines in pixels. Pure and deterministic; the SVG template only draws what
//! [`layout`] places.
//!
//! The shape is a tidy tree made compact enough to read 50 people on one A4 landscape page:
//!
//! - A person whose reports all have reports of their own shows them side by side under them,
//!   centred (the classic tidy tree), as long as they fit the width budget.
//! - Reports that have nobody under them are stacked in a column (several columns when there
//!   are many) under a trunk at the left, like a compact org chart's last level; so are the
//!   reports of anyone whose subtree is at most `stack_height` levels deep.
//! - Side by side rows that would be too wide wrap into several rows under the same trunk.
//! - People without a manager (or whose manager is not on the map) are roots; the trees are
//!   packed in rows, largest first.
//!
//! Every card is a rectangle of [`CARD_W`] × [`CARD_H`]; subtrees occupy disjoint boxes and a
//! line never runs through a card, by construction (tests below check both on random charts).
//! [`layout`] tries several width budgets and stacking heights and keeps the chart that prints
//! largest on the page.

use crate::domain::ids::ContactId;
use std::collections::HashMap;

/// Width of a person's card.
pub const CARD_W: i32 = 184;
/// Height of a person's card.
pub const CARD_H: i32 = 68;
/// Between subtrees side by side.
const H_GAP: i32 = 16;
/// Between a card and a row reached by a horizontal bus (room for the bus).
const V_GAP: i32 = 32;
/// Between stacked cards.
const S_GAP: i32 = 10;
/// The gutter left of stacked or wrapped reports; the trunk runs in its middle.
const INDENT: i32 = 24;
/// Around the whole chart.
const MARGIN: i32 = 16;
/// Between separate trees.
const FOREST_GAP: i32 = 40;
/// Cards stacked in one column before the stack takes a second column.
const MAX_STACK: usize = 6;
/// The printable area of an A4 landscape page at 96 px per inch, less room for the heading.
const PAGE: (f64, f64) = (1047.0, 650.0);

/// A person to place, with whom they report to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapNode {
    /// The contact.
    pub id: ContactId,
    /// Their manager, if any (a manager not on the map makes them a root).
    pub boss: Option<ContactId>,
}

/// A placed card: its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    /// The contact.
    pub id: ContactId,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
}

/// A straight connector segment (always horizontal or vertical).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Start x.
    pub x1: i32,
    /// Start y.
    pub y1: i32,
    /// End x.
    pub x2: i32,
    /// End y.
    pub y2: i32,
}

/// The whole chart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Width in pixels, margins included.
    pub width: i32,
    /// Height in pixels, margins included.
    pub height: i32,
    /// One card per person, in the order of the input.
    pub cards: Vec<Card>,
    /// The connectors from managers to their reports.
    pub lines: Vec<Line>,
    /// How many trees (people without a manager on the map).
    pub roots: usize,
}

/// Lays the people out for the screen and an A4 landscape page: of several width budgets and
/// stacking heights, the chart that prints largest (no larger than life); of equals, the one
/// that stacks least and is widest.
pub fn layout(nodes: &[MapNode]) -> Layout {
    let step = CARD_W + H_GAP;
    let mut best: Option<(f64, Layout)> = None;
    for (stack_height, cards_wide) in (1..=3).flat_map(|s| (3..=10).rev().map(move |w| (s, w))) {
        let candidate = layout_within(nodes, cards_wide * step + INDENT, stack_height);
        let scale = (PAGE.0 / f64::from(candidate.width))
            .min(PAGE.1 / f64::from(candidate.height))
            .min(1.0);
        if best.as_ref().is_none_or(|(s, _)| scale > *s + 1e-9) {
            best = Some((scale, candidate));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
}

/// `text` cut to at most `max` characters, with an ellipsis when cut (SVG text does not wrap;
/// the card's tooltip and label carry the whole).
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Lays the people out within `budget` pixels of width where the shape allows (a chain deeper
/// than the budget's indents may exceed it), stacking the reports of everyone whose subtree is
/// at most `stack_height` levels deep (1: only reports without reports are stacked).
pub fn layout_within(nodes: &[MapNode], budget: i32, stack_height: usize) -> Layout {
    if nodes.is_empty() {
        return Layout {
            width: 2 * MARGIN,
            height: 2 * MARGIN,
            ..Layout::default()
        };
    }
    let forest = Forest::of(nodes, stack_height);
    let mut trees: Vec<(usize, Block)> = forest
        .roots
        .iter()
        .map(|&r| (forest.size(r), forest.block(r, budget)))
        .collect();
    // Largest trees first; equal ones in the input's order.
    trees.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let roots = trees.len();
    let blocks: Vec<Block> = trees.into_iter().map(|(_, b)| b).collect();

    let mut all = Block::empty();
    let (mut x, mut y, mut row_h) = (0, 0, 0);
    for b in blocks {
        if x > 0 && x + b.w > budget {
            y += row_h + FOREST_GAP;
            x = 0;
            row_h = 0;
        }
        let w = b.w;
        row_h = row_h.max(b.h);
        all.place(b, x, y);
        x += w + FOREST_GAP;
    }
    all.h = y + row_h;

    let mut by_index: Vec<Option<Card>> = vec![None; nodes.len()];
    for (i, cx, cy) in all.cards {
        by_index[i] = Some(Card {
            id: nodes[i].id,
            x: cx + MARGIN,
            y: cy + MARGIN,
        });
    }
    Layout {
        width: all.w + 2 * MARGIN,
        height: all.h + 2 * MARGIN,
        cards: by_index.into_iter().flatten().collect(),
        lines: all
            .lines
            .into_iter()
            .map(|l| Line {
                x1: l.x1 + MARGIN,
                y1: l.y1 + MARGIN,
                x2: l.x2 + MARGIN,
                y2: l.y2 + MARGIN,
            })
            .collect(),
        roots,
    }
}

/// Who reports to whom, by index into the input; loops broken so every person is reached once.
struct Forest {
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    /// Levels below each person (0 for someone without reports).
    heights: Vec<usize>,
    stack_height: usize,
}

impl Forest {
    fn of(nodes: &[MapNode], stack_height: usize) -> Forest {
        let mut index: HashMap<ContactId, usize> = HashMap::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            index.entry(n.id).or_insert(i);
        }
        let parent: Vec<Option<usize>> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                n.boss
                    .and_then(|b| index.get(&b).copied())
                    .filter(|&p| p != i)
            })
            .collect();
        let mut children = vec![vec![]; nodes.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        let mut forest = Forest {
            children,
            roots: vec![],
            heights: vec![],
            stack_height,
        };
        let mut reached = vec![false; nodes.len()];
        let starts: Vec<usize> = (0..nodes.len()).filter(|&i| parent[i].is_none()).collect();
        for r in starts {
            forest.roots.push(r);
            forest.mark(r, &mut reached);
        }
        // People in a loop of reports-to lines (which the edit form refuses, but stored data may
        // hold): the first one unreached becomes a root, cut from their manager.
        for i in 0..nodes.len() {
            if !reached[i] {
                if let Some(p) = parent[i] {
                    forest.children[p].retain(|&c| c != i);
                }
                forest.roots.push(i);
                forest.mark(i, &mut reached);
            }
        }
        forest.heights = vec![0; nodes.len()];
        for r in forest.roots.clone() {
            forest.height(r);
        }
        forest
    }

    fn height(&mut self, i: usize) -> usize {
        let kids = self.children[i].clone();
        let h = kids
            .into_iter()
            .map(|k| self.height(k) + 1)
            .max()
            .unwrap_or(0);
        self.heights[i] = h;
        h
    }

    fn mark(&self, root: usize, reached: &mut [bool]) {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            if !reached[i] {
                reached[i] = true;
                stack.extend(&self.children[i]);
            }
        }
    }

    fn size(&self, root: usize) -> usize {
        1 + self.children[root]
            .iter()
            .map(|&c| self.size(c))
            .sum::<usize>()
    }

    /// The subtree under `i`, as wide as `budget` allows.
    fn block(&self, i: usize, budget: i32) -> Block {
        let kids = &self.children[i];
        if kids.is_empty() {
            return Block::card(i);
        }
        let inner = (budget - INDENT).max(CARD_W);
        let blocks: Vec<Block> = kids.iter().map(|&k| self.block(k, inner)).collect();
        if self.heights[i] <= self.stack_height {
            let fit = ((inner + H_GAP) / (CARD_W + H_GAP)).max(1) as usize;
            let per_row = kids.len().div_ceil(MAX_STACK).clamp(1, fit);
            return Block::wrapped(i, rows_of(blocks, per_row));
        }
        let total: i32 = blocks.iter().map(|b| b.w).sum::<i32>() + H_GAP * (kids.len() as i32 - 1);
        if total <= budget {
            Block::side_by_side(i, blocks)
        } else {
            Block::wrapped(i, rows_by_width(blocks, inner))
        }
    }
}

/// Splits blocks into rows of `per_row`.
fn rows_of(blocks: Vec<Block>, per_row: usize) -> Vec<Vec<Block>> {
    let mut rows: Vec<Vec<Block>> = vec![];
    for b in blocks {
        match rows.last_mut() {
            Some(row) if row.len() < per_row => row.push(b),
            _ => rows.push(vec![b]),
        }
    }
    rows
}

/// Fills rows left to right up to `limit` pixels (at least one block a row).
fn rows_by_width(blocks: Vec<Block>, limit: i32) -> Vec<Vec<Block>> {
    let mut rows: Vec<(i32, Vec<Block>)> = vec![];
    for b in blocks {
        match rows.last_mut() {
            Some((w, row)) if *w + H_GAP + b.w <= limit => {
                *w += H_GAP + b.w;
                row.push(b);
            }
            _ => rows.push((b.w, vec![b])),
        }
    }
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A laid-out subtree in its own coordinates (its box starts at 0, 0).
struct Block {
    w: i32,
    h: i32,
    /// Left edge of the subtree's own top card.
    root_x: i32,
    cards: Vec<(usize, i32, i32)>,
    lines: Vec<Line>,
}

impl Block {
    fn empty() -> Block {
        Block {
            w: 0,
            h: 0,
            root_x: 0,
            cards: vec![],
            lines: vec![],
        }
    }

    fn card(i: usize) -> Block {
        Block {
            w: CARD_W,
            h: CARD_H,
            root_x: 0,
            cards: vec![(i, 0, 0)],
            lines: vec![],
        }
    }

    /// Adds `other` with its box's corner at (dx, dy); grows this box to hold it.
    fn place(&mut self, other: Block, dx: i32, dy: i32) {
        self.w = self.w.max(dx + other.w);
        self.h = self.h.max(dy + other.h);
        self.cards
            .extend(other.cards.into_iter().map(|(i, x, y)| (i, x + dx, y + dy)));
        self.lines.extend(other.lines.into_iter().map(|l| Line {
            x1: l.x1 + dx,
            y1: l.y1 + dy,
            x2: l.x2 + dx,
            y2: l.y2 + dy,
        }));
    }

    fn line(&mut self, x1: i32, y1: i32, x2: i32, y2: i32) {
        self.lines.push(Line { x1, y1, x2, y2 });
    }

    /// `i` centred over its reports' subtrees side by side, joined by a bus.
    fn side_by_side(i: usize, kids: Vec<Block>) -> Block {
        let top = CARD_H + V_GAP;
        let bus = CARD_H + V_GAP / 2;
        let mut block = Block::empty();
        let mut centres = vec![];
        let mut x = 0;
        for k in kids {
            let w = k.w;
            centres.push(x + k.root_x + CARD_W / 2);
            block.place(k, x, top);
            x += w + H_GAP;
        }
        let (first, last) = (centres[0], centres[centres.len() - 1]);
        let centre = (first + last) / 2;
        block.root_x = centre - CARD_W / 2;
        block.cards.push((i, block.root_x, 0));
        block.line(centre, CARD_H, centre, bus);
        if first != last {
            block.line(first, bus, last, bus);
        }
        for c in centres {
            block.line(c, bus, c, top);
        }
        block
    }

    /// `i` at the top left, its reports in rows to the right of a trunk running down the gutter:
    /// a lone card in a row is joined from the side, a row of several by a bus above it.
    fn wrapped(i: usize, rows: Vec<Vec<Block>>) -> Block {
        let trunk = INDENT / 2;
        let mut block = Block::card(i);
        let mut y = CARD_H;
        let mut trunk_end = CARD_H;
        for row in rows {
            if row.len() == 1 {
                let top = y + S_GAP;
                let k = row.into_iter().next().expect("one block");
                let mid = top + CARD_H / 2;
                let (root_x, h) = (k.root_x, k.h);
                block.place(k, INDENT, top);
                block.line(trunk, mid, INDENT + root_x, mid);
                trunk_end = mid;
                y = top + h;
            } else {
                let top = y + V_GAP;
                let bus = top - V_GAP / 2;
                let mut x = INDENT;
                let mut last = trunk;
                let mut row_h = 0;
                for k in row {
                    let c = x + k.root_x + CARD_W / 2;
                    let (w, h) = (k.w, k.h);
                    block.place(k, x, top);
                    block.line(c, bus, c, top);
                    last = c;
                    row_h = row_h.max(h);
                    x += w + H_GAP;
                }
                block.line(trunk, bus, last, bus);
                trunk_end = bus;
                y = top + row_h;
            }
        }
        block.line(trunk, CARD_H, trunk, trunk_end);
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn id(n: u128) -> ContactId {
        ContactId(uuid::Uuid::from_u128(n + 1))
    }

    /// A chart from a list of bosses by index (`None`: a root).
    fn chart(bosses: &[Option<usize>]) -> Vec<MapNode> {
        bosses
            .iter()
            .enumerate()
            .map(|(i, b)| MapNode {
                id: id(i as u128),
                boss: b.map(|b| id(b as u128)),
            })
            .collect()
    }

    fn overlaps(a: &Card, b: &Card) -> bool {
        a.x < b.x + CARD_W && b.x < a.x + CARD_W && a.y < b.y + CARD_H && b.y < a.y + CARD_H
    }

    /// Whether a segment runs through a card's inside (touching its edge is how lines end).
    fn crosses(l: &Line, c: &Card) -> bool {
        let (x0, x1) = (l.x1.min(l.x2), l.x1.max(l.x2));
        let (y0, y1) = (l.y1.min(l.y2), l.y1.max(l.y2));
        x0 < c.x + CARD_W && x1 > c.x && y0 < c.y + CARD_H && y1 > c.y
    }

    fn check(nodes: &[MapNode], l: &Layout) {
        let ids: HashSet<ContactId> = l.cards.iter().map(|c| c.id).collect();
        assert_eq!(l.cards.len(), nodes.len(), "every person exactly once");
        assert_eq!(ids.len(), nodes.len());
        for (i, a) in l.cards.iter().enumerate() {
            assert!(a.x >= 0 && a.y >= 0, "{a:?}");
            assert!(
                a.x + CARD_W <= l.width && a.y + CARD_H <= l.height,
                "{a:?} in {l:?}"
            );
            for b in &l.cards[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        for line in &l.lines {
            assert!(
                line.x1 == line.x2 || line.y1 == line.y2,
                "straight: {line:?}"
            );
            for c in &l.cards {
                assert!(!crosses(line, c), "{line:?} runs through {c:?}");
            }
        }
    }

    #[test]
    fn a_manager_with_two_managers_under_them_stands_centred_above_them() {
        // 0 → 1, 2; 1 → 3; 2 → 4
        let nodes = chart(&[None, Some(0), Some(0), Some(1), Some(2)]);
        let l = layout(&nodes);
        check(&nodes, &l);
        let at = |i: u128| *l.cards.iter().find(|c| c.id == id(i)).unwrap();
        assert_eq!(at(1).y, at(2).y, "the two managers on one row");
        assert_eq!(
            at(0).x * 2,
            at(1).x + at(2).x,
            "the boss centred above them"
        );
        assert!(at(3).y > at(1).y);
    }

    #[test]
    fn reports_without_reports_are_stacked_under_their_manager() {
        let nodes = chart(&[None, Some(0), Some(0), Some(0)]);
        let l = layout(&nodes);
        check(&nodes, &l);
        let xs: HashSet<i32> = l.cards[1..].iter().map(|c| c.x).collect();
        assert_eq!(xs.len(), 1, "one column: {l:?}");
        assert!(l.cards[1].x > l.cards[0].x, "indented under the manager");
    }

    #[test]
    fn people_without_a_manager_on_the_map_are_roots() {
        let mut nodes = chart(&[None, Some(0), None]);
        nodes.push(MapNode {
            id: id(99),
            boss: Some(id(1000)),
        });
        let l = layout(&nodes);
        check(&nodes, &l);
        assert_eq!(l.roots, 3);
    }

    #[test]
    fn a_stored_loop_still_shows_everyone_once() {
        let nodes = chart(&[Some(2), Some(0), Some(1), Some(0), None]);
        let l = layout(&nodes);
        check(&nodes, &l);
        assert_eq!(l.roots, 2);
    }

    #[test]
    fn a_long_chain_goes_straight_down() {
        let bosses: Vec<Option<usize>> = (0..30usize).map(|i| i.checked_sub(1)).collect();
        let nodes = chart(&bosses);
        check(&nodes, &layout(&nodes));
    }

    #[test]
    fn fifty_people_fit_an_a4_landscape_page_at_a_readable_scale() {
        // A chief, 6 directors, 3 managers each, and the rest under the managers.
        let mut bosses = vec![None];
        bosses.extend((0..6).map(|_| Some(0)));
        bosses.extend((0..18).map(|m| Some(1 + m / 3)));
        bosses.extend((0..25).map(|s| Some(7 + s % 18)));
        let nodes = chart(&bosses);
        let l = layout(&nodes);
        check(&nodes, &l);
        let scale = (PAGE.0 / l.width as f64).min(PAGE.1 / l.height as f64);
        assert!(
            scale > 0.65,
            "printed at {scale:.2}: {}×{}",
            l.width,
            l.height
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(fit("Анна", 4), "Анна");
        assert_eq!(fit("Константин Константинопольский", 12), "Константин…");
    }

    #[test]
    fn nobody_gives_an_empty_chart() {
        let l = layout(&[]);
        assert!(l.cards.is_empty() && l.lines.is_empty());
    }

    proptest! {
        #[test]
        fn any_chart_places_everyone_once_without_overlaps(
            raw in proptest::collection::vec(proptest::option::of(0usize..60), 1..60),
            budget in 1usize..10,
        ) {
            // Bosses point anywhere, loops and self-references included.
            let bosses: Vec<Option<usize>> =
                raw.iter().map(|b| b.map(|b| b % raw.len())).collect();
            let nodes = chart(&bosses);
            for stack_height in 1..4 {
                check(&nodes, &layout_within(&nodes, budget as i32 * (CARD_W + H_GAP), stack_height));
            }
            check(&nodes, &layout(&nodes));
        }
    }
}
