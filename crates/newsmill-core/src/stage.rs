use crate::Doc;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Why a document left the pipeline; written to `rejects.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// A short stable tag naming the rule that failed (`gopher_min_words`, `exact_duplicate`).
    pub reason: String,
    /// Rule-specific facts: the measured value and threshold, `duplicate_of`, ...
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub details: Map<String, Value>,
}

/// What a stage decided for one document.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The document goes on to the next stage.
    Keep,
    /// The document leaves the pipeline, with the reason.
    Drop(Rejection),
}

impl Outcome {
    /// A drop with a reason and no details.
    pub fn drop(reason: impl Into<String>) -> Self {
        Outcome::Drop(Rejection {
            reason: reason.into(),
            details: Map::new(),
        })
    }

    /// A drop with a reason and details.
    pub fn drop_with(reason: impl Into<String>, details: Map<String, Value>) -> Self {
        Outcome::Drop(Rejection {
            reason: reason.into(),
            details,
        })
    }

    /// True for [`Outcome::Keep`].
    pub fn is_keep(&self) -> bool {
        matches!(self, Outcome::Keep)
    }
}

/// Named event counts a stage reports about its own work (`mojibake_repaired`, `lines_removed`).
/// Keys are static so counting costs no allocation on the hot path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counters(BTreeMap<&'static str, u64>);

impl Counters {
    /// Adds `n` to the named counter.
    pub fn add(&mut self, name: &'static str, n: u64) {
        if n > 0 {
            *self.0.entry(name).or_insert(0) += n;
        }
    }

    /// The value of one counter (0 when never counted).
    pub fn get(&self, name: &str) -> u64 {
        self.0.get(name).copied().unwrap_or(0)
    }

    /// Iterates the counters in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.0.iter().map(|(k, v)| (*k, *v))
    }

    /// Adds every counter of `other` into this one.
    pub fn merge(&mut self, other: &Counters) {
        for (k, v) in other.iter() {
            self.add(k, v);
        }
    }
}

/// A document stage: keeps or drops one document, may edit it, and counts what it did.
///
/// Stages see one document at a time plus their own read-only configuration, so shards run in
/// parallel without locks. Work that needs the whole corpus (dedup, boilerplate across pages) is a
/// phase between passes, not a stage.
pub trait Stage: Send + Sync {
    /// Stable name used in configs, `--stages`, reports and rejects.
    fn name(&self) -> &'static str;

    /// Processes one document.
    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome;
}
