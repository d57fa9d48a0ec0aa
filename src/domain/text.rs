//! The one parsing step every free-text input passes before it is stored, compared or echoed
//! into a header: a [`TextRule`] per field meaning (see the constants below) turns raw input
//! into a trimmed `String`, or into a [`TextError`] shown beside the field.
//!
//! What every rule refuses:
//! - NUL and every other control character (Unicode category Cc: C0, DEL, C1). A multi-line
//!   field allows tab and line breaks (CR LF and lone CR become LF); a single-line field allows
//!   neither, nor the Unicode line and paragraph separators.
//! - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
//!   reorder what is displayed, so a text can read as something other than what is stored.
//! - More than the rule's maximum number of characters (counted as Unicode scalar values, after
//!   trimming): every limit fits what the field means, and keeps pages and exports bounded.
//!
//! A *name* rule (people, companies, e-mails, short labels, search terms) additionally refuses
//! every other invisible format character (zero-width spaces and joiners, direction marks, soft
//! hyphens, byte-order marks, tag characters, Hangul fillers): in a name they can only serve to
//! make two different values look the same. Free text (notes, reasons) keeps direction marks and
//! joiners, which mixed-script prose and emoji legitimately use.
//!
//! How a form uses it (see docs/architecture.md, "Text input"):
//!
//! ```
//! use kamdesk::domain::text::{self, TextError};
//! assert_eq!(text::LABEL.optional("  Retail "), Ok(Some("Retail".to_string())));
//! assert_eq!(text::LABEL.optional(""), Ok(None));
//! assert_eq!(text::PERSON_NAME.required("Ann\u{202E}a"), Err(TextError::Invisible));
//! assert_eq!(text::NOTE.required("line one\r\nline two"), Ok("line one\nline two".to_string()));
//! ```

/// Whether a field is one line (an `<input>`) or several (a `<textarea>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: no tab, no line break.
    Single,
    /// Several lines: tab and line breaks allowed, stored with `\n` line ends.
    Multi,
}

/// How one kind of text field is parsed: its lines, its maximum length, and whether it is a
/// name (which refuses every invisible format character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// One line or several.
    pub lines: Lines,
    /// Largest number of characters (Unicode scalar values) after trimming.
    pub max_chars: usize,
    /// A name, e-mail, label or search term: invisible format characters are refused too.
    pub is_name: bool,
}

/// Why a text input was refused. Each maps to a message key (`error-…`) shown beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty (or only spaces) where a value is required.
    #[error("required")]
    Required,
    /// Longer than the rule allows.
    #[error("longer than {max} characters")]
    TooLong {
        /// The rule's limit, for the message.
        max: usize,
    },
    /// A control character (NUL, or a line break / tab in a one-line field).
    #[error("control character")]
    Control,
    /// A bidirectional override or an invisible format character.
    #[error("invisible formatting character")]
    Invisible,
    /// Clean text that is still not a valid value of its kind (an e-mail without `@`); the code
    /// names the message `error-<code>` (underscores as dashes).
    #[error("invalid: {0}")]
    Invalid(&'static str),
}

impl TextError {
    /// The message key shown beside the field (`error-too-long` takes the limit as `$max`).
    pub fn message_key(self) -> String {
        match self {
            TextError::Required => "error-required".into(),
            TextError::TooLong { .. } => "error-too-long".into(),
            TextError::Control => "error-control-character".into(),
            TextError::Invisible => "error-invisible-character".into(),
            TextError::Invalid(code) => format!("error-{}", code.replace('_', "-")),
        }
    }
}

impl TextRule {
    /// A one-line name, e-mail, label or search term of at most `max_chars` characters.
    pub const fn name(max_chars: usize) -> TextRule {
        TextRule {
            lines: Lines::Single,
            max_chars,
            is_name: true,
        }
    }

    /// A one-line free text (a title, a short note) of at most `max_chars` characters.
    pub const fn line(max_chars: usize) -> TextRule {
        TextRule {
            lines: Lines::Single,
            max_chars,
            is_name: false,
        }
    }

