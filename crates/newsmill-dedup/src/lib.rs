//! Deduplication for newsmill: exact copies, near copies (edits, truncations, briefs) and
//! syndication clusters, after removing the site boilerplate that makes unrelated pages of one
//! site look alike.
//!
//! How copies are found, and why:
//! - **Boilerplate first.** Lines are counted per site (the `site` field, else the URL host, else
//!   the page template: its first and last lines) over distinct texts; a line shared by at least
//!   `boilerplate_min_docs` pages of a site is removed before matching (a quote two stories share
//!   stays). Teasers are counted by their first words, and an unrepeated teaser next to
//!   boilerplate goes with it. Without this, two briefs on one site match on their template.
//! - **Candidates** come from MinHash LSH bands (Jaccard-similar copies) and from *anchors*:
//!   shingles sampled by hash value among the first words, which every copy of a story's lede
//!   shares, so briefs and truncations (Jaccard 0.1 to 0.6 with their story) are found too.
//! - **Verification** on each candidate pair's stored shingle sketch: Jaccard, or containment of
//!   the smaller text with a floor of shared shingles. Clusters are the connected components of
//!   verified edges only, except through a digest: a page that contains two or more documents
//!   joins them only if they are related to each other, so a roundup of two stories never merges
//!   the two.
//! - **Originals**: earliest date; else the member the others credit as source; else one that
//!   credits no other brand; else the longest clean text; ties by id.
//!
//! The work is a sequence of barrier phases ([`phases`]), each split into [`Task`]s that map files
//! to files under a work directory, so that memory stays bounded (signatures, band keys and pairs
//! live on disk and are merged by external sort) and any scheduler can run them. The runner calls
//! [`run_dedup`] between its passes and then, in its final pass, [`ShardDecisions::apply`] on each
//! document.
//!
//! ```
//! use newsmill_core::Doc;
//! use newsmill_dedup::{run_dedup, DedupConfig, MemorySource, ShardDecisions};
//!
//! let story = "Officials said on Monday that the river had risen above the flood mark for the first \
//!     time in a decade, and that the town would open two shelters near the old station tonight.";
//! let docs = vec![
//!     Doc::new("a", story),
//!     Doc::new("b", format!("{story} More on this later.")),
//!     Doc::new("c", "A different story about a cat that learned to open the fridge door at night."),
//! ];
//! let source = MemorySource::new(vec![docs.clone()]);
//! let dir = std::env::temp_dir().join(format!("newsmill-dedup-doc-{}", std::process::id()));
//! let _ = std::fs::remove_dir_all(&dir);
//! let report = run_dedup(&source, &dir, &DedupConfig::default(), 1).unwrap();
//! assert_eq!(report.clusters, 1);
//! let mut decisions = ShardDecisions::open(&dir, 0).unwrap();
//! let outcomes: Vec<bool> = docs
//!     .into_iter()
//!     .map(|mut d| decisions.apply(&mut d).unwrap().is_keep())
//!     .collect();
//! assert_eq!(outcomes, [false, true, true]); // "b" is the longer copy, so it is the original
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

#![warn(missing_docs)]

mod config;
mod decisions;
pub mod files;
pub mod minhash;
pub mod phases;
pub mod text;

pub use config::{DedupAction, DedupConfig};
pub use decisions::ShardDecisions;
pub use phases::{
    bands_task, cluster_task, lines_task, scan_task, signatures_task, verify_task, TaskStats,
};

use anyhow::Result;
use newsmill_core::{Doc, Task};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The documents of a run, split into shards that each phase streams in order.
///
/// Defined here (not in the runner) so that dedup can be driven by anything that can replay the
/// kept documents: the runner's shard files, an in-memory vector in tests, a distributed engine.
pub trait ShardSource: Sync {
    /// Number of shards.
    fn shard_count(&self) -> usize;
    /// Streams one shard's documents, always in the same order (called once per reading phase).
    fn open(&self, shard: usize) -> Result<Box<dyn Iterator<Item = Result<Doc>> + Send + '_>>;
}

/// Shards held in memory: for tests, examples and small runs.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    shards: Vec<Vec<Doc>>,
}

impl MemorySource {
    /// A source over the given shards.
    pub fn new(shards: Vec<Vec<Doc>>) -> Self {
        MemorySource { shards }
    }

    /// Splits documents into `n` shards of consecutive documents (input order kept).
    pub fn split(docs: Vec<Doc>, n: usize) -> Self {
        let n = n.max(1);
        let per = docs.len().div_ceil(n).max(1);
        let mut shards: Vec<Vec<Doc>> = Vec::new();
        let mut it = docs.into_iter().peekable();
        while it.peek().is_some() {
            shards.push(it.by_ref().take(per).collect());
        }
        while shards.len() < n {
            shards.push(Vec::new());
        }
        MemorySource { shards }
    }

    /// The shards.
    pub fn shards(&self) -> &[Vec<Doc>] {
        &self.shards
    }
}

impl ShardSource for MemorySource {
    fn shard_count(&self) -> usize {
        self.shards.len()
    }
    fn open(&self, shard: usize) -> Result<Box<dyn Iterator<Item = Result<Doc>> + Send + '_>> {
        let docs = self
            .shards
            .get(shard)
            .ok_or_else(|| anyhow::anyhow!("no shard {shard}"))?;
        Ok(Box::new(docs.iter().cloned().map(Ok)))
    }
}

