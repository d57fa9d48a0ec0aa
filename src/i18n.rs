//! Interface languages: the message catalogs (Fluent files under `locales/`, compiled into the
//! binary) and formatting of dates, numbers and money for the user's language.

use crate::domain::user::Language;
use chrono::{DateTime, NaiveDate, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments confuse copy-paste and tests; our
        // arguments are names and numbers in the page's own script.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static RU: LanguageIdentifier = langid!("ru");

fn langid(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Ru => &RU,
    }
}

/// The message `key` in `lang`. A missing key is a bug (a test checks both catalogs), so it
/// shows the key itself rather than failing the page.
pub fn t(lang: Language, key: &str) -> String {
    LOCALES.try_lookup(langid(lang), key).unwrap_or_else(|| {
        tracing::warn!(key, lang = lang.code(), "missing message");
        key.to_string()
    })
}

/// The message `key` in `lang`, or None when the catalogs have none: for the names of codes
/// that other areas record and may not have named (a field of the audit log).
pub fn try_t(lang: Language, key: &str) -> Option<String> {
    LOCALES.try_lookup(langid(lang), key)
}

/// The message `key` with named arguments (numbers select Russian plural forms correctly).
pub fn t_args(lang: Language, key: &str, args: &[(&'static str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(langid(lang), key, &map)
        .unwrap_or_else(|| {
            tracing::warn!(key, lang = lang.code(), "missing message");
            key.to_string()
        })
}

/// Text for a reader: typed text as typed, a system message in `lang` with its arguments
/// (a date formatted for `lang`, a nested message in `lang`, a name as typed).
pub fn text(lang: Language, text: &crate::domain::system_text::Text) -> String {
    use crate::domain::system_text::{Text, TextArg};
    let message = match text {
        Text::Typed(s) => return s.clone(),
        Text::System(m) => m,
    };
    let args: HashMap<Cow<'static, str>, FluentValue> = message
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                TextArg::Text(s) => s.clone(),
                TextArg::Date(d) => date(lang, *d),
                TextArg::Key(key) => t(lang, key.as_str()),
            };
            (Cow::Owned(name.clone()), FluentValue::from(value))
        })
        .collect();
    let key = message.key.as_str();
    LOCALES
        .try_lookup_with_args(langid(lang), key, &args)
        .unwrap_or_else(|| {
            tracing::warn!(key, lang = lang.code(), "missing message");
            key.to_string()
        })
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as is.
    Str(String),
    /// A number (drives plural selection).
    Num(f64),
}

impl From<i32> for Arg {
    fn from(n: i32) -> Arg {
        Arg::Num(f64::from(n))
    }
}

impl From<&i32> for Arg {
    fn from(n: &i32) -> Arg {
        Arg::Num(f64::from(*n))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n as f64)
    }
}
impl From<&i64> for Arg {
    fn from(n: &i64) -> Arg {
        Arg::Num(*n as f64)
    }
}
impl From<&usize> for Arg {
    fn from(n: &usize) -> Arg {
        Arg::Num(*n as f64)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as f64)
    }
}

// Number formatting is written here rather than pulled from ICU4X: we need two locales and
// three shapes (integer, decimal, money), and the full CLDR machinery would add megabytes of
// data and a second formatting model for one page helper.

/// Groups the digits of a non-negative integer string with `sep` every three digits.
fn group(int_digits: &str, sep: &str) -> String {
    let mut out = String::with_capacity(int_digits.len() + int_digits.len() / 3 * sep.len());
    let n = int_digits.len();
    for (i, ch) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal with exactly `dp` decimals, grouped for the language ("1,234.50" / "1 234,50").
pub fn number(lang: Language, value: Decimal, dp: u32) -> String {
    let rounded =
        value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.*}", dp as usize, rounded.abs());
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let (sep, point) = match lang {
        Language::En => (",", "."),
        // Russian groups with a non-breaking space and uses a decimal comma.
        Language::Ru => ("\u{a0}", ","),
    };
    let mut out = String::new();
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    out.push_str(&group(&int_part, sep));
    if let Some(f) = frac {
        out.push_str(point);
        out.push_str(&f);
    }
    out
}

/// A decimal as typed into a form field in this language: no grouping, all its significant
/// decimals, a decimal comma in Russian ("0,7"). Forms parse either separator back.
pub fn decimal_input(lang: Language, value: Decimal) -> String {
    let plain = value.normalize().to_string();
    match lang {
        Language::En => plain,
        Language::Ru => plain.replace('.', ","),
    }
}

/// An integer count, grouped for the language.
pub fn count(lang: Language, n: i64) -> String {
    number(lang, Decimal::from(n), 0)
}

