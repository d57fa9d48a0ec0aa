//! The contact map: the people at a client and how they stand in the decision.

use crate::domain::scoring::named_enum;

named_enum! {
    /// A contact's part in the decision on our category.
    pub enum DecisionRole as "decision role" {
        /// Has the final say.
        DecisionMaker => "decision_maker",
        /// Holds the budget.
        EconomicBuyer => "economic_buyer",
        /// Judges the technical fit.
        TechnicalBuyer => "technical_buyer",
        /// Uses what we supply.
        User => "user",
        /// Sways the others.
        Influencer => "influencer",
        /// Controls access.
        Gatekeeper => "gatekeeper",
        /// Sells for us inside the client.
        Champion => "champion",
        /// Works against us.
        Blocker => "blocker",
    }
}

named_enum! {
    /// How much a contact's word weighs.
    pub enum Influence as "influence" {
        /// Decisive.
        High => "high",
        /// Heard.
        Medium => "medium",
        /// Little.
        Low => "low",
    }
}

named_enum! {
    /// A contact's attitude to us.
    pub enum Attitude as "attitude" {
        /// For us.
        Supporter => "supporter",
        /// Undecided.
        Neutral => "neutral",
        /// Against us.
        Opponent => "opponent",
    }
}
