//! Likely duplicate accounts: the candidates a new account is warned about, the directors' list
//! of pairs, and the two ways a pair leaves that list (dismissed as two clients, or merged).
//!
//! What "likely the same client" means is `domain::duplicate`'s; this module only finds the
//! rows: equal tax ids (unique, so at most one), equal duplicate keys (the index
//! `accounts_duplicate_key_idx`) and, for a new name, the trigram neighbours of its key
//! (`accounts_duplicate_key_trgm`) that the domain then judges.

use super::visibility::AccountScope;
use crate::domain::account::TaxId;
use crate::domain::duplicate;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::scoring::{Segment, Status};
use crate::domain::system_text::{SystemMessage, SystemText, TextArg};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};

/// How many trigram neighbours of a new name are judged (the nearest first).
const NEIGHBOURS: i64 = 50;

/// An account that a new one may duplicate. Only what the reader may see is filled: for an
/// account outside their scope `visible` is false and every fact is `None`.
#[derive(Debug, Clone, FromRow)]
pub struct Candidate {
    /// Identifier (not shown for an account the reader may not see).
    pub id: AccountId,
    /// Whether the reader may see the account.
    pub visible: bool,
    /// Whether it holds the same tax id.
    pub same_tax_id: bool,
    /// Its duplicate key (judged here, never shown).
    #[sqlx(default)]
    duplicate_key: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<Status>,
    /// Tax id.
    pub tax_id: Option<String>,
    /// The city of its first current place.
    pub city: Option<String>,
    /// Current owner.
    pub owner_name: Option<String>,
}

/// Appends the facts of account `a` that only a reader in `scope` may read: `CASE WHEN visible`.
fn push_if_visible(q: &mut QueryBuilder<'_, Postgres>, expr: &str, alias: &str) {
    q.push(format!(", CASE WHEN v.visible THEN {expr} END AS {alias}"));
}

/// The accounts a new account named with `key` (its `duplicate::duplicate_key`) and holding
/// `tax_id` likely duplicates: the same tax id, an equal key (the transliterated twin), or a
/// near key (a typo), as [`duplicate::keys_likely_duplicates`] judges. Merged accounts are left
/// out unless they hold the tax id. Visible ones first, by name.
pub async fn candidates(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    key: &str,
    tax_id: Option<&TaxId>,
) -> sqlx::Result<Vec<Candidate>> {
    let tax = tax_id.map(|t| t.as_str().to_string());
    let mut q =
        QueryBuilder::<Postgres>::new("WITH c AS (SELECT a.id FROM accounts a WHERE a.tax_id = ");
    q.push_bind(tax.clone());
    if !key.is_empty() {
        q.push(
            " UNION SELECT a.id FROM accounts a WHERE a.merged_into IS NULL AND a.duplicate_key = ",
        );
        q.push_bind(key.to_string());
        if key.chars().count() >= duplicate::MIN_FUZZY_LEN {
            q.push(
                " UNION (SELECT a.id FROM accounts a WHERE a.merged_into IS NULL AND a.duplicate_key % ",
            );
            q.push_bind(key.to_string());
            q.push(" ORDER BY similarity(a.duplicate_key, ");
            q.push_bind(key.to_string());
            q.push(") DESC LIMIT ").push_bind(NEIGHBOURS).push(")");
        }
    }
    q.push("), v AS (SELECT a.id, ");
    scope.push_visible(&mut q, "a.id");
    q.push(" AS visible FROM c JOIN accounts a ON a.id = c.id)");
    q.push(" SELECT a.id, v.visible, coalesce(a.tax_id = ");
    q.push_bind(tax);
    q.push(", false) AS same_tax_id, a.duplicate_key");
    push_if_visible(&mut q, "a.name", "name");
    push_if_visible(&mut q, "a.status", "status");
    push_if_visible(&mut q, "a.tax_id", "tax_id");
    push_if_visible(
        &mut q,
        "(SELECT nullif(l.city, '') FROM account_locations l WHERE l.account_id = a.id \
         AND l.kind = 'current' ORDER BY l.city = '', l.created_at, l.id LIMIT 1)",
        "city",
    );
    push_if_visible(&mut q, "own_u.name", "owner_name");
    q.push(" FROM v JOIN accounts a ON a.id = v.id ");
    q.push(super::accounts::OWNER_NAME_JOIN);
    q.push(" ORDER BY v.visible DESC, lower(a.name), a.id");
    let rows: Vec<Candidate> = q.build_query_as().fetch_all(db).await?;
    Ok(rows
        .into_iter()
        .filter(|c| {
            c.same_tax_id
                || c.duplicate_key
                    .as_deref()
                    .is_some_and(|k| duplicate::keys_likely_duplicates(key, k))
        })
        .collect())
}

