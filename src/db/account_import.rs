//! Writes the rows of a client-base import file (`domain::account_import`) in the caller's
//! transaction: a row whose tax id, or else external id, is already stored updates that
//! account; the others are created. Everything is checked before anything is written, and the
//! caller commits only when there is no problem (or rolls back for a dry run), so an import is
//! all or nothing.

use super::audit::Change;
use super::locations::NewLocation;
use super::potentials::NewForecast;
use super::teams::{NewHandover, NewStint};
use crate::domain::account::{AccountName, ExternalId, Importance, TaxId};
use crate::domain::account_import::ImportRow;
use crate::domain::duplicate;
use crate::domain::geo::LocationKind;
use crate::domain::ids::{AccountId, HandoverId, LocationId, UserId};
use crate::domain::import::{Problem, Problems};
use crate::domain::industry::Industry;
use crate::domain::scoring::{DecisionMaking, Status};
use crate::domain::system_text::{SystemMessage, SystemText, Text, TextArg};
use crate::domain::team::{HandoverReason, TeamRole};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection};
use std::collections::HashMap;

/// Rows written per batch (and per progress report).
pub const BATCH: usize = 1_000;

/// A row of the file and what the import does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// Line of the file.
    pub line: u64,
    /// The client's name (as in the file).
    pub name: String,
    /// Created, updated or left as it was.
    pub action: Action,
}

/// What happened to a row's client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new client.
    Created,
    /// A stored client, changed.
    Updated,
    /// A stored client that the row did not change.
    Unchanged,
}

impl Action {
    /// The message key naming it in a report ("new", "update", "unchanged").
    pub fn message_key(self) -> &'static str {
        match self {
            Action::Created => "import-action-created",
            Action::Updated => "import-action-updated",
            Action::Unchanged => "import-action-unchanged",
        }
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Every row, in file order.
    pub rows: Vec<Done>,
}

impl Outcome {
    /// How many rows had `action`.
    pub fn count(&self, action: Action) -> usize {
        self.rows.iter().filter(|r| r.action == action).count()
    }
}

/// The result: done, or refused with the problems found (nothing may be committed then).
#[derive(Debug, Clone)]
pub enum Applied {
    /// Every row written.
    Done(Outcome),
    /// The problems found.
    Refused(Problems),
}

#[derive(Debug, Clone, FromRow)]
struct Stored {
    id: AccountId,
    name: String,
    status: Status,
    tax_id: Option<String>,
    external_id: Option<String>,
    industry: Option<Industry>,
    headcount: Option<i32>,
    annual_revenue: Option<Decimal>,
    strategic_importance: i16,
    owner: Option<UserId>,
    /// Current places as [`places_text`] writes them.
    places: Option<String>,
    /// This year's potential.
    potential: Option<Decimal>,
    potential_margin: Option<Decimal>,
    potential_basis: Option<String>,
}

/// Current places as one text, sorted (the audit entry's value, compared with the stored).
fn places_text(places: &[crate::domain::account_import::ImportLocation]) -> String {
    let mut text: Vec<String> = places
        .iter()
        .map(|p| format!("{}/{}/{}", p.country, p.region, p.city))
        .collect();
    text.sort();
    text.dedup();
    text.join("; ")
}

/// Who imports which file, and when.
#[derive(Debug, Clone)]
pub struct ImportBy<'a> {
    /// The director or admin recorded as the author (None: the command line, "the system").
    pub by: Option<UserId>,
    /// The file's name, for the handover notes ("imported from …").
    pub file_name: &'a str,
    /// The day owner changes are dated; the potential is this day's year's.
    pub today: NaiveDate,
}

