//! The stage catalogue: every stage newsmill has, once, with its pass, its config section and how
//! it is built. `newsmill stages`, config validation, the docs and the runner all read this
//! table; adding a stage is adding a row.

use crate::config::{Config, Limits};
use crate::error::ConfigError;
use newsmill_core::{Barrier, Stage};
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

impl Pass {
    /// The pass as `newsmill stages` and the docs name it.
    pub fn label(self) -> &'static str {
        match self {
            Pass::Process => "process",
            Pass::Barrier => "dedup",
            Pass::Finalize => "final",
        }
    }
}

/// How a catalogue row becomes a runnable stage.
#[derive(Clone, Copy)]
pub enum Build {
    /// A document stage.
    Doc(fn(&Config) -> Box<dyn Stage>),
    /// A barrier stage. Rows whose barriers share a name (exact and near dedup) are served by one
    /// barrier, which reads from the config which of them are selected.
    Barrier(fn(&Config) -> Result<Box<dyn Barrier>, ConfigError>),
}

/// One row of the catalogue.
#[derive(Clone, Copy)]
pub struct StageDef {
    /// Name used in configs, `--stages`, reports and rejects.
    pub name: &'static str,
    /// Which pass runs it.
    pub pass: Pass,
    /// Its table in the TOML config (`None` when it has no settings).
    pub section: Option<&'static str>,
    /// One line for `newsmill stages`.
    pub summary: &'static str,
    /// How to build it.
    pub build: Build,
}

impl std::fmt::Debug for StageDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StageDef")
            .field("name", &self.name)
            .field("pass", &self.pass)
            .field("section", &self.section)
            .finish()
    }
}

fn dedup_barrier(config: &Config) -> Result<Box<dyn Barrier>, ConfigError> {
    let mut cfg = config.dedup.clone();
    cfg.exact = config.has("exact_dedup");
    cfg.near = config.has("near_dedup");
    if !cfg.near {
        cfg.boilerplate = false;
    }
    Ok(Box::new(newsmill_dedup::DedupBarrier::new(cfg)?))
}

/// Every stage newsmill knows, in the order a run applies them.
pub const CATALOGUE: &[StageDef] = &[
    StageDef {
        name: "extract",
        pass: Pass::Process,
        section: Some("extract"),
        summary: "HTML page -> article text + title, date, author, site, canonical URL",
        build: Build::Doc(|c| Box::new(newsmill_extract::ExtractStage::new(c.extract.clone()))),
    },
    StageDef {
        name: "normalize",
        pass: Pass::Process,
        section: Some("normalize"),
        summary: "Unicode NFC, control chars, whitespace, line endings, mojibake repair",
        build: Build::Doc(|c| Box::new(newsmill_text::NormalizeStage::new(c.normalize.clone()))),
    },
    StageDef {
        name: "clean",
        pass: Pass::Process,
        section: Some("clean"),
        summary: "split glued paragraphs; remove teasers, navigation, share/cookie lines (with reasons); source lines",
        build: Build::Doc(|c| Box::new(newsmill_text::CleanStage::new(c.clean.clone()))),
    },
    StageDef {
        name: "language",
        pass: Pass::Process,
        section: Some("language"),
        summary: "language code and confidence; optional allow-list filter",
        build: Build::Doc(|c| Box::new(newsmill_text::LanguageStage::new(c.language.clone()))),
    },
    StageDef {
        name: "quality",
        pass: Pass::Process,
        section: Some("quality"),
        summary: "Gopher, C4 and FineWeb-style signals; configurable thresholds",
        build: Build::Doc(|c| Box::new(newsmill_text::QualityStage::new(c.quality.clone()))),
    },
    StageDef {
        name: "exact_dedup",
        pass: Pass::Barrier,
        section: Some("dedup"),
        summary: "64-bit hash of normalized text; later copies rejected with duplicate_of",
        build: Build::Barrier(dedup_barrier),
    },
    StageDef {
        name: "near_dedup",
        pass: Pass::Barrier,
        section: Some("dedup"),
        summary: "site boilerplate removal, MinHash LSH + verification, syndication clusters with originals",
        build: Build::Barrier(dedup_barrier),
    },
    StageDef {
        name: "quotes",
        pass: Pass::Finalize,
        section: None,
        summary: "quotations with speakers resolved to full names and roles; people table",
        build: Build::Doc(|_| Box::<newsmill_attrib::AttributionStage>::default()),
    },
];

