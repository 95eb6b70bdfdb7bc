//! Barrier stages: the stages that must see every document before they can decide on any (dedup
//! is one). A barrier runs between the process and final passes as a sequence of phases, each
//! split into tasks that map files to files in the barrier's folder, so that memory stays bounded
//! and any scheduler can run the tasks; in the final pass it decides document by document through
//! a [`ShardApply`] per shard.

use crate::error::{Error, Result};
use crate::stage::{Counters, Outcome};
use crate::task::Task;
use crate::work::WorkDir;
use crate::Doc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The documents of a run, split into shards that each reading phase streams in order.
///
/// The runner's shard files, an in-memory vector in tests, or a distributed engine's storage:
/// anything that can replay the kept documents.
pub trait ShardSource: Sync {
    /// Number of shards.
    fn shard_count(&self) -> usize;
    /// Streams one shard's documents, always in the same order.
    fn open(&self, shard: usize) -> Result<Box<dyn Iterator<Item = Result<Doc>> + Send + '_>>;
}

/// Shards held in memory: for tests, examples and small runs.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    shards: Vec<Vec<Doc>>,
}

impl MemorySource {
    /// A source over the given shards.
    pub fn new(shards: Vec<Vec<Doc>>) -> Self {
        MemorySource { shards }
    }

    /// Splits documents into `n` shards of consecutive documents (input order kept).
    pub fn split(docs: Vec<Doc>, n: usize) -> Self {
        let n = n.max(1);
        let per = docs.len().div_ceil(n).max(1);
        let mut shards: Vec<Vec<Doc>> = Vec::new();
        let mut it = docs.into_iter().peekable();
        while it.peek().is_some() {
            shards.push(it.by_ref().take(per).collect());
        }
        while shards.len() < n {
            shards.push(Vec::new());
        }
        MemorySource { shards }
    }

    /// The shards.
    pub fn shards(&self) -> &[Vec<Doc>] {
        &self.shards
    }
}

impl ShardSource for MemorySource {
    fn shard_count(&self) -> usize {
        self.shards.len()
    }
    fn open(&self, shard: usize) -> Result<Box<dyn Iterator<Item = Result<Doc>> + Send + '_>> {
        let docs = self
            .shards
            .get(shard)
            .ok_or_else(|| Error::Order(format!("no shard {shard}")))?;
        Ok(Box::new(docs.iter().cloned().map(Ok)))
    }
}

/// What one task of a phase did: its time and event counts, kept in its done marker so that a
/// resumed run reports the same totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskStats {
    /// Wall seconds.
    pub seconds: f64,
    /// CPU seconds (user and system) of the thread that ran the task; 0 where unknown.
    #[serde(default)]
    pub cpu_seconds: f64,
    /// Event counts by name.
    pub counters: BTreeMap<String, u64>,
}

impl TaskStats {
    /// Adds `n` to a counter (no allocation once the counter exists: called per document).
    pub fn add(&mut self, k: &str, n: u64) {
        match self.counters.get_mut(k) {
            Some(v) => *v += n,
            None => {
                self.counters.insert(k.to_string(), n);
            }
        }
    }
}

/// One phase's totals in the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PhaseReport {
    /// Tasks the phase was split into.
    pub tasks: usize,
    /// Sum of the tasks' wall seconds.
    pub task_seconds: f64,
    /// Wall seconds of the phase in this run (0 when every task was already done).
    pub wall_seconds: f64,
    /// Sum of the tasks' CPU seconds (user and system, of the threads that ran them).
    pub cpu_seconds: f64,
    /// Summed task counters.
    pub counters: BTreeMap<String, u64>,
}

impl PhaseReport {
    /// Totals of a phase's finished tasks.
    pub fn from_tasks<'a>(tasks: impl IntoIterator<Item = &'a TaskStats>, wall: f64) -> Self {
        let mut rep = PhaseReport {
            wall_seconds: wall,
            ..PhaseReport::default()
        };
        for s in tasks {
            rep.tasks += 1;
            rep.task_seconds += s.seconds;
            rep.cpu_seconds += s.cpu_seconds;
            for (k, v) in &s.counters {
                *rep.counters.entry(k.clone()).or_insert(0) += v;
            }
        }
        rep
    }

    /// A counter's total (0 when never counted).
    pub fn counter(&self, name: &str) -> u64 {
        self.counters.get(name).copied().unwrap_or(0)
    }
}

