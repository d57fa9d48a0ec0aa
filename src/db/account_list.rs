//! The accounts list: search, filters, sorting by each shown column, keyset pages, a cheap
//! total and the rows of an export, always within the reader's [`AccountScope`].
//!
//! **Pages by keyset.** A page is "the next [`PAGE_SIZE`] rows after this row's sort key"
//! ([`Page::After`]), not "skip N rows": each sort has an index whose columns are exactly its key
//! expressions ([`SortColumn`], the `account_list` migration), ending with the account id, so
//! page 1 and page 2,000 both read about one page of that index. Every sort key is NOT NULL
//! (coalesced), so that a row comparison `(k0, k1, id) > (…)` means what the order means.
//!
//! **Totals.** Counting 100,000 matching rows per request is what makes lists slow as a
//! company grows (and even counting up to a cap scans the base when a filter has no index);
//! [`total`] asks the planner's estimate first, counts exactly (up to [`EXACT_UP_TO`]) only when
//! that estimate is near or under the cap, and otherwise takes the estimate, which the page
//! labels as approximate.

use super::accounts::{OWNER_NAME_JOIN, escape_like};
use super::visibility::AccountScope;
use crate::domain::analysis::{Abc, Churn};
use crate::domain::duplicate;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::league::League;
use crate::domain::scoring::{Segment, Status};
use chrono::NaiveDate;
use futures_util::{Stream, TryStreamExt};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgExecutor, PgPool, Postgres, QueryBuilder};
use std::str::FromStr;

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// Up to this many matching rows the total is counted; above it, estimated.
pub const EXACT_UP_TO: i64 = 1_000;

/// Whose accounts: one owner's, or those without an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerFilter {
    /// Owned by this user now.
    User(UserId),
    /// Without a current owner.
    Nobody,
}

/// What the list shows: the reader's scope narrowed by the filters.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// The accounts the reader may see.
    pub scope: AccountScope,
    /// Words of a name in either script, the beginning of a tax id, or a city.
    pub search: Option<String>,
    /// Status.
    pub status: Option<Status>,
    /// Key or not.
    pub key: Option<bool>,
    /// Segment.
    pub segment: Option<Segment>,
    /// League.
    pub league: Option<League>,
    /// Owner.
    pub owner: Option<OwnerFilter>,
    /// ABC class.
    pub abc: Option<Abc>,
    /// Churn state (at risk, likely lost).
    pub churn: Option<Churn>,
}

impl ListFilter {
    /// Everything in `scope`.
    pub fn scoped(scope: AccountScope) -> ListFilter {
        ListFilter {
            scope,
            search: None,
            status: None,
            key: None,
            segment: None,
            league: None,
            owner: None,
            abc: None,
            churn: None,
        }
    }
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

impl Direction {
    /// The other direction.
    pub fn reversed(self) -> Direction {
        match self {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        }
    }

    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }

    /// From the URL value.
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "asc" => Some(Direction::Asc),
            "desc" => Some(Direction::Desc),
            _ => None,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        }
    }
}

/// The SQL type of a sort key (how a cursor value is read back and bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyType {
    Text,
    Int,
    Numeric,
    Bool,
    Date,
}

/// The columns the list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    /// Name, A to Z.
    Name,
    /// Owner's name (no owner first), then name.
    Owner,
    /// Key clients, then by score.
    Key,
    /// Gold, silver, bronze, then by score.
    Segment,
    /// Premier to qualifying, then by score.
    League,
    /// Score.
    Score,
    /// Date of the last order (days since it, the other way round).
    LastOrder,
    /// Dossier completeness (stored per account by the dossier's writers), then name.
    Completeness,
}

/// "Score or nothing": an unscored account sorts below every score (scores are 0 to 100).
const SCORE: &str = "coalesce(r.score, -1)";
const SEGMENT_RANK: &str =
    "(CASE r.segment WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 1 ELSE 0 END)";
