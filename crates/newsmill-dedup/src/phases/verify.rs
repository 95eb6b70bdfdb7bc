//! Phase 5, `dedup-verify`: candidate pairs checked on their shingle sketches.

use super::layout::*;
use crate::config::DedupConfig;
use crate::files::{create_rec_file, Rec, RecFormat, RecWriter};
use newsmill_core::{Error, IoContext, Result, Task, TaskStats};
use std::collections::HashMap;
use std::fs::{self, File};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// Reads shingle sketches by document, keeping one open file per shard and each shard's index in
/// memory (16 bytes per document), so that a sketch costs one positioned read.
pub(super) struct SketchReader {
    work_dir: PathBuf,
    offsets: Vec<u64>,
    /// Per shard: the sketch file, and per document the end of its sketch (in values) and its
    /// exact-text hash.
    files: HashMap<usize, (File, Vec<Rec>)>,
    bytes: Vec<u8>,
}

impl SketchReader {
    pub(super) fn new(work_dir: &Path, offsets: Vec<u64>) -> Self {
        SketchReader {
            work_dir: work_dir.to_path_buf(),
            offsets,
            files: HashMap::new(),
            bytes: Vec::new(),
        }
    }

    /// Reads dense document `d`'s sketch into `out` and returns its exact-text hash.
    pub(super) fn read(&mut self, d: u64, out: &mut Vec<u32>) -> Result<u64> {
        let (shard, ord) = locate(&self.offsets, d)?;
        if !self.files.contains_key(&shard) {
            // Read whole and decoded in one loop: every verify task loads every shard's index.
            let p = sig_index(&self.work_dir, shard);
            let bytes = fs::read(&p).at("reading", &p)?;
            if bytes.len() % 16 != 0 {
                return Err(Error::corrupt(&p, "truncated"));
            }
            let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
            let index: Vec<Rec> = bytes
                .chunks_exact(16)
                .map(|r| (word(&r[..8]), word(&r[8..])))
                .collect();
            let sk_path = sig_sketch(&self.work_dir, shard);
            let sk = File::open(&sk_path).at("opening", &sk_path)?;
            self.files.insert(shard, (sk, index));
        }
        let Some((sk, index)) = self.files.get(&shard) else {
            return Err(Error::Order(format!(
                "sketch files of shard {shard} missing"
            )));
        };
        let ord = ord as usize;
        let Some(&(end, exact)) = index.get(ord) else {
            let p = sig_index(&self.work_dir, shard);
            return Err(Error::corrupt(p, format!("no sketch index entry {ord}")));
        };
        let start = if ord == 0 { 0 } else { index[ord - 1].0 };
        if start > end {
            let p = sig_index(&self.work_dir, shard);
            return Err(Error::corrupt(p, format!("bad sketch index entry {ord}")));
        }
        self.bytes.resize((end - start) as usize * SKETCH_BYTES, 0);
        // A positioned read: one system call, no seek.
        sk.read_exact_at(&mut self.bytes, start * SKETCH_BYTES as u64)
            .at("reading", &sig_sketch(&self.work_dir, shard))?;
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
pub(super) const SKETCH_BYTES: usize = 3;

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

/// Phase 5 (one task per partition): sorts and deduplicates the partition's candidate pairs and
/// keeps those whose cleaned texts verify; exact-key pairs whose sketches are equal pass too.
pub fn verify_task(
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
    shard_count: usize,
) -> Result<TaskStats> {
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
    Ok(stats)
}
