//! `newsmill stages`: the stage catalogue, one line each.

use crate::exit::{Exit, Outcome};
use newsmill_pipeline::CATALOGUE;

/// Arguments of `newsmill stages`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Prints every stage with its pass and one line on what it does.
pub fn run(_args: Args) -> Outcome {
    for s in CATALOGUE {
        println!("{:<12} {:<8} {}", s.name, s.pass.label(), s.summary);
    }
    Ok(Exit::Ok)
}
