//! Forms: field errors shown again beside each bad field, the text-input step every free-text
//! field passes ([`FieldErrors::text`], over [`crate::domain::text`]), and the one check of a
//! path to return to after a form ([`local_path`]).

use crate::domain::text::{TextError, TextRule};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::BTreeMap;

/// Message keys by field name; empty means the form was valid.
///
/// A key may carry one number for its message after a `#` (`error-too-long#200`: "at most 200
/// characters"); [`super::ctx::PageCtx::t`] passes it to the message as `$max`.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

/// A parse failure that has a message beside its field.
pub trait FieldProblem {
    /// The message key (optionally `key#number`, see [`FieldErrors`]).
    fn message_key(&self) -> String;
}

/// The older convention: a bare code such as `"invalid_choice"` names `error-invalid-choice`.
impl FieldProblem for &'static str {
    fn message_key(&self) -> String {
        format!("error-{}", self.replace('_', "-"))
    }
}

impl FieldProblem for crate::domain::money::MoneyError {
    fn message_key(&self) -> String {
        self.code().message_key()
    }
}

impl FieldProblem for TextError {
    fn message_key(&self) -> String {
        match self {
            TextError::TooLong { max } => format!("{}#{max}", TextError::message_key(*self)),
            e => TextError::message_key(*e),
        }
    }
}

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error (message key) for a field; the first one per field wins.
    pub fn add(&mut self, field: &'static str, key: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| key.into());
    }

    /// The message key for a field, if it has an error.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// Whether there are no errors.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Parses a value, recording the error under `field` and giving `None` when it fails.
    pub fn check<T, E: FieldProblem>(&mut self, field: &'static str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.message_key());
                None
            }
        }
    }

    /// A required free-text field, parsed by `rule` (`None` and a message when refused).
    pub fn text(&mut self, field: &'static str, rule: TextRule, raw: &str) -> Option<String> {
        self.check(field, rule.required(raw))
    }

    /// An optional pick-list field (an enum's stored name, an id): None when left empty,
    /// `invalid_choice` beside the field when it names nothing.
    pub fn optional_choice<T: std::str::FromStr>(
        &mut self,
        field: &'static str,
        raw: &str,
    ) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        self.check(field, raw.parse::<T>().map_err(|_| "invalid_choice"))
    }

    /// The status of a page that shows these messages: 422 when there are any.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// A required date field (`<input type="date">`).
    pub fn date(&mut self, field: &'static str, raw: &str) -> Option<chrono::NaiveDate> {
        match self.check(field, parse_date(raw)) {
            Some(None) => {
                self.add(field, "error-required");
                None
            }
            date => date.flatten(),
        }
    }

    /// An optional free-text field: `Some(None)` when left empty, `None` (and a message) when
    /// refused.
    pub fn optional_text(
        &mut self,
        field: &'static str,
        rule: TextRule,
        raw: &str,
    ) -> Option<Option<String>> {
        self.check(field, rule.optional(raw))
    }
}

/// The record version an edit form carries in its hidden `version` field. A missing or forged one
/// is a bad request, not a field message: the reader never types it.
pub fn version(raw: &str) -> Result<i32, crate::error::AppError> {
    raw.trim()
        .parse::<i32>()
        .map_err(|_| crate::error::AppError::BadRequest("version".into()))
}

/// [`version`] for a form that also creates its record: empty means "nothing stored yet".
pub fn optional_version(raw: &str) -> Result<Option<i32>, crate::error::AppError> {
    match raw.trim() {
        "" => Ok(None),
        v => version(v).map(Some),
    }
}

/// A date typed into a form or a filter (`YYYY-MM-DD`, what a date input sends); empty is None.
pub fn parse_date(raw: &str) -> Result<Option<chrono::NaiveDate>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "invalid_date")
}

/// Longest path accepted to return to (longer ones go home).
const MAX_RETURN_PATH: usize = 2048;

/// Bytes percent-encoded when a return path is written into a `Location` header: controls,
/// space, everything outside ASCII, and the characters that have no place unencoded in a URL.
const ENCODE_IN_LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'^');

