//! The account timeline: one reverse-chronological stream of what happened with an account,
//! gathered from every source (orders, deals and tenders, interactions, follow-ups, the audit
//! log's dossier changes and pins, the account team's stints, orders' status moves).
//!
//! Each source is read by `db::timeline`; this module says what the stream is made of: the
//! kinds a reader filters by ([`Kind`]), the events of each kind ([`Event`]), and which audit
//! entries belong in the stream as what ([`audit_event`]). An audit entry about a record that
//! has its own source (a deal, an order, a follow-up, an interaction, a team stint) is not shown
//! a second time: that source says it, with the record's current figures. The exceptions are the
//! moves that only the audit log remembers: a deal's move between open stages.

use crate::domain::scoring::named_enum;

named_enum! {
    /// What a timeline entry is about: the filter of the timeline page.
    pub enum Kind as "timeline kind" {
        /// Orders placed and their status moves.
        Order => "order",
        /// Deals and tenders: opened, moved between stages, won or lost.
        Deal => "deal",
        /// Calls, meetings, e-mails, visits with the client.
        Interaction => "interaction",
        /// Next steps: due, or done.
        FollowUp => "follow_up",
        /// Changes to the account's dossier (every audited field that is not one of the others).
        Dossier => "dossier",
        /// People joining or leaving the account's team, ownership offers.
        Team => "team",
        /// The director's key / not-key pin.
        Pin => "pin",
    }
}

named_enum! {
    /// One entry of the timeline: what happened.
    pub enum Event as "timeline event" {
        /// An order was placed (its current status shown).
        OrderPlaced => "order_placed",
        /// An order's status moved (placed → confirmed → shipped → delivered, or cancelled),
        /// when and by whom (from the order's status history).
        OrderStatus => "order_status",
        /// A deal or tender was opened.
        DealOpened => "deal_opened",
        /// A deal moved between open stages (from the audit log).
        DealStage => "deal_stage",
        /// A deal was won or lost.
        DealClosed => "deal_closed",
        /// An interaction took place.
        Interaction => "interaction",
        /// A follow-up not done yet, at its due date.
        FollowUpDue => "follow_up_due",
        /// A follow-up done, when it was done.
        FollowUpDone => "follow_up_done",
        /// A field of the dossier changed.
        DossierChange => "dossier_change",
        /// Someone joined the account team.
        TeamJoined => "team_joined",
        /// Someone left the account team.
        TeamLeft => "team_left",
        /// A team matter the audit log records (an ownership offer, a handover's details).
        TeamChange => "team_change",
        /// The account was pinned key or not key, or unpinned.
        Pinned => "pinned",
    }
}

impl Event {
    /// The kind this event is filtered under.
    pub fn kind(self) -> Kind {
        match self {
            Event::OrderPlaced | Event::OrderStatus => Kind::Order,
            Event::DealOpened | Event::DealStage | Event::DealClosed => Kind::Deal,
            Event::Interaction => Kind::Interaction,
            Event::FollowUpDue | Event::FollowUpDone => Kind::FollowUp,
            Event::DossierChange => Kind::Dossier,
            Event::TeamJoined | Event::TeamLeft | Event::TeamChange => Kind::Team,
            Event::Pinned => Kind::Pin,
        }
    }
}

/// Audit entities whose records the timeline reads from their own tables: their audit entries
/// are not shown again (except the moves of [`AUDIT_MOVES`]).
pub const OWN_SOURCE_ENTITIES: &[&str] = &[
    "deal",
    "order",
    "follow_up",
    "interaction",
    "account_team",
    "account_handover",
];

/// Audit entries of an own-source entity that the timeline does show, because only the audit log
/// remembers them: `(entity, field, event)`.
pub const AUDIT_MOVES: &[(&str, &str, Event)] = &[("deal", "deal_stage", Event::DealStage)];

/// Audit entities that are team matters without a table of the timeline's own.
pub const TEAM_ENTITIES: &[&str] = &["ownership_offer"];