    /// A multi-line free text of at most `max_chars` characters.
    pub const fn multi_line(max_chars: usize) -> TextRule {
        TextRule {
            lines: Lines::Multi,
            max_chars,
            is_name: false,
        }
    }

    /// Parses a value that must be present: trimmed, checked, line ends normalised.
    pub fn required(&self, raw: &str) -> Result<String, TextError> {
        self.optional(raw)?.ok_or(TextError::Required)
    }

    /// Parses a value that may be left empty (`None` when it is).
    pub fn optional(&self, raw: &str) -> Result<Option<String>, TextError> {
        // Characters are checked before anything else so that a refused character is reported
        // as such even in an over-long or otherwise empty value.
        for c in raw.chars() {
            self.check_char(c)?;
        }
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let s = match self.lines {
            Lines::Single => s.to_string(),
            Lines::Multi => s.replace("\r\n", "\n").replace('\r', "\n"),
        };
        if s.chars().count() > self.max_chars {
            return Err(TextError::TooLong {
                max: self.max_chars,
            });
        }
        Ok(Some(s))
    }

    /// Whether a value would be accepted (required or not): for query parameters that are
    /// dropped rather than reported.
    pub fn accepts(&self, raw: &str) -> bool {
        self.optional(raw).is_ok()
    }

    fn check_char(&self, c: char) -> Result<(), TextError> {
        let allowed_control = self.lines == Lines::Multi && matches!(c, '\t' | '\n' | '\r');
        if c.is_control() && !allowed_control {
            return Err(TextError::Control);
        }
        if self.lines == Lines::Single && matches!(c, '\u{2028}' | '\u{2029}') {
            return Err(TextError::Control);
        }
        if is_bidi_control(c) || (self.is_name && is_invisible_format(c)) {
            return Err(TextError::Invisible);
        }
        Ok(())
    }
}

/// Bidirectional embeddings, overrides and isolates: they change the order in which the
/// following characters are displayed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that display as nothing: the Unicode format characters (category Cf, listed
/// here from Unicode 15 because the standard library has no category lookup) and the
/// letter-like fillers that render blank.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                // combining grapheme joiner
            | '\u{0600}'..='\u{0605}'   // Arabic number signs
            | '\u{061C}'                // Arabic letter mark
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'   // Hangul fillers
            | '\u{17B4}'..='\u{17B5}'   // Khmer inherent vowels (invisible)
            | '\u{180B}'..='\u{180F}'   // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'   // zero-width space, joiners, direction marks
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'   // word joiner, invisible operators, isolates, deprecated
            | '\u{3164}'                // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors
            | '\u{FEFF}'                // byte-order mark / zero-width no-break space
            | '\u{FFA0}'                // halfwidth Hangul filler
            | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}' // tags and variation selectors supplement
    )
}

// ---- The rules, one per field meaning. New forms pick one of these (or add a constant here,
// ---- with its reason), never a bare length check of their own.

