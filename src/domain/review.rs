//! Key-list reviews: the meeting where the key list and its owners are agreed. Per row the
//! meeting records a decision; the review is compared with the previous agreed one; once
//! agreed it no longer changes.

use super::scoring::named_enum;
use super::text::TextRule;
use chrono::NaiveDate;

named_enum! {
    /// Whether a review is still being prepared or has been agreed.
    pub enum ReviewStatus as "review status" {
        /// Open: the meeting records decisions.
        Draft => "draft",
        /// Agreed and frozen.
        SignedOff => "signed_off",
    }
}

named_enum! {
    /// What the meeting decided for a key client of the snapshot.
    pub enum Decision as "review decision" {
        /// Stays key, with its owner.
        Keep => "keep",
        /// Leaves the key list (a pin "not key" follows, on the account).
        Drop => "drop",
        /// Stays key with another owner (a handover follows, on the team page).
        Reassign => "reassign",
        /// Stays key, watched until the next review.
        Watch => "watch",
    }
}

named_enum! {
    /// How a key client changed between the previous agreed review and this one.
    pub enum Change as "review change" {
        /// On this list, not on the previous one.
        Entered => "entered",
        /// On the previous list, not on this one.
        Left => "left",
        /// On both, with another owner.
        OwnerChanged => "owner_changed",
    }
}

/// Participants who are not users, as typed (one line).
pub const GUESTS: TextRule = TextRule::line(1000);

/// Why a review refuses a change: an agreed review is the record of a meeting.
pub fn change_refusal(status: ReviewStatus) -> Option<&'static str> {
    match status {
        ReviewStatus::Draft => None,
        ReviewStatus::SignedOff => Some("error-review-agreed"),
    }
}

/// Why an agreement date is refused: before the meeting, or in the future.
pub fn agreement_refusal(
    held_on: NaiveDate,
    agreed_on: NaiveDate,
    today: NaiveDate,
) -> Option<&'static str> {
    if agreed_on < held_on {
        Some("error-agreed-before-meeting")
    } else if agreed_on > today {
        Some("error-date-in-future")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_agreed_review_refuses_changes_and_a_draft_takes_them() {
        assert_eq!(change_refusal(ReviewStatus::Draft), None);
        assert_eq!(
            change_refusal(ReviewStatus::SignedOff),
            Some("error-review-agreed")
        );
    }

    #[test]
    fn a_review_is_agreed_on_or_after_its_meeting_and_not_in_the_future() {
        let (held, today) = (day("2026-11-20"), day("2026-11-23"));
        assert_eq!(agreement_refusal(held, held, today), None);
        assert_eq!(agreement_refusal(held, today, today), None);
        assert_eq!(
            agreement_refusal(held, day("2026-11-19"), today),
            Some("error-agreed-before-meeting")
        );
        assert_eq!(
            agreement_refusal(held, day("2026-11-24"), today),
            Some("error-date-in-future")
        );
    }

    #[test]
    fn decisions_and_changes_read_back_their_stored_names() {
        for d in Decision::ALL {
            assert_eq!(d.as_str().parse::<Decision>().unwrap(), *d);
        }
        for c in Change::ALL {
            assert_eq!(c.as_str().parse::<Change>().unwrap(), *c);
        }
        assert!("remove".parse::<Decision>().is_err());
    }
}
