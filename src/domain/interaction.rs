//! Interactions: calls, meetings, e-mails and visits on the account's timeline.

use crate::domain::scoring::named_enum;

named_enum! {
    /// How we were in touch with the client.
    pub enum InteractionKind as "interaction kind" {
        /// A phone call.
        Call => "call",
        /// A meeting.
        Meeting => "meeting",
        /// An e-mail.
        Email => "email",
        /// A visit to the client's site.
        Visit => "visit",
        /// Anything else (an exhibition, a training).
        Other => "other",
    }
}
