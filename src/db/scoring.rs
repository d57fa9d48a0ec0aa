//! Scoring data: the settings and their history, the snapshot the pure scoring module reads,
//! the stored results, and the request/computed sequence that keeps them fresh.

use super::accounts::OWNER_NAME_JOIN;
use super::visibility::AccountScope;
use crate::domain::analysis::{Abc, Churn, OrderStats, Xyz};
use crate::domain::geo::LocationKind;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::league::League;
use crate::domain::scoring::{DecisionMaking, Location, Pin, Reason, Segment, Settings, Status};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use std::collections::HashMap;

/// The stored settings row: the domain settings plus what only the application needs.
#[derive(Debug, Clone)]
pub struct StoredSettings {
    /// Row id: the settings version results refer to.
    pub id: i64,
    /// The contract's settings.
    pub settings: Settings,
    /// Forecast years that count towards potential, starting with the reference year.
    pub horizon_years: i32,
    /// Who saved them.
    pub created_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The director's note on the change.
    pub note: String,
}

#[derive(FromRow)]
struct SettingsDbRow {
    id: i64,
    cap_pct: i32,
    weight_potential: Decimal,
    gold_min: Decimal,
    silver_min: Decimal,
    abc_a_pct: Decimal,
    abc_b_pct: Decimal,
    xyz_x_cv: Decimal,
    xyz_y_cv: Decimal,
    at_risk_days: i32,
    lost_days: i32,
    breadwinner_pct: Decimal,
    horizon_years: i32,
    note: String,
    created_by_name: Option<String>,
    created_at: DateTime<Utc>,
}

impl From<SettingsDbRow> for StoredSettings {
    fn from(r: SettingsDbRow) -> Self {
        StoredSettings {
            id: r.id,
            settings: Settings {
                cap_pct: r.cap_pct.max(0) as u32,
                weight_potential: r.weight_potential,
                gold_min: r.gold_min,
                silver_min: r.silver_min,
                abc_a_pct: r.abc_a_pct,
                abc_b_pct: r.abc_b_pct,
                xyz_x_cv: r.xyz_x_cv,
                xyz_y_cv: r.xyz_y_cv,
                at_risk_days: r.at_risk_days.max(0) as u32,
                lost_days: r.lost_days.max(0) as u32,
                breadwinner_pct: r.breadwinner_pct,
            },
            horizon_years: r.horizon_years,
            created_by_name: r.created_by_name,
            created_at: r.created_at,
            note: r.note,
        }
    }
}

const SETTINGS_SELECT: &str =
    "SELECT s.id, s.cap_pct, s.weight_potential, s.gold_min, s.silver_min, s.abc_a_pct,
        s.abc_b_pct, s.xyz_x_cv, s.xyz_y_cv, s.at_risk_days, s.lost_days, s.breadwinner_pct,
        s.horizon_years, s.note, u.name AS created_by_name, s.created_at
   FROM scoring_settings s LEFT JOIN users u ON u.id = s.created_by";

/// The settings in force (the newest row).
pub async fn current_settings(db: impl PgExecutor<'_>) -> sqlx::Result<StoredSettings> {
    sqlx::query_as::<_, SettingsDbRow>(&format!("{SETTINGS_SELECT} ORDER BY s.id DESC LIMIT 1"))
        .fetch_one(db)
        .await
        .map(Into::into)
}

