//! The key list at the size of a real company: the key clients (about 17,000 at 100,000
//! accounts) filtered, counted, paged and streamed for export. Every query reads the stored
//! results (`scoring_results`, walked through `scoring_results_key_idx`) with the owner and
//! team; none recomputes anything.
//!
//! Everyone sees every key client with its owner (the permission matrix says so); the
//! reader's scopes only decide which rows link to the account's page ([`AccountScope`]) or to
//! its key profile ([`ProfileScope`]).

use super::accounts::{OWNER_NAME_JOIN, escape_like};
use super::visibility::{AccountScope, ProfileScope};
use crate::domain::analysis::{Abc, Churn, Xyz};
use crate::domain::contact::Gap;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::keylist::KeyType;
use crate::domain::league::League;
use crate::domain::plan::PlanCheck;
use crate::domain::scoring::{Reason, Segment};
use chrono::NaiveDate;
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgExecutor, PgPool, Postgres, QueryBuilder};

/// Which key clients a list shows; every field narrows it (they combine with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyFilter {
    /// Owned by this person.
    pub owner: Option<UserId>,
    /// Owned by nobody.
    pub unowned: bool,
    /// In this league (`Some(None)`: no league, the footprint is empty).
    pub league: Option<Option<League>>,
    /// In this segment.
    pub segment: Option<Segment>,
    /// Carrying this label.
    pub kind: Option<KeyType>,
    /// Flagged by churn (no orders past the settings' days).
    pub at_risk: bool,
    /// In this ABC class.
    pub abc: Option<Abc>,
    /// In this XYZ class.
    pub xyz: Option<Xyz>,
    /// Showing this coverage gap of the contact map, with the day before which a contact is
    /// silent too long (`domain::contact::stale_before`).
    pub gap: Option<(Gap, NaiveDate)>,
    /// The account plan's state in a year, as of a day (the cockpit's planning figures).
    pub plan: Option<(PlanCheck, i32, NaiveDate)>,
    /// Name contains this (already through the search rule).
    pub query: Option<String>,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By rank (the key list).
    Rank,
    /// Key clients nobody owns first, then by rank (who owns whom).
    UnownedFirst,
}

/// Who reads: which rows link where.
#[derive(Debug, Clone, Copy)]
pub struct Readers {
    /// Accounts the reader may open.
    pub scope: AccountScope,
    /// Accounts whose key profile the reader may see.
    pub profile: ProfileScope,
}

/// A key client as the lists show it.
#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    /// Account.
    pub account_id: AccountId,
    /// Its name.
    pub name: String,
    /// Current owner.
    pub owner_id: Option<UserId>,
    /// Their name.
    pub owner_name: Option<String>,
    /// Rank among eligible accounts.
    pub rank: i32,
    /// Score.
    pub score: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// League.
    pub league: Option<League>,
    /// Projected league.
    pub projected_league: Option<League>,
    /// Why key.
    pub reason: Reason,
    /// Potential.
    pub potential: Decimal,
    /// Churn flag.
    pub churn: Churn,
    /// Breadwinner.
    pub breadwinner: bool,
    /// Prospective.
    pub prospective: bool,
    /// Image maker.
    pub is_image_maker: bool,
    /// Expert.
    pub is_expert: bool,
    /// The rest of the current team (assistants and members), names joined; only when asked.
    pub team: Option<String>,
    /// Whether the reader may open the account's page.
    pub can_open: bool,
    /// Whether the reader may see its key profile (team page).
    pub can_see_profile: bool,
}

impl KeyRow {
    /// The labels this key client carries.
    pub fn types(&self) -> Vec<KeyType> {
        [
            (self.breadwinner, KeyType::Breadwinner),
            (self.prospective, KeyType::Prospective),
            (self.is_image_maker, KeyType::ImageMaker),
            (self.is_expert, KeyType::Expert),
        ]
        .into_iter()
        .filter_map(|(on, t)| on.then_some(t))
        .collect()
    }
}

