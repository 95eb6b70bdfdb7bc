//! The text stages of `newsmill refine`, in pipeline order:
//!
//! | stage | config table | what it does | drops |
//! |---|---|---|---|
//! | [`NormalizeStage`] | `[normalize]` | NFC, mojibake, controls, whitespace, line endings | `too_many_replacement_chars` (off by default) |
//! | [`CleanStage`] | `[clean]` | glued paragraphs, residue lines, source/byline/date metadata | `clean_empty` |
//! | [`LanguageStage`] | `[language]` | language code and confidence | `language_not_allowed` (only with `allow`) |
//! | [`QualityStage`] | `[quality]` | Gopher / C4 / FineWeb signals into `doc.quality` | the failing rule's name |
//!
//! Each stage is also a pure function ([`normalize_text`], [`clean_text`], [`detect_language`],
//! [`quality_signals`]) so the rules can be tested and fuzzed without a pipeline. Defaults never
//! reject short, clean news: a 40-word brief passes every stage.

#![warn(missing_docs)]

mod clean;
mod dates;
mod language;
mod normalize;
mod quality;

pub use clean::{clean_text, split_glued, CleanConfig, CleanStage, Cleaned};
pub use dates::{parse_byline, parse_dateline};
pub use language::{detect_language, LanguageConfig, LanguageStage};
pub use normalize::{normalize_text, repair_mojibake, NormalizeConfig, NormalizeStage, Normalized};
pub use quality::{quality_signals, rule_names, QualityConfig, QualityStage};

use newsmill_core::Stage;

/// Names of the stages this crate provides, as used in configs and `--stages`.
pub const STAGE_NAMES: [&str; 4] = ["normalize", "clean", "language", "quality"];

/// The four stages with default settings, in pipeline order (what `newsmill refine` runs when the
/// config names no text stage settings).
pub fn default_stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(NormalizeStage::default()),
        Box::new(CleanStage::default()),
        Box::new(LanguageStage::default()),
        Box::new(QualityStage::default()),
    ]
}