/// Every settings version, newest first.
pub async fn settings_history(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<StoredSettings>> {
    sqlx::query_as::<_, SettingsDbRow>(&format!("{SETTINGS_SELECT} ORDER BY s.id DESC"))
        .fetch_all(db)
        .await
        .map(|rows| rows.into_iter().map(Into::into).collect())
}

/// Saves a new settings version (the previous ones stay as history).
pub async fn insert_settings(
    db: impl PgExecutor<'_>,
    s: &Settings,
    horizon_years: i32,
    note: &str,
    by: UserId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO scoring_settings (cap_pct, weight_potential, gold_min, silver_min, abc_a_pct, abc_b_pct,
                xyz_x_cv, xyz_y_cv, at_risk_days, lost_days, breadwinner_pct, horizon_years, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(s.cap_pct as i32)
    .bind(s.weight_potential)
    .bind(s.gold_min)
    .bind(s.silver_min)
    .bind(s.abc_a_pct)
    .bind(s.abc_b_pct)
    .bind(s.xyz_x_cv)
    .bind(s.xyz_y_cv)
    .bind(s.at_risk_days as i32)
    .bind(s.lost_days as i32)
    .bind(s.breadwinner_pct)
    .bind(horizon_years)
    .bind(note)
    .bind(by)
    .fetch_one(db)
    .await
}

/// One account as the scoring module needs it.
#[derive(Debug, Clone)]
pub struct SnapshotAccount {
    /// Identifier.
    pub id: AccountId,
    /// Status.
    pub status: Status,
    /// Average yearly potential revenue over the horizon's forecast years.
    pub potential: Decimal,
    /// 0..5.
    pub strategic_importance: i16,
    /// The director's pin.
    pub pin: Pin,
    /// Decision making.
    pub decision_making: DecisionMaking,
    /// Planned decision making.
    pub planned_decision_making: Option<DecisionMaking>,
    /// Current footprint.
    pub locations: Vec<Location>,
    /// Planned footprint.
    pub planned_locations: Vec<Location>,
    /// Orders in the analysis window.
    pub orders: OrderStats,
}

#[derive(FromRow)]
struct AccountSnapRow {
    id: AccountId,
    status: Status,
    strategic_importance: i16,
    pin: Pin,
    decision_making: DecisionMaking,
    planned_decision_making: Option<DecisionMaking>,
    created_on: NaiveDate,
}

/// The order statistics of the accounts whose orders changed (or of every account when the
/// stored window is not `window_start`), from `orders`; returns how many accounts were
/// refreshed. Run in its own transaction under the recompute lock.
pub async fn refresh_order_stats(
    conn: &mut PgConnection,
    window_start: NaiveDate,
    window_end: NaiveDate,
) -> sqlx::Result<u64> {
    let stored: Option<NaiveDate> =
        sqlx::query_scalar("SELECT order_stats_window FROM scoring_state")
            .fetch_one(&mut *conn)
            .await?;
    // The twelve monthly sums as one array; a month index per order is computed once.
    let months: Vec<String> = (0..12)
        .map(|i| format!("(COALESCE(sum(amount) FILTER (WHERE idx = {i}), 0) * 100)::bigint"))
        .collect();
    let aggregate = format!(
        "SELECT account_id, ARRAY[{}], COALESCE(sum(margin) FILTER (WHERE idx IS NOT NULL), 0),
                max(ordered_on)
           FROM (SELECT account_id, amount, margin, ordered_on,
                        CASE WHEN ordered_on >= $1 THEN
                            (extract(year FROM ordered_on)::int - extract(year FROM $1::date)::int) * 12
                            + extract(month FROM ordered_on)::int - extract(month FROM $1::date)::int END AS idx
                   FROM orders
                  WHERE status <> 'cancelled' AND ordered_on <= $2 AND ($3::uuid[] IS NULL OR account_id = ANY($3))) o
          GROUP BY account_id",
        months.join(", ")
    );
    if stored != Some(window_start) {
        sqlx::query("DELETE FROM order_stats_dirty")
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM account_order_stats")
            .execute(&mut *conn)
            .await?;
        let n = sqlx::query(&format!(
            "INSERT INTO account_order_stats (account_id, monthly, margin, last_order) {aggregate}"
        ))
        .bind(window_start)
        .bind(window_end)
        .bind(None::<Vec<uuid::Uuid>>)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        sqlx::query("UPDATE scoring_state SET order_stats_window = $1")
            .bind(window_start)
            .execute(&mut *conn)
            .await?;
        return Ok(n);
    }
    let dirty: Vec<uuid::Uuid> =
        sqlx::query_scalar("DELETE FROM order_stats_dirty RETURNING account_id")
            .fetch_all(&mut *conn)
            .await?;
    if dirty.is_empty() {
        return Ok(0);
    }
    sqlx::query("DELETE FROM account_order_stats WHERE account_id = ANY($1)")
        .bind(&dirty)
        .execute(&mut *conn)
        .await?;
    // Accounts deleted since (their orders went with them) simply produce no row.
    sqlx::query(&format!(
        "INSERT INTO account_order_stats (account_id, monthly, margin, last_order)
         SELECT s.* FROM ({aggregate}) s JOIN accounts a ON a.id = s.account_id"
    ))
    .bind(window_start)
    .bind(window_end)
    .bind(&dirty)
    .execute(&mut *conn)
    .await?;
    Ok(dirty.len() as u64)
}

/// Reads the whole snapshot: accounts, potential over the horizon, footprints and the stored
/// order statistics. Four set-based queries run in parallel on separate connections;
/// each sees everything committed before it started, which is all a recompute needs (a commit
/// after the start requests another recompute).
pub async fn load_snapshot(
    pool: &PgPool,
    first_year: i32,
    horizon_years: i32,
) -> sqlx::Result<Vec<SnapshotAccount>> {
    let accounts = sqlx::query_as::<_, AccountSnapRow>(
        "SELECT id, status, strategic_importance, pin, decision_making, planned_decision_making,
                created_at::date AS created_on
           FROM accounts",
    )
    .fetch_all(pool);
    let potentials = sqlx::query_as::<_, (AccountId, Decimal)>(
        "SELECT account_id, avg(revenue)::numeric(18,2) FROM potential_forecasts
          WHERE year BETWEEN $1 AND $2 GROUP BY account_id",
    )
    .bind(first_year)
    .bind(first_year + horizon_years - 1)
    .fetch_all(pool);
    let locations = sqlx::query_as::<_, (AccountId, String, String, String, LocationKind)>(
        "SELECT account_id, continent, country, region, kind FROM account_locations",
    )
    .fetch_all(pool);
    let stats = sqlx::query_as::<_, (AccountId, Vec<i64>, Decimal, Option<NaiveDate>)>(
        "SELECT account_id, monthly, margin, last_order FROM account_order_stats",
    )
    .fetch_all(pool);
    let (accounts, potentials, locations, stats) =
        tokio::try_join!(accounts, potentials, locations, stats)?;

    let mut index: HashMap<AccountId, usize> = HashMap::with_capacity(accounts.len());
    let mut out: Vec<SnapshotAccount> = Vec::with_capacity(accounts.len());
    for (i, a) in accounts.into_iter().enumerate() {
        index.insert(a.id, i);
        out.push(SnapshotAccount {
            id: a.id,
            status: a.status,
            potential: Decimal::ZERO,
            strategic_importance: a.strategic_importance,
            pin: a.pin,
            decision_making: a.decision_making,
            planned_decision_making: a.planned_decision_making,
            locations: Vec::new(),
            planned_locations: Vec::new(),
            orders: OrderStats {
                monthly_revenue: [Decimal::ZERO; 12],
                margin: Decimal::ZERO,
                last_order: None,
                created: a.created_on,
            },
        });
    }
    for (id, potential) in potentials {
        if let Some(&i) = index.get(&id) {
            out[i].potential = potential;
        }
    }
    for (id, continent, country, region, kind) in locations {
        if let Some(&i) = index.get(&id) {
            let loc = Location::new(continent, country, region);
            if kind == LocationKind::Planned {
                out[i].planned_locations.push(loc);
            } else {
                out[i].locations.push(loc);
            }
        }
    }
    for (id, monthly, margin, last_order) in stats {
        if let Some(&i) = index.get(&id) {
            let o = &mut out[i].orders;
            for (slot, cents) in o.monthly_revenue.iter_mut().zip(monthly) {
                *slot = Decimal::new(cents, 2);
            }
            o.margin = margin;
            o.last_order = last_order;
        }
    }
    Ok(out)
}

/// A computed result of one account, ready to store.
#[derive(Debug, Clone)]
pub struct NewResult {
    /// Account.
    pub account_id: AccountId,
    /// Potential used (2 decimals).
    pub potential: Decimal,
    /// Score.
    pub score: Option<Decimal>,
    /// P (4 decimals).
    pub p: Option<Decimal>,
    /// S.
    pub s: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// Key?
    pub is_key: bool,
    /// Why key or not.
    pub reason: Reason,
    /// Rank.
    pub rank: Option<i32>,
    /// League.
    pub league: Option<League>,
    /// Projected league.
    pub projected_league: Option<League>,
    /// ABC class.
    pub abc: Option<Abc>,
    /// XYZ class.
    pub xyz: Option<Xyz>,
    /// Churn flag.
    pub churn: Churn,
    /// Breadwinner.
    pub breadwinner: bool,
    /// Prospective.
    pub prospective: bool,
}

/// A stored result, for comparison with a new one.
#[derive(Debug, Clone, FromRow)]
pub struct StoredRow {
    account_id: AccountId,
    potential: Decimal,
    score: Option<Decimal>,
    p: Option<Decimal>,
    s: Option<Decimal>,
    segment: Option<Segment>,
    is_key: bool,
    reason: Reason,
    rank: Option<i32>,
    league: Option<League>,
    projected_league: Option<League>,
    abc: Option<Abc>,
    xyz: Option<Xyz>,
    churn: Churn,
    breadwinner: bool,
    prospective: bool,
}

impl From<&NewResult> for StoredRow {
    fn from(r: &NewResult) -> StoredRow {
        StoredRow {
            account_id: r.account_id,
            potential: r.potential,
            score: r.score,
            p: r.p,
            s: r.s,
            segment: r.segment,
            is_key: r.is_key,
            reason: r.reason,
            rank: r.rank,
            league: r.league,
            projected_league: r.projected_league,
            abc: r.abc,
            xyz: r.xyz,
            churn: r.churn,
            breadwinner: r.breadwinner,
            prospective: r.prospective,
        }
    }
}

impl NewResult {
    /// Whether storing this would change nothing (decimals compare by value).
    fn same_as(&self, r: &StoredRow) -> bool {
        self.potential == r.potential
            && self.score == r.score
            && self.p == r.p
            && self.s == r.s
            && self.segment == r.segment
            && self.is_key == r.is_key
            && self.reason == r.reason
            && self.rank == r.rank
            && self.league == r.league
            && self.projected_league == r.projected_league
            && self.abc == r.abc
            && self.xyz == r.xyz
            && self.churn == r.churn
            && self.breadwinner == r.breadwinner
            && self.prospective == r.prospective
    }

    /// One CSV line for COPY (our values contain no commas or quotes; NULL is empty).
    fn csv_line(&self, out: &mut String) {
        use std::fmt::Write;
        fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
            v.as_ref().map(|x| x.to_string()).unwrap_or_default()
        }
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            self.account_id,
            self.potential,
            opt(&self.score),
            opt(&self.p),
            opt(&self.s),
            opt(&self.segment),
            self.is_key,
            self.reason,
            opt(&self.rank),
            opt(&self.league),
            opt(&self.projected_league),
            opt(&self.abc),
            opt(&self.xyz),
            self.churn,
            self.breadwinner,
            self.prospective
        );
    }
}

