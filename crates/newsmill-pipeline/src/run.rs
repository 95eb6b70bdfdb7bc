//! The refine run: the process pass split into tasks, each barrier's phases, the final pass, and
//! the merge into the final outputs, each step restartable from its done markers in the
//! [`WorkDir`].
//!
//! ```text
//! OUT/.work/run.json                                 fingerprint of the arguments (checked by --resume)
//! OUT/.work/process/docs-process-<rank>.jsonl.zst    kept documents after the process stages
//! OUT/.work/process/rejects-process-<rank>.jsonl     rejects of that pass, in input order
//! OUT/.work/dedup/...                                the dedup barrier's phases
//! OUT/.work/final/docs-final-<rank>.jsonl.zst        documents after decisions and finalize stages
//! OUT/articles.jsonl, articles.parquet, rejects.jsonl, report.json
//! ```

use crate::error::{Result, RunError};
use crate::finalize::finalize_task;
use crate::merge::merge_outputs;
use crate::options::RunOptions;
use crate::process::{docs_path, process_task};
use crate::progress::{Progress, Unit};
use crate::report::{BarrierDone, Report, TaskSummary};
use crate::safety;
use newsmill_core::{
    run_barrier, write_json_atomic, Barrier, Doc, InputError, ShardSource, Task, WorkDir,
};
use newsmill_io::InputFile;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::sync::atomic::AtomicBool;

/// Most tasks a run is split into by default.
const MAX_DEFAULT_TASKS: usize = 64;

/// Runs `refine` end to end and returns its report (also written to `OUT/report.json`). The
/// work folder is removed after a successful run unless `keep_work` asks to keep it.
pub fn run(opts: &RunOptions) -> Result<Report> {
    in_pool(opts, || {
        let run = Prepared::new(opts, false)?;
        let process = run.process(None)?;
        let barriers = run.run_barriers()?;
        let finals = run.finalize(None)?;
        let report = run.merge(&process, &finals, barriers)?;
        if !opts.keep_work {
            run.work.clear()?;
        }
        Ok(report)
    })
}

fn in_pool<T: Send>(opts: &RunOptions, f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| RunError::Work(newsmill_core::Error::Config(e.to_string())))?;
    pool.install(f)
}

/// One step of a run, for a scheduler that runs the steps itself (a cluster, a job array): each
/// call does one task and leaves its files and done marker under `OUT/.work`, so calls can run on
/// different machines sharing that folder. Steps must follow each other in this order:
/// every `Process` rank, then `Dedup`, then every `Final` rank, then `Merge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read this rank's input files and run the document stages.
    Process(usize),
    /// The barrier stages' phases (needs every process task done).
    Dedup,
    /// Apply the barriers' decisions and run the finalize stages for this rank.
    Final(usize),
    /// Merge every task's files into the outputs and write the report.
    Merge,
}