/// An amount of money in whole units with its currency ("RUB 1,234,567" / "1 234 567 ₽").
pub fn money(lang: Language, value: Decimal, currency: &str) -> String {
    let digits = number(lang, value, 0);
    match (lang, currency) {
        (Language::Ru, "RUB") => format!("{digits}\u{a0}₽"),
        (Language::Ru, c) => format!("{digits}\u{a0}{c}"),
        (Language::En, c) => format!("{c}\u{a0}{digits}"),
    }
}

/// A message named by a key that may carry one number after `#` (a field error with a limit,
/// `error-too-long#200`: the number is passed as `$max`).
pub fn message(lang: Language, key: &str) -> String {
    match key.split_once('#').map(|(k, n)| (k, n.parse::<i64>())) {
        Some((k, Ok(n))) => t_args(lang, k, &[("max", n.into())]),
        _ => t(lang, key),
    }
}

/// An exact amount of money with two decimals and its currency ("RUB 1,234.50" /
/// "1 234,50 ₽"): orders, where kopecks count.
pub fn money_exact(lang: Language, value: Decimal, currency: &str) -> String {
    let digits = number(lang, value, 2);
    match (lang, currency) {
        (Language::Ru, "RUB") => format!("{digits}\u{a0}₽"),
        (Language::Ru, c) => format!("{digits}\u{a0}{c}"),
        (Language::En, c) => format!("{c}\u{a0}{digits}"),
    }
}

/// A calendar date ("22 Nov 2026" / "22.11.2026").
pub fn date(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::En => d.format("%-d %b %Y").to_string(),
        Language::Ru => d.format("%d.%m.%Y").to_string(),
    }
}

/// A moment, shown in UTC ("22 Nov 2026 14:05" / "22.11.2026 14:05").
pub fn datetime(lang: Language, at: DateTime<Utc>) -> String {
    match lang {
        Language::En => at.format("%-d %b %Y %H:%M").to_string(),
        Language::Ru => at.format("%d.%m.%Y %H:%M").to_string(),
    }
}

/// A stored value of a domain enumeration with a name in both catalogs, under
/// `<prefix>-<value>` (underscores as dashes): `status-active`, `team-role-owner`.
pub trait Named {
    /// The message key of this value's name.
    fn message_key(&self) -> String;
}

impl<T: Named + ?Sized> Named for &T {
    fn message_key(&self) -> String {
        (**self).message_key()
    }
}

macro_rules! named {
    ($($ty:ty => $prefix:literal),* $(,)?) => {$(
        impl Named for $ty {
            fn message_key(&self) -> String {
                format!(concat!($prefix, "-{}"), self.as_str().replace('_', "-"))
            }
        }
    )*};
}

named!(
    crate::domain::user::Role => "role",
    crate::domain::scoring::Status => "status",
    crate::domain::scoring::Pin => "pin",
    crate::domain::scoring::DecisionMaking => "dm",
    crate::domain::scoring::Segment => "segment",
    crate::domain::scoring::Reason => "reason",
    crate::domain::league::League => "league",
    crate::domain::analysis::Churn => "churn",
    crate::domain::team::TeamRole => "team-role",
    crate::domain::team::TeamFunction => "team-function",
    crate::domain::team::HandoverReason => "handover-reason",
    crate::domain::team::OfferStatus => "offer-status",
    crate::domain::geo::LocationKind => "location",
    crate::domain::order::OrderStatus => "order-status",
    crate::domain::review::ReviewStatus => "review-status",
    crate::domain::review::Decision => "review-decision",
    crate::domain::review::Change => "review-change",
    crate::domain::deal::DealKind => "deal-kind",
    crate::domain::deal::DealStage => "deal-stage",
    crate::domain::deal::OutcomeReason => "outcome-reason",
    crate::domain::timeline::Kind => "timeline-kind",
    crate::domain::contact::DecisionRole => "decision-role",
    crate::domain::contact::Influence => "influence",
    crate::domain::contact::Attitude => "attitude",
    crate::domain::interaction::InteractionKind => "interaction-kind",
    crate::domain::dossier::Section => "section",
    crate::domain::dossier::ThreeP => "three-p",
    crate::domain::contact::Gap => "gap-kind",
    crate::domain::plan::ObjectiveKind => "objective-kind",
    crate::domain::plan::PlanCheck => "plan-check",
    crate::domain::plan::ActionStatus => "action-status",
);

