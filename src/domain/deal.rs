//! Deals and tenders: stage, outcome and the reason for a win or a loss.

use crate::domain::scoring::named_enum;

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
    /// Where an open deal stands; a finished one is `closed`.
    pub enum DealStage as "deal stage" {
        /// Just spotted.
        Lead => "lead",
        /// Need, budget and authority confirmed.
        Qualified => "qualified",
        /// Our offer is on the table.
        Proposal => "proposal",
        /// Terms are being negotiated.
        Negotiation => "negotiation",
        /// Finished (see the outcome).
        Closed => "closed",
    }
}
named_enum! {
    /// How a deal ended; `open` while it runs.
    pub enum DealOutcome as "deal outcome" {
        /// Still running.
        Open => "open",
        /// We won it.
        Won => "won",
        /// A competitor (or nobody) won it.
        Lost => "lost",
        /// The client called it off.
        Cancelled => "cancelled",
    }
}
