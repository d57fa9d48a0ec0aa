//! Scoring data: the settings and their history, the snapshot the pure scoring module reads,
//! the stored results, and the request/computed sequence that keeps them fresh.

use crate::domain::analysis::OrderStats;
use crate::domain::ids::{AccountId, UserId};
use crate::domain::scoring::{Location, Settings};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor};
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
    /// Status name.
    pub status: String,
    /// Average yearly potential revenue over the horizon's forecast years.
    pub potential: Decimal,
    /// 0..5.
    pub strategic_importance: i16,
    /// Pin name.
    pub pin: String,
    /// Decision making.
    pub decision_making: String,
    /// Planned decision making.
    pub planned_decision_making: Option<String>,
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
    status: String,
    potential: Decimal,
    strategic_importance: i16,
    pin: String,
    decision_making: String,
    planned_decision_making: Option<String>,
    created_on: NaiveDate,
    last_order: Option<NaiveDate>,
}

/// Reads the whole snapshot: accounts with potential over the horizon, footprints, and order
/// statistics for the 12-month window `[window_start, window_end]`. Cancelled orders do not
/// count as purchases. Four set-based queries, whatever the number of accounts.
pub async fn load_snapshot(
    conn: &mut PgConnection,
    first_year: i32,
    horizon_years: i32,
    window_start: NaiveDate,
    window_end: NaiveDate,
) -> sqlx::Result<Vec<SnapshotAccount>> {
    let accounts: Vec<AccountSnapRow> = sqlx::query_as(
        "SELECT a.id, a.status, COALESCE(p.avg_revenue, 0)::numeric(18,2) AS potential, a.strategic_importance,
                a.pin, a.decision_making, a.planned_decision_making, a.created_at::date AS created_on,
                lo.last_order
           FROM accounts a
           LEFT JOIN (SELECT account_id, avg(revenue) AS avg_revenue FROM potential_forecasts
                       WHERE year BETWEEN $1 AND $2 GROUP BY account_id) p ON p.account_id = a.id
           LEFT JOIN (SELECT account_id, max(ordered_on) AS last_order FROM orders
                       WHERE status <> 'cancelled' AND ordered_on <= $3 GROUP BY account_id) lo ON lo.account_id = a.id
          ORDER BY a.id",
    )
    .bind(first_year)
    .bind(first_year + horizon_years - 1)
    .bind(window_end)
    .fetch_all(&mut *conn)
    .await?;

    let mut index: HashMap<AccountId, usize> = HashMap::with_capacity(accounts.len());
    let mut out: Vec<SnapshotAccount> = Vec::with_capacity(accounts.len());
    for (i, a) in accounts.into_iter().enumerate() {
        index.insert(a.id, i);
        out.push(SnapshotAccount {
            id: a.id,
            status: a.status,
            potential: a.potential,
            strategic_importance: a.strategic_importance,
            pin: a.pin,
            decision_making: a.decision_making,
            planned_decision_making: a.planned_decision_making,
            locations: Vec::new(),
            planned_locations: Vec::new(),
            orders: OrderStats {
                monthly_revenue: [Decimal::ZERO; 12],
                margin: Decimal::ZERO,
                last_order: a.last_order,
                created: a.created_on,
            },
        });
    }

    let locations: Vec<(AccountId, String, String, String, String)> = sqlx::query_as(
        "SELECT account_id, continent, country, region, kind FROM account_locations",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (id, continent, country, region, kind) in locations {
        if let Some(&i) = index.get(&id) {
            let loc = Location::new(continent, country, region);
            if kind == "planned" {
                out[i].planned_locations.push(loc);
            } else {
                out[i].locations.push(loc);
            }
        }
    }

    let months: Vec<(AccountId, i32, Decimal, Decimal)> = sqlx::query_as(
        "SELECT account_id,
                ((extract(year FROM ordered_on)::int - extract(year FROM $1::date)::int) * 12
                  + extract(month FROM ordered_on)::int - extract(month FROM $1::date)::int) AS month_index,
                sum(amount), sum(margin)
           FROM orders
          WHERE status <> 'cancelled' AND ordered_on BETWEEN $1 AND $2
          GROUP BY 1, 2",
    )
    .bind(window_start)
    .bind(window_end)
    .fetch_all(&mut *conn)
    .await?;
    for (id, m, amount, margin) in months {
        if let (Some(&i), Ok(m)) = (index.get(&id), usize::try_from(m))
            && m < 12
        {
            out[i].orders.monthly_revenue[m] += amount;
            out[i].orders.margin += margin;
        }
    }
    Ok(out)
}

/// One account's stored result, in column form for a set-based write.
#[derive(Debug, Clone, Default)]
pub struct ResultColumns {
    /// account_id
    pub account_id: Vec<uuid::Uuid>,
    /// potential
    pub potential: Vec<Decimal>,
    /// score
    pub score: Vec<Option<Decimal>>,
    /// p
    pub p: Vec<Option<Decimal>>,
    /// s
    pub s: Vec<Option<Decimal>>,
    /// segment
    pub segment: Vec<Option<String>>,
    /// is_key
    pub is_key: Vec<bool>,
    /// reason
    pub reason: Vec<String>,
    /// rank
    pub rank: Vec<Option<i32>>,
    /// league
    pub league: Vec<Option<String>>,
    /// projected_league
    pub projected_league: Vec<Option<String>>,
    /// abc
    pub abc: Vec<Option<String>>,
    /// xyz
    pub xyz: Vec<Option<String>>,
    /// churn
    pub churn: Vec<String>,
    /// breadwinner
    pub breadwinner: Vec<bool>,
    /// prospective
    pub prospective: Vec<bool>,
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
}

/// Writes every result in one statement, touching only rows whose values changed (a typical
/// recompute changes a handful of rows out of thousands).
pub async fn write_results(
    conn: &mut PgConnection,
    settings_id: i64,
    c: &ResultColumns,
) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "INSERT INTO scoring_results AS r (account_id, potential, score, p, s, segment, is_key, reason,
                rank, league, projected_league, abc, xyz, churn, breadwinner, prospective, settings_id, computed_at)
         SELECT u.*, $1::bigint, now() FROM (
           SELECT * FROM UNNEST($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[],
                                $8::bool[], $9::text[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[],
                                $15::text[], $16::bool[], $17::bool[])
         ) AS u(account_id, potential, score, p, s, segment, is_key, reason, rank, league, projected_league, abc,
                xyz, churn, breadwinner, prospective)
         ON CONFLICT (account_id) DO UPDATE SET
            settings_id = EXCLUDED.settings_id, potential = EXCLUDED.potential, score = EXCLUDED.score,
            p = EXCLUDED.p, s = EXCLUDED.s, segment = EXCLUDED.segment, is_key = EXCLUDED.is_key,
            reason = EXCLUDED.reason, rank = EXCLUDED.rank, league = EXCLUDED.league,
            projected_league = EXCLUDED.projected_league, abc = EXCLUDED.abc, xyz = EXCLUDED.xyz,
            churn = EXCLUDED.churn, breadwinner = EXCLUDED.breadwinner, prospective = EXCLUDED.prospective,
            computed_at = EXCLUDED.computed_at
          WHERE (r.settings_id, r.potential, r.score, r.p, r.s, r.segment, r.is_key, r.reason, r.rank, r.league,
                 r.projected_league, r.abc, r.xyz, r.churn, r.breadwinner, r.prospective)
                IS DISTINCT FROM
                (EXCLUDED.settings_id, EXCLUDED.potential, EXCLUDED.score, EXCLUDED.p, EXCLUDED.s, EXCLUDED.segment,
                 EXCLUDED.is_key, EXCLUDED.reason, EXCLUDED.rank, EXCLUDED.league, EXCLUDED.projected_league,
                 EXCLUDED.abc, EXCLUDED.xyz, EXCLUDED.churn, EXCLUDED.breadwinner, EXCLUDED.prospective)",
    )
    .bind(settings_id)
    .bind(&c.account_id)
    .bind(&c.potential)
    .bind(&c.score)
    .bind(&c.p)
    .bind(&c.s)
    .bind(&c.segment)
    .bind(&c.is_key)
    .bind(&c.reason)
    .bind(&c.rank)
    .bind(&c.league)
    .bind(&c.projected_league)
    .bind(&c.abc)
    .bind(&c.xyz)
    .bind(&c.churn)
    .bind(&c.breadwinner)
    .bind(&c.prospective)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected())
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

