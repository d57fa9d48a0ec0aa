//! Orders logged by assistants, tracked until delivered: the status moves, and the one parse of
//! an order's fields that the entry form and the CSV import share (the import's column names
//! are the form's field names, [`OrderField::name`]).

use crate::domain::money::{Currency, Money, MoneyError};
use crate::domain::scoring::named_enum;
use crate::domain::text::{self, TextError};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

named_enum! {
    /// An order's progress until delivery.
    pub enum OrderStatus as "order status" {
        /// Logged.
        Placed => "placed",
        /// Confirmed by us.
        Confirmed => "confirmed",
        /// On its way.
        Shipped => "shipped",
        /// Delivered.
        Delivered => "delivered",
        /// Called off.
        Cancelled => "cancelled",
    }
}

/// Why a status move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    /// The order already has that status.
    #[error("already there")]
    Unchanged,
    /// Delivered and cancelled orders stay as they are.
    #[error("final status")]
    Final,
    /// Only the next step (or cancelling) is allowed: no skipping, no going back.
    #[error("not the next step")]
    NotNext,
}

impl MoveRefusal {
    /// The message shown when a move is refused.
    pub fn message_key(self) -> &'static str {
        match self {
            MoveRefusal::Unchanged => "error-order-status-unchanged",
            MoveRefusal::Final => "error-status-final",
            MoveRefusal::NotNext => "error-status-not-next",
        }
    }
}

impl OrderStatus {
    /// Delivered and cancelled orders do not move any more.
    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Delivered | OrderStatus::Cancelled)
    }

    /// The next step along placed → confirmed → shipped → delivered.
    pub fn next(self) -> Option<OrderStatus> {
        match self {
            OrderStatus::Placed => Some(OrderStatus::Confirmed),
            OrderStatus::Confirmed => Some(OrderStatus::Shipped),
            OrderStatus::Shipped => Some(OrderStatus::Delivered),
            OrderStatus::Delivered | OrderStatus::Cancelled => None,
        }
    }

    /// Where an order with this status may move: the next step, and cancelled, until it is
    /// delivered or cancelled.
    pub fn moves(self) -> Vec<OrderStatus> {
        match self.next() {
            Some(next) => vec![next, OrderStatus::Cancelled],
            None => vec![],
        }
    }
}

/// Whether an order may move from `from` to `to`: one step forward along placed → confirmed
/// → shipped → delivered, or to cancelled from any status before delivery. An order logged
/// late may start at a later status (the entry form's choice); after that it only moves on.
pub fn move_status(from: OrderStatus, to: OrderStatus) -> Result<OrderStatus, MoveRefusal> {
    if from == to {
        Err(MoveRefusal::Unchanged)
    } else if from.is_final() {
        Err(MoveRefusal::Final)
    } else if to == OrderStatus::Cancelled || from.next() == Some(to) {
        Ok(to)
    } else {
        Err(MoveRefusal::NotNext)
    }
}

/// The free text of an order: what was ordered.
pub const DESCRIPTION: text::TextRule = text::TextRule::line(300);

/// The earliest order date accepted: older dates are typos ("0025" for "2025").
pub fn earliest_order_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
}

/// A field of an order: the form's field name and the import's column name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrderField {
    /// When it was ordered.
    OrderedOn,
    /// Amount.
    Amount,
    /// Margin.
    Margin,
    /// Currency.
    Currency,
    /// What was ordered.
    Description,
    /// Where it stands.
    Status,
}

impl OrderField {
    /// Every field, in the order of the form and of the sample file.
    pub const ALL: [OrderField; 6] = [
        OrderField::OrderedOn,
        OrderField::Amount,
        OrderField::Margin,
        OrderField::Currency,
        OrderField::Description,
        OrderField::Status,
    ];

