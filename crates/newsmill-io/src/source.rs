//! The byte stream under every reader: the opened file or stdin, counted, decompressed when its
//! magic bytes say so, buffered, with the decompressed offset tracked so every error can say
//! where it happened. All reads are bounded: a reader asks for at most `max` bytes to be kept and
//! the rest of an oversized line or block is skipped without being stored.

use crate::sniff::{sniff_compression, Compression};
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Byte counts of one input, shared with the runner (atomics, so a progress thread can read them
/// while the reader runs).
#[derive(Debug, Default)]
pub struct ReadStats {
    /// Bytes read from the file or stdin, as stored (compressed when the input is).
    pub compressed_bytes: AtomicU64,
    /// Bytes after decompression that the readers consumed.
    pub decompressed_bytes: AtomicU64,
    /// Records whose bytes were not valid UTF-8 and were decoded lossily (U+FFFD replacement).
    pub invalid_utf8_records: AtomicU64,
}

impl ReadStats {
    /// A plain snapshot of the counters.
    pub fn snapshot(&self) -> ReadStatsSnapshot {
        ReadStatsSnapshot {
            compressed_bytes: self.compressed_bytes.load(Ordering::Relaxed),
            decompressed_bytes: self.decompressed_bytes.load(Ordering::Relaxed),
            invalid_utf8_records: self.invalid_utf8_records.load(Ordering::Relaxed),
        }
    }
}

/// A copy of [`ReadStats`] at one moment, easy to add up across files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ReadStatsSnapshot {
    /// Bytes read as stored.
    pub compressed_bytes: u64,
    /// Bytes after decompression.
    pub decompressed_bytes: u64,
    /// Records decoded lossily.
    pub invalid_utf8_records: u64,
}

impl std::ops::AddAssign for ReadStatsSnapshot {
    fn add_assign(&mut self, o: Self) {
        self.compressed_bytes += o.compressed_bytes;
        self.decompressed_bytes += o.decompressed_bytes;
        self.invalid_utf8_records += o.invalid_utf8_records;
    }
}

/// Counts the bytes that pass through into a shared atomic.
struct Counting<R> {
    inner: R,
    count: Arc<ReadStats>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .compressed_bytes
            .fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads up to `want` bytes, stopping early only at end of stream; an error is returned together
/// with whatever was read before it, so that a sniff never loses data.
fn read_prefix<R: Read>(r: &mut R, want: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut buf = vec![0u8; want];
    let mut filled = 0;
    while filled < want {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                buf.truncate(filled);
                return (buf, Some(e));
            }
        }
    }
    buf.truncate(filled);
    (buf, None)
}

/// A stream with some bytes already taken off its front for sniffing; replays them, then any error
/// the sniff met (once), then the rest.
pub(crate) struct Peeked<R> {
    prefix: Vec<u8>,
    pos: usize,
    pending: Option<io::Error>,
    inner: R,
}

impl<R: Read> Peeked<R> {
    /// Takes up to `want` bytes off the front of `inner`.
    pub(crate) fn new(mut inner: R, want: usize) -> Self {
        let (prefix, pending) = read_prefix(&mut inner, want);
        Peeked {
            prefix,
            pos: 0,
            pending,
            inner,
        }
    }

    /// The sniffed bytes.
    pub(crate) fn head(&self) -> &[u8] {
        &self.prefix
    }
}

impl<R: Read> Read for Peeked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.prefix.len() {
            let n = (self.prefix.len() - self.pos).min(buf.len());
            buf[..n].copy_from_slice(&self.prefix[self.pos..self.pos + n]);
            self.pos += n;
            if self.pos == self.prefix.len() {
                self.prefix = Vec::new();
                self.pos = 0;
            }
            return Ok(n);
        }
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        self.inner.read(buf)
    }
}

/// Raw bytes of a file or stdin.
pub(crate) type RawRead = Box<dyn Read + Send>;

/// Wraps a raw stream: counts it, sniffs the compression and decompresses.
/// Returns the decompressed stream and the compression found.
pub(crate) fn decompress(
    raw: RawRead,
    stats: Arc<ReadStats>,
    buffer: usize,
) -> (Box<dyn Read + Send>, Compression) {
    let counted = Counting {
        inner: raw,
        count: stats,
    };
    let peeked = Peeked::new(counted, 8);
    let compression = sniff_compression(peeked.head());
    let stream: Box<dyn Read + Send> = match compression {
        Compression::Gzip => Box::new(GzMembers::new(BufReader::with_capacity(buffer, peeked))),
        Compression::Zstd => {
            match zstd::stream::read::Decoder::with_buffer(BufReader::with_capacity(buffer, peeked))
            {
                Ok(d) => Box::new(d),
                Err(e) => Box::new(FailRead(Some(e))),
            }
        }
        Compression::None | Compression::Unsupported(_) => Box::new(peeked),
    };
    (stream, compression)
}

