//! Deals and tenders: stages, the rules of a stage move and of closing a deal as won or lost,
//! the price gap of a tender, the win/loss record and the quarters of the refusal trend.
//!
//! A deal runs through the open stages (lead, qualification, proposal, negotiation) in any
//! order, and ends once, as won or lost: a closed deal is final (its figures and reason may be
//! corrected, its stage may not). Closing needs the reason from the pick list and a text; the
//! winner (a competitor from the dossier or a name as typed) belongs to a lost deal only.

use crate::domain::ids::CompetitorId;
use crate::domain::money::{Currency, Money};
use crate::domain::scoring::named_enum;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

named_enum! {
    /// A deal, or a tender (a deal with a formal procedure and a deadline).
    pub enum DealKind as "deal kind" {
        /// Negotiated directly.
        Deal => "deal",
        /// A formal tender.
        Tender => "tender",
    }
}

named_enum! {
    /// Where a deal stands; `won` and `lost` are final.
    pub enum DealStage as "deal stage" {
        /// Just spotted.
        Lead => "lead",
        /// Need, budget and authority being confirmed.
        Qualification => "qualification",
        /// Our offer is on the table.
        Proposal => "proposal",
        /// Terms are being negotiated.
        Negotiation => "negotiation",
        /// We won it.
        Won => "won",
        /// A competitor (or nobody) won it.
        Lost => "lost",
    }
}

impl DealStage {
    /// The stages of a running deal, in pipeline order.
    pub const OPEN: &'static [DealStage] = &[
        DealStage::Lead,
        DealStage::Qualification,
        DealStage::Proposal,
        DealStage::Negotiation,
    ];

    /// Whether the deal is still running.
    pub const fn is_open(self) -> bool {
        !self.is_closed()
    }

    /// Whether the deal ended (won or lost).
    pub const fn is_closed(self) -> bool {
        matches!(self, DealStage::Won | DealStage::Lost)
    }
}

named_enum! {
    /// Why a deal was won or lost (the pick list; the text beside it says more).
    pub enum OutcomeReason as "outcome reason" {
        /// The price decided.
        Price => "price",
        /// Quality of the product or service.
        Quality => "quality",
        /// Terms: payment, delivery, lead times.
        Terms => "terms",
        /// The relationship with the people deciding.
        Relationship => "relationship",
        /// The client decided nothing (postponed, cancelled, budget frozen).
        NoDecision => "no_decision",
        /// The incumbent supplier kept the business.
        CompetitorIncumbent => "competitor_incumbent",
        /// Something else (the text says what).
        Other => "other",
    }
}

/// Who won a lost deal: a competitor from the account's dossier, or a name as typed. The name
/// is kept in both cases, so it outlives the dossier entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Winner {
    /// A competitor on the account's dossier.
    Competitor(CompetitorId, String),
    /// A company named as typed.
    Named(String),
}

impl Winner {
    /// The winner's name.
    pub fn name(&self) -> &str {
        match self {
            Winner::Competitor(_, name) | Winner::Named(name) => name,
        }
    }

    /// The dossier competitor, if it is one.
    pub fn competitor(&self) -> Option<CompetitorId> {
        match self {
            Winner::Competitor(id, _) => Some(*id),
            Winner::Named(_) => None,
        }
    }
}

/// A deal as a form describes it, each field already parsed into its type (free text through
/// its text rule, amounts as [`Money`]); [`DealDraft::refusals`] checks how the fields fit
/// together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealDraft {
    /// Deal or tender.
    pub kind: DealKind,
    /// What it is about.
    pub title: String,
    /// The stage it is to have.
    pub stage: DealStage,
    /// Its value, once known.
    pub amount: Option<Money>,
    /// Currency of the amount and the bids.
    pub currency: Currency,
    /// When it was opened.
    pub opened_on: NaiveDate,
    /// When a decision is expected.
    pub expected_close_on: Option<NaiveDate>,
    /// Tenders: the submission deadline.
    pub deadline_on: Option<NaiveDate>,
    /// Tenders: how many lots we bid for.
    pub lots: Option<u16>,
    /// Tenders: our bid.
    pub our_bid: Option<Money>,
    /// Tenders: the winning bid.
    pub winning_bid: Option<Money>,
    /// Closing: the reason from the pick list.
    pub outcome_reason: Option<OutcomeReason>,
    /// Closing: the reason in words.
    pub outcome_note: Option<String>,
    /// Closing: the business date it was decided.
    pub closed_on: Option<NaiveDate>,
    /// Closing (lost only): who won.
    pub winner: Option<Winner>,
}