/// Imports `rows` (parsed, problem-free) as `who` says. `progress` hears how many rows are
/// written so far.
pub async fn apply(
    conn: &mut PgConnection,
    rows: &[ImportRow],
    who: &ImportBy<'_>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> sqlx::Result<Applied> {
    let by = who.by;
    let today = who.today;
    let year = chrono::Datelike::year(&today);
    let note = Text::System(
        SystemText::plain(SystemMessage::ImportedFrom)
            .with("file", TextArg::Text(who.file_name.to_string())),
    );
    let mut problems = Problems::default();
    let owners = owners(conn, rows).await?;
    let stored = stored(conn, rows, year).await?;
    let by_tax: HashMap<&str, &Stored> = stored
        .iter()
        .filter_map(|s| Some((s.tax_id.as_deref()?, s)))
        .collect();
    let by_ext: HashMap<&str, &Stored> = stored
        .iter()
        .filter_map(|s| Some((s.external_id.as_deref()?, s)))
        .collect();
    // For each row: the stored account it updates, if any.
    let mut matched: Vec<Option<&Stored>> = Vec::with_capacity(rows.len());
    let mut first_line_of: HashMap<AccountId, u64> = HashMap::new();
    for row in rows {
        if let Some(email) = &row.owner_email
            && !owners.contains_key(&email.as_str().to_lowercase())
        {
            problems.push(Problem::cell(
                row.line,
                "owner_email",
                "error-import-unknown-owner",
                email.as_str(),
            ));
        }
        let t = row
            .tax_id
            .as_ref()
            .and_then(|t| by_tax.get(t.as_str()).copied());
        let x = row
            .external_id
            .as_ref()
            .and_then(|x| by_ext.get(x.as_str()).copied());
        let hit = match (t, x) {
            (Some(a), Some(b)) if a.id != b.id => {
                problems.push(Problem::cell(
                    row.line,
                    "external_id",
                    "error-import-ids-disagree",
                    "",
                ));
                None
            }
            (Some(a), _) | (None, Some(a)) => Some(a),
            (None, None) => None,
        };
        if let Some(a) = hit
            && let Some(first) = first_line_of.insert(a.id, row.line)
        {
            problems.push(Problem::cell(
                row.line,
                "tax_id",
                format!("error-import-repeated#{first}"),
                a.tax_id
                    .as_deref()
                    .or(a.external_id.as_deref())
                    .unwrap_or(""),
            ));
        }
        matched.push(hit);
    }
    if !problems.is_empty() {
        return Ok(Applied::Refused(problems));
    }

    let mut outcome = Outcome::default();
    let mut written = 0;
    for (rows, matched) in rows.chunks(BATCH).zip(matched.chunks(BATCH)) {
        let mut creates = vec![];
        let mut stints = vec![];
        let mut updates: Vec<(AccountId, &ImportRow, &Stored)> = vec![];
        let mut locations = vec![];
        let mut replaced_locations = vec![];
        let mut forecasts = vec![];
        let mut audit: Vec<(AccountId, &'static str, Option<String>, Option<String>)> = vec![];
        let mut handovers = vec![];
        for (row, hit) in rows.iter().zip(matched) {
            let owner = row
                .owner_email
                .as_ref()
                .and_then(|e| owners.get(&e.as_str().to_lowercase()).copied());
            let (id, action) = match hit {
                None => {
                    let mut new = super::accounts::NewAccount::new(
                        row.name.clone(),
                        row.status.unwrap_or(Status::Prospect),
                        row.importance
                            .unwrap_or(Importance::new(0).expect("0 to 5")),
                        DecisionMaking::Centralized,
                    );
                    new.tax_id = row.tax_id.clone();
                    new.external_id = row.external_id.clone();
                    new.industry = row.industry;
                    new.headcount = row.headcount;
                    new.annual_revenue = row.annual_revenue;
                    new.created_by = by;
                    if let Some(owner) = owner {
                        stints.push(NewStint::starting_now(new.id, owner, TeamRole::Owner));
                    }
                    audit.push((new.id, "created", None, Some(row.name.as_str().to_string())));
                    let id = new.id;
                    creates.push(new);
                    (id, Action::Created)
                }
                Some(s) => {
                    let before = audit.len();
                    changes(row, s, &mut audit);
                    if let Some(owner) = owner
                        && s.owner != Some(owner)
                    {
                        handovers.push(NewHandover {
                            id: HandoverId::new(),
                            account_id: s.id,
                            from: s.owner,
                            to: owner,
                            reason: if s.owner.is_none() {
                                HandoverReason::Unowned
                            } else {
                                HandoverReason::Other
                            },
                            note: note.clone(),
                            handed_on: today,
                            by,
                            offer: None,
                            created_at: None,
                        });
                        audit.push((
                            s.id,
                            "owner",
                            s.owner.map(|u| u.to_string()),
                            Some(owner.to_string()),
                        ));
                    }
                    let places = row.locations.as_ref().map(|p| places_text(p));
                    if places.is_some() && places != s.places {
                        audit.push((s.id, "locations", s.places.clone(), places));
                    }
                    let basis = row.potential_basis.as_ref().or(s.potential_basis.as_ref());
                    if let Some(potential) = row.potential
                        && (Some(potential.get()) != s.potential
                            || basis != s.potential_basis.as_ref())
                    {
                        audit.push((
                            s.id,
                            "potential",
                            s.potential.map(|p| p.to_string()),
                            Some(potential.get().to_string()),
                        ));
                    }
                    let changed = audit.len() > before;
                    if changed {
                        updates.push((s.id, row, s));
                    }
                    (
                        s.id,
                        if changed {
                            Action::Updated
                        } else {
                            Action::Unchanged
                        },
                    )
                }
            };
            // Places and potential are written when new or changed (their audit entries say
            // so; a row that repeats them leaves them alone).
            let audited = |field: &str| {
                action == Action::Created
                    || audit
                        .iter()
                        .rev()
                        .take_while(|(a, ..)| *a == id)
                        .any(|(_, f, ..)| *f == field)
            };
            if let Some(places) = &row.locations
                && audited("locations")
            {
                if action != Action::Created {
                    replaced_locations.push(id);
                }
                locations.extend(places.iter().map(|p| NewLocation {
                    id: LocationId::new(),
                    account_id: id,
                    country: p.country,
                    region: p.region.clone(),
                    city: p.city.clone(),
                    kind: LocationKind::Current,
                    planned_on: None,
                    note: String::new(),
                    created_at: None,
                }));
            }
            if let Some(potential) = row.potential
                && audited("potential")
            {
                let stored = hit.filter(|_| action != Action::Created);
                forecasts.push(NewForecast {
                    account_id: id,
                    year,
                    revenue: potential.get(),
                    margin: stored
                        .and_then(|s| s.potential_margin)
                        .unwrap_or(Decimal::ZERO),
                    basis: row
                        .potential_basis
                        .clone()
                        .or_else(|| stored.and_then(|s| s.potential_basis.clone()))
                        .unwrap_or_default(),
                    updated_by: by,
                    updated_at: None,
                });
            }
            outcome.rows.push(Done {
                line: row.line,
                name: row.name.as_str().to_string(),
                action,
            });
        }
        super::accounts::insert_many(conn, &creates).await?;
        super::teams::insert_many(conn, &stints).await?;
        update_many(conn, &updates).await?;
        for h in &handovers {
            super::teams::lock_team(conn, h.account_id).await?;
            super::teams::hand_over(conn, h).await?;
        }
        sqlx::query(
            "DELETE FROM account_locations WHERE account_id = ANY($1) AND kind = 'current'",
        )
        .bind(&replaced_locations)
        .execute(&mut *conn)
        .await?;
        super::locations::insert_many(conn, &locations).await?;
        super::potentials::upsert_many(conn, &forecasts).await?;
        let audit: Vec<Change<'_>> = audit
            .iter()
            .map(|(id, field, old, new)| Change {
                user: by,
                account: Some(*id),
                entity: "account",
                entity_id: Some(id.0),
                field,
                old: old.clone(),
                new: new.clone(),
            })
            .collect();
        super::audit::record_many(conn, &audit).await?;
        // The list shows each client's dossier completeness: places and potential count.
        let written_ids: Vec<AccountId> = creates
            .iter()
            .map(|a| a.id)
            .chain(updates.iter().map(|(id, _, _)| *id))
            .collect();
        super::dossier::refresh_completeness(conn, &written_ids).await?;
        written += rows.len();
        progress(written);
    }
    Ok(Applied::Done(outcome))
}

/// The audit entries of what `row` changes on `s` (a cell left empty changes nothing).
fn changes(
    row: &ImportRow,
    s: &Stored,
    audit: &mut Vec<(AccountId, &'static str, Option<String>, Option<String>)>,
) {
    let mut diff = |field: &'static str, old: Option<String>, new: Option<String>| {
        if new.is_some() && old != new {
            audit.push((s.id, field, old, new));
        }
    };
    diff(
        "name",
        Some(s.name.clone()),
        Some(row.name.as_str().to_string()),
    );
    diff(
        "status",
        Some(s.status.to_string()),
        row.status.map(|v| v.to_string()),
    );
    diff(
        "tax_id",
        s.tax_id.clone(),
        row.tax_id.as_ref().map(|v| v.as_str().to_string()),
    );
    diff(
        "external_id",
        s.external_id.clone(),
        row.external_id.as_ref().map(|v| v.as_str().to_string()),
    );
    diff(
        "industry",
        s.industry.map(|v| v.to_string()),
        row.industry.map(|v| v.to_string()),
    );
    diff(
        "headcount",
        s.headcount.map(|v| v.to_string()),
        row.headcount.map(|v| v.to_string()),
    );
    diff(
        "annual_revenue",
        s.annual_revenue.map(|v| v.round_dp(2).to_string()),
        row.annual_revenue.map(|v| v.get().round_dp(2).to_string()),
    );
    diff(
        "strategic_importance",
        Some(s.strategic_importance.to_string()),
        row.importance.map(|v| v.get().to_string()),
    );
}

/// Active KAMs named in the file, by lower-cased e-mail.
async fn owners(
    conn: &mut PgConnection,
    rows: &[ImportRow],
) -> sqlx::Result<HashMap<String, UserId>> {
    let mut emails: Vec<String> = rows
        .iter()
        .filter_map(|r| Some(r.owner_email.as_ref()?.as_str().to_lowercase()))
        .collect();
    emails.sort();
    emails.dedup();
    let found: Vec<(String, UserId)> = sqlx::query_as(
        "SELECT lower(email), id FROM users WHERE lower(email) = ANY($1) AND active AND role = 'kam'",
    )
    .bind(&emails)
    .fetch_all(&mut *conn)
    .await?;
    Ok(found.into_iter().collect())
}

/// The stored accounts the rows name by tax id or external id, with their current places and
/// `year`'s potential, locked until the commit.
async fn stored(
    conn: &mut PgConnection,
    rows: &[ImportRow],
    year: i32,
) -> sqlx::Result<Vec<Stored>> {
    let tax: Vec<&str> = rows
        .iter()
        .filter_map(|r| Some(r.tax_id.as_ref()?.as_str()))
        .collect();
    let ext: Vec<&str> = rows
        .iter()
        .filter_map(|r| Some(r.external_id.as_ref()?.as_str()))
        .collect();
    sqlx::query_as(
        "SELECT a.id, a.name, a.status, a.tax_id, a.external_id, nullif(a.industry, '') AS industry,
                a.headcount, a.annual_revenue, a.strategic_importance,
                (SELECT t.user_id FROM account_team t WHERE t.account_id = a.id
                    AND t.team_role = 'owner' AND t.ended_on IS NULL) AS owner,
                (SELECT string_agg(p, '; ' ORDER BY p COLLATE \"C\")
                   FROM (SELECT DISTINCT l.country || '/' || l.region || '/' || l.city AS p
                           FROM account_locations l
                          WHERE l.account_id = a.id AND l.kind = 'current') l) AS places,
                f.revenue AS potential, f.margin AS potential_margin,
                f.basis AS potential_basis
           FROM accounts a
           LEFT JOIN potential_forecasts f ON f.account_id = a.id AND f.year = $3
          WHERE a.tax_id = ANY($1) OR a.external_id = ANY($2)
          FOR UPDATE OF a",
    )
    .bind(&tax)
    .bind(&ext)
    .bind(year)
    .fetch_all(&mut *conn)
    .await
}

/// Writes the new values of updated accounts (a cell left empty keeps the stored value), with
/// the name keys and a new version (an edit form open on one of them is then stale).
async fn update_many(
    conn: &mut PgConnection,
    updates: &[(AccountId, &ImportRow, &Stored)],
) -> sqlx::Result<()> {
    if updates.is_empty() {
        return Ok(());
    }
    let name = |r: &ImportRow| r.name.clone();
    let names: Vec<AccountName> = updates.iter().map(|(_, r, _)| name(r)).collect();
    sqlx::query(
        "UPDATE accounts a SET
            name = u.name, search_key = u.search_key, duplicate_key = u.duplicate_key,
            status = coalesce(u.status, a.status),
            tax_id = coalesce(u.tax_id, a.tax_id),
            external_id = coalesce(u.external_id, a.external_id),
            industry = coalesce(u.industry, a.industry),
            headcount = coalesce(u.headcount, a.headcount),
            annual_revenue = coalesce(u.annual_revenue, a.annual_revenue),
            strategic_importance = coalesce(u.importance, a.strategic_importance),
            version = a.version + 1
           FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::int4[], $10::numeric[], $11::int2[])
             AS u(id, name, search_key, duplicate_key, status, tax_id, external_id, industry,
                  headcount, annual_revenue, importance)
          WHERE a.id = u.id",
    )
    .bind(updates.iter().map(|(id, _, _)| *id).collect::<Vec<_>>())
    .bind(names.iter().map(AccountName::as_str).collect::<Vec<_>>())
    .bind(
        names
            .iter()
            .map(|n| duplicate::search_key(n.as_str()))
            .collect::<Vec<_>>(),
    )
    .bind(
        names
            .iter()
            .map(|n| duplicate::duplicate_key(n.as_str()))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.status.map(Status::as_str))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.tax_id.as_ref().map(TaxId::as_str))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.external_id.as_ref().map(ExternalId::as_str))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.industry.map(Industry::as_str))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.headcount.map(|h| i32::try_from(h).unwrap_or(i32::MAX)))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.annual_revenue.map(|m| m.get()))
            .collect::<Vec<_>>(),
    )
    .bind(
        updates
            .iter()
            .map(|(_, r, _)| r.importance.map(|i| i16::from(i.get())))
            .collect::<Vec<_>>(),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
