//! Opening one input and streaming its records as [`ReadEvent`]s.

use crate::jsonl::parse_line;
use crate::list::InputFile;
use crate::sniff::{is_binary_content, sniff_format, Compression, Format, SNIFF_BYTES};
use crate::source::{decompress, is_skipped_member, Peeked, RawRead, ReadStats, Src};
use crate::warc::WarcState;
use newsmill_core::{Doc, Html, InputError, InputErrorKind, Location, Position};
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// How inputs are read. `Default` suits news crawls.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest document kept, in bytes: a JSONL line, a text or HTML file, or a WARC record's
    /// HTTP body. Bigger ones are skipped without being held in memory and reported as
    /// [`ReadEvent::Rejected`] with reason `doc_too_large`. This also bounds the reader's memory.
    pub max_doc_bytes: usize,
    /// Read buffer size (compressed and decompressed side each); large buffers keep syscalls and
    /// decoder calls rare.
    pub buffer_bytes: usize,
    /// When a JSONL object has both `text` and `html`, extract from the HTML instead of trusting
    /// the given text. Off by default: the given text is cheaper and usually what was intended.
    pub prefer_html: bool,
    /// Read every input as this format instead of sniffing it (`None`: sniff).
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 16 << 20,
            buffer_bytes: 1 << 20,
            prefer_html: false,
            format: None,
        }
    }
}

/// One thing the reader found in an input.
// Nearly every event is a `Doc`; boxing it would cost an allocation per document for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ReadEvent {
    /// A document for the pipeline. `doc.pos` holds the file index and record ordinal.
    Doc(Doc),
    /// A record deliberately not read as a document (WARC `request`, `metadata`, `warcinfo`,
    /// `revisit`, non-HTML responses `non_html`, non-2xx responses `http_status`); counted, not an
    /// error.
    Skipped {
        /// Short stable tag for what was skipped.
        kind: String,
        /// Where the record starts.
        location: Location,
    },
    /// The input could not be read here; the record (or the rest of the file, when the stream
    /// cannot be resynchronised) is lost. Reading goes on with the next record or file.
    Error(InputError),
    /// A record that was read but cannot become a document; the runner writes it to rejects.
    /// Reasons: `doc_too_large`, `no_text`, `binary_content`, `bad_http_response`,
    /// `bad_content_encoding`.
    Rejected {
        /// The record's id (from the input, else derived like a document's).
        id: String,
        /// Where the record starts.
        location: Location,
        /// Why.
        reason: InputErrorKind,
    },
}

/// What every format reader needs to know about the input it reads.
pub(crate) struct Ctx {
    pub path: String,
    pub id_prefix: String,
    pub file_index: u32,
    pub opts: ReadOptions,
    pub stats: Arc<ReadStats>,
    pub compression: Compression,
}

impl Ctx {
    pub(crate) fn loc(
        &self,
        line: Option<u64>,
        offset: Option<u64>,
        record: Option<u64>,
    ) -> Location {
        Location {
            path: self.path.clone(),
            line,
            offset,
            record,
        }
    }

    /// The id of a record that carries none: `<id prefix>#<record ordinal>`.
    pub(crate) fn derived_id(&self, record: u64) -> String {
        format!("{}#{}", self.id_prefix, record)
    }

    pub(crate) fn pos(&self, record: u64) -> Position {
        Position {
            file: self.file_index,
            record,
        }
    }

    /// An I/O error as an input error, named after the layer that most likely failed, and whether
    /// it ends the input (everything but a skipped corrupt gzip member does).
    pub(crate) fn io_error(&self, e: &io::Error, location: Location) -> (InputError, bool) {
        if is_skipped_member(e) {
            return (
                InputError::new(location, InputErrorKind::CorruptGzip, e.to_string()),
                false,
            );
        }
        let eof = e.kind() == io::ErrorKind::UnexpectedEof;
        let kind = match (self.compression, eof) {
            (Compression::Gzip, true) => InputErrorKind::TruncatedGzip,
            (Compression::Gzip, false) => InputErrorKind::CorruptGzip,
            (Compression::Zstd, true) => InputErrorKind::TruncatedZstd,
            (Compression::Zstd, false) => InputErrorKind::CorruptZstd,
            _ => InputErrorKind::ReadError,
        };
        let message = format!("{e}; the rest of the file is skipped");
        (InputError::new(location, kind, message), true)
    }

