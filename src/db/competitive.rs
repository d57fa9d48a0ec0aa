//! Competitive grids (issue 12, `domain::competitive`): every save is a new version of the
//! account's grid, earlier versions are kept for the trend. A save names the version it was
//! based on and writes the next one; when someone saved in between, the insert meets the
//! unique (account, version) key and the save is stale.

use crate::domain::competitive::{Criterion, Grid};
use crate::domain::ids::{AccountId, GridId, UserId};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor};

/// One stored version of a grid.
#[derive(Debug, Clone)]
pub struct StoredGrid {
    /// The version's row.
    pub id: GridId,
    /// Its number (1, 2, ...).
    pub version: i32,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// Who saved it.
    pub created_by: Option<String>,
    /// The grid.
    pub grid: Grid,
}

#[derive(FromRow)]
struct GridHead {
    id: GridId,
    version: i32,
    rivals: Vec<String>,
    created_at: DateTime<Utc>,
    created_by: Option<String>,
}

#[derive(FromRow)]
struct CriterionRow {
    grid_id: GridId,
    name: String,
    weight: Decimal,
    scores: Vec<i16>,
}

/// Every version of `account`'s grid, newest first.
pub async fn versions(
    conn: &mut PgConnection,
    account: AccountId,
) -> sqlx::Result<Vec<StoredGrid>> {
    let heads: Vec<GridHead> = sqlx::query_as(
        "SELECT g.id, g.version, g.rivals, g.created_at, u.name AS created_by
           FROM competitive_grids g LEFT JOIN users u ON u.id = g.created_by
          WHERE g.account_id = $1 ORDER BY g.version DESC",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<CriterionRow> = sqlx::query_as(
        "SELECT c.grid_id, c.name, c.weight, c.scores
           FROM competitive_criteria c JOIN competitive_grids g ON g.id = c.grid_id
          WHERE g.account_id = $1 ORDER BY c.grid_id, c.position",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(heads
        .into_iter()
        .map(|h| StoredGrid {
            grid: Grid {
                rivals: h.rivals,
                criteria: rows
                    .iter()
                    .filter(|r| r.grid_id == h.id)
                    .map(|r| Criterion {
                        name: r.name.clone(),
                        weight: r.weight,
                        scores: r
                            .scores
                            .iter()
                            .map(|s| u8::try_from(*s).unwrap_or(0))
                            .collect(),
                    })
                    .collect(),
            },
            id: h.id,
            version: h.version,
            created_at: h.created_at,
            created_by: h.created_by,
        })
        .collect())
}

/// The number of the latest version of `account`'s grid (0: none yet).
pub async fn latest_version(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<i32> {
    sqlx::query_scalar(
        "SELECT coalesce(max(version), 0) FROM competitive_grids WHERE account_id = $1",
    )
    .bind(account)
    .fetch_one(db)
    .await
}

/// Writes `grid` as version `version` of `account`'s grid; false when that version exists
/// already (someone saved since the form was loaded).
pub async fn insert(
    conn: &mut PgConnection,
    id: GridId,
    account: AccountId,
    version: i32,
    grid: &Grid,
    user: UserId,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO competitive_grids (id, account_id, version, rivals, created_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, version) DO NOTHING",
    )
    .bind(id)
    .bind(account)
    .bind(version)
    .bind(&grid.rivals)
    .bind(user)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let positions: Vec<i16> = (0..grid.criteria.len() as i16).collect();
    let names: Vec<&str> = grid.criteria.iter().map(|c| c.name.as_str()).collect();
    let weights: Vec<Decimal> = grid.criteria.iter().map(|c| c.weight).collect();
    // Scores as text arrays ("{5,6,7}"): UNNEST cannot take a two-dimensional array apart row
    // by row.
    let scores: Vec<String> = grid
        .criteria
        .iter()
        .map(|c| {
            let inner: Vec<String> = c.scores.iter().map(u8::to_string).collect();
            format!("{{{}}}", inner.join(","))
        })
        .collect();
    sqlx::query(
        "INSERT INTO competitive_criteria (grid_id, position, name, weight, scores)
         SELECT $1, u.position, u.name, u.weight, u.scores::smallint[]
           FROM UNNEST($2::smallint[], $3::text[], $4::numeric[], $5::text[])
                AS u(position, name, weight, scores)",
    )
    .bind(id)
    .bind(&positions)
    .bind(&names)
    .bind(&weights)
    .bind(&scores)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}
