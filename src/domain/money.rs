//! Money typed by people: a non-negative amount with at most two decimals that fits
//! `NUMERIC(18,2)`. Both decimal separators are accepted ("1 250 000,50" as a Russian user
//! types it, "1,250,000.50" is refused as ambiguous only when it has more than one separator
//! kind after the grouping spaces are removed).

use crate::domain::scoring::named_enum;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A non-negative amount of money with at most two decimals, below 10^16.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(Decimal);

/// Why a typed amount is refused (message keys `error-<code with dashes>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a number.
    NotANumber,
    /// Below zero.
    Negative,
    /// More than two decimals.
    TooPrecise,
    /// Does not fit NUMERIC(18,2).
    OutOfRange,
}

impl MoneyError {
    /// The code of the message beside the field (see `web::form::FieldProblem`).
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::NotANumber => "not_a_number",
            MoneyError::Negative => "money_negative",
            MoneyError::TooPrecise => "too_precise_2",
            MoneyError::OutOfRange => "out_of_range",
        }
    }
}

/// The largest amount NUMERIC(18,2) holds is 10^16 - 0.01.
const LIMIT: i64 = 10_000_000_000_000_000;

impl Money {
    /// Parses a typed amount: spaces (also non-breaking) group thousands, `,` or `.` is the
    /// decimal separator.
    pub fn parse(raw: &str) -> Result<Money, MoneyError> {
        let compact: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        if compact.contains(',') && compact.contains('.') {
            return Err(MoneyError::NotANumber);
        }
        let normal = compact.replace(',', ".");
        if normal.is_empty()
            || !normal
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            return Err(MoneyError::NotANumber);
        }
        let value = Decimal::from_str(&normal).map_err(|_| MoneyError::NotANumber)?;
        Money::new(value)
    }

    /// Like [`parse`](Self::parse), but an empty field is `None` (an amount not known yet).
    pub fn optional(raw: &str) -> Result<Option<Money>, MoneyError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Money::parse(raw).map(Some)
        }
    }

    /// An amount already held as a decimal.
    pub fn new(value: Decimal) -> Result<Money, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative);
        }
        if value.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        if value >= Decimal::from(LIMIT) {
            return Err(MoneyError::OutOfRange);
        }
        Ok(Money(value.abs()))
    }

    /// The amount.
    pub fn get(self) -> Decimal {
        self.0
    }
}

named_enum! {
    /// A currency we trade in (ISO 4217 code, stored as is); roubles unless chosen otherwise.
    #[derive(Default)]
    pub enum Currency as "currency" {
        /// Russian rouble.
        #[default]
        Rub => "RUB",
        /// Euro.
        Eur => "EUR",
        /// US dollar.
        Usd => "USD",
        /// Chinese yuan.
        Cny => "CNY",
        /// Kazakh tenge.
        Kzt => "KZT",
        /// Belarusian rouble.
        Byn => "BYN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Result<String, MoneyError> {
        Money::parse(s).map(|m| m.get().to_string())
    }

    #[test]
    fn amounts_take_either_decimal_separator_and_grouping_spaces() {
        assert_eq!(m("1 250 000,50"), Ok("1250000.50".into()));
        assert_eq!(m("1250000.5"), Ok("1250000.5".into()));
        assert_eq!(m("1\u{a0}000"), Ok("1000".into()));
        assert_eq!(m("0"), Ok("0".into()));
    }

    #[test]
    fn bad_amounts_are_refused_with_their_reason() {
        assert_eq!(m(""), Err(MoneyError::NotANumber));
        assert_eq!(m("abc"), Err(MoneyError::NotANumber));
        assert_eq!(m("1,000.50"), Err(MoneyError::NotANumber));
        assert_eq!(m("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(m("-5"), Err(MoneyError::Negative));
        assert_eq!(m("1.234"), Err(MoneyError::TooPrecise));
        assert_eq!(m("10000000000000000"), Err(MoneyError::OutOfRange));
        assert_eq!(m("9999999999999999.99"), Ok("9999999999999999.99".into()));
    }

    #[test]
    fn an_empty_optional_amount_is_none_and_a_bad_one_is_still_refused() {
        assert_eq!(Money::optional("  "), Ok(None));
        assert_eq!(
            Money::optional("5").map(|m| m.map(Money::get)),
            Ok(Some(Decimal::from(5)))
        );
        assert_eq!(Money::optional("-1"), Err(MoneyError::Negative));
    }

    #[test]
    fn currencies_are_their_iso_codes() {
        assert_eq!("EUR".parse::<Currency>().ok(), Some(Currency::Eur));
        assert!("eur".parse::<Currency>().is_err());
        assert_eq!(Currency::default().as_str(), "RUB");
    }
}
