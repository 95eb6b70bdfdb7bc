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
//! The work is a [`Barrier`] of six phases, each split into tasks that map files to files under the
//! run's work folder, so that memory stays bounded (signatures, band keys and pairs live on disk
//! and are merged by external sort) and any scheduler can run them. The runner runs
//! [`DedupBarrier`]'s phases between its passes and then, in its final pass, applies
//! [`ShardDecisions`] to each document.
//!
//! ```
//! use newsmill_core::{Doc, MemorySource, WorkDir};
//! use newsmill_dedup::{run_dedup, DedupConfig, ShardDecisions};
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
//! let work = WorkDir::new(&dir);
//! let report = run_dedup(&source, &work, &DedupConfig::default(), 1).unwrap();
//! assert_eq!(report.clusters, 1);
//! let mut decisions = ShardDecisions::open(&work.step("dedup"), 0).unwrap();
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
mod files;
mod minhash;
mod phases;
mod text;

pub use config::{DedupAction, DedupConfig};
pub use decisions::ShardDecisions;
pub use phases::Decision;

use newsmill_core::{
    run_barrier_phase, Barrier, PhaseReport, Result, ShardApply, ShardSource, Task, TaskStats,
    WorkDir,
};
use phases::PHASES;
use serde::Serialize;
use std::path::Path;

/// Dedup as a [`Barrier`]: the six phases of [`phases`](crate::phases), then a
/// [`ShardDecisions`] per shard in the final pass.
#[derive(Debug, Clone)]
pub struct DedupBarrier {
    config: DedupConfig,
}

impl DedupBarrier {
    /// The barrier for these settings; fails with a message naming the key when they cannot work.
    pub fn new(config: DedupConfig) -> Result<Self> {
        config.validate()?;
        Ok(DedupBarrier { config })
    }

    fn docs(&self, shards: usize, dir: &Path) -> Result<u64> {
        let offsets = phases::shard_offsets(dir, shards)?;
        Ok(offsets[offsets.len() - 1])
    }
}

impl Barrier for DedupBarrier {
    fn name(&self) -> &'static str {
        "dedup"
    }

    fn stages(&self) -> Vec<&'static str> {
        let c = &self.config;
        [("exact_dedup", c.exact), ("near_dedup", c.near)]
            .iter()
            .filter(|s| s.1)
            .map(|s| s.0)
            .collect()
    }

    fn phases(&self) -> &'static [&'static str] {
        &PHASES
    }

    fn world(&self, phase: usize, shards: usize, dir: &Path) -> Result<usize> {
        let c = &self.config;
        Ok(match phase {
            0 | 2 => shards.max(1),
            1 => phases::line_partitions(c),
            3 => phases::key_partitions(c, self.docs(shards, dir)?),
            4 => phases::pair_partitions(c, self.docs(shards, dir)?),
            _ => 1,
        })
    }

    fn run_task(
        &self,
        phase: usize,
        task: &Task,
        source: &dyn ShardSource,
        dir: &Path,
    ) -> Result<TaskStats> {
        let (c, shards) = (&self.config, source.shard_count());
        match phase {
            0 => phases::scan_task(source, dir, c, task),
            1 => phases::lines_task(dir, c, task, shards),
            2 => phases::signatures_task(source, dir, c, task),
            3 => phases::bands_task(dir, c, task, shards),
            4 => phases::verify_task(dir, c, task, shards),
            _ => phases::cluster_task(dir, c, shards),
        }
    }

    fn report(&self, phases: &[(String, PhaseReport)]) -> serde_json::Value {
        serde_json::to_value(DedupReport::from_phases(phases)).unwrap_or_default()
    }

    fn open_shard(&self, dir: &Path, shard: usize) -> Result<Box<dyn ShardApply>> {
        Ok(Box::new(ShardDecisions::open(dir, shard)?))
    }
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

impl DedupReport {
    /// The report from every phase's totals (named as in [`Barrier::phases`]).
    pub fn from_phases(phases: &[(String, PhaseReport)]) -> Self {
        let counter = |phase: &str, name: &str| {
            phases
                .iter()
                .find(|(n, _)| n == phase)
                .map_or(0, |(_, r)| r.counter(name))
        };
        DedupReport {
            docs: counter("dedup-scan", "docs"),
            boilerplate_lines_removed: counter("dedup-signatures", "boilerplate_lines"),
            candidate_pairs: counter("dedup-verify", "candidate_pairs"),
            verified_edges: counter("dedup-verify", "verified_edges"),
            clusters: counter("dedup-cluster", "clusters"),
            docs_in_clusters: counter("dedup-cluster", "docs_in_clusters"),
            exact_duplicates: counter("dedup-cluster", "exact_duplicates"),
            near_duplicates: counter("dedup-cluster", "near_duplicates"),
            phases: phases.to_vec(),
        }
    }
}

/// Runs every dedup phase over `source` in this process, with its files under `work`'s `dedup`
/// step, on up to `threads` threads. Tasks already marked done there are skipped, so an
/// interrupted run resumes. Afterwards [`ShardDecisions`] applies the result shard by shard.
pub fn run_dedup(
    source: &dyn ShardSource,
    work: &WorkDir,
    config: &DedupConfig,
    threads: usize,
) -> Result<DedupReport> {
    let barrier = DedupBarrier::new(config.clone())?;
    let mut phases = Vec::new();
    for (i, name) in PHASES.iter().enumerate() {
        let rep = run_barrier_phase(
            &barrier,
            work,
            i,
            source,
            threads,
            &newsmill_core::NoObserver,
        )?;
        phases.push((name.to_string(), rep));
    }
    Ok(DedupReport::from_phases(&phases))
}
