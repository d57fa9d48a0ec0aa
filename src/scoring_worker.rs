//! Keeps the stored key list fresh.
//!
//! Every write that affects scoring bumps `scoring_state.requested_seq` in its own transaction
//! (statement-level triggers on the input tables, see the `scoring_triggers` migration), so a
//! commit always implies a request, whoever wrote. A worker task in
//! each server instance wakes when told (same instance) or every `POLL` (other instances), takes
//! a PostgreSQL advisory lock so two instances never recompute over each other, reads the whole
//! snapshot, runs the pure scoring and analyses, and writes the results back, recording the
//! sequence it computed. A handler that changed something waits (briefly) for that sequence, so
//! the page it redirects to already shows the new list.

use crate::db;
use crate::db::analysis::AbcStanding;
use crate::db::scoring::{NewResult, OutcomeFigures, SnapshotAccount, StoredRow};
use crate::domain::analysis::{self, Churn, OrderStats};
use crate::domain::cockpit::{BaseClient, BaseFigures};
use crate::domain::ids::AccountId;
use crate::domain::league;
use crate::domain::scoring::{self, AccountInput, Settings, Status};
use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// How often a worker looks for requests made through other instances.
const POLL: Duration = Duration::from_millis(250);
/// How long a handler waits for its change to be reflected before showing the page anyway.
const WAIT: Duration = Duration::from_secs(5);

/// What the pipeline computed for one snapshot.
pub struct Computed {
    /// Whole-list figures.
    pub figures: OutcomeFigures,
    /// Per-account results, in snapshot order.
    pub results: Vec<NewResult>,
    /// The ABC standings of the base's accounts with revenue, in snapshot order.
    pub standings: Vec<AbcStanding>,
}

/// Runs the pure scoring and analyses over a snapshot. No I/O: the benchmark times this alone.
/// The snapshot is consumed: its locations move into the inputs instead of being copied.
pub fn compute(
    snapshot: Vec<SnapshotAccount>,
    settings: &Settings,
    reference: NaiveDate,
) -> Computed {
    let mut rest = Vec::with_capacity(snapshot.len());
    let mut orders = Vec::with_capacity(snapshot.len());
    let accounts: Vec<AccountInput> = snapshot
        .into_iter()
        .map(|a| {
            rest.push((a.id, a.planned_locations, a.planned_decision_making));
            orders.push(a.orders);
            AccountInput {
                // Hyphenated lowercase UUIDs sort in the same byte order as the UUIDs.
                id: a.id.0.to_string(),
                status: a.status,
                potential: a.potential,
                strategic_importance: a.strategic_importance.clamp(0, 5) as u8,
                pin: a.pin,
                decision_making: a.decision_making,
                locations: a.locations,
            }
        })
        .collect();
    let outcome = scoring::score_accounts(&accounts, settings);
    let inputs: Vec<(AccountInput, OrderStats)> = accounts.into_iter().zip(orders).collect();
    let analyses = analysis::analyse(&inputs, &outcome, reference, settings);

    let results: Vec<NewResult> = rest
        .iter()
        .zip(&inputs)
        .zip(&outcome.results)
        .zip(&analyses)
        .map(|((((id, planned, planned_dm), (input, _)), r), an)| {
            let planned_dm = *planned_dm;
            let current = league::league(&input.locations, input.decision_making);
            // Without planned locations or a planned change of decision making the projection
            // is the current league; skipping it halves the league work.
            let projected = if planned.is_empty() && planned_dm.is_none() {
                current
            } else {
                league::projected_league(
                    &input.locations,
                    planned,
                    input.decision_making,
                    planned_dm,
                )
            };
            NewResult {
                account_id: *id,
                potential: input.potential.round_dp(2),
                score: r.score,
                p: r.p.map(|p| p.round_dp(4)),
                s: r.s,
                segment: r.segment,
                is_key: r.key,
                reason: r.reason,
                rank: r.rank.map(|x| x as i32),
                league: current,
                projected_league: projected,
                abc: an.abc,
                xyz: an.xyz,
                churn: an.churn,
                breadwinner: an.breadwinner,
                prospective: an.prospective,
            }
        })
        .collect();
    // What the account's analysis page reads instead of summing the base (see `abc_standing`).
    let mut abc_total = rust_decimal::Decimal::ZERO;
    let mut standings = Vec::new();
    for (((id, _, _), (input, stats)), an) in rest.iter().zip(&inputs).zip(&analyses) {
        if !input.status.in_base() {
            continue;
        }
        let revenue = stats.revenue();
        abc_total += revenue;
        if let (true, Some(before)) = (revenue > rust_decimal::Decimal::ZERO, an.abc_before) {
            standings.push(AbcStanding {
                account_id: *id,
                revenue,
                before,
            });
        }
    }
    let at_risk = inputs
        .iter()
        .zip(&analyses)
        .filter(|((input, _), an)| input.status == Status::Active && an.churn != Churn::Ok)
        .count();
    let base: Vec<BaseClient> = inputs
        .iter()
        .zip(&results)
        .filter(|((input, _), _)| input.status.in_base())
        .map(|((_, stats), r)| BaseClient {
            potential: r.potential,
            is_key: r.is_key,
            sales_12m: stats.monthly_revenue.iter().sum(),
            league: r.league,
            abc: r.abc,
            xyz: r.xyz,
            // As the key list's "at risk" filter reads it, so the figure and its list agree.
            at_risk: r.churn != Churn::Ok,
        })
        .collect();
    Computed {
        figures: OutcomeFigures {
            at_risk: at_risk as i32,
            n: outcome.n as i32,
            cap: outcome.cap as i32,
            key_count: outcome.key_count as i32,
            cut_line: outcome.cut_line,
            max_potential: outcome.max_potential,
            base: BaseFigures::of(&base),
            abc_total,
        },
        results,
        standings,
    }
}