/// Every stored result by account (read beside the snapshot, to write back only changes).
pub async fn stored_results(pool: &PgPool) -> sqlx::Result<HashMap<AccountId, StoredRow>> {
    let rows: Vec<StoredRow> = sqlx::query_as(
        "SELECT account_id, potential, score, p, s, segment, is_key, reason, rank, league, projected_league,
                abc, xyz, churn, breadwinner, prospective FROM scoring_results",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.account_id, r)).collect())
}

const RESULT_COLUMNS: &str = "account_id, potential, score, p, s, segment, is_key, reason, rank, league, \
                              projected_league, abc, xyz, churn, breadwinner, prospective, computed_at";

/// Writes the results that differ from what is stored; returns how many rows were written.
/// A few changes are upserted; when many rows change (a new weight moves every score) the
/// table is rewritten with COPY, which is several times faster than as many upserts. Readers
/// see the old list until the transaction commits.
pub async fn write_results(
    conn: &mut PgConnection,
    results: &[NewResult],
    stored: &HashMap<AccountId, StoredRow>,
) -> sqlx::Result<u64> {
    let changed: Vec<&NewResult> = results
        .iter()
        .filter(|r| stored.get(&r.account_id).is_none_or(|s| !r.same_as(s)))
        .collect();
    if changed.is_empty() {
        return Ok(0);
    }
    let mut csv = String::new();
    let bulk = changed.len() * 5 > results.len().max(1);
    if bulk {
        sqlx::query("DELETE FROM scoring_results")
            .execute(&mut *conn)
            .await?;
        for r in results {
            r.csv_line(&mut csv);
        }
        copy_results(conn, "scoring_results", &csv).await?;
        return Ok(results.len() as u64);
    }
    for r in &changed {
        r.csv_line(&mut csv);
    }
    sqlx::query("CREATE TEMP TABLE scoring_changes (LIKE scoring_results INCLUDING DEFAULTS) ON COMMIT DROP")
        .execute(&mut *conn)
        .await?;
    copy_results(conn, "scoring_changes", &csv).await?;
    sqlx::query(&format!(
        "INSERT INTO scoring_results ({RESULT_COLUMNS}) SELECT {RESULT_COLUMNS} FROM scoring_changes
         ON CONFLICT (account_id) DO UPDATE SET
            potential = EXCLUDED.potential, score = EXCLUDED.score, p = EXCLUDED.p, s = EXCLUDED.s,
            segment = EXCLUDED.segment, is_key = EXCLUDED.is_key, reason = EXCLUDED.reason, rank = EXCLUDED.rank,
            league = EXCLUDED.league, projected_league = EXCLUDED.projected_league, abc = EXCLUDED.abc,
            xyz = EXCLUDED.xyz, churn = EXCLUDED.churn, breadwinner = EXCLUDED.breadwinner,
            prospective = EXCLUDED.prospective, computed_at = EXCLUDED.computed_at"
    ))
    .execute(&mut *conn)
    .await?;
    Ok(changed.len() as u64)
}

async fn copy_results(conn: &mut PgConnection, table: &str, csv: &str) -> sqlx::Result<()> {
    // computed_at takes its default (now()) by being left out of the column list.
    let columns = RESULT_COLUMNS.trim_end_matches(", computed_at");
    let mut copy = conn
        .copy_in_raw(&format!("COPY {table} ({columns}) FROM STDIN (FORMAT csv)"))
        .await?;
    copy.send(csv.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// Takes the recompute lock for this connection's session if no other instance holds it. A
/// session lock (not a transaction lock) because a recompute spans several transactions and
/// reads on other connections; it is released by [`unlock`] or when the connection closes.
pub async fn try_lock(conn: &mut PgConnection) -> sqlx::Result<bool> {
    // An arbitrary constant naming "the key-list recompute" among advisory locks.
    sqlx::query_scalar("SELECT pg_try_advisory_lock(7214820011)")
        .fetch_one(conn)
        .await
}

/// Releases the recompute lock.
pub async fn unlock(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_unlock(7214820011)")
        .execute(conn)
        .await
        .map(|_| ())
}

/// The whole-list figures stored beside the results.
#[derive(Debug, Clone)]
pub struct OutcomeFigures {
    /// Client base size.
    pub n: i32,
    /// Key places.
    pub cap: i32,
    /// Key clients.
    pub key_count: i32,
    /// Lowest key_by_score score.
    pub cut_line: Option<Decimal>,
    /// Largest potential in the base.
    pub max_potential: Decimal,
    /// Active clients flagged as churn risks (a prospect has never bought, so "no orders for a
    /// while" says nothing about it leaving).
    pub at_risk: i32,
    /// The cockpit's figures about the whole base.
    pub base: crate::domain::cockpit::BaseFigures,
    /// The base's revenue in the analysis window (the ABC total, see `abc_standing`).
    pub abc_total: Decimal,
}

/// The sequence number a handler waits for after its writes: read inside the writing
/// transaction, it includes the request the scoring triggers made for those writes (see the
/// `scoring_triggers` migration).
pub async fn requested_seq(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT requested_seq FROM scoring_state")
        .fetch_one(db)
        .await
}

/// Asks for a recompute explicitly (writes to scoring inputs request one through triggers;
/// this is for a change of the calendar, the CLI and tests). Returns the sequence number to
/// wait for.
pub async fn request_recompute(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "UPDATE scoring_state SET requested_seq = requested_seq + 1 RETURNING requested_seq",
    )
    .fetch_one(db)
    .await
}

/// Requested and computed sequence numbers, and whether the stored results were computed
/// before `today` (churn and the order window move with the calendar, so a day change is a
/// reason to recompute even when nothing was written).
pub async fn sequences(
    db: impl PgExecutor<'_>,
    today: NaiveDate,
) -> sqlx::Result<(i64, i64, bool)> {
    sqlx::query_as(
        "SELECT requested_seq, computed_seq, (computed_at IS NULL OR (computed_at AT TIME ZONE 'UTC')::date < $1)
           FROM scoring_state",
    )
    .bind(today)
    .fetch_one(db)
    .await
}

/// Records a finished recompute with its whole-base figures. Run in the transaction that wrote
/// the results: the key clients per owner (`owner_load`) and the unowned-key count are taken
/// from them and the current teams here, in one pass over the key clients per recompute, so
/// that no page has to count the whole base (a change of team requests a recompute, see the
/// `whole_base_figures` migration). The cockpit's figures are stored here too
/// ([`super::cockpit::store`]), and the key status behind its coverage-gap tallies
/// ([`super::contacts::store_key_gaps`]).
pub async fn mark_computed(
    conn: &mut PgConnection,
    seq: i64,
    settings_id: i64,
    f: &OutcomeFigures,
) -> sqlx::Result<()> {
    super::contacts::store_key_gaps(conn).await?;
    sqlx::query("DELETE FROM owner_load")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO owner_load (user_id, key_accounts)
         SELECT o.user_id, count(*) FROM scoring_results r
           JOIN account_team o ON o.account_id = r.account_id AND o.team_role = 'owner' AND o.ended_on IS NULL
          WHERE r.is_key GROUP BY o.user_id",
    )
    .execute(&mut *conn)
    .await?;
    // A key client has at most one current owner: the unowned are the key clients the owners'
    // counts leave.
    sqlx::query(
        "UPDATE scoring_state SET computed_seq = GREATEST(computed_seq, $1), n = $2, cap = $3, key_count = $4,
                cut_line = $5, max_potential = $6, settings_id = $7, at_risk = $8, computed_at = now(),
                unowned_key = $4 - (SELECT coalesce(sum(key_accounts), 0) FROM owner_load),
                abc_total = $9",
    )
    .bind(seq)
    .bind(f.n)
    .bind(f.cap)
    .bind(f.key_count)
    .bind(f.cut_line)
    .bind(f.max_potential)
    .bind(settings_id)
    .bind(f.at_risk)
    .bind(f.abc_total)
    .execute(&mut *conn)
    .await?;
    super::cockpit::store(conn, &f.base).await
}

/// The key list's headline figures and alarms.
#[derive(Debug, Clone, FromRow)]
pub struct KeyListSummary {
    /// Client base size.
    pub n: i32,
    /// Key places.
    pub cap: i32,
    /// Key clients.
    pub key_count: i32,
    /// Cut line.
    pub cut_line: Option<Decimal>,
    /// Largest potential.
    pub max_potential: Decimal,
    /// Key clients without a current owner (as of the last recompute).
    pub unowned_key: i32,
    /// Active clients flagged as churn risks (as of the last recompute).
    pub at_risk: i32,
    /// When last computed.
    pub computed_at: Option<DateTime<Utc>>,
}

/// The headline figures, as the last recompute stored them (never counted per request).
pub async fn summary(db: impl PgExecutor<'_>) -> sqlx::Result<KeyListSummary> {
    sqlx::query_as(
        "SELECT n, cap, key_count, cut_line, max_potential, computed_at, unowned_key, at_risk
           FROM scoring_state",
    )
    .fetch_one(db)
    .await
}

/// The key clients without an owner, as the last recompute counted them.
pub async fn unowned_key(db: impl PgExecutor<'_>) -> sqlx::Result<i32> {
    sqlx::query_scalar("SELECT unowned_key FROM scoring_state")
        .fetch_one(db)
        .await
}

/// A row of the key-client list (or of the candidates below the cut).
#[derive(Debug, Clone, FromRow)]
pub struct KeyListRow {
    /// Account.
    pub account_id: AccountId,
    /// Its name.
    pub name: String,
    /// Current owner.
    pub owner_name: Option<String>,
    /// Rank among eligible accounts.
    pub rank: Option<i32>,
    /// Score.
    pub score: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// League.
    pub league: Option<League>,
    /// Projected league.
    pub projected_league: Option<League>,
    /// Why key or not.
    pub reason: Reason,
    /// Potential.
    pub potential: Decimal,
    /// Strategic importance.
    pub strategic_importance: i16,
    /// Breadwinner type.
    pub breadwinner: bool,
    /// Prospective type.
    pub prospective: bool,
    /// Image-maker type.
    pub is_image_maker: bool,
    /// Expert type.
    pub is_expert: bool,
    /// Whether the reader may open the account (every role sees the list with owners; only
    /// accounts in the reader's scope link to their page).
    pub can_open: bool,
}

/// The key-list row query up to its `WHERE`, for a reader whose accounts are `scope`.
fn key_list_select(scope: AccountScope) -> QueryBuilder<'static, Postgres> {
    let mut q = QueryBuilder::new(
        "SELECT r.account_id, a.name, own_u.name AS owner_name, r.rank, r.score, r.segment,
            r.league, r.projected_league, r.reason, r.potential, a.strategic_importance, r.breadwinner,
            r.prospective, a.is_image_maker, a.is_expert, ",
    );
    scope.push_visible(&mut q, "a.id");
    q.push(format!(
        " AS can_open
       FROM scoring_results r
       JOIN accounts a ON a.id = r.account_id
       {OWNER_NAME_JOIN}
      WHERE "
    ));
    q
}

