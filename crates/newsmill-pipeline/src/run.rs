//! The refine run: a process pass split into tasks, the dedup barrier, a finalize pass, and the
//! merge into the final outputs, each step restartable from its done markers.
//!
//! ```text
//! OUT/.work/run.json                      fingerprint of the arguments (checked by --resume)
//! OUT/.work/process/docs-<task>.jsonl.zst kept documents after the process stages
//! OUT/.work/process/rejects-<task>.jsonl  rejects of that pass, in input order
//! OUT/.work/dedup/...                     the dedup phases' files
//! OUT/.work/final/docs-<task>.jsonl.zst   documents after dedup decisions and finalize stages
//! OUT/articles.jsonl, articles.parquet, rejects.jsonl, report.json
//! ```

use crate::config::{Config, Format, Pass};
use crate::files::{done_marker, read_done, read_json, write_json_atomic, AtomicFile};
use crate::merge::merge_outputs;
use crate::records::PendingReject;
use crate::registry::build_stages;
use crate::report::{Report, TaskSummary};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsmill_core::{Counters, Doc, InputError, Outcome, Rejection, Stage, StatsTable, Task};
use newsmill_io::{InputFile, ReadEvent, ReadOptions};
use rayon::prelude::*;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Documents processed together by the worker threads; bounds memory per task.
const BATCH_DOCS: usize = 512;
/// Byte budget of one batch.
const BATCH_BYTES: usize = 16 << 20;
/// Most tasks a run is split into by default.
const MAX_DEFAULT_TASKS: usize = 64;

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
}

/// Why a run stopped early, for the CLI's exit code.
#[derive(Debug)]
pub enum RunError {
    /// `--strict` and an input error.
    Strict(InputError),
    /// Articles + rejects do not add up to the input records.
    Accounting(String),
    /// Anything else (I/O, bad config).
    Fatal(anyhow::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Strict(e) => write!(f, "input error (--strict): {e}"),
            RunError::Accounting(m) => write!(f, "accounting check failed: {m}"),
            RunError::Fatal(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for RunError {}

impl From<anyhow::Error> for RunError {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<InputError>() {
            Ok(ie) => RunError::Strict(ie),
            Err(e) => RunError::Fatal(e),
        }
    }
}

/// Runs `refine` end to end and returns its report (also written to `OUT/report.json`).
pub fn run(opts: &RunOptions) -> Result<Report, RunError> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| RunError::Fatal(e.into()))?;
    pool.install(|| run_in_pool(opts, started))
}

/// One step of a run, for a scheduler that runs the steps itself (a cluster, a job array): each
/// call does one task and leaves its files and done marker under `OUT/.work`, so calls can run on
/// different machines sharing that folder. Steps must follow each other in this order:
/// every `Process` rank, then `Dedup`, then every `Final` rank, then `Merge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read this rank's input files and run the document stages.
    Process(usize),
    /// The cross-document dedup phases (needs every process task done).
    Dedup,
    /// Apply dedup decisions and run the finalize stages for this rank.
    Final(usize),
    /// Merge every task's files into the outputs and write the report.
    Merge,
}

/// Runs one [`Step`] of a run. Safe to call again: a step whose done marker exists is skipped.
/// Returns the report for [`Step::Merge`].
pub fn run_step(opts: &RunOptions, step: Step) -> Result<Option<Report>, RunError> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| RunError::Fatal(e.into()))?;
    pool.install(|| {
        let run = Prepared::new(opts, true)?;
        match step {
            Step::Process(rank) => {
                run.check_rank(rank)?;
                run.process(Some(rank))?;
            }
            Step::Dedup => {
                run.require("process", "process", run.world)?;
                run.dedup()?;
            }
            Step::Final(rank) => {
                run.check_rank(rank)?;
                run.require("process", "process", run.world)?;
                let dedup = run.dedup_done()?;
                run.finalize(Some(rank), dedup.is_some())?;
            }
            Step::Merge => {
                run.require("final", "final", run.world)?;
                let process = run.process(None)?;
                let dedup = run.dedup_done()?;
                let finals = run.finalize(None, dedup.is_some())?;
                return run.merge(&process, &finals, dedup, started).map(Some);
            }
        }
        Ok(None)
    })
}

