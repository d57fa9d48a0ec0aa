//! Pure types and rules of the key account management domain.
//!
//! Nothing here knows about HTTP, SQL or the clock: every function takes what it needs as
//! arguments, which is what makes the rules unit- and property-testable.

pub mod account;
pub mod account_import;
pub mod analysis;
pub mod brief;
pub mod budget;
pub mod cockpit;
pub mod competitive;
pub mod contact;
pub mod contact_map;
pub mod deal;
pub mod dossier;
pub mod duplicate;
pub mod follow_up;
pub mod geo;
pub mod ids;
pub mod import;
pub mod industry;
pub mod interaction;
pub mod keylist;
pub mod league;
pub mod money;
pub mod offer;
pub mod order;
pub mod permissions;
pub mod plan;
pub mod review;
pub mod scoring;
pub mod system_text;
pub mod team;
pub mod text;
pub mod timeline;
pub mod user;