const LEAGUE_RANK: &str = "(CASE r.league WHEN 'premier' THEN 5 WHEN 'first' THEN 4 WHEN 'second' THEN 3 \
     WHEN 'third' THEN 2 WHEN 'qualifying' THEN 1 ELSE 0 END)";

impl SortColumn {
    /// Every sort, in the order of the list's columns.
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Owner,
        SortColumn::Key,
        SortColumn::Segment,
        SortColumn::League,
        SortColumn::Score,
        SortColumn::Completeness,
        SortColumn::LastOrder,
    ];

    /// The URL value.
    pub fn as_str(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Owner => "owner",
            SortColumn::Key => "key",
            SortColumn::Segment => "segment",
            SortColumn::League => "league",
            SortColumn::Score => "score",
            SortColumn::LastOrder => "last_order",
            SortColumn::Completeness => "completeness",
        }
    }

    /// From the URL value.
    pub fn parse(s: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The direction of a first click: names A to Z, the best (key, gold, premier, highest
    /// score, latest order) first.
    pub fn default_direction(self) -> Direction {
        match self {
            SortColumn::Name | SortColumn::Owner => Direction::Asc,
            _ => Direction::Desc,
        }
    }

    /// The sort key expressions, each NOT NULL; each sort's index has exactly these columns
    /// followed by the [`tiebreak`](Self::tiebreak) (see the `account_list` migration).
    fn keys(self) -> &'static [(&'static str, KeyType)] {
        match self {
            SortColumn::Name => &[("lower(a.name)", KeyType::Text)],
            SortColumn::Owner => &[
                ("coalesce(lower(own_u.name), '')", KeyType::Text),
                ("lower(a.name)", KeyType::Text),
            ],
            SortColumn::Key => &[("r.is_key", KeyType::Bool), (SCORE, KeyType::Numeric)],
            SortColumn::Segment => &[(SEGMENT_RANK, KeyType::Int), (SCORE, KeyType::Numeric)],
            SortColumn::League => &[(LEAGUE_RANK, KeyType::Int), (SCORE, KeyType::Numeric)],
            SortColumn::Score => &[(SCORE, KeyType::Numeric)],
            SortColumn::LastOrder => {
                &[("coalesce(s.last_order, DATE '0001-01-01')", KeyType::Date)]
            }
            // The index `accounts_completeness_idx` (the dossier migration) is exactly this.
            SortColumn::Completeness => &[
                ("a.dossier_completeness", KeyType::Int),
                ("lower(a.name)", KeyType::Text),
            ],
        }
    }

    /// The id column that breaks ties: the one of the table whose index the sort walks.
    fn tiebreak(self) -> &'static str {
        match self {
            SortColumn::Key | SortColumn::Segment | SortColumn::League | SortColumn::Score => {
                "r.account_id"
            }
            _ => "a.id",
        }
    }
}

/// A sort: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// The direction.
    pub direction: Direction,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort {
            column: SortColumn::Name,
            direction: Direction::Asc,
        }
    }
}

/// Where a page starts: a row's sort key values and id, as text. Opaque to readers; it
/// travels in the URL (`after=`, `before=`) as a JSON array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    values: Vec<String>,
    id: AccountId,
}

impl Cursor {
    /// The URL form.
    pub fn encode(&self) -> String {
        let mut all = self.values.clone();
        all.push(self.id.to_string());
        serde_json::to_string(&all).unwrap_or_default()
    }

    /// Reads a cursor of `column`'s sort; None when it is not one (a hand-edited URL starts
    /// again at the first page).
    pub fn decode(raw: &str, column: SortColumn) -> Option<Cursor> {
        let mut all: Vec<String> = serde_json::from_str(raw).ok()?;
        let id = all.pop()?.parse::<AccountId>().ok()?;
        let keys = column.keys();
        if all.len() != keys.len() {
            return None;
        }
        for (value, (_, ty)) in all.iter().zip(keys) {
            let ok = match ty {
                KeyType::Text => true,
                KeyType::Int => value.parse::<i32>().is_ok(),
                KeyType::Numeric => Decimal::from_str(value).is_ok(),
                KeyType::Bool => value == "true" || value == "false",
                KeyType::Date => NaiveDate::from_str(value).is_ok(),
            };
            if !ok {
                return None;
            }
        }
        Some(Cursor { values: all, id })
    }