/// A run whose inputs are listed and whose work folder is ready.
struct Prepared<'a> {
    opts: &'a RunOptions,
    files: Vec<InputFile>,
    listing_errors: Vec<InputError>,
    world: usize,
    work: PathBuf,
    progress: Progress,
    stop: AtomicBool,
}

impl<'a> Prepared<'a> {
    /// Lists the inputs and prepares `OUT/.work`; `shared` (one step of a scheduled run) never
    /// clears earlier work, it only checks that the arguments match it.
    fn new(opts: &'a RunOptions, shared: bool) -> Result<Self, RunError> {
        let (files, listing_errors) = newsmill_io::list_inputs(&opts.inputs);
        if opts.strict {
            if let Some(e) = listing_errors.first() {
                return Err(RunError::Strict(e.clone()));
            }
        }
        let world = opts
            .tasks
            .unwrap_or_else(|| files.len().clamp(1, MAX_DEFAULT_TASKS))
            .max(1);
        let work = opts.out_dir.join(".work");
        prepare_work_dir(opts, &files, world, &work, shared)?;
        let progress = Progress::new(opts.progress && !shared, opts.quiet, &files);
        Ok(Prepared {
            opts,
            files,
            listing_errors,
            world,
            work,
            progress,
            stop: AtomicBool::new(false),
        })
    }

    fn check_rank(&self, rank: usize) -> Result<(), RunError> {
        if rank >= self.world {
            return Err(RunError::Fatal(anyhow::anyhow!(
                "rank {rank} is out of range for {} tasks",
                self.world
            )));
        }
        Ok(())
    }

    /// Fails unless every task of a phase has its done marker.
    fn require(&self, phase: &str, dir: &str, world: usize) -> Result<(), RunError> {
        for rank in 0..world {
            let label = Task::new(phase, rank, world).label();
            if !done_marker(&self.work.join(dir), &label).exists() {
                return Err(RunError::Fatal(anyhow::anyhow!(
                    "task {label} has not finished; run it first"
                )));
            }
        }
        Ok(())
    }

    /// Runs the process tasks (all, or one rank), reusing finished ones.
    fn process(&self, only: Option<usize>) -> Result<Vec<TaskSummary>> {
        let dir = self.work.join("process");
        let results = (0..self.world)
            .into_par_iter()
            .filter(|r| only.is_none_or(|o| o == *r))
            .map(|rank| {
                let task = Task::new("process", rank, self.world);
                if let Some(done) = read_done::<TaskSummary>(&dir, &task.label()) {
                    self.progress.skip_task(&self.files, &task);
                    return Ok(done);
                }
                process_task(
                    self.opts,
                    &self.files,
                    &task,
                    &dir,
                    &self.progress,
                    &self.stop,
                )
            })
            .collect::<Vec<_>>();
        // Under --strict, tasks that saw another task's stop flag fail with "stopped": report
        // the input error that caused the stop rather than whichever failure comes first.
        let mut errors: Vec<anyhow::Error> = Vec::new();
        let mut done = Vec::new();
        for r in results {
            match r {
                Ok(summary) => done.push(summary),
                Err(e) => errors.push(e),
            }
        }
        match errors.iter().position(|e| e.is::<InputError>()) {
            Some(i) => Err(errors.swap_remove(i)),
            None => errors.into_iter().next().map_or(Ok(done), Err),
        }
    }

    fn dedup(&self) -> Result<Option<serde_json::Value>> {
        run_dedup_barrier(self.opts, &self.work, self.world)
    }