/// A path to return to after a form (`next=`, `back=`), accepted only when it surely stays on
/// this site; anything else gives the home page `/`.
///
/// Accepted: one `/` followed by a path character (or nothing), with no control character,
/// backslash or second leading slash even after percent-decoding. That refuses `//host`,
/// `/\host`, `/%09/host` (browsers drop the tab and read `//host`), `/%2F/host`, and line
/// breaks that would break the `Location` header. The result is always a valid header value.
pub fn local_path(next: Option<&str>) -> String {
    next.filter(|p| is_local_path(p))
        .map(|p| utf8_percent_encode(p, ENCODE_IN_LOCATION).to_string())
        .unwrap_or_else(|| "/".to_string())
}

fn is_local_path(raw: &str) -> bool {
    if raw.len() > MAX_RETURN_PATH {
        return false;
    }
    let Some(rest) = raw.strip_prefix('/') else {
        return false;
    };
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return false;
    };
    let no_bad_char = |s: &str| !s.chars().any(|c| c.is_control() || c == '\\');
    // Checked before and after decoding: a raw control character never reaches a header, and
    // an encoded one never reaches a browser that would decode it.
    if !no_bad_char(raw) || !no_bad_char(&decoded) || decoded.starts_with("//") {
        return false;
    }
    match rest.chars().next() {
        None => true,
        Some(c) => is_path_char(c),
    }
}

/// RFC 3986 `pchar` (unreserved, sub-delims, `:`, `@`, and `%` of a percent-encoding), plus any
/// non-ASCII letter, which is percent-encoded on the way out.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~!$&'()*+,;=:@%".contains(c)
        || (!c.is_ascii() && !c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_a_form() {
        assert_eq!(local_path(Some("/accounts?q=1")), "/accounts?q=1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
        assert_eq!(local_path(Some("/")), "/");
        assert_eq!(local_path(Some("accounts")), "/");
        assert_eq!(local_path(Some("")), "/");
    }

    #[test]
    fn a_return_path_with_a_hidden_second_slash_or_a_control_character_goes_home() {
        for evil in [
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%5C/evil.example",
            "/%5cevil.example",
            "/\\/evil.example",
            "/%0a",
            "/%0d%0aSet-Cookie:%20x=1",
            "/\r\nSet-Cookie: x=1",
            "/%00",
            "/%7f",
            "/%C2%85",
            "/ /evil.example",
            "/?next=x",
            "/%ff",
        ] {
            assert_eq!(local_path(Some(evil)), "/", "{evil:?}");
        }
    }

    #[test]
    fn a_return_path_keeps_its_query_and_is_a_valid_header_value() {
        assert_eq!(
            local_path(Some("/accounts?q=Ромашка&status=active")),
            "/accounts?q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0&status=active"
        );
        assert_eq!(local_path(Some("/accounts/%41")), "/accounts/%41");
        for p in ["/accounts?q=a b", "/профиль", "/a\"b"] {
            let out = local_path(Some(p));
            assert!(
                axum::http::HeaderValue::from_str(&out).is_ok() && out.is_ascii(),
                "{out}"
            );
        }
    }

    #[test]
    fn a_too_long_text_names_its_limit_in_the_message_key() {
        let mut e = FieldErrors::new();
        let rule = crate::domain::text::LABEL;
        assert_eq!(e.text("industry", rule, &"x".repeat(101)), None);
        assert_eq!(e.get("industry"), Some("error-too-long#100"));
        assert_eq!(e.optional_text("other", rule, ""), Some(None));
        assert_eq!(e.text("nul", rule, "a\0"), None);
        assert_eq!(e.get("nul"), Some("error-control-character"));
    }

    #[test]
    fn parse_errors_become_message_keys_beside_the_field() {
        let mut e = FieldErrors::new();
        assert_eq!(e.check::<u8, &str>("email", Err("invalid_email")), None);
        assert_eq!(e.get("email"), Some("error-invalid-email"));
        assert!(!e.is_empty());
    }
}
