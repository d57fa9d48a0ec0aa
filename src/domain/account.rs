//! Account-level rules that are not scoring: parsed inputs and the conditions a director's
//! key pin must meet.

use super::text::{self, TextError};

/// An account (client company) name: trimmed, 1 to 200 characters, no invisible characters
/// ([`text::COMPANY_NAME`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountName(String);

impl AccountName {
    /// Parses user input.
    pub fn parse(raw: &str) -> Result<AccountName, TextError> {
        text::COMPANY_NAME.required(raw).map(AccountName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Strategic importance for our company, 0 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Importance(u8);

impl Importance {
    /// Parses user input ("3").
    pub fn parse(raw: &str) -> Result<Importance, &'static str> {
        match raw.trim().parse::<u8>() {
            Ok(n) if n <= 5 => Ok(Importance(n)),
            Ok(_) => Err("importance_range"),
            Err(_) if raw.trim().is_empty() => Err("required"),
            Err(_) => Err("importance_range"),
        }
    }

    /// An importance from a number already known to be whole (0 to 5).
    pub fn new(n: u8) -> Result<Importance, &'static str> {
        if n <= 5 {
            Ok(Importance(n))
        } else {
            Err("importance_range")
        }
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// Why a new key pin must be refused, as a message key, or None when it may be set.
///
/// Refused when the account is not in the client base (lost or archived: never key), when it is
/// bronze (only gold and silver clients may become key), or when key pins alone already fill the
/// cap (a pin would then be reported `pin_over_cap`; the director must unpin someone first).
/// A pin on an account whose cap is full of clients chosen *by score* is allowed: that is what a
/// pin is for, and the lowest of them drops below the cut.
pub fn key_pin_refusal(
    status: &str,
    segment: Option<&str>,
    key_pins: usize,
    cap: usize,
) -> Option<&'static str> {
    if !matches!(status, "prospect" | "active") {
        return Some("error-pin-not-in-base");
    }
    match segment {
        Some("gold") | Some("silver") => {}
        _ => return Some("error-pin-bronze"),
    }
    if key_pins >= cap {
        return Some("error-pin-cap-full");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importance_is_a_whole_number_from_zero_to_five() {
        assert_eq!(Importance::parse(" 5 ").map(Importance::get), Ok(5));
        assert_eq!(Importance::parse("0").map(Importance::get), Ok(0));
        assert_eq!(Importance::parse("6"), Err("importance_range"));
        assert_eq!(Importance::parse("-1"), Err("importance_range"));
        assert_eq!(Importance::parse("2.5"), Err("importance_range"));
        assert_eq!(Importance::parse(""), Err("required"));
    }

    #[test]
    fn account_names_are_trimmed_and_required() {
        assert_eq!(
            AccountName::parse("  ООО Ромашка ").unwrap().as_str(),
            "ООО Ромашка"
        );
        assert_eq!(AccountName::parse(" "), Err(TextError::Required));
        assert_eq!(
            AccountName::parse(&"x".repeat(201)),
            Err(TextError::TooLong { max: 200 })
        );
    }

    #[test]
    fn a_key_pin_on_a_bronze_account_is_refused() {
        assert_eq!(
            key_pin_refusal("active", Some("bronze"), 0, 10),
            Some("error-pin-bronze")
        );
        assert_eq!(
            key_pin_refusal("active", None, 0, 10),
            Some("error-pin-bronze")
        );
    }

    #[test]
    fn a_key_pin_on_a_lost_or_archived_account_is_refused() {
        assert_eq!(
            key_pin_refusal("lost", Some("gold"), 0, 10),
            Some("error-pin-not-in-base")
        );
        assert_eq!(
            key_pin_refusal("archived", Some("gold"), 0, 10),
            Some("error-pin-not-in-base")
        );
    }

    #[test]
    fn a_key_pin_is_refused_when_pins_already_fill_the_cap() {
        assert_eq!(
            key_pin_refusal("active", Some("gold"), 3, 3),
            Some("error-pin-cap-full")
        );
        assert_eq!(
            key_pin_refusal("prospect", Some("silver"), 0, 0),
            Some("error-pin-cap-full")
        );
        assert_eq!(key_pin_refusal("active", Some("silver"), 2, 3), None);
    }
}
