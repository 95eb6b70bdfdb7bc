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

mod bands;
mod cluster;
mod layout;
mod lines;
mod scan;
mod signatures;
#[cfg(test)]
mod tests;
mod verify;

pub(crate) use bands::bands_task;
pub(crate) use cluster::cluster_task;
pub use cluster::Decision;
pub(crate) use layout::{
    decisions_path, key_partitions, line_partitions, pair_partitions, shard_offsets,
};
pub(crate) use lines::lines_task;
pub(crate) use scan::scan_task;
pub(crate) use signatures::signatures_task;
pub(crate) use verify::verify_task;

/// Phase names, in run order.
pub const PHASES: [&str; 6] = [
    "dedup-scan",
    "dedup-lines",
    "dedup-signatures",
    "dedup-bands",
    "dedup-verify",
    "dedup-cluster",
];