    pub(crate) fn lossy(&self) {
        self.stats
            .invalid_utf8_records
            .fetch_add(1, Ordering::Relaxed);
    }
}

enum State {
    Unopened,
    Failed(InputError),
    Jsonl { line_no: u64 },
    Warc(WarcState),
    Single(Format),
    Done,
}

/// Streams the records of one input as [`ReadEvent`]s, with bounded memory. Opening happens on the
/// first `next()`, so an unreadable file is an event like any other.
pub struct InputReader {
    file: InputFile,
    ctx: Ctx,
    src: Option<Src>,
    state: State,
    buf: Vec<u8>,
}

/// Opens one listed input for reading. `file_index` is its position in the run's listing; it goes
/// into every `doc.pos`.
pub fn open_input(file: &InputFile, file_index: u32, opts: &ReadOptions) -> InputReader {
    let stats = Arc::new(ReadStats::default());
    InputReader {
        ctx: Ctx {
            path: file.display(),
            id_prefix: file.id_prefix.clone(),
            file_index,
            opts: opts.clone(),
            stats,
            compression: Compression::None,
        },
        file: file.clone(),
        src: None,
        state: State::Unopened,
        buf: Vec::new(),
    }
}

/// Reads an in-memory input (tests, fuzzing, embedding): the same sniffing and readers as files.
/// `name` is used as path in locations and as id prefix.
pub fn read_bytes(bytes: Vec<u8>, name: &str, opts: &ReadOptions) -> InputReader {
    read_stream(Box::new(io::Cursor::new(bytes)), name, opts)
}

/// Reads any byte stream (an object-store body, a pipe from another tool) like a file:
/// compression and format sniffed, memory bounded. `name` is used as path in locations and as id
/// prefix; the file index is 0.
pub fn read_stream(
    stream: Box<dyn io::Read + Send>,
    name: &str,
    opts: &ReadOptions,
) -> InputReader {
    let file = InputFile {
        path: name.into(),
        size: None,
        id_prefix: name.to_owned(),
    };
    let mut r = open_input(&file, 0, opts);
    r.start(stream);
    r
}

impl InputReader {
    /// Byte counters of this input, live while reading (share them with a progress thread).
    pub fn stats(&self) -> Arc<ReadStats> {
        self.ctx.stats.clone()
    }

    /// The format the input was read as, once the first event has been taken.
    pub fn format(&self) -> Option<Format> {
        match self.state {
            State::Jsonl { .. } => Some(Format::Jsonl),
            State::Warc(_) => Some(Format::Warc),
            State::Single(f) => Some(f),
            State::Unopened | State::Failed(_) | State::Done => None,
        }
    }

    fn open(&mut self) {
        let raw: RawRead = if self.file.is_stdin() {
            Box::new(io::stdin())
        } else {
            match std::fs::File::open(&self.file.path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    let loc = self.ctx.loc(None, None, None);
                    self.state = State::Failed(InputError::new(
                        loc,
                        InputErrorKind::Unreadable,
                        e.to_string(),
                    ));
                    return;
                }
            }
        };
        self.start(raw);
    }

    fn start(&mut self, raw: RawRead) {
        let buffer = self.ctx.opts.buffer_bytes.max(4096);
        let (stream, compression) = decompress(raw, self.ctx.stats.clone(), buffer);
        self.ctx.compression = compression;
        if let Compression::Unsupported(name) = compression {
            self.state = State::Failed(InputError::new(
                self.ctx.loc(None, Some(0), None),
                InputErrorKind::UnsupportedCompression,
                format!("{name} compressed input is not supported; decompress it first"),
            ));
            return;
        }
        let peeked = Peeked::new(stream, SNIFF_BYTES);
        let sniffed = sniff_format(peeked.head());
        let format = self
            .ctx
            .opts
            .format
            .unwrap_or_else(|| refine_by_name(sniffed, &self.ctx.path));
        self.src = Some(Src::new(Box::new(peeked), buffer));
        self.state = match format {
            Format::Jsonl => State::Jsonl { line_no: 0 },
            Format::Warc => State::Warc(WarcState::default()),
            f => State::Single(f),
        };
    }

    fn step(&mut self) -> Option<ReadEvent> {
        if let State::Unopened = self.state {
            self.open();
        }
        if let State::Failed(_) = self.state {
            if let State::Failed(e) = std::mem::replace(&mut self.state, State::Done) {
                return Some(ReadEvent::Error(e));
            }
        }
        let src = self.src.as_mut()?;
        match &mut self.state {
            State::Unopened | State::Failed(_) | State::Done => None,
            State::Jsonl { line_no } => {
                let step = next_jsonl(src, &self.ctx, line_no, &mut self.buf);
                self.finish_step(step)
            }
            State::Warc(w) => {
                let step = w.next_event(src, &self.ctx, &mut self.buf);
                self.finish_step(step)
            }
            State::Single(format) => {
                let format = *format;
                self.state = State::Done;
                Some(read_single(src, &self.ctx, format, &mut self.buf))
            }
        }
    }
}