/// A person's display name (users, contacts): long enough for any real full name.
pub const PERSON_NAME: TextRule = TextRule::name(100);
/// A company's name (accounts, competitors): room for a full legal form
/// ("Общество с ограниченной ответственностью …").
pub const COMPANY_NAME: TextRule = TextRule::name(200);
/// An e-mail address: RFC 5321 caps a path at 254 characters.
pub const EMAIL: TextRule = TextRule::name(254);
/// A short label: a job title, a department, a city, a product group (industries are a pick
/// list, `domain::industry`).
pub const LABEL: TextRule = TextRule::name(100);
/// A phone number as people write it, "+7 (495) 123-45-67 / 12" (`domain::contact::Phone`
/// allows digits, spaces and `+ ( ) - . /`): 40 leaves room for a country code, an area code
/// and an extension.
pub const PHONE: TextRule = TextRule::name(40);
/// A search box.
pub const SEARCH: TextRule = TextRule::name(200);
/// A one-line title of a record (a deal, a tender, a follow-up).
pub const TITLE: TextRule = TextRule::line(200);
/// A one-line note on a change (the scoring settings' "why").
pub const SHORT_NOTE: TextRule = TextRule::line(300);
/// Why a director pinned a client as key or not key: a few sentences.
pub const PIN_REASON: TextRule = TextRule::multi_line(1000);
/// A multi-line note (an interaction's summary, a follow-up's details).
pub const NOTE: TextRule = TextRule::multi_line(2000);
/// A long multi-line text (a dossier section).
pub const LONG_TEXT: TextRule = TextRule::multi_line(10_000);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_is_trimmed_and_an_empty_value_is_none_or_required() {
        assert_eq!(PERSON_NAME.required("  Anna  "), Ok("Anna".into()));
        assert_eq!(PERSON_NAME.required("   "), Err(TextError::Required));
        assert_eq!(LABEL.optional("  "), Ok(None));
    }

    #[test]
    fn a_nul_byte_is_refused_in_every_kind_of_field() {
        for rule in [PERSON_NAME, EMAIL, SEARCH, TITLE, NOTE, LONG_TEXT] {
            assert_eq!(rule.optional("a\0b"), Err(TextError::Control), "{rule:?}");
        }
    }

    #[test]
    fn line_breaks_and_tabs_are_allowed_only_in_multi_line_fields() {
        for raw in ["a\nb", "a\tb", "a\rb", "a\u{2028}b", "a\u{85}b", "a\u{7f}b"] {
            assert_eq!(TITLE.optional(raw), Err(TextError::Control), "{raw:?}");
        }
        assert_eq!(NOTE.required("a\tb\r\nc\rd"), Ok("a\tb\nc\nd".into()));
        assert_eq!(NOTE.optional("a\u{7f}b"), Err(TextError::Control));
        assert_eq!(NOTE.optional("a\u{1b}[31mb"), Err(TextError::Control));
    }

    #[test]
    fn bidi_overrides_are_refused_everywhere_and_invisible_characters_in_names() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let raw = format!("evil{c}gnp.exe");
            assert_eq!(NOTE.optional(&raw), Err(TextError::Invisible));
            assert_eq!(COMPANY_NAME.optional(&raw), Err(TextError::Invisible));
        }
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{200F}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            let raw = format!("An{c}na");
            assert_eq!(
                PERSON_NAME.optional(&raw),
                Err(TextError::Invisible),
                "{c:?}"
            );
            assert_eq!(EMAIL.optional(&raw), Err(TextError::Invisible), "{c:?}");
        }
        // Free text keeps joiners (emoji sequences) and direction marks (mixed scripts).
        assert!(NOTE.accepts("👩\u{200D}💻 and שלום\u{200F}"));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let cyrillic = "Ж".repeat(100);
        assert_eq!(PERSON_NAME.required(&cyrillic), Ok(cyrillic.clone()));
        assert_eq!(
            PERSON_NAME.required(&format!("{cyrillic}Ж")),
            Err(TextError::TooLong { max: 100 })
        );
        assert_eq!(
            LABEL.optional(&"x".repeat(100_000)),
            Err(TextError::TooLong { max: 100 })
        );
    }

    proptest! {
        #[test]
        fn whatever_is_accepted_holds_no_control_or_bidi_character(raw in "\\PC*|[\\x00-\\x1f\\u{202a}-\\u{202e}a ]*") {
            for rule in [PERSON_NAME, TITLE, NOTE] {
                if let Ok(Some(s)) = rule.optional(&raw) {
                    prop_assert!(s.chars().count() <= rule.max_chars);
                    prop_assert!(!s.chars().any(is_bidi_control));
                    prop_assert!(s.chars().all(|c| !c.is_control() || (rule.lines == Lines::Multi && matches!(c, '\t' | '\n'))));
                    prop_assert_eq!(s.trim(), s.as_str());
                }
            }
        }
    }
}
