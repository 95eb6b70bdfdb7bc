//! `report.json`: what every stage did, what was read, what went wrong, and whether every input
//! record is accounted for.

use crate::merge::OutputCounts;
use crate::options::RunOptions;
use newsmill_core::{InputError, StatsTable};
use newsmill_io::InputFile;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// Most input errors listed one by one in the report (all are counted).
const MAX_LISTED_ERRORS: usize = 1000;

/// What one task of a pass did; stored in its done marker so a resumed run can report on it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TaskSummary {
    /// Input files read.
    pub files: u64,
    /// Input bytes (as stored, compressed or not).
    pub bytes: u64,
    /// Records that entered the pass.
    pub records_in: u64,
    /// Records the pass kept.
    pub kept: u64,
    /// Records the pass rejected.
    pub rejected: u64,
    /// HTML records rejected because the extract stage was not selected.
    pub not_extracted: u64,
    /// Records skipped by kind (WARC request and metadata records, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Input errors, each with file and position.
    pub errors: Vec<InputError>,
    /// What the readers counted (NULs removed, bodies read despite their encoding, ...).
    #[serde(default)]
    pub read: newsmill_io::ReadStatsSnapshot,
    /// Per-stage stats.
    pub stats: StatsTable,
}

/// The input side of the report.
#[derive(Debug, Clone, Serialize)]
pub struct InputsReport {
    /// Files read.
    pub files: u64,
    /// Bytes as stored.
    pub bytes: u64,
    /// Records read (documents plus records that could not become documents).
    pub records: u64,
    /// Records skipped by kind; not documents, so not in the accounting.
    pub skipped: BTreeMap<String, u64>,
    /// What the readers counted: bytes decompressed, records decoded lossily, NUL bytes removed,
    /// bodies read despite their `Content-Encoding`, truncated records kept, unreadable dates.
    pub read: newsmill_io::ReadStatsSnapshot,
}

/// Input errors: a count and the first ones in full.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorsReport {
    /// How many.
    pub count: u64,
    /// The first errors, each naming file and position.
    pub first: Vec<InputError>,
}

/// Records that reuse an id an earlier record already had: a count and the first ones.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateIdsReport {
    /// How many records reuse an id.
    pub count: u64,
    /// The first of them in input order, each with the file and record of the later use.
    pub first: Vec<DuplicateIdEntry>,
}

/// One record that reuses an id.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateIdEntry {
    /// The reused id.
    pub id: String,
    /// The input file of the later record.
    pub path: String,
    /// Its 0-based record ordinal in that file.
    pub record: u64,
}

/// The invariant every run checks: every input record is in articles or rejects, exactly once.
#[derive(Debug, Clone, Serialize)]
pub struct Accounting {
    /// True when the counts add up.
    pub ok: bool,
    /// Records read.
    pub records_in: u64,
    /// Articles written.
    pub articles: u64,
    /// Rejects written.
    pub rejects: u64,
}

/// Run totals.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Wall seconds.
    pub seconds: f64,
    /// Worker threads.
    pub threads: usize,
    /// Tasks per phase.
    pub tasks: usize,
    /// Records per wall second.
    pub docs_per_second: f64,
    /// Input MB (10^6 bytes, as stored) per wall second.
    pub mb_per_second: f64,
}

/// `report.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// newsmill version.
    pub version: &'static str,
    /// Stages that ran, in order.
    pub stages_run: Vec<String>,
    /// What was read.
    pub inputs: InputsReport,
    /// Input errors.
    pub errors: ErrorsReport,
    /// Per-stage stats in pipeline order: in, kept, dropped by reason, seconds, counters.
    pub stages: serde_json::Map<String, Value>,
    /// Each barrier's own report (`dedup`), under its name.
    #[serde(flatten)]
    pub barriers: serde_json::Map<String, Value>,
    /// Records whose id was already used (ids name documents in clusters and `duplicate_of`).
    pub duplicate_ids: DuplicateIdsReport,
    /// Output counts and the accounting check.
    pub accounting: Accounting,
    /// Time and rates.
    pub totals: Totals,
}

impl Report {
    /// Assembles the report from the tasks' summaries.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        opts: &RunOptions,
        files: &[InputFile],
        listing_errors: Vec<InputError>,
        process: &[TaskSummary],
        finals: &[TaskSummary],
        barriers: serde_json::Map<String, Value>,
        counts: OutputCounts,
        elapsed: Duration,
    ) -> Report {
        let mut stats = StatsTable::default();
        let mut skipped = BTreeMap::new();
        let mut errors = listing_errors;
        let mut error_count = errors.len() as u64;
        let (mut records, mut bytes) = (0, 0);
        let mut read = newsmill_io::ReadStatsSnapshot::default();
        for s in process.iter().chain(finals) {
            stats.merge(&s.stats);
        }
        for s in process {
            records += s.records_in;
            bytes += s.bytes;
            read += s.read;
            for (k, v) in &s.skipped {
                *skipped.entry(k.clone()).or_insert(0) += v;
            }
            error_count += s.errors.len() as u64;
            for e in &s.errors {
                if errors.len() < MAX_LISTED_ERRORS {
                    errors.push(e.clone());
                }
            }
        }
        let not_extracted: u64 = process.iter().map(|s| s.not_extracted).sum();
        if not_extracted > 0 {
            let e = stats.entry("extract");
            *e.dropped.entry("not_extracted".into()).or_insert(0) += not_extracted;
        }
        let seconds = elapsed.as_secs_f64().max(1e-9);
        let duplicate_ids = DuplicateIdsReport {
            count: counts.duplicate_ids.count,
            first: counts
                .duplicate_ids
                .first
                .iter()
                .map(|d| DuplicateIdEntry {
                    id: d.id.clone(),
                    path: files
                        .get(d.pos.file as usize)
                        .map(|f| f.path.display().to_string())
                        .unwrap_or_default(),
                    record: d.pos.record,
                })
                .collect(),
        };
        Report {
            version: env!("CARGO_PKG_VERSION"),
            stages_run: opts.config.stages.clone(),
            inputs: InputsReport {
                files: process.iter().map(|s| s.files).sum(),
                bytes,
                records,
                skipped,
                read,
            },
            errors: ErrorsReport {
                count: error_count,
                first: errors,
            },
            stages: stats
                .0
                .into_iter()
                .map(|(name, s)| (name, serde_json::to_value(s).unwrap_or(Value::Null)))
                .collect(),
            barriers,
            duplicate_ids,
            accounting: Accounting {
                ok: records == counts.articles + counts.rejects,
                records_in: records,
                articles: counts.articles,
                rejects: counts.rejects,
            },
            totals: Totals {
                seconds,
                threads: opts.threads,
                tasks: process.len(),
                docs_per_second: records as f64 / seconds,
                mb_per_second: bytes as f64 / 1e6 / seconds,
            },
        }
    }

    /// A sentence saying what does not add up, if anything.
    pub fn accounting_problem(&self) -> Option<String> {
        let a = &self.accounting;
        (!a.ok).then(|| {
            format!(
                "{} input records, but {} articles + {} rejects = {}",
                a.records_in,
                a.articles,
                a.rejects,
                a.articles + a.rejects
            )
        })
    }
}
