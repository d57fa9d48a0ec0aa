//! Typed identifiers: an `AccountId` cannot be passed where a `UserId` is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered (v7) identifier.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

typed_id!(
    /// A user of KAM Desk (one of our own people).
    UserId,
    /// A client company.
    AccountId,
    /// A person at a client.
    ContactId,
    /// A deal or tender.
    DealId,
    /// A logged order.
    OrderId,
    /// A dated next step.
    FollowUpId,
    /// A key-list review meeting.
    ReviewId,
    /// A place of a client's footprint.
    LocationId,
    /// A person's stint on an account's team.
    TeamStintId,
    /// A competitor courting a client.
    CompetitorId,
    /// A recorded change of a contact's attitude.
    AttitudeChangeId,
    /// A recorded change of a contact's influence.
    InfluenceChangeId,
    /// A call, meeting, e-mail or visit.
    InteractionId,
    /// A change of an account's owner.
    HandoverId,
    /// A KAM's offer to take on an unowned key client.
    OfferId,
    /// An account's plan for one year.
    PlanId,
    /// An objective of an account plan.
    ObjectiveId,
    /// An action under an objective of an account plan.
    PlanActionId,
    /// A KAM budget of one account and year.
    BudgetId,
    /// One saved version of an account's competitive grid.
    GridId,
    /// A special offer to a key client (two or three variants).
    SpecialOfferId,
);
