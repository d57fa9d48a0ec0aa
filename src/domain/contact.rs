//! The contact map: the people at a client and how they stand in the decision, the rules of
//! their reports-to lines, and the coverage gaps (who decides and nobody covers, no champion, a
//! strong blocker, silence for more than 90 days, no contact at all). The map's drawing is
//! `domain::contact_map`.

use crate::domain::ids::ContactId;
use crate::domain::scoring::named_enum;
use crate::domain::text::{self, TextError};
use chrono::{Days, NaiveDate};
use std::collections::{HashMap, HashSet};

named_enum! {
    /// A contact's part in the decision on our category.
    pub enum DecisionRole as "decision role" {
        /// Has the final say.
        DecisionMaker => "decision_maker",
        /// Holds the budget.
        EconomicBuyer => "economic_buyer",
        /// Judges the technical fit.
        TechnicalBuyer => "technical_buyer",
        /// Uses what we supply.
        User => "user",
        /// Sways the others.
        Influencer => "influencer",
        /// Controls access.
        Gatekeeper => "gatekeeper",
        /// Sells for us inside the client.
        Champion => "champion",
        /// Works against us.
        Blocker => "blocker",
    }
}

named_enum! {
    /// How much a contact's word weighs.
    pub enum Influence as "influence" {
        /// Decisive.
        High => "high",
        /// Heard.
        Medium => "medium",
        /// Little.
        Low => "low",
    }
}

named_enum! {
    /// A contact's attitude to us.
    pub enum Attitude as "attitude" {
        /// For us.
        Supporter => "supporter",
        /// Undecided.
        Neutral => "neutral",
        /// Against us.
        Opponent => "opponent",
    }
}

/// A phone number: digits, spaces and `+ ( ) - . /` only (a `+` only in front), at least five
/// digits, at most [`text::PHONE`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Parses user input; `Ok(None)` when left empty.
    pub fn parse_optional(raw: &str) -> Result<Option<Phone>, TextError> {
        let Some(s) = text::PHONE.optional(raw)? else {
            return Ok(None);
        };
        let invalid = TextError::Invalid("invalid_phone");
        let allowed = |(i, c): (usize, char)| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '(' | ')' | '-' | '.' | '/')
                || (c == '+' && i == 0)
        };
        if !s.char_indices().all(allowed) || s.chars().filter(char::is_ascii_digit).count() < 5 {
            return Err(invalid);
        }
        Ok(Some(Phone(s)))
    }

    /// The number as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a reports-to line is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportsToRefusal {
    /// A contact cannot report to themselves.
    Themselves,
    /// The boss is not a current contact of the same account (another client's, or gone).
    NotOnAccount,
    /// The boss already reports to this contact, directly or through others: the line would
    /// close a loop. `chain` runs from the chosen boss up to (not including) this contact.
    Loop {
        /// The people between, boss first.
        chain: Vec<ContactId>,
    },
}

/// Whether `contact` may report to `boss`, given every current contact of the account and whom
/// each reports to (`bosses`; a contact being created need not be in it).
pub fn reports_to_refusal(
    contact: ContactId,
    boss: ContactId,
    bosses: &HashMap<ContactId, Option<ContactId>>,
) -> Option<ReportsToRefusal> {
    if boss == contact {
        return Some(ReportsToRefusal::Themselves);
    }
    if !bosses.contains_key(&boss) {
        return Some(ReportsToRefusal::NotOnAccount);
    }
    let mut chain = vec![];
    let mut seen = HashSet::new();
    let mut at = Some(boss);
    while let Some(person) = at {
        if person == contact {
            return Some(ReportsToRefusal::Loop { chain });
        }
        // A loop stored before this rule (or by hand) must not hang the check.
        if !seen.insert(person) {
            return None;
        }
        chain.push(person);
        at = bosses.get(&person).copied().flatten();
    }
    None
}

/// Version of the gap rules below. Stored figures computed under another version are
/// recomputed by `db::migrate`; bump it whenever [`GapFacts::of`] changes.
pub const GAP_RULES_VERSION: i32 = 1;

/// A contact with no interaction for more than this many days is a gap.
pub const STALE_AFTER_DAYS: u64 = 90;

/// What the gap rules look at of one current contact (gone contacts are not looked at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Part in the decision.
    pub decision_role: Option<DecisionRole>,
    /// Weight of their word.
    pub influence: Option<Influence>,
    /// Whether someone on our side covers them.
    pub covered: bool,
    /// When we last had an interaction with them.
    pub last_contact_on: Option<NaiveDate>,
    /// When they were recorded (stands in for the last contact of someone never contacted).
    pub created_on: NaiveDate,
}

impl Standing {
    /// A decision maker or economic buyer nobody on our side covers.
    pub fn is_uncovered_decider(&self) -> bool {
        matches!(
            self.decision_role,
            Some(DecisionRole::DecisionMaker | DecisionRole::EconomicBuyer)
        ) && !self.covered
    }

    /// A blocker whose word weighs most.
    pub fn is_strong_blocker(&self) -> bool {
        self.decision_role == Some(DecisionRole::Blocker) && self.influence == Some(Influence::High)
    }