/// Why a deal cannot be saved as drafted; each is shown beside [`DealRefusal::field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealRefusal {
    /// A won or lost deal keeps its stage.
    ClosedIsFinal,
    /// Deadline, lots and bids belong to tenders.
    TenderFieldOnDeal(&'static str),
    /// Won or lost needs the reason from the pick list.
    ReasonRequired,
    /// Won or lost needs the reason in words.
    NoteRequired,
    /// Won or lost needs the date it was decided.
    ClosedOnRequired,
    /// An outcome was given, but the stage is an open one.
    OutcomeOnOpenDeal(&'static str),
    /// Only a lost deal has a winner other than us.
    WinnerOnlyWhenLost,
    /// "Competitor incumbent" names the competitor.
    WinnerRequired,
    /// Opened after today.
    OpenedInFuture,
    /// Expected to close before it was opened.
    ExpectedBeforeOpened,
    /// Decided before it was opened.
    ClosedBeforeOpened,
    /// Decided after today.
    ClosedInFuture,
}

impl DealRefusal {
    /// The form field the message belongs beside.
    pub fn field(self) -> &'static str {
        match self {
            DealRefusal::ClosedIsFinal => "stage",
            DealRefusal::TenderFieldOnDeal(field) | DealRefusal::OutcomeOnOpenDeal(field) => field,
            DealRefusal::ReasonRequired => "outcome_reason",
            DealRefusal::NoteRequired => "outcome_note",
            DealRefusal::ClosedOnRequired
            | DealRefusal::ClosedBeforeOpened
            | DealRefusal::ClosedInFuture => "closed_on",
            DealRefusal::WinnerOnlyWhenLost | DealRefusal::WinnerRequired => "winner",
            DealRefusal::OpenedInFuture => "opened_on",
            DealRefusal::ExpectedBeforeOpened => "expected_close_on",
        }
    }

    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            DealRefusal::ClosedIsFinal => "error-deal-closed-is-final",
            DealRefusal::TenderFieldOnDeal(_) => "error-deal-tender-field",
            DealRefusal::ReasonRequired => "error-deal-reason-required",
            DealRefusal::NoteRequired => "error-deal-note-required",
            DealRefusal::ClosedOnRequired => "error-deal-closed-on-required",
            DealRefusal::OutcomeOnOpenDeal(_) => "error-deal-outcome-on-open",
            DealRefusal::WinnerOnlyWhenLost => "error-deal-winner-only-lost",
            DealRefusal::WinnerRequired => "error-deal-winner-required",
            DealRefusal::OpenedInFuture => "error-deal-opened-in-future",
            DealRefusal::ExpectedBeforeOpened => "error-deal-expected-before-opened",
            DealRefusal::ClosedBeforeOpened => "error-deal-closed-before-opened",
            DealRefusal::ClosedInFuture => "error-deal-closed-in-future",
        }
    }
}

/// Whether a deal at stage `from` may be saved at stage `to`: a running deal may go to any
/// stage (back and forth between the open ones, or to won or lost); a closed one stays.
pub fn stage_move_allowed(from: DealStage, to: DealStage) -> bool {
    from.is_open() || from == to
}