/// The pin's audit entry (entity `account`); its reason is recorded beside it as
/// [`PIN_REASON_FIELD`] and shown with it, not as an entry of its own.
pub const PIN_FIELD: &str = "pin";
/// See [`PIN_FIELD`].
pub const PIN_REASON_FIELD: &str = "pin_reason";

/// How the timeline shows an audit entry of `entity`'s `field`: as which event, or not at all.
///
/// A deal's stage move to won or lost is not shown either: the deal's own "closed" entry says
/// it, with the reason. `db::timeline` states the same rule in SQL from these constants; a test
/// there holds the two together.
pub fn audit_event(entity: &str, field: &str, new_value: Option<&str>) -> Option<Event> {
    if let Some((_, _, event)) = AUDIT_MOVES
        .iter()
        .find(|(e, f, _)| *e == entity && *f == field)
    {
        let closing = matches!(new_value, Some("won" | "lost"));
        return (!closing).then_some(*event);
    }
    if OWN_SOURCE_ENTITIES.contains(&entity) {
        return None;
    }
    if TEAM_ENTITIES.contains(&entity) {
        return Some(Event::TeamChange);
    }
    if entity == "account" && field == PIN_FIELD {
        return Some(Event::Pinned);
    }
    if entity == "account" && field == PIN_REASON_FIELD {
        return None;
    }
    Some(Event::DossierChange)
}

/// The order the stream is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Newest first (the timeline's order).
    #[default]
    NewestFirst,
    /// Oldest first.
    OldestFirst,
}

impl Direction {
    /// `oldest` reads oldest first; anything else is newest first.
    pub fn parse(raw: Option<&str>) -> Direction {
        match raw.map(str::trim) {
            Some("oldest") => Direction::OldestFirst,
            _ => Direction::NewestFirst,
        }
    }

    /// The value of the query parameter (empty for the default).
    pub fn as_param(self) -> &'static str {
        match self {
            Direction::NewestFirst => "",
            Direction::OldestFirst => "oldest",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_belongs_to_a_kind_and_every_kind_has_an_event() {
        for kind in Kind::ALL {
            assert!(
                Event::ALL.iter().any(|e| e.kind() == *kind),
                "no event of kind {kind}"
            );
        }
    }

    #[test]
    fn a_pin_is_shown_once_with_its_reason_beside_it() {
        assert_eq!(
            audit_event("account", "pin", Some("key")),
            Some(Event::Pinned)
        );
        assert_eq!(audit_event("account", "pin_reason", Some("why")), None);
    }

    #[test]
    fn records_with_their_own_source_are_not_shown_twice() {
        for entity in OWN_SOURCE_ENTITIES {
            assert_eq!(audit_event(entity, "created", None), None, "{entity}");
        }
        assert_eq!(audit_event("deal", "deal_amount", Some("5")), None);
        assert_eq!(audit_event("account_team", "joined", None), None);
    }

    #[test]
    fn a_move_between_open_stages_is_shown_but_closing_is_the_deals_own_entry() {
        assert_eq!(
            audit_event("deal", "deal_stage", Some("proposal")),
            Some(Event::DealStage)
        );
        assert_eq!(audit_event("deal", "deal_stage", Some("won")), None);
        assert_eq!(audit_event("deal", "deal_stage", Some("lost")), None);
    }

    #[test]
    fn every_other_audited_field_of_the_account_is_a_dossier_change() {
        assert_eq!(
            audit_event("account", "status", Some("lost")),
            Some(Event::DossierChange)
        );
        assert_eq!(
            audit_event("dossier", "needs", None),
            Some(Event::DossierChange)
        );
        assert_eq!(
            audit_event("contact", "attitude", None),
            Some(Event::DossierChange)
        );
        assert_eq!(
            audit_event("ownership_offer", "status", None),
            Some(Event::TeamChange)
        );
    }

    #[test]
    fn the_direction_is_newest_first_unless_asked() {
        assert_eq!(Direction::parse(None), Direction::NewestFirst);
        assert_eq!(Direction::parse(Some("x")), Direction::NewestFirst);
        assert_eq!(Direction::parse(Some("oldest")), Direction::OldestFirst);
        assert_eq!(Direction::OldestFirst.as_param(), "oldest");
    }
}
