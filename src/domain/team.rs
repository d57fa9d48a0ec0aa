//! The account team: who works on a client and in which role, how ownership changes hands, and
//! how a KAM's load compares with the method's guidance.
//!
//! The rules of the literature held here: every key client has exactly one owner, and that
//! owner is a key account manager; a change of owner is a handover with a reason and a note for
//! the new owner; a KAM carries 4 to 10 key clients.

use super::ids::UserId;
use super::scoring::named_enum;
use super::user::Role;
use chrono::NaiveDate;

named_enum! {
    /// A person's role on an account's team.
    pub enum TeamRole as "team role" {
        /// The one key account manager who owns the account.
        Owner => "owner",
        /// The KAM's assistant.
        Assistant => "assistant",
        /// A cross-functional member (logistics, finance, legal ...).
        Member => "member",
    }
}

named_enum! {
    /// What a cross-functional member does on the account (a pick list, so that "logistics"
    /// reads the same in both languages and can be counted).
    pub enum TeamFunction as "team function" {
        /// Deliveries, warehouses, transport.
        Logistics => "logistics",
        /// Credit limits, payment terms, invoices.
        Finance => "finance",
        /// Promotions, shelf and point-of-sale work.
        TradeMarketing => "trade_marketing",
        /// The assortment at the client.
        CategoryManagement => "category_management",
        /// Contracts and tenders' paperwork.
        Legal => "legal",
        /// Anything else.
        Other => "other",
    }
}

named_enum! {
    /// Why an account changed owner (a pick list: the reasons are compared across handovers).
    pub enum HandoverReason as "handover reason" {
        /// Nobody owned the client.
        Unowned => "unowned",
        /// Evening out the KAMs' load.
        Rebalance => "rebalance",
        /// The previous owner left or changed role.
        OwnerLeft => "owner_left",
        /// The new owner knows the client's industry or region.
        Expertise => "expertise",
        /// The client asked for it.
        ClientRequest => "client_request",
        /// Decided at the key-list review.
        Review => "review",
        /// A director accepted the KAM's offer to take the client on.
        OfferAccepted => "offer_accepted",
        /// Anything else (the note says what).
        Other => "other",
    }
}

impl HandoverReason {
    /// The reasons a director picks in the handover form: an accepted offer is recorded only
    /// by accepting the offer.
    pub const CHOICES: &'static [HandoverReason] = &[
        HandoverReason::Unowned,
        HandoverReason::Rebalance,
        HandoverReason::OwnerLeft,
        HandoverReason::Expertise,
        HandoverReason::ClientRequest,
        HandoverReason::Review,
        HandoverReason::Other,
    ];
}

named_enum! {
    /// Where a KAM's offer to take on an unowned key client stands.
    pub enum OfferStatus as "offer status" {
        /// Waiting for a director.
        Open => "open",
        /// A director accepted: the KAM became the owner.
        Accepted => "accepted",
        /// A director declined, with an answer.
        Declined => "declined",
        /// The client got an owner another way while the offer waited.
        Superseded => "superseded",
    }
}

/// Why a user cannot become an account's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRefusal {
    /// Only a key account manager owns a client.
    NotAKam,
    /// A deactivated user owns nothing new.
    Inactive,
    /// They already own it: a handover needs a different person.
    AlreadyOwner,
}

impl OwnerRefusal {
    /// The message shown beside the owner field.
    pub fn message_key(self) -> &'static str {
        match self {
            OwnerRefusal::NotAKam => "error-owner-not-kam",
            OwnerRefusal::Inactive => "error-owner-inactive",
            OwnerRefusal::AlreadyOwner => "error-owner-same",
        }
    }
}

/// Whether `candidate` (with `role`, active or not) may become the owner of an account whose
/// current owner is `current`; `None` when they may.
pub fn owner_refusal(
    candidate: UserId,
    role: Role,
    active: bool,
    current: Option<UserId>,
) -> Option<OwnerRefusal> {
    if role != Role::Kam {
        Some(OwnerRefusal::NotAKam)
    } else if !active {
        Some(OwnerRefusal::Inactive)
    } else if current == Some(candidate) {
        Some(OwnerRefusal::AlreadyOwner)
    } else {
        None
    }
}

