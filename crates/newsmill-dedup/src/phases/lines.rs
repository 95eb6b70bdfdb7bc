//! Phase 2, `dedup-lines`: which line keys recur, and which documents are later copies.

use super::layout::*;
use crate::config::DedupConfig;
use crate::files::{create_rec_file, AtomicFile, RecFormat, RecReader, RecWriter};
use newsmill_core::{Error, Result, Task, TaskStats};
use std::path::Path;

/// Phase 2 (one task per partition): sorts the partition's line keys and keeps those shared by
/// enough distinct documents, with their counts (the thresholds are applied by the next phase,
/// which knows the document's group kind).
pub fn lines_task(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    shard_count: usize,
) -> Result<TaskStats> {
    let mut stats = TaskStats::default();
    let inputs = |part| {
        (0..shard_count)
            .map(|s| scan_part(work_dir, s, part))
            .collect()
    };
    for_each_sorted_partition(
        work_dir,
        config,
        task,
        line_partitions(config),
        SCAN_FORMAT,
        inputs,
        |part, sorted| {
            let mut out = create_rec_file(&lines_out(work_dir, part))?;
            let min_keep = config
                .boilerplate_min_docs
                .min(config.template_min_docs)
                .max(2) as u64;
            let flush = |key: u64, distinct: u64, out: &mut AtomicFile| -> Result<bool> {
                let keep = match ns_of(key) {
                    NS_CORPUS_LINE => distinct >= config.corpus_min_docs.max(2) as u64,
                    _ => distinct >= min_keep,
                };
                if keep {
                    out.rec((key, distinct))?;
                }
                Ok(keep)
            };
            let mut cur: Option<(u64, u64, u64)> = None; // key, last value, distinct
            while let Some((k, v)) = sorted.next_rec()? {
                stats.add("line_keys", 1);
                match &mut cur {
                    Some((ck, cv, d)) if *ck == k => {
                        if *cv != v {
                            *cv = v;
                            *d += 1;
                        }
                    }
                    _ => {
                        if let Some((ck, _, d)) = cur {
                            if flush(ck, d, &mut out)? {
                                stats.add("recurring_keys", 1);
                            }
                        }
                        cur = Some((k, v, 1));
                    }
                }
            }
            if let Some((ck, _, d)) = cur {
                if flush(ck, d, &mut out)? {
                    stats.add("recurring_keys", 1);
                }
            }
            out.commit()?;
            Ok(())
        },
    )?;
    if copy_detection(config) {
        let inputs = |part| {
            (0..shard_count)
                .map(|s| scan_copies(work_dir, s, part))
                .collect()
        };
        for_each_sorted_partition(
            work_dir,
            config,
            task,
            line_partitions(config),
            RecFormat::WIDE,
            inputs,
            |part, sorted| {
                // Every document of a copy key but the first (records of one key come sorted by
                // document), in document order.
                let mut later: Vec<u64> = Vec::new();
                let mut cur = None;
                while let Some((k, doc)) = sorted.next_rec()? {
                    if cur == Some(k) {
                        later.push(doc);
                    }
                    cur = Some(k);
                }
                later.sort_unstable();
                stats.add("copies", later.len() as u64);
                let mut out = create_rec_file(&copies_out(work_dir, part))?;
                for &doc in &later {
                    out.rec((doc, 0))?;
                }
                out.commit()?;
                Ok(())
            },
        )?;
    }
    Ok(stats)
}

/// Which documents of `shard` are later copies of another (see [`copy_key`]), by ordinal.
pub(super) fn load_copies(
    work_dir: &Path,
    config: &DedupConfig,
    shard: usize,
    docs: u64,
) -> Result<Vec<bool>> {
    let mut copy = vec![false; docs as usize];
    if !copy_detection(config) {
        return Ok(copy);
    }
    for part in 0..line_partitions(config) {
        let mut r = RecReader::open(&copies_out(work_dir, part))?;
        while let Some((doc, _)) = r.next_rec()? {
            if doc >> 32 == shard as u64 {
                let ord = (doc & 0xffff_ffff) as usize;
                if ord >= copy.len() {
                    let path = copies_out(work_dir, part);
                    return Err(Error::corrupt(
                        path,
                        format!("copy {ord} not in shard {shard}"),
                    ));
                }
                copy[ord] = true;
            }
        }
    }
    Ok(copy)
}
