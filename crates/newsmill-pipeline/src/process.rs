//! The process pass: read this task's inputs, run the document stages, write kept documents and
//! rejects. One task per rank; a task owns the input files whose index it [`Task::owns`].

use crate::batch::{process_batch, write_reject, BatchSink, NamedStage, BATCH_BYTES, BATCH_DOCS};
use crate::catalogue::Pass;
use crate::error::{Result, RunError};
use crate::options::RunOptions;
use crate::progress::{Progress, ReadTracker};
use crate::records::PendingReject;
use crate::report::{FileDigest, TaskSummary};
use newsmill_core::{
    AtomicFile, Doc, InputError, InputErrorKind, IoContext, Location, Position, Rejection, Task,
    WorkDir,
};
use newsmill_io::{InputFile, ReadEvent, ReadOptions};
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The name of a process task's kept-documents shard.
pub(crate) fn docs_path(work: &WorkDir, task: &Task) -> std::path::PathBuf {
    work.task_file(task, "docs", "jsonl.zst")
}

/// What a process task is working on.
struct ProcessTask<'a> {
    opts: &'a RunOptions,
    stages: Vec<NamedStage>,
    time_limit: Option<Duration>,
    sink: BatchSink,
    batch: Vec<Doc>,
    batch_bytes: usize,
    progress: &'a Progress,
    stop: &'a AtomicBool,
}

/// A record the extract stage was not selected to read.
fn not_extracted() -> Rejection {
    let details = json!({"note": "HTML page, but the extract stage is not selected"});
    Rejection {
        reason: "not_extracted".into(),
        details: details.as_object().cloned().unwrap_or_default(),
    }
}

