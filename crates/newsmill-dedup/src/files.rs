//! Files between phases: fixed-width `(u64, u64)` records, atomic writes, done markers and an
//! external merge sort whose memory is bounded by its buffer whatever the input size.

use newsmill_core::{Error, IoContext, Result};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// One record: a key and a value (band key and document, line key and text hash, pair of docs).
pub type Rec = (u64, u64);

/// How many low bytes of a record's key and value a file stores. Writing is the costliest part of
/// the merge phases' I/O, so each file uses the narrowest format its values fit: a document is a
/// dense `u32`, a pair of documents two of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecFormat {
    /// Bytes of the key (1 to 8).
    pub key: usize,
    /// Bytes of the value (1 to 8).
    pub val: usize,
}

impl RecFormat {
    /// Full 64-bit key and value.
    pub const WIDE: RecFormat = RecFormat { key: 8, val: 8 };
    /// A 64-bit key and a 32-bit value (a dense document number or a 32-bit hash).
    pub const KEY_U32: RecFormat = RecFormat { key: 8, val: 4 };
    /// Two 32-bit numbers (a pair of dense document numbers).
    pub const PAIR: RecFormat = RecFormat { key: 4, val: 4 };

    /// Bytes of one encoded record.
    pub const fn bytes(self) -> usize {
        self.key + self.val
    }

    #[inline]
    fn encode(self, r: Rec, b: &mut [u8; 16]) -> &[u8] {
        b[..8].copy_from_slice(&r.0.to_le_bytes());
        b[self.key..self.key + 8].copy_from_slice(&r.1.to_le_bytes());
        &b[..self.bytes()]
    }

    #[inline]
    fn decode(self, b: &[u8]) -> Rec {
        let mut k = [0u8; 8];
        let mut v = [0u8; 8];
        k[..self.key].copy_from_slice(&b[..self.key]);
        v[..self.val].copy_from_slice(&b[self.key..self.bytes()]);
        (u64::from_le_bytes(k), u64::from_le_bytes(v))
    }
}

pub use newsmill_core::AtomicFile;

/// Write buffer of the dedup phases' files. A task keeps many of them open at once (a scan task
/// one per line partition, 16 by default; a signatures task one per key partition and three
/// more; a bands task one per pair partition), so the 1 MiB of [`AtomicFile::create`] added up
/// to tens of MB per task, and glibc's allocator kept that memory (its mmap threshold rises to
/// 1 MiB after the first such buffer is freed) for the rest of the run: refine's peak RSS on a
/// 64 MB input rose by about 10 MB. Records are 8 to 16 bytes, so 64 KiB writes are already
/// large.
pub const REC_FILE_BUFFER: usize = 1 << 16;

/// Starts a dedup record file (see [`REC_FILE_BUFFER`]).
pub fn create_rec_file(dest: &Path) -> std::io::Result<AtomicFile> {
    AtomicFile::with_capacity(dest, REC_FILE_BUFFER)
}

/// Fixed-width record output for [`AtomicFile`].
pub trait RecWriter {
    /// Appends one record in [`RecFormat::WIDE`].
    fn rec(&mut self, r: Rec) -> Result<()> {
        self.rec_as(RecFormat::WIDE, r)
    }
    /// Appends one record in `fmt` (the key and value must fit it).
    fn rec_as(&mut self, fmt: RecFormat, r: Rec) -> Result<()>;
}

impl RecWriter for AtomicFile {
    #[inline]
    fn rec_as(&mut self, fmt: RecFormat, r: Rec) -> Result<()> {
        debug_assert!(fmt.key == 8 || r.0 >> (8 * fmt.key) == 0);
        debug_assert!(fmt.val == 8 || r.1 >> (8 * fmt.val) == 0);
        let mut b = [0u8; 16];
        if let Err(e) = self.writer().write_all(fmt.encode(r, &mut b)) {
            let path = self.path().to_path_buf();
            return Err(e).at("writing", &path);
        }
        Ok(())
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(dest).at("creating", dest)?;
    f.writer().write_all(bytes).at("writing", dest)?;
    f.commit().at("committing", dest)
}

/// Streams the records of a file (a missing file is an error: tasks only read committed outputs).
pub struct RecReader {
    r: BufReader<File>,
    path: PathBuf,
    fmt: RecFormat,
}

impl RecReader {
    /// Opens a record file in [`RecFormat::WIDE`].
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_as(path, RecFormat::WIDE)
    }