/// Decompresses a whole in-memory input (gzip, also multi-member, or zstd, sniffed by magic bytes;
/// anything else is returned as it is) with the same decoders as the readers, keeping at most
/// `max` bytes: for callers that hold one page (the `extract` command, tools). A result over `max`
/// is an `InvalidData` error, so a small compressed bomb cannot fill memory.
pub fn decompress_bytes(bytes: Vec<u8>, max: usize) -> io::Result<Vec<u8>> {
    let compression = sniff_compression(&bytes);
    if matches!(compression, Compression::None | Compression::Unsupported(_)) {
        return Ok(bytes);
    }
    let stats = Arc::new(ReadStats::default());
    let (stream, _) = decompress(Box::new(io::Cursor::new(bytes)), stats, 1 << 16);
    let mut out = Vec::new();
    stream.take(max as u64 + 1).read_to_end(&mut out)?;
    if out.len() > max {
        let message = format!("decompresses to more than {max} bytes");
        return Err(io::Error::new(io::ErrorKind::InvalidData, message));
    }
    Ok(out)
}

/// The error payload of a corrupt gzip member that [`GzMembers`] skipped; the stream goes on
/// after it, so readers report it and continue instead of ending the file.
#[derive(Debug)]
pub(crate) struct SkippedMember {
    /// What the decoder said.
    pub cause: String,
}

impl std::fmt::Display for SkippedMember {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "corrupt gzip member ({}); skipped to the next member",
            self.cause
        )
    }
}

impl std::error::Error for SkippedMember {}

/// True for the recoverable error of a skipped gzip member.
pub(crate) fn is_skipped_member(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.downcast_ref::<SkippedMember>().is_some())
}

// One per input, never in a collection: boxing the decoder would only add an allocation per member.
#[allow(clippy::large_enum_variant)]
enum Members<R> {
    Decoding(flate2::bufread::GzDecoder<R>),
    /// Looking for the next member header after a corrupt one.
    Scanning(R),
    Done,
}

/// Concatenated gzip members (WARC.gz holds one per record), decoded in turn like flate2's
/// `MultiGzDecoder`, except that a corrupt member costs only itself: the reader gets one
/// [`SkippedMember`] error, then the data of the next member that starts with a valid header.
/// A stream cut short (`UnexpectedEof`) still ends the input: nothing follows to recover.
pub(crate) struct GzMembers<R> {
    state: Members<R>,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(r: R) -> Self {
        GzMembers {
            state: Members::Decoding(flate2::bufread::GzDecoder::new(r)),
        }
    }
}

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, Members::Done) {
                Members::Done => return Ok(0),
                Members::Decoding(mut d) => match d.read(buf) {
                    Ok(0) if !buf.is_empty() => {
                        let mut r = d.into_inner();
                        let next = loop {
                            match r.fill_buf() {
                                Ok(b) => break b.first().copied(),
                                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                                Err(e) => return Err(e),
                            }
                        };
                        match next {
                            None => return Ok(0),
                            Some(0x1f) => {
                                self.state = Members::Decoding(flate2::bufread::GzDecoder::new(r))
                            }
                            Some(_) => {
                                self.state = Members::Scanning(r);
                                return Err(io::Error::new(
                                    io::ErrorKind::InvalidData,
                                    SkippedMember {
                                        cause: "data after a gzip member is not gzip".into(),
                                    },
                                ));
                            }
                        }
                    }
                    Ok(n) => {
                        self.state = Members::Decoding(d);
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = Members::Decoding(d);
                    }
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(e),
                    Err(e) => {
                        let mut r = d.into_inner();
                        // Step past the current position so a bad header cannot be found again.
                        if r.fill_buf().is_ok_and(|b| !b.is_empty()) {
                            r.consume(1);
                        }
                        self.state = Members::Scanning(r);
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            SkippedMember {
                                cause: e.to_string(),
                            },
                        ));
                    }
                },
                Members::Scanning(mut r) => {
                    let avail = match r.fill_buf() {
                        Ok(b) => b,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                            self.state = Members::Scanning(r);
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    if avail.is_empty() {
                        return Ok(0);
                    }
                    match memchr::memmem::find(avail, &GZIP_MAGIC) {
                        Some(i) => {
                            r.consume(i);
                            self.state = Members::Decoding(flate2::bufread::GzDecoder::new(r));
                        }
                        None => {
                            // A header split across two buffer refills is missed here; the scan
                            // then resumes at the member after it (rare, and only after damage).
                            let n = avail.len();
                            r.consume(n);
                            self.state = Members::Scanning(r);
                        }
                    }
                }
            }
        }
    }
}

/// A stream that fails once with the given error, then ends.
struct FailRead(Option<io::Error>);

impl Read for FailRead {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// What [`Src::read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// Length of the whole line without its `\n` (may exceed what was kept).
    pub len: u64,
    /// True when the line was longer than `max` and only its first `max` bytes were kept.
    pub truncated: bool,
}

/// The decompressed, buffered stream with its offset.
pub(crate) struct Src {
    inner: BufReader<Box<dyn Read + Send>>,
    /// Decompressed bytes consumed so far.
    pub offset: u64,
}

impl Src {
    pub(crate) fn new(stream: Box<dyn Read + Send>, buffer: usize) -> Self {
        Src {
            inner: BufReader::with_capacity(buffer, stream),
            offset: 0,
        }
    }

