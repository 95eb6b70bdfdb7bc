//! `newsmill`: turns raw news crawl into clean, deduplicated, attributed article records.
//!
//! A thin binary: each subcommand lives in `commands/` and calls into the library crates; the
//! exit codes are one table for all of them ([`exit`]).

mod commands;
mod exit;
mod logging;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// Clean, deduplicated, attributed news articles from raw crawl.
#[derive(Parser, Debug)]
#[command(name = "newsmill", version, about, long_about = None, after_help = after_help())]
struct Cli {
    /// More log lines on stderr: -v info, -vv debug (stages and files), -vvv trace; RUST_LOG
    /// (e.g. `RUST_LOG=newsmill_pipeline=debug`) overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

fn after_help() -> String {
    format!(
        "Examples:\n  newsmill refine crawl.warc.gz -o out/\n  newsmill extract page.html\n  \
         newsmill config --default > run.toml\n\n{}",
        exit::TABLE
    )
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Raw news in; clean, deduplicated, attributed articles, rejects and a report out.
    Refine(commands::refine::Args),
    /// List the stages a run can use.
    Stages(commands::stages::Args),
    /// Extract the article text and metadata from HTML pages.
    Extract(commands::extract::Args),
    /// Find quotations and their speakers in JSONL documents.
    Quotes(commands::quotes::Args),
    /// Print a configuration as commented TOML (the defaults, or what a file gives).
    Config(commands::config::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::completions::Args),
    /// Print the manual page (roff) on stdout.
    Man(commands::completions::ManArgs),
}

/// Output into a closed pipe (`newsmill man | head`) ends the process quietly, as it does for
/// other command-line tools, instead of an error about a broken pipe.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restores the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    logging::init(cli.verbose);
    let result = match cli.command {
        Command::Refine(args) => commands::refine::run(args),
        Command::Stages(args) => commands::stages::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Quotes(args) => commands::quotes::run(args),
        Command::Config(args) => commands::config::run(args),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
        Command::Man(args) => commands::completions::man(args, Cli::command()),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(failure) => {
            eprintln!("newsmill: error: {:#}", failure.error);
            ExitCode::from(failure.exit as u8)
        }
    }
}
