//! What every phase shares: where each phase's files are, how keys are namespaced and
//! partitioned, the dense document numbering, and the frame of the sorting phases.

use crate::config::DedupConfig;
use crate::files::{external_sort, RecFormat, SortedRecs};
use crate::text::{combine, mix64, Tokens};
use newsmill_core::{Doc, Error, IoContext, Result, Task};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where each shard's documents start in the run's dense document numbering (one entry per shard
/// plus the total), from the scan phase's counts. Dense `u32` numbers are what the key, pair and
/// edge files store: 4 bytes instead of 8 per document.
pub(crate) fn shard_offsets(work_dir: &Path, shard_count: usize) -> Result<Vec<u64>> {
    let mut offsets = Vec::with_capacity(shard_count + 1);
    let mut total = 0u64;
    for s in 0..shard_count {
        offsets.push(total);
        total += read_count(work_dir, s)?;
    }
    offsets.push(total);
    if total >= MAX_DOCS {
        return Err(Error::Config(format!(
            "too many documents for one dedup run (at most {MAX_DOCS})"
        )));
    }
    Ok(offsets)
}

/// The shard of dense document `d` and its ordinal in the shard.
pub(super) fn locate(offsets: &[u64], d: u64) -> Result<(usize, u64)> {
    let shard = offsets.partition_point(|&o| o <= d);
    if shard < 1 || shard >= offsets.len() {
        return Err(Error::Order(format!("document {d} is not in the run")));
    }
    Ok((shard - 1, d - offsets[shard - 1]))
}

// Namespaces of line keys, in the top two bits so the lines phase knows which threshold applies.
pub(super) const NS_GROUP_LINE: u64 = 0;
pub(super) const NS_CORPUS_LINE: u64 = 1;
pub(super) const NS_GROUP_SIZE: u64 = 2;
pub(super) const CORPUS_GROUP: u64 = 0x00c0_4b05_0000_0000;

pub(super) fn ns_key(ns: u64, h: u64) -> u64 {
    (h & !(3u64 << 62)) | (ns << 62)
}

pub(super) fn ns_of(k: u64) -> u64 {
    k >> 62
}

pub(super) fn part_of(k: u64, parts: usize) -> usize {
    (mix64(k ^ 0x5eed) % parts.max(1) as u64) as usize
}

/// Which pages' lines are counted together: the site (or URL host) where known, else the page
/// template, taken as the first and last lines (a site's header and footer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group {
    /// Hash identifying the group.
    pub key: u64,
    /// True when inferred from the template rather than given by the site or URL.
    pub inferred: bool,
}

/// The boilerplate group of a document (`tokens` is its tokenized text).
pub(crate) fn group_of(doc: &Doc, tokens: &Tokens) -> Group {
    if let Some(site) = doc.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return Group {
            key: combine(
                0x517e,
                xxhash_rust::xxh3::xxh3_64(site.to_lowercase().as_bytes()),
            ),
            inferred: false,
        };
    }
    if let Some(host) = doc.host() {
        return Group {
            key: combine(0x517e, xxhash_rust::xxh3::xxh3_64(host.as_bytes())),
            inferred: false,
        };
    }
    let first = tokens.lines.first().map_or(0, |l| tokens.line_hash(l));
    let last = tokens.lines.last().map_or(0, |l| tokens.line_hash(l));
    Group {
        key: combine(0x7e3b, combine(first, last)),
        inferred: true,
    }
}