impl InputReader {
    /// Ends the input after its last event or after a fatal one.
    fn finish_step(&mut self, step: Option<(ReadEvent, bool)>) -> Option<ReadEvent> {
        match step {
            None => {
                self.state = State::Done;
                None
            }
            Some((ev, fatal)) => {
                if fatal {
                    self.state = State::Done;
                }
                Some(ev)
            }
        }
    }
}

impl Iterator for InputReader {
    type Item = ReadEvent;

    fn next(&mut self) -> Option<ReadEvent> {
        let ev = self.step();
        if let Some(src) = &self.src {
            self.ctx
                .stats
                .decompressed_bytes
                .store(src.offset, Ordering::Relaxed);
        }
        if ev.is_none() {
            // Release buffers and the file as soon as the input is done.
            self.src = None;
            self.buf = Vec::new();
        }
        ev
    }
}

/// The name decides only when the content is not recognisable: a `.jsonl` file whose first line
/// is garbage is still read as JSONL (so every bad line is reported), and a `.warc` file that does
/// not start with a WARC header is read as WARC (so the broken header is reported).
fn refine_by_name(sniffed: Format, path: &str) -> Format {
    if sniffed != Format::Text && sniffed != Format::Binary {
        return sniffed;
    }
    let mut name = path.to_ascii_lowercase();
    for ext in [".gz", ".zst", ".zstd"] {
        if let Some(s) = name.strip_suffix(ext) {
            name = s.to_owned();
        }
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        Format::Jsonl
    } else if name.ends_with(".warc") || name.ends_with(".arc") {
        Format::Warc
    } else {
        sniffed
    }
}

/// The next event of a JSONL input; `true` with it when the stream failed and the file ends.
fn next_jsonl(
    src: &mut Src,
    ctx: &Ctx,
    line_no: &mut u64,
    buf: &mut Vec<u8>,
) -> Option<(ReadEvent, bool)> {
    loop {
        let start = src.offset;
        let info = match src.read_line(buf, ctx.opts.max_doc_bytes) {
            Ok(Some(i)) => i,
            Ok(None) => return None,
            Err(e) => {
                // A decoder failure ends the file: nothing after it can be trusted.
                let loc = ctx.loc(Some(*line_no + 1), Some(src.offset), None);
                let (err, fatal) = ctx.io_error(&e, loc);
                return Some((ReadEvent::Error(err), fatal));
            }
        };
        *line_no += 1;
        let record = *line_no - 1;
        let loc = || ctx.loc(Some(*line_no), Some(start), Some(record));
        if info.truncated {
            return Some((
                ReadEvent::Rejected {
                    id: ctx.derived_id(record),
                    location: loc(),
                    reason: InputErrorKind::DocTooLarge,
                },
                false,
            ));
        }
        let mut line: &[u8] = buf;
        if record == 0 {
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let (rec, lossy) = match parse_line(line) {
            Ok(r) => r,
            Err(e) => {
                let err = InputError::new(loc(), InputErrorKind::InvalidJson, e.to_string());
                return Some((ReadEvent::Error(err), false));
            }
        };
        if lossy {
            ctx.lossy();
        }
        let id = rec
            .id
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ctx.derived_id(record));
        let has_text = rec.text.as_deref().is_some_and(|t| !t.trim().is_empty());
        let has_html = rec.html.as_deref().is_some_and(|t| !t.trim().is_empty());
        if !has_text && !has_html {
            let ev = ReadEvent::Rejected {
                id,
                location: loc(),
                reason: InputErrorKind::NoText,
            };
            return Some((ev, false));
        }
        let mut doc = Doc {
            id,
            pos: ctx.pos(record),
            url: rec.url,
            title: rec.title,
            date: rec.date,
            author: rec.author,
            site: rec.site,
            source: rec.source,
            extra: rec.extra,
            ..Doc::default()
        };
        if has_html && (ctx.opts.prefer_html || !has_text) {
            // The JSON string is Unicode already: tell the extractor so, ahead of any stale
            // `<meta charset>` inside the page.
            doc.html = Some(Html {
                bytes: rec.html.unwrap_or_default().into_bytes(),
                http_charset: Some("utf-8".into()),
            });
        } else {
            doc.text = rec.text.unwrap_or_default();
        }
        return Some((ReadEvent::Doc(doc), false));
    }
}

