//! Users of KAM Desk: roles, e-mail addresses, passwords and interface languages, parsed from
//! raw input into types that can only hold valid values.

use super::text::{self, TextError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a person does in the sales organisation; decides what they may do (see `permissions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the system: users, everything else a director can.
    Admin,
    /// Sales director: decides which clients are key and who owns them.
    Director,
    /// Key account manager: owns a handful of strategic clients.
    Kam,
    /// KAM assistant: logs orders and next steps for the KAM's accounts.
    Assistant,
}

impl Role {
    /// Every role, in order of decreasing reach (used by forms and the matrix test).
    pub const ALL: [Role; 4] = [Role::Admin, Role::Director, Role::Kam, Role::Assistant];

    /// The stored and submitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Director => "director",
            Role::Kam => "kam",
            Role::Assistant => "assistant",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(InvalidValue("role"))
    }
}

/// The interface languages KAM Desk ships in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Russian.
    Ru,
}

impl Language {
    /// Both languages, English first.
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The stored code (also the `lang` attribute of the page).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// The best supported language for an `Accept-Language` header (English when none fits).
    pub fn from_accept_language(header: &str) -> Language {
        let mut best: Option<(f32, Language)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "ru" => Language::Ru,
                "en" => Language::En,
                _ => continue,
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

impl FromStr for Language {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Language::En),
            "ru" => Ok(Language::Ru),
            _ => Err(InvalidValue("language")),
        }
    }
}

/// A value that is not one of the allowed names; carries which kind of value it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid {0}")]
pub struct InvalidValue(pub &'static str);

/// A user's role and whether they may sign in: what user administration changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Role.
    pub role: Role,
    /// Whether the user may sign in.
    pub active: bool,
}

impl Access {
    /// Whether this is an active administrator.
    pub fn is_active_admin(self) -> bool {
        self.active && self.role == Role::Admin
    }
}

/// Why a change of a user's role or access is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessRefusal {
    /// It would leave no active administrator.
    LastAdmin,
    /// Administrators do not deactivate themselves (another one must).
    OwnAccount,
}

/// Whether a user's access may change from `now` to `next`, made by the user themselves or not,
/// while `active_admins` administrators are active (read under lock in the same transaction as
/// the change: two admins demoting each other at once must not both succeed).
pub fn access_change_refusal(
    now: Access,
    next: Access,
    by_self: bool,
    active_admins: i64,
) -> Option<AccessRefusal> {
    if by_self && now.active && !next.active {
        return Some(AccessRefusal::OwnAccount);
    }
    if now.is_active_admin() && !next.is_active_admin() && active_admins <= 1 {
        return Some(AccessRefusal::LastAdmin);
    }
    None
}

/// A syntactically plausible e-mail address, trimmed. Comparison of addresses is
/// case-insensitive in the database (a unique index on lower(email)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses user input through the e-mail text rule (no control or invisible characters, at
    /// most 254 characters), then checks the shape. Deliberately loose (one `@`, a dot in the
    /// domain, no spaces): the only real check of an address is mail reaching it.
    pub fn parse(raw: &str) -> Result<Email, TextError> {
        let s = text::EMAIL.required(raw)?;
        let invalid = TextError::Invalid("invalid_email");
        if s.chars().any(char::is_whitespace) {
            return Err(invalid);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(invalid);
        };
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
        {
            return Err(invalid);
        }
        Ok(Email(s))
    }

    /// The address as entered (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's display name: trimmed, 1 to 100 characters, no invisible characters
/// ([`text::PERSON_NAME`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// Parses user input.
    pub fn parse(raw: &str) -> Result<PersonName, TextError> {
        text::PERSON_NAME.required(raw).map(PersonName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that satisfies the policy: at least 10 characters, at most 200 (argon2 does
/// not need a limit, but a multi-megabyte "password" is a denial-of-service vector), and no
/// control characters (a password field cannot type them, so such a password could never be
/// entered again).
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    /// Minimum length in characters.
    pub const MIN_LEN: usize = 10;
    /// Maximum length in characters.
    pub const MAX_LEN: usize = 200;

    /// Parses user input; the password is not trimmed (spaces are allowed characters).
    pub fn parse(raw: &str) -> Result<NewPassword, TextError> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(TextError::Required);
        }
        if raw.chars().any(char::is_control) {
            return Err(TextError::Control);
        }
        if n < Self::MIN_LEN {
            return Err(TextError::Invalid("password_too_short"));
        }
        if n > Self::MAX_LEN {
            return Err(TextError::TooLong { max: Self::MAX_LEN });
        }
        Ok(NewPassword(raw.to_string()))
    }

    /// The password, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn accept_language_prefers_the_highest_quality_supported_language() {
        assert_eq!(
            Language::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"),
            Language::Ru
        );
        assert_eq!(
            Language::from_accept_language("de-DE,en;q=0.5,ru;q=0.7"),
            Language::Ru
        );
        assert_eq!(Language::from_accept_language("en-GB"), Language::En);
        assert_eq!(Language::from_accept_language("fr"), Language::En);
        assert_eq!(Language::from_accept_language(""), Language::En);
    }

    #[test]
    fn emails_are_trimmed_and_checked_loosely() {
        assert_eq!(Email::parse("  a.b@c.ru ").unwrap().as_str(), "a.b@c.ru");
        assert_eq!(Email::parse(""), Err(TextError::Required));
        for bad in ["a", "a@b", "@b.ru", "a b@c.ru", "a@@b.ru", "a@.ru", "a@b."] {
            assert_eq!(
                Email::parse(bad),
                Err(TextError::Invalid("invalid_email")),
                "{bad}"
            );
        }
        assert_eq!(Email::parse("a\0@b.ru"), Err(TextError::Control));
        assert_eq!(Email::parse("a\u{202E}@b.ru"), Err(TextError::Invisible));
        assert_eq!(Email::parse("a\u{200B}@b.ru"), Err(TextError::Invisible));
    }

    #[test]
    fn passwords_shorter_than_ten_characters_are_refused() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(TextError::Invalid("password_too_short"))
        );
        assert!(NewPassword::parse("long enough pw").is_ok());
        assert_eq!(NewPassword::parse("").err(), Some(TextError::Required));
        assert_eq!(
            NewPassword::parse("long enough\0pw").err(),
            Some(TextError::Control)
        );
        assert!(NewPassword::parse("пароль-длинный").is_ok());
    }

    #[test]
    fn the_last_active_admin_can_be_neither_demoted_nor_deactivated() {
        let admin = Access {
            role: Role::Admin,
            active: true,
        };
        let demoted = Access {
            role: Role::Kam,
            active: true,
        };
        let deactivated = Access {
            active: false,
            ..admin
        };
        use AccessRefusal::*;
        assert_eq!(
            access_change_refusal(admin, demoted, false, 1),
            Some(LastAdmin)
        );
        assert_eq!(
            access_change_refusal(admin, deactivated, false, 1),
            Some(LastAdmin)
        );
        assert_eq!(access_change_refusal(admin, demoted, false, 2), None);
        assert_eq!(access_change_refusal(admin, demoted, true, 2), None);
        assert_eq!(access_change_refusal(admin, admin, false, 1), None);
        assert_eq!(
            access_change_refusal(demoted, deactivated, false, 1),
            None,
            "a KAM is not the last admin"
        );
    }

    #[test]
    fn nobody_deactivates_themselves() {
        let admin = Access {
            role: Role::Admin,
            active: true,
        };
        let off = Access {
            active: false,
            ..admin
        };
        assert_eq!(
            access_change_refusal(admin, off, true, 5),
            Some(AccessRefusal::OwnAccount)
        );
    }

    #[test]
    fn names_are_required_and_trimmed() {
        assert_eq!(PersonName::parse("  Anna  ").unwrap().as_str(), "Anna");
        assert_eq!(PersonName::parse("   "), Err(TextError::Required));
        assert_eq!(PersonName::parse("Ann\u{202E}a"), Err(TextError::Invisible));
    }
}
