//! The dedup phases as tasks over files. Each task reads committed outputs of earlier phases,
//! writes its own under temporary names, renames them and drops a done marker holding its stats,
//! so the local runner, Slurm or Ray can run, rerun or skip any of them with the same code.
//!
//! | phase | tasks | reads | writes |
//! |---|---|---|---|
//! | `dedup-scan` | one per shard | shard docs | line keys `(key, text hash)` and copy keys by partition, doc count |
//! | `dedup-lines` | one per line partition | line keys, copy keys | keys that recur, with their distinct-doc counts; later copies |
//! | `dedup-signatures` | one per shard | shard docs, recurring keys, later copies | band/anchor/exact keys by key partition, shingle sketches, doc meta |
//! | `dedup-bands` | one per key partition | keys | candidate pairs, by pair partition |
//! | `dedup-verify` | one per pair partition | pairs, sketches | verified edges, with how they matched |
//! | `dedup-cluster` | one | edges, doc meta, sketches (digest checks) | per-shard decisions |
//!
//! Documents are numbered densely across shards (from the scan counts), so keys, pairs and edges
//! store a document in 4 bytes. The scan's counts also size the key and pair partitions
//! ([`key_partitions`], [`pair_partitions`]) so that the merge phases sort in memory.

use crate::config::{DedupAction, DedupConfig};
use crate::files::{
    create_rec_file, external_sort, read_done, write_atomic, write_done, AtomicFile, Rec,
    RecFormat, RecReader, RecWriter, SortedRecs,
};
use crate::minhash::{anchor_keys, exact_key, MinHasher};
use crate::text::{brand_key, combine, host_brand, lines, mix64, shingles, source_line, Tokens};
use crate::ShardSource;
use anyhow::{Context, Result};
use newsmill_core::{Doc, Task};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Phase names, in run order.
pub const PHASES: [&str; 6] = [
    "dedup-scan",
    "dedup-lines",
    "dedup-signatures",
    "dedup-bands",
    "dedup-verify",
    "dedup-cluster",
];

/// What one task did: its wall time and event counts, kept in its done marker so that a resumed
/// run reports the same totals.
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
    fn add(&mut self, k: &str, n: u64) {
        // Called per document: no allocation once the counter exists.
        match self.counters.get_mut(k) {
            Some(v) => *v += n,
            None => {
                self.counters.insert(k.to_string(), n);
            }
        }
    }
}

/// Where each shard's documents start in the run's dense document numbering (one entry per shard
/// plus the total), from the scan phase's counts. Dense `u32` numbers are what the key, pair and
/// edge files store: 4 bytes instead of 8 per document.
pub fn shard_offsets(work_dir: &Path, shard_count: usize) -> Result<Vec<u64>> {
    let mut offsets = Vec::with_capacity(shard_count + 1);
    let mut total = 0u64;
    for s in 0..shard_count {
        offsets.push(total);
        total += read_count(work_dir, s)?;
    }
    offsets.push(total);
    anyhow::ensure!(
        total < MAX_DOCS,
        "too many documents for one dedup run (at most {MAX_DOCS})"
    );
    Ok(offsets)
}

/// The shard of dense document `d` and its ordinal in the shard.
fn locate(offsets: &[u64], d: u64) -> Result<(usize, u64)> {
    let shard = offsets.partition_point(|&o| o <= d);
    anyhow::ensure!(
        shard >= 1 && shard < offsets.len(),
        "document {d} is not in the run"
    );
    Ok((shard - 1, d - offsets[shard - 1]))
}

// Namespaces of line keys, in the top two bits so the lines phase knows which threshold applies.
const NS_GROUP_LINE: u64 = 0;
const NS_CORPUS_LINE: u64 = 1;
const NS_GROUP_SIZE: u64 = 2;
const CORPUS_GROUP: u64 = 0x00c0_4b05_0000_0000;

fn ns_key(ns: u64, h: u64) -> u64 {
    (h & !(3u64 << 62)) | (ns << 62)
}

fn ns_of(k: u64) -> u64 {
    k >> 62
}

fn part_of(k: u64, parts: usize) -> usize {
    (mix64(k ^ 0x5eed) % parts.max(1) as u64) as usize
}

/// Which pages' lines are counted together: the site (or URL host) where known, else the page
/// template, taken as the first and last lines (a site's header and footer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Hash identifying the group.
    pub key: u64,
    /// True when inferred from the template rather than given by the site or URL.
    pub inferred: bool,
}

