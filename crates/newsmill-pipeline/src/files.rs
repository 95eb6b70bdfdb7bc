//! JSON written atomically and done markers: nothing partial is ever visible under a final name,
//! and a killed run knows which tasks finished.

use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use newsmill_core::AtomicFile;

/// Writes a value as JSON atomically.
pub fn write_json_atomic<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(f.writer(), value)?;
    f.writer().write_all(b"\n")?;
    Ok(f.commit()?)
}

/// Reads a JSON file.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("parsing {}", path.display()))
}

/// The marker that says a task finished; it carries the task's summary so a resumed run can
/// report on work it skipped.
pub fn done_marker(dir: &Path, label: &str) -> PathBuf {
    dir.join(format!("{label}.done"))
}

/// Reads a done marker's summary, if the task is done and its summary parses.
pub fn read_done<T: DeserializeOwned>(dir: &Path, label: &str) -> Option<T> {
    read_json(&done_marker(dir, label)).ok()
}
