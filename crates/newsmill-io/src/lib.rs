//! Reading newsmill's inputs with bounded memory, whatever their size or state.
//!
//! [`list_inputs`] expands paths into an ordered list of [`InputFile`]s; [`open_input`] streams one
//! of them as [`ReadEvent`]s: documents, skipped records, rejected records and errors that name
//! the file and position. Formats (plain text, JSONL, WARC, HTML) and compression (gzip, including
//! multi-member, and zstd) are told by content ([`sniff_format`], [`sniff_compression`]), not by
//! file name. No input makes a reader panic or hold more than about `max_doc_bytes` plus buffers.
//!
//! [`DocShardWriter`] and [`read_doc_shard`] carry documents between pipeline phases.
//!
//! # Ids and positions
//! `doc.pos` is `(file index in the listing, record ordinal in the file)`: the JSONL line index
//! (0-based, blank lines included), the WARC record ordinal (every record counts, skipped ones
//! too), or 0 for one-document files. `doc.id` is the input's id (`id`, else `doc_id`, numbers
//! turned into strings; for WARC the `WARC-Record-ID` without angle brackets), else
//! `<InputFile::id_prefix>#<record>`.
//!
//! # What the events say
//! | event | kinds / reasons |
//! |---|---|
//! | `Skipped` | WARC `warcinfo`, `request`, `metadata`, `revisit`, `conversion`, `continuation`, `unknown_warc_type`; `non_html` (response or resource that is not HTML), `http_status` (non-2xx) |
//! | `Rejected` | `doc_too_large`, `no_text` (no non-blank `text`/`html`, or an empty HTTP body), `binary_content`, `bad_http_response`, `bad_content_encoding` |
//! | `Error` | `unreadable`, `unsupported_compression` (bzip2, xz, lz4, zip), `empty_file`, `invalid_json`, `bad_warc_record` (broken header, Content-Length that lies, garbage between records), `truncated_warc_record`, `truncated_gzip`, `corrupt_gzip`, `truncated_zstd`, `corrupt_zstd`, `read_error` |
//!
//! A corrupt gzip member or a broken WARC record costs that record: reading resumes at the next
//! member or `WARC/` line. A truncated or corrupt compressed stream otherwise ends the file (what
//! was read before stays valid). Errors whose `location.record` or `line` is set stand for a
//! lost record; errors without them (garbage between WARC records, an unreadable file) do not.
//!
//! ```
//! use newsmill_io::{read_bytes, ReadEvent, ReadOptions};
//!
//! let input = b"{\"id\":\"a1\",\"text\":\"Hello.\"}\nnot json\n".to_vec();
//! let events: Vec<ReadEvent> = read_bytes(input, "mem.jsonl", &ReadOptions::default()).collect();
//! assert!(matches!(&events[0], ReadEvent::Doc(d) if d.id == "a1"));
//! assert!(matches!(&events[1], ReadEvent::Error(e) if e.location.line == Some(2)));
//! ```
#![warn(missing_docs)]

mod arc;
mod encoding;
mod event;
mod fields;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod json;
mod list;
mod nul;
mod reader;
mod record;
mod shard;
mod single;
mod sniff;
mod source;
mod warc;

pub use event::{ReadEvent, ReadOptions};
pub use fields::FieldNames;
pub use list::{list_inputs, InputFile};
pub use reader::{open_input, read_bytes, read_stream, InputReader};
pub use shard::{read_doc_shard, DocShardWriter};
pub use sniff::{sniff_compression, sniff_format, Compression, Format, SNIFF_BYTES};
pub use source::{decompress_bytes, file_digest, ReadStats, ReadStatsSnapshot};
