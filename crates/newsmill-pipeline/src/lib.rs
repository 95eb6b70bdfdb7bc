//! The `refine` run: a stage registry and TOML config ([`Config`]), a task runner that writes
//! every output atomically and can resume ([`run`]), and the run report ([`Report`]).
//!
//! A run has three steps, each split into tasks over input shards so that the same task code
//! runs locally or on a cluster:
//! 1. **process** — read inputs, run the document stages (extract, normalize, clean, language,
//!    quality), write kept documents and rejects per task;
//! 2. **dedup** — the cross-document barrier (exact hashes, site boilerplate, MinHash LSH,
//!    clusters and originals);
//! 3. **final** — apply the dedup decisions, run the finalize stages (quotes), then merge every
//!    task's files into `articles.jsonl` / `articles.parquet` and `rejects.jsonl` in input order.
#![warn(missing_docs)]

mod config;
mod files;
mod merge;
mod parquet;
mod records;
mod registry;
mod report;
mod run;

pub use config::{stage_info, Config, Format, Limits, Pass, StageInfo, STAGES};
pub use files::AtomicFile;
pub use records::{article_record, PendingReject};
pub use report::{Report, TaskSummary};
pub use run::{run, run_step, RunError, RunOptions, Step};
