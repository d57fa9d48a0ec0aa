//! Key-list reviews (the meeting where the key list and its owners are agreed): opening one
//! freezes the stored key list with owners as its snapshot; the meeting records a decision and
//! a note per row, the participants, and the date it agreed the list. A review is compared
//! with the previous agreed one: the clients that entered or left the list and the owners that
//! changed. Every query reads the snapshot rows (`key_list_review_rows`) by review, through
//! its primary key or the rank index; none touches the live list except [`open`].

use super::accounts::{OWNER_NAME_JOIN, escape_like};
use crate::domain::ids::{AccountId, ReviewId, UserId};
use crate::domain::league::League;
use crate::domain::review::{Change, Decision, ReviewStatus};
use crate::domain::scoring::{Reason, Segment};
use chrono::{DateTime, NaiveDate, Utc};
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};

/// A review in the list.
#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    /// Identifier.
    pub id: ReviewId,
    /// Title.
    pub title: String,
    /// Meeting date.
    pub held_on: NaiveDate,
    /// Draft or agreed.
    pub status: ReviewStatus,
    /// Agreed on.
    pub agreed_on: Option<NaiveDate>,
    /// Rows in the snapshot.
    pub rows: i64,
    /// Rows with a decision.
    pub decided: i64,
}

/// Every review, newest first.
pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as(
        "SELECT r.id, r.title, r.held_on, r.status, r.agreed_on,
                (SELECT count(*) FROM key_list_review_rows x WHERE x.review_id = r.id) AS rows,
                (SELECT count(*) FROM key_list_review_rows x WHERE x.review_id = r.id AND x.decision IS NOT NULL) AS decided
           FROM key_list_reviews r ORDER BY r.held_on DESC, r.created_at DESC, r.id DESC",
    )
    .fetch_all(db)
    .await
}

/// A review to open: what the director typed.
#[derive(Debug, Clone)]
pub struct NewReview {
    /// Identifier (made by the caller).
    pub id: ReviewId,
    /// Title.
    pub title: String,
    /// Meeting date.
    pub held_on: NaiveDate,
    /// Who opens it.
    pub by: Option<UserId>,
}

/// Opens a review: freezes the stored key list (every key client with its current owner,
/// score, segment, leagues, rank and reason) as its snapshot. Returns the rows frozen. Run in a
/// transaction: the review and its snapshot appear together.
pub async fn open(conn: &mut PgConnection, r: &NewReview) -> sqlx::Result<u64> {
    sqlx::query(
        "INSERT INTO key_list_reviews (id, title, held_on, settings_id, created_by)
         SELECT $1, $2, $3, settings_id, $4 FROM scoring_state",
    )
    .bind(r.id)
    .bind(&r.title)
    .bind(r.held_on)
    .bind(r.by)
    .execute(&mut *conn)
    .await?;
    let frozen = sqlx::query(&format!(
        "INSERT INTO key_list_review_rows (review_id, account_id, account_name, owner_id, owner_name,
                score, segment, is_key, reason, rank, league, projected_league)
         SELECT $1, r.account_id, a.name, own_u.id, own_u.name, r.score, r.segment, true, r.reason,
                r.rank, r.league, r.projected_league
           FROM scoring_results r JOIN accounts a ON a.id = r.account_id {OWNER_NAME_JOIN}
          WHERE r.is_key"
    ))
    .bind(r.id)
    .execute(&mut *conn)
    .await?;
    Ok(frozen.rows_affected())
}

/// A review with what its page shows on top.
#[derive(Debug, Clone, FromRow)]
pub struct Review {
    /// Identifier.
    pub id: ReviewId,
    /// Title.
    pub title: String,
    /// Meeting date.
    pub held_on: NaiveDate,
    /// Draft or agreed.
    pub status: ReviewStatus,
    /// Agreed on.
    pub agreed_on: Option<NaiveDate>,
    /// Participants who are not users.
    pub guests: String,
    /// Who opened it.
    pub created_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Who marked it agreed.
    pub signed_off_by_name: Option<String>,
    /// Version (the participants' and the agreement's forms carry it).
    pub version: i32,
}

