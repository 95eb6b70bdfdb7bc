//! `report.json`: what every stage did, what was read, what went wrong, and whether every input
//! record is accounted for.

use crate::merge::OutputCounts;
use crate::options::RunOptions;
use crate::timing::{step_seconds, StepReport, Timing};
use newsmill_core::{InputError, StatsTable};
use newsmill_io::InputFile;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What a barrier step left in its done marker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BarrierDone {
    pub name: String,
    pub tasks: usize,
    pub report: Value,
    pub timing: Timing,
}

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
    /// When the task ran.
    #[serde(default)]
    pub timing: crate::timing::Timing,
    /// What each input file of the task was when it was read, to check on resume.
    #[serde(default)]
    pub digests: Vec<FileDigest>,
    /// Records rejected before they became documents, by reason (`invalid_json`, ...).
    #[serde(default)]
    pub read_rejects: BTreeMap<String, u64>,
}

impl TaskSummary {
    /// Counts one record the reader could not turn into a document.
    pub(crate) fn count_read_reject(&mut self, reason: &str) {
        *self.read_rejects.entry(reason.to_string()).or_insert(0) += 1;
    }
}

/// An input file as a task read it: enough to tell on resume whether it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDigest {
    /// The file.
    pub path: std::path::PathBuf,
    /// Bytes read from it (as stored).
    pub bytes: u64,
    /// Its size when read.
    pub size: u64,
    /// xxh3 of the bytes read.
    pub hash: u64,
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
    /// Records rejected before they became documents, by reason.
    pub rejected: BTreeMap<String, u64>,
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
    /// Wall seconds: the steps' times added up.
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
    /// Time and rates of the whole run (every step, every invocation that ran part of it).
    pub totals: Totals,
    /// Each step's tasks and wall time: `process`, `dedup`, `final`, `merge`.
    pub steps: BTreeMap<String, StepReport>,
}

/// What the report is built from.
pub(crate) struct Parts<'a> {
    pub files: &'a [InputFile],
    pub listing_errors: Vec<InputError>,
    pub process: &'a [TaskSummary],
    pub finals: &'a [TaskSummary],
    pub barriers: Vec<BarrierDone>,
    pub counts: OutputCounts,
    pub merge: Timing,
}

impl Report {
    /// Why records were dropped, most frequent first: the readers' rejects and every stage's
    /// (for the run summary a person reads).
    pub fn drop_reasons(&self) -> Vec<(String, u64)> {
        let mut all: BTreeMap<String, u64> = self.inputs.rejected.clone();
        for stage in self.stages.values() {
            let dropped = stage.get("dropped").and_then(Value::as_object);
            for (reason, n) in dropped.into_iter().flatten() {
                *all.entry(reason.clone()).or_insert(0) += n.as_u64().unwrap_or(0);
            }
        }
        let mut v: Vec<_> = all.into_iter().filter(|(_, n)| *n > 0).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Assembles the report from the tasks' summaries.
    pub(crate) fn build(opts: &RunOptions, p: Parts) -> Report {
        let inputs = inputs_report(p.process);
        let steps = steps_report(&p);
        let errors = errors_report(p.listing_errors, p.process);
        let seconds = steps.values().map(|s| s.seconds).sum::<f64>().max(1e-9);
        let mut barriers = serde_json::Map::new();
        for b in &p.barriers {
            barriers.insert(b.name.clone(), b.report.clone());
        }
        let records = inputs.records;
        Report {
            version: env!("CARGO_PKG_VERSION"),
            stages_run: opts.config.stages.clone(),
            stages: stages_report(opts, p.process, p.finals),
            barriers,
            duplicate_ids: duplicate_ids_report(&p.counts, p.files),
            accounting: Accounting {
                ok: records == p.counts.articles + p.counts.rejects,
                records_in: records,
                articles: p.counts.articles,
                rejects: p.counts.rejects,
            },
            totals: Totals {
                seconds,
                threads: opts.threads,
                tasks: p.process.len(),
                docs_per_second: records as f64 / seconds,
                mb_per_second: inputs.bytes as f64 / 1e6 / seconds,
            },
            steps,
            inputs,
            errors,
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

fn inputs_report(process: &[TaskSummary]) -> InputsReport {
    let mut r = InputsReport {
        files: 0,
        bytes: 0,
        records: 0,
        skipped: BTreeMap::new(),
        read: newsmill_io::ReadStatsSnapshot::default(),
        rejected: BTreeMap::new(),
    };
    for s in process {
        for (k, v) in &s.read_rejects {
            *r.rejected.entry(k.clone()).or_insert(0) += v;
        }
        r.files += s.files;
        r.bytes += s.bytes;
        r.records += s.records_in;
        r.read += s.read;
        for (k, v) in &s.skipped {
            *r.skipped.entry(k.clone()).or_insert(0) += v;
        }
    }
    r
}

fn errors_report(listing: Vec<InputError>, process: &[TaskSummary]) -> ErrorsReport {
    let mut first = listing;
    let mut count = first.len() as u64;
    for s in process {
        count += s.errors.len() as u64;
        for e in &s.errors {
            if first.len() < MAX_LISTED_ERRORS {
                first.push(e.clone());
            }
        }
    }
    ErrorsReport { count, first }
}

/// Every configured stage in catalogue order, also those no document reached.
fn stages_report(
    opts: &RunOptions,
    process: &[TaskSummary],
    finals: &[TaskSummary],
) -> serde_json::Map<String, Value> {
    let mut stats = StatsTable::default();
    for def in crate::catalogue::CATALOGUE {
        if opts.config.has(def.name) {
            stats.entry(def.name);
        }
    }
    for s in process.iter().chain(finals) {
        stats.merge(&s.stats);
    }
    let not_extracted: u64 = process.iter().map(|s| s.not_extracted).sum();
    if not_extracted > 0 {
        let e = stats.entry("extract");
        *e.dropped.entry("not_extracted".into()).or_insert(0) += not_extracted;
    }
    stats
        .0
        .into_iter()
        .map(|(name, s)| (name, serde_json::to_value(s).unwrap_or(Value::Null)))
        .collect()
}

/// Tasks and wall time of each step, over every invocation that ran part of the run.
fn steps_report(p: &Parts) -> BTreeMap<String, StepReport> {
    let mut steps = BTreeMap::new();
    let step = |tasks: &[TaskSummary]| StepReport {
        tasks: tasks.len(),
        seconds: step_seconds(tasks.iter().map(|t| &t.timing)),
    };
    steps.insert("process".to_string(), step(p.process));
    if !p.barriers.is_empty() {
        steps.insert(
            "dedup".to_string(),
            StepReport {
                tasks: p.barriers.iter().map(|b| b.tasks).sum(),
                seconds: step_seconds(p.barriers.iter().map(|b| &b.timing)),
            },
        );
    }
    steps.insert("final".to_string(), step(p.finals));
    steps.insert(
        "merge".to_string(),
        StepReport {
            tasks: 1,
            seconds: step_seconds([&p.merge]),
        },
    );
    steps
}

fn duplicate_ids_report(counts: &OutputCounts, files: &[InputFile]) -> DuplicateIdsReport {
    DuplicateIdsReport {
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
    }
}
