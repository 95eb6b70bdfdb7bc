//! Files between phases: fixed-width `(u64, u64)` records, atomic writes, done markers and an
//! external merge sort whose memory is bounded by its buffer whatever the input size.

use anyhow::{Context, Result};
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// One record: a key and a value (band key and document, line key and text hash, pair of docs).
pub type Rec = (u64, u64);

/// Bytes of one encoded record.
pub const REC_BYTES: usize = 16;

pub use newsmill_core::AtomicFile;

/// Fixed-width record output for [`AtomicFile`].
pub trait RecWriter {
    /// Appends one record.
    fn rec(&mut self, r: Rec) -> Result<()>;
}

impl RecWriter for AtomicFile {
    #[inline]
    fn rec(&mut self, r: Rec) -> Result<()> {
        let mut b = [0u8; REC_BYTES];
        b[..8].copy_from_slice(&r.0.to_le_bytes());
        b[8..].copy_from_slice(&r.1.to_le_bytes());
        self.writer().write_all(&b)?;
        Ok(())
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.writer().write_all(bytes)?;
    Ok(f.commit()?)
}

/// Streams the records of a file (a missing file is an error: tasks only read committed outputs).
pub struct RecReader {
    r: BufReader<File>,
    path: PathBuf,
}

impl RecReader {
    /// Opens a record file.
    pub fn open(path: &Path) -> Result<Self> {
        let f = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        Ok(RecReader {
            r: BufReader::with_capacity(1 << 16, f),
            path: path.to_path_buf(),
        })
    }

