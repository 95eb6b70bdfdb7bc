//! The byte stream under every reader: the opened file or stdin, counted, decompressed when its
//! magic bytes say so, buffered, with the decompressed offset tracked so every error can say
//! where it happened. All reads are bounded: a reader asks for at most `max` bytes to be kept and
//! the rest of an oversized line or block is skipped without being stored.

use crate::sniff::{sniff_compression, Compression};
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Byte counts of one input, shared with the runner (atomics, so a progress thread can read them
/// while the reader runs).
#[derive(Default)]
pub struct ReadStats {
    /// Bytes read from the file or stdin, as stored (compressed when the input is).
    pub compressed_bytes: AtomicU64,
    /// Bytes after decompression that the readers consumed.
    pub decompressed_bytes: AtomicU64,
    /// Records whose bytes were not valid UTF-8 and were decoded lossily (U+FFFD replacement).
    pub invalid_utf8_records: AtomicU64,
    /// Records whose NUL bytes were removed.
    pub nul_records: AtomicU64,
    /// HTTP bodies stored decoded under a `Content-Encoding` that says otherwise, read as they are.
    pub encoding_fallbacks: AtomicU64,
    /// Records kept although the stream ended inside them.
    pub truncated_records: AtomicU64,
    /// Date fields that are no date newsmill can read (left out of `date`).
    pub unparsed_dates: AtomicU64,
    /// A hash of the bytes read as stored, so that a resumed run can tell whether an input
    /// changed since it was read; `None` unless [`ReadOptions::digest`](crate::ReadOptions)
    /// asked for it.
    content: Mutex<Option<xxhash_rust::xxh3::Xxh3>>,
}

impl ReadStats {
    /// Counters that also hash the bytes as they are read, when `digest` is set.
    pub(crate) fn new(digest: bool) -> Self {
        ReadStats {
            content: Mutex::new(digest.then(xxhash_rust::xxh3::Xxh3::new)),
            ..ReadStats::default()
        }
    }

    /// How many bytes were read so far (as stored) and their hash, when the reader was asked to
    /// hash them (`None` otherwise).
    pub fn digest(&self) -> (u64, Option<u64>) {
        let bytes = self.compressed_bytes.load(Ordering::Relaxed);
        let hash = self
            .content
            .lock()
            .ok()
            .and_then(|h| h.as_ref().map(|h| h.digest()));
        (bytes, hash)
    }
}

/// The hash [`ReadStats::digest`] gives for the first `bytes` bytes of a file, to check on resume
/// that an input is still what was read.
pub fn file_digest(path: &std::path::Path, bytes: u64) -> io::Result<u64> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut f = std::fs::File::open(path)?.take(bytes);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.digest())
}

impl std::fmt::Debug for ReadStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.snapshot().fmt(f)
    }
}

impl ReadStats {
    /// A plain snapshot of the counters.
    pub fn snapshot(&self) -> ReadStatsSnapshot {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        ReadStatsSnapshot {
            compressed_bytes: get(&self.compressed_bytes),
            decompressed_bytes: get(&self.decompressed_bytes),
            invalid_utf8_records: get(&self.invalid_utf8_records),
            nul_records: get(&self.nul_records),
            encoding_fallbacks: get(&self.encoding_fallbacks),
            truncated_records: get(&self.truncated_records),
            unparsed_dates: get(&self.unparsed_dates),
        }
    }
}

/// A copy of [`ReadStats`] at one moment, easy to add up across files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReadStatsSnapshot {
    /// Bytes read as stored.
    pub compressed_bytes: u64,
    /// Bytes after decompression.
    pub decompressed_bytes: u64,
    /// Records decoded lossily.
    pub invalid_utf8_records: u64,
    /// Records whose NUL bytes were removed.
    pub nul_records: u64,
    /// HTTP bodies read as they are despite their `Content-Encoding`.
    pub encoding_fallbacks: u64,
    /// Records kept although the stream ended inside them.
    pub truncated_records: u64,
    /// Date fields left out of `date` because they are no readable date.
    pub unparsed_dates: u64,
}

