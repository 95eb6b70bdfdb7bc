//! Atomic output files and done markers: nothing partial is ever visible under a final name,
//! and a killed run knows which tasks finished.

use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file written under `NAME.tmp` and renamed to `NAME` only by [`AtomicFile::commit`].
/// Dropped without commit, the temporary file is removed.
pub struct AtomicFile {
    final_path: PathBuf,
    tmp_path: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `path` (through its temporary name).
    pub fn create(path: &Path) -> Result<Self> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp_path = PathBuf::from(tmp);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let file =
            File::create(&tmp_path).with_context(|| format!("creating {}", tmp_path.display()))?;
        Ok(AtomicFile {
            final_path: path.to_path_buf(),
            tmp_path,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// The buffered writer.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer.as_mut().expect("writer present until commit")
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(mut self) -> Result<()> {
        let writer = self.writer.take().expect("commit once");
        let file = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("flushing {}", self.tmp_path.display()))?;
        file.sync_all().ok();
        fs::rename(&self.tmp_path, &self.final_path)
            .with_context(|| format!("renaming into {}", self.final_path.display()))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = fs::remove_file(&self.tmp_path);
        }
    }
}

/// Writes a value as JSON atomically.
pub fn write_json_atomic<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(f.writer(), value)?;
    f.writer().write_all(b"\n")?;
    f.commit()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_file_never_appears() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"hello").unwrap();
            assert!(!p.exists());
        }
        assert!(!p.exists());
        assert!(!dir.path().join("a.txt.tmp").exists());
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"hello").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "hello");
    }
}