    /// Opens a record file written in `fmt`.
    pub fn open_as(path: &Path, fmt: RecFormat) -> Result<Self> {
        let f = File::open(path).at("opening", path)?;
        Ok(RecReader {
            r: BufReader::with_capacity(1 << 16, f),
            path: path.to_path_buf(),
            fmt,
        })
    }

    /// The next record, `None` at the end; a trailing partial record is an error.
    #[inline]
    pub fn next_rec(&mut self) -> Result<Option<Rec>> {
        let n = self.fmt.bytes();
        // Fast path: the whole record is in the read buffer.
        let buf = self.r.buffer();
        if buf.len() >= n {
            let rec = self.fmt.decode(&buf[..n]);
            self.r.consume(n);
            return Ok(Some(rec));
        }
        let mut b = [0u8; 16];
        let mut got = 0;
        while got < n {
            let k = self.r.read(&mut b[got..n]).at("reading", &self.path)?;
            if k == 0 {
                if got == 0 {
                    return Ok(None);
                }
                return Err(Error::corrupt(&self.path, "truncated record"));
            }
            got += k;
        }
        Ok(Some(self.fmt.decode(&b[..n])))
    }
}

/// Groups the records of `inputs` (missing files count as empty; all in `fmt`) by key and yields
/// them group after group, each group's records sorted by value, with at most about `buffer`
/// records in memory.
///
/// When the inputs hold at most `buffer` records (their file sizes tell) they are read into one
/// vector of exactly that size and sorted: the output is then in key order. Otherwise the records
/// are first scattered by a hash of their key into enough bucket files under `tmp_dir` that each
/// holds about `buffer * 3 / 4` records, and the buckets are loaded and sorted one at a time:
/// every key's records still come together (one key never spans buckets), in key order within a
/// bucket. This costs one write and one read of the records, like a spill to sorted runs, but no
/// k-way merge (a heap operation per record, which was most of a spilled phase's time). A single
/// key with more records than fit in memory is still loaded whole.
pub fn external_sort(
    inputs: &[PathBuf],
    fmt: RecFormat,
    tmp_dir: &Path,
    buffer: usize,
) -> Result<SortedRecs> {
    let buffer = buffer.max(1024);
    let mut total = 0u64;
    for input in inputs {
        match fs::metadata(input) {
            Ok(m) => total += m.len() / fmt.bytes() as u64,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).at("reading", input),
        }
    }
    if total <= buffer as u64 {
        let mut buf: Vec<Rec> = Vec::with_capacity(total as usize);
        for input in inputs.iter().filter(|p| p.exists()) {
            let mut r = RecReader::open_as(input, fmt)?;
            while let Some(rec) = r.next_rec()? {
                buf.push(rec);
            }
        }
        buf.sort_unstable();
        return Ok(SortedRecs::Memory(buf.into_iter()));
    }
    let per_bucket = (buffer as u64 * 3 / 4).max(1);
    let n = total.div_ceil(per_bucket) as usize;
    let mut buckets = Vec::with_capacity(n);
    let mut outs = Vec::with_capacity(n);
    for i in 0..n {
        let p = tmp_dir.join(format!("bucket-{i:05}"));
        // Plain files, not synced: they live only while this sort runs, and syncing would force
        // gigabytes to the disk that are deleted a moment later.
        let f = File::create(&p).at("creating", &p)?;
        outs.push(std::io::BufWriter::with_capacity(1 << 18, f));
        buckets.push(p);
    }
    let mut b = [0u8; 16];
    for input in inputs.iter().filter(|p| p.exists()) {
        let mut r = RecReader::open_as(input, fmt)?;
        while let Some(rec) = r.next_rec()? {
            let i = bucket_of(rec.0, n);
            outs[i]
                .write_all(fmt.encode(rec, &mut b))
                .at("writing", &buckets[i])?;
        }
    }
    for (o, p) in outs.into_iter().zip(&buckets) {
        o.into_inner()
            .map_err(|e| e.into_error())
            .at("writing", p)?;
    }
    Ok(SortedRecs::Buckets {
        current: Vec::new().into_iter(),
        next: 0,
        buckets,
        fmt,
    })
}

/// The bucket of a key among `n`: a multiply-shift of a mixed key, so that keys that are dense
/// numbers (documents) spread as evenly as hashes.
#[inline]
fn bucket_of(key: u64, n: usize) -> usize {
    ((u128::from(crate::text::mix64(key ^ 0xb0c4_e75e)) * n as u128) >> 64) as usize
}

