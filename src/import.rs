//! Importing orders from a CSV file: `kamdesk import orders FILE.csv [--dry-run]` and the upload
//! page's job run [`import_orders`]. The client base's import is [`accounts`].
//!
//! - **Streaming.** A thread parses the file as it reads it, 10,000 rows at a time, and hands
//!   each batch to the writer; neither holds the file. Parsing (one core) and PostgreSQL's
//!   writing (the other) overlap.
//! - **All or nothing.** Every row goes through the order entry form's own rules
//!   ([`crate::domain::order::parse_order`]) and the account must exist and be visible to the
//!   importer. Rows are written through the orders writer's bulk form in one transaction, which
//!   commits only when the whole file was good. After the first bad row nothing more is
//!   written, but the file is still read to the end so that the report names **every** bad row
//!   (the first [`MAX_PROBLEMS`](crate::domain::import::MAX_PROBLEMS) with line, column and
//!   reason, and the count of the rest).
//! - **Others keep working.** The import's transaction defers the scoring request and the
//!   order-statistics marks to its end ([`db::orders::begin_bulk`]), so orders logged by pages
//!   meanwhile never wait for it.
//!
//! Columns (header row, any order, names as below; `,` or `;` separated, UTF-8):
//! `account_id` (required), `ordered_on` (`YYYY-MM-DD` or `DD.MM.YYYY`, required), `amount`
//! (required), `margin`, `currency` (`RUB` when empty), `description`, `status` (required).

pub mod accounts;

use crate::db;
use crate::db::visibility::AccountScope;
use crate::domain::ids::{AccountId, OrderId, UserId};
use crate::domain::import::Problems;
use crate::domain::order::{OrderDraft, OrderField, OrderFields, parse_order};
use crate::domain::system_text::Text;
use chrono::NaiveDate;
use sqlx::PgPool;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The column naming the account.
pub const ACCOUNT_COLUMN: &str = "account_id";

/// Rows parsed and written per batch.
const BATCH_ROWS: usize = db::BULK_ROWS;

/// Who imports, and how.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The accounts the importer may write to.
    pub scope: AccountScope,
    /// Who logs the orders (None: the command line, "the system").
    pub by: Option<UserId>,
    /// Only check the file.
    pub dry_run: bool,
    /// The file's name, for the accounts' history.
    pub file_name: String,
    /// The date the order dates are checked against (today).
    pub today: NaiveDate,
}

/// How an import ended (when it ran to the end: a database error is an `Err`).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Data rows read.
    pub rows: u64,
    /// Orders written (0 for a dry run or a refused file).
    pub imported: u64,
    /// Accounts the orders went to.
    pub accounts: u64,
    /// What was wrong with the file; empty when it was good.
    pub problems: Problems,
}

/// Where an import reports how far it got.
pub trait Progress: Send {
    /// Called after each batch with the bytes and data rows read so far.
    fn report(&mut self, bytes_read: u64, rows_read: u64) -> impl Future<Output = ()> + Send;
}

/// No progress reports.
pub struct Silent;

impl Progress for Silent {
    async fn report(&mut self, _: u64, _: u64) {}
}

/// A row that passed every rule of its own.
struct ParsedRow {
    line: u64,
    account: AccountId,
    fields: OrderFields,
}

/// What the parsing thread hands over: rows, problems, and how far it read.
struct Batch {
    rows: Vec<ParsedRow>,
    problems: Vec<(u64, String, String)>,
    rows_read: u64,
}

/// The columns of the file, by position.
struct Columns {
    account: usize,
    fields: Vec<(OrderField, usize)>,
    count: usize,
}

/// Reads the header: every known column at most once, the required ones present.
fn columns(
    header: &csv::StringRecord,
    problems: &mut Vec<(u64, String, String)>,
) -> Option<Columns> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let known =
        |name: &str| name == ACCOUNT_COLUMN || OrderField::ALL.iter().any(|f| f.name() == name);
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim();
        if !known(name) {
            problems.push((
                1,
                name.to_string(),
                "error-order-import-unknown-column".into(),
            ));
        } else if seen.insert(name, i).is_some() {
            problems.push((
                1,
                name.to_string(),
                "error-order-import-duplicate-column".into(),
            ));
        }
    }
    let required = [
        ACCOUNT_COLUMN,
        OrderField::OrderedOn.name(),
        OrderField::Amount.name(),
        OrderField::Status.name(),
    ];
    for name in required {
        if !seen.contains_key(name) {
            problems.push((
                1,
                name.to_string(),
                "error-order-import-missing-column".into(),
            ));
        }
    }
    if !problems.is_empty() {
        return None;
    }
    Some(Columns {
        account: seen[ACCOUNT_COLUMN],
        fields: OrderField::ALL
            .iter()
            .filter_map(|f| seen.get(f.name()).map(|&i| (*f, i)))
            .collect(),
        count: header.len(),
    })
}

