//! The run's configuration: which stages run, in which pass, with which settings.
//!
//! One TOML file (every table optional, defaults built in) plus `--stages` on the command line.

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Where a stage runs in a refine run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Per document, in the first pass over the input.
    Process,
    /// Across documents, between the two passes (needs the whole corpus).
    Barrier,
    /// Per document, in the final pass, after cross-document edits to the text.
    Finalize,
}

/// One entry of the stage catalogue that `newsmill stages` prints.
#[derive(Debug, Clone, Copy)]
pub struct StageInfo {
    /// Name used in configs, `--stages`, reports and rejects.
    pub name: &'static str,
    /// Which pass runs it.
    pub pass: Pass,
    /// One line for `newsmill stages`.
    pub summary: &'static str,
}

/// Every stage newsmill knows, in the order a run applies them.
pub const STAGES: &[StageInfo] = &[
    StageInfo {
        name: "extract",
        pass: Pass::Process,
        summary: "HTML page -> article text + title, date, author, site, canonical URL",
    },
    StageInfo {
        name: "normalize",
        pass: Pass::Process,
        summary: "Unicode NFC, control chars, whitespace, line endings, mojibake repair",
    },
    StageInfo {
        name: "clean",
        pass: Pass::Process,
        summary: "split glued paragraphs; remove teasers, navigation, share/cookie lines (with reasons); source lines",
    },
    StageInfo {
        name: "language",
        pass: Pass::Process,
        summary: "language code and confidence; optional allow-list filter",
    },
    StageInfo {
        name: "quality",
        pass: Pass::Process,
        summary: "Gopher, C4 and FineWeb-style signals; configurable thresholds",
    },
    StageInfo {
        name: "exact_dedup",
        pass: Pass::Barrier,
        summary: "64-bit hash of normalized text; later copies rejected with duplicate_of",
    },
    StageInfo {
        name: "near_dedup",
        pass: Pass::Barrier,
        summary: "site boilerplate removal, MinHash LSH + verification, syndication clusters with originals",
    },
    StageInfo {
        name: "quotes",
        pass: Pass::Finalize,
        summary: "quotations with speakers resolved to full names and roles; people table",
    },
];

/// Looks a stage up by name.
pub fn stage_info(name: &str) -> Option<&'static StageInfo> {
    STAGES.iter().find(|s| s.name == name)
}

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
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Stages to run, by name; applied in catalogue order.
    pub stages: Vec<String>,
    /// Record limits.
    pub limits: Limits,
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

impl Default for Config {
    fn default() -> Self {
        Config {
            stages: STAGES.iter().map(|s| s.name.to_string()).collect(),
            limits: Limits::default(),
            extract: Default::default(),
            normalize: Default::default(),
            clean: Default::default(),
            language: Default::default(),
            quality: Default::default(),
            dedup: Default::default(),
        }
    }
}

impl Config {
    /// Reads a TOML config file; missing tables and keys take their defaults.
    pub fn from_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading config {}", path.display()))?;
        Self::from_toml(&text).with_context(|| format!("in config {}", path.display()))
    }

    /// Parses TOML text into a config.
    pub fn from_toml(text: &str) -> Result<Config> {
        let cfg: Config = toml::from_str(text)?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Replaces the stage list (from `--stages a,b,c`).
    pub fn select_stages(&mut self, list: &str) -> Result<()> {
        self.stages = list
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        self.validate()
    }

    /// Rejects unknown stage names with the list of known ones.
    pub fn validate(&self) -> Result<()> {
        for s in &self.stages {
            if stage_info(s).is_none() {
                let known: Vec<_> = STAGES.iter().map(|s| s.name).collect();
                bail!("unknown stage `{s}`; known stages: {}", known.join(", "));
            }
        }
        Ok(())
    }

    /// Whether a stage is selected.
    pub fn has(&self, name: &str) -> bool {
        self.stages.iter().any(|s| s == name)
    }

    /// The selected stages of one pass, in catalogue order.
    pub fn stages_of(&self, pass: Pass) -> Vec<&'static str> {
        STAGES
            .iter()
            .filter(|s| s.pass == pass && self.has(s.name))
            .map(|s| s.name)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_runs_every_stage() {
        let c = Config::default();
        assert_eq!(c.stages.len(), STAGES.len());
        assert_eq!(c.stages_of(Pass::Finalize), vec!["quotes"]);
    }

    #[test]
    fn empty_toml_is_default_and_unknown_stage_fails() {
        let c = Config::from_toml("").unwrap();
        assert!(c.has("clean"));
        let err = Config::from_toml("stages = [\"nope\"]").unwrap_err();
        assert!(err.to_string().contains("unknown stage `nope`"));
    }

    #[test]
    fn stages_apply_in_catalogue_order() {
        let mut c = Config::default();
        c.select_stages("clean, normalize").unwrap();
        assert_eq!(c.stages_of(Pass::Process), vec!["normalize", "clean"]);
    }

    #[test]
    fn unknown_key_is_an_error() {
        assert!(Config::from_toml("[limits]\nmax_doc_byte = 3").is_err());
    }
}

#[cfg(test)]
mod docs_tests {
    use super::*;

    /// The example in docs/config.md must stay a config that parses, with real rule names.
    #[test]
    fn documented_example_parses() {
        let doc = include_str!("../../../docs/config.md");
        let start = doc.find("```toml\n").expect("toml example") + "```toml\n".len();
        let end = start + doc[start..].find("```").expect("closing fence");
        let cfg = Config::from_toml(&doc[start..end]).expect("example parses");
        assert_eq!(cfg.language.allow, vec!["en".to_string(), "de".to_string()]);
        let rules = newsmill_text::rule_names();
        for name in &cfg.quality.disable {
            assert!(
                rules.contains(&name.as_str()),
                "unknown quality rule {name}"
            );
        }
    }
}
