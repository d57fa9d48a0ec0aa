//! Account teams: who works on a client, in which role, from when to when; the handovers that
//! change the owner; which assistant works for which KAM; KAMs' offers to take on unowned key
//! clients; and the KAMs' key-client load the recompute keeps. The database keeps at most one
//! current owner per account (`account_team_one_owner`) and one current stint per person and
//! account (`account_team_one_current`).

use crate::domain::ids::{AccountId, HandoverId, OfferId, TeamStintId, UserId};
use crate::domain::system_text::Text;
use crate::domain::team::{HandoverReason, OfferStatus, TeamFunction, TeamRole};
use crate::domain::user::Role;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

/// A person's stint on an account's team; an ended one is history.
#[derive(Debug, Clone)]
pub struct NewStint {
    /// Identifier (`TeamStintId::new()` for a page).
    pub id: TeamStintId,
    /// The client.
    pub account_id: AccountId,
    /// The person.
    pub user_id: UserId,
    /// Owner, assistant or member.
    pub role: TeamRole,
    /// A cross-functional member's function on the account.
    pub function: Option<TeamFunction>,
    /// From (None: today).
    pub started_on: Option<NaiveDate>,
    /// Until, for a finished stint.
    pub ended_on: Option<NaiveDate>,
    /// The handover that started an owner's stint.
    pub handover_id: Option<HandoverId>,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

impl NewStint {
    /// A stint starting today, e.g. the owner of a new account.
    pub fn starting_now(account_id: AccountId, user_id: UserId, role: TeamRole) -> NewStint {
        NewStint {
            id: TeamStintId::new(),
            account_id,
            user_id,
            role,
            function: None,
            started_on: None,
            ended_on: None,
            handover_id: None,
            created_at: None,
        }
    }
}

/// Adds one stint; a second current owner fails with a unique violation of
/// `account_team_one_owner`.
pub async fn insert(conn: &mut PgConnection, stint: &NewStint) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(stint)).await
}

/// Adds stints in batches: the same statement as [`insert`].
pub async fn insert_many(conn: &mut PgConnection, stints: &[NewStint]) -> sqlx::Result<()> {
    for chunk in stints.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO account_team (id, account_id, user_id, team_role, function,
                 started_on, ended_on, handover_id, created_at)
             SELECT u.id, u.account_id, u.user_id, u.role, u.function,
                    coalesce(u.started_on, current_date), u.ended_on, u.handover_id,
                    coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
                    $6::date[], $7::date[], $8::uuid[], $9::timestamptz[])
                 AS u(id, account_id, user_id, role, function, started_on, ended_on, handover_id,
                      created_at)",
        )
        .bind(chunk.iter().map(|t| t.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.user_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.role).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.function).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.started_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.ended_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.handover_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|t| t.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A recorded change of owner.
#[derive(Debug, Clone)]
pub struct NewHandover {
    /// Identifier.
    pub id: HandoverId,
    /// The client.
    pub account_id: AccountId,
    /// The previous owner (None: nobody owned it).
    pub from: Option<UserId>,
    /// The new owner.
    pub to: UserId,
    /// Why.
    pub reason: HandoverReason,
    /// What the new owner should know: as typed, or written by the system (an import's
    /// "imported from FILE"), rendered per reader.
    pub note: Text,
    /// The day ownership changed.
    pub handed_on: NaiveDate,
    /// Who decided (None: the system, e.g. imported history).
    pub by: Option<UserId>,
    /// The accepted offer behind it.
    pub offer: Option<OfferId>,
    /// When recorded (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// Records handovers in batches (the demo's history; a page uses [`hand_over`]).
pub async fn insert_handovers(conn: &mut PgConnection, rows: &[NewHandover]) -> sqlx::Result<()> {
    for chunk in rows.chunks(super::BULK_ROWS) {
        sqlx::query(
            "INSERT INTO account_handovers (id, account_id, from_user_id, to_user_id, reason, note,
                 handed_on, by_user_id, offer_id, created_at, note_key, note_args)
             SELECT u.id, u.account_id, u.from_user_id, u.to_user_id, u.reason, u.note, u.handed_on,
                    u.by_user_id, u.offer_id, coalesce(u.created_at, now()), u.note_key,
                    u.note_args::jsonb
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                    $7::date[], $8::uuid[], $9::uuid[], $10::timestamptz[], $11::text[],
                    $12::text[])
                 AS u(id, account_id, from_user_id, to_user_id, reason, note, handed_on,
                      by_user_id, offer_id, created_at, note_key, note_args)",
        )
        .bind(chunk.iter().map(|h| h.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.account_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.from).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.to).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.reason).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|h| h.note.to_stored().0)
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|h| h.handed_on).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.offer).collect::<Vec<_>>())
        .bind(chunk.iter().map(|h| h.created_at).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|h| h.note.to_stored().1)
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|h| h.note.to_stored().2)
                .collect::<Vec<_>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The account as the team page's header shows it: its key profile (who may see it:
/// [`crate::domain::permissions::Action::ViewKeyProfile`]).
#[derive(Debug, Clone, FromRow)]
pub struct Header {
    /// The account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
    /// Its status.
    pub status: crate::domain::scoring::Status,
    /// Key now (as of the last recompute)?
    pub is_key: bool,
    /// Why key or not.
    pub reason: Option<crate::domain::scoring::Reason>,
    /// Score.
    pub score: Option<rust_decimal::Decimal>,
    /// Rank among eligible accounts.
    pub rank: Option<i32>,
    /// Segment.
    pub segment: Option<crate::domain::scoring::Segment>,
    /// League.
    pub league: Option<crate::domain::league::League>,
}

/// The header of one account.
pub async fn header(db: impl PgExecutor<'_>, id: AccountId) -> sqlx::Result<Option<Header>> {
    sqlx::query_as(
        "SELECT a.id, a.name, a.status, coalesce(r.is_key, false) AS is_key, r.reason, r.score,
                r.rank, r.segment, r.league
           FROM accounts a LEFT JOIN scoring_results r ON r.account_id = a.id
          WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A person as a team page names them.
#[derive(Debug, Clone, FromRow)]
pub struct Person {
    /// The user.
    pub id: UserId,
    /// Their name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// Whether they may sign in.
    pub active: bool,
}

/// The account's current owner. In a transaction after [`lock_team`], the answer holds until
/// commit.
pub async fn current_owner(
    db: impl PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Option<Person>> {
    sqlx::query_as(
        "SELECT u.id, u.name, u.role, u.active FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.team_role = 'owner' AND t.ended_on IS NULL",
    )
    .bind(account)
    .fetch_optional(db)
    .await
}

/// Serialises every change to one account's team for the rest of the transaction: two
/// directors assigning an owner at once are taken one after the other, and the second sees the
/// first one's owner (the partial unique index stays the backstop). Returns false when the
/// account does not exist.
pub async fn lock_team(conn: &mut PgConnection, account: AccountId) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, i32>("SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE")
        .bind(account)
        .fetch_optional(conn)
        .await
        .map(|r| r.is_some())
}

/// One stint on an account's team, current or past.
#[derive(Debug, Clone, FromRow)]
pub struct StintRow {
    /// The stint.
    pub id: TeamStintId,
    /// The person.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Owner, assistant or member.
    pub team_role: TeamRole,
    /// A member's function.
    pub function: Option<TeamFunction>,
    /// From.
    pub started_on: NaiveDate,
    /// Until (None: current).
    pub ended_on: Option<NaiveDate>,
    /// For the edit form.
    pub version: i32,
}

/// Every stint of an account's team except the owners' (their history is
/// [`ownership_history`]): current ones first (assistants, then members), then past ones,
/// latest first.
pub async fn stints(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<Vec<StintRow>> {
    sqlx::query_as(
        "SELECT t.id, t.user_id, u.name, t.team_role, t.function, t.started_on, t.ended_on, t.version
           FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.team_role <> 'owner'
          ORDER BY t.ended_on IS NOT NULL, t.ended_on DESC, t.team_role, lower(u.name), t.id",
    )
    .bind(account)
    .fetch_all(db)
    .await
}

/// One stint, locked for an edit.
pub async fn lock_stint(
    conn: &mut PgConnection,
    account: AccountId,
    stint: TeamStintId,
) -> sqlx::Result<Option<StintRow>> {
    sqlx::query_as(
        "SELECT t.id, t.user_id, u.name, t.team_role, t.function, t.started_on, t.ended_on, t.version
           FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.id = $2 FOR UPDATE OF t",
    )
    .bind(account)
    .bind(stint)
    .fetch_optional(conn)
    .await
}

/// The changed fields of a stint.
#[derive(Debug, Clone, Copy)]
pub struct StintChange {
    /// Function (members only).
    pub function: Option<TeamFunction>,
    /// From.
    pub started_on: NaiveDate,
    /// Until.
    pub ended_on: Option<NaiveDate>,
}

/// Saves a stint's dates and function if it is still at `version`; false when someone else
/// changed it first. A stint that would overlap the same person's current one fails with a
/// unique violation of `account_team_one_current`.
pub async fn update_stint(
    conn: &mut PgConnection,
    stint: TeamStintId,
    version: i32,
    change: StintChange,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE account_team SET function = $3, started_on = $4, ended_on = $5, version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(stint)
    .bind(version)
    .bind(change.function)
    .bind(change.started_on)
    .bind(change.ended_on)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the person has a current stint on the account (in any role).
pub async fn current_stint_of(
    db: impl PgExecutor<'_>,
    account: AccountId,
    user: UserId,
) -> sqlx::Result<Option<(TeamStintId, TeamRole)>> {
    sqlx::query_as(
        "SELECT id, team_role FROM account_team
          WHERE account_id = $1 AND user_id = $2 AND ended_on IS NULL",
    )
    .bind(account)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// An owner's stint with the handover that started it.
#[derive(Debug, Clone)]
pub struct OwnerStint {
    /// The owner.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// From.
    pub started_on: NaiveDate,
    /// Until (None: the current owner).
    pub ended_on: Option<NaiveDate>,
    /// Why they became owner (None for history from before handovers were recorded).
    pub reason: Option<HandoverReason>,
    /// The handover note (typed, or the system's, e.g. an import's).
    pub note: Option<Text>,
    /// Who handed it over.
    pub by_name: Option<String>,
    /// Who owned it before (None: nobody).
    pub from_name: Option<String>,
}

#[derive(FromRow)]
struct RawOwnerStint {
    user_id: UserId,
    name: String,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    reason: Option<HandoverReason>,
    note: Option<String>,
    note_key: Option<String>,
    note_args: Option<String>,
    by_name: Option<String>,
    from_name: Option<String>,
}

/// Every owner the account has had, the current one first, with the handovers' reasons.
pub async fn ownership_history(
    db: impl PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<OwnerStint>> {
    let rows: Vec<RawOwnerStint> = sqlx::query_as(
        "SELECT t.user_id, u.name, t.started_on, t.ended_on, h.reason, h.note, h.note_key,
                h.note_args::text AS note_args, b.name AS by_name, f.name AS from_name
           FROM account_team t JOIN users u ON u.id = t.user_id
           LEFT JOIN account_handovers h ON h.id = t.handover_id
           LEFT JOIN users b ON b.id = h.by_user_id
           LEFT JOIN users f ON f.id = h.from_user_id
          WHERE t.account_id = $1 AND t.team_role = 'owner'
          ORDER BY t.ended_on IS NOT NULL, t.started_on DESC, t.created_at DESC",
    )
    .bind(account)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let note = match r.note {
                None => None,
                Some(text) => Some(
                    Text::from_stored(text, r.note_key.as_deref(), r.note_args.as_deref())
                        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                ),
            };
            Ok(OwnerStint {
                user_id: r.user_id,
                name: r.name,
                started_on: r.started_on,
                ended_on: r.ended_on,
                reason: r.reason,
                note,
                by_name: r.by_name,
                from_name: r.from_name,
            })
        })
        .collect()
}

/// What a handover changed on the team, for the audit log.
#[derive(Debug, Default)]
pub struct HandoverEffect {
    /// The handover.
    pub id: Option<HandoverId>,
    /// Assistants of the previous owner who left the team with them.
    pub assistants_left: Vec<(TeamStintId, String)>,
    /// The new owner's assistants who joined.
    pub assistants_joined: Vec<(TeamStintId, String)>,
    /// The new owner's earlier stint in another role, ended by becoming owner.
    pub role_ended: Option<TeamStintId>,
    /// Open offers of others for this client, closed because it now has an owner.
    pub offers_superseded: u64,
}

/// Makes `h.to` the owner, in the caller's transaction after [`lock_team`] and the checks:
/// ends the current owner's stint (and the new owner's stint in another role) today, records
/// the handover, starts the new owner's stint pointing at it, and moves the assistants with
/// the ownership: the previous owner's assistants leave (unless they also assist the new
/// owner), the new owner's assistants join. Other KAMs' open offers for the client are closed
/// as superseded (an accepted one is closed by its caller).
pub async fn hand_over(conn: &mut PgConnection, h: &NewHandover) -> sqlx::Result<HandoverEffect> {
    let mut effect = HandoverEffect {
        id: Some(h.id),
        ..HandoverEffect::default()
    };
    sqlx::query(
        "UPDATE account_team SET ended_on = $2, version = version + 1
          WHERE account_id = $1 AND team_role = 'owner' AND ended_on IS NULL",
    )
    .bind(h.account_id)
    .bind(h.handed_on)
    .execute(&mut *conn)
    .await?;
    effect.role_ended = sqlx::query_scalar(
        "UPDATE account_team SET ended_on = $3, version = version + 1
          WHERE account_id = $1 AND user_id = $2 AND ended_on IS NULL RETURNING id",
    )
    .bind(h.account_id)
    .bind(h.to)
    .bind(h.handed_on)
    .fetch_optional(&mut *conn)
    .await?;
    insert_handovers(conn, std::slice::from_ref(h)).await?;
    insert(
        conn,
        &NewStint {
            started_on: Some(h.handed_on),
            handover_id: Some(h.id),
            ..NewStint::starting_now(h.account_id, h.to, TeamRole::Owner)
        },
    )
    .await?;
    if let Some(from) = h.from {
        effect.assistants_left = sqlx::query_as(
            "UPDATE account_team t SET ended_on = $4, version = t.version + 1
               FROM users u
              WHERE u.id = t.user_id AND t.account_id = $1 AND t.team_role = 'assistant'
                AND t.ended_on IS NULL
                AND EXISTS (SELECT 1 FROM kam_assistants k WHERE k.assistant_id = t.user_id AND k.kam_id = $2)
                AND NOT EXISTS (SELECT 1 FROM kam_assistants k WHERE k.assistant_id = t.user_id AND k.kam_id = $3)
             RETURNING t.id, u.name",
        )
        .bind(h.account_id)
        .bind(from)
        .bind(h.to)
        .bind(h.handed_on)
        .fetch_all(&mut *conn)
        .await?;
    }
    let joining: Vec<(UserId, String)> = sqlx::query_as(
        "SELECT k.assistant_id, u.name
           FROM kam_assistants k JOIN users u ON u.id = k.assistant_id
          WHERE k.kam_id = $2 AND u.active AND u.role = 'assistant'
            AND NOT EXISTS (SELECT 1 FROM account_team t WHERE t.account_id = $1
                               AND t.user_id = k.assistant_id AND t.ended_on IS NULL)
          ORDER BY lower(u.name), k.assistant_id",
    )
    .bind(h.account_id)
    .bind(h.to)
    .fetch_all(&mut *conn)
    .await?;
    let stints: Vec<NewStint> = joining
        .iter()
        .map(|(user, _)| NewStint {
            started_on: Some(h.handed_on),
            ..NewStint::starting_now(h.account_id, *user, TeamRole::Assistant)
        })
        .collect();
    insert_many(conn, &stints).await?;
    effect.assistants_joined = stints
        .iter()
        .zip(joining)
        .map(|(s, (_, name))| (s.id, name))
        .collect();
    effect.offers_superseded = sqlx::query(
        "UPDATE ownership_offers SET status = 'superseded', decided_at = now(), version = version + 1
          WHERE account_id = $1 AND status = 'open' AND ($2::uuid IS NULL OR id <> $2)",
    )
    .bind(h.account_id)
    .bind(h.offer)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(effect)
}

/// People who may be put on teams, by name: active users.
pub async fn people(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as("SELECT id, name, role, active FROM users WHERE active ORDER BY lower(name), id")
        .fetch_all(db)
        .await
}

/// One user, as a team page names them.
pub async fn person(db: impl PgExecutor<'_>, id: UserId) -> sqlx::Result<Option<Person>> {
    sqlx::query_as("SELECT id, name, role, active FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Who assists whom: one row per assignment.
#[derive(Debug, Clone, FromRow)]
pub struct Assignment {
    /// The assistant.
    pub assistant_id: UserId,
    /// The KAM.
    pub kam_id: UserId,
    /// The KAM's name.
    pub kam_name: String,
    /// Since when.
    pub since: NaiveDate,
}

/// Every assistant-to-KAM assignment, by KAM name.
pub async fn assignments(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Assignment>> {
    sqlx::query_as(
        "SELECT k.assistant_id, k.kam_id, u.name AS kam_name, k.since
           FROM kam_assistants k JOIN users u ON u.id = k.kam_id
          ORDER BY lower(u.name), k.kam_id",
    )
    .fetch_all(db)
    .await
}

/// Records that `assistant` works for `kams` (in the demo: one call per assistant, in bulk).
pub async fn assign_assistant(
    conn: &mut PgConnection,
    assistant: UserId,
    kams: &[UserId],
    since: Option<NaiveDate>,
    by: Option<UserId>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO kam_assistants (assistant_id, kam_id, since, created_by)
         SELECT $1, k, coalesce($3, current_date), $4 FROM UNNEST($2::uuid[]) AS k
         ON CONFLICT DO NOTHING",
    )
    .bind(assistant)
    .bind(kams)
    .bind(since)
    .bind(by)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Makes `kams` exactly the KAMs `assistant` works for (locking the assistant's row, so two
/// directors saving at once are taken one after the other). Returns the KAMs' names before
/// and after, for the audit log.
pub async fn set_assistant_kams(
    conn: &mut PgConnection,
    assistant: UserId,
    kams: &[UserId],
    by: UserId,
) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
        .bind(assistant)
        .execute(&mut *conn)
        .await?;
    let before = kam_names_of(&mut *conn, assistant).await?;
    sqlx::query("DELETE FROM kam_assistants WHERE assistant_id = $1 AND kam_id <> ALL($2)")
        .bind(assistant)
        .bind(kams)
        .execute(&mut *conn)
        .await?;
    assign_assistant(conn, assistant, kams, None, Some(by)).await?;
    let after = kam_names_of(&mut *conn, assistant).await?;
    Ok((before, after))
}

/// The names of the KAMs an assistant works for.
async fn kam_names_of(db: impl PgExecutor<'_>, assistant: UserId) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT u.name FROM kam_assistants k JOIN users u ON u.id = k.kam_id
          WHERE k.assistant_id = $1 ORDER BY lower(u.name)",
    )
    .bind(assistant)
    .fetch_all(db)
    .await
}

/// A KAM's offer to take on a client.
#[derive(Debug, Clone, FromRow)]
pub struct OfferRow {
    /// The offer.
    pub id: OfferId,
    /// The client.
    pub account_id: AccountId,
    /// Its name.
    pub account_name: String,
    /// The KAM.
    pub kam_id: UserId,
    /// Their name.
    pub kam_name: String,
    /// Key clients the KAM owns now (as of the last recompute).
    pub kam_key_accounts: i32,
    /// Their note.
    pub note: String,
    /// Where it stands.
    pub status: OfferStatus,
    /// The director's answer.
    pub answer: String,
    /// Who decided.
    pub decided_by_name: Option<String>,
    /// When decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// When offered.
    pub created_at: DateTime<Utc>,
    /// For the decision form.
    pub version: i32,
}

const OFFER_SELECT: &str =
    "SELECT o.id, o.account_id, a.name AS account_name, o.kam_id, k.name AS kam_name,
        coalesce(l.key_accounts, 0) AS kam_key_accounts, o.note, o.status, o.answer,
        d.name AS decided_by_name, o.decided_at, o.created_at, o.version
   FROM ownership_offers o JOIN accounts a ON a.id = o.account_id JOIN users k ON k.id = o.kam_id
   LEFT JOIN owner_load l ON l.user_id = o.kam_id LEFT JOIN users d ON d.id = o.decided_by";

/// Open offers, oldest first (what directors must answer).
pub async fn open_offers(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<OfferRow>> {
    sqlx::query_as(&format!(
        "{OFFER_SELECT} WHERE o.status = 'open' ORDER BY o.created_at, o.id"
    ))
    .fetch_all(db)
    .await
}

/// Every offer for one client, newest first.
pub async fn offers_for(
    db: impl PgExecutor<'_>,
    account: AccountId,
) -> sqlx::Result<Vec<OfferRow>> {
    sqlx::query_as(&format!(
        "{OFFER_SELECT} WHERE o.account_id = $1 ORDER BY o.created_at DESC, o.id DESC"
    ))
    .bind(account)
    .fetch_all(db)
    .await
}

/// One offer of a client, locked for the decision.
pub async fn lock_offer(
    conn: &mut PgConnection,
    account: AccountId,
    offer: OfferId,
) -> sqlx::Result<Option<OfferRow>> {
    sqlx::query_as(&format!(
        "{OFFER_SELECT} WHERE o.account_id = $1 AND o.id = $2 FOR UPDATE OF o"
    ))
    .bind(account)
    .bind(offer)
    .fetch_optional(conn)
    .await
}

/// Records a KAM's offer; a second open offer of the same KAM for the same client fails with a
/// unique violation of `ownership_offers_one_open`.
pub async fn insert_offer(
    conn: &mut PgConnection,
    id: OfferId,
    account: AccountId,
    kam: UserId,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ownership_offers (id, account_id, kam_id, note) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(account)
    .bind(kam)
    .bind(note)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Records a director's decision on an open offer at `version`; false when it was decided or
/// changed meanwhile.
pub async fn decide_offer(
    conn: &mut PgConnection,
    offer: OfferId,
    version: i32,
    status: OfferStatus,
    answer: &str,
    by: UserId,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE ownership_offers SET status = $3, answer = $4, decided_by = $5, decided_at = now(),
                version = version + 1
          WHERE id = $1 AND version = $2 AND status = 'open'",
    )
    .bind(offer)
    .bind(version)
    .bind(status)
    .bind(answer)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A KAM's load of key clients (as of the last recompute).
#[derive(Debug, Clone, FromRow)]
pub struct LoadRow {
    /// The KAM.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Key clients they own.
    pub key_accounts: i32,
}

/// Every active KAM's key clients, most loaded first: read from `owner_load`, which the
/// recompute keeps (never counted per page).
pub async fn workload(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<LoadRow>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.name, coalesce(l.key_accounts, 0) AS key_accounts
           FROM users u LEFT JOIN owner_load l ON l.user_id = u.id
          WHERE u.role = 'kam' AND u.active
          ORDER BY coalesce(l.key_accounts, 0) DESC, lower(u.name), u.id",
    )
    .fetch_all(db)
    .await
}