/// Takes the recompute lock for the rest of the transaction if no other instance holds it.
pub async fn try_lock(conn: &mut PgConnection) -> sqlx::Result<bool> {
    // An arbitrary constant naming "the key-list recompute" among advisory locks.
    sqlx::query_scalar("SELECT pg_try_advisory_xact_lock(7214820011)")
        .fetch_one(conn)
        .await
}

/// Records a finished recompute.
pub async fn mark_computed(
    conn: &mut PgConnection,
    seq: i64,
    f: &OutcomeFigures,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE scoring_state SET computed_seq = GREATEST(computed_seq, $1), n = $2, cap = $3, key_count = $4,
                cut_line = $5, max_potential = $6, computed_at = now()",
    )
    .bind(seq)
    .bind(f.n)
    .bind(f.cap)
    .bind(f.key_count)
    .bind(f.cut_line)
    .bind(f.max_potential)
    .execute(conn)
    .await
    .map(|_| ())
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
    /// Key clients without a current owner.
    pub unowned_key: i64,
    /// Active clients flagged as churn risks (a prospect has never bought, so "no orders for a
    /// while" says nothing about it leaving).
    pub at_risk: i64,
    /// When last computed.
    pub computed_at: Option<DateTime<Utc>>,
}

/// The headline figures.
pub async fn summary(db: impl PgExecutor<'_>) -> sqlx::Result<KeyListSummary> {
    sqlx::query_as(
        "SELECT s.n, s.cap, s.key_count, s.cut_line, s.max_potential, s.computed_at,
                (SELECT count(*) FROM scoring_results r WHERE r.is_key AND NOT EXISTS (
                    SELECT 1 FROM account_team t WHERE t.account_id = r.account_id
                       AND t.team_role = 'owner' AND t.ended_on IS NULL)) AS unowned_key,
                (SELECT count(*) FROM scoring_results r JOIN accounts a ON a.id = r.account_id
                  WHERE r.churn <> 'ok' AND a.status = 'active') AS at_risk
           FROM scoring_state s",
    )
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
    pub segment: Option<String>,
    /// League.
    pub league: Option<String>,
    /// Projected league.
    pub projected_league: Option<String>,
    /// Reason code.
    pub reason: String,
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
}

