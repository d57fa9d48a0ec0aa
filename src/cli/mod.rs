//! Command-line interface: `serve`, `migrate`, `seed`, `user add`, `import orders`,
//! `import accounts`, `score`.

pub mod import;
pub mod score;

use crate::config::Config;
use crate::db;
use crate::domain::user::{Email, Language, NewPassword, PersonName, Role};
use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use std::io::{BufRead, IsTerminal};

/// KAM Desk: a CRM for key account management.
#[derive(Debug, Parser)]
#[command(name = "kamdesk", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (BIND, PORT, DATABASE_URL; see .env.example).
    Serve,
    /// Apply pending database migrations.
    Migrate(MigrateArgs),
    /// Load demo data.
    Seed(SeedArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Import data from a file.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Score a CSV of accounts (no database needed): see shared/scoring.md.
    Score(score::ScoreArgs),
}

/// `import` subcommands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import orders from a CSV file (columns: see the README): all or nothing, every bad row
    /// reported with its line and column; exit status 2 when the file is refused.
    Orders(ImportOrdersArgs),
    /// Load clients from a CSV file (columns: README.md, "Importing clients"): all or nothing,
    /// a client known by tax id or external id is updated; exit status 2 when refused.
    Accounts(import::ImportAccountsArgs),
}

/// Options of `import orders`.
#[derive(Debug, Args)]
pub struct ImportOrdersArgs {
    /// The CSV file.
    pub file: std::path::PathBuf,
    /// Check the file only; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Options of `migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Revert the migrations instead (all of them, newest first).
    #[arg(long)]
    pub revert_all: bool,
}

/// Options of `seed`.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Build the demo company (users, accounts, teams, contacts, orders, deals, follow-ups).
    #[arg(long, required = true)]
    pub demo: bool,
    /// Number of accounts (300 by default; 100000 for benchmarks).
    #[arg(long, default_value_t = 300)]
    pub accounts: usize,
    /// Random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Do nothing when the database already has users (so a second `scripts/run` keeps data).
    #[arg(long)]
    pub if_empty: bool,
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from the terminal, or from the first line of stdin.
    Add(UserAddArgs),
}

/// Options of `user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// E-mail (the sign-in name).
    #[arg(long)]
    pub email: String,
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// admin, director, kam or assistant.
    #[arg(long)]
    pub role: String,
    /// Interface language: en or ru.
    #[arg(long, default_value = "en")]
    pub language: String,
}

/// Runs a subcommand that needs the database.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let pool = db::pool(&config.database_url, config.db_max_connections)?;
    match cli.command {
        Command::Serve => {
            db::migrate(&pool).await.context("applying migrations")?;
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("binding {}", config.listen))?;
            tracing::info!(
                site = config.site_url.origin(),
                "KAM Desk listening on http://{} (forms are accepted from the site's origin, SITE_URL)",
                listener.local_addr()?
            );
            let app = crate::build_app(pool, config);
            crate::serve(listener, app).await?;
        }
        Command::Migrate(args) => {
            if args.revert_all {
                db::MIGRATOR
                    .undo(&pool, 0)
                    .await
                    .context("reverting migrations")?;
                println!("all migrations reverted");
            } else {
                db::migrate(&pool).await.context("applying migrations")?;
                println!("migrations applied");
            }
        }
        Command::Seed(args) => {
            db::migrate(&pool).await.context("applying migrations")?;
            if args.if_empty && !crate::demo::database_is_empty(&pool).await? {
                println!("database already has data; demo data not loaded");
                return Ok(());
            }
            let started = std::time::Instant::now();
            let hash = crate::auth::hash_password(crate::demo::DEMO_PASSWORD.to_string()).await?;
            let opts = crate::demo::SeedOptions {
                accounts: args.accounts,
                seed: args.seed,
                password_hash: hash,
                today: chrono::Utc::now().date_naive(),
            };
            let report = crate::demo::seed_demo(&pool, &opts).await?;
            // Fresh planner statistics: without them PostgreSQL plans the first queries over a
            // freshly loaded large company as if its tables were empty.
            db::analyze(&pool).await?;
            // Compute the key list now, so the first page view is complete.
            let seq = db::scoring::request_recompute(&pool).await?;
            crate::scoring_worker::run_pending(&pool, opts.today).await?;
            // The past key-list review freezes the list just computed.
            crate::demo::seed_review(&pool, opts.seed, opts.today).await?;
            println!(
                "demo data loaded in {:.1}s: {} users, {} accounts, {} contacts, {} orders, {} deals, {} follow-ups (scoring seq {seq})",
                started.elapsed().as_secs_f64(),
                report.users,
                report.accounts,
                report.contacts,
                report.orders,
                report.deals,
                report.follow_ups
            );
        }
        Command::User(UserCommand::Add(args)) => add_user(&pool, args).await?,
        Command::Import(ImportCommand::Orders(args)) => {
            db::migrate(&pool).await.context("applying migrations")?;
            import_orders(&pool, args).await?;
        }
        Command::Score(_) => unreachable!("handled before the runtime starts"),
        Command::Import(ImportCommand::Accounts(args)) => {
            db::migrate(&pool).await.context("applying migrations")?;
            let code = import::run(&pool, &args).await?;
            if code != import::EXIT_OK {
                std::process::exit(code);
            }
        }
    }
    Ok(())
}