/// A stage that needs every document before it decides on any (see the module documentation).
pub trait Barrier: Send + Sync {
    /// Name of the barrier's step and folder (`dedup`).
    fn name(&self) -> &'static str;

    /// The stages of the catalogue it decides for, in the order a document meets them
    /// (`exact_dedup`, `near_dedup`): each gets its own row in the report.
    fn stages(&self) -> Vec<&'static str>;

    /// The phases, in run order.
    fn phases(&self) -> &'static [&'static str];

    /// How many tasks phase `phase` is split into. Called when every earlier phase has finished,
    /// so the split may follow what they found (a document count).
    fn world(&self, phase: usize, shards: usize, dir: &Path) -> Result<usize>;

    /// Runs one task of a phase, reading the shards and the earlier phases' files under `dir`.
    fn run_task(
        &self,
        phase: usize,
        task: &Task,
        source: &dyn ShardSource,
        dir: &Path,
    ) -> Result<TaskStats>;

    /// The barrier's section of the report, from every phase's totals in run order.
    fn report(&self, phases: &[(String, PhaseReport)]) -> serde_json::Value;

    /// The decisions for one shard, to apply in the final pass in the shard's document order.
    fn open_shard(&self, dir: &Path, shard: usize) -> Result<Box<dyn ShardApply>>;
}

/// A barrier's decisions for one shard, applied document by document in shard order.
pub trait ShardApply: Send {
    /// Applies the decision for the next document: may edit it, and says whether it stays and,
    /// for a drop, which of the barrier's [`Barrier::stages`] dropped it.
    fn apply(&mut self, doc: &mut Doc, counters: &mut Counters) -> Result<(&'static str, Outcome)>;
}

/// User plus system CPU seconds of the calling thread so far (Linux, from
/// `/proc/thread-self/stat`, in 1/100 s); 0 elsewhere.
pub fn thread_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // The fields after the command name, which ends at the last ')': utime and stime are the
    // 14th and 15th fields of the line, the 12th and 13th after it.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

/// Runs one task of a barrier phase unless its done marker exists; returns its stats either way.
pub fn run_barrier_task(
    barrier: &dyn Barrier,
    work: &WorkDir,
    phase: usize,
    task: &Task,
    source: &dyn ShardSource,
) -> Result<TaskStats> {
    let step = barrier.name();
    let dir = work.step(step);
    work.run_once(step, &task.label(), || {
        let cpu = thread_cpu_seconds();
        let start = Instant::now();
        let mut s = barrier.run_task(phase, task, source, &dir)?;
        s.seconds = start.elapsed().as_secs_f64();
        s.cpu_seconds = (thread_cpu_seconds() - cpu).max(0.0);
        Ok::<_, Error>(s)
    })
}

/// Told as a barrier's phases start and their tasks finish (a progress bar, a log).
pub trait PhaseObserver: Sync {
    /// A phase of `tasks` tasks starts.
    fn phase_started(&self, barrier: &str, phase: &str, tasks: usize);
    /// One task of the current phase finished (or was already done).
    fn task_done(&self);
}

/// An observer that ignores everything.
pub struct NoObserver;

impl PhaseObserver for NoObserver {
    fn phase_started(&self, _: &str, _: &str, _: usize) {}
    fn task_done(&self) {}
}

/// Runs every task of one phase on up to `threads` threads; the first error stops the phase.
pub fn run_barrier_phase(
    barrier: &dyn Barrier,
    work: &WorkDir,
    phase: usize,
    source: &dyn ShardSource,
    threads: usize,
    observer: &dyn PhaseObserver,
) -> Result<PhaseReport> {
    let start = Instant::now();
    let dir = work.step(barrier.name());
    let world = barrier.world(phase, source.shard_count(), &dir)?;
    let name = barrier.phases()[phase];
    observer.phase_started(barrier.name(), name, world);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Result<TaskStats>>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, world.max(1)) {
            s.spawn(|| loop {
                let rank = next.fetch_add(1, Ordering::Relaxed);
                if rank >= world {
                    break;
                }
                let r =
                    run_barrier_task(barrier, work, phase, &Task::new(name, rank, world), source);
                let failed = r.is_err();
                observer.task_done();
                if let Ok(mut v) = results.lock() {
                    v.push(r);
                }
                if failed {
                    next.store(world, Ordering::Relaxed);
                }
            });
        }
    });
    let results = results
        .into_inner()
        .map_err(|_| Error::Order(format!("a {name} task panicked")))?;
    let stats = results.into_iter().collect::<Result<Vec<_>>>()?;
    Ok(PhaseReport::from_tasks(
        &stats,
        start.elapsed().as_secs_f64(),
    ))
}