    fn fill(&mut self) -> io::Result<&[u8]> {
        loop {
            match self.inner.fill_buf() {
                Ok(_) => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.offset += n as u64;
    }

    /// Reads one line into `buf` (cleared first, `\n` and a trailing `\r` removed), keeping at
    /// most `max` bytes and skipping the rest of a longer line. `None` at end of stream.
    pub(crate) fn read_line(
        &mut self,
        buf: &mut Vec<u8>,
        max: usize,
    ) -> io::Result<Option<LineInfo>> {
        buf.clear();
        let mut len: u64 = 0;
        let mut any = false;
        loop {
            let avail = self.fill()?;
            if avail.is_empty() {
                if !any {
                    return Ok(None);
                }
                break;
            }
            any = true;
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let content = if done { take - 1 } else { take };
            let room = max.saturating_sub(buf.len());
            buf.extend_from_slice(&avail[..content.min(room)]);
            len += content as u64;
            self.consume(take);
            if done {
                break;
            }
        }
        let truncated = len > buf.len() as u64;
        if !truncated && buf.last() == Some(&b'\r') {
            buf.pop();
            len -= 1;
        }
        Ok(Some(LineInfo { len, truncated }))
    }

    /// Reads `n` bytes, keeping the first `max` of them in `buf` (cleared first) and skipping the
    /// rest. Returns how many bytes the stream actually had (less than `n` at end of stream).
    pub(crate) fn read_block(&mut self, n: u64, buf: &mut Vec<u8>, max: usize) -> io::Result<u64> {
        buf.clear();
        let mut got: u64 = 0;
        while got < n {
            let avail = self.fill()?;
            if avail.is_empty() {
                break;
            }
            let take = (avail.len() as u64).min(n - got) as usize;
            let room = max.saturating_sub(buf.len());
            buf.extend_from_slice(&avail[..take.min(room)]);
            self.consume(take);
            got += take as u64;
        }
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn src(bytes: &[u8]) -> Src {
        Src::new(Box::new(io::Cursor::new(bytes.to_vec())), 4)
    }

    #[test]
    fn lines_are_bounded_and_offsets_tracked() {
        let mut s = src(b"ab\r\nlong line here\nlast");
        let mut buf = Vec::new();
        let l = s.read_line(&mut buf, 10).unwrap().unwrap();
        assert_eq!((buf.as_slice(), l.len, l.truncated), (&b"ab"[..], 2, false));
        assert_eq!(s.offset, 4);
        let l = s.read_line(&mut buf, 5).unwrap().unwrap();
        assert_eq!(
            (buf.as_slice(), l.len, l.truncated),
            (&b"long "[..], 14, true)
        );
        assert_eq!(s.offset, 19);
        let l = s.read_line(&mut buf, 5).unwrap().unwrap();
        assert_eq!((buf.as_slice(), l.truncated), (&b"last"[..], false));
        assert!(s.read_line(&mut buf, 5).unwrap().is_none());
    }

    #[test]
    fn blocks_are_bounded() {
        let mut s = src(b"0123456789");
        let mut buf = Vec::new();
        assert_eq!(s.read_block(6, &mut buf, 3).unwrap(), 6);
        assert_eq!(buf, b"012");
        assert_eq!(s.read_block(9, &mut buf, 9).unwrap(), 4);
        assert_eq!(buf, b"6789");
    }

    #[test]
    fn decompresses_multi_member_gzip_and_counts() {
        let mut all = Vec::new();
        for part in [&b"hello "[..], b"world"] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(part).unwrap();
            all.extend(e.finish().unwrap());
        }
        let stats = Arc::new(ReadStats::default());
        let (mut r, c) = decompress(Box::new(io::Cursor::new(all.clone())), stats.clone(), 64);
        assert_eq!(c, Compression::Gzip);
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello world");
        assert_eq!(stats.snapshot().compressed_bytes, all.len() as u64);
    }

    #[test]
    fn whole_buffers_decompress_within_a_bound() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&[b'a'; 10_000]).unwrap();
        let gz = e.finish().unwrap();
        assert_eq!(decompress_bytes(gz.clone(), 10_000).unwrap().len(), 10_000);
        assert!(decompress_bytes(gz, 9_999).is_err());
        let zst = zstd::encode_all(&b"<p>x</p>"[..], 1).unwrap();
        assert_eq!(decompress_bytes(zst, 100).unwrap(), b"<p>x</p>");
        assert_eq!(decompress_bytes(b"plain".to_vec(), 1).unwrap(), b"plain");
    }

    #[test]
    fn peeked_replays_prefix_then_error() {
        struct Bad(bool);
        impl Read for Bad {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 {
                    return Err(io::Error::other("boom"));
                }
                self.0 = true;
                buf[..2].copy_from_slice(b"ab");
                Ok(2)
            }
        }
        let mut p = Peeked::new(Bad(false), 8);
        assert_eq!(p.head(), b"ab");
        let mut b = [0u8; 8];
        assert_eq!(p.read(&mut b).unwrap(), 2);
        assert!(p.read(&mut b).is_err());
    }
}
