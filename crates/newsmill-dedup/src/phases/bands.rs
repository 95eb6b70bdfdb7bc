//! Phase 4, `dedup-bands`: documents that share a candidate key become candidate pairs.

use super::layout::*;
use crate::config::DedupConfig;
use crate::files::{create_rec_file, AtomicFile, RecFormat, RecWriter};
use crate::text::combine;
use newsmill_core::{Result, Task, TaskStats};
use std::path::Path;

/// Phase 4 (one task per partition): external-sorts the partition's keys and turns every bucket
/// of documents sharing a key into candidate pairs: each member with the bucket's first, and (for
/// buckets up to `max_bucket_chain`) each with its predecessor. Pairs are written by pair
/// partition so that the verify phase sees each pair's copies together and checks it once.
pub fn bands_task(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    shard_count: usize,
) -> Result<TaskStats> {
    let mut stats = TaskStats::default();
    let offsets = shard_offsets(work_dir, shard_count)?;
    let parts = key_partitions(config, offsets[offsets.len() - 1]);
    let pair_parts = pair_partitions(config, offsets[offsets.len() - 1]);
    let inputs = |part| {
        (0..shard_count)
            .map(|s| sig_part(work_dir, s, part))
            .collect()
    };
    // Pairs are collected packed (`a << 32 | b`), sorted and deduplicated before they are written:
    // two copies share most of their keys (every band and anchor), so most pairs come many times.
    // The buffer is bounded like a sort run.
    let mut found: Vec<u64> = Vec::new();
    let flush = |found: &mut Vec<u64>, outs: &mut [AtomicFile]| -> Result<u64> {
        found.sort_unstable();
        found.dedup();
        for &packed in found.iter() {
            let p = (packed >> 32, packed & 0xffff_ffff);
            outs[part_of(combine(p.0, p.1), pair_parts)].rec_as(RecFormat::PAIR, p)?;
        }
        let n = found.len() as u64;
        found.clear();
        Ok(n)
    };
    for_each_sorted_partition(
        work_dir,
        config,
        task,
        parts,
        KEY_FORMAT,
        inputs,
        |part, sorted| {
            let mut outs = (0..pair_parts)
                .map(|q| create_rec_file(&pairs_part(work_dir, part, q)))
                .collect::<std::io::Result<Vec<_>>>()?;
            let mut bucket: Vec<u64> = Vec::new();
            let mut cur_key = None;
            let cap = config.sort_buffer_records.max(1024);
            let emit = |bucket: &mut Vec<u64>,
                        found: &mut Vec<u64>,
                        outs: &mut Vec<AtomicFile>|
             -> Result<u64> {
                bucket.dedup();
                let mut n = 0;
                if bucket.len() >= 2 {
                    let first = bucket[0];
                    let chain = bucket.len() <= config.max_bucket_chain;
                    for i in 1..bucket.len() {
                        let pairs = [(first, bucket[i]), (bucket[i - 1], bucket[i])];
                        let m = if chain && i >= 2 { 2 } else { 1 };
                        for &p in pairs.iter().take(m) {
                            found.push((p.0 << 32) | p.1);
                        }
                    }
                    if found.len() >= cap {
                        // Deduplicate in place first, and write only when that no longer frees
                        // half the buffer: a partition's pairs then reach the files about once
                        // each, not once per buffer-full.
                        found.sort_unstable();
                        found.dedup();
                        if found.len() >= cap / 2 {
                            n += flush(found, outs)?;
                        }
                    }
                }
                bucket.clear();
                Ok(n)
            };
            while let Some((k, d)) = sorted.next_rec()? {
                if cur_key != Some(k) {
                    let n = emit(&mut bucket, &mut found, &mut outs)?;
                    stats.add("pairs_emitted", n);
                    cur_key = Some(k);
                    stats.add("keys_distinct", 1);
                }
                bucket.push(d);
            }
            let mut n = emit(&mut bucket, &mut found, &mut outs)?;
            n += flush(&mut found, &mut outs)?;
            stats.add("pairs_emitted", n);
            for o in outs {
                o.commit()?;
            }
            Ok(())
        },
    )?;
    Ok(stats)
}