/// The boilerplate group of a document (`tokens` is its tokenized text).
pub fn group_of(doc: &Doc, tokens: &Tokens) -> Group {
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

fn scan_dir(w: &Path) -> PathBuf {
    w.join("scan")
}
fn scan_part(w: &Path, shard: usize, part: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.p{part:03}"))
}
fn scan_count(w: &Path, shard: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.count"))
}
fn lines_out(w: &Path, part: usize) -> PathBuf {
    w.join("lines").join(format!("p{part:03}"))
}
fn scan_copies(w: &Path, shard: usize, part: usize) -> PathBuf {
    scan_dir(w).join(format!("s{shard:05}.c{part:03}"))
}
fn copies_out(w: &Path, part: usize) -> PathBuf {
    w.join("lines").join(format!("c{part:03}"))
}
fn sig_part(w: &Path, shard: usize, part: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.p{part:03}"))
}
fn sig_sketch(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.sketch"))
}
fn sig_index(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.idx"))
}
fn sig_meta(w: &Path, shard: usize) -> PathBuf {
    w.join("sig").join(format!("s{shard:05}.meta.jsonl"))
}
fn pairs_part(w: &Path, from: usize, to: usize) -> PathBuf {
    w.join("pairs").join(format!("p{from:03}.q{to:03}"))
}
fn edges_part(w: &Path, part: usize) -> PathBuf {
    w.join("edges").join(format!("q{part:03}"))
}
/// Where the cluster phase writes a shard's decisions (one JSON line per document).
pub fn decisions_path(w: &Path, shard: usize) -> PathBuf {
    w.join("decisions").join(format!("s{shard:05}.jsonl"))
}

#[derive(Debug, Serialize, Deserialize)]
struct ShardCount {
    docs: u64,
}

fn read_count(w: &Path, shard: usize) -> Result<u64> {
    let p = scan_count(w, shard);
    let b = fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
    Ok(serde_json::from_slice::<ShardCount>(&b)?.docs)
}

/// Phase 1 (one task per shard): counts, for every line of every document, the key of the line in
/// its site group and corpus-wide, paired with the document's normalized-text hash so the next
/// phase counts distinct documents (exact copies of a page count once).
pub fn scan_task(
    source: &dyn ShardSource,
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
) -> Result<TaskStats> {
    let start = Instant::now();
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
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

/// Partitions of the line keys (the tasks of the lines phase): twice `config.partitions`. The
/// scan cannot know the document count the way [`key_partitions`] does; this keeps a partition of
/// 10M documents' line keys (about 16 per document) in the sort buffer, and a larger one is
/// sorted through bucket files.
pub fn line_partitions(config: &DedupConfig) -> usize {
    config.partitions.max(1) * 2
}

/// Partitions of the candidate keys and pairs (the tasks of the bands and verify phases) for a
/// run of `docs` documents: at least `config.partitions`, and enough that a partition's keys (about
/// 40 per document: an exact key, the bands and the anchors) fit the sort buffer, so that the
/// bands phase sorts them in memory instead of scattering them to disk first (at 10M documents
/// that saved writing and reading 3.9 GB). A power of two times `config.partitions`.
pub fn key_partitions(config: &DedupConfig, docs: u64) -> usize {
    let base = config.partitions.max(1);
    let per_part = config.sort_buffer_records.max(1024) as u64;
    let need = (docs.saturating_mul(40)).div_ceil(per_part * base as u64);
    base * need.max(1).next_power_of_two() as usize
}

/// Partitions of the candidate pairs (the tasks of the verify phase) for a run of `docs`
/// documents: like [`key_partitions`], for about 12 written pairs per document (11 at 10M). Fewer
/// than the key partitions, because each verify task loads every shard's sketch index.
pub fn pair_partitions(config: &DedupConfig, docs: u64) -> usize {
    let base = config.partitions.max(1);
    let per_part = config.sort_buffer_records.max(1024) as u64;
    let need = (docs.saturating_mul(12)).div_ceil(per_part * base as u64);
    base * need.max(1).next_power_of_two() as usize
}

/// Whether the run looks for copies (see [`copy_key`]): only when the exact key links a copy to
/// the document that keeps the near-duplicate keys, and the scan tokenizes anyway.
fn copy_detection(config: &DedupConfig) -> bool {
    config.exact && config.near && config.boilerplate
}

/// A document's copy key: equal for two documents only when they have the same words on the same
/// lines (indices, word ranges, teaser marks) and the same boilerplate group, so that boilerplate
/// removal leaves them the same cleaned text and every near-duplicate key and sketch is the same.
/// Of such copies only the first (in shard order) writes its near-duplicate keys; the others write
/// their exact key only, which joins them to it. Exact copies are common in crawls (the same page
/// twice, a page under two URLs) and share every key, so they made most of the repeated
/// candidate pairs.
fn copy_key(tokens: &Tokens, group: Group) -> u64 {
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
const KEY_FORMAT: RecFormat = RecFormat { key: 5, val: 4 };
const KEY_MASK: u64 = (1 << 40) - 1;

/// Line keys with the low 32 bits of the document's text hash.
const SCAN_FORMAT: RecFormat = RecFormat::KEY_U32;

/// Runs `body` on each partition `task` owns, with that partition's input files (`inputs(part)`)
/// grouped by key and sorted (see [`external_sort`]) in a scratch folder of the task that is removed afterwards: the shared frame
/// of the merge phases (lines, bands, verify).
#[allow(clippy::too_many_arguments)]
fn for_each_sorted_partition(
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
        fs::create_dir_all(&tmp)?;
        let mut sorted = external_sort(&inputs(part), fmt, &tmp, config.sort_buffer_records)?;
        body(part, &mut sorted)?;
        drop(sorted);
        let _ = fs::remove_dir_all(&tmp);
    }
    Ok(())
}

/// Phase 2 (one task per partition): sorts the partition's line keys and keeps those shared by
/// enough distinct documents, with their counts (the thresholds are applied by the next phase,
/// which knows the document's group kind).
pub fn lines_task(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    shard_count: usize,
) -> Result<TaskStats> {
    let start = Instant::now();
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
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

/// Which documents of `shard` are later copies of another (see [`copy_key`]), by ordinal.
fn load_copies(
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
                anyhow::ensure!(ord < copy.len(), "copy {ord} not in shard {shard}");
                copy[ord] = true;
            }
        }
    }
    Ok(copy)
}

/// Hashes integer keys with one multiply: the keys of this module's maps are hashes or dense
/// numbers already, so SipHash (the std default, built against adversarial keys) only costs time.
#[derive(Debug, Default, Clone, Copy)]
pub struct IntHasher(u64);

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

type IntMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<IntHasher>>;

/// The recurring line keys of a run, loaded once per signatures task or shard decision reader.
#[derive(Debug, Default)]
pub struct Boilerplate {
    counts: IntMap<u64, u32>,
    /// One bit per slot of `filter_bits`, set for every key in `counts`: most lines are not
    /// boilerplate, and this answers most of their lookups from the cache (the map has 225k keys
    /// at 10M documents; the bitset is 8 bits per key).
    filter: Vec<u64>,
    filter_shift: u32,
}

