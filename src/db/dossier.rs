//! The dossier: the fields of its sections (`account_dossier`, one row per account), the
//! version of each separately edited part of an account (`account_sections`), and the stored
//! completeness the accounts list reads.
//!
//! Concurrent edits, the pattern every section follows (and any other part of an account can):
//! the form carries the version it was loaded at; the save's transaction first [`claim`]s the
//! next version of its part, which locks that part's ledger row until commit. A second save of
//! the same part waits for the first, then finds a newer version and is refused (the page shows
//! both versions, see `web::conflict`); saves of different parts claim different rows and never
//! meet.

use crate::domain::dossier::{self, Completeness, DossierFacts, Qualification, Section};
use crate::domain::ids::{AccountId, UserId};
use crate::domain::scoring::Status;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

/// Claims the next version of `section` of an account, expecting it to be at `expected` (0: never
/// edited). True when claimed: the part's row stays locked until the transaction ends, so the
/// caller reads the old values and writes the new ones undisturbed. False when someone saved
/// the part since the form was loaded.
pub async fn claim(
    conn: &mut PgConnection,
    account: AccountId,
    section: Section,
    expected: i32,
    by: UserId,
) -> sqlx::Result<bool> {
    // A part with no row yet is inserted at version 1 only when the form expected version 0; a
    // concurrent first save waits on the primary key, then takes the conflict branch and finds
    // version 1 there.
    let claimed: Option<i32> = sqlx::query_scalar(
        "INSERT INTO account_sections (account_id, section, version, updated_by, updated_at)
         SELECT $1, $2, 1, $4, now() WHERE $3 = 0
         ON CONFLICT (account_id, section) DO UPDATE
            SET version = account_sections.version + 1, updated_by = $4, updated_at = now()
          WHERE account_sections.version = $3
         RETURNING version",
    )
    .bind(account)
    .bind(section)
    .bind(expected)
    .bind(by)
    .fetch_optional(&mut *conn)
    .await?;
    if claimed.is_some() {
        return Ok(true);
    }
    // Nothing inserted and nothing updated: the row is at another version, or (expected > 0)
    // there is no row at all. Either way the form is stale.
    Ok(false)
}

/// Who last saved a part of an account, and its version (0 and nobody when never edited).
#[derive(Debug, Clone, Default, FromRow)]
pub struct Stamp {
    /// The part's version.
    pub version: i32,
    /// Who saved it last.
    pub updated_by_name: Option<String>,
    /// When.
    pub updated_at: Option<DateTime<Utc>>,
}

/// The version of one part of an account.
pub async fn stamp(
    db: impl PgExecutor<'_>,
    account: AccountId,
    section: Section,
) -> sqlx::Result<Stamp> {
    let row: Option<Stamp> = sqlx::query_as(
        "SELECT s.version, u.name AS updated_by_name, s.updated_at
           FROM account_sections s LEFT JOIN users u ON u.id = s.updated_by
          WHERE s.account_id = $1 AND s.section = $2",
    )
    .bind(account)
    .bind(section)
    .fetch_optional(db)
    .await?;
    Ok(row.unwrap_or_default())
}

/// A part's last edit recorded with data that was written elsewhere (the demo, an import).
#[derive(Debug, Clone)]
pub struct NewStamp {
    /// The client.
    pub account_id: AccountId,
    /// Which part.
    pub section: Section,
    /// Who wrote it.
    pub updated_by: Option<UserId>,
    /// When (None: now).
    pub updated_at: Option<DateTime<Utc>>,
}

