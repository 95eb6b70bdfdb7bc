//! Phase 6, `dedup-cluster`: verified edges become clusters, each with its original, and every
//! shard gets its decisions.

use super::layout::*;
use super::signatures::DocMeta;
use super::verify::{is_duplicate, SketchReader};
use crate::config::{DedupAction, DedupConfig};
use crate::files::{create_rec_file, RecFormat, RecReader};
use newsmill_core::{Error, IoContext, Result, TaskStats};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

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
pub(super) struct OriginalRank {
    /// Undated documents rank after dated ones; earlier dates first (in UTC; a bare day after
    /// the times of that day).
    pub(super) date: (bool, String),
    /// More members crediting this document's brand first.
    pub(super) named_by: std::cmp::Reverse<u32>,
    /// Documents crediting another brand (republications) last.
    pub(super) credits_other: bool,
    /// Longer clean text first.
    pub(super) words: std::cmp::Reverse<u64>,
    /// Then by id.
    pub(super) id: String,
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
        let mut r = BufReader::new(File::open(&p).at("opening", &p)?);
        let mut ord = 0u64;
        loop {
            line.clear();
            if r.read_line(&mut line).at("reading", &p)? == 0 {
                break;
            }
            let d = bounds[0] + ord;
            ord += 1;
            if d >= bounds[1] {
                return Err(Error::corrupt(&p, "more documents than counted"));
            }
            if !wanted(d as u32, &line) {
                continue;
            }
            let m: T = serde_json::from_str(&line)
                .map_err(|e| Error::corrupt(&p, format!("line {ord}: {e}")))?;
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
            if a >= total || b >= total {
                return Err(Error::corrupt(&p, "edge names unknown document"));
            }
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
                    Some(d) => (false, newsmill_core::date_sort_key(d)),
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
        let r = BufReader::new(File::open(&p).at("opening", &p)?);
        for (ord, line) in r.lines().enumerate() {
            let line = line.at("reading", &p)?;
            let m: DocMeta =
                serde_json::from_str(&line).map_err(|e| Error::corrupt(&p, e.to_string()))?;
            let d = bounds[0] + ord as u64;
            if d >= bounds[1] {
                return Err(Error::corrupt(&p, "more documents than counted"));
            }
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
    Ok(stats)
}