/// Runs one [`Step`] of a run. Safe to call again: a step whose done marker exists is skipped.
/// Returns the report for [`Step::Merge`].
pub fn run_step(opts: &RunOptions, step: Step) -> Result<Option<Report>> {
    in_pool(opts, || {
        let run = Prepared::new(opts, true)?;
        match step {
            Step::Process(rank) => {
                run.check_rank(rank)?;
                run.process(Some(rank))?;
            }
            Step::Dedup => {
                run.require("process")?;
                run.run_barriers()?;
            }
            Step::Final(rank) => {
                run.check_rank(rank)?;
                run.require("process")?;
                run.barriers_done()?;
                run.finalize(Some(rank))?;
            }
            Step::Merge => {
                run.require("final")?;
                let process = run.process(None)?;
                let barriers = run.barriers_done()?;
                let finals = run.finalize(None)?;
                return run.merge(&process, &finals, barriers).map(Some);
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
    work: WorkDir,
    barriers: Vec<Box<dyn Barrier>>,
    progress: Progress,
    stop: AtomicBool,
    /// This process's id in the tasks' timings.
    invocation: u64,
}

impl<'a> Prepared<'a> {
    /// Lists the inputs and prepares `OUT/.work`; `shared` (one step of a scheduled run) never
    /// clears earlier work, it only checks that the arguments match it.
    fn new(opts: &'a RunOptions, shared: bool) -> Result<Self> {
        safety::check_named_inputs(&opts.inputs)?;
        let (files, listing_errors) = newsmill_io::list_inputs(&opts.inputs);
        if opts.strict {
            if let Some(e) = listing_errors.first() {
                return Err(RunError::Strict(Box::new(e.clone())));
            }
        }
        safety::check_output_folder(opts, &files)?;
        safety::check_resumable(opts, &files)?;
        safety::check_open_files(opts)?;
        let world = opts
            .tasks
            .unwrap_or_else(|| files.len().clamp(1, MAX_DEFAULT_TASKS))
            .max(1);
        let work = WorkDir::new(opts.out_dir.join(".work"));
        let fp = fingerprint(opts, &files, world);
        let setup = if shared {
            work.join(&fp).map_err(RunError::Work)
        } else {
            start_fresh_or_resume(opts, &work, &fp, world)
        };
        setup.map_err(|e| match e {
            RunError::Work(e) => RunError::Setup(e),
            other => other,
        })?;
        let progress = Progress::new(opts.progress && !shared, opts.quiet);
        Ok(Prepared {
            barriers: opts.config.barriers()?,
            opts,
            files,
            listing_errors,
            world,
            work,
            progress,
            stop: AtomicBool::new(false),
            invocation: crate::timing::invocation_id(),
        })
    }

    fn check_rank(&self, rank: usize) -> Result<()> {
        if rank >= self.world {
            return Err(RunError::Setup(newsmill_core::Error::Order(format!(
                "rank {rank} is out of range for {} tasks",
                self.world
            ))));
        }
        Ok(())
    }

    fn labels(&self, step: &str) -> impl Iterator<Item = String> + '_ {
        let step = step.to_string();
        (0..self.world).map(move |rank| Task::new(step.clone(), rank, self.world).label())
    }

    /// Fails unless every task of a step has its done marker.
    fn require(&self, step: &str) -> Result<()> {
        Ok(self.work.require(step, self.labels(step))?)
    }

    /// Runs the process tasks (all, or one rank), reusing finished ones.
    fn process(&self, only: Option<usize>) -> Result<Vec<TaskSummary>> {
        let bytes = self.files.iter().filter_map(|f| f.size).sum();
        self.progress.phase("read + process", bytes, Unit::Bytes);
        let results = (0..self.world)
            .into_par_iter()
            .filter(|r| only.is_none_or(|o| o == *r))
            .map(|rank| {
                let task = Task::new("process", rank, self.world);
                if let Some(done) = self.work.read_done::<TaskSummary>("process", &task.label()) {
                    self.progress.advance(self.task_bytes(&task));
                    return Ok(done);
                }
                process_task(
                    self.opts,
                    &self.files,
                    &task,
                    &self.work,
                    &self.progress,
                    &self.stop,
                    self.invocation,
                )
            })
            .collect::<Vec<_>>();
        first_input_error(results)
    }

    /// Bytes of input (as stored) a process task reads.
    fn task_bytes(&self, task: &Task) -> u64 {
        let owned = self.files.iter().enumerate().filter(|(i, _)| task.owns(*i));
        owned.filter_map(|(_, f)| f.size).sum()
    }

    /// Runs every barrier's phases (skipping finished ones); returns each barrier's result.
    fn run_barriers(&self) -> Result<Vec<BarrierDone>> {
        let source = ProcessShards {
            work: &self.work,
            world: self.world,
        };
        let mut done = Vec::new();
        for b in &self.barriers {
            let step = b.name();
            let started = crate::timing::now();
            let d: BarrierDone = self.work.run_once(step, step, || {
                let report = run_barrier(
                    b.as_ref(),
                    &self.work,
                    &source,
                    self.opts.threads,
                    &self.progress,
                )?;
                Ok::<_, RunError>(BarrierDone {
                    name: step.to_string(),
                    tasks: barrier_tasks(&report),
                    report,
                    timing: crate::timing::Timing::since(self.invocation, started),
                })
            })?;
            done.push(d);
        }
        Ok(done)
    }

    /// The barriers' results; fails if one has not finished.
    fn barriers_done(&self) -> Result<Vec<BarrierDone>> {
        let mut done = Vec::new();
        for b in &self.barriers {
            let step = b.name();
            let Some(d) = self.work.read_done::<BarrierDone>(step, step) else {
                return Err(RunError::Work(newsmill_core::Error::Order(format!(
                    "the {step} step has not finished; run it first"
                ))));
            };
            done.push(d);
        }
        Ok(done)
    }

    /// Runs the final tasks (all, or one rank), reusing finished ones.
    fn finalize(&self, only: Option<usize>) -> Result<Vec<TaskSummary>> {
        let kept = self.process_totals(|s| s.kept);
        self.progress.phase("final", kept, Unit::Docs);
        (0..self.world)
            .into_par_iter()
            .filter(|r| only.is_none_or(|o| o == *r))
            .map(|rank| {
                let task = Task::new("final", rank, self.world);
                if let Some(done) = self.work.read_done::<TaskSummary>("final", &task.label()) {
                    self.progress.advance(done.records_in);
                    return Ok(done);
                }
                finalize_task(
                    self.opts,
                    &task,
                    &self.work,
                    &self.barriers,
                    self.invocation,
                    &self.progress,
                )
            })
            .collect()
    }

    /// A count summed over the finished process tasks (for the sizes of the later bars).
    fn process_totals(&self, count: impl Fn(&TaskSummary) -> u64) -> u64 {
        let done = self
            .labels("process")
            .filter_map(|label| self.work.read_done::<TaskSummary>("process", &label));
        done.map(|s| count(&s)).sum()
    }

    fn merge(
        &self,
        process: &[TaskSummary],
        finals: &[TaskSummary],
        barriers: Vec<BarrierDone>,
    ) -> Result<Report> {
        let records: u64 = process.iter().map(|s| s.records_in).sum();
        self.progress.phase("merge", records, Unit::Docs);
        let started = crate::timing::now();
        let counts = merge_outputs(self.opts, &self.work, self.world, &self.progress)?;
        self.progress.finish();
        let merge = crate::timing::Timing::since(self.invocation, started);
        let parts = crate::report::Parts {
            files: &self.files,
            listing_errors: self.listing_errors.clone(),
            process,
            finals,
            barriers,
            counts,
            merge,
        };
        let report = Report::build(self.opts, parts);
        write_json_atomic(&self.opts.out_dir.join("report.json"), &report)?;
        if let Some(problem) = report.accounting_problem() {
            return Err(RunError::Accounting(problem));
        }
        if report.accounting.records_in == 0 {
            return Err(RunError::NothingRead(report.inputs.files));
        }
        Ok(report)
    }
}

/// Under `--strict`, tasks that saw another task's stop flag fail with "stopped": report the
/// input error that caused the stop rather than whichever failure comes first.
fn first_input_error(results: Vec<Result<TaskSummary>>) -> Result<Vec<TaskSummary>> {
    let mut errors = Vec::new();
    let mut done = Vec::new();
    for r in results {
        match r {
            Ok(summary) => done.push(summary),
            Err(e) => errors.push(e),
        }
    }
    match errors.iter().position(|e| matches!(e, RunError::Strict(_))) {
        Some(i) => Err(errors.swap_remove(i)),
        None => errors.into_iter().next().map_or(Ok(done), Err),
    }
}

/// The tasks a barrier's phases ran, from its report's `phases` list.
fn barrier_tasks(report: &Value) -> usize {
    report["phases"].as_array().map_or(0, |p| {
        p.iter().filter_map(|x| x[1]["tasks"].as_u64()).sum::<u64>() as usize
    })
}

/// A fresh run clears earlier work and outputs (and the temporary files a killed run left);
/// `--resume` keeps the work of a run with the same fingerprint, unless an input it read has
/// changed since: then the run starts over.
fn start_fresh_or_resume(
    opts: &RunOptions,
    work: &WorkDir,
    fp: &Value,
    world: usize,
) -> Result<()> {
    newsmill_core::remove_temporary_files(&opts.out_dir, false)?;
    let mut claim = work.start(fp, opts.resume)?;
    if claim == newsmill_core::Claim::Resumed {
        if let Some(path) = safety::changed_input(work, world) {
            if !opts.quiet {
                eprintln!(
                    "newsmill: warning: {} changed since the interrupted run read it; starting over",
                    path.display()
                );
            }
            claim = work.start(fp, false)?;
        }
    }
    if claim == newsmill_core::Claim::Fresh {
        for name in [
            "articles.jsonl",
            "articles.parquet",
            "rejects.jsonl",
            "report.json",
        ] {
            let _ = std::fs::remove_file(opts.out_dir.join(name));
        }
    }
    Ok(())
}

/// The fingerprint a resumed run must match: the input files, config, stages, task count and
/// format. Whether the inputs still hold what was read is checked by content (the digests in the
/// process tasks' done markers), not by sizes or times.
fn fingerprint(opts: &RunOptions, files: &[InputFile], world: usize) -> Value {
    let inputs: Vec<_> = files.iter().map(|f| json!(f.path)).collect();
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "inputs": inputs,
        "config": opts.config_text,
        "stages": opts.config.stages,
        "tasks": world,
        "format": opts.format,
    })
}

/// The process pass's shards, as the barriers read them.
struct ProcessShards<'a> {
    work: &'a WorkDir,
    world: usize,
}

impl ShardSource for ProcessShards<'_> {
    fn shard_count(&self) -> usize {
        self.world
    }

    fn open(
        &self,
        shard: usize,
    ) -> newsmill_core::Result<Box<dyn Iterator<Item = newsmill_core::Result<Doc>> + Send + '_>>
    {
        let path = docs_path(self.work, &Task::new("process", shard, self.world));
        Ok(Box::new(newsmill_io::read_doc_shard(path)))
    }
}