    /// The day from which silence is counted.
    pub fn last_touch(&self) -> NaiveDate {
        self.last_contact_on.unwrap_or(self.created_on)
    }

    /// No interaction for more than [`STALE_AFTER_DAYS`] days on `today`.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        self.last_touch() < stale_before(today)
    }
}

/// A contact whose last touch is before this day has been silent too long on `today`.
pub fn stale_before(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(STALE_AFTER_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// The kinds of coverage gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gap {
    /// No current contact at the client at all.
    NoContact,
    /// A decision maker or economic buyer nobody on our side covers.
    UncoveredDecider,
    /// Contacts, but nobody who sells for us inside.
    NoChampion,
    /// A blocker with high influence.
    StrongBlocker,
    /// A contact with no interaction for more than 90 days.
    Stale,
}

impl Gap {
    /// Every gap, in the order pages list them.
    pub const ALL: [Gap; 5] = [
        Gap::NoContact,
        Gap::UncoveredDecider,
        Gap::StrongBlocker,
        Gap::NoChampion,
        Gap::Stale,
    ];

    /// The stable name (message keys `gap-<name>`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Gap::NoContact => "no-contact",
            Gap::UncoveredDecider => "uncovered-decider",
            Gap::NoChampion => "no-champion",
            Gap::StrongBlocker => "strong-blocker",
            Gap::Stale => "stale",
        }
    }
}

/// An account's gap figures that do not depend on the day: what is stored per account and
/// counted for the cockpit. The 90-day rule is `oldest_contact_on < stale_before(today)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GapFacts {
    /// Current contacts.
    pub active_contacts: i32,
    /// Decision makers and economic buyers nobody covers.
    pub uncovered_deciders: i32,
    /// Contacts, but no champion among them.
    pub no_champion: bool,
    /// Blockers with high influence.
    pub strong_blockers: i32,
    /// The earliest last touch of a current contact.
    pub oldest_contact_on: Option<NaiveDate>,
}

impl GapFacts {
    /// The figures of an account's current contacts.
    pub fn of(current: &[Standing]) -> GapFacts {
        let count = |f: fn(&Standing) -> bool| current.iter().filter(|s| f(s)).count() as i32;
        GapFacts {
            active_contacts: current.len() as i32,
            uncovered_deciders: count(Standing::is_uncovered_decider),
            no_champion: !current.is_empty()
                && !current
                    .iter()
                    .any(|s| s.decision_role == Some(DecisionRole::Champion)),
            strong_blockers: count(Standing::is_strong_blocker),
            oldest_contact_on: current.iter().map(Standing::last_touch).min(),
        }
    }

    /// The gaps these figures show on `today`.
    pub fn gaps(&self, today: NaiveDate) -> Vec<Gap> {
        Gap::ALL
            .into_iter()
            .filter(|g| match g {
                Gap::NoContact => self.active_contacts == 0,
                Gap::UncoveredDecider => self.uncovered_deciders > 0,
                Gap::NoChampion => self.no_champion,
                Gap::StrongBlocker => self.strong_blockers > 0,
                Gap::Stale => self
                    .oldest_contact_on
                    .is_some_and(|d| d < stale_before(today)),
            })
            .collect()
    }
}

/// Which of an account's current contacts make which gap on `today`, for the map and the
/// account page (the names behind [`GapFacts`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountGaps {
    /// No current contact at all.
    pub no_contact: bool,
    /// Decision makers and economic buyers nobody covers.
    pub uncovered: Vec<ContactId>,
    /// Contacts, but no champion.
    pub no_champion: bool,
    /// Blockers with high influence.
    pub strong_blockers: Vec<ContactId>,
    /// Silent for more than 90 days.
    pub stale: Vec<ContactId>,
}

impl AccountGaps {
    /// The gaps of these current contacts on `today`.
    pub fn of(current: &[(ContactId, Standing)], today: NaiveDate) -> AccountGaps {
        let who = |f: &dyn Fn(&Standing) -> bool| {
            current
                .iter()
                .filter(|(_, s)| f(s))
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
        };
        let standings: Vec<Standing> = current.iter().map(|(_, s)| *s).collect();
        let facts = GapFacts::of(&standings);
        AccountGaps {
            no_contact: facts.active_contacts == 0,
            uncovered: who(&Standing::is_uncovered_decider),
            no_champion: facts.no_champion,
            strong_blockers: who(&Standing::is_strong_blocker),
            stale: who(&|s: &Standing| s.is_stale(today)),
        }
    }

    /// Whether nothing is missing.
    pub fn is_empty(&self) -> bool {
        !self.no_contact
            && self.uncovered.is_empty()
            && !self.no_champion
            && self.strong_blockers.is_empty()
            && self.stale.is_empty()
    }

