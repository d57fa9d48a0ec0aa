//! The contact map: people at the client, who they report to, their part in the decision and
//! their attitude to us, with the history of that attitude and influence, and the per-account
//! coverage-gap figures kept in step with every write ([`refresh_gaps`], [`gap_counts`]).

use super::visibility::AccountScope;
use crate::domain::contact::{
    Attitude, DecisionRole, GAP_RULES_VERSION, GapFacts, Influence, Standing,
};
use crate::domain::ids::{AccountId, AttitudeChangeId, ContactId, InfluenceChangeId, UserId};
use crate::domain::scoring::named_enum;
use crate::domain::user::{Email, PersonName};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use std::collections::HashMap;

/// A person at a client, as the contact map page or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewContact {
    /// Identifier (`ContactId::new()` for a page).
    pub id: ContactId,
    /// The client.
    pub account_id: AccountId,
    /// What the form holds; the boss is a contact of the same account written before them
    /// (or in the same batch, earlier in it).
    pub details: ContactDetails,
    /// When we last spoke with them.
    pub last_contact_on: Option<NaiveDate>,
    /// When they left the client (None: still there).
    pub gone_on: Option<NaiveDate>,
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
/// error before anything of its batch is written. The accounts' gap figures are refreshed in
/// the same transaction.
pub async fn insert_many(conn: &mut PgConnection, contacts: &[NewContact]) -> sqlx::Result<()> {
    for chunk in contacts.chunks(super::BULK_ROWS) {
        let lines: Vec<_> = chunk
            .iter()
            .map(|c| (c.id, c.account_id, c.details.reports_to))
            .collect();
        check_bosses(conn, &lines).await?;
        sqlx::query(
            "INSERT INTO contacts (id, account_id, full_name, title, department, email, phone,
                 reports_to, decision_role, influence, attitude, covered_by, motivation,
                 measured_on, notes, last_contact_on, gone_on, active, created_at, updated_at)
             SELECT u.id, u.account_id, u.full_name, u.title, u.department, u.email, u.phone,
                    u.reports_to, u.decision_role, u.influence, u.attitude, u.covered_by,
                    u.motivation, u.measured_on, u.notes, u.last_contact_on, u.gone_on,
                    u.gone_on IS NULL, coalesce(u.created_at, now()), coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[], $11::text[],
                    $12::uuid[], $13::text[], $14::text[], $15::text[], $16::date[], $17::date[],
                    $18::timestamptz[])
                 AS u(id, account_id, full_name, title, department, email, phone, reports_to,
                      decision_role, influence, attitude, covered_by, motivation, measured_on,
                      notes, last_contact_on, gone_on, created_at)",
        )
        .bind(chunk.iter().map(|c| c.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.account_id).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|c| c.details.full_name.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.title.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.department.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.email.as_ref().map_or("", Email::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.phone.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.reports_to)
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.decision_role.map(DecisionRole::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.influence.map(Influence::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.attitude.map(Attitude::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.covered_by)
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.motivation.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.measured_on.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|c| c.details.notes.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|c| c.last_contact_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.gone_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|c| c.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
        let accounts: Vec<AccountId> = chunk.iter().map(|c| c.account_id).collect();
        refresh_gaps(conn, &accounts).await?;
    }
    Ok(())
}

/// Every reports-to of `lines` (contact, its account, its boss) names a contact of the same
/// account: one earlier in `lines`, or one already stored (looked up in one query). A CHECK
/// cannot look at another row, so the writer holds this rule for every caller.
async fn check_bosses(
    conn: &mut PgConnection,
    lines: &[(ContactId, AccountId, Option<ContactId>)],
) -> sqlx::Result<()> {
    let mut seen: HashMap<ContactId, AccountId> = HashMap::with_capacity(lines.len());
    let mut stored: Vec<(ContactId, ContactId, AccountId)> = Vec::new();
    for &(id, account_id, reports_to) in lines {
        if let Some(boss) = reports_to {
            match seen.get(&boss) {
                Some(account) if *account == account_id => {}
                Some(_) => return Err(foreign(id, boss)),
                None if boss == id => return Err(foreign(id, boss)),
                None => stored.push((id, boss, account_id)),
            }
        }
        seen.insert(id, account_id);
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

/// A recorded change of one of a contact's readings: its attitude or its influence (`V`), with
/// the history's own kind of id (`I`). The two histories have the same columns but the value.
#[derive(Debug, Clone)]
pub struct NewStanceChange<V, I> {
    /// Identifier (`AttitudeChangeId::new()`/`InfluenceChangeId::new()` for a page).
    pub id: I,
    /// The contact.
    pub contact_id: ContactId,
    /// The reading from then on (None: no longer known).
    pub value: Option<V>,
    /// Why, as typed.
    pub note: String,
    /// Who noticed.
    pub changed_by: Option<UserId>,
    /// When (None: now).
    pub changed_at: Option<DateTime<Utc>>,
}

/// A recorded change of a contact's attitude.
pub type NewAttitudeChange = NewStanceChange<Attitude, AttitudeChangeId>;
/// A recorded change of a contact's influence.
pub type NewInfluenceChange = NewStanceChange<Influence, InfluenceChangeId>;

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
    insert_stance_changes(conn, "contact_attitude_history", "attitude", changes, |c| {
        (c.id.0, c.value.map(Attitude::as_str))
    })
    .await
}

/// Records changes of influence in batches.
pub async fn insert_influence_changes(
    conn: &mut PgConnection,
    changes: &[NewInfluenceChange],
) -> sqlx::Result<()> {
    insert_stance_changes(
        conn,
        "contact_influence_history",
        "influence",
        changes,
        |c| (c.id.0, c.value.map(Influence::as_str)),
    )
    .await
}

/// The one statement of both histories: `table`'s value column is `column` (both names are
/// constants of this module, never input); `key` gives a change's id and stored value.
async fn insert_stance_changes<V, I>(
    conn: &mut PgConnection,
    table: &'static str,
    column: &'static str,
    changes: &[NewStanceChange<V, I>],
    key: impl Fn(&NewStanceChange<V, I>) -> (uuid::Uuid, Option<&'static str>),
) -> sqlx::Result<()> {
    for chunk in changes.chunks(super::BULK_ROWS) {
        let (ids, values): (Vec<_>, Vec<_>) = chunk.iter().map(&key).unzip();
        sqlx::query(&format!(
            "INSERT INTO {table} (id, contact_id, {column}, note, changed_by, changed_at)
             SELECT u.id, u.contact_id, u.value, u.note, u.changed_by,
                    coalesce(u.changed_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[],
                    $6::timestamptz[])
                 AS u(id, contact_id, value, note, changed_by, changed_at)"
        ))
        .bind(ids)
        .bind(chunk.iter().map(|h| h.contact_id).collect::<Vec<_>>())
        .bind(values)
        .bind(chunk.iter().map(|h| h.note.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.changed_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.changed_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A contact as the pages show it.
#[derive(Debug, Clone, FromRow)]
pub struct ContactRow {
    /// Identifier.
    pub id: ContactId,
    /// The client.
    pub account_id: AccountId,
    /// Full name.
    pub full_name: String,
    /// Job title.
    pub title: String,
    /// Department.
    pub department: String,
    /// E-mail ('' when not known).
    pub email: String,
    /// Phone ('' when not known).
    pub phone: String,
    /// Their boss.
    pub reports_to: Option<ContactId>,
    /// The boss's name.
    pub boss_name: Option<String>,
    /// Part in the decision.
    pub decision_role: Option<DecisionRole>,
    /// Weight of their word.
    pub influence: Option<Influence>,
    /// Attitude to us.
    pub attitude: Option<Attitude>,
    /// Who on our side covers them.
    pub covered_by: Option<UserId>,
    /// That colleague's name.
    pub covered_by_name: Option<String>,
    /// What moves them personally.
    pub motivation: String,
    /// What they are measured on.
    pub measured_on: String,
    /// Notes.
    pub notes: String,
    /// When we last had an interaction with them.
    pub last_contact_on: Option<NaiveDate>,
    /// When they left the client.
    pub gone_on: Option<NaiveDate>,
    /// Row version for the edit form.
    pub version: i32,
    /// When recorded.
    pub created_at: DateTime<Utc>,
}

impl ContactRow {
    /// What the gap rules look at.
    pub fn standing(&self) -> Standing {
        Standing {
            decision_role: self.decision_role,
            influence: self.influence,
            covered: self.covered_by.is_some(),
            last_contact_on: self.last_contact_on,
            created_on: self.created_at.date_naive(),
        }
    }

    /// Whether they left the client.
    pub fn is_gone(&self) -> bool {
        self.gone_on.is_some()
    }
}

const SELECT_CONTACT: &str = "SELECT c.id, c.account_id, c.full_name, c.title, c.department,
        c.email, c.phone, c.reports_to, b.full_name AS boss_name, c.decision_role, c.influence,
        c.attitude, c.covered_by, u.name AS covered_by_name, c.motivation, c.measured_on,
        c.notes, c.last_contact_on, c.gone_on, c.version, c.created_at
   FROM contacts c
   LEFT JOIN contacts b ON b.id = c.reports_to
   LEFT JOIN users u ON u.id = c.covered_by ";

named_enum! {
    /// The columns the contact table sorts by.
    pub enum ContactSort as "contact sort" {
        /// Full name.
        Name => "name",
        /// Job title.
        Title => "title",
        /// Department.
        Department => "department",
        /// Decision role, in the domain's order (decision maker first).
        Role => "role",
        /// Influence, high first.
        Influence => "influence",
        /// Attitude, supporters first.
        Attitude => "attitude",
        /// The covering colleague's name.
        Covered => "covered",
        /// Last contact.
        LastContact => "last_contact",
    }
}

/// Which contacts a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactState {
    /// Still at the client.
    #[default]
    Current,
    /// Gone.
    Gone,
    /// Both.
    All,
}

/// The contact table's filter, sort and page.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    /// Part of a name, title, department or e-mail.
    pub query: Option<String>,
    /// Only this decision role.
    pub role: Option<DecisionRole>,
    /// Only this attitude.
    pub attitude: Option<Attitude>,
    /// Only this influence.
    pub influence: Option<Influence>,
    /// Current, gone or both.
    pub state: ContactState,
    /// Sort column (None: name).
    pub sort: Option<ContactSort>,
    /// Sort descending.
    pub descending: bool,
}

fn push_filter(q: &mut QueryBuilder<'_, Postgres>, account: AccountId, f: &ContactFilter) {
    q.push("WHERE c.account_id = ").push_bind(account);
    match f.state {
        ContactState::Current => {
            q.push(" AND c.gone_on IS NULL");
        }
        ContactState::Gone => {
            q.push(" AND c.gone_on IS NOT NULL");
        }
        ContactState::All => {}
    }
    if let Some(query) = &f.query {
        let pattern = format!("%{}%", super::accounts::escape_like(query));
        q.push(" AND (c.full_name ILIKE ")
            .push_bind(pattern.clone())
            .push(" OR c.title ILIKE ")
            .push_bind(pattern.clone())
            .push(" OR c.department ILIKE ")
            .push_bind(pattern.clone())
            .push(" OR c.email ILIKE ")
            .push_bind(pattern)
            .push(")");
    }
    if let Some(role) = f.role {
        q.push(" AND c.decision_role = ").push_bind(role);
    }
    if let Some(attitude) = f.attitude {
        q.push(" AND c.attitude = ").push_bind(attitude);
    }
    if let Some(influence) = f.influence {
        q.push(" AND c.influence = ").push_bind(influence);
    }
}

/// The SQL of a sort key: names case-insensitively, enumerations in the domain's order.
fn sort_key(sort: ContactSort) -> String {
    let position = |column: &str, names: &[&str]| {
        let list: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        format!(
            "array_position(ARRAY[{}]::text[], {column})",
            list.join(", ")
        )
    };
    match sort {
        ContactSort::Name => "lower(c.full_name)".into(),
        ContactSort::Title => "lower(c.title)".into(),
        ContactSort::Department => "lower(c.department)".into(),
        ContactSort::Role => position("c.decision_role", DecisionRole::NAMES),
        ContactSort::Influence => position("c.influence", Influence::NAMES),
        ContactSort::Attitude => position("c.attitude", Attitude::NAMES),
        ContactSort::Covered => "lower(u.name)".into(),
        ContactSort::LastContact => "c.last_contact_on".into(),
    }
}

/// One page of an account's contacts (`limit` None: all of them, for an export).
pub async fn list(
    db: impl PgExecutor<'_>,
    account: AccountId,
    f: &ContactFilter,
    limit: Option<i64>,
    offset: i64,
) -> sqlx::Result<Vec<ContactRow>> {
    let mut q = QueryBuilder::new(SELECT_CONTACT);
    push_filter(&mut q, account, f);
    let dir = if f.descending { "DESC" } else { "ASC" };
    // Empty values last either way; then by name, then by id so that pages never overlap.
    q.push(format!(
        " ORDER BY {} {dir} NULLS LAST, lower(c.full_name), c.id",
        sort_key(f.sort.unwrap_or(ContactSort::Name))
    ));
    if let Some(limit) = limit {
        q.push(" LIMIT ").push_bind(limit);
    }
    q.push(" OFFSET ").push_bind(offset);
    q.build_query_as().fetch_all(db).await
}

/// How many contacts the filter finds.
pub async fn count(
    db: impl PgExecutor<'_>,
    account: AccountId,
    f: &ContactFilter,
) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*) FROM contacts c ");
    push_filter(&mut q, account, f);
    q.build_query_scalar().fetch_one(db).await
}

/// Every contact of an account, gone ones included, by name.
pub async fn all_of_account(
    db: impl PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<ContactRow>> {
    let f = ContactFilter {
        state: ContactState::All,
        ..ContactFilter::default()
    };
    list(db, account, &f, None, 0).await
}

/// One contact of an account.
pub async fn get(
    db: impl PgExecutor<'_>,
    account: AccountId,
    id: ContactId,
) -> sqlx::Result<Option<ContactRow>> {
    let mut q = QueryBuilder::new(SELECT_CONTACT);
    q.push("WHERE c.account_id = ")
        .push_bind(account)
        .push(" AND c.id = ")
        .push_bind(id);
    q.build_query_as().fetch_optional(db).await
}

/// Locks a contact of an account for an edit; its version, or None when it is not the
/// account's.
pub async fn lock(
    conn: &mut PgConnection,
    account: AccountId,
    id: ContactId,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar("SELECT version FROM contacts WHERE id = $1 AND account_id = $2 FOR UPDATE")
        .bind(id)
        .bind(account)
        .fetch_optional(&mut *conn)
        .await
}

/// Whom each current contact of an account reports to, with those rows locked until the end
/// of the transaction: two edits of the same account's lines take turns, so they cannot close
/// a loop between them.
pub async fn lock_current_bosses(
    conn: &mut PgConnection,
    account: AccountId,
) -> sqlx::Result<HashMap<ContactId, Option<ContactId>>> {
    let rows: Vec<(ContactId, Option<ContactId>)> = sqlx::query_as(
        "SELECT id, reports_to FROM contacts WHERE account_id = $1 AND gone_on IS NULL
          ORDER BY id FOR UPDATE",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The names of these contacts.
pub async fn names(
    db: impl PgExecutor<'_>,
    ids: &[ContactId],
) -> sqlx::Result<HashMap<ContactId, String>> {
    let rows: Vec<(ContactId, String)> =
        sqlx::query_as("SELECT id, full_name FROM contacts WHERE id = ANY($1)")
            .bind(ids)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}

/// What the contact form holds: everything about a person but their dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDetails {
    /// Full name.
    pub full_name: PersonName,
    /// Job title.
    pub title: String,
    /// Department.
    pub department: String,
    /// E-mail.
    pub email: Option<Email>,
    /// Phone.
    pub phone: String,
    /// Their boss (checked by the caller against the loop rule).
    pub reports_to: Option<ContactId>,
    /// Part in the decision.
    pub decision_role: Option<DecisionRole>,
    /// Weight of their word.
    pub influence: Option<Influence>,
    /// Attitude to us.
    pub attitude: Option<Attitude>,
    /// Who on our side covers them.
    pub covered_by: Option<UserId>,
    /// What moves them.
    pub motivation: String,
    /// What they are measured on.
    pub measured_on: String,
    /// Notes.
    pub notes: String,
}

impl ContactDetails {
    /// A person known only by name: every other field empty.
    pub fn named(full_name: PersonName) -> ContactDetails {
        ContactDetails {
            full_name,
            title: String::new(),
            department: String::new(),
            email: None,
            phone: String::new(),
            reports_to: None,
            decision_role: None,
            influence: None,
            attitude: None,
            covered_by: None,
            motivation: String::new(),
            measured_on: String::new(),
            notes: String::new(),
        }
    }
}

/// Saves an edit over `version` (locked by [`lock`]); false when the version moved. The
/// account's gap figures are refreshed in the same transaction.
pub async fn update(
    conn: &mut PgConnection,
    account: AccountId,
    id: ContactId,
    version: i32,
    e: &ContactDetails,
) -> sqlx::Result<bool> {
    check_bosses(conn, &[(id, account, e.reports_to)]).await?;
    let done = sqlx::query(
        "UPDATE contacts SET full_name = $3, title = $4, department = $5, email = $6, phone = $7,
                reports_to = $8, decision_role = $9, influence = $10, attitude = $11,
                covered_by = $12, motivation = $13, measured_on = $14, notes = $15,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(e.full_name.as_str())
    .bind(&e.title)
    .bind(&e.department)
    .bind(e.email.as_ref().map_or("", Email::as_str))
    .bind(&e.phone)
    .bind(e.reports_to)
    .bind(e.decision_role)
    .bind(e.influence)
    .bind(e.attitude)
    .bind(e.covered_by)
    .bind(&e.motivation)
    .bind(&e.measured_on)
    .bind(&e.notes)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    refresh_gaps(conn, &[account]).await?;
    Ok(done)
}

/// Marks a contact as gone since `on` (None: back at the client) over `version`; false when
/// the version moved. Their reports keep the line (the map shows them as roots while their
/// manager is gone). The account's gap figures are refreshed in the same transaction.
pub async fn set_gone(
    conn: &mut PgConnection,
    account: AccountId,
    id: ContactId,
    version: i32,
    on: Option<NaiveDate>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE contacts SET gone_on = $3, active = $3 IS NULL, version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(on)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    refresh_gaps(conn, &[account]).await?;
    Ok(done)
}

/// One entry of a contact's attitude and influence timeline.
#[derive(Debug, Clone, FromRow)]
pub struct StanceChange {
    /// When.
    pub changed_at: DateTime<Utc>,
    /// The attitude from then on, when this entry is about attitude.
    pub attitude: Option<Attitude>,
    /// The influence from then on, when this entry is about influence.
    pub influence: Option<Influence>,
    /// Whether the entry is about influence (else attitude).
    pub is_influence: bool,
    /// The comment.
    pub note: String,
    /// Who recorded it.
    pub changed_by_name: Option<String>,
}

/// A contact's attitude and influence changes, newest first.
pub async fn stance_history(
    db: impl PgExecutor<'_>,
    contact: ContactId,
) -> sqlx::Result<Vec<StanceChange>> {
    sqlx::query_as(
        "SELECT h.changed_at, h.attitude, NULL::text AS influence, false AS is_influence, h.note,
                u.name AS changed_by_name
           FROM contact_attitude_history h LEFT JOIN users u ON u.id = h.changed_by
          WHERE h.contact_id = $1
         UNION ALL
         SELECT h.changed_at, NULL, h.influence, true, h.note, u.name
           FROM contact_influence_history h LEFT JOIN users u ON u.id = h.changed_by
          WHERE h.contact_id = $1
          ORDER BY changed_at DESC, is_influence",
    )
    .bind(contact)
    .fetch_all(db)
    .await
}

/// Recomputes the stored gap figures of these accounts from their current contacts
/// (`domain::contact::GapFacts`). Every contact and interaction writer calls it in its
/// transaction, so the figures the cockpit counts are never older than the contacts.
pub async fn refresh_gaps(conn: &mut PgConnection, accounts: &[AccountId]) -> sqlx::Result<()> {
    let mut accounts = accounts.to_vec();
    accounts.sort_unstable();
    accounts.dedup();
    if accounts.is_empty() {
        return Ok(());
    }
    let rows: Vec<(AccountId, StandingRow)> = sqlx::query_as::<_, StandingRow>(
        "SELECT account_id, decision_role, influence, covered_by IS NOT NULL AS covered,
                last_contact_on, created_at::date AS created_on
           FROM contacts WHERE account_id = ANY($1) AND gone_on IS NULL",
    )
    .bind(&accounts)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.account_id, r))
    .collect();
    let mut by_account: HashMap<AccountId, Vec<Standing>> =
        accounts.iter().map(|a| (*a, vec![])).collect();
    for (account, r) in rows {
        by_account.entry(account).or_default().push(Standing {
            decision_role: r.decision_role,
            influence: r.influence,
            covered: r.covered,
            last_contact_on: r.last_contact_on,
            created_on: r.created_on,
        });
    }
    let facts: Vec<GapFacts> = accounts
        .iter()
        .map(|a| GapFacts::of(&by_account[a]))
        .collect();
    sqlx::query(
        "INSERT INTO account_contact_gaps (account_id, in_base, active_contacts,
             uncovered_deciders, no_champion, strong_blockers, oldest_contact_on)
         SELECT u.account_id, a.status IN ('prospect', 'active'), u.active_contacts,
                u.uncovered_deciders, u.no_champion, u.strong_blockers, u.oldest_contact_on
           FROM UNNEST($1::uuid[], $2::int[], $3::int[], $4::bool[], $5::int[], $6::date[])
             AS u(account_id, active_contacts, uncovered_deciders, no_champion,
                  strong_blockers, oldest_contact_on)
           JOIN accounts a ON a.id = u.account_id
         ON CONFLICT (account_id) DO UPDATE SET
             active_contacts = EXCLUDED.active_contacts,
             uncovered_deciders = EXCLUDED.uncovered_deciders,
             no_champion = EXCLUDED.no_champion,
             strong_blockers = EXCLUDED.strong_blockers,
             oldest_contact_on = EXCLUDED.oldest_contact_on",
    )
    .bind(&accounts)
    .bind(facts.iter().map(|f| f.active_contacts).collect::<Vec<_>>())
    .bind(
        facts
            .iter()
            .map(|f| f.uncovered_deciders)
            .collect::<Vec<_>>(),
    )
    .bind(facts.iter().map(|f| f.no_champion).collect::<Vec<_>>())
    .bind(facts.iter().map(|f| f.strong_blockers).collect::<Vec<_>>())
    .bind(
        facts
            .iter()
            .map(|f| f.oldest_contact_on)
            .collect::<Vec<_>>(),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct StandingRow {
    account_id: AccountId,
    decision_role: Option<DecisionRole>,
    influence: Option<Influence>,
    covered: bool,
    last_contact_on: Option<NaiveDate>,
    created_on: NaiveDate,
}

/// Accounts recomputed per statement by [`ensure_gaps_current`].
const REFRESH_ACCOUNTS: usize = 5_000;

/// Recomputes every account's gap figures when they were computed under other rules than
/// `domain::contact::GAP_RULES_VERSION` (or never: right after the migration). Run by
/// `db::migrate`; one transaction, so a crash leaves the old figures and the old version.
pub async fn ensure_gaps_current(pool: &PgPool) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    let stored: i32 = sqlx::query_scalar("SELECT version FROM contact_gap_rules FOR UPDATE")
        .fetch_one(&mut *tx)
        .await?;
    if stored == GAP_RULES_VERSION {
        // Nothing to recompute: end the transaction (and its row lock) at once.
        return tx.rollback().await;
    }
    let accounts: Vec<AccountId> =
        sqlx::query_scalar("SELECT DISTINCT account_id FROM contacts ORDER BY account_id")
            .fetch_all(&mut *tx)
            .await?;
    for chunk in accounts.chunks(REFRESH_ACCOUNTS) {
        refresh_gaps(&mut tx, chunk).await?;
    }
    sqlx::query("UPDATE contact_gap_rules SET version = $1")
        .bind(GAP_RULES_VERSION)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// An account's stored gap figures (no contact at all when it has none).
pub async fn stored_gaps(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<GapFacts> {
    let row: Option<(i32, i32, bool, i32, Option<NaiveDate>)> = sqlx::query_as(
        "SELECT active_contacts, uncovered_deciders, no_champion, strong_blockers,
                oldest_contact_on
           FROM account_contact_gaps WHERE account_id = $1",
    )
    .bind(account)
    .fetch_optional(db)
    .await?;
    Ok(row.map_or_else(GapFacts::default, |r| GapFacts {
        active_contacts: r.0,
        uncovered_deciders: r.1,
        no_champion: r.2,
        strong_blockers: r.3,
        oldest_contact_on: r.4,
    }))
}

/// How many client-base accounts (prospects and active clients) show each coverage gap, for
/// the director's cockpit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromRow)]
pub struct GapCounts {
    /// Accounts without any current contact.
    pub no_contact: i64,
    /// Accounts with a decision maker or economic buyer nobody covers.
    pub uncovered_decider: i64,
    /// Accounts with contacts but no champion.
    pub no_champion: i64,
    /// Accounts with a blocker of high influence.
    pub strong_blocker: i64,
    /// Accounts with a contact silent for more than 90 days.
    pub stale: i64,
    /// Accounts with at least one of these gaps.
    pub any: i64,
}

impl GapCounts {
    /// Accounts with gap `gap`.
    pub fn count(&self, gap: crate::domain::contact::Gap) -> i64 {
        use crate::domain::contact::Gap;
        match gap {
            Gap::NoContact => self.no_contact,
            Gap::UncoveredDecider => self.uncovered_decider,
            Gap::NoChampion => self.no_champion,
            Gap::StrongBlocker => self.strong_blocker,
            Gap::Stale => self.stale,
        }
    }
}

/// The coverage gaps over the client base in `scope` (only key clients when `key_only`) on
/// `today`. The whole base (`AccountScope::All`, the director's and the admin's cockpit) is
/// read from the stored tallies (`contact_gap_tallies`, kept by a trigger on
/// `account_contact_gaps`): a sum over a few rows per oldest-contact date, whatever the size of
/// the base. A narrower scope is counted ([`count_gaps`]).
pub async fn gap_counts(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    key_only: bool,
    today: NaiveDate,
) -> sqlx::Result<GapCounts> {
    if scope != AccountScope::All {
        return count_gaps(db, scope, key_only, today).await;
    }
    let cutoff = crate::domain::contact::stale_before(today);
    // "stale" is the accounts whose oldest contact is before the cutoff; "any" adds, to the
    // accounts with a gap that does not depend on the date, the stale ones without such a gap.
    sqlx::query_as(
        "SELECT coalesce(sum(no_contact), 0)::bigint AS no_contact,
                coalesce(sum(uncovered_decider), 0)::bigint AS uncovered_decider,
                coalesce(sum(no_champion), 0)::bigint AS no_champion,
                coalesce(sum(strong_blocker), 0)::bigint AS strong_blocker,
                coalesce(sum(accounts) FILTER (WHERE oldest_on < $1), 0)::bigint AS stale,
                (coalesce(sum(fixed_any), 0)
                 + coalesce(sum(accounts - fixed_any) FILTER (WHERE oldest_on < $1), 0))::bigint AS any
           FROM contact_gap_tallies WHERE is_key OR NOT $2",
    )
    .bind(cutoff)
    .bind(key_only)
    .fetch_one(db)
    .await
}

/// Folds the appended deltas of `contact_gap_tallies` into one row per key status and date,
/// after copying the key status of the stored results onto `account_contact_gaps` (whose
/// trigger moves the accounts whose status changed between the key and the other tallies).
/// Run by the recompute in the transaction that wrote the results
/// ([`super::scoring::mark_computed`]): O(key clients) plus the rows appended since the last
/// fold. Rows appended by transactions running meanwhile are not in the DELETE's snapshot and
/// stay as they are.
pub async fn store_key_gaps(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE account_contact_gaps g SET is_key = true
           FROM scoring_results r WHERE r.account_id = g.account_id AND r.is_key AND NOT g.is_key",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE account_contact_gaps g SET is_key = false
          WHERE g.is_key AND NOT EXISTS (SELECT 1 FROM scoring_results r
                                          WHERE r.account_id = g.account_id AND r.is_key)",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "WITH gone AS (DELETE FROM contact_gap_tallies RETURNING *)
         INSERT INTO contact_gap_tallies
         SELECT is_key, oldest_on, sum(accounts), sum(no_contact), sum(uncovered_decider),
                sum(no_champion), sum(strong_blocker), sum(fixed_any)
           FROM gone GROUP BY is_key, oldest_on
         HAVING sum(accounts) <> 0 OR sum(no_contact) <> 0 OR sum(uncovered_decider) <> 0
             OR sum(no_champion) <> 0 OR sum(strong_blocker) <> 0 OR sum(fixed_any) <> 0",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Counts the coverage gaps over the client base in `scope` (only key clients when `key_only`)
/// on `today` from the per-account figures: each count is a scan of a partial index of
/// `account_contact_gaps`, never a read of contacts. [`gap_counts`] reads the whole base's
/// from the tallies instead; tests compare both.
pub async fn count_gaps(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    key_only: bool,
    today: NaiveDate,
) -> sqlx::Result<GapCounts> {
    let cutoff = crate::domain::contact::stale_before(today);
    let mut q = QueryBuilder::new(
        "SELECT count(*) FILTER (WHERE g.active_contacts = 0) AS no_contact,
                count(*) FILTER (WHERE g.uncovered_deciders > 0) AS uncovered_decider,
                count(*) FILTER (WHERE g.no_champion) AS no_champion,
                count(*) FILTER (WHERE g.strong_blockers > 0) AS strong_blocker,
                count(*) FILTER (WHERE g.oldest_contact_on < ",
    );
    q.push_bind(cutoff);
    q.push(
        ") AS stale,
                count(*) AS any
           FROM account_contact_gaps g ",
    );
    if key_only {
        q.push("JOIN scoring_results r ON r.account_id = g.account_id AND r.is_key ");
    }
    q.push("WHERE g.in_base AND ");
    scope.push_visible(&mut q, "g.account_id");
    q.push(" AND (g.active_contacts = 0 OR g.uncovered_deciders > 0 OR g.no_champion OR g.strong_blockers > 0 OR g.oldest_contact_on < ")
        .push_bind(cutoff)
        .push(")");
    q.build_query_as().fetch_one(db).await
}
