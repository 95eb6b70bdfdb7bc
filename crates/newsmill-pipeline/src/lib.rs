//! The `refine` run: the stage catalogue ([`CATALOGUE`]) and TOML config ([`Config`]), a task
//! runner that writes every output atomically and can resume ([`run`]), and the run report
//! ([`Report`]).
//!
//! A run has three steps, each split into tasks over input shards so that the same task code
//! runs locally or on a cluster:
//! 1. **process** — read inputs, run the document stages (extract, normalize, clean, language,
//!    quality), write kept documents and rejects per task;
//! 2. **dedup** — the barrier stages' phases (exact hashes, site boilerplate, MinHash LSH,
//!    clusters and originals);
//! 3. **final** — apply the barriers' decisions, run the finalize stages (quotes), then merge every
//!    task's files into `articles.jsonl` / `articles.parquet` and `rejects.jsonl` in input order.
#![warn(missing_docs)]

mod batch;
mod catalogue;
mod config;
mod config_docs;
mod error;
mod finalize;
mod merge;
mod options;
mod parquet;
mod process;
mod progress;
mod records;
mod report;
mod run;
mod safety;
mod timing;

pub use catalogue::{stage_def, Build, Pass, StageDef, StageList, CATALOGUE};
pub use config::{Config, Format, Limits};
pub use config_docs::{commented_toml, config_markdown};
pub use error::{ConfigError, RunError};
pub use options::RunOptions;
pub use records::{article_record, PendingReject};
pub use report::{FileDigest, Report, TaskSummary};
pub use run::{run, run_step, Step};
pub use timing::{StepReport, Timing};
