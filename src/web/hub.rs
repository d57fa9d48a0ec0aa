//! The account hub: the one header and the two-level tab navigation of every page about one
//! account, `/accounts/{id}` (the overview) and `/accounts/{id}/<slug>` (its sections).
//!
//! [`LAYOUT`] places every planned section (of every area) in a tab group. A tab is shown
//! exactly when its page exists: a `GET /accounts/{id}/<slug>` route in the route registry
//! (`web::routes::all`), whose gate lets the reader in. So an area adds its tab by adding its
//! route; a slug that is not planned yet is one more line in [`LAYOUT`] (and its `tab-<slug>`
//! name in both catalogs). Unbuilt sections never show as dead links.
//!
//! A section's handler loads the hub with [`Hub::load`] and its template extends
//! `account/hub.html`, filling `{% block section %}`:
//!
//! ```ignore
//! #[derive(Template, WebTemplate)]
//! #[template(path = "contacts/list.html")]   // {% extends "account/hub.html" %}
//! struct ContactsPage { ctx: PageCtx, hub: Hub, contacts: Vec<ContactRow> }
//!
//! async fn list(State(state): State<AppState>, ctx: PageCtx, me: Me, account: OnAccount)
//!     -> AppResult<ContactsPage> {
//!     let hub = Hub::load(&state, &me, account, "contacts").await?;
//!     Ok(ContactsPage { ctx, hub, contacts: db::contacts::list(&state.pool, account.id).await? })
//! }
//! ```

use super::AppState;
use super::ctx::Me;
use super::routes::{Gate, OnAccount};
use crate::db;
use crate::domain::dossier::{Qualification, Readiness, Section};
use crate::domain::ids::AccountId;
use crate::domain::permissions::{self, Action};
use crate::domain::scoring::{Status, named_enum};
use crate::error::{AppError, AppResult};
use axum::http::Method;
use std::collections::HashMap;
use std::sync::LazyLock;

named_enum! {
    /// The first level of an account's navigation, in display order.
    pub enum TabGroup as "tab group" {
        /// The overview and the key decision.
        Overview => "overview",
        /// The dossier's sections.
        Dossier => "dossier",
        /// The contact map and interactions.
        Contacts => "contacts",
        /// Deals, orders, follow-ups, the timeline, analyses.
        Sales => "sales",
        /// The account team.
        Team => "team",
        /// Account planning.
        Planning => "planning",
        /// Every change to the account.
        History => "history",
    }
}

/// Every planned section of an account page, by group, in display order: `(group, slug)`, the
/// slug being the path after `/accounts/{id}/` ("" for the overview). A tab's name is
/// `tab-<slug>` (`tab-overview` for ""). Owners: account-hub (overview, why, the dossier,
/// history), contacts, deals, orders, teams, planning (TEAM.md).
pub const LAYOUT: &[(TabGroup, &str)] = &[
    (TabGroup::Overview, ""),
    (TabGroup::Overview, "why"),
    (TabGroup::Dossier, "general"),
    (TabGroup::Dossier, "footprint"),
    (TabGroup::Dossier, "potential"),
    (TabGroup::Dossier, "importance"),
    (TabGroup::Dossier, "needs"),
    (TabGroup::Dossier, "competitors"),
    (TabGroup::Dossier, "qualification"),
    (TabGroup::Dossier, "types"),
    (TabGroup::Contacts, "contacts"),
    (TabGroup::Contacts, "map"),
    (TabGroup::Contacts, "interactions"),
    (TabGroup::Sales, "deals"),
    (TabGroup::Sales, "orders"),
    (TabGroup::Sales, "follow-ups"),
    (TabGroup::Sales, "timeline"),
    (TabGroup::Sales, "analysis"),
    (TabGroup::Team, "team"),
    (TabGroup::Planning, "plan"),
    (TabGroup::Planning, "competitive"),
    (TabGroup::Planning, "special-offers"),
    (TabGroup::Planning, "budget"),
    (TabGroup::Planning, "brief"),
    (TabGroup::History, "history"),
];

/// The path of an account's section page (`slug` "" for the overview).
pub fn href(id: AccountId, slug: &str) -> String {
    if slug.is_empty() {
        format!("/accounts/{id}")
    } else {
        format!("/accounts/{id}/{slug}")
    }
}

/// The built sections: slug → the gate of its page, from the route registry.
static BUILT: LazyLock<HashMap<&'static str, Gate>> = LazyLock::new(|| {
    let pages: HashMap<&'static str, Gate> = super::routes::all()
        .into_iter()
        .filter(|r| r.method == Method::GET)
        .filter_map(|r| {
            let slug = r.path.strip_prefix("/accounts/{id}")?;
            let slug = if slug.is_empty() {
                ""
            } else {
                slug.strip_prefix('/')?
            };
            Some((slug, r.gate))
        })
        .collect();
    LAYOUT
        .iter()
        .filter_map(|(_, slug)| pages.get(slug).map(|gate| (*slug, *gate)))
        .collect()
});

/// Whether the section `slug` has a page (for links from other pages to a section).
pub fn is_built(slug: &str) -> bool {
    BUILT.contains_key(slug)
}

/// A link of the account navigation.
#[derive(Debug, Clone)]
pub struct TabLink {
    /// Message key of its name.
    pub label: String,
    /// Target.
    pub href: String,
    /// Whether the current page is (under) it.
    pub current: bool,
}