    fn of(row: &ListRow) -> Cursor {
        Cursor {
            values: [&row.k0, &row.k1].into_iter().flatten().cloned().collect(),
            id: row.id,
        }
    }
}

/// Which page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The first.
    First,
    /// The one after the row of this cursor.
    After(Cursor),
    /// The one before the row of this cursor.
    Before(Cursor),
}

/// A row of the list.
#[derive(Debug, Clone, FromRow)]
pub struct ListRow {
    /// Account.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Status.
    pub status: Status,
    /// Tax id digits.
    pub tax_id: Option<String>,
    /// Current owner's name.
    pub owner_name: Option<String>,
    /// On the key list.
    pub is_key: bool,
    /// Score (None outside the client base, or before the first recompute).
    pub score: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// League.
    pub league: Option<League>,
    /// ABC class.
    pub abc: Option<Abc>,
    /// Churn state.
    pub churn: Churn,
    /// Last order, from the stored order statistics.
    pub last_order: Option<NaiveDate>,
    /// Dossier completeness, percent.
    pub completeness: i16,
    /// The sort key values as text (the cursor).
    k0: Option<String>,
    k1: Option<String>,
}

/// One page of the list.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The rows, in order.
    pub rows: Vec<ListRow>,
    /// Where the previous page ends, if there is one.
    pub previous: Option<Cursor>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

/// The list's rows before `ORDER BY`, with the sort keys of `column` as `k0`, `k1`.
fn select(f: &ListFilter, column: SortColumn) -> QueryBuilder<'static, Postgres> {
    let keys = column.keys();
    let key_columns: String = (0..2)
        .map(|i| match keys.get(i) {
            Some((expr, _)) => format!(", ({expr})::text AS k{i}"),
            None => format!(", NULL::text AS k{i}"),
        })
        .collect();
    let mut q = QueryBuilder::new(format!(
        "SELECT a.id, a.name, a.status, a.tax_id, own_u.name AS owner_name, r.is_key, r.score,
                r.segment, r.league, r.abc, r.churn, s.last_order,
                a.dossier_completeness AS completeness{key_columns}
           FROM accounts a
           JOIN scoring_results r ON r.account_id = a.id
           LEFT JOIN account_order_stats s ON s.account_id = a.id
           {OWNER_NAME_JOIN}
          WHERE "
    ));
    push_filters(&mut q, f);
    q
}

/// `<visible> AND <filters>` over `a` (accounts), `r` (results) and `own_t` (owner stint).
fn push_filters(q: &mut QueryBuilder<'static, Postgres>, f: &ListFilter) {
    f.scope.push_visible(q, "a.id");
    if let Some(search) = &f.search {
        push_search(q, search);
    }
    if let Some(status) = f.status {
        q.push(" AND a.status = ").push_bind(status);
    }
    if let Some(key) = f.key {
        q.push(" AND r.is_key = ").push_bind(key);
    }
    if let Some(segment) = f.segment {
        q.push(" AND r.segment = ").push_bind(segment);
    }
    if let Some(league) = f.league {
        q.push(" AND r.league = ").push_bind(league);
    }
    if let Some(abc) = f.abc {
        q.push(" AND r.abc = ").push_bind(abc);
    }
    if let Some(churn) = f.churn {
        q.push(" AND r.churn = ").push_bind(churn);
    }
    match f.owner {
        Some(OwnerFilter::User(user)) => {
            q.push(" AND own_t.user_id = ").push_bind(user);
        }
        Some(OwnerFilter::Nobody) => {
            q.push(" AND own_t.id IS NULL");
        }
        None => {}
    }
}

