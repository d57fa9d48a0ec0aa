//! Key-list reviews: the meeting where the key list and its owners are agreed.

use super::scoring::named_enum;

named_enum! {
    /// Whether a review is still being prepared or has been signed off.
    pub enum ReviewStatus as "review status" {
        /// Being prepared.
        Draft => "draft",
        /// Agreed and frozen.
        SignedOff => "signed_off",
    }
}
