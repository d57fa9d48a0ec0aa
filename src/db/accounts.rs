//! Accounts (client companies), their teams and footprint.

use super::visibility::AccountScope;
use crate::domain::account::{AccountName, ExternalId, Importance, TaxId};
use crate::domain::duplicate;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::industry::Industry;
use crate::domain::league::League;
use crate::domain::money::Money;
use crate::domain::permissions::Relation;
use crate::domain::scoring::{DecisionMaking, Pin, Reason, Segment, Status};
use crate::domain::system_text::Text;
use crate::domain::team::TeamRole;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, QueryBuilder};

/// Joins an account (alias `a`) to its current owner's name (`owner_name`, NULL when it has
/// none): the one spelling of "the current owner" for lists.
pub const OWNER_NAME_JOIN: &str =
    "LEFT JOIN account_team own_t ON own_t.account_id = a.id AND own_t.team_role = 'owner' AND own_t.ended_on IS NULL
     LEFT JOIN users own_u ON own_u.id = own_t.user_id";

/// Escapes LIKE wildcards so that a search for "50%" means the characters.
pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// An account as the account page shows it.
#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    /// Identifier.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Legal name.
    pub legal_name: String,
    /// Industry, if chosen.
    pub industry: Option<Industry>,
    /// Website.
    pub website: String,
    /// Headcount.
    pub headcount: Option<i32>,
    /// Tax id digits, if known.
    pub tax_id: Option<String>,
    /// Id in another system (ERP), if known.
    pub external_id: Option<String>,
    /// The client's own yearly revenue, if known.
    pub annual_revenue: Option<Decimal>,
    /// Status.
    pub status: Status,
    /// 0..5.
    pub strategic_importance: i16,
    /// Why that importance.
    pub importance_rationale: String,
    /// centralized / decentralized.
    pub decision_making: DecisionMaking,
    /// Planned decision making, if a change is planned.
    pub planned_decision_making: Option<DecisionMaking>,
    /// The director's pin.
    pub pin: Pin,
    /// The director's written reason.
    pub pin_reason: Option<String>,
    /// Who pinned.
    pub pinned_by_name: Option<String>,
    /// When.
    pub pinned_at: Option<DateTime<Utc>>,
    /// Image-maker label.
    pub is_image_maker: bool,
    /// Expert label.
    pub is_expert: bool,
    /// Why the status last changed, as typed.
    pub status_reason: Option<String>,
    /// Or the key of the reason the system wrote (a merge), see [`status_reason_text`].
    pub status_reason_key: Option<String>,
    /// Its arguments (JSON).
    pub status_reason_args: Option<String>,
    /// When it last changed.
    pub status_changed_at: Option<DateTime<Utc>>,
    /// Who changed it.
    pub status_changed_by_name: Option<String>,
    /// Optimistic-locking version.
    pub version: i32,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// One account.
