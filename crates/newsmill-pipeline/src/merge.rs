//! The last step: k-way merges of the per-task files into the final outputs, in input order,
//! so that the outputs are byte-identical however the run was split or resumed.

use crate::files::AtomicFile;
use crate::records::{article_record, PendingReject};
use crate::run::RunOptions;
use anyhow::{Context, Result};
use newsmill_core::{Doc, Position, Task};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// How many records each output received.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputCounts {
    /// Lines of `articles.jsonl` (rows of `articles.parquet`).
    pub articles: u64,
    /// Lines of `rejects.jsonl`.
    pub rejects: u64,
}

/// Merges `sources` (each sorted by position) into one stream sorted by position.
fn merge_sorted<T, I>(
    sources: Vec<I>,
    pos: impl Fn(&T) -> Position,
) -> impl Iterator<Item = Result<T>>
where
    I: Iterator<Item = Result<T>>,
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

fn read_rejects(path: &Path) -> Result<impl Iterator<Item = Result<PendingReject>>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let display = path.display().to_string();
    Ok(BufReader::new(file).lines().map(move |line| {
        let line = line.with_context(|| format!("reading {display}"))?;
        serde_json::from_str(&line).with_context(|| format!("parsing {display}"))
    }))
}

/// Writes `articles.jsonl` / `articles.parquet` and `rejects.jsonl` from the task files.
pub fn merge_outputs(opts: &RunOptions, work: &Path, world: usize) -> Result<OutputCounts> {
    let mut counts = OutputCounts::default();
    let label = |phase: &str, rank: usize| Task::new(phase, rank, world).label();

    let mut doc_sources = Vec::with_capacity(world);
    for rank in 0..world {
        let path = work
            .join("final")
            .join(format!("docs-{}.jsonl.zst", label("final", rank)));
        doc_sources.push(newsmill_io::read_doc_shard(path));
    }
    let mut jsonl = if opts.format.jsonl() {
        Some(AtomicFile::create(&opts.out_dir.join("articles.jsonl"))?)
    } else {
        None
    };
    let mut parquet = crate::parquet::open(opts)?;
    for doc in merge_sorted(doc_sources, |d: &Doc| d.pos) {
        let doc = doc?;
        if let Some(out) = jsonl.as_mut() {
            serde_json::to_writer(out.writer(), &article_record(&doc))?;
            out.writer().write_all(b"\n")?;
        }
        if let Some(p) = parquet.as_mut() {
            p.write(&doc)?;
        }
        counts.articles += 1;
    }
    if let Some(out) = jsonl {
        out.commit()?;
    }
    if let Some(p) = parquet {
        p.finish()?;
    }

    let mut reject_sources = Vec::with_capacity(2 * world);
    for rank in 0..world {
        for phase in ["process", "final"] {
            let path = work
                .join(phase)
                .join(format!("rejects-{}.jsonl", label(phase, rank)));
            reject_sources.push(read_rejects(&path)?);
        }
    }
    let mut rejects = AtomicFile::create(&opts.out_dir.join("rejects.jsonl"))?;
    for r in merge_sorted(reject_sources, |r: &PendingReject| r.pos) {
        serde_json::to_writer(rejects.writer(), &r?.record)?;
        rejects.writer().write_all(b"\n")?;
        counts.rejects += 1;
    }
    rejects.commit()?;
    Ok(counts)
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
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(merged, vec![p(0, 0), p(1, 0), p(1, 5), p(2, 0), p(3, 0)]);
    }
}