impl std::ops::AddAssign for ReadStatsSnapshot {
    fn add_assign(&mut self, o: Self) {
        self.compressed_bytes += o.compressed_bytes;
        self.decompressed_bytes += o.decompressed_bytes;
        self.invalid_utf8_records += o.invalid_utf8_records;
        self.nul_records += o.nul_records;
        self.encoding_fallbacks += o.encoding_fallbacks;
        self.truncated_records += o.truncated_records;
        self.unparsed_dates += o.unparsed_dates;
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
        if let Ok(mut guard) = self.count.content.lock() {
            if let Some(h) = guard.as_mut() {
                h.update(&buf[..n]);
            }
        }
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

/// Where each gzip member of a stream starts, decompressed and as stored: the WARC and ARC
/// readers look a record's start up here to give its offset in the file as stored (the offset
/// CDX indexes use). Bounded: only the members ahead of the reader are kept.
#[derive(Debug, Default, Clone)]
pub(crate) struct MemberLog(Arc<Mutex<VecDeque<(u64, u64)>>>);

/// Most members remembered ahead of the reader (a read buffer of tiny members).
const MAX_LOGGED_MEMBERS: usize = 1 << 16;

impl MemberLog {
    fn push(&self, decompressed: u64, stored: u64) {
        if let Ok(mut q) = self.0.lock() {
            if q.len() >= MAX_LOGGED_MEMBERS {
                q.pop_front();
            }
            q.push_back((decompressed, stored));
        }
    }

    /// The stored offset of the member that starts at decompressed offset `at`, forgetting the
    /// members before it; `None` when no member starts there.
    pub(crate) fn stored_at(&self, at: u64) -> Option<u64> {
        let mut q = self.0.lock().ok()?;
        while q.front().is_some_and(|m| m.0 < at) {
            q.pop_front();
        }
        q.front().filter(|m| m.0 == at).map(|m| m.1)
    }
}

/// Wraps a raw stream: counts it, sniffs the compression (or takes `hint` for a stream without
/// magic bytes, brotli) and decompresses. Returns the decompressed stream, the compression found
/// and, for gzip, the log of its members.
pub(crate) fn decompress(
    raw: RawRead,
    stats: Arc<ReadStats>,
    buffer: usize,
    hint: Option<Compression>,
) -> (Box<dyn Read + Send>, Compression, Option<MemberLog>) {
    let counted = Counting {
        inner: raw,
        count: stats,
    };
    let peeked = Peeked::new(counted, 8);
    let compression = match (sniff_compression(peeked.head()), hint) {
        (Compression::None, Some(h)) => h,
        (c, _) => c,
    };
    let mut log = None;
    let stream: Box<dyn Read + Send> = match compression {
        Compression::Gzip => {
            let members = MemberLog::default();
            log = Some(members.clone());
            let inner = PosRead::new(BufReader::with_capacity(buffer, peeked));
            Box::new(GzMembers::new(inner, members))
        }
        Compression::Zstd => {
            match zstd::stream::read::Decoder::with_buffer(BufReader::with_capacity(buffer, peeked))
            {
                Ok(d) => Box::new(d),
                Err(e) => Box::new(FailRead(Some(e))),
            }
        }
        Compression::Brotli => Box::new(brotli::Decompressor::new(peeked, buffer.min(1 << 16))),
        Compression::None | Compression::Unsupported(_) => Box::new(peeked),
    };
    (stream, compression, log)
}

/// A buffered stream that counts the bytes consumed from it: the stored position of the gzip
/// decoder reading it.
pub(crate) struct PosRead<R> {
    inner: R,
    pos: u64,
}

impl<R> PosRead<R> {
    fn new(inner: R) -> Self {
        PosRead { inner, pos: 0 }
    }
}

impl<R: BufRead> Read for PosRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for PosRead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.pos += n as u64;
    }
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
    let (stream, _, _) = decompress(Box::new(io::Cursor::new(bytes)), stats, 1 << 16, None);
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
    state: Members<PosRead<R>>,
    log: MemberLog,
    /// Decompressed bytes produced so far.
    out: u64,
}

