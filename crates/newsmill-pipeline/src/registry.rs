//! Builds stage objects from their names and the run's config.

use crate::config::Config;
use anyhow::{bail, Result};
use newsmill_core::Stage;

/// The stages of one pass, named, ready to run.
pub type StageList = Vec<(&'static str, Box<dyn Stage>)>;

/// Instantiates the named document stages with their config tables.
pub fn build_stages(names: &[&'static str], config: &Config) -> Result<StageList> {
    names
        .iter()
        .map(|&name| -> Result<(&'static str, Box<dyn Stage>)> {
            let stage: Box<dyn Stage> = match name {
                "extract" => Box::new(newsmill_extract::ExtractStage::new(config.extract.clone())),
                "normalize" => {
                    Box::new(newsmill_text::NormalizeStage::new(config.normalize.clone()))
                }
                "clean" => Box::new(newsmill_text::CleanStage::new(config.clean.clone())),
                "language" => Box::new(newsmill_text::LanguageStage::new(config.language.clone())),
                "quality" => Box::new(newsmill_text::QualityStage::new(config.quality.clone())),
                "quotes" => Box::<newsmill_attrib::AttributionStage>::default(),
                other => bail!("`{other}` is not a document stage"),
            };
            Ok((name, stage))
        })
        .collect()
}