const REVIEW_SELECT: &str = "SELECT r.id, r.title, r.held_on, r.status, r.agreed_on, r.guests,
        cu.name AS created_by_name, r.created_at, su.name AS signed_off_by_name, r.version
   FROM key_list_reviews r
   LEFT JOIN users cu ON cu.id = r.created_by
   LEFT JOIN users su ON su.id = r.signed_off_by
  WHERE r.id = $1";

/// A review by id.
pub async fn get(db: impl PgExecutor<'_>, id: ReviewId) -> sqlx::Result<Option<Review>> {
    sqlx::query_as(REVIEW_SELECT)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// A review by id, locked for a change (its rows, participants or agreement).
pub async fn lock(conn: &mut PgConnection, id: ReviewId) -> sqlx::Result<Option<Review>> {
    sqlx::query_as(&format!("{REVIEW_SELECT} FOR UPDATE OF r"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The review a review is compared with: the latest agreed one opened before it.
#[derive(Debug, Clone, FromRow)]
pub struct Previous {
    /// Identifier.
    pub id: ReviewId,
    /// Title.
    pub title: String,
    /// Agreed on.
    pub agreed_on: NaiveDate,
}

/// The previous agreed review of `review`, if any.
pub async fn previous(db: impl PgExecutor<'_>, review: &Review) -> sqlx::Result<Option<Previous>> {
    sqlx::query_as(
        "SELECT id, title, agreed_on FROM key_list_reviews
          WHERE status = 'signed_off' AND id <> $1 AND (created_at, id) < ($2, $1)
          ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(review.id)
    .bind(review.created_at)
    .fetch_optional(db)
    .await
}

/// A participant.
#[derive(Debug, Clone, FromRow)]
pub struct Participant {
    /// User.
    pub id: UserId,
    /// Name.
    pub name: String,
}

/// The users who took part, by name.
pub async fn participants(db: impl PgExecutor<'_>, id: ReviewId) -> sqlx::Result<Vec<Participant>> {
    sqlx::query_as(
        "SELECT u.id, u.name FROM key_list_review_participants p JOIN users u ON u.id = p.user_id
          WHERE p.review_id = $1 ORDER BY lower(u.name), u.id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Replaces the participants and the guests; bumps the review's version.
pub async fn set_participants(
    conn: &mut PgConnection,
    id: ReviewId,
    users: &[UserId],
    guests: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM key_list_review_participants WHERE review_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO key_list_review_participants (review_id, user_id)
         SELECT $1, u FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(users.iter().map(|u| u.0).collect::<Vec<_>>())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE key_list_reviews SET guests = $2, version = version + 1 WHERE id = $1")
        .bind(id)
        .bind(guests)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Marks a review agreed on `on`, by `by`; bumps its version.
pub async fn agree(
    conn: &mut PgConnection,
    id: ReviewId,
    on: NaiveDate,
    by: UserId,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE key_list_reviews SET status = 'signed_off', agreed_on = $2, signed_off_by = $3,
                signed_off_at = now(), version = version + 1
          WHERE id = $1",
    )
    .bind(id)
    .bind(on)
    .bind(by)
    .execute(conn)
    .await
    .map(|_| ())
}

/// How the review differs from the previous one, and how far the meeting got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct Counts {
    /// Rows in the snapshot.
    pub rows: i64,
    /// Rows with a decision.
    pub decided: i64,
    /// Rows without one yet.
    pub undecided: i64,
    /// Clients on this list that were not on the previous one.
    pub entered: i64,
    /// Clients on the previous list that are not on this one.
    pub left: i64,
    /// Clients on both lists whose owner changed.
    pub owner_changed: i64,
}

/// The counts of a review against `previous` (entered, left and owner changes are 0 without
/// one).
pub async fn counts(
    db: impl PgExecutor<'_>,
    id: ReviewId,
    previous: Option<ReviewId>,
) -> sqlx::Result<Counts> {
    sqlx::query_as(
        r#"SELECT count(*) AS rows, count(c.decision) AS decided, count(*) - count(c.decision) AS undecided,
                count(*) FILTER (WHERE $2::uuid IS NOT NULL AND p.account_id IS NULL) AS entered,
                count(*) FILTER (WHERE p.account_id IS NOT NULL AND p.owner_id IS DISTINCT FROM c.owner_id) AS owner_changed,
                (SELECT count(*) FROM key_list_review_rows o
                  WHERE o.review_id = $2 AND NOT EXISTS (SELECT 1 FROM key_list_review_rows n
                                WHERE n.review_id = $1 AND n.account_id = o.account_id)) AS "left"
           FROM key_list_review_rows c
           LEFT JOIN key_list_review_rows p ON p.review_id = $2 AND p.account_id = c.account_id
          WHERE c.review_id = $1"#,
    )
    .bind(id)
    .bind(previous)
    .fetch_one(db)
    .await
}

/// Which rows of a review a page shows; the fields combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// With this decision (`Some(None)`: none recorded yet).
    pub decision: Option<Option<Decision>>,
    /// Changed this way since the previous review ([`Change::Left`] lists the previous
    /// review's rows that this one lacks).
    pub change: Option<Change>,
    /// Owned by this person when frozen.
    pub owner: Option<UserId>,
    /// Name contains this (already through the search rule).
    pub query: Option<String>,
}

/// A row of a review, with what the previous review said of it.
#[derive(Debug, Clone, FromRow)]
pub struct Line {
    /// Account.
    pub account_id: AccountId,
    /// Its name when frozen.
    pub account_name: String,
    /// Owner when frozen.
    pub owner_id: Option<UserId>,
    /// Owner's name when frozen.
    pub owner_name: Option<String>,
    /// Score.
    pub score: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// Why key.
    pub reason: Reason,
    /// Rank.
    pub rank: Option<i32>,
    /// League.
    pub league: Option<League>,
    /// Projected league.
    pub projected_league: Option<League>,
    /// The meeting's decision.
    pub decision: Option<Decision>,
    /// The meeting's note.
    pub comment: String,
    /// Version (the row's form carries it).
    pub version: i32,
    /// How it changed since the previous review (none: unchanged, or no previous review).
    pub change: Option<Change>,
    /// Its owner in the previous review, when it was there.
    pub previous_owner_name: Option<String>,
}

/// `SELECT ... FROM ... WHERE` of a review's rows against `previous` (a left row comes from
/// the previous review, with this review's fields empty).
fn push_lines(
    q: &mut QueryBuilder<'_, Postgres>,
    id: ReviewId,
    previous: Option<ReviewId>,
    f: &RowFilter,
) {
    if f.change == Some(Change::Left) {
        q.push(
            "SELECT o.account_id, o.account_name, o.owner_id, o.owner_name, o.score, o.segment, o.reason,
                    o.rank, o.league, o.projected_league, NULL::text AS decision, '' AS comment, 0 AS version,
                    'left' AS change, o.owner_name AS previous_owner_name
               FROM key_list_review_rows o
              WHERE o.review_id = ",
        )
        .push_bind(previous)
        .push(" AND NOT EXISTS (SELECT 1 FROM key_list_review_rows n WHERE n.review_id = ")
        .push_bind(id)
        .push(" AND n.account_id = o.account_id)");
        push_narrowing(q, "o", f);
        return;
    }
    q.push(
        "SELECT c.account_id, c.account_name, c.owner_id, c.owner_name, c.score, c.segment, c.reason,
                c.rank, c.league, c.projected_league, c.decision, c.comment, c.version,
                CASE WHEN p.review_id IS NULL AND ",
    )
    .push_bind(previous)
    .push(
        "::uuid IS NOT NULL THEN 'entered'
                     WHEN p.owner_id IS DISTINCT FROM c.owner_id AND p.review_id IS NOT NULL THEN 'owner_changed'
                END AS change,
                p.owner_name AS previous_owner_name
           FROM key_list_review_rows c
           LEFT JOIN key_list_review_rows p ON p.review_id = ",
    )
    .push_bind(previous)
    .push(" AND p.account_id = c.account_id WHERE c.review_id = ")
    .push_bind(id);
    match f.change {
        Some(Change::Entered) => {
            q.push(" AND p.review_id IS NULL AND ")
                .push_bind(previous)
                .push("::uuid IS NOT NULL");
        }
        Some(Change::OwnerChanged) => {
            q.push(" AND p.review_id IS NOT NULL AND p.owner_id IS DISTINCT FROM c.owner_id");
        }
        _ => {}
    }
    match f.decision {
        Some(Some(d)) => {
            q.push(" AND c.decision = ").push_bind(d);
        }
        Some(None) => {
            q.push(" AND c.decision IS NULL");
        }
        None => {}
    }
    push_narrowing(q, "c", f);
}

fn push_narrowing(q: &mut QueryBuilder<'_, Postgres>, alias: &str, f: &RowFilter) {
    if let Some(owner) = f.owner {
        q.push(format!(" AND {alias}.owner_id = ")).push_bind(owner);
    }
    if let Some(query) = &f.query {
        q.push(format!(" AND {alias}.account_name ILIKE '%' || "))
            .push_bind(escape_like(query))
            .push(" || '%'");
    }
}

/// How many rows the filter leaves.
pub async fn count_lines(
    db: impl PgExecutor<'_>,
    id: ReviewId,
    previous: Option<ReviewId>,
    f: &RowFilter,
) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*) FROM (");
    push_lines(&mut q, id, previous, f);
    q.push(") x");
    q.build_query_scalar().fetch_one(db).await
}

/// One page of the filtered rows, in the list's order (rank, then account).
pub async fn lines(
    db: impl PgExecutor<'_>,
    id: ReviewId,
    previous: Option<ReviewId>,
    f: &RowFilter,
    (limit, offset): (i64, i64),
) -> sqlx::Result<Vec<Line>> {
    let mut q = QueryBuilder::new("SELECT * FROM (");
    push_lines(&mut q, id, previous, f);
    q.push(") x ORDER BY rank NULLS LAST, account_id LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    q.build_query_as().fetch_all(db).await
}

/// Rows per query of [`stream_lines`].
const CHUNK: i64 = 2_000;

/// Every row of a review for its export: this review's rows in the list's order, then the
/// rows that left the list since the previous review; read in chunks of [`CHUNK`] after the
/// last one sent, so that no more than one chunk is held in memory.
pub fn stream_lines(
    pool: PgPool,
    id: ReviewId,
    previous: Option<ReviewId>,
) -> impl Stream<Item = sqlx::Result<Line>> + Send + 'static {
    // (the previous review's rows that left, once this review's are done; the last row sent)
    type Cursor = (bool, Option<(i32, AccountId)>);
    let step = move |cursor: Option<Cursor>| {
        let pool = pool.clone();
        async move {
            let Some((left, after)) = cursor else {
                return Ok::<_, sqlx::Error>(None);
            };
            if left && previous.is_none() {
                return Ok(None);
            }
            let filter = RowFilter {
                change: left.then_some(Change::Left),
                ..RowFilter::default()
            };
            let mut q = QueryBuilder::new("SELECT * FROM (");
            push_lines(&mut q, id, previous, &filter);
            q.push(") x");
            if let Some((rank, account)) = after {
                // Snapshot rows are key clients: every one has a rank.
                q.push(" WHERE (coalesce(rank, 2147483647), account_id) > (")
                    .push_bind(rank)
                    .push(", ")
                    .push_bind(account)
                    .push(")");
            }
            q.push(" ORDER BY coalesce(rank, 2147483647), account_id LIMIT ")
                .push_bind(CHUNK);
            let rows: Vec<Line> = q.build_query_as().fetch_all(&pool).await?;
            let next = if (rows.len() as i64) < CHUNK {
                (!left).then_some((true, None))
            } else {
                let last = rows
                    .last()
                    .map(|r| (r.rank.unwrap_or(i32::MAX), r.account_id));
                Some((left, last))
            };
            Ok(Some((rows, next)))
        }
    };
    stream::try_unfold(Some((false, None)), step)
        .map_ok(|rows| stream::iter(rows.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// A row's decision as stored, locked for a change.
#[derive(Debug, Clone, FromRow)]
pub struct Decided {
    /// The decision.
    pub decision: Option<Decision>,
    /// The note.
    pub comment: String,
    /// Version.
    pub version: i32,
    /// The account's name when frozen.
    pub account_name: String,
}

/// A row of a review, locked for a change of its decision.
pub async fn lock_line(
    conn: &mut PgConnection,
    id: ReviewId,
    account: AccountId,
) -> sqlx::Result<Option<Decided>> {
    sqlx::query_as(
        "SELECT decision, comment, version, account_name FROM key_list_review_rows
          WHERE review_id = $1 AND account_id = $2 FOR UPDATE",
    )
    .bind(id)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// Records a row's decision and note; bumps its version.
pub async fn decide(
    conn: &mut PgConnection,
    id: ReviewId,
    account: AccountId,
    decision: Option<Decision>,
    comment: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE key_list_review_rows SET decision = $3, comment = $4, version = version + 1
          WHERE review_id = $1 AND account_id = $2",
    )
    .bind(id)
    .bind(account)
    .bind(decision)
    .bind(comment)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A frozen row as a writer of many decisions at once needs it: account, owner, rank.
#[derive(Debug, Clone, FromRow)]
pub struct Frozen {
    /// The client.
    pub account_id: AccountId,
    /// Its owner when frozen.
    pub owner_id: Option<UserId>,
    /// Its rank on the list.
    pub rank: Option<i32>,
}

/// Every frozen row of a review, in the list's order.
pub async fn frozen(db: impl PgExecutor<'_>, id: ReviewId) -> sqlx::Result<Vec<Frozen>> {
    sqlx::query_as(
        "SELECT account_id, owner_id, rank FROM key_list_review_rows
          WHERE review_id = $1 ORDER BY rank NULLS LAST, account_id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Records the decisions and notes of many rows in one statement (a meeting recorded
/// afterwards: the demo's past review); bumps their versions.
pub async fn decide_many(
    conn: &mut PgConnection,
    id: ReviewId,
    rows: &[(AccountId, Decision, String)],
) -> sqlx::Result<u64> {
    let accounts: Vec<uuid::Uuid> = rows.iter().map(|r| r.0.0).collect();
    let decisions: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    let comments: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    sqlx::query(
        "UPDATE key_list_review_rows r SET decision = d.decision, comment = d.comment,
                version = r.version + 1
           FROM unnest($2::uuid[], $3::text[], $4::text[]) AS d(account_id, decision, comment)
          WHERE r.review_id = $1 AND r.account_id = d.account_id",
    )
    .bind(id)
    .bind(accounts)
    .bind(decisions)
    .bind(comments)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
}

/// Sets each frozen row's owner to who owned the client on `on` (from the ownership history),
/// for a review recorded after its meeting (the demo's past one).
pub async fn owners_as_of(
    conn: &mut PgConnection,
    id: ReviewId,
    on: NaiveDate,
) -> sqlx::Result<u64> {
    sqlx::query(
        "UPDATE key_list_review_rows r SET owner_id = o.user_id, owner_name = o.name
           FROM (SELECT rr.account_id, t.user_id, u.name
                   FROM key_list_review_rows rr
                   LEFT JOIN account_team t ON t.account_id = rr.account_id AND t.team_role = 'owner'
                        AND t.started_on <= $2 AND (t.ended_on IS NULL OR t.ended_on > $2)
                   LEFT JOIN users u ON u.id = t.user_id
                  WHERE rr.review_id = $1) o
          WHERE r.review_id = $1 AND r.account_id = o.account_id
            AND r.owner_id IS DISTINCT FROM o.user_id",
    )
    .bind(id)
    .bind(on)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
}

/// The owners frozen in a review (the owner filter's choices), by name.
pub async fn owners(db: impl PgExecutor<'_>, id: ReviewId) -> sqlx::Result<Vec<Participant>> {
    sqlx::query_as(
        "SELECT DISTINCT owner_id AS id, owner_name AS name FROM key_list_review_rows
          WHERE review_id = $1 AND owner_id IS NOT NULL ORDER BY name, id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}
