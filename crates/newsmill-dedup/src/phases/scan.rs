//! Phase 1, `dedup-scan`: the line keys of every document, for the lines phase to count.

use super::layout::*;
use crate::config::DedupConfig;
use crate::files::{create_rec_file, write_atomic, RecWriter};
use crate::text::{combine, Tokens};
use newsmill_core::{Result, ShardSource, Task, TaskStats};
use std::path::Path;

/// Phase 1 (one task per shard): counts, for every line of every document, the key of the line in
/// its site group and corpus-wide, paired with the document's normalized-text hash so the next
/// phase counts distinct documents (exact copies of a page count once).
pub fn scan_task(
    source: &dyn ShardSource,
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
) -> Result<TaskStats> {
    let mut stats = TaskStats::default();
    let parts = line_partitions(config);
    for shard in (0..source.shard_count()).filter(|&s| task.owns(s)) {
        let mut outs = (0..parts)
            .map(|p| create_rec_file(&scan_part(work_dir, shard, p)))
            .collect::<std::io::Result<Vec<_>>>()?;
        let copies = copy_detection(config);
        let mut copy_outs = (0..if copies { parts } else { 0 })
            .map(|p| create_rec_file(&scan_copies(work_dir, shard, p)))
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut n = 0u64;
        let mut keys: Vec<(u64, usize)> = Vec::new();
        let mut tokens = Tokens::default();
        for doc in source.open(shard)? {
            let doc = doc?;
            let ord = n;
            n += 1;
            if !config.boilerplate {
                continue;
            }
            tokens.fill(&doc.text);
            // 32 bits of the text hash are enough to count distinct texts per line.
            let exact = tokens.exact() & 0xffff_ffff;
            let group = group_of(&doc, &tokens);
            keys.clear();
            keys.extend(
                tokens
                    .lines
                    .iter()
                    .map(|l| tokens.boiler_key(l, config.teaser_prefix_words)),
            );
            keys.sort_unstable();
            keys.dedup_by_key(|k| k.0);
            for &(lh, words) in &keys {
                let k = ns_key(NS_GROUP_LINE, combine(group.key, lh));
                outs[part_of(k, parts)].rec_as(SCAN_FORMAT, (k, exact))?;
                if words <= config.corpus_max_words {
                    let k = ns_key(NS_CORPUS_LINE, combine(CORPUS_GROUP, lh));
                    outs[part_of(k, parts)].rec_as(SCAN_FORMAT, (k, exact))?;
                }
            }
            let k = ns_key(NS_GROUP_SIZE, group.key);
            outs[part_of(k, parts)].rec_as(SCAN_FORMAT, (k, exact))?;
            stats.add("lines", keys.len() as u64);
            if copies && !tokens.words.is_empty() {
                let k = copy_key(&tokens, group);
                copy_outs[part_of(k, parts)].rec((k, (shard as u64) << 32 | ord))?;
            }
        }
        for o in outs.into_iter().chain(copy_outs) {
            o.commit()?;
        }
        write_atomic(
            &scan_count(work_dir, shard),
            &serde_json::to_vec(&ShardCount { docs: n })?,
        )?;
        stats.add("docs", n);
    }
    Ok(stats)
}
