//! `newsmill stages`: the stage catalogue, one line each.

use newsmill_pipeline::{Pass, STAGES};

/// Arguments of `newsmill stages`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Prints every stage with its pass and one line on what it does.
pub fn run(_args: Args) -> anyhow::Result<u8> {
    for s in STAGES {
        let pass = match s.pass {
            Pass::Process => "process",
            Pass::Barrier => "dedup",
            Pass::Finalize => "final",
        };
        println!("{:<12} {:<8} {}", s.name, pass, s.summary);
    }
    Ok(0)
}