/// Whether `user` (with `role`) may be added to a team in `team_role`: the owner comes only
/// through a handover, an assistant must be an assistant, and anyone active may be a
/// cross-functional member.
pub fn member_role_refusal(team_role: TeamRole, role: Role) -> Option<&'static str> {
    match team_role {
        TeamRole::Owner => Some("error-owner-by-handover"),
        TeamRole::Assistant if role != Role::Assistant => Some("error-member-not-assistant"),
        _ => None,
    }
}

/// The dates of a stint, checked: it cannot end before it starts.
pub fn stint_dates_refusal(from: NaiveDate, to: Option<NaiveDate>) -> Option<&'static str> {
    match to {
        Some(to) if to < from => Some("error-ends-before-start"),
        _ => None,
    }
}

/// The method's guidance on how many key clients one KAM can serve well: effectiveness drops
/// above the upper bound.
pub const GUIDANCE: (i64, i64) = (4, 10);

/// A KAM's load of key clients against [`GUIDANCE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// No key client at all.
    Idle,
    /// Fewer than the guidance: room for more.
    Light,
    /// Within the guidance.
    Within,
    /// More than the guidance: effectiveness drops.
    Overloaded,
}

impl Load {
    /// The load of a KAM who owns `key_accounts` key clients.
    pub fn of(key_accounts: i64) -> Load {
        let (low, high) = GUIDANCE;
        if key_accounts == 0 {
            Load::Idle
        } else if key_accounts < low {
            Load::Light
        } else if key_accounts <= high {
            Load::Within
        } else {
            Load::Overloaded
        }
    }

    /// The stable name (CSS class and message key suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            Load::Idle => "idle",
            Load::Light => "light",
            Load::Within => "within",
            Load::Overloaded => "overloaded",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_active_kam_other_than_the_current_owner_may_become_owner() {
        let (kam, other) = (UserId::new(), UserId::new());
        assert_eq!(owner_refusal(kam, Role::Kam, true, Some(other)), None);
        assert_eq!(owner_refusal(kam, Role::Kam, true, None), None);
        for role in [Role::Admin, Role::Director, Role::Assistant] {
            assert_eq!(
                owner_refusal(kam, role, true, None),
                Some(OwnerRefusal::NotAKam)
            );
        }
        assert_eq!(
            owner_refusal(kam, Role::Kam, false, None),
            Some(OwnerRefusal::Inactive)
        );
        assert_eq!(
            owner_refusal(kam, Role::Kam, true, Some(kam)),
            Some(OwnerRefusal::AlreadyOwner)
        );
    }

    #[test]
    fn the_owner_joins_only_by_handover_and_an_assistant_must_be_one() {
        assert!(member_role_refusal(TeamRole::Owner, Role::Kam).is_some());
        assert!(member_role_refusal(TeamRole::Assistant, Role::Kam).is_some());
        assert!(member_role_refusal(TeamRole::Assistant, Role::Assistant).is_none());
        for role in Role::ALL {
            assert!(member_role_refusal(TeamRole::Member, role).is_none());
        }
    }

    #[test]
    fn a_stint_cannot_end_before_it_starts() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 5, day).unwrap();
        assert!(stint_dates_refusal(d(2), Some(d(1))).is_some());
        assert!(stint_dates_refusal(d(2), Some(d(2))).is_none());
        assert!(stint_dates_refusal(d(2), None).is_none());
    }

    #[test]
    fn load_follows_the_four_to_ten_guidance() {
        let loads: Vec<_> = [0, 1, 3, 4, 10, 11].map(Load::of).into();
        assert_eq!(
            loads,
            [
                Load::Idle,
                Load::Light,
                Load::Light,
                Load::Within,
                Load::Within,
                Load::Overloaded
            ]
        );
    }

    #[test]
    fn an_accepted_offer_is_not_a_reason_a_director_picks() {
        assert!(!HandoverReason::CHOICES.contains(&HandoverReason::OfferAccepted));
        assert_eq!(HandoverReason::CHOICES.len() + 1, HandoverReason::ALL.len());
    }
}
