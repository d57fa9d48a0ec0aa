//! Follow-ups: dated next steps with an assignee from the account's team. Where one falls in
//! "my follow-ups" (overdue, today, this week, later), who may tick it off, and the one parse of
//! its fields.

use crate::domain::order::parse_date;
use crate::domain::permissions::{Action, Relation, allows};
use crate::domain::scoring::named_enum;
use crate::domain::text::{self, TextError};
use crate::domain::user::Role;
use chrono::{Datelike, Days, NaiveDate};

named_enum! {
    /// Where an open follow-up falls, seen from today.
    pub enum Bucket as "follow-up bucket" {
        /// Due before today.
        Overdue => "overdue",
        /// Due today.
        Today => "today",
        /// Due after today, by Sunday of this week.
        ThisWeek => "week",
        /// Due after this week.
        Later => "later",
    }
}

/// The last day of `today`'s week (weeks run Monday to Sunday, as in Russia and ISO 8601).
pub fn end_of_week(today: NaiveDate) -> NaiveDate {
    let left = 6 - today.weekday().num_days_from_monday();
    today + Days::new(u64::from(left))
}

/// The bucket of a follow-up due on `due`.
pub fn bucket(due: NaiveDate, today: NaiveDate) -> Bucket {
    if due < today {
        Bucket::Overdue
    } else if due == today {
        Bucket::Today
    } else if due <= end_of_week(today) {
        Bucket::ThisWeek
    } else {
        Bucket::Later
    }
}

impl Bucket {
    /// The due dates of this bucket as an inclusive range (`None`: open-ended).
    pub fn range(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let yesterday = today.pred_opt();
        match self {
            Bucket::Overdue => (None, yesterday),
            Bucket::Today => (Some(today), Some(today)),
            Bucket::ThisWeek => (today.succ_opt(), Some(end_of_week(today))),
            Bucket::Later => (end_of_week(today).succ_opt(), None),
        }
    }
}

/// Whether a user may tick a follow-up off (or reopen it): whoever may log activity on its
/// account, and its assignee even when the account is outside their teams (a follow-up
/// assigned to you is yours, though the account behind it may not be).
pub fn may_complete(role: Role, relation: Relation, is_assignee: bool) -> bool {
    is_assignee || allows(role, Action::LogActivity, relation)
}

/// What a follow-up's title may hold.
pub const TITLE: text::TextRule = text::TITLE;
/// What its notes may hold.
pub const NOTES: text::TextRule = text::NOTE;

/// How far ahead a follow-up may be due: further is a typo.
pub const MAX_YEARS_AHEAD: u64 = 5;

/// A field of the follow-up form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FollowUpField {
    /// What to do.
    Title,
    /// By when.
    DueOn,
    /// Notes.
    Notes,
}

impl FollowUpField {
    /// The form field's name.
    pub fn name(self) -> &'static str {
        match self {
            FollowUpField::Title => "title",
            FollowUpField::DueOn => "due_on",
            FollowUpField::Notes => "notes",
        }
    }
}

/// Why a follow-up field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpProblem {
    /// Missing.
    Required,
    /// Not a date.
    NotADate,
    /// Before 2000 or more than [`MAX_YEARS_AHEAD`] years ahead.
    DateOutOfRange,
    /// Refused by the text rule.
    Text(TextError),
}

impl FollowUpProblem {
    /// The message key beside the field.
    pub fn message_key(self) -> String {
        match self {
            FollowUpProblem::Required => "error-required".into(),
            FollowUpProblem::NotADate => "error-not-a-date".into(),
            FollowUpProblem::DateOutOfRange => "error-out-of-range".into(),
            FollowUpProblem::Text(TextError::TooLong { max }) => {
                format!("{}#{max}", TextError::TooLong { max }.message_key())
            }
            FollowUpProblem::Text(e) => e.message_key(),
        }
    }
}

/// A follow-up's own fields, valid (the assignee and the links are checked against the account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpFields {
    /// What to do.
    pub title: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Notes ("" when none).
    pub notes: String,
}

