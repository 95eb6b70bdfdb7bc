//! Converts newsmill `Doc` JSONL (one record per line, as newsmill writes it) on stdin to an
//! `articles.parquet` file, so that the Parquet output can be checked by other readers
//! (DuckDB, Polars, pyarrow) without running the whole pipeline.
//!
//! `cargo run --release -p newsmill-parquet --example jsonl_to_parquet -- OUT.parquet < docs.jsonl`

use anyhow::{Context, Result};
use newsmill_core::Doc;
use newsmill_parquet::ParquetArticleWriter;
use std::io::BufRead;
use std::path::PathBuf;

fn main() -> Result<()> {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .context("usage: jsonl_to_parquet OUT.parquet < docs.jsonl")?
        .into();
    let mut writer = ParquetArticleWriter::create(&out)?;
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc = serde_json::from_str(&line).with_context(|| format!("line {}", n + 1))?;
        writer.write(&doc)?;
    }
    Ok(writer.finish()?)
}
