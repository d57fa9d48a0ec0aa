//! The dossier's sections (domain.md, "The dossier"), each a tab of the account hub at
//! `/accounts/{id}/<section>` and edited on its own: a section's form carries the version of its
//! part of the account (`db::dossier::claim`), so saves of different sections never conflict and
//! a stale save of the same section comes back with both versions side by side
//! (`web::conflict`). Every save is one transaction: the section's writes, an audit entry per
//! changed field (`db::audit::record_fields`) and the stored completeness
//! (`db::dossier::refresh_completeness`).
//!
//! URL shape: the tab `/accounts/{id}/<slug>`; a part of fields is edited at
//! `/accounts/{id}/<slug>/edit` (the development plans at `/accounts/{id}/footprint/plans`); a
//! record of a list at `/accounts/{id}/<slug>/new`, `/accounts/{id}/<slug>/{record}` and
//! `.../{record}/delete` (competitors; places under `footprint/locations`).

mod competitors;
pub mod fields;
mod footprint;
mod potential;
mod sections;

use super::routes::Route;

/// The routes of every dossier section.
pub fn routes() -> Vec<Route> {
    [
        sections::routes(),
        fields::routes(),
        footprint::routes(),
        potential::routes(),
        competitors::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
