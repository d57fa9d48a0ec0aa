//! The `kamdesk` binary: config → telemetry → pool → migrate → serve, or a CLI subcommand.

use clap::Parser;

// mimalloc rather than the system allocator: a key-list recompute decodes and frees hundreds of
// thousands of small strings (locations, ids), where it is markedly faster (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = kamdesk::cli::Cli::parse();
    // `score` needs no database and no runtime: it is a pure batch command.
    if let kamdesk::cli::Command::Score(args) = &cli.command {
        let code = kamdesk::cli::score::run(
            args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(code as u8);
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(kamdesk::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