/// Which pairs the directors' list shows, and in which order.
#[derive(Debug, Clone, Default)]
pub struct PairFilter {
    /// Words of either name (folded as the list's search folds them); empty: every pair.
    pub q: String,
    /// Newest pairs first (by the later-created account) instead of by name.
    pub newest_first: bool,
}

/// Appends the pairs' FROM and WHERE: two accounts with one duplicate key, neither merged, the
/// pair not dismissed. (Tax ids are unique, so no two accounts share one: equal keys are the
/// pairs.)
fn push_pairs(q: &mut QueryBuilder<'_, Postgres>, f: &PairFilter) {
    q.push(
        " FROM accounts a JOIN accounts b ON b.duplicate_key = a.duplicate_key AND b.id > a.id
          WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND a.duplicate_key <> ''
            AND NOT EXISTS (SELECT 1 FROM account_duplicate_dismissals d
                             WHERE d.account_a = a.id AND d.account_b = b.id)",
    );
    let folded = duplicate::search_key(&f.q);
    if !folded.is_empty() {
        let like = format!("%{}%", super::accounts::escape_like(&folded));
        q.push(" AND (a.search_key LIKE ");
        q.push_bind(like.clone());
        q.push(" OR b.search_key LIKE ");
        q.push_bind(like);
        q.push(")");
    }
}

/// How many pairs `f` shows.
pub async fn count_pairs(db: impl PgExecutor<'_>, f: &PairFilter) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*)");
    push_pairs(&mut q, f);
    q.build_query_scalar().fetch_one(db).await
}

/// One account of a pair, with the facts a director compares.
#[derive(Debug, Clone, FromRow)]
pub struct PairSide {
    /// Identifier.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Legal name.
    pub legal_name: String,
    /// Status.
    pub status: Status,
    /// Tax id.
    pub tax_id: Option<String>,
    /// Industry code.
    pub industry: Option<crate::domain::industry::Industry>,
    /// The city of its first current place.
    pub city: Option<String>,
    /// Current owner.
    pub owner_name: Option<String>,
    /// Key client (as the last recompute stored it).
    pub is_key: bool,
    /// Segment.
    pub segment: Option<Segment>,
    /// Contacts (current and gone).
    pub contacts: i64,
    /// Orders.
    pub orders: i64,
    /// Deals and tenders.
    pub deals: i64,
    /// The last order's date.
    pub last_order: Option<NaiveDate>,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// The account row's last change: the stamp a merge or dismissal is checked against.
    pub updated_at: DateTime<Utc>,
}

impl PairSide {
    /// The stamp a form carries ([`stamp`] of `updated_at`).
    pub fn stamp(&self) -> String {
        stamp(self.updated_at)
    }
}

/// The version a pair's form carries for one account: its row's last change, in microseconds.
/// Any change of the account row (a rename, a status change, a pin, a merge) changes it.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.timestamp_micros().to_string()
}

/// Two accounts that are likely one client.
#[derive(Debug, Clone)]
pub struct Pair {
    /// The first (smaller id).
    pub a: PairSide,
    /// The second.
    pub b: PairSide,
}

const SIDE_SELECT: &str = "SELECT a.id, a.name, a.legal_name, a.status, a.tax_id, a.industry,
        (SELECT nullif(l.city, '') FROM account_locations l WHERE l.account_id = a.id
          AND l.kind = 'current' ORDER BY l.city = '', l.created_at, l.id LIMIT 1) AS city,
        own_u.name AS owner_name, coalesce(r.is_key, false) AS is_key, r.segment,
        (SELECT count(*) FROM contacts x WHERE x.account_id = a.id) AS contacts,
        (SELECT count(*) FROM orders x WHERE x.account_id = a.id) AS orders,
        (SELECT count(*) FROM deals x WHERE x.account_id = a.id) AS deals,
        (SELECT max(x.ordered_on) FROM orders x WHERE x.account_id = a.id) AS last_order,
        a.created_at, a.updated_at
   FROM accounts a ";

