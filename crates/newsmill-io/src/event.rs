//! What every format reader shares: the options, the events they yield, and the context of the
//! input being read (its name, position and counters).

use crate::fields::FieldNames;
use crate::sniff::{Compression, Format};
use crate::source::ReadStats;
use newsmill_core::{Doc, InputError, InputErrorKind, Location, Position};
use std::io;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// How inputs are read. `Default` suits news crawls.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest document kept, in bytes: a JSON record, a text or HTML file, or a WARC record's
    /// HTTP body. Bigger ones are skipped without being held in memory and reported as
    /// [`ReadEvent::Rejected`] with reason `doc_too_large`. This also bounds the reader's memory.
    pub max_doc_bytes: usize,
    /// Read buffer size (compressed and decompressed side each); large buffers keep syscalls and
    /// decoder calls rare.
    pub buffer_bytes: usize,
    /// When a JSON object has both a text and an HTML field, extract from the HTML instead of
    /// trusting the given text. Off by default: the given text is cheaper and usually what was
    /// intended.
    pub prefer_html: bool,
    /// Read every input as this format instead of sniffing it (`None`: sniff).
    pub format: Option<Format>,
    /// Which JSON fields hold the text, title, URL, date and the rest.
    pub fields: FieldNames,
    /// Hash the bytes as stored while reading ([`ReadStats::digest`](crate::ReadStats)), so that
    /// a resumed run recognises its inputs by content. Off by default: it costs 2-5% of reading.
    pub digest: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 16 << 20,
            buffer_bytes: 1 << 20,
            prefer_html: false,
            format: None,
            fields: FieldNames::default(),
            digest: false,
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
    /// `revisit`, non-HTML responses `non_html`, non-2xx responses `http_status`, the ARC file
    /// header `arc_header`); counted, not an error.
    Skipped {
        /// Short stable tag for what was skipped.
        kind: &'static str,
        /// Where the record starts.
        location: Location,
    },
    /// The input could not be read here; the record (or the rest of the file, when the stream
    /// cannot be resynchronised) is lost. Reading goes on with the next record or file.
    Error(InputError),
    /// A record that was read but cannot become a document; the runner writes it to rejects.
    Rejected {
        /// The record's id (from the input, else derived like a document's).
        id: String,
        /// Where the record starts.
        location: Location,
        /// Why.
        reason: InputErrorKind,
        /// What the reason means for this record (the fields looked for, the size).
        detail: String,
    },
}

impl ReadEvent {
    /// A rejected record.
    pub(crate) fn rejected(
        id: String,
        location: Location,
        reason: InputErrorKind,
        detail: impl Into<String>,
    ) -> Self {
        ReadEvent::Rejected {
            id,
            location,
            reason,
            detail: detail.into(),
        }
    }
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
            ..Location::default()
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
        if crate::source::is_skipped_member(e) {
            return (
                InputError::new(location, InputErrorKind::CorruptGzip, e.to_string()),
                false,
            );
        }
        let kind = self.stream_error_kind(e);
        let message = format!("{e}; the rest of the file is skipped");
        (InputError::new(location, kind, message), true)
    }

    /// The kind of a failure of the decompressed stream.
    pub(crate) fn stream_error_kind(&self, e: &io::Error) -> InputErrorKind {
        let eof = e.kind() == io::ErrorKind::UnexpectedEof;
        match (self.compression, eof) {
            (Compression::Gzip, true) => InputErrorKind::TruncatedGzip,
            (Compression::Gzip, false) => InputErrorKind::CorruptGzip,
            (Compression::Zstd, true) => InputErrorKind::TruncatedZstd,
            (Compression::Zstd, false) => InputErrorKind::CorruptZstd,
            (Compression::Brotli, _) => InputErrorKind::CorruptBrotli,
            _ => InputErrorKind::ReadError,
        }
    }

    pub(crate) fn count(&self, counter: &std::sync::atomic::AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a record whose bytes were not valid UTF-8.
    pub(crate) fn lossy(&self) {
        self.count(&self.stats.invalid_utf8_records);
    }
}
