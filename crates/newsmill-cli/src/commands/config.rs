//! `newsmill config`: a configuration as commented TOML, every key with its value and a line on
//! what it does; `refine -c` reads the output back unchanged.

use crate::exit::{Exit, Outcome};
use newsmill_pipeline::Config;
use std::path::PathBuf;

/// Arguments of `newsmill config`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  newsmill config --default > run.toml      # edit, then: newsmill refine in/ -o out/ -c run.toml\n  \
                        newsmill config -c run.toml               # what run.toml gives, defaults included\n  \
                        newsmill config --markdown > docs/config.md"
)]
pub struct Args {
    /// Print the built-in defaults (also what a bare `newsmill config` prints).
    #[arg(long, conflicts_with = "config")]
    pub default: bool,
    /// Print the configuration this file gives, defaults filled in (the file is checked as
    /// `refine -c` checks it).
    #[arg(short, long)]
    pub config: Option<PathBuf>,
    /// Print the reference page (docs/config.md) instead of TOML.
    #[arg(long, conflicts_with_all = ["config", "default"])]
    pub markdown: bool,
}

/// Prints the configuration.
pub fn run(args: Args) -> Outcome {
    if args.markdown {
        print!("{}", newsmill_pipeline::config_markdown());
        return Ok(Exit::Ok);
    }
    let config = match &args.config {
        Some(path) => Config::from_file(path)?,
        None => Config::default(),
    };
    print!("{}", newsmill_pipeline::commented_toml(&config));
    Ok(Exit::Ok)
}
