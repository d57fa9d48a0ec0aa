//! Pure types and rules of the key account management domain.
//!
//! Nothing here knows about HTTP, SQL or the clock: every function takes what it needs as
//! arguments, which is what makes the rules unit- and property-testable.

pub mod account;
pub mod analysis;
pub mod ids;
pub mod league;
pub mod permissions;
pub mod scoring;
pub mod text;
pub mod user;