impl DealDraft {
    /// Everything that keeps this draft from being saved over a deal now at stage `before`
    /// (`None` for a new deal, which may be recorded already won or lost), on `today`.
    /// Empty when it may be saved.
    pub fn refusals(&self, before: Option<DealStage>, today: NaiveDate) -> Vec<DealRefusal> {
        let mut out = vec![];
        if before.is_some_and(|from| !stage_move_allowed(from, self.stage)) {
            out.push(DealRefusal::ClosedIsFinal);
        }
        if self.kind == DealKind::Deal {
            for (set, field) in [
                (self.deadline_on.is_some(), "deadline_on"),
                (self.lots.is_some(), "lots"),
                (self.our_bid.is_some(), "our_bid"),
                (self.winning_bid.is_some(), "winning_bid"),
            ] {
                if set {
                    out.push(DealRefusal::TenderFieldOnDeal(field));
                }
            }
        }
        if self.opened_on > today {
            out.push(DealRefusal::OpenedInFuture);
        }
        if self.expected_close_on.is_some_and(|d| d < self.opened_on) {
            out.push(DealRefusal::ExpectedBeforeOpened);
        }
        if self.stage.is_closed() {
            if self.outcome_reason.is_none() {
                out.push(DealRefusal::ReasonRequired);
            }
            if self.outcome_note.is_none() {
                out.push(DealRefusal::NoteRequired);
            }
            match self.closed_on {
                None => out.push(DealRefusal::ClosedOnRequired),
                Some(d) if d < self.opened_on => out.push(DealRefusal::ClosedBeforeOpened),
                Some(d) if d > today => out.push(DealRefusal::ClosedInFuture),
                Some(_) => {}
            }
            if self.stage == DealStage::Won && self.winner.is_some() {
                out.push(DealRefusal::WinnerOnlyWhenLost);
            }
            if self.stage == DealStage::Lost
                && self.outcome_reason == Some(OutcomeReason::CompetitorIncumbent)
                && self.winner.is_none()
            {
                out.push(DealRefusal::WinnerRequired);
            }
        } else {
            for (set, field) in [
                (self.outcome_reason.is_some(), "outcome_reason"),
                (self.outcome_note.is_some(), "outcome_note"),
                (self.closed_on.is_some(), "closed_on"),
                (self.winner.is_some(), "winner"),
            ] {
                if set {
                    out.push(DealRefusal::OutcomeOnOpenDeal(field));
                }
            }
        }
        out
    }
}

/// Our bid against the winning one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceGap {
    /// Our bid minus the winning bid (positive: we were dearer).
    pub amount: Decimal,
    /// The same in percent of the winning bid, one decimal; `None` when the winning bid is 0.
    pub pct: Option<Decimal>,
}

/// The gap between our bid and the winning bid, when both are known.
pub fn price_gap(our_bid: Option<Decimal>, winning_bid: Option<Decimal>) -> Option<PriceGap> {
    let (ours, theirs) = (our_bid?, winning_bid?);
    let amount = ours - theirs;
    let pct = (!theirs.is_zero()).then(|| {
        (amount * Decimal::ONE_HUNDRED / theirs)
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    });
    Some(PriceGap { amount, pct })
}

/// The share of decided deals that were won, in percent with one decimal; `None` before any
/// was decided.
pub fn win_rate(won: i64, lost: i64) -> Option<Decimal> {
    let decided = won + lost;
    (decided > 0).then(|| {
        (Decimal::from(won) * Decimal::ONE_HUNDRED / Decimal::from(decided))
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    })
}

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub q: u32,
}

impl Quarter {
    /// The quarter `date` falls in.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            q: (date.month() - 1) / 3 + 1,
        }
    }

    /// Its first day.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1).expect("a valid quarter")
    }

    /// The quarter before.
    pub fn previous(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    /// The `n` quarters ending with the one `today` is in, oldest first.
    pub fn last(today: NaiveDate, n: usize) -> Vec<Quarter> {
        let mut out = Vec::with_capacity(n);
        let mut q = Quarter::of(today);
        for _ in 0..n {
            out.push(q);
            q = q.previous();
        }
        out.reverse();
        out
    }
}

