//! `articles.parquet`, when the crate is built with the `parquet` feature.

use crate::error::RunError;
use crate::options::RunOptions;
use newsmill_core::Doc;

/// Why an article could not be written to a sink.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A sink for article rows.
pub trait ArticleSink {
    /// Adds one article.
    fn write(&mut self, doc: &Doc) -> Result<(), SinkError>;
    /// Completes the file (renames it into place).
    fn finish(self: Box<Self>) -> Result<(), SinkError>;
}

#[cfg(feature = "parquet")]
impl ArticleSink for newsmill_parquet::ParquetArticleWriter {
    fn write(&mut self, doc: &Doc) -> Result<(), SinkError> {
        Ok(newsmill_parquet::ParquetArticleWriter::write(self, doc)?)
    }
    fn finish(self: Box<Self>) -> Result<(), SinkError> {
        Ok(newsmill_parquet::ParquetArticleWriter::finish(*self)?)
    }
}

/// Opens `articles.parquet` if the run asks for it.
pub(crate) fn open(opts: &RunOptions) -> Result<Option<Box<dyn ArticleSink>>, RunError> {
    if !opts.format.parquet() {
        return Ok(None);
    }
    #[cfg(feature = "parquet")]
    {
        let path = opts.out_dir.join("articles.parquet");
        let w = newsmill_parquet::ParquetArticleWriter::create(&path)
            .map_err(|e| RunError::Output(e.to_string()))?;
        Ok(Some(Box::new(w)))
    }
    #[cfg(not(feature = "parquet"))]
    {
        Err(RunError::Output(
            "this newsmill was built without the `parquet` feature; use --format jsonl".into(),
        ))
    }
}