    /// The form field's and the CSV column's name.
    pub fn name(self) -> &'static str {
        match self {
            OrderField::OrderedOn => "ordered_on",
            OrderField::Amount => "amount",
            OrderField::Margin => "margin",
            OrderField::Currency => "currency",
            OrderField::Description => "description",
            OrderField::Status => "status",
        }
    }
}

/// Why one field of an order was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderProblem {
    /// A required value is missing.
    Required,
    /// Not a date in `YYYY-MM-DD` or `DD.MM.YYYY`.
    NotADate,
    /// Before [`earliest_order_date`].
    DateTooEarly,
    /// After tomorrow.
    DateInFuture,
    /// A bad amount.
    Amount(MoneyError),
    /// The margin is larger than the amount.
    MarginAboveAmount,
    /// Not one of [`Currency::ALL`].
    UnknownCurrency,
    /// Not one of [`OrderStatus::ALL`].
    UnknownStatus,
    /// The text rule refused the description.
    Text(TextError),
}

impl OrderProblem {
    /// The message key (a too-long text carries its limit after `#`, like the forms' keys).
    pub fn message_key(self) -> String {
        match self {
            OrderProblem::Required => "error-required".into(),
            OrderProblem::NotADate => "error-not-a-date".into(),
            OrderProblem::DateTooEarly => "error-date-too-early".into(),
            OrderProblem::DateInFuture => "error-order-after-tomorrow".into(),
            OrderProblem::Amount(e) => format!("error-{}", e.code().replace('_', "-")),
            OrderProblem::MarginAboveAmount => "error-margin-above-amount".into(),
            OrderProblem::UnknownCurrency | OrderProblem::UnknownStatus => {
                "error-invalid-choice".into()
            }
            OrderProblem::Text(TextError::TooLong { max }) => {
                format!("{}#{max}", TextError::TooLong { max }.message_key())
            }
            OrderProblem::Text(e) => e.message_key(),
        }
    }
}

/// An order's fields as typed (a form, or one line of an import).
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderDraft<'a> {
    /// `YYYY-MM-DD` or `DD.MM.YYYY`.
    pub ordered_on: &'a str,
    /// Amount (required).
    pub amount: &'a str,
    /// Margin (empty: 0).
    pub margin: &'a str,
    /// Currency code (empty: RUB).
    pub currency: &'a str,
    /// What was ordered (may be empty).
    pub description: &'a str,
    /// Status name (required).
    pub status: &'a str,
}

/// An order's fields, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFields {
    /// When it was ordered.
    pub ordered_on: NaiveDate,
    /// Not negative, at most two decimals.
    pub amount: Decimal,
    /// Not negative, at most two decimals, not above the amount.
    pub margin: Decimal,
    /// Currency.
    pub currency: Currency,
    /// What was ordered ("" when not said).
    pub description: String,
    /// Where it stands.
    pub status: OrderStatus,
}

/// Parses a date as a form or a file gives it: `YYYY-MM-DD` (what a date input sends) or
/// `DD.MM.YYYY` (how Russian users write it).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d.%m.%Y"))
        .ok()
}