    /// Whether dedup is part of the run; fails if it is and has not finished.
    fn dedup_done(&self) -> Result<Option<serde_json::Value>, RunError> {
        if self.opts.config.stages_of(Pass::Barrier).is_empty() {
            return Ok(None);
        }
        match read_done::<serde_json::Value>(&self.work, "dedup") {
            Some(v) => Ok(Some(v)),
            None => Err(RunError::Fatal(anyhow::anyhow!(
                "the dedup step has not finished; run it first"
            ))),
        }
    }

    /// Runs the final tasks (all, or one rank), reusing finished ones.
    fn finalize(&self, only: Option<usize>, dedup: bool) -> Result<Vec<TaskSummary>> {
        let dir = self.work.join("final");
        (0..self.world)
            .into_par_iter()
            .filter(|r| only.is_none_or(|o| o == *r))
            .map(|rank| {
                let task = Task::new("final", rank, self.world);
                if let Some(done) = read_done::<TaskSummary>(&dir, &task.label()) {
                    return Ok(done);
                }
                finalize_task(self.opts, &task, &self.work, dedup)
            })
            .collect()
    }

    fn merge(
        &self,
        process: &[TaskSummary],
        finals: &[TaskSummary],
        dedup: Option<serde_json::Value>,
        started: Instant,
    ) -> Result<Report, RunError> {
        self.progress.finish();
        let counts = merge_outputs(self.opts, &self.work, self.world)?;
        let report = Report::build(
            self.opts,
            &self.files,
            self.listing_errors.clone(),
            process,
            finals,
            dedup,
            counts,
            started.elapsed(),
        );
        write_json_atomic(&self.opts.out_dir.join("report.json"), &report)?;
        if let Some(problem) = report.accounting_problem() {
            return Err(RunError::Accounting(problem));
        }
        Ok(report)
    }
}

fn run_in_pool(opts: &RunOptions, started: Instant) -> Result<Report, RunError> {
    let run = Prepared::new(opts, false)?;
    let process = run.process(None)?;
    let dedup = run.dedup()?;
    let finals = run.finalize(None, dedup.is_some())?;
    run.merge(&process, &finals, dedup, started)
}

/// The fingerprint a resumed run must match: inputs (with sizes and times), config, stages,
/// task count and format.
fn fingerprint(opts: &RunOptions, files: &[InputFile], world: usize) -> serde_json::Value {
    let inputs: Vec<_> = files
        .iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            let mtime = meta
                .as_ref()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos() as u64);
            json!({ "path": f.path, "size": meta.map(|m| m.len()), "mtime": mtime })
        })
        .collect();
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "inputs": inputs,
        "config": opts.config_text,
        "stages": opts.config.stages,
        "tasks": world,
        "format": opts.format,
    })
}

fn prepare_work_dir(
    opts: &RunOptions,
    files: &[InputFile],
    world: usize,
    work: &Path,
    shared: bool,
) -> Result<(), RunError> {
    let fp = fingerprint(opts, files, world);
    let run_json = work.join("run.json");
    if opts.resume || shared {
        if let Ok(previous) = read_json::<serde_json::Value>(&run_json) {
            if previous != fp {
                return Err(RunError::Fatal(anyhow::anyhow!(
                    "cannot resume {}: the inputs or arguments differ from the interrupted run \
                     (run without --resume to start over)",
                    opts.out_dir.display()
                )));
            }
            return Ok(());
        }
    }
    if shared {
        // The first step of a scheduled run creates the work folder; concurrent first steps
        // write the same fingerprint, and the rename makes that safe.
        std::fs::create_dir_all(work).with_context(|| format!("creating {}", work.display()))?;
        write_json_atomic_unique(&run_json, &fp)?;
        return Ok(());
    }
    if work.exists() {
        std::fs::remove_dir_all(work).with_context(|| format!("clearing {}", work.display()))?;
    }
    for name in [
        "articles.jsonl",
        "articles.parquet",
        "rejects.jsonl",
        "report.json",
    ] {
        let _ = std::fs::remove_file(opts.out_dir.join(name));
    }
    std::fs::create_dir_all(work).with_context(|| format!("creating {}", work.display()))?;
    write_json_atomic(&run_json, &fp)?;
    Ok(())
}

