//! The dossier: one free-text section per heading of the method.

use crate::domain::scoring::named_enum;

named_enum! {
    /// A heading of the dossier (domain.md, "The dossier").
    pub enum DossierSection as "dossier section" {
        /// General information.
        General => "general",
        /// History of the relationship.
        Relationship => "relationship",
        /// The decision-making scheme.
        DecisionMaking => "decision_making",
        /// Competitors and our position.
        Competition => "competition",
        /// Development plans.
        Development => "development",
        /// Business needs and personal motivation.
        Needs => "needs",
        /// Qualification by the three "P".
        Qualification => "qualification",
    }
}