pub async fn get(db: impl PgExecutor<'_>, id: AccountId) -> sqlx::Result<Option<AccountRow>> {
    sqlx::query_as(
        "SELECT a.id, a.name, a.legal_name, a.industry, a.website, a.headcount, a.tax_id,
                a.external_id, a.annual_revenue, a.status,
                a.strategic_importance, a.importance_rationale, a.decision_making,
                a.planned_decision_making, a.pin, a.pin_reason, p.name AS pinned_by_name, a.pinned_at,
                a.is_image_maker, a.is_expert, a.status_reason, a.status_reason_key,
                a.status_reason_args::text, a.status_changed_at, sc.name AS status_changed_by_name, a.version, a.created_at, a.updated_at
           FROM accounts a LEFT JOIN users p ON p.id = a.pinned_by
           LEFT JOIN users sc ON sc.id = a.status_changed_by
          WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// What the one header of every account page shows: read in one query from stored figures
/// (the key decision and the leagues come from `scoring_results`, the completeness from its
/// column), so a page about one account costs the same at 300 and at 100,000 accounts.
#[derive(Debug, Clone, FromRow)]
pub struct AccountHeader {
    /// Identifier.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Status.
    pub status: Status,
    /// Why the status last changed, as typed.
    pub status_reason: Option<String>,
    /// Or the key of the reason the system wrote, see [`status_reason_text`].
    pub status_reason_key: Option<String>,
    /// Its arguments (JSON).
    pub status_reason_args: Option<String>,
    /// The account it was merged into (archived by a merge).
    pub merged_into: Option<AccountId>,
    /// When it last changed.
    pub status_changed_at: Option<DateTime<Utc>>,
    /// Whether it is on the key list (None: not computed yet).
    pub is_key: Option<bool>,
    /// Why key or not.
    pub reason: Option<Reason>,
    /// Segment.
    pub segment: Option<Segment>,
    /// League today.
    pub league: Option<League>,
    /// League after the planned expansion.
    pub projected_league: Option<League>,
    /// Current owner.
    pub owner_name: Option<String>,
    /// The other current team members' names, owner excluded, by name.
    pub members: Vec<String>,
    /// Dossier completeness, percent.
    pub dossier_completeness: i16,
    /// The empty sections (`domain::dossier::Section` names).
    pub dossier_missing: Vec<String>,
    /// Qualification: need (None: not judged).
    pub need: Option<bool>,
    /// Qualification: ability to pay.
    pub ability_to_pay: Option<bool>,
    /// Qualification: authority.
    pub authority: Option<bool>,
}

/// The reason of an account's last status change as shown: typed by a person, or written by
/// the system ("merged into …", rendered in the reader's language). A stored key this build does
/// not know is shown as the key rather than hidden.
pub fn status_reason_text(
    typed: &Option<String>,
    key: &Option<String>,
    args: &Option<String>,
) -> Option<Text> {
    match key {
        Some(k) => Some(
            Text::from_stored(String::new(), Some(k), args.as_deref())
                .unwrap_or_else(|e| Text::Typed(e.key)),
        ),
        None => typed
            .as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| Text::Typed(t.clone())),
    }
}

impl AccountRow {
    /// Why the status last changed, see [`status_reason_text`].
    pub fn status_reason_text(&self) -> Option<Text> {
        status_reason_text(
            &self.status_reason,
            &self.status_reason_key,
            &self.status_reason_args,
        )
    }
}

impl AccountHeader {
    /// Why the status last changed, see [`status_reason_text`].
    pub fn status_reason_text(&self) -> Option<Text> {
        status_reason_text(
            &self.status_reason,
            &self.status_reason_key,
            &self.status_reason_args,
        )
    }
}

/// The header of one account's pages.
pub async fn header(db: impl PgExecutor<'_>, id: AccountId) -> sqlx::Result<Option<AccountHeader>> {
    sqlx::query_as(&format!(
        "SELECT a.id, a.name, a.status, a.status_reason, a.status_reason_key,
                a.status_reason_args::text, a.merged_into, a.status_changed_at, r.is_key, r.reason,
                r.segment, r.league, r.projected_league, own_u.name AS owner_name,
                ARRAY(SELECT u.name FROM account_team t JOIN users u ON u.id = t.user_id
                       WHERE t.account_id = a.id AND t.ended_on IS NULL AND t.team_role <> 'owner'
                       ORDER BY lower(u.name)) AS members,
                a.dossier_completeness, a.dossier_missing, d.need, d.ability_to_pay, d.authority
           FROM accounts a
           {OWNER_NAME_JOIN}
           LEFT JOIN scoring_results r ON r.account_id = a.id
           LEFT JOIN account_dossier d ON d.account_id = a.id
          WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A status change, with its reason (a lost client says when and why it was lost).
pub struct StatusChange<'a> {
    /// The new status.
    pub status: Status,
    /// Why.
    pub reason: &'a str,
    /// Who changed it.
    pub by: UserId,
}

/// Changes an account's status (the caller has claimed the status part, see
/// `db::dossier::claim`).
pub async fn set_status(
    conn: &mut PgConnection,
    id: AccountId,
    change: &StatusChange<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE accounts SET status = $2, status_reason = $3, status_changed_at = now(),
                status_changed_by = $4, status_reason_key = NULL, status_reason_args = NULL
          WHERE id = $1",
    )
    .bind(id)
    .bind(change.status)
    .bind(change.reason)
    .bind(change.by)
    .execute(conn)
    .await
    .map(|_| ())
}

/// How a user relates to an account, for the permission gate: whether the account is in the
/// user's own teams' scope, and if not, whether it is a key client nobody owns.
pub async fn relation(
    db: impl PgExecutor<'_>,
    account: AccountId,
    user: UserId,
) -> sqlx::Result<Relation> {
    let mut q = QueryBuilder::new("SELECT EXISTS (SELECT 1 FROM accounts a WHERE a.id = ");
    q.push_bind(account).push(" AND ");
    AccountScope::TeamOf(user).push_visible(&mut q, "a.id");
    q.push("), EXISTS (SELECT 1 FROM accounts a WHERE a.id = ");
    q.push_bind(account).push(" AND ");
    crate::db::visibility::push_unowned_key(&mut q, "a.id");
    q.push(")");
    let (on_team, unowned_key): (bool, bool) = q.build_query_as().fetch_one(db).await?;
    Ok(if on_team {
        Relation::OnTeam
    } else if unowned_key {
        Relation::UnownedKey
    } else {
        Relation::NotOnTeam
    })
}

/// Whether the account exists.
pub async fn exists(db: impl PgExecutor<'_>, id: AccountId) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1)")
        .bind(id)
        .fetch_one(db)
        .await
}

/// A member of an account's current team.
#[derive(Debug, Clone, FromRow)]
pub struct TeamMember {
    /// The user.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Their role on the team.
    pub team_role: TeamRole,
    /// A member's function on the account (logistics, finance ...).
    pub function: Option<crate::domain::team::TeamFunction>,
    /// Since when.
    pub started_on: NaiveDate,
}

/// The current team, owner first.
pub async fn team(db: impl PgExecutor<'_>, id: AccountId) -> sqlx::Result<Vec<TeamMember>> {
    sqlx::query_as(
        "SELECT t.user_id, u.name, t.team_role, t.function, t.started_on
           FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.ended_on IS NULL
          ORDER BY CASE t.team_role WHEN 'owner' THEN 0 WHEN 'assistant' THEN 1 ELSE 2 END, lower(u.name)",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// A director's pin recorded together with a new account (imports and the demo; the account
/// page pins an existing account with [`set_pin`]).
#[derive(Debug, Clone)]
pub struct NewPin {
    /// `Key` or `NotKey` (a `None` pin is no pin: leave [`NewAccount::pin`] empty).
    pub pin: Pin,
    /// The written reason.
    pub reason: String,
    /// The director who decided.
    pub by: UserId,
    /// When (None: now).
    pub at: Option<DateTime<Utc>>,
}

/// A new account, as the new-account page, an import or the demo parse it.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Identifier (`AccountId::new()` for a page).
    pub id: AccountId,
    /// Display name.
    pub name: AccountName,
    /// Legal name (may be empty).
    pub legal_name: String,
    /// Industry, if chosen.
    pub industry: Option<Industry>,
    /// Website (may be empty).
    pub website: String,
    /// Headcount, if known.
    pub headcount: Option<u32>,
    /// Tax id, if known (unique).
    pub tax_id: Option<TaxId>,
    /// Id in another system, if known (unique).
    pub external_id: Option<ExternalId>,
    /// The client's own yearly revenue, if known.
    pub annual_revenue: Option<Money>,
    /// Status.
    pub status: Status,
    /// Strategic importance.
    pub strategic_importance: Importance,
    /// Why that importance (may be empty).
    pub importance_rationale: String,
    /// How it buys today.
    pub decision_making: DecisionMaking,
    /// How it plans to buy, when a change is planned.
    pub planned_decision_making: Option<DecisionMaking>,
    /// A director's pin, if any.
    pub pin: Option<NewPin>,
    /// Image-maker label.
    pub is_image_maker: bool,
    /// Expert label.
    pub is_expert: bool,
    /// Who created it.
    pub created_by: Option<UserId>,
    /// When (None: now, the transaction's time).
    pub created_at: Option<DateTime<Utc>>,
}

impl NewAccount {
    /// A new account with the given essentials and everything else empty.
    pub fn new(
        name: AccountName,
        status: Status,
        strategic_importance: Importance,
        decision_making: DecisionMaking,
    ) -> NewAccount {
        NewAccount {
            id: AccountId::new(),
            name,
            legal_name: String::new(),
            industry: None,
            website: String::new(),
            headcount: None,
            tax_id: None,
            external_id: None,
            annual_revenue: None,
            status,
            strategic_importance,
            importance_rationale: String::new(),
            decision_making,
            planned_decision_making: None,
            pin: None,
            is_image_maker: false,
            is_expert: false,
            created_by: None,
            created_at: None,
        }
    }
}

/// Inserts one account (the team is written separately, with [`super::teams::insert`]).
pub async fn insert(conn: &mut PgConnection, account: &NewAccount) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(account)).await
}

/// Inserts accounts in batches of [`super::BULK_ROWS`]: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, accounts: &[NewAccount]) -> sqlx::Result<()> {
    for chunk in accounts.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO accounts (id, name, legal_name, industry, website, headcount, status,
                 strategic_importance, importance_rationale, decision_making,
                 planned_decision_making, pin, pin_reason, pinned_by, pinned_at,
                 is_image_maker, is_expert, created_by, created_at, updated_at,
                 tax_id, external_id, annual_revenue, search_key, duplicate_key)
             SELECT u.id, u.name, u.legal_name, u.industry, u.website, u.headcount, u.status,
                    u.importance, u.rationale, u.decision_making, u.planned, u.pin, u.pin_reason,
                    u.pinned_by, CASE WHEN u.pin <> 'none' THEN coalesce(u.pinned_at, now()) END,
                    u.image_maker, u.expert, u.created_by, coalesce(u.created_at, now()),
                    coalesce(u.created_at, now()), u.tax_id, u.external_id, u.annual_revenue,
                    u.search_key, u.duplicate_key
               FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int4[],
                    $7::text[], $8::int2[], $9::text[], $10::text[], $11::text[], $12::text[],
                    $13::text[], $14::uuid[], $15::timestamptz[], $16::bool[], $17::bool[],
                    $18::uuid[], $19::timestamptz[], $20::text[], $21::text[], $22::numeric[],
                    $23::text[], $24::text[])
                 AS u(id, name, legal_name, industry, website, headcount, status, importance,
                      rationale, decision_making, planned, pin, pin_reason, pinned_by,
                      pinned_at, image_maker, expert, created_by, created_at, tax_id,
                      external_id, annual_revenue, search_key, duplicate_key)",
        )
        .bind(chunk.iter().map(|a| a.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|a| a.name.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|a| a.legal_name.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.industry.map(Industry::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|a| a.website.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|a| a.headcount.map(|h| i32::try_from(h).unwrap_or(i32::MAX)))
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|a| a.status.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|a| i16::from(a.strategic_importance.get()))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.importance_rationale.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.decision_making.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.planned_decision_making.map(DecisionMaking::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.pin.as_ref().map_or(Pin::None, |p| p.pin).as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.pin.as_ref().map(|p| p.reason.as_str()))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.pin.as_ref().map(|p| p.by))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.pin.as_ref().and_then(|p| p.at))
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|a| a.is_image_maker).collect::<Vec<_>>())
        .bind(chunk.iter().map(|a| a.is_expert).collect::<Vec<_>>())
        .bind(chunk.iter().map(|a| a.created_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|a| a.created_at).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|a| a.tax_id.as_ref().map(TaxId::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.external_id.as_ref().map(ExternalId::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| a.annual_revenue.map(Money::get))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| duplicate::search_key(a.name.as_str()))
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|a| duplicate::duplicate_key(a.name.as_str()))
                .collect::<Vec<_>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Renames an account, with the keys its search and duplicate check read. Every change of a