/// The key clients in rank order.
pub async fn key_list(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
) -> sqlx::Result<Vec<KeyListRow>> {
    let mut q = key_list_select(scope);
    q.push("r.is_key ORDER BY r.rank, r.account_id");
    q.build_query_as().fetch_all(db).await
}

/// The best eligible accounts that are not key (below the cut or pinned over the cap).
pub async fn candidates(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
    limit: i64,
) -> sqlx::Result<Vec<KeyListRow>> {
    let mut q = key_list_select(scope);
    q.push("NOT r.is_key AND r.rank IS NOT NULL ORDER BY r.rank, r.account_id LIMIT ")
        .push_bind(limit);
    q.build_query_as().fetch_all(db).await
}

/// The pinned key clients (when pins alone fill the cap, these are who could be unpinned), for
/// a reader whose accounts are `scope`.
pub async fn key_pins(
    db: impl PgExecutor<'_>,
    scope: AccountScope,
) -> sqlx::Result<Vec<KeyListRow>> {
    let mut q = key_list_select(scope);
    q.push("a.pin = 'key' ORDER BY r.rank NULLS LAST, a.name");
    q.build_query_as().fetch_all(db).await
}

/// One account's stored result.
#[derive(Debug, Clone, FromRow)]
pub struct StoredResult {
    /// Potential used.
    pub potential: Decimal,
    /// Score.
    pub score: Option<Decimal>,
    /// P.
    pub p: Option<Decimal>,
    /// S.
    pub s: Option<Decimal>,
    /// Segment.
    pub segment: Option<Segment>,
    /// Key?
    pub is_key: bool,
    /// Why key or not.
    pub reason: Reason,
    /// Rank.
    pub rank: Option<i32>,
    /// League.
    pub league: Option<League>,
    /// Projected league.
    pub projected_league: Option<League>,
    /// ABC class.
    pub abc: Option<Abc>,
    /// XYZ class.
    pub xyz: Option<Xyz>,
    /// Churn flag.
    pub churn: Churn,
    /// Breadwinner.
    pub breadwinner: bool,
    /// Prospective.
    pub prospective: bool,
    /// When computed.
    pub computed_at: DateTime<Utc>,
}

/// The stored result of one account.
pub async fn result_for(
    db: impl PgExecutor<'_>,
    id: AccountId,
) -> sqlx::Result<Option<StoredResult>> {
    sqlx::query_as(
        "SELECT potential, score, p, s, segment, is_key, reason, rank, league, projected_league,
                abc, xyz, churn, breadwinner, prospective, computed_at
           FROM scoring_results WHERE account_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Every account's stored key flag and segment (for the settings preview).
pub async fn key_and_segment_by_account(
    pool: &PgPool,
) -> sqlx::Result<HashMap<uuid::Uuid, (bool, Option<Segment>)>> {
    let rows: Vec<(uuid::Uuid, bool, Option<Segment>)> =
        sqlx::query_as("SELECT account_id, is_key, segment FROM scoring_results")
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(id, k, s)| (id, (k, s))).collect())
}

/// Serialises settings saves for the rest of the transaction.
pub async fn lock_settings(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("LOCK TABLE scoring_settings IN SHARE ROW EXCLUSIVE MODE")
        .execute(conn)
        .await
        .map(|_| ())
}