    /// Whether this contact is part of a gap (marked on the map).
    pub fn marks(&self, id: ContactId) -> bool {
        self.uncovered.contains(&id)
            || self.strong_blockers.contains(&id)
            || self.stale.contains(&id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> ContactId {
        ContactId(uuid::Uuid::from_u128(n + 1))
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(u64::from(d))
    }

    #[test]
    fn a_phone_takes_digits_spaces_and_the_usual_signs() {
        let ok = Phone::parse_optional(" +7 (495) 123-45-67 / 12 ").unwrap();
        assert_eq!(ok.unwrap().as_str(), "+7 (495) 123-45-67 / 12");
        assert_eq!(Phone::parse_optional("  "), Ok(None));
        for bad in [
            "call me",
            "12-34",
            "8 800 555+35 35",
            "+7 495 123 45 67 ext 5",
        ] {
            assert_eq!(
                Phone::parse_optional(bad),
                Err(TextError::Invalid("invalid_phone")),
                "{bad}"
            );
        }
        assert_eq!(
            Phone::parse_optional(&"1".repeat(41)),
            Err(TextError::TooLong { max: 40 })
        );
    }

    /// 0 ← 1 ← 2 (2 reports to 1, 1 to 0); 3 alone.
    fn org() -> HashMap<ContactId, Option<ContactId>> {
        HashMap::from([
            (id(0), None),
            (id(1), Some(id(0))),
            (id(2), Some(id(1))),
            (id(3), None),
        ])
    }

    #[test]
    fn a_contact_may_report_to_anyone_above_or_beside_them() {
        assert_eq!(reports_to_refusal(id(2), id(0), &org()), None);
        assert_eq!(reports_to_refusal(id(0), id(3), &org()), None);
        assert_eq!(reports_to_refusal(id(9), id(2), &org()), None, "a new one");
    }

    #[test]
    fn reporting_to_oneself_or_someone_below_is_refused_with_the_chain() {
        assert_eq!(
            reports_to_refusal(id(1), id(1), &org()),
            Some(ReportsToRefusal::Themselves)
        );
        assert_eq!(
            reports_to_refusal(id(0), id(2), &org()),
            Some(ReportsToRefusal::Loop {
                chain: vec![id(2), id(1)]
            })
        );
        assert_eq!(
            reports_to_refusal(id(1), id(2), &org()),
            Some(ReportsToRefusal::Loop { chain: vec![id(2)] })
        );
    }

    #[test]
    fn a_boss_who_is_not_a_current_contact_of_the_account_is_refused() {
        assert_eq!(
            reports_to_refusal(id(1), id(7), &org()),
            Some(ReportsToRefusal::NotOnAccount)
        );
    }

    #[test]
    fn a_stored_loop_does_not_hang_the_check() {
        let looped = HashMap::from([(id(0), Some(id(1))), (id(1), Some(id(0))), (id(2), None)]);
        assert_eq!(reports_to_refusal(id(2), id(0), &looped), None);
    }

    fn standing(role: Option<DecisionRole>) -> Standing {
        Standing {
            decision_role: role,
            influence: Some(Influence::Medium),
            covered: true,
            last_contact_on: Some(day(100)),
            created_on: day(0),
        }
    }

    #[test]
    fn an_account_without_contacts_has_only_the_no_contact_gap() {
        let facts = GapFacts::of(&[]);
        assert_eq!(facts.gaps(day(200)), vec![Gap::NoContact]);
        assert!(AccountGaps::of(&[], day(200)).no_contact);
    }

    #[test]
    fn each_gap_rule_finds_its_people() {
        let dm = Standing {
            covered: false,
            ..standing(Some(DecisionRole::DecisionMaker))
        };
        let eb_covered = standing(Some(DecisionRole::EconomicBuyer));
        let blocker = Standing {
            influence: Some(Influence::High),
            ..standing(Some(DecisionRole::Blocker))
        };
        let weak_blocker = standing(Some(DecisionRole::Blocker));
        let silent = Standing {
            last_contact_on: None,
            created_on: day(5),
            ..standing(None)
        };
        let people = [
            (id(0), dm),
            (id(1), eb_covered),
            (id(2), blocker),
            (id(3), weak_blocker),
            (id(4), silent),
        ];
        let today = day(100 + 90);
        let gaps = AccountGaps::of(&people, today);
        assert_eq!(gaps.uncovered, vec![id(0)]);
        assert_eq!(gaps.strong_blockers, vec![id(2)]);
        assert!(gaps.no_champion);
        assert_eq!(
            gaps.stale,
            vec![id(4)],
            "90 days exactly is not yet more than 90"
        );
        let facts = GapFacts::of(&people.map(|(_, s)| s));
        assert_eq!(
            facts.gaps(today),
            vec![
                Gap::UncoveredDecider,
                Gap::StrongBlocker,
                Gap::NoChampion,
                Gap::Stale
            ]
        );
        assert_eq!(facts.oldest_contact_on, Some(day(5)));
        assert!(!facts.gaps(day(95)).contains(&Gap::Stale));
    }

    #[test]
    fn a_champion_closes_the_no_champion_gap() {
        let facts = GapFacts::of(&[standing(Some(DecisionRole::Champion))]);
        assert!(facts.gaps(day(101)).is_empty());
    }
}
