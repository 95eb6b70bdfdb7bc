//! The final pass: each rank's kept documents get the barriers' decisions (dropped as copies,
//! boilerplate removed, cluster set), then the finalize stages (quotes).

use crate::batch::{process_batch, BatchSink, NamedStage, BATCH_DOCS};
use crate::catalogue::Pass;
use crate::error::Result;
use crate::options::RunOptions;
use crate::process::docs_path;
use crate::progress::Progress;
use crate::report::TaskSummary;
use newsmill_core::{
    AtomicFile, Barrier, Counters, Doc, IoContext, Outcome, ShardApply, Task, WorkDir,
};
use std::time::{Duration, Instant};

/// One barrier's decisions for this task's shard, with the stages its verdicts count under.
struct Decider {
    stages: Vec<&'static str>,
    apply: Box<dyn ShardApply>,
}

struct FinalTask {
    stages: Vec<NamedStage>,
    time_limit: Option<Duration>,
    sink: BatchSink,
    batch: Vec<Doc>,
}

impl FinalTask {
    fn flush(&mut self) -> Result<()> {
        let (outcomes, stats) = process_batch(&self.stages, &mut self.batch, self.time_limit);
        self.sink.summary.stats.merge(&stats);
        for (doc, outcome) in std::mem::take(&mut self.batch).into_iter().zip(outcomes) {
            match outcome {
                Some((stage, r)) => self.sink.reject(&doc, stage, &r)?,
                None => self.sink.keep(&doc)?,
            }
        }
        Ok(())
    }

    /// Applies every barrier's decision; false when one dropped the document. Each of a
    /// barrier's stages counts the document up to the one that dropped it (`exact_dedup`
    /// before `near_dedup`), which also gets the time.
    fn decide(&mut self, deciders: &mut [Decider], doc: &mut Doc) -> Result<bool> {
        for d in deciders.iter_mut() {
            let t = Instant::now();
            let (stage, outcome) = d.apply.apply(doc, &mut Counters::default())?;
            let elapsed = t.elapsed();
            let last = d.stages.len().saturating_sub(1);
            let decided = d.stages.iter().position(|s| *s == stage).unwrap_or(last);
            let reason = match &outcome {
                Outcome::Drop(r) => Some(r.reason.as_str()),
                Outcome::Keep => None,
            };
            for (i, name) in d.stages.iter().enumerate().take(decided + 1) {
                let (why, time) = if i == decided {
                    (reason, elapsed)
                } else {
                    (None, Duration::ZERO)
                };
                self.sink.summary.stats.entry(name).record(why, time);
            }
            if let Outcome::Drop(r) = outcome {
                let name = d.stages.get(decided).copied().unwrap_or(stage);
                self.sink.reject(doc, name, &r)?;
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Runs one final task over the process shard of the same rank.
pub(crate) fn finalize_task(
    opts: &RunOptions,
    task: &Task,
    work: &WorkDir,
    barriers: &[Box<dyn Barrier>],
    invocation: u64,
    progress: &Progress,
) -> Result<TaskSummary> {
    let started = crate::timing::now();
    let input = docs_path(work, &Task::new("process", task.rank, task.world_size));
    let mut deciders = barriers
        .iter()
        .map(|b| {
            let apply = b.open_shard(&work.step(b.name()), task.rank)?;
            Ok(Decider {
                stages: b.stages(),
                apply,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rejects_path = work.task_file(task, "rejects", "jsonl");
    let mut t = FinalTask {
        stages: opts.config.doc_stages(Pass::Finalize),
        time_limit: opts.config.limits.time_limit(),
        sink: BatchSink {
            docs: newsmill_io::DocShardWriter::create(work.task_file(task, "docs", "jsonl.zst"))?,
            rejects: AtomicFile::create(&rejects_path).at("creating", &rejects_path)?,
            summary: TaskSummary::default(),
        },
        batch: Vec::with_capacity(BATCH_DOCS),
    };
    for doc in newsmill_io::read_doc_shard(input) {
        let mut doc = doc?;
        t.sink.summary.records_in += 1;
        progress.advance(1);
        if !t.decide(&mut deciders, &mut doc)? {
            continue;
        }
        t.batch.push(doc);
        if t.batch.len() >= BATCH_DOCS {
            t.flush()?;
        }
    }
    t.flush()?;
    let mut summary = t.sink.commit()?;
    summary.timing = crate::timing::Timing::since(invocation, started);
    crate::process::log_stages(&task.label(), &summary);
    work.mark_done(&task.phase, &task.label(), &summary)?;
    Ok(summary)
}