/// Parses a follow-up's title, due date and notes; every refused field is reported.
pub fn parse_follow_up(
    title: &str,
    due_on: &str,
    notes: &str,
    today: NaiveDate,
) -> Result<FollowUpFields, Vec<(FollowUpField, FollowUpProblem)>> {
    let mut problems = vec![];
    let title = TITLE
        .required(title)
        .map_err(|e| problems.push((FollowUpField::Title, FollowUpProblem::Text(e))))
        .ok();
    let latest = today.checked_add_days(Days::new(366 * MAX_YEARS_AHEAD));
    let due_on = match (due_on.trim(), parse_date(due_on)) {
        ("", _) => {
            problems.push((FollowUpField::DueOn, FollowUpProblem::Required));
            None
        }
        (_, None) => {
            problems.push((FollowUpField::DueOn, FollowUpProblem::NotADate));
            None
        }
        (_, Some(d))
            if d < crate::domain::order::earliest_order_date() || latest.is_some_and(|l| d > l) =>
        {
            problems.push((FollowUpField::DueOn, FollowUpProblem::DateOutOfRange));
            None
        }
        (_, Some(d)) => Some(d),
    };
    let notes = NOTES
        .optional(notes)
        .map_err(|e| problems.push((FollowUpField::Notes, FollowUpProblem::Text(e))))
        .ok()
        .map(Option::unwrap_or_default);
    match (title, due_on, notes) {
        (Some(title), Some(due_on), Some(notes)) => Ok(FollowUpFields {
            title,
            due_on,
            notes,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    #[test]
    fn follow_ups_fall_into_overdue_today_this_week_and_later() {
        let wednesday = day("2026-11-25");
        assert_eq!(bucket(day("2026-11-24"), wednesday), Bucket::Overdue);
        assert_eq!(bucket(wednesday, wednesday), Bucket::Today);
        assert_eq!(bucket(day("2026-11-26"), wednesday), Bucket::ThisWeek);
        assert_eq!(
            bucket(day("2026-11-29"), wednesday),
            Bucket::ThisWeek,
            "Sunday"
        );
        assert_eq!(
            bucket(day("2026-11-30"), wednesday),
            Bucket::Later,
            "next Monday"
        );
        let sunday = day("2026-11-29");
        assert_eq!(bucket(day("2026-11-30"), sunday), Bucket::Later);
        assert_eq!(end_of_week(day("2026-11-23")), sunday, "from Monday");
    }

    #[test]
    fn each_buckets_range_holds_exactly_its_dates() {
        let today = day("2026-11-25");
        for offset in -10..20 {
            let due = today + chrono::Duration::days(offset);
            for &b in Bucket::ALL {
                let (from, to) = b.range(today);
                let inside = from.is_none_or(|f| due >= f) && to.is_none_or(|t| due <= t);
                assert_eq!(inside, bucket(due, today) == b, "{due} {b}");
            }
        }
    }

    #[test]
    fn the_assignee_may_tick_off_a_follow_up_on_an_account_outside_their_teams() {
        assert!(may_complete(Role::Kam, Relation::NotOnTeam, true));
        assert!(!may_complete(Role::Kam, Relation::NotOnTeam, false));
        assert!(may_complete(Role::Assistant, Relation::OnTeam, false));
        assert!(may_complete(Role::Director, Relation::NotOnTeam, false));
    }

    #[test]
    fn a_follow_up_needs_a_title_and_a_sensible_due_date() {
        let today = day("2026-11-25");
        let ok = parse_follow_up(" Call Ivan ", "01.12.2026", "", today).unwrap();
        assert_eq!(ok.title, "Call Ivan");
        assert_eq!(ok.due_on, day("2026-12-01"));
        let bad = parse_follow_up("", "2040-01-01", "a\u{202e}b", today).unwrap_err();
        assert_eq!(
            bad,
            vec![
                (
                    FollowUpField::Title,
                    FollowUpProblem::Text(TextError::Required)
                ),
                (FollowUpField::DueOn, FollowUpProblem::DateOutOfRange),
                (
                    FollowUpField::Notes,
                    FollowUpProblem::Text(TextError::Invisible)
                ),
            ]
        );
        let bad = parse_follow_up("x", "tomorrow", "", today).unwrap_err();
        assert_eq!(bad, vec![(FollowUpField::DueOn, FollowUpProblem::NotADate)]);
    }
}