/// `FROM ... WHERE <filter>` of every key-list query.
fn push_from_where(q: &mut QueryBuilder<'_, Postgres>, f: &KeyFilter) {
    q.push(format!(
        " FROM scoring_results r JOIN accounts a ON a.id = r.account_id {OWNER_NAME_JOIN} WHERE r.is_key"
    ));
    if let Some(owner) = f.owner {
        q.push(" AND own_t.user_id = ").push_bind(owner);
    }
    if f.unowned {
        q.push(" AND own_t.user_id IS NULL");
    }
    match f.league {
        Some(Some(league)) => {
            q.push(" AND r.league = ").push_bind(league);
        }
        Some(None) => {
            q.push(" AND r.league IS NULL");
        }
        None => {}
    }
    if let Some(segment) = f.segment {
        q.push(" AND r.segment = ").push_bind(segment);
    }
    match f.kind {
        Some(KeyType::Breadwinner) => q.push(" AND r.breadwinner"),
        Some(KeyType::Prospective) => q.push(" AND r.prospective"),
        Some(KeyType::ImageMaker) => q.push(" AND a.is_image_maker"),
        Some(KeyType::Expert) => q.push(" AND a.is_expert"),
        None => q,
    };
    if f.at_risk {
        q.push(" AND r.churn <> 'ok'");
    }
    if let Some(abc) = f.abc {
        q.push(" AND r.abc = ").push_bind(abc);
    }
    if let Some(xyz) = f.xyz {
        q.push(" AND r.xyz = ").push_bind(xyz);
    }
    if let Some((gap, stale_before)) = f.gap {
        // The contact map's stored per-account figures, as `contacts::count_gaps` counts them.
        q.push(" AND EXISTS (SELECT 1 FROM account_contact_gaps g WHERE g.account_id = r.account_id AND ");
        match gap {
            Gap::NoContact => q.push("g.active_contacts = 0"),
            Gap::UncoveredDecider => q.push("g.uncovered_deciders > 0"),
            Gap::NoChampion => q.push("g.no_champion"),
            Gap::StrongBlocker => q.push("g.strong_blockers > 0"),
            Gap::Stale => q.push("g.oldest_contact_on < ").push_bind(stale_before),
        };
        q.push(")");
    }
    if let Some((check, year, today)) = f.plan {
        // As `plans::key_plan_rollup` and `budgets::per_kam` count them.
        match check {
            PlanCheck::Missing => {
                q.push(" AND NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = r.account_id AND p.year = ")
                    .push_bind(year)
                    .push(")");
            }
            PlanCheck::Overdue => {
                q.push(
                    " AND EXISTS (SELECT 1 FROM account_plans p JOIN plan_objectives o ON o.plan_id = p.id
                        JOIN plan_actions pa ON pa.objective_id = o.id
                       WHERE p.account_id = r.account_id AND pa.status IN ('planned', 'in_progress') AND p.year = ",
                )
                .push_bind(year)
                .push(" AND pa.due_on < ")
                .push_bind(today)
                .push(")");
            }
            PlanCheck::Budgeted => {
                q.push(" AND EXISTS (SELECT 1 FROM kam_budgets b WHERE b.account_id = r.account_id AND b.year = ")
                    .push_bind(year)
                    .push(")");
            }
        }
    }
    if let Some(query) = &f.query {
        q.push(" AND a.name ILIKE '%' || ")
            .push_bind(escape_like(query))
            .push(" || '%'");
    }
}

/// How many key clients the filter leaves.
pub async fn count(db: impl PgExecutor<'_>, f: &KeyFilter) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*)");
    push_from_where(&mut q, f);
    q.build_query_scalar().fetch_one(db).await
}

fn select(readers: Readers, with_team: bool) -> QueryBuilder<'static, Postgres> {
    let mut q = QueryBuilder::new(
        "SELECT r.account_id, a.name, own_u.id AS owner_id, own_u.name AS owner_name, r.rank,
                r.score, r.segment, r.league, r.projected_league, r.reason, r.potential, r.churn,
                r.breadwinner, r.prospective, a.is_image_maker, a.is_expert, ",
    );
    if with_team {
        q.push(
            "(SELECT string_agg(tu.name, ', ' ORDER BY tt.team_role, lower(tu.name))
                FROM account_team tt JOIN users tu ON tu.id = tt.user_id
               WHERE tt.account_id = r.account_id AND tt.ended_on IS NULL AND tt.team_role <> 'owner') AS team, ",
        );
    } else {
        q.push("NULL::text AS team, ");
    }
    readers.scope.push_visible(&mut q, "a.id");
    q.push(" AS can_open, ");
    readers.profile.push_visible(&mut q, "a.id");
    q.push(" AS can_see_profile");
    q
}

