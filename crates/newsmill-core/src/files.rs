use crate::error::{Error, IoContext, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The part of a temporary file's name that follows the final name: `.tmp` and the writer's
/// process id. [`is_temporary`] recognises it, so a later run can remove what a killed one left.
const TMP_INFIX: &str = ".tmp";

/// A file written under a temporary name (unique to this process) and renamed into place only by
/// [`AtomicFile::commit`], so a killed task never leaves a half-written file under a name that a
/// rerun or a reader would trust. Dropped without commit, the temporary file is removed.
///
/// ```
/// use std::io::Write;
/// let dir = std::env::temp_dir().join(format!("nm-doc-{}", std::process::id()));
/// let path = dir.join("out.txt");
/// let mut f = newsmill_core::AtomicFile::create(&path).unwrap();
/// f.write_all(b"done").unwrap();
/// assert!(!path.exists());
/// f.commit().unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"done");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct AtomicFile {
    final_path: PathBuf,
    tmp_path: PathBuf,
    writer: Option<BufWriter<File>>,
}

fn with_path(e: io::Error, what: &str, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{what} {}: {e}", path.display()))
}

impl AtomicFile {
    /// Starts writing `path` through its temporary name; creates the folder if needed. Writes go
    /// through a 1 MiB buffer.
    pub fn create(path: &Path) -> io::Result<Self> {
        Self::with_capacity(path, 1 << 20)
    }

    /// Like [`AtomicFile::create`], with a write buffer of `capacity` bytes: for a caller that
    /// keeps many files open at once, where 1 MiB each would add up.
    pub fn with_capacity(path: &Path, capacity: usize) -> io::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|e| with_path(e, "creating", dir))?;
        }
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!("{TMP_INFIX}{}", std::process::id()));
        let tmp_path = path.with_file_name(name);
        let file = File::create(&tmp_path).map_err(|e| with_path(e, "creating", &tmp_path))?;
        Ok(AtomicFile {
            final_path: path.to_path_buf(),
            tmp_path,
            writer: Some(BufWriter::with_capacity(capacity, file)),
        })
    }

    /// The buffered writer.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.writer.as_mut().expect("writer present until commit")
    }

    /// The name the file will have once committed.
    pub fn path(&self) -> &Path {
        &self.final_path
    }

    /// Flushes, syncs and renames into place.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self.writer.take().expect("commit once");
        let file = writer
            .into_inner()
            .map_err(|e| with_path(e.into_error(), "flushing", &self.tmp_path))?;
        file.sync_all().ok();
        fs::rename(&self.tmp_path, &self.final_path)
            .map_err(|e| with_path(e, "renaming into", &self.final_path))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer().write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.tmp_path);
        }
    }
}

/// True for the name of a file an [`AtomicFile`] was writing (`x.json.tmp1234`): never a
/// finished output, so safe to remove once its writer is gone.
pub fn is_temporary(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.rfind(TMP_INFIX).is_some_and(|i| {
        let rest = &name[i + TMP_INFIX.len()..];
        i > 0 && rest.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Writes a value as pretty JSON atomically.
pub fn write_json_atomic<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<()> {
    let mut f = AtomicFile::create(path).at("creating", path)?;
    serde_json::to_writer_pretty(f.writer(), value)
        .map_err(|e| Error::corrupt(path, format!("cannot serialize: {e}")))?;
    f.writer().write_all(b"\n").at("writing", path)?;
    f.commit().at("committing", path)
}

/// Reads a JSON file.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = fs::read(path).at("reading", path)?;
    serde_json::from_slice(&text).map_err(|e| Error::corrupt(path, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_file_never_appears_and_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("nm-core-files-{}", std::process::id()));
        let p = dir.join("a.txt");
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"hello").unwrap();
            assert!(!p.exists());
        }
        assert!(!p.exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"hello").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "hello");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert!(is_temporary(OsStr::new("articles.jsonl.tmp4242")));
        assert!(is_temporary(OsStr::new("x.tmp")));
        assert!(!is_temporary(OsStr::new("articles.jsonl")));
        assert!(!is_temporary(OsStr::new(".tmp12")));
        assert!(!is_temporary(OsStr::new("notes.tmpfile")));
    }
}
