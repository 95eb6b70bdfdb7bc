//! Shared bodies of the fuzz targets, kept in the crate so that the `cargo fuzz` targets (nightly)
//! and the corpus replay test (stable CI) check exactly the same invariants.

use crate::event::{ReadEvent, ReadOptions};
use crate::reader::read_bytes;
use crate::sniff::{sniff_compression, sniff_format, Format};

/// The fuzz targets, by name.
pub const TARGETS: [&str; 5] = ["warc", "arc", "jsonl", "text", "framing"];

/// Runs one fuzz target's body over `data`, panicking when an invariant breaks:
/// no reader panics; every error names the input and a position; no document exceeds
/// `max_doc_bytes` (times 3, for U+FFFD replacements); every document has an id and its file/record position.
///
/// `warc`, `arc`, `jsonl` and `text` force the format (so the fuzzer explores each parser, not
/// the sniffer); `framing` sniffs, and its first byte picks a compression magic to put in front
/// (gzip, zstd) or names the input `.br` (brotli has no magic), so the decoders meet broken
/// streams.
pub fn run_target(target: &str, data: &[u8]) {
    let format = match target {
        "warc" => Some(Format::Warc),
        "arc" => Some(Format::Arc),
        "jsonl" => Some(Format::Jsonl),
        "text" => Some(if data.first().is_some_and(|b| b & 1 == 1) {
            Format::Html
        } else {
            Format::Text
        }),
        _ => None,
    };
    let mut input = Vec::with_capacity(data.len() + 8);
    let mut name = "fuzz";
    if target == "framing" {
        let (&selector, rest) = data.split_first().unwrap_or((&0, &[]));
        match selector % 4 {
            0 => input.extend_from_slice(&[0x1f, 0x8b, 0x08, 0x00]),
            1 => input.extend_from_slice(&[0x28, 0xb5, 0x2f, 0xfd]),
            3 => name = "fuzz.br",
            _ => {}
        }
        input.extend_from_slice(rest);
        let _ = sniff_compression(&input);
        let _ = sniff_format(&input);
    } else {
        input.extend_from_slice(data);
    }
    let opts = ReadOptions {
        max_doc_bytes: 4096,
        buffer_bytes: 4096,
        format,
        ..ReadOptions::default()
    };
    check_events(read_bytes(input, name, &opts), name, opts.max_doc_bytes);
}

fn check_events(events: impl Iterator<Item = ReadEvent>, name: &str, max: usize) {
    for ev in events {
        match ev {
            ReadEvent::Doc(d) => {
                assert!(!d.id.is_empty(), "document without id");
                assert_eq!(d.pos.file, 0);
                let size = d.text.len() + d.html.as_ref().map_or(0, |h| h.bytes.len());
                // Lossy UTF-8 decoding turns one bad byte into three (U+FFFD), hence the factor.
                assert!(
                    size <= 3 * max,
                    "document of {size} bytes over the {max} limit"
                );
            }
            ReadEvent::Error(e) => {
                assert_eq!(e.location.path, name);
                assert!(
                    e.location.line.is_some() || e.location.offset.is_some(),
                    "error without a position: {e}"
                );
            }
            ReadEvent::Rejected {
                id,
                location,
                reason,
                ..
            } => {
                assert!(!id.is_empty() && !reason.as_str().is_empty());
                assert_eq!(location.path, name);
            }
            ReadEvent::Skipped { kind, location } => {
                assert!(!kind.is_empty());
                assert_eq!(location.path, name);
            }
        }
    }
}
