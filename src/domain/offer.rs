//! Special offers to a key client (issue 12): two or three variants, each with what it offers,
//! its value to the client (the discount and the value beyond it), the cost to us and the
//! effect on our margin, the client's feedback, and the variant the client chose.
//!
//! The literature warns that offers degenerate into ever larger discounts, so every variant
//! shows the discount's share of its value ([`Variant::discount_share`]) and a variant (or a
//! whole offer) that is nothing but a discount is flagged.

use rust_decimal::Decimal;

/// Variants an offer has at least.
pub const MIN_VARIANTS: usize = 2;
/// Variants an offer has at most.
pub const MAX_VARIANTS: usize = 3;

/// One variant's figures, every amount parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// The discount's value to the client.
    pub discount: Decimal,
    /// The value to the client beyond the discount (service, terms, training, logistics ...).
    pub extra_value: Decimal,
    /// What the variant costs us.
    pub cost: Decimal,
    /// Its effect on our margin (negative: the margin shrinks).
    pub margin_effect: Decimal,
}

impl Figures {
    /// The variant's whole value to the client.
    pub fn value(&self) -> Decimal {
        self.discount + self.extra_value
    }

    /// The discount in percent of the whole value (None when the variant has no value).
    pub fn discount_share(&self) -> Option<Decimal> {
        let value = self.value();
        (!value.is_zero()).then(|| (self.discount / value * Decimal::ONE_HUNDRED).round_dp(1))
    }

    /// Whether the variant is a discount and nothing else.
    pub fn is_discount_only(&self) -> bool {
        self.extra_value.is_zero() && !self.discount.is_zero()
    }
}

/// Why an offer cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferRefusal {
    /// Fewer than two or more than three variants.
    VariantCount,
    /// The chosen variant is not one of the offer's.
    UnknownChoice,
    /// A variant was chosen but has no client feedback recorded.
    ChoiceWithoutFeedback,
}

impl OfferRefusal {
    /// The form field the message goes beside.
    pub fn field(self) -> &'static str {
        match self {
            OfferRefusal::VariantCount => "variants",
            OfferRefusal::UnknownChoice | OfferRefusal::ChoiceWithoutFeedback => "chosen",
        }
    }

    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            OfferRefusal::VariantCount => "error-special-offer-variant-count",
            OfferRefusal::UnknownChoice => "error-invalid-choice",
            OfferRefusal::ChoiceWithoutFeedback => "error-special-offer-choice-feedback",
        }
    }
}

/// What keeps an offer of `variants` (each: whether its client feedback is recorded) with the
/// `chosen` variant (its index) from being saved.
pub fn refusals(variants: &[bool], chosen: Option<usize>) -> Vec<OfferRefusal> {
    let mut out = Vec::new();
    if !(MIN_VARIANTS..=MAX_VARIANTS).contains(&variants.len()) {
        out.push(OfferRefusal::VariantCount);
    }
    match chosen.map(|c| variants.get(c)) {
        Some(None) => out.push(OfferRefusal::UnknownChoice),
        Some(Some(false)) => out.push(OfferRefusal::ChoiceWithoutFeedback),
        _ => {}
    }
    out
}

/// Whether every variant of an offer is a discount and nothing else.
pub fn offer_is_discount_only(variants: &[Figures]) -> bool {
    !variants.is_empty() && variants.iter().all(Figures::is_discount_only)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(discount: i64, extra: i64) -> Figures {
        Figures {
            discount: Decimal::from(discount),
            extra_value: Decimal::from(extra),
            cost: Decimal::from(10),
            margin_effect: Decimal::from(-5),
        }
    }

    #[test]
    fn the_discount_share_is_the_discount_in_percent_of_the_whole_value() {
        assert_eq!(f(30, 70).value(), Decimal::from(100));
        assert_eq!(f(30, 70).discount_share(), Some(Decimal::from(30)));
        assert_eq!(f(0, 0).discount_share(), None);
        assert_eq!(f(0, 50).discount_share(), Some(Decimal::ZERO));
    }

    #[test]
    fn a_variant_with_nothing_beyond_its_discount_is_discount_only() {
        assert!(f(100, 0).is_discount_only());
        assert!(!f(100, 1).is_discount_only());
        assert!(!f(0, 0).is_discount_only(), "no discount, no flag");
        assert!(offer_is_discount_only(&[f(5, 0), f(10, 0)]));
        assert!(!offer_is_discount_only(&[f(5, 0), f(10, 20)]));
        assert!(!offer_is_discount_only(&[]));
    }

    #[test]
    fn an_offer_has_two_or_three_variants_and_a_choice_comes_with_feedback() {
        assert_eq!(refusals(&[true], None), [OfferRefusal::VariantCount]);
        assert_eq!(refusals(&[true; 4], None), [OfferRefusal::VariantCount]);
        assert!(refusals(&[true, false], None).is_empty());
        assert!(refusals(&[true, false, false], Some(0)).is_empty());
        assert_eq!(
            refusals(&[true, false], Some(1)),
            [OfferRefusal::ChoiceWithoutFeedback]
        );
        assert_eq!(
            refusals(&[true, true], Some(2)),
            [OfferRefusal::UnknownChoice]
        );
    }
}