/// The facts of `ids` (for the pairs of one page, or the two of a form).
pub async fn sides(db: impl PgExecutor<'_>, ids: &[AccountId]) -> sqlx::Result<Vec<PairSide>> {
    let mut q = QueryBuilder::new(SIDE_SELECT);
    q.push(super::accounts::OWNER_NAME_JOIN);
    q.push(" LEFT JOIN scoring_results r ON r.account_id = a.id WHERE a.id = ANY(");
    q.push_bind(ids.to_vec());
    q.push(")");
    q.build_query_as().fetch_all(db).await
}

/// The pairs `f` shows, `limit` from `offset`: by the first account's name (or newest first),
/// each with both accounts' facts.
pub async fn pairs(
    conn: &mut PgConnection,
    f: &PairFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<Pair>> {
    let mut q = QueryBuilder::new("SELECT a.id, b.id");
    push_pairs(&mut q, f);
    if f.newest_first {
        q.push(" ORDER BY greatest(a.created_at, b.created_at) DESC, a.id, b.id");
    } else {
        q.push(" ORDER BY lower(a.name), a.id, b.id");
    }
    q.push(" LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    let ids: Vec<(AccountId, AccountId)> = q.build_query_as().fetch_all(&mut *conn).await?;
    let all: Vec<AccountId> = ids.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let by_id: std::collections::HashMap<AccountId, PairSide> = sides(&mut *conn, &all)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(ids
        .into_iter()
        .filter_map(|(a, b)| {
            Some(Pair {
                a: by_id.get(&a)?.clone(),
                b: by_id.get(&b)?.clone(),
            })
        })
        .collect())
}

/// The two accounts of a pair as locked for a merge or a dismissal.
#[derive(Debug, Clone, FromRow)]
pub struct Locked {
    /// Identifier.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Its duplicate key.
    pub duplicate_key: Option<String>,
    /// Tax id.
    pub tax_id: Option<String>,
    /// External id.
    pub external_id: Option<String>,
    /// Status.
    pub status: Status,
    /// Merged into another already.
    pub merged_into: Option<AccountId>,
    /// The row's last change (see [`stamp`]).
    pub updated_at: DateTime<Utc>,
}

/// Locks two accounts (in id order, so two merges of overlapping pairs wait rather than
/// deadlock) for the rest of the transaction. `FOR UPDATE`: a merge moves tax ids (a unique
/// key) and must not race a new contact or order being attached to the account it archives.
pub async fn lock_pair(
    conn: &mut PgConnection,
    a: AccountId,
    b: AccountId,
) -> sqlx::Result<Vec<Locked>> {
    sqlx::query_as(
        "SELECT id, name, duplicate_key, tax_id, external_id, status, merged_into, updated_at
           FROM accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE",
    )
    .bind(vec![a, b])
    .fetch_all(conn)
    .await
}

/// Whether the pair was dismissed already.
pub async fn is_dismissed(
    db: impl PgExecutor<'_>,
    a: AccountId,
    b: AccountId,
) -> sqlx::Result<bool> {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM account_duplicate_dismissals WHERE account_a = $1 AND account_b = $2)",
    )
    .bind(a)
    .bind(b)
    .fetch_one(db)
    .await
}

