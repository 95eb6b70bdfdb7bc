//! `newsmill`: turns raw news crawl into clean, deduplicated, attributed article records.
//!
//! A thin binary: each subcommand lives in `commands/` and calls into the library crates.

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Clean, deduplicated, attributed news articles from raw crawl.
#[derive(Parser, Debug)]
#[command(name = "newsmill", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Refine(args) => commands::refine::run(args),
        Command::Stages(args) => commands::stages::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Quotes(args) => commands::quotes::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("newsmill: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
