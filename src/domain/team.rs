//! The account team: who works on a client and in which role.

use crate::domain::scoring::named_enum;

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
