//! The director's cockpit's whole-base figures: written by the recompute beside the key list
//! (in its transaction, see [`super::scoring::mark_computed`]), read by `/dashboard` in two
//! queries whatever the size of the base.

use crate::domain::analysis::{Abc, Xyz};
use crate::domain::cockpit::{BaseFigures, Count};
use crate::domain::league::League;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection};

/// Stores the figures of a recompute (replacing the previous ones).
pub async fn store(conn: &mut PgConnection, f: &BaseFigures) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE scoring_state SET pareto = $1, pareto_key = $2, sales_12m = $3, key_sales_12m = $4,
                key_at_risk = $5",
    )
    .bind(&f.pareto)
    .bind(&f.pareto_key)
    .bind(f.sales_12m.round_dp(2))
    .bind(f.key_sales_12m.round_dp(2))
    .bind(f.key_at_risk)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM base_counts")
        .execute(&mut *conn)
        .await?;
    let mut figure = vec![];
    let mut bucket = vec![];
    let mut clients = vec![];
    let mut key_clients = vec![];
    let mut push = |f: &'static str, b: String, c: &Count| {
        figure.push(f);
        bucket.push(b);
        clients.push(c.clients);
        key_clients.push(c.key_clients);
    };
    for (league, count) in &f.leagues {
        push(
            "league",
            league.map_or_else(|| "none".to_string(), |l| l.to_string()),
            count,
        );
    }
    for ((abc, xyz), count) in &f.abc_xyz {
        push("abc_xyz", format!("{abc}{xyz}"), count);
    }
    sqlx::query(
        "INSERT INTO base_counts (figure, bucket, clients, key_clients)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])",
    )
    .bind(figure)
    .bind(bucket)
    .bind(clients)
    .bind(key_clients)
    .execute(conn)
    .await
    .map(|_| ())
}

#[derive(FromRow)]
struct StateRow {
    pareto: Vec<Decimal>,
    pareto_key: Vec<i32>,
    sales_12m: Decimal,
    key_sales_12m: Decimal,
    key_at_risk: i32,
}

#[derive(FromRow)]
struct CountRow {
    figure: String,
    bucket: String,
    clients: i32,
    key_clients: i32,
}

/// The figures the last recompute stored (empty ones before the first).
pub async fn read(db: &sqlx::PgPool) -> sqlx::Result<BaseFigures> {
    let s: StateRow = sqlx::query_as(
        "SELECT pareto, pareto_key, sales_12m, key_sales_12m, key_at_risk FROM scoring_state",
    )
    .fetch_one(db)
    .await?;
    let counts: Vec<CountRow> =
        sqlx::query_as("SELECT figure, bucket, clients, key_clients FROM base_counts")
            .fetch_all(db)
            .await?;
    let count = |figure: &str, bucket: &str| {
        counts
            .iter()
            .find(|c| c.figure == figure && c.bucket == bucket)
            .map(|c| Count {
                clients: c.clients,
                key_clients: c.key_clients,
            })
            .unwrap_or_default()
    };
    Ok(BaseFigures {
        pareto: s.pareto,
        pareto_key: s.pareto_key,
        sales_12m: s.sales_12m,
        key_sales_12m: s.key_sales_12m,
        key_at_risk: s.key_at_risk,
        leagues: League::ALL
            .iter()
            .map(|l| (Some(*l), count("league", l.as_str())))
            .chain([(None, count("league", "none"))])
            .collect(),
        abc_xyz: Abc::ALL
            .iter()
            .flat_map(|a| Xyz::ALL.iter().map(move |x| (*a, *x)))
            .map(|(a, x)| ((a, x), count("abc_xyz", &format!("{a}{x}"))))
            .collect(),
    })
}