impl Boilerplate {
    /// Loads the outputs of every `dedup-lines` partition.
    pub fn load(work_dir: &Path, config: &DedupConfig) -> Result<Self> {
        let mut counts = IntMap::default();
        if !config.boilerplate {
            return Ok(Boilerplate::default());
        }
        for part in 0..line_partitions(config) {
            let mut r = RecReader::open(&lines_out(work_dir, part))?;
            while let Some((k, c)) = r.next_rec()? {
                counts.insert(k, c.min(u32::MAX as u64) as u32);
            }
        }
        let bits = (counts.len() * 8).max(64).next_power_of_two();
        let mut b = Boilerplate {
            counts,
            filter: vec![0; bits / 64],
            filter_shift: 64 - bits.trailing_zeros(),
        };
        let slots: Vec<usize> = b.counts.keys().map(|&k| b.slot(k)).collect();
        for i in slots {
            b.filter[i / 64] |= 1 << (i % 64);
        }
        Ok(b)
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.filter_shift) as usize
    }

    fn count(&self, k: u64) -> usize {
        if self.filter.is_empty() {
            return 0;
        }
        let i = self.slot(k);
        if self.filter[i / 64] >> (i % 64) & 1 == 0 {
            return 0;
        }
        self.counts.get(&k).copied().unwrap_or(0) as usize
    }

    /// Indices (into [`lines`]) of the lines of `doc` that are boilerplate (`tokens` is its
    /// tokenized text).
    pub fn boilerplate_lines(
        &self,
        doc: &Doc,
        tokens: &Tokens,
        config: &DedupConfig,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        if !config.boilerplate || self.counts.is_empty() {
            return out;
        }
        let group = group_of(doc, tokens);
        let group_ok = !group.inferred
            || self.count(ns_key(NS_GROUP_SIZE, group.key)) >= config.template_min_docs;
        // (line index, is boilerplate, is a short teaser-like line) for lines with words.
        let mut marks: Vec<(usize, bool, bool)> = Vec::new();
        for span in &tokens.lines {
            let (lh, words) = tokens.boiler_key(span, config.teaser_prefix_words);
            let site = group_ok
                && self.count(ns_key(NS_GROUP_LINE, combine(group.key, lh)))
                    >= config.boilerplate_min_docs;
            let corpus = words <= config.corpus_max_words
                && self.count(ns_key(NS_CORPUS_LINE, combine(CORPUS_GROUP, lh)))
                    >= config.corpus_min_docs;
            let teaser = words <= config.teaser_max_words && span.teaser;
            marks.push((span.index, site || corpus, teaser));
        }
        // A teaser next to boilerplate is part of the same block: sites tease stories from a
        // pool, and the rarely drawn ones recur too seldom to be counted out on their own.
        if config.teaser_max_words > 0 {
            loop {
                let mut changed = false;
                for j in 0..marks.len() {
                    if marks[j].1 || !marks[j].2 {
                        continue;
                    }
                    let prev = j > 0 && marks[j - 1].1;
                    let next = j + 1 < marks.len() && marks[j + 1].1;
                    if prev || next {
                        marks[j].1 = true;
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
        }
        out.extend(marks.iter().filter(|m| m.1).map(|m| m.0));
        out
    }
}

/// What the cluster phase needs to know of each document, written by the signatures phase.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocMeta {
    /// Document id.
    pub id: String,
    /// Normalized-text hash of the whole text (exact dedup key).
    pub exact: u64,
    /// Words left after boilerplate removal.
    pub words: u64,
    /// Publication date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The brand of the document's own site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The brand the text credits as its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<String>,
    /// Indices of the lines removed as boilerplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<usize>,
}

/// Phase 3 (one task per shard): removes boilerplate lines, shingles the cleaned text, and writes
/// its candidate keys (exact, LSH bands, anchors) by partition, its shingle sketch for
/// verification and its metadata.
pub fn signatures_task(
    source: &dyn ShardSource,
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
) -> Result<TaskStats> {
    let start = Instant::now();
    let mut stats = TaskStats::default();
    let offsets = shard_offsets(work_dir, source.shard_count())?;
    let parts = key_partitions(config, offsets[offsets.len() - 1]);
    let boiler = Boilerplate::load(work_dir, config)?;
    let hasher = if config.near {
        MinHasher::new(
            config.bands,
            config.rows,
            config.seed,
            config.one_permutation,
        )
    } else {
        MinHasher::new(0, 0, config.seed, false)
    };
    let mut words = Vec::new();
    let mut shing = Vec::new();
    let mut sig = Vec::new();
    let mut keys = Vec::new();
    let mut sketch: Vec<u32> = Vec::new();
    let mut sketch_bytes: Vec<u8> = Vec::new();
    let mut radix_tmp: Vec<u32> = Vec::new();
    let mut tokens = Tokens::default();
    for shard in (0..source.shard_count()).filter(|&s| task.owns(s)) {
        let mut outs = (0..parts)
            .map(|p| create_rec_file(&sig_part(work_dir, shard, p)))
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut sk = create_rec_file(&sig_sketch(work_dir, shard))?;
        let mut idx = create_rec_file(&sig_index(work_dir, shard))?;
        let mut meta = create_rec_file(&sig_meta(work_dir, shard))?;
        let copies = load_copies(work_dir, config, shard, offsets[shard + 1] - offsets[shard])?;
        let mut offset = 0u64;
        for (ord, doc) in source.open(shard)?.enumerate() {
            let doc = doc?;
            let dref = offsets[shard] + ord as u64;
            anyhow::ensure!(
                dref < offsets[shard + 1],
                "shard {shard} has more documents than the scan phase counted"
            );
            tokens.fill(&doc.text);
            let removed = boiler.boilerplate_lines(&doc, &tokens, config);
            stats.add("boilerplate_lines", removed.len() as u64);
            if !removed.is_empty() {
                stats.add("docs_with_boilerplate", 1);
            }
            let exact = tokens.exact();
            let mut credits = doc.source.as_deref().and_then(brand_key);
            if credits.is_none() {
                credits = lines(&doc.text)
                    .filter(|l| l.len() < 160)
                    .find_map(|l| source_line(l).as_deref().and_then(brand_key));
            }
            words.clear();
            let mut ri = 0;
            for span in &tokens.lines {
                while ri < removed.len() && removed[ri] < span.index {
                    ri += 1;
                }
                if ri < removed.len() && removed[ri] == span.index {
                    continue;
                }
                words.extend_from_slice(&tokens.words[span.start..span.end]);
            }
            keys.clear();
            // A text without words has nothing to be a copy of.
            if config.exact && !tokens.words.is_empty() {
                keys.push(exact_key(exact));
            }
            sketch.clear();
            // A later copy of a document needs only the exact key, which joins it to the first,
            // and no sketch: its only candidates come from that key and pass as exact copies,
            // and it never takes part in a containment edge (the other use of sketches).
            let copy = copies.get(ord).copied().unwrap_or(false);
            if copy {
                stats.add("copies", 1);
            }
            if config.near && !copy {
                shingles(&words, config.shingle_words, &mut shing);
                if !shing.is_empty() {
                    if !hasher.is_empty() {
                        hasher.signature(&shing, &mut sig);
                        hasher.band_keys(&sig, &mut keys);
                    }
                    anchor_keys(&shing, config.anchor_rate, config.anchor_words, &mut keys);
                }
                sketch.extend(shing.iter().map(|&s| (s >> (64 - 8 * SKETCH_BYTES)) as u32));
                sort_u24(&mut sketch, &mut radix_tmp);
                sketch.dedup();
            }
            for &k in &keys {
                outs[part_of(k, parts)].rec_as(KEY_FORMAT, (k & KEY_MASK, dref))?;
            }
            stats.add("keys", keys.len() as u64);
            idx.rec((offset + sketch.len() as u64, exact))?;
            sketch_bytes.clear();
            for &s in &sketch {
                sketch_bytes.extend_from_slice(&s.to_le_bytes()[..SKETCH_BYTES]);
            }
            sk.writer().write_all(&sketch_bytes)?;
            offset += sketch.len() as u64;
            let brand = doc
                .site
                .as_deref()
                .and_then(brand_key)
                .or_else(|| doc.host().as_deref().and_then(host_brand));
            let m = DocMeta {
                id: doc.id.clone(),
                exact,
                words: words.len() as u64,
                date: doc.date.clone(),
                brand,
                credits,
                removed,
            };
            serde_json::to_writer(meta.writer(), &m)?;
            meta.writer().write_all(b"\n")?;
            stats.add("docs", 1);
        }
        for o in outs {
            o.commit()?;
        }
        sk.commit()?;
        idx.commit()?;
        meta.commit()?;
    }
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

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
    let start = Instant::now();
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
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

/// Reads shingle sketches by document, keeping one open file per shard and each shard's index in
/// memory (16 bytes per document), so that a sketch costs one positioned read.
struct SketchReader {
    work_dir: PathBuf,
    offsets: Vec<u64>,
    /// Per shard: the sketch file, and per document the end of its sketch (in values) and its
    /// exact-text hash.
    files: HashMap<usize, (File, Vec<Rec>)>,
    bytes: Vec<u8>,
}

impl SketchReader {
    fn new(work_dir: &Path, offsets: Vec<u64>) -> Self {
        SketchReader {
            work_dir: work_dir.to_path_buf(),
            offsets,
            files: HashMap::new(),
            bytes: Vec::new(),
        }
    }

    /// Reads dense document `d`'s sketch into `out` and returns its exact-text hash.
    fn read(&mut self, d: u64, out: &mut Vec<u32>) -> Result<u64> {
        let (shard, ord) = locate(&self.offsets, d)?;
        if !self.files.contains_key(&shard) {
            // Read whole and decoded in one loop: every verify task loads every shard's index.
            let p = sig_index(&self.work_dir, shard);
            let bytes = fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
            anyhow::ensure!(bytes.len() % 16 == 0, "{}: truncated", p.display());
            let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
            let index: Vec<Rec> = bytes
                .chunks_exact(16)
                .map(|r| (word(&r[..8]), word(&r[8..])))
                .collect();
            let sk = File::open(sig_sketch(&self.work_dir, shard))
                .with_context(|| format!("opening sketches of shard {shard}"))?;
            self.files.insert(shard, (sk, index));
        }
        let Some((sk, index)) = self.files.get(&shard) else {
            anyhow::bail!("sketch files of shard {shard} missing");
        };
        let ord = ord as usize;
        let Some(&(end, exact)) = index.get(ord) else {
            anyhow::bail!("no sketch index entry {ord} in shard {shard}");
        };
        let start = if ord == 0 { 0 } else { index[ord - 1].0 };
        anyhow::ensure!(
            start <= end,
            "bad sketch index entry {ord} in shard {shard}"
        );
        self.bytes.resize((end - start) as usize * SKETCH_BYTES, 0);
        // A positioned read: one system call, no seek.
        sk.read_exact_at(&mut self.bytes, start * SKETCH_BYTES as u64)?;
        out.clear();
        out.extend(self.bytes.chunks_exact(SKETCH_BYTES).map(|c| {
            let mut v = [0u8; 4];
            v[..SKETCH_BYTES].copy_from_slice(c);
            u32::from_le_bytes(v)
        }));
        Ok(exact)
    }
}

/// Bytes per sketch value: the top 24 bits of a shingle hash. Two unrelated 1,000-shingle texts
/// then share about 0.06 values by chance, far below `min_overlap`, and the sketches (the largest
/// files of a run) are a quarter smaller than with 32 bits.
const SKETCH_BYTES: usize = 3;

/// Sorts values below 2^24 (sketch values) by three byte-wise counting passes: a document's few
/// hundred values sort several times faster than by comparison, and this sort ran for every
/// document. `tmp` is scratch.
pub fn sort_u24(v: &mut Vec<u32>, tmp: &mut Vec<u32>) {
    if v.len() < 64 {
        v.sort_unstable();
        return;
    }
    debug_assert!(v.iter().all(|&x| x < 1 << 24));
    let mut counts = [[0u32; 256]; 3];
    for &x in v.iter() {
        counts[0][(x & 0xff) as usize] += 1;
        counts[1][(x >> 8 & 0xff) as usize] += 1;
        counts[2][(x >> 16 & 0xff) as usize] += 1;
    }
    tmp.clear();
    tmp.resize(v.len(), 0);
    for (pass, c) in counts.iter_mut().enumerate() {
        let mut sum = 0;
        for x in c.iter_mut() {
            let n = *x;
            *x = sum;
            sum += n;
        }
        for &x in v.iter() {
            let b = (x >> (8 * pass) & 0xff) as usize;
            tmp[c[b] as usize] = x;
            c[b] += 1;
        }
        std::mem::swap(v, tmp);
    }
}

/// Size of the intersection of two sorted, deduplicated sets.
pub fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The verification rule: enough Jaccard, or enough containment of the smaller text backed by
/// enough shared shingles. Containment is what lets a brief or a truncation join its story; the
/// overlap floor is what keeps two short pages from matching on a few shared phrases.
pub fn is_duplicate(a: &[u32], b: &[u32], config: &DedupConfig) -> bool {
    match_kind(a, b, config) != Match::No
}

/// How two sketches matched under [`is_duplicate`]'s rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Not duplicates.
    No,
    /// Jaccard-similar: copies of each other.
    Similar,
    /// Only the containment rule matched: the smaller text is inside the larger (a brief in its
    /// story, or a story inside a digest page). `first_contains` says whether the first sketch is
    /// the larger one.
    Contained {
        /// The first sketch is the container.
        first_contains: bool,
    },
}

/// [`is_duplicate`], telling a copy from a contained text: the cluster phase needs to know which
/// documents contain others, to refuse merging two stories through a page that holds both.
pub fn match_kind(a: &[u32], b: &[u32], config: &DedupConfig) -> Match {
    if a.is_empty() || b.is_empty() {
        return Match::No;
    }
    let inter = intersection(a, b);
    let union = a.len() + b.len() - inter;
    let jaccard = inter as f64 / union as f64;
    let small = a.len().min(b.len());
    let containment = inter as f64 / small as f64;
    if jaccard >= config.jaccard_threshold && inter >= config.min_overlap.min(small) {
        Match::Similar
    } else if containment >= config.containment_threshold && inter >= config.min_overlap {
        Match::Contained {
            first_contains: a.len() >= b.len(),
        }
    } else {
        Match::No
    }
}

/// Edge records carry the match kind in the top bits of their second document.
const EDGE_CONTAINED: u64 = 1 << 31;
/// With [`EDGE_CONTAINED`]: the first document is the container.
const EDGE_FIRST_CONTAINS: u64 = 1 << 30;
/// Dense document numbers must stay below this so the edge flags fit.
const MAX_DOCS: u64 = 1 << 30;

/// Phase 5 (one task per partition): sorts and deduplicates the partition's candidate pairs and
/// keeps those whose cleaned texts verify; exact-key pairs whose sketches are equal pass too.
pub fn verify_task(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    shard_count: usize,
) -> Result<TaskStats> {
    let start = Instant::now();
    let mut stats = TaskStats::default();
    let offsets = shard_offsets(work_dir, shard_count)?;
    let key_parts = key_partitions(config, offsets[offsets.len() - 1]);
    let parts = pair_partitions(config, offsets[offsets.len() - 1]);
    let mut reader = SketchReader::new(work_dir, offsets);
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    let inputs = |part| {
        (0..key_parts)
            .map(|p| pairs_part(work_dir, p, part))
            .collect()
    };
    for_each_sorted_partition(
        work_dir,
        config,
        task,
        parts,
        RecFormat::PAIR,
        inputs,
        |part, sorted| {
            let mut out = create_rec_file(&edges_part(work_dir, part))?;
            let mut last: Option<Rec> = None;
            let mut loaded_a: Option<(u64, u64)> = None;
            while let Some(pair) = sorted.next_rec()? {
                if last == Some(pair) {
                    continue;
                }
                last = Some(pair);
                stats.add("candidate_pairs", 1);
                let (a, b) = pair;
                if loaded_a.map(|x| x.0) != Some(a) {
                    loaded_a = Some((a, reader.read(a, &mut sa)?));
                }
                let exact_a = loaded_a.map_or(0, |x| x.1);
                let exact_b = reader.read(b, &mut sb)?;
                let exact = config.exact && exact_a == exact_b;
                let kind = if exact {
                    Match::Similar
                } else if config.near {
                    match_kind(&sa, &sb, config)
                } else {
                    Match::No
                };
                let flags = match kind {
                    Match::No => continue,
                    Match::Similar => 0,
                    Match::Contained { first_contains } => {
                        stats.add("containment_edges", 1);
                        EDGE_CONTAINED
                            | if first_contains {
                                EDGE_FIRST_CONTAINS
                            } else {
                                0
                            }
                    }
                };
                out.rec_as(RecFormat::PAIR, (a, b | flags))?;
                stats.add("verified_edges", 1);
            }
            out.commit()?;
            Ok(())
        },
    )?;
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

/// Union-find over dense document indices with path halving and union by size.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }
    /// The root of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
    /// Merges the sets of `a` and `b`.
    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.size[ra as usize] >= self.size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
    /// Size of `x`'s set.
    pub fn set_size(&mut self, x: u32) -> u32 {
        let r = self.find(x);
        self.size[r as usize]
    }
}

/// How one member ranks as its cluster's original; smaller is better.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct OriginalRank {
    /// Undated documents rank after dated ones; earlier dates first.
    date: (bool, String),
    /// More members crediting this document's brand first.
    named_by: std::cmp::Reverse<u32>,
    /// Documents crediting another brand (republications) last.
    credits_other: bool,
    /// Longer clean text first.
    words: std::cmp::Reverse<u64>,
    /// Then by id.
    id: String,
}