/// The header and navigation of one account's page.
#[derive(Debug, Clone)]
pub struct Hub {
    /// What the header shows.
    pub header: db::accounts::AccountHeader,
    /// The first level: groups with at least one tab the reader may open.
    pub groups: Vec<TabLink>,
    /// The second level: the current group's tabs, when it has more than one.
    pub tabs: Vec<TabLink>,
    /// The current section's slug.
    pub slug: &'static str,
    /// Whether the reader may edit this account (dossier, footprint, potential ...).
    pub can_edit: bool,
    /// The reader may pin and run the key list (directors, admins).
    pub can_pin: bool,
    /// The sections whose pages the reader may open: every link to a section (a tab, the
    /// header's "why" link, a missing dossier section) is drawn only for these, so a link
    /// exists exactly when the gate of its page lets the reader in.
    pub open: Vec<&'static str>,
}

impl Hub {
    /// The hub of account `account` for page `slug` (one of [`LAYOUT`]'s, or the slug of the
    /// tab a sub-page belongs to: the edit form of "general" is under "general").
    pub async fn load(
        state: &AppState,
        me: &Me,
        account: OnAccount,
        slug: &'static str,
    ) -> AppResult<Hub> {
        let header = db::accounts::header(&state.pool, account.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = me.0.role;
        let may_open = |slug: &str| match BUILT.get(slug) {
            Some(Gate::Account(action)) => permissions::allows(role, *action, account.relation),
            Some(_) => true,
            None => false,
        };
        let open_slugs: Vec<&'static str> = LAYOUT
            .iter()
            .map(|(_, s)| *s)
            .filter(|s| may_open(s))
            .collect();
        let current_group = LAYOUT.iter().find(|(_, s)| *s == slug).map(|(g, _)| *g);
        let mut groups = Vec::new();
        let mut tabs = Vec::new();
        for &group in TabGroup::ALL {
            let open: Vec<&str> = LAYOUT
                .iter()
                .filter(|(g, s)| *g == group && may_open(s))
                .map(|(_, s)| *s)
                .collect();
            let Some(first) = open.first() else { continue };
            let current = current_group == Some(group);
            groups.push(TabLink {
                label: format!("tab-group-{}", group.as_str()),
                href: href(account.id, first),
                current,
            });
            if current && open.len() > 1 {
                tabs = open
                    .iter()
                    .map(|s| TabLink {
                        label: tab_label(s),
                        href: href(account.id, s),
                        current: *s == slug,
                    })
                    .collect();
            }
        }
        Ok(Hub {
            header,
            groups,
            tabs,
            slug,
            can_edit: permissions::allows(role, Action::EditAccount, account.relation),
            can_pin: permissions::allows(role, Action::ManageKeyList, account.relation),
            open: open_slugs,
        })
    }

    /// Whether the reader may open the section `slug` of this account (its page exists and
    /// its gate lets the reader in).
    pub fn may_open(&self, slug: &str) -> bool {
        self.open.contains(&slug)
    }

    /// The account's id.
    pub fn id(&self) -> AccountId {
        self.header.id
    }

    /// The path of one of this account's sections.
    pub fn href(&self, slug: &str) -> String {
        href(self.header.id, slug)
    }

    /// The message key of the current section's name.
    pub fn title_key(&self) -> String {
        tab_label(self.slug)
    }

    /// The empty dossier sections, each with the link to its page when it has one that the
    /// reader may open.
    pub fn missing(&self) -> Vec<(Section, Option<String>)> {
        self.header
            .dossier_missing
            .iter()
            .filter_map(|s| s.parse::<Section>().ok())
            .map(|s| (s, self.may_open(s.as_str()).then(|| self.href(s.as_str()))))
            .collect()
    }

    /// For a prospect, whether it is ready by the three "P" (None for other statuses).
    pub fn readiness(&self) -> Option<Readiness> {
        (self.header.status == Status::Prospect).then(|| {
            Qualification {
                need: self.header.need,
                ability_to_pay: self.header.ability_to_pay,
                authority: self.header.authority,
            }
            .readiness()
        })
    }

    /// When a lost or archived account was closed.
    pub fn closed_on(&self) -> Option<chrono::NaiveDate> {
        self.header
            .status_changed_at
            .filter(|_| self.is_closed())
            .map(|at| at.date_naive())
    }

    /// Whether the status is one that ends the relationship (lost or archived).
    pub fn is_closed(&self) -> bool {
        matches!(self.header.status, Status::Lost | Status::Archived)
    }
}

/// The message key of a section's tab name.
pub fn tab_label(slug: &str) -> String {
    if slug.is_empty() {
        "tab-overview".into()
    } else {
        format!("tab-{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_planned_slug_is_listed_once() {
        let mut slugs: Vec<&str> = LAYOUT.iter().map(|(_, s)| *s).collect();
        let n = slugs.len();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), n);
    }

    #[test]
    fn layout_groups_appear_in_display_order() {
        let order: Vec<usize> = LAYOUT
            .iter()
            .map(|(g, _)| TabGroup::ALL.iter().position(|x| x == g).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    }

    #[test]
    fn a_section_is_built_exactly_when_the_registry_has_its_page() {
        assert!(is_built(""), "the overview");
        assert!(is_built("why"));
        assert!(is_built("history"));
        assert!(!is_built("pin"), "a form, not a tab");
    }
}
