//! The last step: k-way merges of the per-task files into the final outputs, in input order,
//! so that the outputs are byte-identical however the run was split or resumed.

use crate::error::{Result, RunError};
use crate::options::RunOptions;
use crate::progress::Progress;
use crate::records::{article_record, PendingReject};
use newsmill_core::{AtomicFile, Doc, Error, IoContext, Position, Task, WorkDir};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// How many records each output received.
#[derive(Debug, Clone, Default)]
pub struct OutputCounts {
    /// Lines of `articles.jsonl` (rows of `articles.parquet`).
    pub articles: u64,
    /// Lines of `rejects.jsonl`.
    pub rejects: u64,
    /// Records whose id an earlier record already used.
    pub duplicate_ids: DuplicateIds,
}

/// Merges `sources` (each sorted by position) into one stream sorted by position.
fn merge_sorted<T, E, I>(
    sources: Vec<I>,
    pos: impl Fn(&T) -> Position,
) -> impl Iterator<Item = Result<T, E>>
where
    I: Iterator<Item = Result<T, E>>,
{
    let mut sources = sources;
    let mut heap = BinaryHeap::new();
    let mut pending: Vec<Option<T>> = Vec::new();
    let mut first_error = None;
    for (i, s) in sources.iter_mut().enumerate() {
        match s.next() {
            Some(Ok(item)) => {
                heap.push(Reverse((pos(&item), i)));
                pending.push(Some(item));
            }
            Some(Err(e)) => {
                first_error.get_or_insert(e);
                pending.push(None);
            }
            None => pending.push(None),
        }
    }
    let mut error = first_error;
    std::iter::from_fn(move || {
        if let Some(e) = error.take() {
            return Some(Err(e));
        }
        let Reverse((_, i)) = heap.pop()?;
        let item = pending[i].take()?;
        match sources[i].next() {
            Some(Ok(next)) => {
                heap.push(Reverse((pos(&next), i)));
                pending[i] = Some(next);
            }
            Some(Err(e)) => error = Some(e),
            None => {}
        }
        Some(Ok(item))
    })
}

fn read_rejects(
    path: &Path,
) -> newsmill_core::Result<impl Iterator<Item = newsmill_core::Result<PendingReject>>> {
    let file = File::open(path).at("opening", path)?;
    let path = path.to_path_buf();
    Ok(BufReader::new(file).lines().map(move |line| {
        let line = line.at("reading", &path)?;
        serde_json::from_str(&line).map_err(|e| Error::corrupt(&path, e.to_string()))
    }))
}

/// One record of the final outputs, from either kind of task file.
enum OutputRecord {
    Article(Box<Doc>),
    Reject(PendingReject),
}

impl OutputRecord {
    fn pos(&self) -> Position {
        match self {
            OutputRecord::Article(d) => d.pos,
            OutputRecord::Reject(r) => r.pos,
        }
    }

    fn id(&self) -> &str {
        match self {
            OutputRecord::Article(d) => &d.id,
            OutputRecord::Reject(r) => r.record.get("id").and_then(|v| v.as_str()).unwrap_or(""),
        }
    }
}

/// Finds records whose id an earlier record (in input order) already used: ids are how clusters,
/// `duplicate_of` and downstream joins name documents, so a reused id is reported, never
/// silently passed on. Keeps one 64-bit fingerprint per id (about 16 bytes per record in the
/// set), so a 10-million-record run needs about 200 MB here; a fingerprint collision (odds
/// about n^2 / 2^65) would report one id falsely, never hide one.
#[derive(Default)]
struct IdCheck {
    seen: HashSet<u64>,
    report: DuplicateIds,
}

impl IdCheck {
    fn check(&mut self, id: &str, pos: Position) {
        if !self.seen.insert(xxh3_64(id.as_bytes())) {
            self.report.count += 1;
            if self.report.first.len() < MAX_LISTED_DUPLICATE_IDS {
                self.report.first.push(DuplicateId {
                    id: id.to_string(),
                    pos,
                });
            }
        }
    }
}

/// Most reused ids listed one by one (all are counted).
const MAX_LISTED_DUPLICATE_IDS: usize = 100;

/// Records whose id was already used by an earlier record of the run.
#[derive(Debug, Clone, Default)]
pub struct DuplicateIds {
    /// How many records reuse an id.
    pub count: u64,
    /// The first of them in input order.
    pub first: Vec<DuplicateId>,
}