pub(super) fn scan_dir(w: &Path) -> PathBuf {
    w.join("scan")
}
pub(super) fn scan_part(w: &Path, shard: usize, part: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.p{part:03}"))
}
pub(super) fn scan_count(w: &Path, shard: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.count"))
}
pub(super) fn lines_out(w: &Path, part: usize) -> PathBuf {
    w.join("lines").join(format!("p{part:03}"))
}
pub(super) fn scan_copies(w: &Path, shard: usize, part: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.c{part:03}"))
}
pub(super) fn copies_out(w: &Path, part: usize) -> PathBuf {
    w.join("lines").join(format!("c{part:03}"))
}
pub(super) fn sig_part(w: &Path, shard: usize, part: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.p{part:03}"))
}
pub(super) fn sig_sketch(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.sketch"))
}
pub(super) fn sig_index(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.idx"))
}
pub(super) fn sig_meta(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.meta.jsonl"))
}
pub(super) fn pairs_part(w: &Path, from: usize, to: usize) -> PathBuf {
    w.join("pairs").join(format!("p{from:03}.q{to:03}"))
}
pub(super) fn edges_part(w: &Path, part: usize) -> PathBuf {
    w.join("edges").join(format!("q{part:03}"))
}
/// Where the cluster phase writes a shard's decisions (one JSON line per document).
pub(crate) fn decisions_path(w: &Path, shard: usize) -> PathBuf {
    w.join("decisions").join(format!("s{shard:05}.jsonl"))
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ShardCount {
    pub(super) docs: u64,
}

pub(super) fn read_count(w: &Path, shard: usize) -> Result<u64> {
    let p = scan_count(w, shard);
    let b = fs::read(&p).at("reading", &p)?;
    serde_json::from_slice::<ShardCount>(&b)
        .map(|c| c.docs)
        .map_err(|e| Error::corrupt(&p, e.to_string()))
}

/// Partitions of the line keys (the tasks of the lines phase): twice `config.partitions`. The
/// scan cannot know the document count the way [`key_partitions`] does; this keeps a partition of
/// 10M documents' line keys (about 16 per document) in the sort buffer, and a larger one is
/// sorted through bucket files.
pub(crate) fn line_partitions(config: &DedupConfig) -> usize {
    config.partitions.max(1) * 2
}

/// Partitions of the candidate keys and pairs (the tasks of the bands and verify phases) for a
/// run of `docs` documents: at least `config.partitions`, and enough that a partition's keys (about
/// 40 per document: an exact key, the bands and the anchors) fit the sort buffer, so that the
/// bands phase sorts them in memory instead of scattering them to disk first (at 10M documents
/// that saved writing and reading 3.9 GB). A power of two times `config.partitions`.
pub(crate) fn key_partitions(config: &DedupConfig, docs: u64) -> usize {
    let base = config.partitions.max(1);
    let per_part = config.sort_buffer_records.max(1024) as u64;
    let need = (docs.saturating_mul(40)).div_ceil(per_part * base as u64);
    base * need.max(1).next_power_of_two() as usize
}

/// Partitions of the candidate pairs (the tasks of the verify phase) for a run of `docs`
/// documents: like [`key_partitions`], for about 12 written pairs per document (11 at 10M). Fewer
/// than the key partitions, because each verify task loads every shard's sketch index.
pub(crate) fn pair_partitions(config: &DedupConfig, docs: u64) -> usize {
    let base = config.partitions.max(1);
    let per_part = config.sort_buffer_records.max(1024) as u64;
    let need = (docs.saturating_mul(12)).div_ceil(per_part * base as u64);
    base * need.max(1).next_power_of_two() as usize
}

/// Whether the run looks for copies (see [`copy_key`]): only when the exact key links a copy to
/// the document that keeps the near-duplicate keys, and the scan tokenizes anyway.
pub(super) fn copy_detection(config: &DedupConfig) -> bool {
    config.exact && config.near && config.boilerplate
}

/// A document's copy key: equal for two documents only when they have the same words on the same
/// lines (indices, word ranges, teaser marks) and the same boilerplate group, so that boilerplate
/// removal leaves them the same cleaned text and every near-duplicate key and sketch is the same.
/// Of such copies only the first (in shard order) writes its near-duplicate keys; the others write
/// their exact key only, which joins them to it. Exact copies are common in crawls (the same page
/// twice, a page under two URLs) and share every key, so they made most of the repeated
/// candidate pairs.
pub(super) fn copy_key(tokens: &Tokens, group: Group) -> u64 {
    let mut h = combine(tokens.exact(), group.key);
    for l in &tokens.lines {
        // A line's start is the previous line's end.
        h = combine(
            combine(h, l.index as u64),
            (l.end as u64) << 1 | u64::from(l.teaser),
        );
    }
    h
}

/// Candidate keys are stored as their low 40 bits and a dense document: 9 bytes. Keys that collide
/// in 40 bits (about one in 2^40 / keys-per-partition) only add a candidate pair, which verification
/// then rejects; the key files are the second largest of a run.
pub(super) const KEY_FORMAT: RecFormat = RecFormat { key: 5, val: 4 };
pub(super) const KEY_MASK: u64 = (1 << 40) - 1;

/// Line keys with the low 32 bits of the document's text hash.
pub(super) const SCAN_FORMAT: RecFormat = RecFormat::KEY_U32;

/// Runs `body` on each partition `task` owns, with that partition's input files (`inputs(part)`)
/// grouped by key and sorted (see [`external_sort`]) in a scratch folder of the task that is removed afterwards: the shared frame
/// of the merge phases (lines, bands, verify).
#[allow(clippy::too_many_arguments)]
pub(super) fn for_each_sorted_partition(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    parts: usize,
    fmt: RecFormat,
    inputs: impl Fn(usize) -> Vec<PathBuf>,
    mut body: impl FnMut(usize, &mut SortedRecs) -> Result<()>,
) -> Result<()> {
    for part in (0..parts).filter(|&p| task.owns(p)) {
        let tmp = work_dir.join("tmp").join(task.label());
        fs::create_dir_all(&tmp).at("creating", &tmp)?;
        let mut sorted = external_sort(&inputs(part), fmt, &tmp, config.sort_buffer_records)?;
        body(part, &mut sorted)?;
        drop(sorted);
        let _ = fs::remove_dir_all(&tmp);
    }
    Ok(())
}

/// Hashes integer keys with one multiply: the keys of this module's maps are hashes or dense
/// numbers already, so SipHash (the std default, built against adversarial keys) only costs time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IntHasher(u64);

impl std::hash::Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

pub(super) type IntMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IntHasher>>;

/// Edge records carry the match kind in the top bits of their second document.
pub(super) const EDGE_CONTAINED: u64 = 1 << 31;
/// With [`EDGE_CONTAINED`]: the first document is the container.
pub(super) const EDGE_FIRST_CONTAINS: u64 = 1 << 30;
/// Dense document numbers must stay below this so the edge flags fit.
pub(super) const MAX_DOCS: u64 = 1 << 30;