/// name goes through here (a name written without its keys loses them until
/// [`fill_name_keys`] runs: see the `account_identity` migration). Does not check a version:
/// the caller holds the row (a version-checked section save, a merge).
pub async fn rename(
    conn: &mut PgConnection,
    id: AccountId,
    name: &AccountName,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET name = $2, search_key = $3, duplicate_key = $4 WHERE id = $1")
        .bind(id)
        .bind(name.as_str())
        .bind(duplicate::search_key(name.as_str()))
        .bind(duplicate::duplicate_key(name.as_str()))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Derives the name keys of the accounts that have none (rows from before the keys existed, or
/// a name written without them), a thousand at a time. Cheap when there are none: a partial
/// index holds exactly the rows without keys. Returns how many were filled.
pub async fn fill_name_keys(pool: &sqlx::PgPool) -> sqlx::Result<u64> {
    let mut filled = 0;
    loop {
        let rows: Vec<(AccountId, String)> = sqlx::query_as(
            "SELECT id, name FROM accounts WHERE search_key IS NULL ORDER BY id LIMIT 1000",
        )
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            return Ok(filled);
        }
        let (ids, names): (Vec<AccountId>, Vec<String>) = rows.into_iter().unzip();
        // Only where the name is still the one the keys were derived from.
        let done = sqlx::query(
            "UPDATE accounts a SET search_key = u.search_key, duplicate_key = u.duplicate_key
               FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[])
                 AS u(id, name, search_key, duplicate_key)
              WHERE a.id = u.id AND a.name = u.name AND a.search_key IS NULL",
        )
        .bind(&ids)
        .bind(&names)
        .bind(
            names
                .iter()
                .map(|n| duplicate::search_key(n))
                .collect::<Vec<_>>(),
        )
        .bind(
            names
                .iter()
                .map(|n| duplicate::duplicate_key(n))
                .collect::<Vec<_>>(),
        )
        .execute(pool)
        .await?;
        filled += done.rows_affected();
        if done.rows_affected() == 0 {
            // Every row changed name meanwhile: the next pass takes them again.
            return Ok(filled);
        }
    }
}