/// One line of a shard's decisions file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    /// The document's id, checked against the document it is applied to.
    pub id: String,
    /// Line indices to remove as boilerplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<usize>,
    /// Cluster id.
    pub cluster: String,
    /// Cluster size.
    pub size: usize,
    /// Id of the cluster's original.
    pub original: String,
    /// `exact_duplicate` or `near_duplicate` when the document is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop: Option<String>,
}

/// The cluster id of a cluster whose original is `original_id`: stable across runs and splits.
pub fn cluster_id(original_id: &str) -> String {
    format!(
        "c{:016x}",
        xxhash_rust::xxh3::xxh3_64(original_id.as_bytes())
    )
}

/// Streams every shard's doc meta with the document's dense index (`offsets` has one entry per
/// shard plus the total).
/// Only the lines for which `wanted(document, line)` is true are parsed, as `T` (the fields of
/// [`DocMeta`] a pass needs): the first two passes of the cluster phase skip singletons, a third
/// of a typical corpus, and the first also every document that credits no source.
fn for_each_meta<T: serde::de::DeserializeOwned>(
    work_dir: &Path,
    offsets: &[u64],
    mut wanted: impl FnMut(u32, &str) -> bool,
    mut f: impl FnMut(u32, T) -> Result<()>,
) -> Result<()> {
    let mut line = String::new();
    for (shard, bounds) in offsets.windows(2).enumerate() {
        let p = sig_meta(work_dir, shard);
        let mut r =
            BufReader::new(File::open(&p).with_context(|| format!("opening {}", p.display()))?);
        let mut ord = 0u64;
        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 {
                break;
            }
            let d = bounds[0] + ord;
            ord += 1;
            anyhow::ensure!(
                d < bounds[1],
                "{}: more documents than counted",
                p.display()
            );
            if !wanted(d as u32, &line) {
                continue;
            }
            let m: T =
                serde_json::from_str(&line).with_context(|| format!("{}:{}", p.display(), ord))?;
            f(d as u32, m)?;
        }
    }
    Ok(())
}