/// Like [`write_json_atomic`], with a temporary name of this process's own, for writers that may
/// race on a shared filesystem.
fn write_json_atomic_unique(path: &Path, value: &serde_json::Value) -> Result<()> {
    let tmp = path.with_extension(format!("{}.json", std::process::id()));
    write_json_atomic(&tmp, value)?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming into {}", path.display()))
}

/// Per-thread tallies of one pass's stages.
struct StageTally {
    names: Vec<&'static str>,
    stats: StatsTable,
    counters: Vec<Counters>,
}

impl StageTally {
    fn new(names: &[&'static str]) -> Self {
        let mut stats = StatsTable::default();
        for n in names {
            stats.entry(n);
        }
        StageTally {
            names: names.to_vec(),
            stats,
            counters: vec![Counters::default(); names.len()],
        }
    }

    fn merge(mut self, other: StageTally) -> Self {
        self.stats.merge(&other.stats);
        for (a, b) in self.counters.iter_mut().zip(&other.counters) {
            a.merge(b);
        }
        self
    }

    fn into_stats(mut self) -> StatsTable {
        for (i, name) in self.names.iter().enumerate() {
            self.stats.entry(name).add_counters(&self.counters[i]);
        }
        self.stats
    }
}

/// Runs one document through the stages; returns the stage and rejection if it was dropped.
///
/// A document whose stages together took longer than `time_limit` is dropped with
/// `time_limit_exceeded` by the stage that crossed the limit (checked between stages: the
/// stages themselves are linear-time, and `max_doc_bytes` bounds their input).
fn run_stages(
    stages: &[(&'static str, Box<dyn Stage>)],
    doc: &mut Doc,
    tally: &mut StageTally,
    time_limit: Option<Duration>,
) -> Option<(&'static str, Rejection)> {
    let mut total = Duration::ZERO;
    for (i, (name, stage)) in stages.iter().enumerate() {
        let t = Instant::now();
        let outcome = stage.process(doc, &mut tally.counters[i]);
        let elapsed = t.elapsed();
        total += elapsed;
        let outcome = match (outcome, time_limit) {
            (Outcome::Keep, Some(limit)) if total > limit => Outcome::drop_with(
                "time_limit_exceeded",
                json!({
                    "millis": total.as_millis() as u64,
                    "limit_millis": limit.as_millis() as u64,
                })
                .as_object()
                .cloned()
                .unwrap_or_default(),
            ),
            (outcome, _) => outcome,
        };
        match outcome {
            Outcome::Keep => tally.stats.entry(name).record(None, elapsed),
            Outcome::Drop(r) => {
                tally.stats.entry(name).record(Some(&r.reason), elapsed);
                return Some((name, r));
            }
        }
    }
    None
}

/// Processes a batch in parallel, preserving order in what it returns.
fn process_batch(
    stages: &[(&'static str, Box<dyn Stage>)],
    names: &[&'static str],
    batch: &mut [Doc],
    time_limit: Option<Duration>,
) -> (Vec<Option<(&'static str, Rejection)>>, StatsTable) {
    let mut outcomes = vec![None; batch.len()];
    let tally = batch
        .par_iter_mut()
        .zip(outcomes.par_iter_mut())
        .fold(
            || StageTally::new(names),
            |mut tally, (doc, out)| {
                *out = run_stages(stages, doc, &mut tally, time_limit);
                tally
            },
        )
        .reduce(|| StageTally::new(names), StageTally::merge);
    (outcomes, tally.into_stats())
}

struct ProcessShard {
    time_limit: Option<Duration>,
    docs: newsmill_io::DocShardWriter,
    rejects: AtomicFile,
    summary: TaskSummary,
}

impl ProcessShard {
    fn flush(
        &mut self,
        stages: &[(&'static str, Box<dyn Stage>)],
        names: &[&'static str],
        batch: &mut Vec<Doc>,
    ) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let (outcomes, stats) = process_batch(stages, names, batch, self.time_limit);
        self.summary.stats.merge(&stats);
        for (mut doc, outcome) in batch.drain(..).zip(outcomes) {
            let dropped =
                match outcome {
                    Some((stage, r)) => Some((stage, r)),
                    None if doc.html.is_some() => {
                        self.summary.not_extracted += 1;
                        Some(("extract", Rejection {
                        reason: "not_extracted".into(),
                        details: json!({"note": "HTML page, but the extract stage is not selected"})
                            .as_object()
                            .cloned()
                            .unwrap_or_default(),
                    }))
                    }
                    None => None,
                };
            match dropped {
                Some((stage, r)) => {
                    write_reject(&mut self.rejects, &PendingReject::dropped(&doc, stage, &r))?;
                    self.summary.rejected += 1;
                }
                None => {
                    doc.html = None;
                    self.docs.write(&doc)?;
                    self.summary.kept += 1;
                }
            }
        }
        Ok(())
    }
}

fn write_reject(out: &mut AtomicFile, r: &PendingReject) -> Result<()> {
    serde_json::to_writer(out.writer(), r)?;
    out.writer().write_all(b"\n")?;
    Ok(())
}

fn process_task(
    opts: &RunOptions,
    files: &[InputFile],
    task: &Task,
    dir: &Path,
    progress: &Progress,
    stop: &AtomicBool,
) -> Result<TaskSummary> {
    let label = task.label();
    let names = opts.config.stages_of(Pass::Process);
    let stages = build_stages(&names, &opts.config)?;
    let mut shard = ProcessShard {
        time_limit: opts.config.limits.time_limit(),
        docs: newsmill_io::DocShardWriter::create(dir.join(format!("docs-{label}.jsonl.zst")))?,
        rejects: AtomicFile::create(&dir.join(format!("rejects-{label}.jsonl")))?,
        summary: TaskSummary::default(),
    };
    let read_opts = ReadOptions {
        max_doc_bytes: opts.config.limits.max_doc_bytes,
        ..ReadOptions::default()
    };
    let mut batch: Vec<Doc> = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;
    for (index, file) in files.iter().enumerate() {
        if !task.owns(index) {
            continue;
        }
        if stop.load(Ordering::Relaxed) {
            bail!("stopped");
        }
        shard.summary.files += 1;
        shard.summary.bytes += file.size.unwrap_or(0);
        for event in newsmill_io::open_input(file, index as u32, &read_opts) {
            match event {
                ReadEvent::Doc(doc) => {
                    shard.summary.records_in += 1;
                    batch_bytes += doc.text.len() + doc.html.as_ref().map_or(0, |h| h.bytes.len());
                    batch.push(doc);
                    progress.doc();
                    if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                        shard.flush(&stages, &names, &mut batch)?;
                        batch_bytes = 0;
                    }
                }
                ReadEvent::Skipped { kind, .. } => {
                    *shard.summary.skipped.entry(kind.to_string()).or_insert(0) += 1;
                }
                ReadEvent::Rejected {
                    id,
                    location,
                    reason,
                } => {
                    shard.flush(&stages, &names, &mut batch)?;
                    batch_bytes = 0;
                    shard.summary.records_in += 1;
                    shard.summary.rejected += 1;
                    let pos = newsmill_core::Position {
                        file: index as u32,
                        record: location.record.unwrap_or(0),
                    };
                    write_reject(
                        &mut shard.rejects,
                        &PendingReject::unreadable(pos, &id, &reason, &location),
                    )?;
                    // Damaged or oversized input is also an input error (file and position in
                    // report.json, a warning, a --strict stop); a record without text is not.
                    if reason != "no_text" {
                        let error = InputError::new(
                            location,
                            reason.to_string(),
                            format!("record {id} rejected: {reason}"),
                        );
                        if opts.strict {
                            stop.store(true, Ordering::Relaxed);
                            return Err(error.into());
                        }
                        progress.warn(&error);
                        shard.summary.errors.push(error);
                    }
                }
                ReadEvent::Error(error) => {
                    shard.flush(&stages, &names, &mut batch)?;
                    batch_bytes = 0;
                    if opts.strict {
                        stop.store(true, Ordering::Relaxed);
                        return Err(error.into());
                    }
                    progress.warn(&error);
                    // A lost record still counts: it goes to the rejects with the error.
                    if error.location.record.is_some() || error.location.line.is_some() {
                        shard.summary.records_in += 1;
                        shard.summary.rejected += 1;
                        let pos = newsmill_core::Position {
                            file: index as u32,
                            record: error.location.record.unwrap_or(0),
                        };
                        write_reject(&mut shard.rejects, &PendingReject::input_error(pos, &error))?;
                    }
                    shard.summary.errors.push(error);
                }
            }
        }
        shard.flush(&stages, &names, &mut batch)?;
        batch_bytes = 0;
        progress.file_done(file);
    }
    let ProcessShard {
        docs,
        rejects,
        summary,
        ..
    } = shard;
    docs.finish()?;
    rejects.commit()?;
    write_json_atomic(&done_marker(dir, &label), &summary)?;
    Ok(summary)
}

/// Reads the process pass's shards for the dedup phases.
struct ProcessShards {
    dir: PathBuf,
    world: usize,
}

impl newsmill_dedup::ShardSource for ProcessShards {
    fn shard_count(&self) -> usize {
        self.world
    }

    fn open(&self, shard: usize) -> Result<Box<dyn Iterator<Item = Result<Doc>> + Send + '_>> {
        let label = Task::new("process", shard, self.world).label();
        let path = self.dir.join(format!("docs-{label}.jsonl.zst"));
        Ok(Box::new(newsmill_io::read_doc_shard(path)))
    }
}

fn dedup_config(config: &Config) -> newsmill_dedup::DedupConfig {
    let mut cfg = config.dedup.clone();
    cfg.exact = config.has("exact_dedup");
    cfg.near = config.has("near_dedup");
    if !cfg.near {
        cfg.boilerplate = false;
    }
    cfg
}

fn run_dedup_barrier(
    opts: &RunOptions,
    work: &Path,
    world: usize,
) -> Result<Option<serde_json::Value>> {
    if opts.config.stages_of(Pass::Barrier).is_empty() {
        return Ok(None);
    }
    let dir = work.join("dedup");
    if let Some(done) = read_done::<serde_json::Value>(work, "dedup") {
        return Ok(Some(done));
    }
    std::fs::create_dir_all(&dir)?;
    let source = ProcessShards {
        dir: work.join("process"),
        world,
    };
    let report =
        newsmill_dedup::run_dedup(&source, &dir, &dedup_config(&opts.config), opts.threads)
            .context("dedup")?;
    let value = serde_json::to_value(&report)?;
    write_json_atomic(&done_marker(work, "dedup"), &value)?;
    Ok(Some(value))
}

fn finalize_task(opts: &RunOptions, task: &Task, work: &Path, dedup: bool) -> Result<TaskSummary> {
    let label = task.label();
    let process_label = Task::new("process", task.rank, task.world_size).label();
    let dir = work.join("final");
    let names = opts.config.stages_of(Pass::Finalize);
    let stages = build_stages(&names, &opts.config)?;
    let input = work
        .join("process")
        .join(format!("docs-{process_label}.jsonl.zst"));
    let mut decisions = if dedup {
        Some(newsmill_dedup::ShardDecisions::open(
            &work.join("dedup"),
            task.rank,
        )?)
    } else {
        None
    };
    let mut docs_out =
        newsmill_io::DocShardWriter::create(dir.join(format!("docs-{label}.jsonl.zst")))?;
    let mut rejects = AtomicFile::create(&dir.join(format!("rejects-{label}.jsonl")))?;
    let mut summary = TaskSummary::default();
    let mut batch = Vec::with_capacity(BATCH_DOCS);
    let flush = |batch: &mut Vec<Doc>,
                 summary: &mut TaskSummary,
                 docs_out: &mut newsmill_io::DocShardWriter,
                 rejects: &mut AtomicFile|
     -> Result<()> {
        let (outcomes, stats) =
            process_batch(&stages, &names, batch, opts.config.limits.time_limit());
        summary.stats.merge(&stats);
        for (doc, outcome) in batch.drain(..).zip(outcomes) {
            match outcome {
                Some((stage, r)) => {
                    write_reject(rejects, &PendingReject::dropped(&doc, stage, &r))?;
                    summary.rejected += 1;
                }
                None => {
                    docs_out.write(&doc)?;
                    summary.kept += 1;
                }
            }
        }
        Ok(())
    };
    for doc in newsmill_io::read_doc_shard(input) {
        let mut doc = doc?;
        summary.records_in += 1;
        if let Some(decisions) = decisions.as_mut() {
            let t = Instant::now();
            let outcome = decisions.apply(&mut doc)?;
            let stage = match &outcome {
                Outcome::Drop(r) if r.reason.starts_with("exact") => "exact_dedup",
                _ => "near_dedup",
            };
            let elapsed = t.elapsed();
            match outcome {
                Outcome::Keep => summary.stats.entry("dedup").record(None, elapsed),
                Outcome::Drop(r) => {
                    summary
                        .stats
                        .entry("dedup")
                        .record(Some(&r.reason), elapsed);
                    write_reject(&mut rejects, &PendingReject::dropped(&doc, stage, &r))?;
                    summary.rejected += 1;
                    continue;
                }
            }
        }
        batch.push(doc);
        if batch.len() >= BATCH_DOCS {
            flush(&mut batch, &mut summary, &mut docs_out, &mut rejects)?;
        }
    }
    flush(&mut batch, &mut summary, &mut docs_out, &mut rejects)?;
    docs_out.finish()?;
    rejects.commit()?;
    write_json_atomic(&done_marker(&dir, &label), &summary)?;
    Ok(summary)
}

/// The progress bar (input bytes, rate, ETA, documents) and input warnings on stderr.
struct Progress {
    bar: Option<ProgressBar>,
    docs: AtomicU64,
    warned: AtomicU64,
    quiet: bool,
}

/// Warnings printed one by one before the rest are only counted in the report.
const MAX_PRINTED_WARNINGS: u64 = 50;

impl Progress {
    fn new(enabled: bool, quiet: bool, files: &[InputFile]) -> Self {
        let total: u64 = files.iter().filter_map(|f| f.size).sum();
        let bar = (enabled && !quiet).then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            docs: AtomicU64::new(0),
            warned: AtomicU64::new(0),
            quiet,
        }
    }

    fn doc(&self) {
        let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(1024) {
            if let Some(bar) = &self.bar {
                bar.set_message(format!("{n} docs"));
            }
        }
    }

    fn file_done(&self, file: &InputFile) {
        if let Some(bar) = &self.bar {
            bar.inc(file.size.unwrap_or(0));
        }
    }

    fn skip_task(&self, files: &[InputFile], task: &Task) {
        for (i, f) in files.iter().enumerate() {
            if task.owns(i) {
                self.file_done(f);
            }
        }
    }

    fn warn(&self, error: &InputError) {
        let n = self.warned.fetch_add(1, Ordering::Relaxed) + 1;
        if self.quiet || n > MAX_PRINTED_WARNINGS {
            return;
        }
        let line = if n == MAX_PRINTED_WARNINGS {
            format!("warning: {error} (further input errors only in report.json)")
        } else {
            format!("warning: {error}")
        };
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("newsmill: {line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
