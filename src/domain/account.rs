//! Account-level rules that are not scoring: parsed inputs and the conditions a director's
//! key pin must meet.

use super::scoring::{Segment, Status};
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

/// A tax id (ИНН, VAT number, EIN ...): only its digits are kept, 5 to 20 of them, so that
/// "7701 234-567" and "7701234567" are one id (unique among accounts when present).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaxId(String);

impl TaxId {
    /// The fewest digits of a tax id.
    pub const MIN_DIGITS: usize = 5;
    /// The most digits of a tax id.
    pub const MAX_DIGITS: usize = 20;

    /// Parses user input: spaces, dashes, dots and slashes group digits and are dropped;
    /// anything else is refused. Empty is `None`.
    pub fn parse_optional(raw: &str) -> Result<Option<TaxId>, &'static str> {
        let mut digits = String::new();
        for c in raw.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '\u{a0}' | '-' | '.' | '/' => {}
                _ => return Err("tax_id_format"),
            }
        }
        match digits.len() {
            0 if raw.trim().is_empty() => Ok(None),
            n if (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&n) => Ok(Some(TaxId(digits))),
            _ => Err("tax_id_format"),
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account's id in another system (the ERP an import comes from): as typed, at most 100
/// characters ([`text::LABEL`]), unique among accounts when present.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalId(String);

impl ExternalId {
    /// Parses user input; empty is `None`.
    pub fn parse_optional(raw: &str) -> Result<Option<ExternalId>, TextError> {
        text::LABEL.optional(raw).map(|o| o.map(ExternalId))
    }

    /// The id.
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

/// Why a director's new key pin is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefusal {
    /// The account is lost or archived: outside the client base, never key.
    NotInBase,
    /// The account is bronze (or not scored): only gold and silver clients may become key.
    Bronze,
    /// Key pins alone already fill the cap: someone must be unpinned first.
    CapFull,
}

/// Why a new key pin must be refused, or None when it may be set.
///
/// Refused when the account is not in the client base (lost or archived: never key), when it is
/// bronze (only gold and silver clients may become key), or when key pins alone already fill the
/// cap (a pin would then be reported `pin_over_cap`; the director must unpin someone first).
/// A pin on an account whose cap is full of clients chosen *by score* is allowed: that is what a
/// pin is for, and the lowest of them drops below the cut.
pub fn key_pin_refusal(
    status: Status,
    segment: Option<Segment>,
    key_pins: usize,
    cap: usize,
) -> Option<PinRefusal> {
    if !status.in_base() {
        return Some(PinRefusal::NotInBase);
    }
    if !matches!(segment, Some(Segment::Gold | Segment::Silver)) {
        return Some(PinRefusal::Bronze);
    }
    if key_pins >= cap {
        return Some(PinRefusal::CapFull);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use PinRefusal::*;
    use Segment::{Bronze as B, Gold as G, Silver as S};
    use Status::*;

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
    fn a_tax_id_keeps_its_digits_and_drops_grouping() {
        let id = |s| TaxId::parse_optional(s).map(|o| o.map(|t| t.as_str().to_string()));
        assert_eq!(id(" 7701 234-567 "), Ok(Some("7701234567".into())));
        assert_eq!(id("12.345.678/0001"), Ok(Some("123456780001".into())));
        assert_eq!(id(""), Ok(None));
        assert_eq!(id("77O1234567"), Err("tax_id_format"));
        assert_eq!(id("1234"), Err("tax_id_format"));
        let long = "1".repeat(21);
        assert_eq!(id(&long), Err("tax_id_format"));
        assert_eq!(id("--"), Err("tax_id_format"));
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
        assert_eq!(key_pin_refusal(Active, Some(B), 0, 10), Some(Bronze));
        assert_eq!(key_pin_refusal(Active, None, 0, 10), Some(Bronze));
    }

    #[test]
    fn a_key_pin_on_a_lost_or_archived_account_is_refused() {
        assert_eq!(key_pin_refusal(Lost, Some(G), 0, 10), Some(NotInBase));
        assert_eq!(key_pin_refusal(Archived, Some(G), 0, 10), Some(NotInBase));
    }

    #[test]
    fn a_key_pin_is_refused_when_pins_already_fill_the_cap() {
        assert_eq!(key_pin_refusal(Active, Some(G), 3, 3), Some(CapFull));
        assert_eq!(key_pin_refusal(Prospect, Some(S), 0, 0), Some(CapFull));
        assert_eq!(key_pin_refusal(Active, Some(S), 2, 3), None);
    }
}
