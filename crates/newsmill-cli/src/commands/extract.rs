//! `newsmill extract`: HTML pages in, article text (or JSON lines with metadata) out.

use std::path::PathBuf;

/// Arguments of `newsmill extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// HTML files (gzip/zstd accepted), or `-` for stdin.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// One JSON line per page: path, url, title, date, author, site, language, text.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command; returns the process exit code.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("extract: not implemented yet")
}