/// A one-document input (plain text or HTML file), read whole up to `max_doc_bytes`.
fn read_single(src: &mut Src, ctx: &Ctx, format: Format, buf: &mut Vec<u8>) -> ReadEvent {
    let max = ctx.opts.max_doc_bytes;
    let id = ctx.derived_id(0);
    let loc = ctx.loc(None, Some(0), Some(0));
    let got = match src.read_block(max as u64 + 1, buf, max + 1) {
        Ok(n) => n,
        Err(e) => {
            let at = ctx.loc(None, Some(src.offset), Some(0));
            return ReadEvent::Error(ctx.io_error(&e, at).0);
        }
    };
    if got > max as u64 {
        return ReadEvent::Rejected {
            id,
            location: loc,
            reason: InputErrorKind::DocTooLarge,
        };
    }
    match format {
        Format::Empty => {
            return ReadEvent::Error(InputError::new(
                loc,
                InputErrorKind::EmptyFile,
                "the input holds no text",
            ))
        }
        Format::Binary => {
            return ReadEvent::Rejected {
                id,
                location: loc,
                reason: InputErrorKind::BinaryContent,
            }
        }
        _ => {}
    }
    if is_binary_content(buf) {
        return ReadEvent::Rejected {
            id,
            location: loc,
            reason: InputErrorKind::BinaryContent,
        };
    }
    let mut doc = Doc {
        id,
        pos: ctx.pos(0),
        ..Doc::default()
    };
    let bytes = std::mem::take(buf);
    if format == Format::Html {
        doc.html = Some(Html {
            bytes,
            http_charset: None,
        });
        return ReadEvent::Doc(doc);
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    doc.text = match std::str::from_utf8(body) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            ctx.lossy();
            String::from_utf8_lossy(body).into_owned()
        }
    };
    if doc.text.trim().is_empty() {
        return ReadEvent::Error(InputError::new(
            loc,
            InputErrorKind::EmptyFile,
            "the input holds no text",
        ));
    }
    ReadEvent::Doc(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_moves_across_threads() {
        fn assert_send<T: Send + 'static>(_: &T) {}
        let r = read_bytes(b"{\"text\":\"a\"}\n".to_vec(), "t", &ReadOptions::default());
        assert_send(&r);
        let events = std::thread::spawn(move || r.count()).join().unwrap();
        assert_eq!(events, 1);
    }

    #[test]
    fn names_decide_only_unrecognised_content() {
        assert_eq!(refine_by_name(Format::Text, "a/b.JSONL.gz"), Format::Jsonl);
        assert_eq!(refine_by_name(Format::Binary, "x.warc.zst"), Format::Warc);
        assert_eq!(refine_by_name(Format::Html, "x.jsonl"), Format::Html);
        assert_eq!(refine_by_name(Format::Text, "notes.txt"), Format::Text);
    }
}
