//! The run's settings as data: the stage list and one table per section. Every table is
//! optional; missing keys take their defaults. What the stage names mean, and the checks that
//! need them, live with the stage catalogue ([`crate::catalogue`]).

use serde::{Deserialize, Serialize};

/// Output formats for the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `articles.jsonl` only.
    #[default]
    Jsonl,
    /// `articles.parquet` only.
    Parquet,
    /// Both.
    Both,
}

impl Format {
    /// Whether JSONL articles are written.
    pub fn jsonl(self) -> bool {
        matches!(self, Format::Jsonl | Format::Both)
    }
    /// Whether Parquet articles are written.
    pub fn parquet(self) -> bool {
        matches!(self, Format::Parquet | Format::Both)
    }
}

/// Limits that protect a run from one pathological record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest document (bytes of text or HTML) a run accepts; larger ones are rejected
    /// with `doc_too_large`.
    pub max_doc_bytes: usize,
    /// Most milliseconds the document stages of one pass may spend on one document; a document
    /// over it is rejected with `time_limit_exceeded`. 0 turns the limit off.
    pub max_doc_millis: u64,
}

impl Limits {
    /// The per-document time limit, if any.
    pub fn time_limit(&self) -> Option<std::time::Duration> {
        (self.max_doc_millis > 0).then(|| std::time::Duration::from_millis(self.max_doc_millis))
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 32 << 20,
            max_doc_millis: 30_000,
        }
    }
}

/// Everything a refine run is configured with. Every table is optional.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Stages to run, by name; applied in catalogue order.
    pub stages: Vec<String>,
    /// Record limits.
    pub limits: Limits,
    /// `[input]`: which JSON fields hold the text, title, URL, date and the rest.
    pub input: newsmill_io::FieldNames,
    /// `[extract]`
    pub extract: newsmill_extract::ExtractConfig,
    /// `[normalize]`
    pub normalize: newsmill_text::NormalizeConfig,
    /// `[clean]`
    pub clean: newsmill_text::CleanConfig,
    /// `[language]`
    pub language: newsmill_text::LanguageConfig,
    /// `[quality]`
    pub quality: newsmill_text::QualityConfig,
    /// `[dedup]`, shared by `exact_dedup` and `near_dedup`.
    pub dedup: newsmill_dedup::DedupConfig,
}