const KEY_LIST_SELECT: &str =
    "SELECT r.account_id, a.name, u.name AS owner_name, r.rank, r.score, r.segment,
        r.league, r.projected_league, r.reason, r.potential, a.strategic_importance, r.breadwinner,
        r.prospective, a.is_image_maker, a.is_expert
   FROM scoring_results r
   JOIN accounts a ON a.id = r.account_id
   LEFT JOIN account_team o ON o.account_id = a.id AND o.team_role = 'owner' AND o.ended_on IS NULL
   LEFT JOIN users u ON u.id = o.user_id";

/// The key clients in rank order.
pub async fn key_list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<KeyListRow>> {
    sqlx::query_as(&format!(
        "{KEY_LIST_SELECT} WHERE r.is_key ORDER BY r.rank, r.account_id"
    ))
    .fetch_all(db)
    .await
}

/// The best eligible accounts that are not key (below the cut or pinned over the cap).
pub async fn candidates(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<KeyListRow>> {
    sqlx::query_as(&format!(
        "{KEY_LIST_SELECT} WHERE NOT r.is_key AND r.rank IS NOT NULL ORDER BY r.rank, r.account_id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The key clients with a score below `score` that were chosen by score (whom a key pin would
/// displace first when the cap is full): pinned ones are never displaced by a pin.
pub async fn lowest_key_by_score(
    db: impl PgExecutor<'_>,
    limit: i64,
) -> sqlx::Result<Vec<KeyListRow>> {
    sqlx::query_as(&format!(
        "{KEY_LIST_SELECT} WHERE r.is_key AND r.reason = 'key_by_score' ORDER BY r.rank DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The pinned key clients (when pins alone fill the cap, these are who could be unpinned).
pub async fn key_pins(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<KeyListRow>> {
    sqlx::query_as(&format!(
        "{KEY_LIST_SELECT} WHERE a.pin = 'key' ORDER BY r.rank NULLS LAST, a.name"
    ))
    .fetch_all(db)
    .await
}

/// One account's stored result.
#[derive(Debug, Clone, FromRow)]
pub struct StoredResult {
    /// Settings version used.
    pub settings_id: i64,
    /// Potential used.
    pub potential: Decimal,
    /// Score.
    pub score: Option<Decimal>,
    /// P.
    pub p: Option<Decimal>,
    /// S.
    pub s: Option<Decimal>,
    /// Segment.
    pub segment: Option<String>,
    /// Key?
    pub is_key: bool,
    /// Reason code.
    pub reason: String,
    /// Rank.
    pub rank: Option<i32>,
    /// League.
    pub league: Option<String>,
    /// Projected league.
    pub projected_league: Option<String>,
    /// ABC class.
    pub abc: Option<String>,
    /// XYZ class.
    pub xyz: Option<String>,
    /// Churn flag.
    pub churn: String,
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
        "SELECT settings_id, potential, score, p, s, segment, is_key, reason, rank, league, projected_league,
                abc, xyz, churn, breadwinner, prospective, computed_at
           FROM scoring_results WHERE account_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Planned client regions where our company is not present (to plan our own presence ahead).
pub async fn planned_gaps(
    db: impl PgExecutor<'_>,
    id: AccountId,
) -> sqlx::Result<Vec<(String, String, Option<NaiveDate>)>> {
    sqlx::query_as(
        "SELECT country, region, planned_on FROM account_locations
          WHERE account_id = $1 AND kind = 'planned' AND NOT we_are_present ORDER BY planned_on NULLS LAST",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// Every account's stored key flag and segment (for the settings preview).
pub async fn key_and_segment_by_account(
    conn: &mut PgConnection,
) -> sqlx::Result<HashMap<uuid::Uuid, (bool, Option<String>)>> {
    let rows: Vec<(uuid::Uuid, bool, Option<String>)> =
        sqlx::query_as("SELECT account_id, is_key, segment FROM scoring_results")
            .fetch_all(conn)
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