/// Looks a stage up by name.
pub fn stage_def(name: &str) -> Option<&'static StageDef> {
    CATALOGUE.iter().find(|s| s.name == name)
}

/// The document stages of one pass, named, ready to run.
pub type StageList = Vec<(&'static str, Box<dyn Stage>)>;

impl Default for Config {
    fn default() -> Self {
        Config {
            stages: CATALOGUE.iter().map(|s| s.name.to_string()).collect(),
            limits: Limits::default(),
            input: Default::default(),
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
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, Some(path))
    }

    /// Parses TOML text into a config.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Self::parse(text, None)
    }

    fn parse(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|source| ConfigError::Toml {
            path: path.map(Path::to_path_buf),
            source,
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Replaces the stage list (from `--stages a,b,c`).
    pub fn select_stages(&mut self, list: &str) -> Result<(), ConfigError> {
        self.stages = list
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        self.validate()
    }

    /// Rejects unknown stage names with the list of known ones, and settings a stage cannot run
    /// with.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(unknown) = self.stages.iter().find(|s| stage_def(s).is_none()) {
            let known: Vec<_> = CATALOGUE.iter().map(|s| s.name).collect();
            return Err(ConfigError::UnknownStage {
                name: unknown.clone(),
                known: known.join(", "),
            });
        }
        self.dedup.validate()?;
        Ok(())
    }

    /// Whether a stage is selected.
    pub fn has(&self, name: &str) -> bool {
        self.stages.iter().any(|s| s == name)
    }

    /// The selected stages of one pass, in catalogue order.
    pub fn stages_of(&self, pass: Pass) -> Vec<&'static str> {
        self.selected(pass).map(|s| s.name).collect()
    }

    fn selected(&self, pass: Pass) -> impl Iterator<Item = &'static StageDef> + '_ {
        CATALOGUE
            .iter()
            .filter(move |s| s.pass == pass && self.has(s.name))
    }

    /// Builds the selected document stages of a pass.
    pub fn doc_stages(&self, pass: Pass) -> StageList {
        self.selected(pass)
            .filter_map(|s| match s.build {
                Build::Doc(build) => Some((s.name, build(self))),
                Build::Barrier(_) => None,
            })
            .collect()
    }

    /// Builds the barriers the selected stages need, one per barrier name, in catalogue order.
    pub fn barriers(&self) -> Result<Vec<Box<dyn Barrier>>, ConfigError> {
        let mut out: Vec<Box<dyn Barrier>> = Vec::new();
        for s in self.selected(Pass::Barrier) {
            if let Build::Barrier(build) = s.build {
                let b = build(self)?;
                if !out.iter().any(|o| o.name() == b.name()) {
                    out.push(b);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_runs_every_stage() {
        let c = Config::default();
        assert_eq!(c.stages.len(), CATALOGUE.len());
        assert_eq!(c.stages_of(Pass::Finalize), vec!["quotes"]);
        assert_eq!(
            c.barriers().unwrap().len(),
            1,
            "exact and near dedup share one barrier"
        );
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
        assert!(c.barriers().unwrap().is_empty());
        let names: Vec<_> = c.doc_stages(Pass::Process).iter().map(|s| s.0).collect();
        assert_eq!(names, ["normalize", "clean"]);
    }

    #[test]
    fn unknown_key_and_bad_values_are_errors() {
        assert!(Config::from_toml("[limits]\nmax_doc_byte = 3").is_err());
        let e = Config::from_toml("[dedup]\npartitions = 0").unwrap_err();
        assert!(e.to_string().contains("dedup.partitions"), "{e}");
    }

    #[test]
    fn every_built_stage_has_its_catalogue_name() {
        let c = Config::default();
        for pass in [Pass::Process, Pass::Finalize] {
            for (name, stage) in c.doc_stages(pass) {
                assert_eq!(stage.name(), name);
            }
        }
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