/// Parses every field of an order; `today` bounds the date (an order may be dated at most one
/// day ahead, for readers east of the server's clock). Every refused field is reported, in
/// field order.
pub fn parse_order(
    draft: &OrderDraft<'_>,
    today: NaiveDate,
) -> Result<OrderFields, Vec<(OrderField, OrderProblem)>> {
    let mut problems = vec![];
    let ordered_on = if draft.ordered_on.trim().is_empty() {
        problems.push((OrderField::OrderedOn, OrderProblem::Required));
        None
    } else {
        match parse_date(draft.ordered_on) {
            None => {
                problems.push((OrderField::OrderedOn, OrderProblem::NotADate));
                None
            }
            Some(d) if d < earliest_order_date() => {
                problems.push((OrderField::OrderedOn, OrderProblem::DateTooEarly));
                None
            }
            Some(d) if today.checked_add_days(Days::new(1)).is_some_and(|t| d > t) => {
                problems.push((OrderField::OrderedOn, OrderProblem::DateInFuture));
                None
            }
            Some(d) => Some(d),
        }
    };
    let mut money = |field: OrderField, raw: &str, required: bool| {
        if raw.trim().is_empty() {
            if required {
                problems.push((field, OrderProblem::Required));
                return None;
            }
            return Some(Decimal::ZERO);
        }
        Money::parse(raw)
            .map(Money::get)
            .map_err(|e| problems.push((field, OrderProblem::Amount(e))))
            .ok()
    };
    let amount = money(OrderField::Amount, draft.amount, true);
    let margin = money(OrderField::Margin, draft.margin, false);
    if let (Some(a), Some(m)) = (amount, margin)
        && m > a
    {
        problems.push((OrderField::Margin, OrderProblem::MarginAboveAmount));
    }
    let currency = match draft.currency.trim() {
        "" => Some(Currency::default()),
        c => c
            .to_ascii_uppercase()
            .parse::<Currency>()
            .map_err(|_| problems.push((OrderField::Currency, OrderProblem::UnknownCurrency)))
            .ok(),
    };
    let description = DESCRIPTION
        .optional(draft.description)
        .map_err(|e| problems.push((OrderField::Description, OrderProblem::Text(e))))
        .ok()
        .map(Option::unwrap_or_default);
    let status = match draft.status.trim() {
        "" => {
            problems.push((OrderField::Status, OrderProblem::Required));
            None
        }
        s => s
            .to_ascii_lowercase()
            .parse::<OrderStatus>()
            .map_err(|_| problems.push((OrderField::Status, OrderProblem::UnknownStatus)))
            .ok(),
    };
    match (ordered_on, amount, margin, currency, description, status) {
        (
            Some(ordered_on),
            Some(amount),
            Some(margin),
            Some(currency),
            Some(description),
            Some(status),
        ) if problems.is_empty() => Ok(OrderFields {
            ordered_on,
            amount,
            margin,
            currency,
            description,
            status,
        }),
        _ => {
            problems.sort_by_key(|(f, _)| *f);
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;
    use std::str::FromStr;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn an_order_moves_one_step_forward_or_is_cancelled_before_delivery() {
        assert_eq!(move_status(Placed, Confirmed), Ok(Confirmed));
        assert_eq!(move_status(Confirmed, Shipped), Ok(Shipped));
        assert_eq!(move_status(Shipped, Delivered), Ok(Delivered));
        for from in [Placed, Confirmed, Shipped] {
            assert_eq!(move_status(from, Cancelled), Ok(Cancelled), "{from}");
        }
    }

    #[test]
    fn an_order_never_skips_a_step_goes_back_or_leaves_a_final_status() {
        assert_eq!(move_status(Placed, Shipped), Err(MoveRefusal::NotNext));
        assert_eq!(move_status(Placed, Delivered), Err(MoveRefusal::NotNext));
        assert_eq!(move_status(Shipped, Confirmed), Err(MoveRefusal::NotNext));
        assert_eq!(move_status(Confirmed, Placed), Err(MoveRefusal::NotNext));
        assert_eq!(move_status(Delivered, Cancelled), Err(MoveRefusal::Final));
        assert_eq!(move_status(Cancelled, Placed), Err(MoveRefusal::Final));
        assert_eq!(move_status(Shipped, Shipped), Err(MoveRefusal::Unchanged));
    }

    #[test]
    fn the_offered_moves_are_exactly_the_allowed_ones() {
        for &from in OrderStatus::ALL {
            for &to in OrderStatus::ALL {
                assert_eq!(
                    from.moves().contains(&to),
                    move_status(from, to).is_ok(),
                    "{from} -> {to}"
                );
            }
        }
    }

    fn draft<'a>(amount: &'a str, margin: &'a str) -> OrderDraft<'a> {
        OrderDraft {
            ordered_on: "2026-11-20",
            amount,
            margin,
            currency: "",
            description: "  Spare parts  ",
            status: "placed",
        }
    }

    #[test]
    fn a_valid_order_is_parsed_with_defaults_for_currency_and_margin() {
        let today = day("2026-11-25");
        let o = parse_order(&draft("1 234,50", ""), today).unwrap();
        assert_eq!(o.ordered_on, day("2026-11-20"));
        assert_eq!(o.amount, Decimal::from_str("1234.5").unwrap());
        assert_eq!(o.margin, Decimal::ZERO);
        assert_eq!(o.currency, Currency::Rub);
        assert_eq!(o.description, "Spare parts");
        assert_eq!(o.status, Placed);
        let mut russian = draft("100", "100");
        russian.ordered_on = "20.11.2026";
        russian.currency = "eur";
        russian.status = "Delivered";
        let o = parse_order(&russian, today).unwrap();
        assert_eq!(
            (o.ordered_on, o.currency, o.status),
            (day("2026-11-20"), Currency::Eur, Delivered)
        );
    }

    #[test]
    fn every_bad_field_is_reported_in_field_order() {
        let today = day("2026-11-25");
        let bad = OrderDraft {
            ordered_on: "2026-13-01",
            amount: "-5",
            margin: "1.234",
            currency: "XYZ",
            description: "a\u{0}b",
            status: "lost",
        };
        let problems = parse_order(&bad, today).unwrap_err();
        assert_eq!(
            problems,
            vec![
                (OrderField::OrderedOn, OrderProblem::NotADate),
                (
                    OrderField::Amount,
                    OrderProblem::Amount(MoneyError::Negative)
                ),
                (
                    OrderField::Margin,
                    OrderProblem::Amount(MoneyError::TooPrecise)
                ),
                (OrderField::Currency, OrderProblem::UnknownCurrency),
                (
                    OrderField::Description,
                    OrderProblem::Text(TextError::Control)
                ),
                (OrderField::Status, OrderProblem::UnknownStatus),
            ]
        );
    }

    #[test]
    fn the_margin_may_equal_but_not_exceed_the_amount() {
        let today = day("2026-11-25");
        assert!(parse_order(&draft("100", "100"), today).is_ok());
        assert_eq!(
            parse_order(&draft("100", "100.01"), today).unwrap_err(),
            vec![(OrderField::Margin, OrderProblem::MarginAboveAmount)]
        );
    }

    #[test]
    fn dates_before_2000_or_after_tomorrow_and_missing_values_are_refused() {
        let today = day("2026-11-25");
        let with_date = |d: &'static str| OrderDraft {
            ordered_on: d,
            ..draft("1", "")
        };
        assert!(
            parse_order(&with_date("2026-11-26"), today).is_ok(),
            "tomorrow: time zones"
        );
        assert_eq!(
            parse_order(&with_date("2026-11-27"), today).unwrap_err(),
            vec![(OrderField::OrderedOn, OrderProblem::DateInFuture)]
        );
        assert_eq!(
            parse_order(&with_date("1999-12-31"), today).unwrap_err(),
            vec![(OrderField::OrderedOn, OrderProblem::DateTooEarly)]
        );
        let empty = OrderDraft::default();
        assert_eq!(
            parse_order(&empty, today).unwrap_err(),
            vec![
                (OrderField::OrderedOn, OrderProblem::Required),
                (OrderField::Amount, OrderProblem::Required),
                (OrderField::Status, OrderProblem::Required),
            ]
        );
    }

    #[test]
    fn a_too_long_description_names_its_limit() {
        let long = "x".repeat(301);
        let mut d = draft("1", "");
        d.description = &long;
        let problems = parse_order(&d, day("2026-11-25")).unwrap_err();
        assert_eq!(problems[0].1.message_key(), "error-too-long#300");
    }
}