fn push_order(q: &mut QueryBuilder<'_, Postgres>, order: Order) {
    q.push(match order {
        Order::Rank => " ORDER BY r.rank, r.account_id",
        Order::UnownedFirst => " ORDER BY own_t.user_id IS NOT NULL, r.rank, r.account_id",
    });
}

/// One page of the filtered key list.
pub async fn page(
    db: impl PgExecutor<'_>,
    readers: Readers,
    f: &KeyFilter,
    order: Order,
    with_team: bool,
    (limit, offset): (i64, i64),
) -> sqlx::Result<Vec<KeyRow>> {
    let mut q = select(readers, with_team);
    push_from_where(&mut q, f);
    push_order(&mut q, order);
    q.push(" LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    q.build_query_as().fetch_all(db).await
}

/// Rows per query of [`stream`].
const CHUNK: i64 = 2_000;

/// The whole filtered list as a stream, for exports: read in chunks of [`CHUNK`] rows after
/// the last one sent (keyset on the order, through the rank index), all inside one read-only
/// repeatable-read transaction, so that a recompute committing meanwhile neither duplicates
/// nor drops a row, and no more than one chunk is ever held in memory.
///
/// The transaction is begun here, before the response goes out, not inside the stream (and
/// through [`super::begin_detached`]): a `BEGIN` cancelled in flight leaves its connection in
/// a transaction that sqlx does not know of. A begun transaction dropped with the stream (a
/// reader who stops reading) is rolled back.
pub async fn stream(
    pool: PgPool,
    readers: Readers,
    filter: KeyFilter,
    order: Order,
    with_team: bool,
) -> sqlx::Result<impl Stream<Item = sqlx::Result<KeyRow>> + Send + 'static> {
    type Cursor = Option<(bool, i32, AccountId)>;
    enum State {
        Reading(sqlx::Transaction<'static, Postgres>, Cursor),
        Done,
    }
    // A handler is cancelled too when its client goes away: see begin_detached.
    let mut tx = super::begin_detached(&pool).await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let step = move |state: State| {
        let filter = filter.clone();
        async move {
            type Step = Option<(Vec<KeyRow>, State)>;
            let (mut tx, after) = match state {
                State::Done => return Ok::<Step, sqlx::Error>(None),
                State::Reading(tx, after) => (tx, after),
            };
            let mut q = select(readers, with_team);
            push_from_where(&mut q, &filter);
            if let Some((owned, rank, id)) = after {
                match order {
                    Order::Rank => q.push(" AND (r.rank, r.account_id) > (").push_bind(rank),
                    Order::UnownedFirst => q
                        .push(" AND (own_t.user_id IS NOT NULL, r.rank, r.account_id) > (")
                        .push_bind(owned)
                        .push(", ")
                        .push_bind(rank),
                };
                q.push(", ").push_bind(id).push(")");
            }
            push_order(&mut q, order);
            q.push(" LIMIT ").push_bind(CHUNK);
            let rows: Vec<KeyRow> = q.build_query_as().fetch_all(&mut *tx).await?;
            let next = if (rows.len() as i64) < CHUNK {
                tx.commit().await?;
                State::Done
            } else {
                let last = rows
                    .last()
                    .map(|r| (r.owner_id.is_some(), r.rank, r.account_id));
                State::Reading(tx, last)
            };
            if rows.is_empty() {
                return Ok(None);
            }
            Ok(Some((rows, next)))
        }
    };
    Ok(stream::try_unfold(State::Reading(tx, None), step)
        .map_ok(|rows| stream::iter(rows.into_iter().map(Ok)))
        .try_flatten()
        .boxed())
}