/// Counts per quarter for `quarters` (as [`Quarter::last`] gives them) from `(first day of a
/// quarter, count)` pairs; quarters without a pair count 0, pairs outside are ignored.
pub fn per_quarter(quarters: &[Quarter], counts: &[(NaiveDate, i64)]) -> Vec<(Quarter, i64)> {
    quarters
        .iter()
        .map(|&q| {
            let n = counts
                .iter()
                .filter(|(d, _)| Quarter::of(*d) == q)
                .map(|(_, n)| n)
                .sum();
            (q, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    fn amount(s: &str) -> Option<Money> {
        Some(Money::parse(s).unwrap())
    }

    fn draft(stage: DealStage) -> DealDraft {
        DealDraft {
            kind: DealKind::Deal,
            title: "Framework 2027".into(),
            stage,
            amount: amount("1000"),
            currency: Currency::Rub,
            opened_on: date("2026-03-01"),
            expected_close_on: Some(date("2026-06-30")),
            deadline_on: None,
            lots: None,
            our_bid: None,
            winning_bid: None,
            outcome_reason: None,
            outcome_note: None,
            closed_on: None,
            winner: None,
        }
    }

    fn closed(stage: DealStage) -> DealDraft {
        DealDraft {
            outcome_reason: Some(OutcomeReason::Price),
            outcome_note: Some("Cheaper by 8 %".into()),
            closed_on: Some(date("2026-05-10")),
            ..draft(stage)
        }
    }

    const TODAY: &str = "2026-11-20";

    fn refusals(d: &DealDraft, before: Option<DealStage>) -> Vec<DealRefusal> {
        d.refusals(before, date(TODAY))
    }

    #[test]
    fn an_open_deal_moves_between_open_stages_in_any_order() {
        for &from in DealStage::OPEN {
            for &to in DealStage::OPEN {
                assert!(stage_move_allowed(from, to), "{from} -> {to}");
                assert!(
                    refusals(&draft(to), Some(from)).is_empty(),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn a_closed_deal_keeps_its_stage() {
        assert!(stage_move_allowed(DealStage::Won, DealStage::Won));
        for (from, to) in [
            (DealStage::Won, DealStage::Lost),
            (DealStage::Lost, DealStage::Won),
            (DealStage::Lost, DealStage::Negotiation),
            (DealStage::Won, DealStage::Lead),
        ] {
            assert!(!stage_move_allowed(from, to));
            let d = if to.is_closed() {
                closed(to)
            } else {
                draft(to)
            };
            assert_eq!(refusals(&d, Some(from)), [DealRefusal::ClosedIsFinal]);
        }
        // Correcting a lost deal's figures at the same stage is fine.
        assert!(refusals(&closed(DealStage::Lost), Some(DealStage::Lost)).is_empty());
    }

    #[test]
    fn closing_needs_the_reason_its_text_and_the_date() {
        let bare = draft(DealStage::Won);
        assert_eq!(
            refusals(&bare, Some(DealStage::Negotiation)),
            [
                DealRefusal::ReasonRequired,
                DealRefusal::NoteRequired,
                DealRefusal::ClosedOnRequired
            ]
        );
        assert!(refusals(&closed(DealStage::Won), Some(DealStage::Negotiation)).is_empty());
        // A deal may be recorded already decided.
        assert!(refusals(&closed(DealStage::Lost), None).is_empty());
    }

    #[test]
    fn the_closing_date_lies_between_opening_and_today() {
        let early = DealDraft {
            closed_on: Some(date("2026-02-28")),
            ..closed(DealStage::Lost)
        };
        assert_eq!(refusals(&early, None), [DealRefusal::ClosedBeforeOpened]);
        let future = DealDraft {
            closed_on: Some(date("2026-11-21")),
            ..closed(DealStage::Lost)
        };
        assert_eq!(refusals(&future, None), [DealRefusal::ClosedInFuture]);
        let same_day = DealDraft {
            closed_on: Some(date("2026-03-01")),
            ..closed(DealStage::Lost)
        };
        assert!(refusals(&same_day, None).is_empty());
    }

    #[test]
    fn only_a_lost_deal_names_a_winner_and_an_incumbent_must_be_named() {
        let won = DealDraft {
            winner: Some(Winner::Named("Rival".into())),
            ..closed(DealStage::Won)
        };
        assert_eq!(refusals(&won, None), [DealRefusal::WinnerOnlyWhenLost]);
        let incumbent = DealDraft {
            outcome_reason: Some(OutcomeReason::CompetitorIncumbent),
            ..closed(DealStage::Lost)
        };
        assert_eq!(refusals(&incumbent, None), [DealRefusal::WinnerRequired]);
        let named = DealDraft {
            winner: Some(Winner::Competitor(CompetitorId::new(), "Rival".into())),
            ..incumbent
        };
        assert!(refusals(&named, None).is_empty());
        // Lost to nobody in particular (no decision) needs no winner.
        assert!(refusals(&closed(DealStage::Lost), None).is_empty());
    }

    #[test]
    fn an_open_deal_carries_no_outcome() {
        let d = DealDraft {
            outcome_reason: Some(OutcomeReason::Price),
            winner: Some(Winner::Named("Rival".into())),
            ..draft(DealStage::Proposal)
        };
        assert_eq!(
            refusals(&d, None),
            [
                DealRefusal::OutcomeOnOpenDeal("outcome_reason"),
                DealRefusal::OutcomeOnOpenDeal("winner")
            ]
        );
        assert_eq!(refusals(&d, None)[1].field(), "winner");
    }

    #[test]
    fn tender_fields_belong_to_tenders() {
        let d = DealDraft {
            deadline_on: Some(date("2026-12-01")),
            lots: Some(2),
            our_bid: amount("900"),
            winning_bid: amount("850"),
            ..draft(DealStage::Proposal)
        };
        let fields: Vec<_> = refusals(&d, None).iter().map(|r| r.field()).collect();
        assert_eq!(fields, ["deadline_on", "lots", "our_bid", "winning_bid"]);
        let tender = DealDraft {
            kind: DealKind::Tender,
            ..d
        };
        assert!(refusals(&tender, None).is_empty());
    }

    #[test]
    fn dates_of_an_open_deal_are_checked_too() {
        let d = DealDraft {
            opened_on: date("2026-11-21"),
            expected_close_on: Some(date("2026-11-01")),
            ..draft(DealStage::Lead)
        };
        assert_eq!(
            refusals(&d, None),
            [
                DealRefusal::OpenedInFuture,
                DealRefusal::ExpectedBeforeOpened
            ]
        );
    }

    #[test]
    fn the_price_gap_is_our_bid_minus_the_winning_bid() {
        let d = |s: &str| Some(Decimal::from_str(s).unwrap());
        let gap = price_gap(d("1080"), d("1000")).unwrap();
        assert_eq!(gap.amount, Decimal::from(80));
        assert_eq!(gap.pct, d("8.0"));
        let cheaper = price_gap(d("950"), d("1000")).unwrap();
        assert_eq!(cheaper.pct, d("-5.0"));
        assert_eq!(price_gap(d("1"), d("3")).unwrap().pct, d("-66.7"));
        assert_eq!(price_gap(d("10"), d("0")).unwrap().pct, None);
        assert_eq!(price_gap(None, d("1")), None);
        assert_eq!(price_gap(d("1"), None), None);
    }

    #[test]
    fn the_win_rate_counts_decided_deals_only() {
        assert_eq!(win_rate(0, 0), None);
        assert_eq!(win_rate(2, 1), Some(Decimal::from_str("66.7").unwrap()));
        assert_eq!(win_rate(0, 4), Some(Decimal::ZERO));
    }

    #[test]
    fn the_last_eight_quarters_end_with_todays() {
        let qs = Quarter::last(date("2026-02-10"), 8);
        assert_eq!(qs.len(), 8);
        assert_eq!(qs[0], Quarter { year: 2024, q: 2 });
        assert_eq!(qs[7], Quarter { year: 2026, q: 1 });
        assert_eq!(qs[7].start(), date("2026-01-01"));
        assert_eq!(
            Quarter::of(date("2025-12-31")),
            Quarter { year: 2025, q: 4 }
        );
        assert_eq!(Quarter { year: 2025, q: 3 }.start(), date("2025-07-01"));
        let counts = per_quarter(
            &qs,
            &[
                (date("2026-01-01"), 3),
                (date("2025-07-01"), 2),
                (date("2020-01-01"), 9),
            ],
        );
        assert_eq!(counts[7], (Quarter { year: 2026, q: 1 }, 3));
        assert_eq!(counts[5], (Quarter { year: 2025, q: 3 }, 2));
        assert_eq!(counts.iter().map(|(_, n)| n).sum::<i64>(), 5);
    }
}