/// The search: the folded name contains the folded words, or the tax id begins with the
/// digits, or a current location's city contains the text. Written as one set of ids from
/// three index lookups (trigram, prefix, trigram), so that a rare word reads a few rows.
fn push_search(q: &mut QueryBuilder<'static, Postgres>, search: &str) {
    let key = duplicate::search_key(search);
    let digits: String = search
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '/'))
        .collect();
    let digits =
        (digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits);
    q.push(" AND a.id IN (SELECT l.account_id FROM account_locations l WHERE l.kind = 'current' AND l.city ILIKE ")
        .push_bind(format!("%{}%", escape_like(search)));
    if !key.is_empty() {
        q.push(" UNION ALL SELECT n.id FROM accounts n WHERE n.search_key LIKE ")
            .push_bind(format!("%{}%", escape_like(&key)));
    }
    if let Some(digits) = digits {
        q.push(" UNION ALL SELECT t.id FROM accounts t WHERE t.tax_id LIKE ")
            .push_bind(format!("{digits}%"));
    }
    q.push(")");
}

/// Appends `AND (keys…, id) >/< (cursor)` and `ORDER BY keys…, id` in `direction`.
fn push_order(
    q: &mut QueryBuilder<'static, Postgres>,
    column: SortColumn,
    direction: Direction,
    cursor: Option<&Cursor>,
) {
    let keys = column.keys();
    let exprs: Vec<&str> = keys.iter().map(|(e, _)| *e).collect();
    if let Some(c) = cursor {
        q.push(format!(
            " AND ({}, {}) ",
            exprs.join(", "),
            column.tiebreak()
        ));
        q.push(match direction {
            Direction::Asc => "> (",
            Direction::Desc => "< (",
        });
        for (value, (_, ty)) in c.values.iter().zip(keys) {
            // Decode checked every value; a value that still fails binds as text and the
            // query fails loudly rather than listing the wrong rows.
            match ty {
                KeyType::Text => q.push_bind(value.clone()),
                KeyType::Int => q.push_bind(value.parse::<i32>().unwrap_or_default()),
                KeyType::Numeric => q.push_bind(Decimal::from_str(value).unwrap_or_default()),
                KeyType::Bool => q.push_bind(value == "true"),
                KeyType::Date => q.push_bind(NaiveDate::from_str(value).unwrap_or_default()),
            };
            q.push(", ");
        }
        q.push_bind(c.id).push(")");
    }
    let dir = direction.sql();
    let order: Vec<String> = exprs.iter().map(|e| format!("{e} {dir}")).collect();
    q.push(format!(
        " ORDER BY {}, {} {dir}",
        order.join(", "),
        column.tiebreak()
    ));
}

/// One page of the list.
pub async fn page(
    db: impl PgExecutor<'_>,
    f: &ListFilter,
    sort: Sort,
    page: &Page,
) -> sqlx::Result<Listing> {
    let (direction, cursor, backwards) = match page {
        Page::First => (sort.direction, None, false),
        Page::After(c) => (sort.direction, Some(c), false),
        Page::Before(c) => (sort.direction.reversed(), Some(c), true),
    };
    let mut q = select(f, sort.column);
    push_order(&mut q, sort.column, direction, cursor);
    q.push(" LIMIT ").push_bind(PAGE_SIZE + 1);
    let mut rows: Vec<ListRow> = q.build_query_as().fetch_all(db).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    if backwards {
        rows.reverse();
    }
    let (has_previous, has_next) = if backwards {
        (more, true)
    } else {
        (cursor.is_some(), more)
    };
    Ok(Listing {
        previous: rows.first().filter(|_| has_previous).map(Cursor::of),
        next: rows.last().filter(|_| has_next).map(Cursor::of),
        rows,
    })
}

