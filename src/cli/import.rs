//! `kamdesk import accounts FILE.csv [--dry-run] [--as EMAIL]`: loads a client base from a CSV
//! file (columns in README.md, "Importing clients"; a sample in docs/samples/accounts.csv).
//!
//! All or nothing: the file is read and checked whole, then written in one transaction that
//! is committed only when every row is good (a dry run rolls it back and reports what would
//! have been created or updated). Every bad row is reported by line, column and reason, in
//! English (the messages of the upload page). Progress goes to standard error.

use crate::db;
use crate::db::account_import::{Action, Done, Outcome};
use crate::domain::ids::UserId;
use crate::domain::import::{Problem, Problems};
use crate::domain::user::Language;
use crate::i18n;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Exit status: imported (or dry run done).
pub const EXIT_OK: i32 = 0;
/// Exit status: the file has problems; nothing was imported.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Options of `import accounts`.
#[derive(Debug, Args)]
pub struct ImportAccountsArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// Check the file and report what would change; save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// E-mail of the director or admin the changes are recorded under (history, audit log).
    #[arg(long = "as")]
    pub as_user: Option<String>,
}

/// One problem of an import file as a line of a report in English:
/// `line 3, column tax_id: <reason> ("12ab")`.
pub fn problem_line(p: &Problem) -> String {
    let mut s = format!("line {}", p.line);
    if !p.column.is_empty() {
        s.push_str(&format!(", column {}", p.column));
    }
    s.push_str(&format!(": {}", i18n::message(Language::En, &p.reason)));
    if !p.detail.is_empty() {
        s.push_str(&format!(" ({:?})", p.detail));
    }
    s
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The file's name (handover notes say "imported from" it).
    pub file_name: &'a str,
    /// Check only.
    pub dry_run: bool,
    /// The director or admin recorded as the author (None: the system).
    pub by: Option<UserId>,
}

/// Imports as `req` says, writing the report to `out` and progress to `err`; the exit status.
pub async fn accounts(
    pool: &sqlx::PgPool,
    req: Request<'_>,
    out: &mut dyn Write,
    err: &mut (dyn Write + Send),
) -> anyhow::Result<i32> {
    let mut progress = |done: usize, total: usize| {
        let _ = writeln!(
            err,
            "{}",
            i18n::t_args(
                Language::En,
                "import-progress",
                &[
                    ("done", (done as i64).into()),
                    ("total", (total as i64).into())
                ]
            )
        );
    };
    let who = db::account_import::ImportBy {
        by: req.by,
        file_name: req.file_name,
        today: chrono::Utc::now().date_naive(),
    };
    let imported =
        crate::import::accounts::import_accounts(pool, req.bytes, &who, req.dry_run, &mut progress)
            .await?;
    match imported {
        Err(problems) => {
            report_refused(out, &problems)?;
            Ok(EXIT_BAD_INPUT)
        }
        Ok(outcome) => {
            report_done(out, &outcome, req.dry_run)?;
            Ok(EXIT_OK)
        }
    }
}

fn report_refused(out: &mut dyn Write, problems: &Problems) -> std::io::Result<()> {
    writeln!(out, "{}", i18n::t(Language::En, "import-refused"))?;
    for p in &problems.first {
        writeln!(out, "{}", problem_line(p))?;
    }
    if problems.more() > 0 {
        writeln!(out, "… {} more", problems.more())?;
    }
    Ok(())
}

fn report_done(out: &mut dyn Write, outcome: &Outcome, dry_run: bool) -> std::io::Result<()> {
    let t = |key: &str| i18n::t(Language::En, key);
    writeln!(
        out,
        "{}",
        t(if dry_run {
            "import-dry-run-done"
        } else {
            "import-done"
        })
    )?;
    for (key, action) in [
        ("import-created", Action::Created),
        ("import-updated", Action::Updated),
        ("import-unchanged", Action::Unchanged),
    ] {
        let n = outcome.count(action) as i64;
        writeln!(
            out,
            "{}",
            i18n::t_args(Language::En, key, &[("count", n.into())])
        )?;
    }
    if dry_run {
        for Done { line, name, action } in &outcome.rows {
            writeln!(out, "line {line}: {} {name}", t(action.message_key()))?;
        }
    }
    Ok(())
}

/// `import accounts` from the command line.
pub async fn run(pool: &sqlx::PgPool, args: &ImportAccountsArgs) -> anyhow::Result<i32> {
    use anyhow::Context;
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let by = match &args.as_user {
        None => None,
        Some(email) => {
            let user = db::users::find_by_email(pool, email)
                .await?
                .filter(|u| {
                    use crate::domain::permissions::{Action, Relation, allows};
                    u.active && allows(u.role, Action::ImportAccounts, Relation::NoAccount)
                })
                .with_context(|| format!("{email} is not an active director or admin"))?;
            Some(user.id)
        }
    };
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let req = Request {
        bytes,
        file_name: &file_name,
        dry_run: args.dry_run,
        by,
    };
    accounts(pool, req, &mut std::io::stdout(), &mut std::io::stderr()).await
}