/// Counts the bytes read through it (the progress of a file whose size is known).
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The delimiter of a file whose first line is `header`: `;` when it has more semicolons than
/// commas (a spreadsheet saved as CSV in a Russian locale), else `,`.
fn delimiter(header: &[u8]) -> u8 {
    let line = header.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Parses the file on the calling (blocking) thread, sending batches until the file ends or the
/// writer hangs up.
fn parse(
    input: impl Read,
    today: NaiveDate,
    read: Arc<AtomicU64>,
    tx: tokio::sync::mpsc::Sender<Batch>,
) {
    let mut input = BufReader::with_capacity(256 * 1024, Counting { inner: input, read });
    let send = |b: Batch| tx.blocking_send(b).is_ok();
    let mut problems = vec![];
    let head = match input.fill_buf() {
        Ok(buf) => buf.to_vec(),
        Err(_) => {
            problems.push((1, String::new(), "error-order-import-unreadable".into()));
            send(Batch {
                rows: vec![],
                problems,
                rows_read: 0,
            });
            return;
        }
    };
    // A byte-order mark (Excel writes one) is not part of the first column's name.
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .map_or(head.as_slice(), |h| h);
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        problems.push((1, String::new(), "error-order-import-empty-file".into()));
        send(Batch {
            rows: vec![],
            problems,
            rows_read: 0,
        });
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(head))
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push((1, String::new(), csv_problem(&e).into()));
            send(Batch {
                rows: vec![],
                problems,
                rows_read: 0,
            });
            return;
        }
    };
    let Some(cols) = columns(&header, &mut problems) else {
        send(Batch {
            rows: vec![],
            problems,
            rows_read: 0,
        });
        return;
    };
    let mut rows = Vec::with_capacity(BATCH_ROWS);
    let mut rows_read = 0u64;
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                rows_read += 1;
                let line = record.position().map_or(line, |p| p.line());
                if record.len() != cols.count {
                    problems.push((line, String::new(), "error-order-import-field-count".into()));
                } else if let Some(row) = parse_row(&record, &cols, line, today, &mut problems) {
                    rows.push(row);
                }
            }
            Err(e) => {
                // Not UTF-8, or unreadable: name the line and stop, the rest cannot be trusted.
                let line = e.position().map_or(line, |p| p.line());
                problems.push((line, String::new(), csv_problem(&e).into()));
                rows_read += 1;
                break;
            }
        }
        if rows.len() + problems.len() >= BATCH_ROWS {
            let batch = Batch {
                rows: std::mem::replace(&mut rows, Vec::with_capacity(BATCH_ROWS)),
                problems: std::mem::take(&mut problems),
                rows_read,
            };
            if !send(batch) {
                return;
            }
        }
    }
    send(Batch {
        rows,
        problems,
        rows_read,
    });
}

/// The message of a CSV reading error.
fn csv_problem(e: &csv::Error) -> &'static str {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "error-order-import-not-utf8",
        _ => "error-order-import-unreadable",
    }
}

/// One data row through the order rules; its problems are recorded under its line.
fn parse_row(
    record: &csv::StringRecord,
    cols: &Columns,
    line: u64,
    today: NaiveDate,
    problems: &mut Vec<(u64, String, String)>,
) -> Option<ParsedRow> {
    let value = |f: OrderField| {
        cols.fields
            .iter()
            .find(|(g, _)| *g == f)
            .map_or("", |(_, i)| &record[*i])
    };
    let draft = OrderDraft {
        ordered_on: value(OrderField::OrderedOn),
        amount: value(OrderField::Amount),
        margin: value(OrderField::Margin),
        currency: value(OrderField::Currency),
        description: value(OrderField::Description),
        status: value(OrderField::Status),
    };
    let raw_account = record[cols.account].trim();
    let account = if raw_account.is_empty() {
        problems.push((line, ACCOUNT_COLUMN.into(), "error-required".into()));
        None
    } else {
        match raw_account.parse::<AccountId>() {
            Ok(a) => Some(a),
            Err(_) => {
                problems.push((
                    line,
                    ACCOUNT_COLUMN.into(),
                    "error-order-import-bad-account-id".into(),
                ));
                None
            }
        }
    };
    let fields = match parse_order(&draft, today) {
        Ok(f) => Some(f),
        Err(list) => {
            for (field, problem) in list {
                problems.push((line, field.name().into(), problem.message_key()));
            }
            None
        }
    };
    Some(ParsedRow {
        line,
        account: account?,
        fields: fields?,
    })
}

