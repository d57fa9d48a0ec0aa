//! The dossier's sections (domain.md, "The dossier"), each a tab of the account hub at
//! `/accounts/{id}/<section>` and edited on its own: a section's form carries the version of its
//! part of the account (`db::dossier::claim`), so saves of different sections never conflict and
//! a stale save of the same section comes back with both versions side by side
//! (`web::conflict`). Every save is one transaction: the section's writes, an audit entry per
//! changed field (`db::audit::record_fields`) and the stored completeness
//! (`db::dossier::refresh_completeness`).

mod footprint;

use super::routes::Route;

/// The routes of every dossier section.
pub fn routes() -> Vec<Route> {
    [footprint::routes()].into_iter().flatten().collect()
}