/// Records that `a` and `b` are two clients: the pair leaves the list. Returns false when it
/// was dismissed already.
pub async fn dismiss(
    conn: &mut PgConnection,
    a: AccountId,
    b: AccountId,
    by: UserId,
) -> sqlx::Result<bool> {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    let r = sqlx::query(
        "INSERT INTO account_duplicate_dismissals (account_a, account_b, dismissed_by)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(a)
    .bind(b)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// What a merge moved to the surviving account and what stayed on the archived one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// `(what, rows)` moved, in a fixed order (`what` is a message key's suffix).
    pub moved: Vec<(&'static str, u64)>,
    /// `(what, rows)` left on the archived account because the survivor has its own
    /// (forecast years, plans and budgets of a year, a competitive grid).
    pub kept: Vec<(&'static str, u64)>,
    /// People of the archived account's current team who joined the survivor's.
    pub joined_team: u64,
    /// Open offers to take on the archived account, closed as superseded.
    pub offers_closed: u64,
    /// Whether the survivor took the archived account's tax id (it had none).
    pub took_tax_id: bool,
    /// Whether the survivor took the archived account's external id (it had none).
    pub took_external_id: bool,
}

/// Moves the rows of `from` that a year or a version makes unique per account: those of years
/// the survivor lacks move, the others stay. Returns (moved, kept).
async fn move_per_year(
    conn: &mut PgConnection,
    table: &str,
    column: &str,
    into: AccountId,
    from: AccountId,
) -> sqlx::Result<(u64, u64)> {
    let moved = sqlx::query(&format!(
        "UPDATE {table} SET account_id = $1 WHERE account_id = $2
            AND {column} NOT IN (SELECT {column} FROM {table} WHERE account_id = $1)"
    ))
    .bind(into)
    .bind(from)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let kept: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM {table} WHERE account_id = $1"
    ))
    .bind(from)
    .fetch_one(&mut *conn)
    .await?;
    Ok((moved, kept as u64))
}

/// Moves every row of `from` that can belong to `into`, in the caller's transaction (both
/// locked by [`lock_pair`]), then archives `from` as "merged into" `into` by `by`. Decisions:
///
/// - moved: places, contacts (with their history and interactions' participants, which hang on
///   them), interactions, deals and tenders, competitors (the deals' winners follow), orders
///   with their status history, follow-ups;
/// - per year or version (unique per account): potential forecasts, account plans (with their
///   objectives and actions) and KAM budgets of a year the survivor has none of move, the
///   others stay on the archived account; competitive grids move only when the survivor has none
///   (their versions number one account's grid);
/// - the team: each person on `from`'s current team who is not on `into`'s joins it in the same
///   role, except that a second owner joins as a member; open offers to take `from` on are
///   closed as superseded; `from`'s own team, handovers, decided offers, review rows, dossier
///   texts, scoring results and history stay with it (it is archived, and its history remains
///   readable);
/// - the tax id and external id move when the survivor has none (they are unique).
pub async fn merge(
    conn: &mut PgConnection,
    into: &Locked,
    from: &Locked,
    by: UserId,
) -> sqlx::Result<MergeReport> {
    let (s, m) = (into.id, from.id);
    let mut report = MergeReport::default();
    let mut moved = |what: &'static str, n: u64| report.moved.push((what, n));

    let simple =
        |table: &'static str| format!("UPDATE {table} SET account_id = $1 WHERE account_id = $2");
    let run = async |conn: &mut PgConnection, sql: String| -> sqlx::Result<u64> {
        Ok(sqlx::query(&sql)
            .bind(s)
            .bind(m)
            .execute(&mut *conn)
            .await?
            .rows_affected())
    };

    moved("places", run(conn, simple("account_locations")).await?);
    moved("contacts", run(conn, simple("contacts")).await?);
    moved("interactions", run(conn, simple("interactions")).await?);
    // A lost deal's winner is one of the account's competitors (a foreign key over both
    // columns): the links are set aside, both move, the links come back.
    let winners: Vec<(uuid::Uuid, uuid::Uuid)> = sqlx::query_as(
        "UPDATE deals d SET winning_competitor_id = NULL
           FROM deals o WHERE o.id = d.id AND d.account_id = $1 AND d.winning_competitor_id IS NOT NULL
         RETURNING d.id, o.winning_competitor_id",
    )
    .bind(m)
    .fetch_all(&mut *conn)
    .await?;
    moved("competitors", run(conn, simple("competitors")).await?);
    moved("deals", run(conn, simple("deals")).await?);
    if !winners.is_empty() {
        let (deals, comps): (Vec<uuid::Uuid>, Vec<uuid::Uuid>) = winners.into_iter().unzip();
        sqlx::query(
            "UPDATE deals d SET winning_competitor_id = u.c
               FROM UNNEST($1::uuid[], $2::uuid[]) AS u(d, c) WHERE d.id = u.d",
        )
        .bind(deals)
        .bind(comps)
        .execute(&mut *conn)
        .await?;
    }
    moved("orders", run(conn, simple("orders")).await?);
    run(conn, simple("order_status_history")).await?;
    moved("follow-ups", run(conn, simple("follow_ups")).await?);
    // Special offers (with their variants) are the client's history with us: all of them move.
    moved("special-offers", run(conn, simple("special_offers")).await?);

    let mut kept = Vec::new();
    for (what, table, column) in [
        ("forecasts", "potential_forecasts", "year"),
        ("plans", "account_plans", "year"),
        ("budgets", "kam_budgets", "year"),
    ] {
        let (n, k) = move_per_year(conn, table, column, s, m).await?;
        moved(what, n);
        if k > 0 {
            kept.push((what, k));
        }
    }
    let survivor_grids: i64 =
        sqlx::query_scalar("SELECT count(*) FROM competitive_grids WHERE account_id = $1")
            .bind(s)
            .fetch_one(&mut *conn)
            .await?;
    if survivor_grids == 0 {
        moved("grids", run(conn, simple("competitive_grids")).await?);
    } else {
        let k: i64 =
            sqlx::query_scalar("SELECT count(*) FROM competitive_grids WHERE account_id = $1")
                .bind(m)
                .fetch_one(&mut *conn)
                .await?;
        moved("grids", 0);
        if k > 0 {
            kept.push(("grids", k as u64));
        }
    }
    report.kept = kept;

    // The team: whoever worked on the archived account keeps seeing its history on the survivor.
    report.joined_team = sqlx::query(
        "INSERT INTO account_team (id, account_id, user_id, team_role, function)
         SELECT gen_random_uuid(), $1, t.user_id,
                CASE WHEN t.team_role = 'owner' AND EXISTS (SELECT 1 FROM account_team o
                          WHERE o.account_id = $1 AND o.team_role = 'owner' AND o.ended_on IS NULL)
                     THEN 'member' ELSE t.team_role END,
                CASE WHEN t.team_role = 'owner' AND EXISTS (SELECT 1 FROM account_team o
                          WHERE o.account_id = $1 AND o.team_role = 'owner' AND o.ended_on IS NULL)
                     THEN 'other' ELSE t.function END
           FROM account_team t
          WHERE t.account_id = $2 AND t.ended_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM account_team c WHERE c.account_id = $1
                             AND c.user_id = t.user_id AND c.ended_on IS NULL)
          ORDER BY (t.team_role = 'owner') DESC",
    )
    .bind(s)
    .bind(m)
    .execute(&mut *conn)
    .await?
    .rows_affected();

    // An offer to take on the archived account has nothing left to take.
    report.offers_closed = sqlx::query(
        "UPDATE ownership_offers SET status = 'superseded', decided_at = now(), version = version + 1
          WHERE account_id = $1 AND status = 'open'",
    )
    .bind(m)
    .execute(&mut *conn)
    .await?
    .rows_affected();

    report.took_tax_id = into.tax_id.is_none() && from.tax_id.is_some();
    report.took_external_id = into.external_id.is_none() && from.external_id.is_some();
    let text =
        SystemText::plain(SystemMessage::MergedInto).with("name", TextArg::Text(into.name.clone()));
    sqlx::query(
        "UPDATE accounts SET status = 'archived', status_reason = NULL, status_reason_key = $3,
                status_reason_args = $4::jsonb, status_changed_at = now(), status_changed_by = $5,
                merged_into = $2, version = version + 1,
                tax_id = CASE WHEN $6 THEN NULL ELSE tax_id END,
                external_id = CASE WHEN $7 THEN NULL ELSE external_id END
          WHERE id = $1",
    )
    .bind(m)
    .bind(s)
    .bind(text.key.as_str())
    .bind(text.args_json())
    .bind(by)
    .bind(report.took_tax_id)
    .bind(report.took_external_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE accounts SET version = version + 1,
                tax_id = coalesce(tax_id, $2), external_id = coalesce(external_id, $3)
          WHERE id = $1",
    )
    .bind(s)
    .bind(if report.took_tax_id {
        from.tax_id.clone()
    } else {
        None
    })
    .bind(if report.took_external_id {
        from.external_id.clone()
    } else {
        None
    })
    .execute(&mut *conn)
    .await?;
    Ok(report)
}