    /// The next record, `None` at the end; a trailing partial record is an error.
    pub fn next_rec(&mut self) -> Result<Option<Rec>> {
        let mut b = [0u8; REC_BYTES];
        let mut got = 0;
        while got < REC_BYTES {
            let n = self.r.read(&mut b[got..])?;
            if n == 0 {
                if got == 0 {
                    return Ok(None);
                }
                anyhow::bail!("{}: truncated record", self.path.display());
            }
            got += n;
        }
        let k = u64::from_le_bytes(b[..8].try_into()?);
        let v = u64::from_le_bytes(b[8..].try_into()?);
        Ok(Some((k, v)))
    }
}

/// Where a task records that it finished, with its stats as JSON.
pub fn done_path(work_dir: &Path, label: &str) -> PathBuf {
    work_dir.join("done").join(label)
}

/// Reads a done marker's stats, `None` when the task has not finished.
pub fn read_done<T: serde::de::DeserializeOwned>(
    work_dir: &Path,
    label: &str,
) -> Result<Option<T>> {
    let p = done_path(work_dir, label);
    match fs::read(&p) {
        Ok(b) => Ok(Some(
            serde_json::from_slice(&b).with_context(|| format!("reading {}", p.display()))?,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", p.display())),
    }
}

/// Marks a task done (after all its outputs were committed).
pub fn write_done<T: serde::Serialize>(work_dir: &Path, label: &str, stats: &T) -> Result<()> {
    write_atomic(&done_path(work_dir, label), &serde_json::to_vec(stats)?)
}

/// Sorts the records of `inputs` (missing files count as empty) and yields them in order, spilling
/// sorted runs of at most `buffer` records to `tmp_dir`. Memory: `buffer` records plus one read
/// buffer per run.
pub fn external_sort(inputs: &[PathBuf], tmp_dir: &Path, buffer: usize) -> Result<SortedRecs> {
    let buffer = buffer.max(1024);
    let mut buf: Vec<Rec> = Vec::with_capacity(buffer.min(1 << 20));
    let mut runs: Vec<PathBuf> = Vec::new();
    let spill = |buf: &mut Vec<Rec>, runs: &mut Vec<PathBuf>| -> Result<()> {
        buf.sort_unstable();
        let p = tmp_dir.join(format!("run-{:05}", runs.len()));
        let mut f = AtomicFile::create(&p)?;
        for &r in buf.iter() {
            f.rec(r)?;
        }
        f.commit()?;
        runs.push(p);
        buf.clear();
        Ok(())
    };
    for input in inputs {
        if !input.exists() {
            continue;
        }
        let mut r = RecReader::open(input)?;
        while let Some(rec) = r.next_rec()? {
            buf.push(rec);
            if buf.len() >= buffer {
                spill(&mut buf, &mut runs)?;
            }
        }
    }
    if runs.is_empty() {
        buf.sort_unstable();
        return Ok(SortedRecs::Memory(buf.into_iter()));
    }
    if !buf.is_empty() {
        spill(&mut buf, &mut runs)?;
    }
    drop(buf);
    let mut readers = Vec::with_capacity(runs.len());
    let mut heap = BinaryHeap::new();
    for (i, p) in runs.iter().enumerate() {
        let mut r = RecReader::open(p)?;
        if let Some(rec) = r.next_rec()? {
            heap.push(std::cmp::Reverse((rec, i)));
        }
        readers.push(r);
    }
    Ok(SortedRecs::Merge {
        heap,
        readers,
        runs,
    })
}

/// The sorted output of [`external_sort`]; spilled runs are deleted when it is dropped.
pub enum SortedRecs {
    /// Everything fit in the buffer.
    Memory(std::vec::IntoIter<Rec>),
    /// K-way merge of spilled runs.
    Merge {
        /// Smallest head record of each run.
        heap: BinaryHeap<std::cmp::Reverse<(Rec, usize)>>,
        /// One reader per run.
        readers: Vec<RecReader>,
        /// Run files, removed on drop.
        runs: Vec<PathBuf>,
    },
}

impl SortedRecs {
    /// The next record in order.
    pub fn next_rec(&mut self) -> Result<Option<Rec>> {
        match self {
            SortedRecs::Memory(it) => Ok(it.next()),
            SortedRecs::Merge { heap, readers, .. } => {
                let Some(std::cmp::Reverse((rec, i))) = heap.pop() else {
                    return Ok(None);
                };
                if let Some(next) = readers[i].next_rec()? {
                    heap.push(std::cmp::Reverse((next, i)));
                }
                Ok(Some(rec))
            }
        }
    }
}

impl Drop for SortedRecs {
    fn drop(&mut self) {
        if let SortedRecs::Merge { runs, .. } = self {
            for r in runs {
                let _ = fs::remove_file(r);
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh empty directory under the system temp dir, removed on drop.
    pub struct TempDir(pub PathBuf);
    impl TempDir {
        pub fn new(tag: &str) -> Self {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let p = std::env::temp_dir()
                .join(format!("newsmill-dedup-{tag}-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&p);
            fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn external_sort_spills_and_merges_in_order() {
        let d = TempDir::new("sort");
        let mut inputs = Vec::new();
        let mut all = Vec::new();
        for f in 0..3u64 {
            let p = d.0.join(format!("in{f}"));
            let mut w = AtomicFile::create(&p).unwrap();
            for i in 0..3000u64 {
                let r = (crate::text::mix64(i * 7 + f) % 500, i);
                w.rec(r).unwrap();
                all.push(r);
            }
            w.commit().unwrap();
            inputs.push(p);
        }
        inputs.push(d.0.join("missing"));
        all.sort_unstable();
        let tmp = d.0.join("tmp");
        fs::create_dir_all(&tmp).unwrap();
        let mut s = external_sort(&inputs, &tmp, 1024).unwrap();
        assert!(matches!(s, SortedRecs::Merge { .. }));
        let mut got = Vec::new();
        while let Some(r) = s.next_rec().unwrap() {
            got.push(r);
        }
        assert_eq!(got, all);
        drop(s);
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    }

    #[test]
    fn truncated_record_file_is_an_error() {
        let d = TempDir::new("trunc");
        let p = d.0.join("x");
        fs::write(&p, [1u8; 20]).unwrap();
        let mut r = RecReader::open(&p).unwrap();
        assert!(r.next_rec().unwrap().is_some());
        assert!(r.next_rec().is_err());
    }

    #[test]
    fn done_markers_round_trip() {
        let d = TempDir::new("done");
        assert_eq!(read_done::<u64>(&d.0, "t").unwrap(), None);
        write_done(&d.0, "t", &5u64).unwrap();
        assert_eq!(read_done::<u64>(&d.0, "t").unwrap(), Some(5));
    }
}
