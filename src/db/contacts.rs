//! The contact map: people at the client, who they report to, their part in the decision and
//! their attitude to us, with the history of that attitude.

use crate::domain::contact::{Attitude, DecisionRole, Influence};
use crate::domain::ids::{AccountId, AttitudeChangeId, ContactId, UserId};
use crate::domain::user::{Email, PersonName};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;

/// A person at a client, as the contact map page or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewContact {
    /// Identifier (`ContactId::new()` for a page).
    pub id: ContactId,
    /// The client.
    pub account_id: AccountId,
    /// Full name.
    pub full_name: PersonName,
    /// Job title, as typed.
    pub title: String,
    /// Department, as typed.
    pub department: String,
    /// E-mail, if known.
    pub email: Option<Email>,
    /// Phone, as typed.
    pub phone: String,
    /// Their boss, a contact of the same account written before them (or in the same batch,
    /// earlier in it).
    pub reports_to: Option<ContactId>,
    /// Part in the decision, if known.
    pub decision_role: Option<DecisionRole>,
    /// Weight of their word, if known.
    pub influence: Option<Influence>,
    /// Attitude to us, if known.
    pub attitude: Option<Attitude>,
    /// Who on our team covers them.
    pub covered_by: Option<UserId>,
    /// What moves them personally.
    pub motivation: String,
    /// What they are measured on.
    pub measured_on: String,
    /// When we last spoke with them.
    pub last_contact_on: Option<NaiveDate>,
    /// Still at the client.
    pub active: bool,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// A contact's reports-to points at another account's contact, or at the contact itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("contact {contact} cannot report to {boss}: not a contact of the same account")]
pub struct ForeignBoss {
    /// The contact.
    pub contact: ContactId,
    /// The boss it named.
    pub boss: ContactId,
}

/// Adds one contact. Its boss must be a contact of the same account.
pub async fn insert(conn: &mut PgConnection, contact: &NewContact) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(contact)).await
}

/// Adds contacts in batches: the same statement as [`insert`]. A contact whose boss is not a
/// contact of the same account (already stored, or earlier in `contacts`) is refused with an
/// error before anything of its batch is written.
pub async fn insert_many(conn: &mut PgConnection, contacts: &[NewContact]) -> sqlx::Result<()> {
    for chunk in contacts.chunks(super::BULK_ROWS) {
        check_bosses(conn, chunk).await?;
        sqlx::query(
            "INSERT INTO contacts (id, account_id, full_name, title, department, email, phone,
                 reports_to, decision_role, influence, attitude, covered_by, motivation,
                 measured_on, last_contact_on, active, created_at, updated_at)
             SELECT u.id, u.account_id, u.full_name, u.title, u.department, u.email, u.phone,
                    u.reports_to, u.decision_role, u.influence, u.attitude, u.covered_by,
                    u.motivation, u.measured_on, u.last_contact_on, u.active,
                    coalesce(u.created_at, now()), coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[],
                    $12::uuid[], $13::text[], $14::text[], $15::date[], $16::bool[],
                    $17::timestamptz[])
                 AS u(id, account_id, full_name, title, department, email, phone, reports_to,
                      decision_role, influence, attitude, covered_by, motivation, measured_on,
                      last_contact_on, active, created_at)",
        )
        .bind(chunk.iter().map(|c| c.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.account_id).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.full_name.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.title.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.department.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.email.as_ref().map_or("", Email::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.phone.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.reports_to).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.decision_role.map(DecisionRole::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.influence.map(Influence::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.attitude.map(Attitude::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.covered_by).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.motivation.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.measured_on.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.last_contact_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.active).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every reports-to of `chunk` names a contact of the same account: one earlier in the chunk,
/// or one already stored (looked up in one query). A CHECK cannot look at another row, so the
/// writer holds this rule for every caller.
async fn check_bosses(conn: &mut PgConnection, chunk: &[NewContact]) -> sqlx::Result<()> {
    let mut seen: HashMap<ContactId, AccountId> = HashMap::with_capacity(chunk.len());
    let mut stored: Vec<(ContactId, ContactId, AccountId)> = Vec::new();
    for c in chunk {
        if let Some(boss) = c.reports_to {
            match seen.get(&boss) {
                Some(account) if *account == c.account_id => {}
                Some(_) => return Err(foreign(c.id, boss)),
                None if boss == c.id => return Err(foreign(c.id, boss)),
                None => stored.push((c.id, boss, c.account_id)),
            }
        }
        seen.insert(c.id, c.account_id);
    }
    if stored.is_empty() {
        return Ok(());
    }
    let bosses: Vec<ContactId> = stored.iter().map(|s| s.1).collect();
    let found: HashMap<ContactId, AccountId> = sqlx::query_as::<_, (ContactId, AccountId)>(
        "SELECT id, account_id FROM contacts WHERE id = ANY($1)",
    )
    .bind(&bosses)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    for (contact, boss, account) in stored {
        if found.get(&boss) != Some(&account) {
            return Err(foreign(contact, boss));
        }
    }
    Ok(())
}

fn foreign(contact: ContactId, boss: ContactId) -> sqlx::Error {
    sqlx::Error::InvalidArgument(ForeignBoss { contact, boss }.to_string())
}

/// A recorded change of a contact's attitude.
#[derive(Debug, Clone)]
pub struct NewAttitudeChange {
    /// Identifier (`AttitudeChangeId::new()` for a page).
    pub id: AttitudeChangeId,
    /// The contact.
    pub contact_id: ContactId,
    /// The attitude from then on.
    pub attitude: Attitude,
    /// Why, as typed.
    pub note: String,
    /// Who noticed.
    pub changed_by: Option<UserId>,
    /// When (None: now).
    pub changed_at: Option<DateTime<Utc>>,
}

/// Records one change of attitude.
pub async fn insert_attitude_change(
    conn: &mut PgConnection,
    change: &NewAttitudeChange,
) -> sqlx::Result<()> {
    insert_attitude_changes(conn, std::slice::from_ref(change)).await
}

/// Records changes of attitude in batches: the same statement as [`insert_attitude_change`].
pub async fn insert_attitude_changes(
    conn: &mut PgConnection,
    changes: &[NewAttitudeChange],
) -> sqlx::Result<()> {
    for chunk in changes.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO contact_attitude_history (id, contact_id, attitude, note, changed_by,
                 changed_at)
             SELECT u.id, u.contact_id, u.attitude, u.note, u.changed_by,
                    coalesce(u.changed_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[],
                    $6::timestamptz[])
                 AS u(id, contact_id, attitude, note, changed_by, changed_at)",
        )
        .bind(chunk.iter().map(|h| h.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.contact_id).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|h| h.attitude.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|h| h.note.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.changed_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.changed_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