/// The field of [`DocMeta`] the cluster phase's first pass reads.
#[derive(Deserialize)]
struct MetaCredits {
    credits: Option<String>,
}

/// The fields of [`DocMeta`] that rank a document as its cluster's original.
#[derive(Deserialize)]
struct MetaRank {
    id: String,
    exact: u64,
    words: u64,
    date: Option<String>,
    brand: Option<String>,
    credits: Option<String>,
}

/// Reads every verified edge as (first, second, match flags).
fn for_each_edge(
    work_dir: &Path,
    config: &DedupConfig,
    total: u64,
    mut f: impl FnMut(u32, u32, u64),
) -> Result<()> {
    for part in 0..pair_partitions(config, total) {
        let p = edges_part(work_dir, part);
        let mut r = RecReader::open_as(&p, RecFormat::PAIR)?;
        while let Some((a, b)) = r.next_rec()? {
            let flags = b & (EDGE_CONTAINED | EDGE_FIRST_CONTAINS);
            let b = b & !flags;
            anyhow::ensure!(
                a < total && b < total,
                "{}: edge names unknown document",
                p.display()
            );
            f(a as u32, b as u32, flags);
        }
    }
    Ok(())
}

/// Clusters as connected components of the verified edges, except through digests.
///
/// A page that contains two unrelated stories (a digest, a roundup) verifies against both by
/// containment, and plain transitive closure would merge the two stories through it. So the
/// containment edges of every document that contains two or more others are held back; the rest
/// are unioned; then each such container is joined to what it contains only if all the groups it
/// would join are related: one group already, or groups whose representatives match each other
/// (two briefs of one story do; two different stories do not). A container that fails is a
/// digest and joins none of them (it keeps only its other edges, e.g. to its own exact copies).
fn union_edges(
    work_dir: &Path,
    config: &DedupConfig,
    offsets: &[u64],
    stats: &mut TaskStats,
) -> Result<UnionFind> {
    let total = offsets[offsets.len() - 1];
    let mut uf = UnionFind::new(total as usize);
    // How many documents each document contains (saturating: only "two or more" matters).
    let mut contains = vec![0u8; total as usize];
    let container = |a: u32, b: u32, flags: u64| -> Option<(u32, u32)> {
        let pair = if flags & EDGE_FIRST_CONTAINS != 0 {
            (a, b)
        } else {
            (b, a)
        };
        (flags & EDGE_CONTAINED != 0).then_some(pair)
    };
    for_each_edge(work_dir, config, total, |a, b, flags| {
        if let Some((c, _)) = container(a, b, flags) {
            contains[c as usize] = contains[c as usize].saturating_add(1);
        }
    })?;
    let mut held: Vec<(u32, u32)> = Vec::new();
    for_each_edge(work_dir, config, total, |a, b, flags| {
        stats.add("edges", 1);
        match container(a, b, flags) {
            Some((c, inner)) if contains[c as usize] >= 2 => held.push((c, inner)),
            _ => uf.union(a, b),
        }
    })?;
    drop(contains);
    held.sort_unstable();
    let mut reader = SketchReader::new(work_dir, offsets.to_vec());
    let mut sketches: Vec<Vec<u32>> = Vec::new();
    for group in held.chunk_by(|x, y| x.0 == y.0) {
        let c = group[0].0;
        // One representative per group the container would join (at most 16 compared).
        let mut reps: Vec<(u32, u32)> = Vec::new(); // (root, member)
        for &(_, inner) in group {
            let root = uf.find(inner);
            if !reps.iter().any(|r| r.0 == root) {
                reps.push((root, inner));
            }
        }
        let related = reps.len() <= 1 || {
            reps.truncate(16);
            sketches.resize_with(reps.len(), Vec::new);
            for (i, r) in reps.iter().enumerate() {
                reader.read(u64::from(r.1), &mut sketches[i])?;
            }
            (0..reps.len()).all(|i| {
                (i + 1..reps.len()).all(|j| is_duplicate(&sketches[i], &sketches[j], config))
            })
        };
        if related {
            for &(_, inner) in group {
                uf.union(c, inner);
            }
        } else {
            stats.add("digests", 1);
        }
    }
    Ok(uf)
}