/// The output of [`external_sort`]; bucket files are deleted when it is dropped.
pub enum SortedRecs {
    /// Everything fit in the buffer: records in order.
    Memory(std::vec::IntoIter<Rec>),
    /// Records scattered to bucket files by key hash, loaded and sorted one bucket at a time.
    Buckets {
        /// The sorted records of the bucket being read.
        current: std::vec::IntoIter<Rec>,
        /// The next bucket to load.
        next: usize,
        /// Bucket files, removed on drop.
        buckets: Vec<PathBuf>,
        /// Their record format.
        fmt: RecFormat,
    },
}

impl SortedRecs {
    /// The next record: records of one key come together, sorted by value.
    pub fn next_rec(&mut self) -> Result<Option<Rec>> {
        match self {
            SortedRecs::Memory(it) => Ok(it.next()),
            SortedRecs::Buckets {
                current,
                next,
                buckets,
                fmt,
            } => loop {
                if let Some(r) = current.next() {
                    return Ok(Some(r));
                }
                if *next >= buckets.len() {
                    return Ok(None);
                }
                let p = &buckets[*next];
                let len = fs::metadata(p).at("reading", p)?.len() / fmt.bytes() as u64;
                // Reuse the finished bucket's allocation.
                let mut buf: Vec<Rec> = std::mem::take(current).collect();
                buf.clear();
                buf.reserve(len as usize);
                let mut r = RecReader::open_as(p, *fmt)?;
                while let Some(rec) = r.next_rec()? {
                    buf.push(rec);
                }
                drop(r);
                let _ = fs::remove_file(p);
                *next += 1;
                buf.sort_unstable();
                *current = buf.into_iter();
            },
        }
    }
}

impl Drop for SortedRecs {
    fn drop(&mut self) {
        if let SortedRecs::Buckets { buckets, .. } = self {
            for b in buckets {
                let _ = fs::remove_file(b);
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

    /// Writes three record files of keys below 500 (many records per key) and returns them with
    /// a missing one, and all their records.
    fn sort_inputs(d: &TempDir) -> (Vec<PathBuf>, Vec<Rec>) {
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
        (inputs, all)
    }

    #[test]
    fn external_sort_in_memory_is_in_order() {
        let d = TempDir::new("sort-mem");
        let (inputs, all) = sort_inputs(&d);
        let mut s = external_sort(&inputs, RecFormat::WIDE, &d.0, 9000).unwrap();
        assert!(matches!(s, SortedRecs::Memory(_)));
        let mut got = Vec::new();
        while let Some(r) = s.next_rec().unwrap() {
            got.push(r);
        }
        assert_eq!(got, all);
    }

    #[test]
    fn external_sort_spills_to_buckets_and_keeps_each_key_together() {
        let d = TempDir::new("sort");
        let (inputs, all) = sort_inputs(&d);
        let tmp = d.0.join("tmp");
        fs::create_dir_all(&tmp).unwrap();
        let mut s = external_sort(&inputs, RecFormat::WIDE, &tmp, 1024).unwrap();
        // 9,000 records, 768 per bucket.
        assert!(matches!(&s, SortedRecs::Buckets { buckets, .. } if buckets.len() == 12));
        let mut got = Vec::new();
        while let Some(r) = s.next_rec().unwrap() {
            got.push(r);
        }
        // Every key's records form one run, sorted by value; all records come out once.
        let mut keys_seen = std::collections::HashSet::new();
        for run in got.chunk_by(|a, b| a.0 == b.0) {
            assert!(keys_seen.insert(run[0].0), "key {} split", run[0].0);
            assert!(run.windows(2).all(|w| w[0].1 <= w[1].1));
        }
        got.sort_unstable();
        assert_eq!(got, all);
        drop(s);
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    }

    #[test]
    fn narrow_formats_round_trip() {
        let d = TempDir::new("fmt");
        for (fmt, r) in [
            (RecFormat::WIDE, (u64::MAX - 3, 7)),
            (RecFormat::KEY_U32, (u64::MAX - 3, u32::MAX as u64)),
            (RecFormat::PAIR, (5, u32::MAX as u64 - 1)),
            (RecFormat { key: 5, val: 4 }, ((1 << 40) - 2, 77)),
        ] {
            let p = d.0.join(format!("f{}", fmt.bytes()));
            let mut w = AtomicFile::create(&p).unwrap();
            for _ in 0..10_000 {
                w.rec_as(fmt, r).unwrap();
            }
            w.commit().unwrap();
            assert_eq!(fs::metadata(&p).unwrap().len(), 10_000 * fmt.bytes() as u64);
            let mut rd = RecReader::open_as(&p, fmt).unwrap();
            for _ in 0..10_000 {
                assert_eq!(rd.next_rec().unwrap(), Some(r));
            }
            assert_eq!(rd.next_rec().unwrap(), None);
        }
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
}