/// Records parts as written once (version 1); a part already recorded is left as it is.
pub async fn insert_stamps(conn: &mut PgConnection, stamps: &[NewStamp]) -> sqlx::Result<()> {
    for chunk in stamps.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO account_sections (account_id, section, version, updated_by, updated_at)
             SELECT u.account_id, u.section, 1, u.updated_by, coalesce(u.updated_at, now())
               FROM UNNEST($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[])
                 AS u(account_id, section, updated_by, updated_at)
             ON CONFLICT (account_id, section) DO NOTHING",
        )
        .bind(chunk.iter().map(|s| s.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.section.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.updated_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|s| s.updated_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The fields of a client's dossier, as a page, an import or the demo parse them (free text
/// already through its `domain::text` rule; empty when not known).
#[derive(Debug, Clone, Default, PartialEq, Eq, FromRow)]
pub struct DossierFields {
    /// What the client does.
    pub description: String,
    /// The client's own history.
    pub history: String,
    /// Organisational structure.
    pub org_structure: String,
    /// Staff structure.
    pub staff_structure: String,
    /// Its own customers.
    pub customers: String,
    /// Its suppliers.
    pub suppliers: String,
    /// Its partners.
    pub partners: String,
    /// How decisions on our category are made.
    pub decision_note: String,
    /// Development strategy.
    pub strategy: String,
    /// Planned investments.
    pub investments: String,
    /// Business needs: how we can help it earn more, beat its competitors, gain share.
    pub business_needs: String,
    /// What our counterparts are measured on (their bonus).
    pub counterpart_measures: String,
    /// The competitive picture as a whole.
    pub competition_note: String,
    /// Need for our offering.
    pub need: Option<bool>,
    /// Ability to pay.
    pub ability_to_pay: Option<bool>,
    /// Authority to decide.
    pub authority: Option<bool>,
    /// What the qualification rests on.
    pub qualification_note: String,
    /// When the three "P" were judged.
    pub qualified_on: Option<NaiveDate>,
    /// Who judged them.
    pub qualified_by: Option<UserId>,
}

impl DossierFields {
    /// The three "P" as the domain reads them.
    pub fn qualification(&self) -> Qualification {
        Qualification {
            need: self.need,
            ability_to_pay: self.ability_to_pay,
            authority: self.authority,
        }
    }
}

/// A client's dossier fields to write for the first time (the demo, an import).
#[derive(Debug, Clone)]
pub struct NewDossier {
    /// The client.
    pub account_id: AccountId,
    /// The fields.
    pub fields: DossierFields,
}

/// The columns of `account_dossier` in [`DossierFields`]' order (one list for every query).
const COLUMNS: &str = "description, history, org_structure, staff_structure, customers, suppliers,
     partners, decision_note, strategy, investments, business_needs, counterpart_measures,
     competition_note, need, ability_to_pay, authority, qualification_note, qualified_on,
     qualified_by";

/// Writes one client's dossier fields (the row must not exist yet).
pub async fn insert(conn: &mut PgConnection, dossier: &NewDossier) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(dossier)).await
}

/// Writes dossier fields in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, dossiers: &[NewDossier]) -> sqlx::Result<()> {
    write(conn, dossiers, "").await
}

/// Writes a client's dossier fields over what is stored (the section pages: the caller has
/// claimed the section, read the old fields with [`get`] and changed only its own).
pub async fn save(
    conn: &mut PgConnection,
    account: AccountId,
    fields: &DossierFields,
) -> sqlx::Result<()> {
    let set = COLUMNS
        .split(',')
        .map(|c| format!("{0} = EXCLUDED.{0}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let row = NewDossier {
        account_id: account,
        fields: fields.clone(),
    };
    write(
        conn,
        std::slice::from_ref(&row),
        &format!("ON CONFLICT (account_id) DO UPDATE SET {set}"),
    )
    .await
}

/// The one INSERT of dossier rows, with what to do when a row exists (`on_conflict`).
async fn write(
    conn: &mut PgConnection,
    dossiers: &[NewDossier],
    on_conflict: &str,
) -> sqlx::Result<()> {
    for chunk in dossiers.chunks(super::BULK_ROWS) {
        let text = |f: fn(&DossierFields) -> &String| {
            chunk
                .iter()
                .map(|d| f(&d.fields).as_str())
                .collect::<Vec<_>>()
        };
        let flag = |f: fn(&DossierFields) -> Option<bool>| {
            chunk.iter().map(|d| f(&d.fields)).collect::<Vec<_>>()
        };
        sqlx::query(&format!(
            "INSERT INTO account_dossier (account_id, {COLUMNS})
             SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                    $12::text[], $13::text[], $14::text[], $15::bool[], $16::bool[], $17::bool[],
                    $18::text[], $19::date[], $20::uuid[])
             {on_conflict}"
        ))
        .bind(chunk.iter().map(|d| d.account_id).collect::<Vec<_>>())
        .bind(text(|f| &f.description))
        .bind(text(|f| &f.history))
        .bind(text(|f| &f.org_structure))
        .bind(text(|f| &f.staff_structure))
        .bind(text(|f| &f.customers))
        .bind(text(|f| &f.suppliers))
        .bind(text(|f| &f.partners))
        .bind(text(|f| &f.decision_note))
        .bind(text(|f| &f.strategy))
        .bind(text(|f| &f.investments))
        .bind(text(|f| &f.business_needs))
        .bind(text(|f| &f.counterpart_measures))
        .bind(text(|f| &f.competition_note))
        .bind(flag(|f| f.need))
        .bind(flag(|f| f.ability_to_pay))
        .bind(flag(|f| f.authority))
        .bind(text(|f| &f.qualification_note))
        .bind(
            chunk
                .iter()
                .map(|d| d.fields.qualified_on)
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|d| d.fields.qualified_by)
                .collect::<Vec<_>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A client's dossier fields (all empty when nothing was ever written).
pub async fn get(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<DossierFields> {
    let row: Option<DossierFields> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM account_dossier WHERE account_id = $1"
    ))
    .bind(account)
    .fetch_optional(db)
    .await?;
    Ok(row.unwrap_or_default())
}

#[derive(FromRow)]
struct FactsRow {
    id: AccountId,
    status: Status,
    description: bool,
    current_location: bool,
    forecast: bool,
    importance_rationale: bool,
    needs: bool,
    competitor: bool,
    three_p_judged: bool,
}

/// What completeness looks at, for the given accounts (index probes per account, never a scan
/// of the whole base).
pub async fn facts(
    db: impl PgExecutor<'_>,
    accounts: &[AccountId],
) -> sqlx::Result<Vec<(AccountId, DossierFacts)>> {
    let rows: Vec<FactsRow> = sqlx::query_as(
        "SELECT a.id, a.status,
                coalesce(btrim(d.description), '') <> '' AS description,
                EXISTS (SELECT 1 FROM account_locations l
                         WHERE l.account_id = a.id AND l.kind = 'current') AS current_location,
                EXISTS (SELECT 1 FROM potential_forecasts f WHERE f.account_id = a.id) AS forecast,
                btrim(a.importance_rationale) <> '' AS importance_rationale,
                coalesce(btrim(d.business_needs), '') <> ''
                    OR coalesce(btrim(d.counterpart_measures), '') <> '' AS needs,
                EXISTS (SELECT 1 FROM competitors c WHERE c.account_id = a.id) AS competitor,
                coalesce(d.need IS NOT NULL AND d.ability_to_pay IS NOT NULL
                         AND d.authority IS NOT NULL, false) AS three_p_judged
           FROM accounts a LEFT JOIN account_dossier d ON d.account_id = a.id
          WHERE a.id = ANY($1)",
    )
    .bind(accounts)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                DossierFacts {
                    status: Some(r.status),
                    description: r.description,
                    current_location: r.current_location,
                    forecast: r.forecast,
                    importance_rationale: r.importance_rationale,
                    needs: r.needs,
                    competitor: r.competitor,
                    three_p_judged: r.three_p_judged,
                },
            )
        })
        .collect())
}