/// Phase 6 (a single task): unions the verified edges, picks each cluster's original (earliest
/// date; else the member the others credit as source; else one that credits no other brand; else
/// the longest clean text; ties by id) and writes every shard's decisions.
pub fn cluster_task(
    work_dir: &Path,
    config: &DedupConfig,
    shard_count: usize,
) -> Result<TaskStats> {
    let start = Instant::now();
    let mut stats = TaskStats::default();
    let offsets = shard_offsets(work_dir, shard_count)?;
    let mut uf = union_edges(work_dir, config, &offsets, &mut stats)?;
    // Pass 1: which brands the members of each cluster credit.
    let mut credited: IntMap<u32, HashMap<String, u32>> = IntMap::default();
    let sizes: Vec<bool> = (0..offsets[shard_count] as u32)
        .map(|d| uf.set_size(d) > 1)
        .collect();
    for_each_meta(
        work_dir,
        &offsets,
        // The key can only appear as a key: inside a JSON string its quotes are escaped.
        |d, line| sizes[d as usize] && line.contains("\"credits\":"),
        |d, m: MetaCredits| {
            if uf.set_size(d) > 1 {
                if let Some(c) = m.credits {
                    let root = uf.find(d);
                    *credited.entry(root).or_default().entry(c).or_insert(0) += 1;
                }
            }
            Ok(())
        },
    )?;
    // Pass 2: the best-ranked member of each cluster.
    let mut best: IntMap<u32, (OriginalRank, u64, u32)> = IntMap::default();
    for_each_meta(
        work_dir,
        &offsets,
        |d, _| sizes[d as usize],
        |d, m: MetaRank| {
            if uf.set_size(d) <= 1 {
                return Ok(());
            }
            let root = uf.find(d);
            let own_credit = m.credits.is_some() && m.credits == m.brand;
            let named_by = match (&m.brand, credited.get(&root)) {
                (Some(b), Some(c)) => c
                    .get(b)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(u32::from(own_credit)),
                _ => 0,
            };
            let rank = OriginalRank {
                date: match &m.date {
                    Some(d) => (false, d.clone()),
                    None => (true, String::new()),
                },
                named_by: std::cmp::Reverse(named_by),
                credits_other: m.credits.is_some() && !own_credit,
                words: std::cmp::Reverse(m.words),
                id: m.id,
            };
            match best.get(&root) {
                Some((r, _, _)) if *r <= rank => {}
                _ => {
                    best.insert(root, (rank, m.exact, d));
                }
            }
            Ok(())
        },
    )?;
    drop(credited);
    // Pass 3: decisions, shard by shard, in input order: a copy is an exact duplicate when its
    // text equals the original's or an earlier member's.
    let mut seen: HashSet<(u32, u64), std::hash::BuildHasherDefault<IntHasher>> =
        HashSet::default();
    for (shard, bounds) in offsets.windows(2).enumerate() {
        let mut out = create_rec_file(&decisions_path(work_dir, shard))?;
        let p = sig_meta(work_dir, shard);
        let r = BufReader::new(File::open(&p).with_context(|| format!("opening {}", p.display()))?);
        for (ord, line) in r.lines().enumerate() {
            let m: DocMeta = serde_json::from_str(&line?)?;
            let d = bounds[0] + ord as u64;
            anyhow::ensure!(
                d < bounds[1],
                "{}: more documents than counted",
                p.display()
            );
            let d = d as u32;
            let size = uf.set_size(d) as usize;
            // The original is a document, not an id: two inputs may share an id (the pipeline
            // reports that), and only one of them is the original.
            let (original, is_original, drop) = match best.get(&uf.find(d)) {
                Some((rank, exact, original_doc)) if size > 1 => {
                    let root = uf.find(d);
                    let earlier_copy = !seen.insert((root, m.exact));
                    let is_original = *original_doc == d;
                    let drop = if is_original || config.action == DedupAction::Tag {
                        None
                    } else if *exact == m.exact || earlier_copy {
                        Some("exact_duplicate".to_string())
                    } else {
                        Some("near_duplicate".to_string())
                    };
                    (rank.id.clone(), is_original, drop)
                }
                _ => (m.id.clone(), true, None),
            };
            if size > 1 && is_original {
                stats.add("clusters", 1);
            }
            match drop.as_deref() {
                Some("exact_duplicate") => stats.add("exact_duplicates", 1),
                Some(_) => stats.add("near_duplicates", 1),
                None => {}
            }
            if size > 1 {
                stats.add("docs_in_clusters", 1);
            }
            let dec = Decision {
                id: m.id,
                removed: m.removed,
                cluster: cluster_id(&original),
                size,
                original,
                drop,
            };
            serde_json::to_writer(out.writer(), &dec)?;
            out.writer().write_all(b"\n")?;
        }
        out.commit()?;
    }
    stats.seconds = start.elapsed().as_secs_f64();
    Ok(stats)
}

/// Runs a task unless its done marker exists, then records it; returns its stats either way.
pub fn run_once(
    work_dir: &Path,
    task: &Task,
    f: impl FnOnce() -> Result<TaskStats>,
) -> Result<TaskStats> {
    let label = task.label();
    if let Some(s) = read_done::<TaskStats>(work_dir, &label)? {
        return Ok(s);
    }
    let cpu = thread_cpu_seconds();
    let mut s = f().with_context(|| format!("task {label}"))?;
    s.cpu_seconds = (thread_cpu_seconds() - cpu).max(0.0);
    write_done(work_dir, &label, &s)?;
    Ok(s)
}