/// Imports the orders of `input` (a CSV file, see the module's documentation) as `request`
/// says. `Ok` with problems: the file was refused and nothing was written; `Err`: the database
/// failed, and nothing was written either.
pub async fn import_orders(
    pool: &PgPool,
    input: impl Read + Send + 'static,
    request: &ImportRequest,
    progress: &mut impl Progress,
) -> anyhow::Result<Outcome> {
    let read = Arc::new(AtomicU64::new(0));
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(2);
    let parser = {
        let read = read.clone();
        let today = request.today;
        tokio::task::spawn_blocking(move || parse(input, today, read, tx))
    };
    let mut outcome = Outcome::default();
    let mut conn = if request.dry_run {
        None
    } else {
        let mut t = pool.begin().await?;
        db::orders::begin_bulk(&mut t).await?;
        Some(t)
    };
    let mut per_account: HashMap<AccountId, i64> = HashMap::new();
    let mut known: HashSet<AccountId> = HashSet::new();
    while let Some(batch) = rx.recv().await {
        outcome.rows = batch.rows_read;
        // Problems arrive per batch in file order, the account check's after its batch's own.
        let mut problems = batch.problems;
        let ids: Vec<AccountId> = batch
            .rows
            .iter()
            .map(|r| r.account)
            .filter(|a| !known.contains(a))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if !ids.is_empty() {
            known.extend(db::order_import::visible_accounts(pool, request.scope, &ids).await?);
        }
        let mut orders = Vec::with_capacity(batch.rows.len());
        for row in batch.rows {
            if !known.contains(&row.account) {
                problems.push((
                    row.line,
                    ACCOUNT_COLUMN.into(),
                    "error-order-import-unknown-account".into(),
                ));
                continue;
            }
            orders.push(db::orders::NewOrder {
                id: OrderId::new(),
                account_id: row.account,
                ordered_on: row.fields.ordered_on,
                amount: row.fields.amount,
                margin: row.fields.margin,
                currency: row.fields.currency,
                description: Text::Typed(row.fields.description),
                status: row.fields.status,
                logged_by: request.by,
                created_at: None,
            });
        }
        problems.sort_by_key(|(line, _, _)| *line);
        for (line, column, reason) in problems {
            outcome.problems.add(line, &column, reason);
        }
        // After the first problem nothing more is written: the transaction will not commit.
        if outcome.problems.is_empty()
            && let Some(tx) = conn.as_mut()
        {
            db::orders::insert_many(tx, &orders).await?;
            for o in &orders {
                *per_account.entry(o.account_id).or_default() += 1;
            }
            outcome.imported += orders.len() as u64;
        }
        progress
            .report(read.load(Ordering::Relaxed), outcome.rows)
            .await;
    }
    parser.await?;
    if outcome.problems.is_empty() && outcome.rows == 0 {
        outcome.problems.add(1, "", "error-order-import-no-rows");
    }
    match conn {
        Some(mut tx) if outcome.problems.is_empty() => {
            let accounts: Vec<(AccountId, i64)> = per_account.into_iter().collect();
            let ids: Vec<AccountId> = accounts.iter().map(|(a, _)| *a).collect();
            db::order_import::record_imported(
                &mut tx,
                request.by,
                uuid::Uuid::now_v7(),
                &request.file_name,
                &accounts,
            )
            .await?;
            db::orders::finish_bulk(&mut tx, &ids).await?;
            tx.commit().await?;
            outcome.accounts = ids.len() as u64;
        }
        _ => {
            // Refused or a dry run: nothing is kept.
            outcome.imported = 0;
            if request.dry_run {
                outcome.accounts = known.len() as u64;
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_separated_header_is_read_as_such() {
        assert_eq!(
            delimiter(b"account_id;ordered_on;amount;status\n1,2;3"),
            b';'
        );
        assert_eq!(delimiter(b"account_id,ordered_on,amount,status"), b',');
        assert_eq!(delimiter(b"account_id,description;x,amount"), b',');
    }

    #[test]
    fn the_header_must_name_the_required_columns_once_and_no_others() {
        let mut problems = vec![];
        let header =
            csv::StringRecord::from(vec!["account_id", "amount", "amount", "colour", "status"]);
        assert!(columns(&header, &mut problems).is_none());
        let reasons: Vec<(&str, &str)> = problems
            .iter()
            .map(|(_, c, r)| (c.as_str(), r.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                ("amount", "error-order-import-duplicate-column"),
                ("colour", "error-order-import-unknown-column"),
                ("ordered_on", "error-order-import-missing-column"),
            ]
        );
        let mut problems = vec![];
        let header = csv::StringRecord::from(vec![" status", "amount", "ordered_on", "account_id"]);
        let cols = columns(&header, &mut problems).unwrap();
        assert_eq!(cols.account, 3);
        assert!(problems.is_empty());
    }
}
