//! `newsmill quotes`: JSONL documents in, one line of attributed quotations per document out.

use std::path::PathBuf;

/// Arguments of `newsmill quotes`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSONL with `text` and `id` or `doc_id`; `-` for stdin.
    pub input: PathBuf,
}

/// Runs the command; returns the process exit code.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("quotes: not implemented yet")
}