impl<R: BufRead> GzMembers<R> {
    pub(crate) fn new(r: PosRead<R>, log: MemberLog) -> Self {
        log.push(0, r.pos);
        GzMembers {
            state: Members::Decoding(flate2::bufread::GzDecoder::new(r)),
            log,
            out: 0,
        }
    }

    fn start_member(&mut self, r: PosRead<R>) {
        self.log.push(self.out, r.pos);
        self.state = Members::Decoding(flate2::bufread::GzDecoder::new(r));
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
                            Some(0x1f) => self.start_member(r),
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
                        self.out += n as u64;
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
                            self.start_member(r);
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
    /// Bytes handed back by a reader (a WARC block that held the next records), read first.
    unread: Vec<u8>,
    unread_pos: usize,
    /// Decompressed bytes consumed so far.
    pub offset: u64,
    /// For a gzip stream: where its members start.
    members: Option<MemberLog>,
    /// Newlines passed by [`Src::read_json_value`], for the line number of each value.
    json_lines: u64,
}

/// What [`Src::read_json_value`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ValueInfo {
    /// Offset of the value's first byte.
    pub offset: u64,
    /// 1-based line of that byte.
    pub line: u64,
    /// Length of the whole value (may exceed what was kept).
    pub len: u64,
    /// True when the value was longer than `max` and only its first `max` bytes were kept.
    pub truncated: bool,
    /// False when the stream ended inside the value.
    pub complete: bool,
}

impl Src {
    pub(crate) fn new(
        stream: Box<dyn Read + Send>,
        buffer: usize,
        members: Option<MemberLog>,
    ) -> Self {
        Src {
            inner: BufReader::with_capacity(buffer, stream),
            unread: Vec::new(),
            unread_pos: 0,
            offset: 0,
            members,
            json_lines: 0,
        }
    }

    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.unread_pos < self.unread.len() {
            return Ok(&self.unread[self.unread_pos..]);
        }
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
        if self.unread_pos < self.unread.len() {
            self.unread_pos += n;
            if self.unread_pos >= self.unread.len() {
                self.unread.clear();
                self.unread_pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
        self.offset += n as u64;
    }

    /// Hands `bytes` back: they are read again before the rest of the stream, at the offset
    /// they were read from.
    pub(crate) fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.unread[self.unread_pos..]);
        self.unread = v;
        self.unread_pos = 0;
        self.offset -= bytes.len() as u64;
    }

    /// The bytes ahead without consuming them (what is buffered, at least one byte unless the
    /// stream is over).
    pub(crate) fn peek(&mut self) -> io::Result<&[u8]> {
        self.fill()
    }

    /// The offset in the file as stored of a record starting at decompressed offset `at`: the
    /// start of its gzip member when one starts there; `None` otherwise.
    pub(crate) fn stored_offset(&self, at: u64) -> Option<u64> {
        self.members.as_ref()?.stored_at(at)
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
    /// rest. Returns how many bytes the stream actually had (less than `n` at end of stream). On
    /// an error, `buf` holds what was read before it.
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

    /// Reads the next top-level JSON value of a document that holds values one after another or
    /// an array of them, keeping at most `max` bytes of it in `buf` (cleared first). Whitespace,
    /// commas and the outer array's brackets between values are skipped. `None` at the end.
    /// Nesting is followed by counting brackets (no recursion), so any depth costs the same.
    pub(crate) fn read_json_value(
        &mut self,
        buf: &mut Vec<u8>,
        max: usize,
    ) -> io::Result<Option<ValueInfo>> {
        buf.clear();
        if !self.skip_json_separators()? {
            return Ok(None);
        }
        let mut info = ValueInfo {
            offset: self.offset,
            line: self.json_lines + 1,
            len: 0,
            truncated: false,
            complete: false,
        };
        let mut scan = JsonScan::default();
        loop {
            let avail = self.fill()?;
            if avail.is_empty() {
                break;
            }
            let (take, done) = scan.advance(avail);
            let room = max.saturating_sub(buf.len());
            buf.extend_from_slice(&avail[..take.min(room)]);
            let lines = memchr::memchr_iter(b'\n', &avail[..take]).count() as u64;
            self.json_lines += lines;
            self.consume(take);
            info.len += take as u64;
            if done {
                info.complete = true;
                break;
            }
        }
        info.truncated = info.len > buf.len() as u64;
        Ok(Some(info))
    }

    /// Skips what separates top-level JSON values; false at the end of the stream.
    fn skip_json_separators(&mut self) -> io::Result<bool> {
        loop {
            let avail = self.fill()?;
            if avail.is_empty() {
                return Ok(false);
            }
            let skip = avail
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']'))
                .unwrap_or(avail.len());
            let lines = memchr::memchr_iter(b'\n', &avail[..skip]).count() as u64;
            let more = skip == avail.len();
            self.json_lines += lines;
            self.consume(skip);
            if !more {
                return Ok(true);
            }
        }
    }
}