/// One phase's totals in the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PhaseReport {
    /// Tasks the phase was split into.
    pub tasks: usize,
    /// Sum of the tasks' wall seconds.
    pub task_seconds: f64,
    /// Wall seconds of the phase in this run (0 when every task was already done).
    pub wall_seconds: f64,
    /// Sum of the tasks' CPU seconds (user and system, of the threads that ran them).
    pub cpu_seconds: f64,
    /// Summed task counters.
    pub counters: BTreeMap<String, u64>,
}

/// What dedup did, for `report.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DedupReport {
    /// Documents seen.
    pub docs: u64,
    /// Clusters with more than one member.
    pub clusters: u64,
    /// Documents in such clusters.
    pub docs_in_clusters: u64,
    /// Non-original members whose text equals the original's (dropped unless `action = "tag"`).
    pub exact_duplicates: u64,
    /// Other non-original members.
    pub near_duplicates: u64,
    /// Lines removed as site boilerplate.
    pub boilerplate_lines_removed: u64,
    /// Distinct candidate pairs checked.
    pub candidate_pairs: u64,
    /// Pairs that verified as duplicates.
    pub verified_edges: u64,
    /// Per phase, in run order.
    pub phases: Vec<(String, PhaseReport)>,
}

/// Runs `world` tasks of a phase on up to `threads` threads; errors stop the phase.
fn run_phase(
    name: &str,
    world: usize,
    threads: usize,
    work_dir: &Path,
    f: &(dyn Fn(&Task) -> Result<TaskStats> + Sync),
) -> Result<PhaseReport> {
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Result<TaskStats>>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, world.max(1)) {
            s.spawn(|| loop {
                let rank = next.fetch_add(1, Ordering::Relaxed);
                if rank >= world {
                    break;
                }
                let task = Task::new(name, rank, world);
                let r = phases::run_once(work_dir, &task, || f(&task));
                let failed = r.is_err();
                if let Ok(mut v) = results.lock() {
                    v.push(r);
                }
                if failed {
                    next.store(world, Ordering::Relaxed);
                }
            });
        }
    });
    let results = results
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a {name} task panicked"))?;
    let mut rep = PhaseReport {
        tasks: world,
        wall_seconds: start.elapsed().as_secs_f64(),
        ..PhaseReport::default()
    };
    for r in results {
        let s = r?;
        rep.task_seconds += s.seconds;
        rep.cpu_seconds += s.cpu_seconds;
        for (k, v) in s.counters {
            *rep.counters.entry(k).or_insert(0) += v;
        }
    }
    Ok(rep)
}

/// Runs every dedup phase over `source`, with its files under `work_dir`, on up to `threads`
/// threads. Tasks already marked done there are skipped, so an interrupted run resumes.
/// Afterwards [`ShardDecisions`] applies the result shard by shard.
pub fn run_dedup(
    source: &dyn ShardSource,
    work_dir: &Path,
    config: &DedupConfig,
    threads: usize,
) -> Result<DedupReport> {
    config.validate()?;
    std::fs::create_dir_all(work_dir)?;
    let shards = source.shard_count();
    let mut report = DedupReport::default();
    let mut phase = |name: &str,
                     world: usize,
                     f: &(dyn Fn(&Task) -> Result<TaskStats> + Sync)|
     -> Result<BTreeMap<String, u64>> {
        let rep = run_phase(name, world, threads, work_dir, f)?;
        let c = rep.counters.clone();
        report.phases.push((name.to_string(), rep));
        Ok(c)
    };
    let scan = phase("dedup-scan", shards.max(1), &|t| {
        scan_task(source, work_dir, config, t)
    })?;
    let g = |m: &BTreeMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
    phase("dedup-lines", phases::line_partitions(config), &|t| {
        lines_task(work_dir, config, t, shards)
    })?;
    let sig = phase("dedup-signatures", shards.max(1), &|t| {
        signatures_task(source, work_dir, config, t)
    })?;
    // The key and pair partitions follow the document count the scan found.
    let parts = phases::key_partitions(config, g(&scan, "docs"));
    phase("dedup-bands", parts, &|t| {
        bands_task(work_dir, config, t, shards)
    })?;
    let ver = phase(
        "dedup-verify",
        phases::pair_partitions(config, g(&scan, "docs")),
        &|t| verify_task(work_dir, config, t, shards),
    )?;
    let clu = phase("dedup-cluster", 1, &|_| {
        cluster_task(work_dir, config, shards)
    })?;
    report.docs = g(&scan, "docs");
    report.boilerplate_lines_removed = g(&sig, "boilerplate_lines");
    report.candidate_pairs = g(&ver, "candidate_pairs");
    report.verified_edges = g(&ver, "verified_edges");
    report.clusters = g(&clu, "clusters");
    report.docs_in_clusters = g(&clu, "docs_in_clusters");
    report.exact_duplicates = g(&clu, "exact_duplicates");
    report.near_duplicates = g(&clu, "near_duplicates");
    Ok(report)
}
