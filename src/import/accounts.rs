//! Importing the client base from a CSV file: `kamdesk import accounts FILE.csv` and the upload
//! page's job run [`import_accounts`]. The file is read by [`crate::domain::account_import`]
//! (every bad cell by line and column) and written by [`crate::db::account_import`] in one
//! transaction, committed only when every row is good and the run is not a dry run.
//!
//! Unlike the order import, the file is read whole: a client base is a few tens of megabytes
//! at most (100,000 clients are about 15 MB), and matching by tax id or external id wants
//! every row first (a repeated id anywhere in the file is a problem of the later line). A file
//! over [`MAX_FILE_BYTES`] is refused without being read.

use crate::db;
use crate::db::account_import::{Applied, ImportBy, Outcome};
use crate::domain::account_import::{self, Parsed};
use crate::domain::import::{Problem, Problems};

/// The largest client-base file read (bytes).
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// The problem of a file over [`MAX_FILE_BYTES`].
pub fn too_large() -> Problems {
    let mut p = Problems::default();
    p.push(Problem::line(
        1,
        format!("error-import-too-large#{}", MAX_FILE_BYTES / (1024 * 1024)),
        "",
    ));
    p
}

/// Imports `bytes` as `who` says: `Ok(Ok(outcome))` when every row was good (written, unless
/// `dry_run`), `Ok(Err(problems))` when the file was refused (nothing written), `Err` when the
/// database failed (nothing written either). `progress` hears (rows written, rows in all).
pub async fn import_accounts(
    pool: &sqlx::PgPool,
    bytes: Vec<u8>,
    who: &ImportBy<'_>,
    dry_run: bool,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Result<Outcome, Problems>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(too_large()));
    }
    // Parsing a big file is a second of CPU: off the request threads.
    let parsed = tokio::task::spawn_blocking(move || account_import::parse(&bytes)).await?;
    let rows = match parsed {
        Parsed::Rows(rows) => rows,
        Parsed::Problems(problems) => return Ok(Err(problems)),
    };
    if rows.is_empty() {
        let mut p = Problems::default();
        p.push(Problem::line(1, "error-import-no-rows", ""));
        return Ok(Err(p));
    }
    let total = rows.len();
    let mut tx = pool.begin().await?;
    let applied =
        db::account_import::apply(&mut tx, &rows, who, &mut |done| progress(done, total)).await?;
    match applied {
        Applied::Refused(problems) => {
            tx.rollback().await?;
            Ok(Err(problems))
        }
        Applied::Done(outcome) => {
            if dry_run {
                tx.rollback().await?;
            } else {
                tx.commit().await?;
            }
            Ok(Ok(outcome))
        }
    }
}