/// Where a scan of one JSON value stands: bracket depth, inside a string, after a backslash.
#[derive(Default)]
struct JsonScan {
    depth: u64,
    started: bool,
    in_string: bool,
    escape: bool,
    /// A scalar value (number, literal): it ends at the next separator.
    scalar: bool,
}

impl JsonScan {
    /// Scans `b`; returns how many bytes belong to the value and whether it ended there.
    fn advance(&mut self, b: &[u8]) -> (usize, bool) {
        for (i, &c) in b.iter().enumerate() {
            if !self.started {
                self.started = true;
                match c {
                    b'{' | b'[' => self.depth = 1,
                    b'"' => self.in_string = true,
                    _ => self.scalar = true,
                }
                continue;
            }
            if self.scalar {
                if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                    return (i, true);
                }
                continue;
            }
            if self.in_string {
                match (self.escape, c) {
                    (true, _) => self.escape = false,
                    (false, b'\\') => self.escape = true,
                    (false, b'"') => {
                        self.in_string = false;
                        if self.depth == 0 {
                            return (i + 1, true);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match c {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                _ => {}
            }
        }
        (b.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn src(bytes: &[u8]) -> Src {
        Src::new(Box::new(io::Cursor::new(bytes.to_vec())), 4, None)
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
        let (mut r, c, log) = decompress(
            Box::new(io::Cursor::new(all.clone())),
            stats.clone(),
            64,
            None,
        );
        assert_eq!(c, Compression::Gzip);
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello world");
        assert_eq!(stats.snapshot().compressed_bytes, all.len() as u64);
        // The second member starts at decompressed byte 6, stored after the first member.
        let log = log.unwrap();
        assert_eq!(log.stored_at(0), Some(0));
        assert!(log
            .stored_at(6)
            .is_some_and(|o| o > 10 && o < all.len() as u64));
        assert_eq!(log.stored_at(7), None);
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
    fn unread_bytes_come_back_first_at_their_offset() {
        let mut s = src(b"abc\ndef\n");
        let mut buf = Vec::new();
        s.read_line(&mut buf, 10).unwrap();
        assert_eq!(s.offset, 4);
        s.unread(b"xy\n");
        assert_eq!(s.offset, 1);
        s.read_line(&mut buf, 10).unwrap();
        assert_eq!(buf, b"xy");
        s.read_line(&mut buf, 10).unwrap();
        assert_eq!((buf.as_slice(), s.offset), (&b"def"[..], 8));
    }

    #[test]
    fn json_values_in_arrays_and_sequences() {
        let text = b"[\n {\"a\": \"}\\\"]\"},\n {\"b\": [1, {\"c\": 2}]}\n, 7 ]\n";
        let mut s = src(text);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        while let Some(v) = s.read_json_value(&mut buf, 100).unwrap() {
            got.push((String::from_utf8(buf.clone()).unwrap(), v.line, v.complete));
        }
        assert_eq!(
            got,
            [
                (r#"{"a": "}\"]"}"#.to_string(), 2, true),
                (r#"{"b": [1, {"c": 2}]}"#.to_string(), 3, true),
                ("7".to_string(), 4, true)
            ]
        );
        let mut s = src(b"{\"x\": [[[[[[[[[");
        let v = s.read_json_value(&mut buf, 4).unwrap().unwrap();
        assert!(!v.complete && v.truncated && v.len == 15);
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