/// User plus system CPU seconds of the calling thread so far (Linux, from
/// `/proc/thread-self/stat`, in 1/100 s); 0 elsewhere.
pub fn thread_cpu_seconds() -> f64 {
    let Ok(stat) = fs::read_to_string("/proc/thread-self/stat") else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::tests::TempDir;
    use crate::MemorySource;

    const FOOTER: &str =
        "Copyright Example Times. All rights reserved. Subscribe to our newsletter.";

    fn words(seed: u64, n: usize) -> String {
        (0..n)
            .map(|i| format!("w{:x}", mix64(seed * 1000 + i as u64) % 5000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Five pages of one site sharing a footer; page 4 is page 0 with a sentence more.
    fn site_docs() -> Vec<Doc> {
        let mut docs: Vec<Doc> = (0..4)
            .map(|i| {
                let mut d = Doc::new(format!("p{i}"), format!("{}\n{FOOTER}", words(i, 120)));
                d.site = Some("Example Times".into());
                d
            })
            .collect();
        let mut e = docs[0].clone();
        e.id = "p4".into();
        e.text = format!("{} One more sentence.\n{FOOTER}", words(0, 120));
        docs.push(e);
        docs
    }

    fn config() -> DedupConfig {
        DedupConfig {
            partitions: 2,
            ..DedupConfig::default()
        }
    }

    fn run_until(phase: &str, src: &MemorySource, dir: &Path, c: &DedupConfig) -> TaskStats {
        let n = src.shard_count();
        let mut last = TaskStats::default();
        let merge = |acc: &mut TaskStats, s: TaskStats| {
            for (k, v) in s.counters {
                *acc.counters.entry(k).or_insert(0) += v;
            }
        };
        for name in PHASES {
            let mut acc = TaskStats::default();
            match name {
                "dedup-scan" | "dedup-signatures" => {
                    for r in 0..n {
                        let t = Task::new(name, r, n);
                        let s = if name == "dedup-scan" {
                            scan_task(src, dir, c, &t)
                        } else {
                            signatures_task(src, dir, c, &t)
                        };
                        merge(&mut acc, s.unwrap());
                    }
                }
                "dedup-cluster" => merge(&mut acc, cluster_task(dir, c, n).unwrap()),
                _ => {
                    let world = if name == "dedup-lines" {
                        line_partitions(c)
                    } else {
                        c.partitions
                    };
                    for r in 0..world {
                        let t = Task::new(name, r, world);
                        let s = match name {
                            "dedup-lines" => lines_task(dir, c, &t, n),
                            "dedup-bands" => bands_task(dir, c, &t, n),
                            _ => verify_task(dir, c, &t, n),
                        };
                        merge(&mut acc, s.unwrap());
                    }
                }
            }
            last = acc;
            if name == phase {
                break;
            }
        }
        last
    }

    #[test]
    fn scan_counts_documents_and_lines_per_shard() {
        let dir = TempDir::new("scan");
        let src = MemorySource::split(site_docs(), 2);
        let s = run_until("dedup-scan", &src, &dir.0, &config());
        assert_eq!(s.counters["docs"], 5);
        assert_eq!(s.counters["lines"], 10);
        assert_eq!(
            read_count(&dir.0, 0).unwrap() + read_count(&dir.0, 1).unwrap(),
            5
        );
    }

    #[test]
    fn lines_keep_keys_shared_by_enough_distinct_documents() {
        let dir = TempDir::new("lines");
        let c = config();
        let src = MemorySource::split(site_docs(), 2);
        run_until("dedup-lines", &src, &dir.0, &c);
        let b = Boilerplate::load(&dir.0, &c).unwrap();
        let mut t = Tokens::default();
        let d = &src.shards()[0][0];
        t.fill(&d.text);
        // The footer (5 pages) is boilerplate; the body (pages 0 and 4 only) is not.
        assert_eq!(b.boilerplate_lines(d, &t, &c), vec![1]);
        let strict = DedupConfig {
            boilerplate_min_docs: 6,
            ..c.clone()
        };
        assert!(b.boilerplate_lines(d, &t, &strict).is_empty());
    }

    #[test]
    fn signatures_write_keys_sketches_and_meta() {
        let dir = TempDir::new("sig");
        let src = MemorySource::split(site_docs(), 2);
        let s = run_until("dedup-signatures", &src, &dir.0, &config());
        assert_eq!(s.counters["docs"], 5);
        assert_eq!(s.counters["boilerplate_lines"], 5);
        // An exact key and 14 band keys per document at least, plus anchors.
        assert!(s.counters["keys"] > 5 * 15, "{:?}", s.counters);
        let meta = fs::read_to_string(sig_meta(&dir.0, 0)).unwrap();
        let first: DocMeta = serde_json::from_str(meta.lines().next().unwrap()).unwrap();
        assert_eq!(first.id, "p0");
        assert_eq!(first.removed, vec![1]);
        assert_eq!(first.words, 120);
        let mut r = SketchReader::new(&dir.0, shard_offsets(&dir.0, 2).unwrap());
        let mut sk = Vec::new();
        r.read(0, &mut sk).unwrap();
        assert_eq!(sk.len(), 116);
        assert!(sk.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bands_pair_documents_that_share_keys() {
        let dir = TempDir::new("bands");
        let src = MemorySource::split(site_docs(), 2);
        let s = run_until("dedup-bands", &src, &dir.0, &config());
        assert!(s.counters["pairs_emitted"] >= 1);
        let mut pairs = Vec::new();
        for from in 0..2 {
            for to in 0..2 {
                let mut r =
                    RecReader::open_as(&pairs_part(&dir.0, from, to), RecFormat::PAIR).unwrap();
                while let Some(p) = r.next_rec().unwrap() {
                    pairs.push(p);
                }
            }
        }
        // p0 (shard 0, ord 0: document 0) and p4 (shard 1, ord 1: document 4) share their body.
        assert!(pairs.contains(&(0, 4)), "{pairs:?}");
    }

    #[test]
    fn verify_keeps_only_duplicates() {
        let dir = TempDir::new("verify");
        let src = MemorySource::split(site_docs(), 2);
        let s = run_until("dedup-verify", &src, &dir.0, &config());
        assert_eq!(s.counters["verified_edges"], 1, "{:?}", s.counters);
    }

    #[test]
    fn cluster_writes_a_decision_per_document() {
        let dir = TempDir::new("cluster");
        let src = MemorySource::split(site_docs(), 2);
        let s = run_until("dedup-cluster", &src, &dir.0, &config());
        assert_eq!(s.counters["clusters"], 1);
        assert_eq!(s.counters["near_duplicates"], 1);
        let text = fs::read_to_string(decisions_path(&dir.0, 0)).unwrap();
        let d: Vec<Decision> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(d.len(), 3);
        // p4 has the longer clean text, so it is the original and p0 is dropped.
        assert_eq!(d[0].original, "p4");
        assert_eq!(d[0].drop.as_deref(), Some("near_duplicate"));
        assert_eq!(d[0].cluster, cluster_id("p4"));
        assert_eq!((d[1].size, d[1].drop.as_deref()), (1, None));
    }

    #[test]
    fn exact_only_runs_find_exact_copies_and_nothing_else() {
        let dir = TempDir::new("exact");
        let mut docs = site_docs();
        let mut copy = docs[1].clone();
        copy.id = "p1-copy".into();
        copy.text = copy.text.to_uppercase().replace('\n', "\r\n");
        docs.push(copy);
        let c = DedupConfig {
            near: false,
            ..config()
        };
        let src = MemorySource::split(docs, 2);
        let r = crate::run_dedup(&src, &dir.0, &c, 2).unwrap();
        // p1 and its re-cased copy; p0 and p4 (near copies) stay apart.
        assert_eq!(
            (r.clusters, r.exact_duplicates, r.near_duplicates),
            (1, 1, 0)
        );
    }

    #[test]
    fn later_copies_write_only_their_exact_key() {
        let c = config();
        let docs = site_docs();
        let base = {
            let dir = TempDir::new("copies-base");
            let src = MemorySource::split(docs.clone(), 2);
            run_until("dedup-signatures", &src, &dir.0, &c).counters["keys"]
        };
        let mut more = docs.clone();
        // Two copies of p1 on its site (one re-cased, in the other shard), one copy with its lines
        // broken differently, and one on another site: only the first two are copies.
        for (id, text, site) in [
            ("p1-a", docs[1].text.clone(), "Example Times"),
            ("p1-b", docs[1].text.to_uppercase(), "Example Times"),
            ("p1-c", docs[1].text.replacen(' ', "\n", 1), "Example Times"),
            ("p1-d", docs[1].text.clone(), "Other Paper"),
        ] {
            let mut d = Doc::new(id, text);
            d.site = Some(site.into());
            more.push(d);
        }
        let dir = TempDir::new("copies");
        let src = MemorySource::split(more.clone(), 2);
        let s = run_until("dedup-signatures", &src, &dir.0, &c);
        assert_eq!(s.counters["copies"], 2);
        let per_doc = |k: u64| k as f64 / 5.0;
        // The two copies added one key each; the other two a full set.
        let extra = s.counters["keys"] - base;
        assert!(
            (extra as f64 - 2.0 - 2.0 * per_doc(base)).abs() < per_doc(base),
            "{extra} {base}"
        );
        // All five versions of p1 end in one cluster, as without the rule.
        let clusters = clusters_of(more, 2);
        for id in ["p1-a", "p1-b", "p1-c", "p1-d"] {
            assert_eq!(clusters["p1"], clusters[id], "{id}");
        }
        assert_ne!(clusters["p1"], clusters["p0"]);
    }

    #[test]
    fn a_copy_that_reuses_the_original_id_is_still_dropped() {
        let dir = TempDir::new("same-id");
        let mut docs = site_docs();
        // The same page crawled twice under one id (a URL used as id): one must go.
        docs.push(docs[1].clone());
        let src = MemorySource::split(docs, 2);
        let r = crate::run_dedup(&src, &dir.0, &config(), 2).unwrap();
        assert_eq!((r.clusters, r.exact_duplicates), (2, 1));
    }

    #[test]
    fn radix_sort_matches_sort_unstable() {
        let mut tmp = Vec::new();
        for n in [0usize, 1, 5, 63, 64, 65, 300, 5000] {
            let mut v: Vec<u32> = (0..n as u64)
                .map(|i| (mix64(i * 31 + 7) >> 40) as u32)
                .collect();
            v.extend_from_slice(&v.clone()[..n / 3]);
            let mut expect = v.clone();
            expect.sort_unstable();
            sort_u24(&mut v, &mut tmp);
            assert_eq!(v, expect);
        }
    }

    /// Cluster id of every document after a full run.
    fn clusters_of(docs: Vec<Doc>, shards: usize) -> HashMap<String, String> {
        let dir = TempDir::new("clusters");
        let src = MemorySource::split(docs, shards);
        crate::run_dedup(&src, &dir.0, &config(), 1).unwrap();
        let mut out = HashMap::new();
        for s in 0..shards {
            for l in fs::read_to_string(decisions_path(&dir.0, s))
                .unwrap()
                .lines()
            {
                let d: Decision = serde_json::from_str(l).unwrap();
                out.insert(d.id, d.cluster);
            }
        }
        out
    }

    #[test]
    fn a_digest_does_not_merge_the_two_stories_it_contains() {
        let (x, y) = (words(10, 120), words(20, 120));
        let f = words(30, 200);
        let first = |n: usize| f.split(' ').take(n).collect::<Vec<_>>().join(" ");
        let docs = vec![
            Doc::new("x", x.clone()),
            Doc::new("x-copy", format!("{x} And one more sentence.")),
            Doc::new("y", y.clone()),
            Doc::new("y-copy", format!("{y} Reporting by our staff.")),
            // A roundup page holding both stories: it contains each of them.
            Doc::new("digest", format!("Morning briefing\n{x}\n{y}")),
            // A story and two briefs of it: the story contains both, and they are one story.
            Doc::new("full", f.clone()),
            Doc::new("brief-1", first(60)),
            Doc::new("brief-2", format!("{} Read the full story.", first(50))),
        ];
        for shards in [1, 3] {
            let c = clusters_of(docs.clone(), shards);
            assert_eq!(c["x"], c["x-copy"]);
            assert_eq!(c["y"], c["y-copy"]);
            assert_ne!(c["x"], c["y"], "two stories merged through the digest");
            assert_ne!(c["digest"], c["x"]);
            assert_ne!(c["digest"], c["y"]);
            assert_eq!(c["full"], c["brief-1"]);
            assert_eq!(c["full"], c["brief-2"]);
        }
    }

    #[test]
    fn thread_cpu_time_grows_with_work() {
        let t0 = thread_cpu_seconds();
        let mut x = 0u64;
        let start = Instant::now();
        while start.elapsed().as_secs_f64() < 0.1 {
            x = x.wrapping_add(mix64(x));
        }
        assert!(x != 1);
        let t1 = thread_cpu_seconds();
        assert!(t1 >= t0);
        if cfg!(target_os = "linux") {
            assert!(t1 - t0 > 0.02, "{t0} {t1}");
        }
    }

    #[test]
    fn key_partitions_grow_with_the_documents() {
        let c = DedupConfig::default();
        assert_eq!(key_partitions(&c, 0), 8);
        assert_eq!(key_partitions(&c, 1_000_000), 8);
        assert_eq!(key_partitions(&c, 10_000_000), 32);
        let small = DedupConfig {
            partitions: 3,
            sort_buffer_records: 1024,
            ..c
        };
        assert_eq!(key_partitions(&small, 100), 6);
        assert_eq!(pair_partitions(&c, 10_000_000), 8);
        assert_eq!(pair_partitions(&c, 20_000_000), 16);
        assert_eq!(pair_partitions(&small, 1000), 12);
    }

    #[test]
    fn union_find_merges_transitively() {
        let mut uf = UnionFind::new(6);
        uf.union(0, 1);
        uf.union(2, 1);
        uf.union(4, 5);
        assert_eq!(uf.find(0), uf.find(2));
        assert_ne!(uf.find(0), uf.find(4));
        assert_eq!(uf.set_size(2), 3);
        assert_eq!(uf.set_size(3), 1);
    }

    #[test]
    fn verification_accepts_containment_and_rejects_small_overlap() {
        let c = DedupConfig::default();
        let full: Vec<u32> = (0..400).collect();
        let brief: Vec<u32> = (0..40).chain(1000..1005).collect();
        assert!(is_duplicate(&full, &brief, &c));
        // A shared quote of 20 shingles between two long stories is not a duplicate.
        let other: Vec<u32> = (380..420).chain(2000..2400).collect();
        assert!(!is_duplicate(&full, &other, &c));
        // Two tiny pages sharing 5 of 6 shingles are not enough either.
        assert!(!is_duplicate(&[1, 2, 3, 4, 5, 6], &[1, 2, 3, 4, 5, 7], &c));
        assert!(!is_duplicate(&[], &[], &c));
    }

    #[test]
    fn original_rank_prefers_date_then_credit_then_length() {
        let r = |date: Option<&str>, named: u32, other: bool, words: u64, id: &str| OriginalRank {
            date: date.map_or((true, String::new()), |d| (false, d.to_string())),
            named_by: std::cmp::Reverse(named),
            credits_other: other,
            words: std::cmp::Reverse(words),
            id: id.into(),
        };
        assert!(r(Some("2020-01-01"), 0, true, 1, "z") < r(None, 5, false, 900, "a"));
        assert!(r(Some("2020-01-01"), 0, true, 1, "z") < r(Some("2020-01-02"), 0, false, 9, "a"));
        assert!(r(None, 2, true, 1, "z") < r(None, 0, false, 900, "a"));
        assert!(r(None, 0, false, 1, "z") < r(None, 0, true, 900, "a"));
        assert!(r(None, 0, false, 10, "z") < r(None, 0, false, 9, "a"));
        assert!(r(None, 0, false, 10, "a") < r(None, 0, false, 10, "b"));
    }

    #[test]
    fn groups_use_site_then_host_then_template() {
        let tok = |d: &Doc| {
            let mut t = Tokens::default();
            t.fill(&d.text);
            t
        };
        let mut d = Doc::new("a", "Header\nbody one\nFooter");
        let g = group_of(&d, &tok(&d));
        assert!(g.inferred);
        let mut e = Doc::new("b", "Header\nanother body\nFooter");
        assert_eq!(group_of(&e, &tok(&e)), g);
        e.url = Some("https://www.example.com/x".into());
        assert!(!group_of(&e, &tok(&e)).inferred);
        d.site = Some("Example".into());
        assert!(!group_of(&d, &tok(&d)).inferred);
        assert_ne!(group_of(&d, &tok(&d)), group_of(&e, &tok(&e)));
    }
}
