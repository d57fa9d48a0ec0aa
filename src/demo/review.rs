//! The demo's past key-list review: a meeting held about three months ago, agreed, with a
//! decision on every row, so `/reviews` shows what a finished review looks like and the next
//! review a director opens has a previous one to compare with.
//!
//! A review freezes the *stored* key list, which exists only after the first recompute, so
//! this runs after [`super::seed_demo`] and the recompute (`kamdesk seed --demo` does both),
//! through the same `db::reviews` writers as the review pages. Owners are frozen as they were
//! on the meeting's day (the demo's ownership history has handovers since), so a review
//! opened today shows those owner changes.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;

use super::random::{IdGen, days_before};
use crate::db;
use crate::domain::ids::{AccountId, ReviewId, UserId};
use crate::domain::review::Decision;

/// How long ago the demo's review was held.
pub const REVIEW_DAYS_AGO: i64 = 91;

/// Mixed into the seed so the review's id differs from every generated row's.
const STREAM: u64 = 0x7265_7669_6577_2121;

/// The decision and note the meeting recorded for a frozen row (pure, for the tests): unowned
/// clients are to be reassigned, every ninth is watched, the last on the list is dropped, the
/// rest kept.
pub(crate) fn decision_for(
    owner: Option<UserId>,
    position: usize,
    rows: usize,
) -> (Decision, &'static str) {
    if owner.is_none() {
        (
            Decision::Reassign,
            "Nobody owns it: the director assigns an owner this month.",
        )
    } else if position + 1 == rows && rows > 1 {
        (
            Decision::Drop,
            "Potential overstated; pin as not key until the new forecast.",
        )
    } else if position % 9 == 8 {
        (
            Decision::Watch,
            "Orders slowed this quarter; check again at the next review.",
        )
    } else {
        (Decision::Keep, "")
    }
}

/// Records the demo's past review: frozen from the stored key list, owners as on its day,
/// decisions on every row, the director and the KAMs as participants, agreed on its day.
/// Returns its id, or `None` when no key list is stored yet (nothing to review).
pub async fn seed_review(pool: &PgPool, seed: u64, today: NaiveDate) -> Result<Option<ReviewId>> {
    let held_on = days_before(today, REVIEW_DAYS_AGO);
    let id = ReviewId(IdGen::new(seed ^ STREAM, today).next_id());
    let mut tx = pool.begin().await.context("starting the review")?;
    let director = db::users::find_by_email(&mut *tx, "director@demo.test")
        .await?
        .context("the demo's director")?;
    let frozen = db::reviews::open(
        &mut tx,
        &db::reviews::NewReview {
            id,
            title: format!(
                "Key-list review, Q{} {}",
                held_on.month0() / 3 + 1,
                held_on.year()
            ),
            held_on,
            by: Some(director.id),
        },
    )
    .await
    .context("freezing the key list")?;
    if frozen == 0 {
        return Ok(None);
    }
    db::reviews::owners_as_of(&mut tx, id, held_on).await?;
    let rows = db::reviews::frozen(&mut *tx, id).await?;
    let decisions: Vec<(AccountId, Decision, String)> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (d, note) = decision_for(r.owner_id, k, rows.len());
            (r.account_id, d, note.to_owned())
        })
        .collect();
    db::reviews::decide_many(&mut tx, id, &decisions).await?;
    let mut participants = vec![director.id];
    for k in 1..=6 {
        if let Some(kam) = db::users::find_by_email(&mut *tx, &format!("kam{k}@demo.test")).await? {
            participants.push(kam.id);
        }
    }
    db::reviews::set_participants(
        &mut tx,
        id,
        &participants,
        "Chief executive; finance director",
    )
    .await?;
    db::reviews::agree(&mut tx, id, held_on, director.id).await?;
    tx.commit().await.context("committing the review")?;
    Ok(Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meeting_decides_every_row_by_its_owner_and_place() {
        let owner = Some(UserId::new());
        assert_eq!(decision_for(None, 0, 10).0, Decision::Reassign);
        assert_eq!(decision_for(owner, 0, 10).0, Decision::Keep);
        assert_eq!(decision_for(owner, 8, 10).0, Decision::Watch);
        assert_eq!(decision_for(owner, 9, 10).0, Decision::Drop);
        assert_eq!(
            decision_for(owner, 0, 1).0,
            Decision::Keep,
            "one row is kept"
        );
        assert!(
            decision_for(None, 0, 1).1.len() > 10,
            "a reassignment says why"
        );
    }
}