/// One record that reuses an id.
#[derive(Debug, Clone)]
pub struct DuplicateId {
    /// The reused id.
    pub id: String,
    /// Where the later record is.
    pub pos: Position,
}

type RecordStream = Box<dyn Iterator<Item = newsmill_core::Result<OutputRecord>>>;

/// Writes `articles.jsonl` / `articles.parquet` and `rejects.jsonl` from the task files, in one
/// merge in input order, and checks that no two records share an id.
pub(crate) fn merge_outputs(
    opts: &RunOptions,
    work: &WorkDir,
    world: usize,
    progress: &Progress,
) -> Result<OutputCounts> {
    let mut counts = OutputCounts::default();
    let task = |phase: &str, rank: usize| Task::new(phase, rank, world);

    let mut sources: Vec<RecordStream> = Vec::with_capacity(3 * world);
    for rank in 0..world {
        let path = work.task_file(&task("final", rank), "docs", "jsonl.zst");
        sources.push(Box::new(
            newsmill_io::read_doc_shard(path)
                .map(|d| d.map(|d| OutputRecord::Article(Box::new(d)))),
        ));
        for phase in ["process", "final"] {
            let path = work.task_file(&task(phase, rank), "rejects", "jsonl");
            sources.push(Box::new(
                read_rejects(&path)?.map(|r| r.map(OutputRecord::Reject)),
            ));
        }
    }
    let records = merge_sorted(sources, OutputRecord::pos).inspect(|_| progress.advance(1));
    let written = write_outputs(opts, records, &mut counts)?;
    counts.duplicate_ids = written;
    Ok(counts)
}

fn create(path: &Path) -> newsmill_core::Result<AtomicFile> {
    AtomicFile::create(path).at("creating", path)
}

fn commit(file: AtomicFile) -> newsmill_core::Result<()> {
    let path = file.path().to_path_buf();
    file.commit().at("committing", &path)
}

fn write_line(
    out: &mut AtomicFile,
    value: &serde_json::Map<String, serde_json::Value>,
) -> newsmill_core::Result<()> {
    serde_json::to_writer(out.writer(), value)?;
    let path = out.path().to_path_buf();
    out.writer().write_all(b"\n").at("writing", &path)
}

/// Writes the merged records to the output files; returns the reused ids it saw.
fn write_outputs(
    opts: &RunOptions,
    records: impl Iterator<Item = newsmill_core::Result<OutputRecord>>,
    counts: &mut OutputCounts,
) -> Result<DuplicateIds> {
    let mut jsonl = if opts.format.jsonl() {
        Some(create(&opts.out_dir.join("articles.jsonl"))?)
    } else {
        None
    };
    let mut parquet = crate::parquet::open(opts)?;
    let mut rejects = create(&opts.out_dir.join("rejects.jsonl"))?;
    let mut ids = IdCheck::default();
    for record in records {
        let record = record?;
        ids.check(record.id(), record.pos());
        match record {
            OutputRecord::Article(doc) => {
                if let Some(out) = jsonl.as_mut() {
                    write_line(out, &article_record(&doc))?;
                }
                if let Some(p) = parquet.as_mut() {
                    p.write(&doc).map_err(|e| RunError::Output(e.to_string()))?;
                }
                counts.articles += 1;
            }
            OutputRecord::Reject(r) => {
                write_line(&mut rejects, &r.record)?;
                counts.rejects += 1;
            }
        }
    }
    if let Some(out) = jsonl {
        commit(out)?;
    }
    if let Some(p) = parquet {
        p.finish().map_err(|e| RunError::Output(e.to_string()))?;
    }
    commit(rejects)?;
    Ok(ids.report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_interleaves_by_position() {
        let p = |f, r| Position { file: f, record: r };
        let a = vec![Ok(p(0, 0)), Ok(p(2, 0))].into_iter();
        let b = vec![Ok(p(1, 0)), Ok(p(1, 5)), Ok(p(3, 0))].into_iter();
        let merged: Vec<Position> = merge_sorted(vec![a, b], |x: &Position| *x)
            .map(|r: Result<Position, ()>| r.unwrap())
            .collect();
        assert_eq!(merged, vec![p(0, 0), p(1, 0), p(1, 5), p(2, 0), p(3, 0)]);
    }
}