/// The first `limit` rows of the list by name (a picker's suggestions, such as the order
/// form's client field; orders' own section).
pub async fn first_by_name(
    db: impl PgExecutor<'_>,
    f: &ListFilter,
    limit: i64,
) -> sqlx::Result<Vec<ListRow>> {
    let sort = Sort::default();
    let mut q = select(f, sort.column);
    push_order(&mut q, sort.column, sort.direction, None);
    q.push(" LIMIT ").push_bind(limit);
    q.build_query_as().fetch_all(db).await
}

/// Rows per query of [`stream`].
const CHUNK: i64 = 2_000;

/// Every row of the list in order, for an export: read in chunks of [`CHUNK`] rows after the
/// last one sent (the same keyset as the pages), inside one read-only repeatable-read
/// transaction, so that a recompute committing meanwhile neither duplicates nor drops a row,
/// and no more than one chunk is held in memory.
pub fn stream(
    pool: PgPool,
    filter: ListFilter,
    sort: Sort,
) -> impl Stream<Item = sqlx::Result<ListRow>> + Send + 'static {
    enum State {
        Start,
        Reading(sqlx::Transaction<'static, Postgres>, Option<Cursor>),
        Done,
    }
    let step = move |state: State| {
        let filter = filter.clone();
        let pool = pool.clone();
        async move {
            let (mut tx, after) = match state {
                State::Done => return Ok::<_, sqlx::Error>(None),
                State::Start => {
                    let mut tx = super::begin_detached(&pool).await?;
                    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                        .execute(&mut *tx)
                        .await?;
                    (tx, None)
                }
                State::Reading(tx, after) => (tx, after),
            };
            let mut q = select(&filter, sort.column);
            push_order(&mut q, sort.column, sort.direction, after.as_ref());
            q.push(" LIMIT ").push_bind(CHUNK);
            let rows: Vec<ListRow> = q.build_query_as().fetch_all(&mut *tx).await?;
            let next = if rows.len() < CHUNK as usize {
                tx.commit().await?;
                State::Done
            } else {
                let last = rows.last().map(Cursor::of);
                State::Reading(tx, last)
            };
            Ok(if rows.is_empty() {
                None
            } else {
                Some((rows, next))
            })
        }
    };
    futures_util::stream::try_unfold(State::Start, step)
        .map_ok(|rows| futures_util::stream::iter(rows.into_iter().map(Ok)))
        .try_flatten()
}

/// How many rows the list has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// Counted.
    Exact(i64),
    /// More than [`EXACT_UP_TO`]: the planner's estimate (at least `EXACT_UP_TO + 1`).
    About(i64),
}

/// Above this many estimated rows the total is not counted at all: the estimate is taken. An
/// estimate is often off by a few tens of percent, so "near the cap" (up to one and a half
/// times it) is still counted, and a count that finds more than the cap falls back to it.
pub const COUNT_UP_TO_ESTIMATE: i64 = EXACT_UP_TO * 3 / 2;

impl Total {
    /// Whether a list the planner estimates at `estimate` rows is worth counting: only when the
    /// estimate is near or under [`EXACT_UP_TO`]. Counting (even up to the cap) scans the base
    /// when a filter has no index, so a list clearly above the cap is not counted.
    pub fn worth_counting(estimate: i64) -> bool {
        estimate <= COUNT_UP_TO_ESTIMATE
    }

    /// The total from the planner's `estimate` and, when [`Total::worth_counting`] said so,
    /// the count capped at `EXACT_UP_TO + 1`: exact when the count stayed within the cap,
    /// otherwise the estimate, labelled approximate.
    pub fn decide(estimate: i64, capped_count: Option<i64>) -> Total {
        match capped_count {
            Some(n) if n <= EXACT_UP_TO => Total::Exact(n),
            _ => Total::About(estimate.max(EXACT_UP_TO + 1)),
        }
    }
}