/// The name of a stored enumeration value in `lang`.
pub fn name(lang: Language, value: &impl Named) -> String {
    t(lang, &value.message_key())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::str::FromStr;

    /// The message ids (and attribute-less terms) defined in one catalog file.
    fn ids(path: &str) -> BTreeSet<String> {
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('\t'))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.is_empty() && !k.contains(' '))
            .collect()
    }

    #[test]
    fn both_catalogs_define_exactly_the_same_keys() {
        let en = ids("locales/en/main.ftl");
        let ru = ids("locales/ru/main.ftl");
        let only_en: Vec<_> = en.difference(&ru).collect();
        let only_ru: Vec<_> = ru.difference(&en).collect();
        assert!(
            only_en.is_empty(),
            "missing from the Russian catalog: {only_en:?}"
        );
        assert!(
            only_ru.is_empty(),
            "missing from the English catalog: {only_ru:?}"
        );
        assert!(en.len() > 50, "catalog suspiciously small: {}", en.len());
    }

    fn files_under(dir: &str) -> Vec<std::path::PathBuf> {
        let mut files = vec![];
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(p) = stack.pop() {
            for e in std::fs::read_dir(&p).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path)
                } else {
                    files.push(path)
                }
            }
        }
        files
    }

    /// String literals of `text` (between double quotes, no escapes needed for our keys).
    fn literals(text: &str) -> Vec<&str> {
        text.split('"').skip(1).step_by(2).collect()
    }

    fn looks_like_key(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && !s.starts_with("x-")
            // Header values, a download's file name and a tab's slug, not message keys.
            && !matches!(
                s,
                "same-origin" | "no-store" | "key-clients" | "follow-ups" | "orders-sample" | "special-offers"
            )
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists_in_both_catalogs() {
        let en = ids("locales/en/main.ftl");
        let mut used = BTreeSet::new();
        // Templates look messages up as ctx.t("key") and ctx.t1("key", ...).
        for f in files_under("templates") {
            let text = std::fs::read_to_string(&f).unwrap();
            for marker in [".t(\"", ".t1(\""] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    used.insert((key.to_string(), f.display().to_string()));
                }
            }
        }
        // In the web layer every key-shaped literal is a message key (flash messages, field
        // errors, labels).
        for f in files_under("src/web")
            .into_iter()
            .chain([std::path::PathBuf::from("src/error.rs")])
        {
            let text = std::fs::read_to_string(&f).unwrap();
            for lit in literals(&text) {
                if looks_like_key(lit) {
                    used.insert((lit.to_string(), f.display().to_string()));
                }
            }
        }
        assert!(
            used.len() > 100,
            "the scan found too few keys: {}",
            used.len()
        );
        let missing: Vec<_> = used.iter().filter(|(k, _)| !en.contains(k)).collect();
        assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    }

    #[test]
    fn every_stored_value_has_a_name_in_both_languages() {
        use crate::domain::analysis::Churn;
        use crate::domain::geo::LocationKind;
        use crate::domain::league::League;
        use crate::domain::order::OrderStatus;
        use crate::domain::review::ReviewStatus;
        use crate::domain::scoring::{DecisionMaking, Pin, Reason, Segment, Status};
        use crate::domain::team::{HandoverReason, OfferStatus, TeamFunction, TeamRole};
        use crate::domain::user::Role;
        fn all<T: Named>(values: &[T]) -> Vec<String> {
            values.iter().map(Named::message_key).collect()
        }
        let mut keys: Vec<String> = [
            all(Status::ALL),
            all(Pin::ALL),
            all(DecisionMaking::ALL),
            all(Segment::ALL),
            all(Reason::ALL),
            all(League::ALL),
            all(Churn::ALL),
            all(&Role::ALL),
            all(TeamRole::ALL),
            all(TeamFunction::ALL),
            all(HandoverReason::ALL),
            all(OfferStatus::ALL),
            all(LocationKind::ALL),
            all(OrderStatus::ALL),
            all(ReviewStatus::ALL),
            all(crate::domain::review::Decision::ALL),
            all(crate::domain::review::Change::ALL),
            all(crate::domain::deal::DealKind::ALL),
            all(crate::domain::deal::DealStage::ALL),
            all(crate::domain::deal::OutcomeReason::ALL),
            all(crate::domain::timeline::Kind::ALL),
            all(crate::domain::contact::DecisionRole::ALL),
            all(crate::domain::contact::Influence::ALL),
            all(crate::domain::contact::Attitude::ALL),
            all(crate::domain::interaction::InteractionKind::ALL),
            all(&crate::domain::contact::Gap::ALL),
            all(crate::domain::plan::ObjectiveKind::ALL),
            all(crate::domain::plan::PlanCheck::ALL),
            all(crate::domain::plan::ActionStatus::ALL),
        ]
        .concat();
        let mut add = |prefix: &str, names: &[&str]| {
            keys.extend(
                names
                    .iter()
                    .map(|n| format!("{prefix}-{}", n.replace('_', "-"))),
            );
        };
        add("reason-explain", Reason::NAMES);
        add(
            "field",
            &[
                "created",
                "pin",
                "pin_reason",
                "industry",
                "tax_id",
                "merged_into",
                "merged_from",
                "duplicate_dismissed",
            ],
        );
        add(
            "duplicates-what",
            &[
                "places",
                "contacts",
                "interactions",
                "competitors",
                "deals",
                "orders",
                "follow-ups",
                "special-offers",
                "forecasts",
                "plans",
                "budgets",
                "grids",
            ],
        );
        add("industry", crate::domain::industry::Industry::NAMES);
        add("bucket", crate::domain::follow_up::Bucket::NAMES);
        add("order-import-state", crate::domain::import::JobState::NAMES);
        add(
            "field",
            &[
                "order_logged",
                "order_ordered_on",
                "order_amount",
                "order_margin",
                "order_currency",
                "order_description",
                "order_status",
                "orders_imported",
                "follow_up_created",
                "follow_up_done",
                "follow_up_title",
                "follow_up_due_on",
                "follow_up_assignee",
                "follow_up_notes",
            ],
        );
        for setting in [
            "cap_pct",
            "weight_potential",
            "gold_min",
            "silver_min",
            "horizon_years",
            "abc_a_pct",
            "abc_b_pct",
            "xyz_x_cv",
            "xyz_y_cv",
            "at_risk_days",
            "lost_days",
            "breadwinner_pct",
        ] {
            add("setting", &[setting]);
            add("settings-hint", &[setting]);
        }
        for code in [
            "out_of_range",
            "gold_not_above_silver",
            "a_not_below_b",
            "x_not_below_y",
            "at_risk_not_below_lost",
        ] {
            add("error", &[code]);
        }
        // System messages take arguments: system_text_reads_in_the_readers_language_... checks
        // each of them with its arguments.
        for lang in Language::ALL {
            for k in &keys {
                assert!(
                    LOCALES.try_lookup(langid(lang), k).is_some(),
                    "{k} missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn system_text_reads_in_the_readers_language_with_its_arguments() {
        use crate::domain::system_text::{SystemMessage as M, SystemText, Text, TextArg};
        let line = Text::System(
            SystemText::plain(M::OrderForSite)
                .with("product", TextArg::Key(M::SpareParts))
                .with("site", TextArg::Text("Kazan".into())),
        );
        assert_eq!(text(Language::En, &line), "Spare parts, Kazan");
        assert_eq!(text(Language::Ru, &line), "Запчасти, Kazan");
        let chase = Text::System(SystemText::plain(M::ChaseDelivery).with(
            "date",
            TextArg::Date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
        ));
        assert_eq!(
            text(Language::Ru, &chase),
            format!(
                "Проследить доставку заказа от {}",
                date(Language::Ru, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
            )
        );
        assert_eq!(
            text(Language::Ru, &Text::Typed("Ring Olga".into())),
            "Ring Olga"
        );
        // Every system message renders whole in both languages with the arguments it takes.
        for key in M::ALL {
            let mut message = SystemText::plain(*key);
            for arg in ["name", "site", "file"] {
                message = message.with(arg, TextArg::Text("X".into()));
            }
            message = message.with("product", TextArg::Key(M::Tyres)).with(
                "date",
                TextArg::Date(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            );
            for lang in Language::ALL {
                let shown = text(lang, &Text::System(message.clone()));
                assert!(
                    !shown.contains('{') && shown != key.as_str(),
                    "{key}: {shown}"
                );
            }
        }
    }

    #[test]
    fn russian_plural_forms_follow_the_number() {
        let one = t_args(Language::Ru, "accounts-count", &[("count", 1i64.into())]);
        let few = t_args(Language::Ru, "accounts-count", &[("count", 3i64.into())]);
        let many = t_args(Language::Ru, "accounts-count", &[("count", 5i64.into())]);
        assert!(one.contains("клиент") && !one.contains("клиента"), "{one}");
        assert!(few.contains("клиента"), "{few}");
        assert!(many.contains("клиентов"), "{many}");
    }

    #[test]
    fn numbers_and_money_are_formatted_per_language() {
        let v = Decimal::from_str("1234567.895").unwrap();
        assert_eq!(number(Language::En, v, 2), "1,234,567.90");
        assert_eq!(number(Language::Ru, v, 2), "1\u{a0}234\u{a0}567,90");
        assert_eq!(
            number(Language::En, Decimal::from_str("-0.004").unwrap(), 2),
            "0.00"
        );
        assert_eq!(
            number(Language::En, Decimal::from_str("-1000").unwrap(), 0),
            "-1,000"
        );
        assert_eq!(
            money(Language::Ru, Decimal::from(1500), "RUB"),
            "1\u{a0}500\u{a0}₽"
        );
        assert_eq!(
            money(Language::En, Decimal::from(1500), "RUB"),
            "RUB\u{a0}1,500"
        );
        assert_eq!(count(Language::En, 999), "999");
    }

    #[test]
    fn dates_are_formatted_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(date(Language::En, d), "5 Mar 2026");
        assert_eq!(date(Language::Ru, d), "05.03.2026");
    }
}
