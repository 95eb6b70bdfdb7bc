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
//! ```
//! use newsmill_io::{read_bytes, ReadEvent, ReadOptions};
//!
//! let input = b"{\"id\":\"a1\",\"text\":\"Hello.\"}\nnot json\n".to_vec();
//! let events: Vec<ReadEvent> = read_bytes(input, "mem.jsonl", &ReadOptions::default()).collect();
//! assert!(matches!(&events[0], ReadEvent::Doc(d) if d.id == "a1"));
//! assert!(matches!(&events[1], ReadEvent::Error(e) if e.location.line == Some(2)));
//! ```

#[doc(hidden)]
pub mod fuzzing;
mod jsonl;
mod list;
mod reader;
mod shard;
mod sniff;
mod source;
mod warc;

pub use list::{list_inputs, InputFile};
pub use reader::{open_input, read_bytes, read_stream, InputReader, ReadEvent, ReadOptions};
pub use shard::{read_doc_shard, DocShardWriter};
pub use sniff::{sniff_compression, sniff_format, Compression, Format, SNIFF_BYTES};
pub use source::{ReadStats, ReadStatsSnapshot};
