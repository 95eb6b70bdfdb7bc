//! Document stages over a batch of documents: in parallel, in order, with per-stage stats and the
//! per-document time limit. Both document passes (process and final) run their stages here.

use crate::report::TaskSummary;
use newsmill_core::{AtomicFile, Counters, Doc, IoContext, Outcome, Rejection, StatsTable};
use rayon::prelude::*;
use serde_json::json;
use std::io::Write;
use std::time::{Duration, Instant};

/// Documents processed together by the worker threads; bounds memory per task.
pub(crate) const BATCH_DOCS: usize = 512;
/// Byte budget of one batch.
pub(crate) const BATCH_BYTES: usize = 16 << 20;

/// A document stage with its catalogue name.
pub(crate) type NamedStage = (&'static str, Box<dyn newsmill_core::Stage>);

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

/// A drop for a document whose stages together ran past the time limit.
fn over_time(total: Duration, limit: Duration) -> Outcome {
    let details = json!({
        "millis": total.as_millis() as u64,
        "limit_millis": limit.as_millis() as u64,
    });
    Outcome::drop_with(
        "time_limit_exceeded",
        details.as_object().cloned().unwrap_or_default(),
    )
}

/// Runs one document through the stages; returns the stage and rejection if it was dropped.
///
/// A document whose stages together took longer than `time_limit` is dropped with
/// `time_limit_exceeded` by the stage that crossed the limit (checked between stages: the
/// stages themselves are linear-time, and `max_doc_bytes` bounds their input).
fn run_stages(
    stages: &[NamedStage],
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
            (Outcome::Keep, Some(limit)) if total > limit => over_time(total, limit),
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
pub(crate) fn process_batch(
    stages: &[NamedStage],
    batch: &mut [Doc],
    time_limit: Option<Duration>,
) -> (Vec<Option<(&'static str, Rejection)>>, StatsTable) {
    let names: Vec<&'static str> = stages.iter().map(|s| s.0).collect();
    let mut outcomes = vec![None; batch.len()];
    let tally = batch
        .par_iter_mut()
        .zip(outcomes.par_iter_mut())
        .fold(
            || StageTally::new(&names),
            |mut tally, (doc, out)| {
                *out = run_stages(stages, doc, &mut tally, time_limit);
                tally
            },
        )
        .reduce(|| StageTally::new(&names), StageTally::merge);
    (outcomes, tally.into_stats())
}

/// Appends one reject line to a task's rejects file.
pub(crate) fn write_reject(
    out: &mut AtomicFile,
    r: &crate::records::PendingReject,
) -> newsmill_core::Result<()> {
    serde_json::to_writer(out.writer(), r)?;
    let path = out.path().to_path_buf();
    out.writer().write_all(b"\n").at("writing", &path)
}

/// Where a batch's documents go: kept ones to the task's shard, dropped ones to its rejects.
pub(crate) struct BatchSink {
    pub docs: newsmill_io::DocShardWriter,
    pub rejects: AtomicFile,
    pub summary: TaskSummary,
}

impl BatchSink {
    /// Writes one dropped document.
    pub(crate) fn reject(
        &mut self,
        doc: &Doc,
        stage: &str,
        r: &Rejection,
    ) -> newsmill_core::Result<()> {
        write_reject(
            &mut self.rejects,
            &crate::records::PendingReject::dropped(doc, stage, r),
        )?;
        self.summary.rejected += 1;
        Ok(())
    }

    /// Writes one kept document.
    pub(crate) fn keep(&mut self, doc: &Doc) -> newsmill_core::Result<()> {
        self.docs.write(doc)?;
        self.summary.kept += 1;
        Ok(())
    }

    /// Commits the task's files.
    pub(crate) fn commit(self) -> newsmill_core::Result<TaskSummary> {
        self.docs.finish()?;
        let path = self.rejects.path().to_path_buf();
        self.rejects.commit().at("committing", &path)?;
        Ok(self.summary)
    }
}