/// Prints the import's progress to standard error every few seconds.
struct StderrProgress {
    total: u64,
    last: std::time::Instant,
}

impl crate::import::Progress for StderrProgress {
    async fn report(&mut self, bytes_read: u64, rows_read: u64) {
        if self.last.elapsed().as_secs() >= 5 {
            self.last = std::time::Instant::now();
            let pct = (bytes_read * 100).checked_div(self.total).unwrap_or(100);
            eprintln!("{rows_read} rows read ({pct}%)");
        }
    }
}

/// The exit status of a refused file (like `kamdesk score`'s bad input).
const REFUSED: i32 = 2;

async fn import_orders(pool: &sqlx::PgPool, args: ImportOrdersArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("opening {}", args.file.display()))?;
    let total = file.metadata()?.len();
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let request = crate::import::ImportRequest {
        scope: db::visibility::AccountScope::All,
        by: None,
        dry_run: args.dry_run,
        file_name: name,
        today: chrono::Utc::now().date_naive(),
    };
    let started = std::time::Instant::now();
    let mut progress = StderrProgress {
        total,
        last: std::time::Instant::now(),
    };
    let outcome = crate::import::import_orders(pool, file, &request, &mut progress).await?;
    let secs = started.elapsed().as_secs_f64();
    if !outcome.problems.is_empty() {
        for p in &outcome.problems.first {
            eprintln!("{}", import::problem_line(p));
        }
        if outcome.problems.more() > 0 {
            eprintln!("... and {} more problems", outcome.problems.more());
        }
        eprintln!(
            "refused: {} problems in {} rows; nothing was imported",
            outcome.problems.count, outcome.rows
        );
        std::process::exit(REFUSED);
    }
    if args.dry_run {
        println!(
            "checked {} rows for {} clients in {secs:.1}s: no problems (dry run: nothing was imported)",
            outcome.rows, outcome.accounts
        );
    } else {
        println!(
            "imported {} orders into {} clients in {secs:.1}s ({:.0} rows/s)",
            outcome.imported,
            outcome.accounts,
            outcome.imported as f64 / secs.max(0.001)
        );
    }
    Ok(())
}

async fn add_user(pool: &sqlx::PgPool, args: UserAddArgs) -> anyhow::Result<()> {
    let email = Email::parse(&args.email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let name = PersonName::parse(&args.name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    let role: Role = args
        .role
        .parse()
        .map_err(|_| anyhow::anyhow!("--role: admin, director, kam or assistant"))?;
    let language: Language = args
        .language
        .parse()
        .map_err(|_| anyhow::anyhow!("--language: en or ru"))?;
    let raw = read_password()?;
    let password = NewPassword::parse(&raw)
        .map_err(|e| anyhow::anyhow!("password: {e} (at least 10 characters)"))?;
    let hash = crate::auth::hash_password(password.expose().to_string()).await?;
    let new = db::users::NewUser {
        email: email.as_str(),
        name: name.as_str(),
        role,
        language,
        password_hash: &hash,
    };
    match db::users::insert_unless_taken(pool, &new).await? {
        Some(id) => {
            println!("user {} added ({id})", email.as_str());
            Ok(())
        }
        None => bail!("a user with e-mail {} already exists", email.as_str()),
    }
}

/// Reads the password: prompted without echo on a terminal, else the first line of standard
/// input (for scripts).
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(rpassword::prompt_password(
            "Password (at least 10 characters): ",
        )?);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
