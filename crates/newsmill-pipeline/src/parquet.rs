//! `articles.parquet`, when the crate is built with the `parquet` feature.

use crate::run::RunOptions;
use anyhow::Result;
use newsmill_core::Doc;

/// A sink for article rows.
pub trait ArticleSink {
    /// Adds one article.
    fn write(&mut self, doc: &Doc) -> Result<()>;
    /// Completes the file (renames it into place).
    fn finish(self: Box<Self>) -> Result<()>;
}

#[cfg(feature = "parquet")]
impl ArticleSink for newsmill_parquet::ParquetArticleWriter {
    fn write(&mut self, doc: &Doc) -> Result<()> {
        newsmill_parquet::ParquetArticleWriter::write(self, doc)
    }
    fn finish(self: Box<Self>) -> Result<()> {
        newsmill_parquet::ParquetArticleWriter::finish(*self)
    }
}

/// Opens `articles.parquet` if the run asks for it.
pub fn open(opts: &RunOptions) -> Result<Option<Box<dyn ArticleSink>>> {
    if !opts.format.parquet() {
        return Ok(None);
    }
    #[cfg(feature = "parquet")]
    {
        let w =
            newsmill_parquet::ParquetArticleWriter::create(&opts.out_dir.join("articles.parquet"))?;
        Ok(Some(Box::new(w)))
    }
    #[cfg(not(feature = "parquet"))]
    {
        anyhow::bail!("this newsmill was built without the `parquet` feature; use --format jsonl")
    }
}
