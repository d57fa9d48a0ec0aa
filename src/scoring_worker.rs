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
use crate::db::scoring::{OutcomeFigures, ResultColumns, SnapshotAccount};
use crate::domain::analysis::{self, OrderStats};
use crate::domain::league;
use crate::domain::scoring::{self, AccountInput, DecisionMaking, Pin, Settings, Status};
use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;
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
    pub columns: ResultColumns,
}

fn parse_or<T: std::str::FromStr>(s: &str, default: T) -> T {
    s.parse().unwrap_or(default)
}

/// Runs the pure scoring and analyses over a snapshot. No I/O: the benchmark times this alone.
pub fn compute(
    snapshot: &[SnapshotAccount],
    settings: &Settings,
    reference: NaiveDate,
) -> Computed {
    let inputs: Vec<(AccountInput, OrderStats)> = snapshot
        .iter()
        .map(|a| {
            (
                AccountInput {
                    // Hyphenated lowercase UUIDs sort in the same byte order as the UUIDs.
                    id: a.id.0.to_string(),
                    status: parse_or(&a.status, Status::Archived),
                    potential: a.potential,
                    strategic_importance: a.strategic_importance.clamp(0, 5) as u8,
                    pin: parse_or(&a.pin, Pin::None),
                    decision_making: parse_or(&a.decision_making, DecisionMaking::Centralized),
                    locations: a.locations.clone(),
                },
                a.orders.clone(),
            )
        })
        .collect();
    let accounts: Vec<AccountInput> = inputs.iter().map(|(a, _)| a.clone()).collect();
    let outcome = scoring::score_accounts(&accounts, settings);
    let analyses = analysis::analyse(&inputs, &outcome, reference, settings);

    let n = snapshot.len();
    let mut c = ResultColumns {
        account_id: Vec::with_capacity(n),
        potential: Vec::with_capacity(n),
        score: Vec::with_capacity(n),
        p: Vec::with_capacity(n),
        s: Vec::with_capacity(n),
        segment: Vec::with_capacity(n),
        is_key: Vec::with_capacity(n),
        reason: Vec::with_capacity(n),
        rank: Vec::with_capacity(n),
        league: Vec::with_capacity(n),
        projected_league: Vec::with_capacity(n),
        abc: Vec::with_capacity(n),
        xyz: Vec::with_capacity(n),
        churn: Vec::with_capacity(n),
        breadwinner: Vec::with_capacity(n),
        prospective: Vec::with_capacity(n),
    };
    for (((snap, (input, _)), r), an) in snapshot
        .iter()
        .zip(&inputs)
        .zip(&outcome.results)
        .zip(&analyses)
    {
        let planned_dm = snap
            .planned_decision_making
            .as_deref()
            .and_then(|s| s.parse().ok());
        c.account_id.push(snap.id.0);
        c.potential.push(input.potential.round_dp(2));
        c.score.push(r.score);
        c.p.push(r.p.map(|p| p.round_dp(4)));
        c.s.push(r.s);
        c.segment.push(r.segment.map(|s| s.as_str().to_string()));
        c.is_key.push(r.key);
        c.reason.push(r.reason.as_str().to_string());
        c.rank.push(r.rank.map(|x| x as i32));
        c.league.push(
            league::league(&input.locations, input.decision_making).map(|l| l.as_str().to_string()),
        );
        c.projected_league.push(
            league::projected_league(
                &input.locations,
                &snap.planned_locations,
                input.decision_making,
                planned_dm,
            )
            .map(|l| l.as_str().to_string()),
        );
        c.abc.push(an.abc.map(|x| x.as_str().to_string()));
        c.xyz.push(an.xyz.map(|x| x.as_str().to_string()));
        c.churn.push(an.churn.as_str().to_string());
        c.breadwinner.push(an.breadwinner);
        c.prospective.push(an.prospective);
    }
    Computed {
        figures: OutcomeFigures {
            n: outcome.n as i32,
            cap: outcome.cap as i32,
            key_count: outcome.key_count as i32,
            cut_line: outcome.cut_line,
            max_potential: outcome.max_potential,
        },
        columns: c,
    }
}

/// Loads the snapshot for `reference` with the settings' horizon.
pub async fn load_snapshot(
    conn: &mut sqlx::PgConnection,
    horizon_years: i32,
    reference: NaiveDate,
) -> sqlx::Result<Vec<SnapshotAccount>> {
    let (start, end) = analysis::window(reference);
    db::scoring::load_snapshot(conn, reference.year(), horizon_years, start, end).await
}

/// Recomputes if a request is pending and no other instance is at it. Returns the computed
/// sequence now known (None when another instance holds the lock).
pub async fn run_pending(pool: &PgPool, reference: NaiveDate) -> anyhow::Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    if !db::scoring::try_lock(&mut tx).await? {
        return Ok(None);
    }
    let (requested, computed, stale_day) = db::scoring::sequences(&mut *tx, reference).await?;
    if requested <= computed && !stale_day {
        return Ok(Some(computed));
    }
    let stored = db::scoring::current_settings(&mut *tx).await?;
    let snapshot = load_snapshot(&mut tx, stored.horizon_years, reference).await?;
    let result = compute(&snapshot, &stored.settings, reference);
    db::scoring::write_results(&mut tx, stored.id, &result.columns).await?;
    db::scoring::mark_computed(&mut tx, requested, &result.figures).await?;
    tx.commit().await?;
    Ok(Some(requested))
}

/// A handle to this instance's worker.
#[derive(Clone)]
pub struct ScoringHandle {
    wake: Arc<Notify>,
    computed: watch::Receiver<i64>,
}

impl ScoringHandle {
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
        loop {
            let today = chrono::Utc::now().date_naive();
            match run_pending(&pool, today).await {
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
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    });
    handle
}