/// The pin as stored, for a version-checked update.
pub struct PinChange<'a> {
    /// The director's pin.
    pub pin: Pin,
    /// Written reason (None when clearing).
    pub reason: Option<&'a str>,
    /// Who decided.
    pub by: UserId,
}

/// Sets or clears the director's pin if the account is still at `version`. Returns false on a
/// version conflict.
pub async fn set_pin(
    tx: &mut sqlx::PgConnection,
    id: AccountId,
    version: i32,
    change: &PinChange<'_>,
) -> sqlx::Result<bool> {
    let clearing = change.pin == Pin::None;
    let r = sqlx::query(
        "UPDATE accounts SET pin = $3,
                pin_reason = $4,
                pinned_by = CASE WHEN $5 THEN NULL ELSE $6 END,
                pinned_at = CASE WHEN $5 THEN NULL ELSE now() END,
                version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(change.pin)
    .bind(if clearing { None } else { change.reason })
    .bind(clearing)
    .bind(change.by)
    .execute(&mut *tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Locks the account row for the rest of the transaction (check-then-write on pins, a dossier
/// section's save). `FOR NO KEY UPDATE`, the lock an UPDATE of its columns takes: writers of the
/// row still wait for each other, while rows that merely reference the account (a section's
/// version, a dossier row, a team stint) can still be written. `FOR UPDATE` would conflict with
/// the key-share lock such a reference holds, so two saves that each had written one would
/// deadlock.
pub async fn lock(tx: &mut sqlx::PgConnection, id: AccountId) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar("SELECT version FROM accounts WHERE id = $1 FOR NO KEY UPDATE")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
}

/// The account's own columns that the dossier's pages edit (general facts, strategic
/// importance, how decisions are made, the hand-set client types).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Industry.
    pub industry: Option<Industry>,
    /// Headcount.
    pub headcount: Option<i32>,
    /// The client's own yearly revenue.
    pub annual_revenue: Option<Decimal>,
    /// 0..5.
    pub strategic_importance: i16,
    /// Why that importance.
    pub importance_rationale: String,
    /// How decisions are made today.
    pub decision_making: DecisionMaking,
    /// A planned change of it.
    pub planned_decision_making: Option<DecisionMaking>,
    /// Image-maker label.
    pub is_image_maker: bool,
    /// Expert label.
    pub is_expert: bool,
}

/// Writes the dossier's columns of an account (the caller holds the row's lock, see [`lock`],
/// and changed only its own part's). The account's `version` (the director's pin) is left as it
/// is: each part has its own, see `db::dossier::claim`.
pub async fn save_profile(conn: &mut PgConnection, id: AccountId, p: &Profile) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE accounts
            SET industry = $2, headcount = $3, annual_revenue = $4, strategic_importance = $5,
                importance_rationale = $6, decision_making = $7, planned_decision_making = $8,
                is_image_maker = $9, is_expert = $10
          WHERE id = $1",
    )
    .bind(id)
    .bind(p.industry)
    .bind(p.headcount)
    .bind(p.annual_revenue)
    .bind(p.strategic_importance)
    .bind(&p.importance_rationale)
    .bind(p.decision_making)
    .bind(p.planned_decision_making)
    .bind(p.is_image_maker)
    .bind(p.is_expert)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}