/// Loads the snapshot for `reference`'s year with the settings' horizon. It reads the stored
/// order statistics as they are: bring them up to date first with [`refresh_order_stats`]
/// (the recompute does; the settings preview reads them as the last recompute left them).
pub async fn load_snapshot(
    pool: &PgPool,
    horizon_years: i32,
    reference: NaiveDate,
) -> sqlx::Result<Vec<SnapshotAccount>> {
    db::scoring::load_snapshot(pool, reference.year(), horizon_years).await
}

/// Brings the stored order statistics up to date with `reference`'s window (only the accounts
/// whose orders changed, unless the window moved).
pub async fn refresh_order_stats(pool: &PgPool, reference: NaiveDate) -> sqlx::Result<u64> {
    let (start, end) = analysis::window(reference);
    let mut tx = pool.begin().await?;
    let n = db::scoring::refresh_order_stats(&mut tx, start, end).await?;
    tx.commit().await?;
    Ok(n)
}

/// The results this instance wrote last, with the sequence they were written for. Valid only
/// while the stored computed sequence is still that one (no other instance wrote since), so
/// the database stays the one source of truth; it only spares reading 100,000 rows back.
#[derive(Default)]
pub struct WrittenResults {
    seq: Option<i64>,
    rows: HashMap<AccountId, StoredRow>,
    /// A digest of the ABC standings written with them (rewritten only when it changes).
    standings: Option<u64>,
}

/// A digest of the standings, to tell whether they changed since they were written.
fn digest(standings: &[AbcStanding]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    standings.hash(&mut h);
    h.finish()
}

/// Recomputes if a request is pending and no other instance is at it. Returns the computed
/// sequence now known (None when another instance holds the lock).
pub async fn run_pending(pool: &PgPool, reference: NaiveDate) -> anyhow::Result<Option<i64>> {
    run_pending_cached(pool, reference, &mut WrittenResults::default()).await
}

/// [`run_pending`] with this instance's memory of what it wrote last.
pub async fn run_pending_cached(
    pool: &PgPool,
    reference: NaiveDate,
    written: &mut WrittenResults,
) -> anyhow::Result<Option<i64>> {
    let mut lock = pool.acquire().await?;
    if !db::scoring::try_lock(&mut lock).await? {
        return Ok(None);
    }
    let outcome = recompute_locked(pool, reference, written).await;
    match db::scoring::unlock(&mut lock).await {
        Ok(()) => {}
        // Never hand a connection that may still hold the lock back to the pool.
        Err(_) => lock.close().await?,
    }
    outcome.map(Some)
}