/// The total: the planner's estimate first (an `EXPLAIN`, about a millisecond); counted only
/// when that estimate is near or under [`EXACT_UP_TO`], and then only up to `EXACT_UP_TO + 1`
/// rows ([`Total::decide`]). The owner stint is joined only for an owner filter (at most one
/// current owner per account, so it never changes the count).
pub async fn total(db: &PgPool, f: &ListFilter) -> sqlx::Result<Total> {
    let owner_join = if f.owner.is_some() {
        OWNER_NAME_JOIN
    } else {
        ""
    };
    let from = format!(
        "SELECT 1 FROM accounts a JOIN scoring_results r ON r.account_id = a.id {owner_join} WHERE "
    );
    let mut q = QueryBuilder::new(format!("EXPLAIN {from}"));
    push_filters(&mut q, f);
    let plan: Vec<String> = q.build_query_scalar().fetch_all(db).await?;
    let estimate = plan
        .first()
        .and_then(|line| line.split("rows=").nth(1))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(0);
    let counted = if Total::worth_counting(estimate) {
        let mut q = QueryBuilder::new(format!("SELECT count(*) FROM ({from}"));
        push_filters(&mut q, f);
        q.push(" LIMIT ").push_bind(EXACT_UP_TO + 1).push(") x");
        Some(q.build_query_scalar().fetch_one(db).await?)
    } else {
        None
    };
    Ok(Total::decide(estimate, counted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_the_url_and_a_forged_one_is_refused() {
        let c = Cursor {
            values: vec!["ромашка \"1\"".into()],
            id: AccountId::new(),
        };
        assert_eq!(
            Cursor::decode(&c.encode(), SortColumn::Name),
            Some(c.clone())
        );
        // Another sort's cursor, a wrong type, garbage.
        assert_eq!(Cursor::decode(&c.encode(), SortColumn::Segment), None);
        let score = Cursor {
            values: vec!["abc".into()],
            id: AccountId::new(),
        };
        assert_eq!(Cursor::decode(&score.encode(), SortColumn::Score), None);
        assert_eq!(Cursor::decode("[1,2", SortColumn::Name), None);
        assert_eq!(Cursor::decode("[]", SortColumn::Name), None);
    }

    #[test]
    fn a_total_is_counted_only_when_the_estimate_is_near_the_cap() {
        // A small list: counted, exact, whatever the estimate said.
        assert!(Total::worth_counting(40));
        assert_eq!(Total::decide(40, Some(37)), Total::Exact(37));
        assert_eq!(Total::decide(1_400, Some(900)), Total::Exact(900));
        assert_eq!(Total::decide(0, Some(0)), Total::Exact(0));
        // Near the cap: counted; more than the cap found, so the estimate, at least the cap.
        assert!(Total::worth_counting(1_500));
        assert_eq!(Total::decide(1_200, Some(1_001)), Total::About(1_200));
        assert_eq!(Total::decide(300, Some(1_001)), Total::About(1_001));
        // Clearly above: not counted, the estimate, labelled approximate.
        assert!(!Total::worth_counting(1_501));
        assert!(!Total::worth_counting(90_000));
        assert_eq!(Total::decide(1_889, None), Total::About(1_889));
        assert_eq!(Total::decide(90_000, None), Total::About(90_000));
    }

    #[test]
    fn every_sort_has_a_url_name_and_keys() {
        for c in SortColumn::ALL {
            assert_eq!(SortColumn::parse(c.as_str()), Some(c));
            assert!(!c.keys().is_empty() && c.keys().len() <= 2);
        }
    }

    #[test]
    fn a_page_after_a_cursor_compares_the_whole_key_with_the_id() {
        let mut q = QueryBuilder::new("SELECT 1 WHERE TRUE");
        let c = Cursor {
            values: vec!["3".into(), "50.00".into()],
            id: AccountId::new(),
        };
        push_order(&mut q, SortColumn::Segment, Direction::Desc, Some(&c));
        let sql = q.sql();
        assert!(
            sql.contains(", coalesce(r.score, -1), r.account_id) < ($1, $2, $3)"),
            "{sql}"
        );
        assert!(
            sql.ends_with("coalesce(r.score, -1) DESC, r.account_id DESC"),
            "{sql}"
        );
    }
}