impl ProcessTask<'_> {
    /// Runs the stages over the batch and writes what they decided.
    fn flush(&mut self) -> Result<()> {
        self.batch_bytes = 0;
        if self.batch.is_empty() {
            return Ok(());
        }
        let (outcomes, stats) = process_batch(&self.stages, &mut self.batch, self.time_limit);
        self.sink.summary.stats.merge(&stats);
        for (mut doc, outcome) in std::mem::take(&mut self.batch).into_iter().zip(outcomes) {
            match outcome {
                Some((stage, r)) => self.sink.reject(&doc, stage, &r)?,
                None if doc.html.is_some() => {
                    self.sink.summary.not_extracted += 1;
                    self.sink.reject(&doc, "extract", &not_extracted())?;
                }
                None => {
                    doc.html = None;
                    self.sink.keep(&doc)?;
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, doc: Doc) -> Result<()> {
        self.sink.summary.records_in += 1;
        self.batch_bytes += doc.text.len() + doc.html.as_ref().map_or(0, |h| h.bytes.len());
        self.batch.push(doc);
        self.progress.doc();
        if self.batch.len() >= BATCH_DOCS || self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// An input error: stops the run under `--strict`, else is warned about and counted; a lost
    /// record (one with a position) also goes to the rejects.
    fn input_error(&mut self, error: InputError, file: u32) -> Result<()> {
        if self.opts.strict {
            self.stop.store(true, Ordering::Relaxed);
            return Err(RunError::Strict(Box::new(error)));
        }
        self.progress.warn(&error);
        if error.location.record.is_some() || error.location.line.is_some() {
            self.sink.summary.records_in += 1;
            self.sink.summary.rejected += 1;
            self.sink.summary.count_read_reject(error.kind.as_str());
            let pos = Position {
                file,
                record: error.location.record.unwrap_or(0),
            };
            write_reject(
                &mut self.sink.rejects,
                &PendingReject::input_error(pos, &error),
            )?;
        }
        self.sink.summary.errors.push(error);
        Ok(())
    }

    /// A record the reader read but could not turn into a document.
    fn rejected(
        &mut self,
        id: String,
        location: Location,
        reason: InputErrorKind,
        detail: &str,
        file: u32,
    ) -> Result<()> {
        self.flush()?;
        self.sink.summary.records_in += 1;
        self.sink.summary.rejected += 1;
        self.sink.summary.count_read_reject(reason.as_str());
        let pos = Position {
            file,
            record: location.record.unwrap_or(0),
        };
        let reject = PendingReject::unreadable(pos, &id, reason.as_str(), detail, &location);
        write_reject(&mut self.sink.rejects, &reject)?;
        // Damaged or oversized input is also an input error (file and position in report.json,
        // a warning, a --strict stop); a record without text is not.
        if reason != InputErrorKind::NoText {
            let message = match detail {
                "" => format!("record {id} rejected: {reason}"),
                d => format!("record {id} rejected: {reason} ({d})"),
            };
            let error = InputError::new(location, reason, message);
            if self.opts.strict {
                self.stop.store(true, Ordering::Relaxed);
                return Err(RunError::Strict(Box::new(error)));
            }
            self.progress.warn(&error);
            self.sink.summary.errors.push(error);
        }
        Ok(())
    }

    fn event(&mut self, event: ReadEvent, file: u32) -> Result<()> {
        match event {
            ReadEvent::Doc(doc) => self.add(doc)?,
            ReadEvent::Skipped { kind, .. } => {
                *self
                    .sink
                    .summary
                    .skipped
                    .entry(kind.to_string())
                    .or_insert(0) += 1;
            }
            ReadEvent::Rejected {
                id,
                location,
                reason,
                detail,
            } => self.rejected(id, location, reason, &detail, file)?,
            ReadEvent::Error(error) => {
                self.flush()?;
                self.input_error(error, file)?;
            }
        }
        Ok(())
    }

    fn read_file(&mut self, file: &InputFile, index: usize, read_opts: &ReadOptions) -> Result<()> {
        self.sink.summary.files += 1;
        self.sink.summary.bytes += file.size.unwrap_or(0);
        let reader = newsmill_io::open_input(file, index as u32, read_opts);
        let stats = reader.stats();
        let mut tracker = ReadTracker::new(self.progress);
        let read_so_far = || stats.compressed_bytes.load(Ordering::Relaxed);
        for event in reader {
            self.event(event, index as u32)?;
            tracker.event(read_so_far);
        }
        tracker.catch_up(file.size.unwrap_or(0).max(read_so_far()));
        self.sink.summary.read += stats.snapshot();
        if let (false, (bytes, Some(hash))) = (file.is_stdin(), stats.digest()) {
            self.sink.summary.digests.push(FileDigest {
                path: file.path.clone(),
                bytes,
                size: file.size.unwrap_or(bytes),
                hash,
            });
        }
        self.flush()?;
        Ok(())
    }
}

/// Runs one process task: reads the files it owns and writes its shard, rejects and done marker.
pub(crate) fn process_task(
    opts: &RunOptions,
    files: &[InputFile],
    task: &Task,
    work: &WorkDir,
    progress: &Progress,
    stop: &AtomicBool,
    invocation: u64,
) -> Result<TaskSummary> {
    let started = crate::timing::now();
    let rejects_path = work.task_file(task, "rejects", "jsonl");
    let mut t = ProcessTask {
        opts,
        stages: opts.config.doc_stages(Pass::Process),
        time_limit: opts.config.limits.time_limit(),
        sink: BatchSink {
            docs: newsmill_io::DocShardWriter::create(docs_path(work, task))?,
            rejects: AtomicFile::create(&rejects_path).at("creating", &rejects_path)?,
            summary: TaskSummary::default(),
        },
        batch: Vec::with_capacity(BATCH_DOCS),
        batch_bytes: 0,
        progress,
        stop,
    };
    let read_opts = ReadOptions {
        max_doc_bytes: opts.config.limits.max_doc_bytes,
        fields: opts.config.input.clone(),
        // Every run can be resumed: it records what it read, by content.
        digest: true,
        ..ReadOptions::default()
    };
    for (index, file) in files.iter().enumerate() {
        if !task.owns(index) {
            continue;
        }
        if stop.load(Ordering::Relaxed) {
            return Err(RunError::Work(newsmill_core::Error::Order(
                "stopped".into(),
            )));
        }
        tracing::debug!(task = %task.label(), file = %file.display(), "reading");
        t.read_file(file, index, &read_opts)?;
    }
    let mut summary = t.sink.commit()?;
    summary.timing = crate::timing::Timing::since(invocation, started);
    log_stages(&task.label(), &summary);
    work.mark_done(&task.phase, &task.label(), &summary)?;
    Ok(summary)
}

/// One debug line per stage of a finished task: what went in, what it kept and dropped.
pub(crate) fn log_stages(task: &str, summary: &TaskSummary) {
    for (stage, s) in &summary.stats.0 {
        tracing::debug!(task, stage = %stage, docs_in = s.docs_in, kept = s.kept, dropped = ?s.dropped, seconds = s.seconds, "stage done");
    }
}
