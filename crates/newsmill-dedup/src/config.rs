use serde::{Deserialize, Serialize};

/// What happens to the copies that are not their cluster's original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DedupAction {
    /// Copies go to the rejects with `duplicate_of`: one copy per story, what corpus builders want.
    #[default]
    Drop,
    /// Every member is kept and carries its `cluster`: what analysts of syndication want.
    Tag,
}

/// The `[dedup]` table of the configuration.
///
/// Defaults are tuned so that a brief or a truncation joins its full story while two stories that
/// share a site template, a topic or a quote stay apart (see `bench/dedup/RESULTS.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Drop copies (default) or keep and tag them.
    pub action: DedupAction,
    /// Match byte-for-byte copies after text normalization (case, punctuation, whitespace).
    pub exact: bool,
    /// Match near copies (MinHash LSH and containment anchors, verified).
    pub near: bool,
    /// Remove lines that recur across a site's pages before matching.
    pub boilerplate: bool,

    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands; `bands * rows` MinHash permutations are computed.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
    /// One permutation hashing with densification instead of `bands * rows` permutations: same
    /// estimator, a fraction of the cost.
    pub one_permutation: bool,
    /// Seed of the MinHash permutations (changing it changes candidates, not verified results).
    pub seed: u64,
    /// One shingle in `anchor_rate` (chosen by hash, so the same shingles in every copy) becomes a
    /// candidate key: this is what finds briefs and truncations, whose Jaccard with the full story
    /// is far below any LSH threshold. 0 disables anchors.
    pub anchor_rate: u32,
    /// Anchors are taken from the first this many words of the cleaned text only: briefs and
    /// truncations keep a story's beginning, and it bounds the keys per document.
    pub anchor_words: usize,
    /// Buckets with more documents than this only link each to the bucket's first document.
    pub max_bucket_chain: usize,

    /// A candidate pair is a duplicate when the shingle Jaccard of the cleaned texts reaches this...
    pub jaccard_threshold: f64,
    /// ...or when the smaller text's shingles are contained in the larger at least this much...
    pub containment_threshold: f64,
    /// ...and the two share at least this many shingles (so short texts cannot match by accident).
    pub min_overlap: usize,

    /// A line is site boilerplate when at least this many distinct documents of one site share it.
    /// Two stories sharing a quote stay under it.
    pub boilerplate_min_docs: usize,
    /// Groups inferred from the page template (no site or URL) need this many distinct documents
    /// before any of their lines count as boilerplate, so that a handful of edited copies of one
    /// story (same first and last line) never strips the story itself.
    pub template_min_docs: usize,
    /// Teaser lines (ending in an ellipsis) are counted by their first this many words, since a
    /// site cuts the same teaser at different lengths. 0 counts them whole.
    pub teaser_prefix_words: usize,
    /// A line of at most this many words ending in an ellipsis (a teaser) is boilerplate when it
    /// borders boilerplate, even if it recurs too rarely to be counted out. 0 disables.
    pub teaser_max_words: usize,
    /// Corpus-wide (any site): a line shared by at least this many distinct documents...
    pub corpus_min_docs: usize,
    /// ...and no longer than this many words is boilerplate. Long lines are left to per-site
    /// counting because a story syndicated to hundreds of sites repeats its paragraphs too.
    pub corpus_max_words: usize,

    /// Partitions of the band keys, line counts and candidate pairs (tasks of the merge phases).
    pub partitions: usize,
    /// Records a merge phase sorts in memory (16 bytes each); a partition with more is first
    /// scattered by key into bucket files of three quarters of this, sorted one at a time.
    pub sort_buffer_records: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            action: DedupAction::Drop,
            exact: true,
            near: true,
            boilerplate: true,
            shingle_words: 5,
            bands: 14,
            rows: 8,
            one_permutation: true,
            seed: 0x6e65_7773_6d69_6c6c,
            anchor_rate: 8,
            anchor_words: 256,
            max_bucket_chain: 64,
            jaccard_threshold: 0.6,
            containment_threshold: 0.6,
            min_overlap: 15,
            boilerplate_min_docs: 3,
            template_min_docs: 5,
            teaser_prefix_words: 8,
            teaser_max_words: 40,
            corpus_min_docs: 50,
            corpus_max_words: 8,
            partitions: 8,
            sort_buffer_records: 16 << 20,
        }
    }
}

/// The most partitions a run may ask for: a scan task keeps four files a partition open.
pub const MAX_PARTITIONS: usize = 4096;

impl DedupConfig {
    /// Files one dedup task holds open at once: the scan writes a line-key file and a copy-key
    /// file for each of twice `partitions` line partitions, plus the shard it reads. A run checks
    /// this (times its threads) against the process's open-file limit before it starts.
    pub fn open_files_per_task(&self) -> usize {
        4 * self.partitions.max(1) + 2
    }

    /// Rejects settings that would make the phases meaningless, with a message naming the key.
    pub fn validate(&self) -> Result<(), newsmill_core::Error> {
        let rules: [(bool, &str); 7] = [
            (self.shingle_words >= 1, "dedup.shingle_words must be >= 1"),
            (self.partitions >= 1, "dedup.partitions must be >= 1"),
            (
                self.partitions <= MAX_PARTITIONS,
                "dedup.partitions must be <= 4096 (a scan task writes four files per partition)",
            ),
            (
                !self.near || self.bands * self.rows > 0 || self.anchor_rate > 0,
                "dedup.near needs bands*rows > 0 or anchor_rate > 0",
            ),
            (
                self.bands * self.rows <= 1024,
                "dedup.bands * dedup.rows must be <= 1024",
            ),
            (
                (0.0..=1.0).contains(&self.jaccard_threshold)
                    && (0.0..=1.0).contains(&self.containment_threshold),
                "dedup thresholds must be in [0, 1]",
            ),
            (
                self.sort_buffer_records >= 1024,
                "dedup.sort_buffer_records must be >= 1024",
            ),
        ];
        match rules.iter().find(|(ok, _)| !ok) {
            Some((_, message)) => Err(newsmill_core::Error::Config(message.to_string())),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_table_overrides_defaults() {
        let c: DedupConfig = toml::from_str("action = \"tag\"\nbands = 20\nrows = 5\n").unwrap();
        assert_eq!(c.action, DedupAction::Tag);
        assert_eq!((c.bands, c.rows), (20, 5));
        assert_eq!(c.shingle_words, 5);
        assert!(c.validate().is_ok());
        assert!(toml::from_str::<DedupConfig>("bogus = 1").is_err());
    }

    #[test]
    fn validate_rejects_nonsense() {
        let c = DedupConfig {
            jaccard_threshold: 1.5,
            ..DedupConfig::default()
        };
        assert!(c.validate().is_err());
        let c = DedupConfig {
            partitions: 0,
            ..DedupConfig::default()
        };
        assert!(c.validate().is_err());
        let c = DedupConfig {
            partitions: MAX_PARTITIONS + 1,
            ..DedupConfig::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("<= 4096"));
    }
}