/// Runs every phase of a barrier over `source` in one process, with its files under the work
/// folder's step of the barrier's name; finished tasks are skipped, so an interrupted run
/// resumes. Returns the barrier's report section.
pub fn run_barrier(
    barrier: &dyn Barrier,
    work: &WorkDir,
    source: &dyn ShardSource,
    threads: usize,
    observer: &dyn PhaseObserver,
) -> Result<serde_json::Value> {
    let mut phases = Vec::new();
    for (i, name) in barrier.phases().iter().enumerate() {
        let rep = run_barrier_phase(barrier, work, i, source, threads, observer)?;
        phases.push((name.to_string(), rep));
    }
    Ok(barrier.report(&phases))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts documents per shard, then adds the counts up: the smallest barrier there is.
    struct CountDocs;

    impl Barrier for CountDocs {
        fn name(&self) -> &'static str {
            "count"
        }
        fn stages(&self) -> Vec<&'static str> {
            vec!["count"]
        }
        fn phases(&self) -> &'static [&'static str] {
            &["count-shards", "count-total"]
        }
        fn world(&self, phase: usize, shards: usize, _: &Path) -> Result<usize> {
            Ok(if phase == 0 { shards } else { 1 })
        }
        fn run_task(
            &self,
            phase: usize,
            task: &Task,
            source: &dyn ShardSource,
            dir: &Path,
        ) -> Result<TaskStats> {
            let mut s = TaskStats::default();
            if phase == 0 {
                let n = source.open(task.rank)?.count() as u64;
                crate::write_json_atomic(&dir.join(format!("n{}", task.rank)), &n)?;
                s.add("docs", n);
            } else {
                for shard in 0..source.shard_count() {
                    let n: u64 = crate::read_json(&dir.join(format!("n{shard}")))?;
                    s.add("total", n);
                }
            }
            Ok(s)
        }
        fn report(&self, phases: &[(String, PhaseReport)]) -> serde_json::Value {
            serde_json::json!({ "total": phases[1].1.counter("total"), "tasks": phases[0].1.tasks })
        }
        fn open_shard(&self, _: &Path, _: usize) -> Result<Box<dyn ShardApply>> {
            Err(Error::Order("not needed".into()))
        }
    }

    #[test]
    fn phases_run_in_order_over_every_shard_and_resume() {
        let root = std::env::temp_dir().join(format!("nm-barrier-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let work = WorkDir::new(&root);
        let docs: Vec<Doc> = (0..7).map(|i| Doc::new(format!("d{i}"), "x")).collect();
        let source = MemorySource::split(docs, 3);
        let report = run_barrier(&CountDocs, &work, &source, 2, &NoObserver).unwrap();
        assert_eq!(report, serde_json::json!({"total": 7, "tasks": 3}));
        // Finished tasks are not run again: their outputs can go, the report stays.
        std::fs::remove_file(root.join("count/n0")).unwrap();
        let again = run_barrier(&CountDocs, &work, &source, 2, &NoObserver).unwrap();
        assert_eq!(again, report);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn thread_cpu_time_grows_with_work() {
        let t0 = thread_cpu_seconds();
        let mut x = 1u64;
        let start = Instant::now();
        while start.elapsed().as_secs_f64() < 0.1 {
            x = x.rotate_left(7).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 1;
        }
        assert!(x != 0);
        let t1 = thread_cpu_seconds();
        assert!(t1 >= t0);
        if cfg!(target_os = "linux") {
            assert!(t1 - t0 > 0.02, "{t0} {t1}");
        }
    }
}
