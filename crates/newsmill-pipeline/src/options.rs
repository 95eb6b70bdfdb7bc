//! How a run is asked for: what every step of it reads.

use crate::config::{Config, Format};
use std::path::PathBuf;

/// How to run `refine`.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Input files, folders, or `-`.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Stages and their settings.
    pub config: Config,
    /// The config file's text (empty for the built-in default); part of the resume fingerprint.
    pub config_text: String,
    /// Worker threads.
    pub threads: usize,
    /// Tasks per phase; default: one per input file, at most 64.
    pub tasks: Option<usize>,
    /// Which article files to write.
    pub format: Format,
    /// Stop at the first input error.
    pub strict: bool,
    /// Reuse finished tasks of an earlier, interrupted run with the same arguments.
    pub resume: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Print no warnings on stderr (errors still go to the report).
    pub quiet: bool,
    /// Keep the work folder (`OUT/.work`) after a successful run.
    pub keep_work: bool,
}