async fn recompute_locked(
    pool: &PgPool,
    reference: NaiveDate,
    written: &mut WrittenResults,
) -> anyhow::Result<i64> {
    let (requested, computed, stale_day) = db::scoring::sequences(pool, reference).await?;
    if requested <= computed && !stale_day {
        return Ok(computed);
    }
    let stored_settings = db::scoring::current_settings(pool).await?;
    refresh_order_stats(pool, reference).await?;
    let snapshot = load_snapshot(pool, stored_settings.horizon_years, reference);
    let (snapshot, stored, stored_standings) = if written.seq == Some(computed) {
        (
            snapshot.await?,
            std::mem::take(&mut written.rows),
            written.standings.take(),
        )
    } else {
        let (snapshot, stored) = tokio::try_join!(snapshot, db::scoring::stored_results(pool))?;
        (snapshot, stored, None)
    };
    written.seq = None;
    let result = compute(snapshot, &stored_settings.settings, reference);
    let standings = digest(&result.standings);
    let mut tx = pool.begin().await?;
    db::scoring::write_results(&mut tx, &result.results, &stored).await?;
    if stored_standings != Some(standings) {
        db::analysis::store_standings(&mut tx, &result.standings).await?;
    }
    db::scoring::mark_computed(&mut tx, requested, stored_settings.id, &result.figures).await?;
    tx.commit().await?;
    written.rows = result
        .results
        .iter()
        .map(|r| (r.account_id, StoredRow::from(r)))
        .collect();
    written.standings = Some(standings);
    // GREATEST in mark_computed: the stored sequence is at least `requested`; remember what it is.
    written.seq = Some(db::scoring::sequences(pool, reference).await?.1);
    Ok(requested)
}

/// A handle to this instance's worker.
#[derive(Clone)]
pub struct ScoringHandle {
    wake: Arc<Notify>,
    computed: watch::Receiver<i64>,
}

impl ScoringHandle {
    /// Commits a transaction that changed scoring inputs, then waits until the key list
    /// reflects it, so the page the user is sent to next is already up to date.
    pub async fn commit_and_catch_up(
        &self,
        mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    ) -> sqlx::Result<()> {
        // Read inside the transaction: includes the request its own writes made (triggers).
        let seq = db::scoring::requested_seq(&mut *tx).await?;
        tx.commit().await?;
        self.wait_for(seq).await;
        Ok(())
    }

    /// Wakes the worker without waiting for it: for a change the next page does not show on
    /// the key list (an order logged from the entry form).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Wakes the worker and waits until `seq` has been computed (by any instance), or `WAIT`
    /// has passed: the change is committed either way, and the worker will catch up.
    pub async fn wait_for(&self, seq: i64) {
        self.wake.notify_one();
        let mut rx = self.computed.clone();
        let wait = rx.wait_for(|&done| done >= seq);
        if tokio::time::timeout(WAIT, wait).await.is_err() {
            tracing::warn!(
                seq,
                "key list not recomputed in time; the page may lag a moment"
            );
        }
    }
}

/// Starts the worker task; it runs until the process ends.
pub fn spawn(pool: PgPool) -> ScoringHandle {
    let wake = Arc::new(Notify::new());
    let (tx, rx) = watch::channel(0i64);
    let handle = ScoringHandle {
        wake: wake.clone(),
        computed: rx,
    };
    tokio::spawn(async move {
        let mut written = WrittenResults::default();
        loop {
            let today = chrono::Utc::now().date_naive();
            match run_pending_cached(&pool, today, &mut written).await {
                Ok(Some(seq)) => {
                    tx.send_if_modified(|v| {
                        let changed = *v < seq;
                        *v = (*v).max(seq);
                        changed
                    });
                    // Another request may have arrived during the run: check again at once.
                    if let Ok((requested, _, _)) = db::scoring::sequences(&pool, today).await
                        && requested > seq
                    {
                        continue;
                    }
                }
                // Another instance is computing: look again shortly.
                Ok(None) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                Err(e) => tracing::error!(error = ?e, "key list recompute failed"),
            }
            // Names written without their search and duplicate keys (outside the writers)
            // get them back here; a partial index makes this a no-op when there are none.
            if let Err(e) = db::accounts::fill_name_keys(&pool).await {
                tracing::error!(error = ?e, "deriving account name keys failed");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    });
    handle
}