/// Recomputes and stores the completeness of the given accounts (in the caller's transaction:
/// every dossier write, a status change, a new account, the demo, an import).
pub async fn refresh_completeness(
    conn: &mut PgConnection,
    accounts: &[AccountId],
) -> sqlx::Result<()> {
    for chunk in accounts.chunks(super::BULK_ROWS) {
        let computed: Vec<(AccountId, Completeness)> = facts(&mut *conn, chunk)
            .await?
            .into_iter()
            .map(|(id, f)| (id, dossier::completeness(&f)))
            .collect();
        // Each account's missing sections as one text, split again in SQL (UNNEST cannot take
        // an array of arrays of different lengths).
        sqlx::query(
            "UPDATE accounts a
                SET dossier_completeness = u.percent,
                    dossier_missing = string_to_array(u.missing, ',')::text[]
               FROM UNNEST($1::uuid[], $2::int2[], $3::text[]) AS u(id, percent, missing)
              WHERE a.id = u.id
                AND (a.dossier_completeness, a.dossier_missing)
                    IS DISTINCT FROM (u.percent, string_to_array(u.missing, ',')::text[])",
        )
        .bind(computed.iter().map(|(id, _)| *id).collect::<Vec<_>>())
        .bind(
            computed
                .iter()
                .map(|(_, c)| i16::from(c.percent))
                .collect::<Vec<_>>(),
        )
        .bind(
            computed
                .iter()
                .map(|(_, c)| {
                    c.missing
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every account's id (the demo refreshes the completeness of everything it wrote).
pub async fn all_account_ids(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<AccountId>> {
    sqlx::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(db)
        .await
}

/// Locks a client's dossier row for a section's save and reads it (created empty when it does
/// not exist yet). Saves of different sections write the same row: holding its lock from the
/// read to the commit means the second save reads the first one's fields and keeps them.
pub async fn lock(conn: &mut PgConnection, account: AccountId) -> sqlx::Result<DossierFields> {
    sqlx::query("INSERT INTO account_dossier (account_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(account)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM account_dossier WHERE account_id = $1 FOR UPDATE"
    ))
    .bind(account)
    .fetch_one(&mut *conn)
    .await
}
