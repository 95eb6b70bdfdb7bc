//! A streaming ARC reader (the Internet Archive's format before WARC; versions 1 and 2, plain or
//! one gzip member per record). Each record is a header line, `URL IP date content-type length`
//! in version 1 (more fields before the length in version 2), then `length` bytes (the HTTP
//! response), then a newline. The first record, `filedesc://...`, describes the file.

use crate::event::{Ctx, ReadEvent};
use crate::record::{archived_response, Archived, MIN_TRUNCATED_PAGE};
use crate::source::Src;
use newsmill_core::{InputError, InputErrorKind, Location};

/// Longest header line kept.
const HEADER_MAX: usize = 16 << 10;

/// Reader state between records.
#[derive(Default)]
pub(crate) struct ArcState {
    /// Skipping lines until the next line that reads as a record header, after a broken one.
    resync: bool,
    record: u64,
    /// The error after a truncated record kept.
    queued: Option<(ReadEvent, bool)>,
    line: Vec<u8>,
}

/// One parsed header line.
struct Header {
    url: String,
    date: String,
    content_type: String,
    length: u64,
}

/// Reads a header line: at least five fields, a URL first, a 14-digit date third (12 digits in
/// some old files), the length last.
fn parse_header(line: &[u8]) -> Option<Header> {
    let text = std::str::from_utf8(line).ok()?;
    let f: Vec<&str> = text.split_whitespace().collect();
    if f.len() < 5 || !f[0].contains(':') {
        return None;
    }
    let date = f[2];
    if !(date.len() >= 12 && date.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(Header {
        url: f[0].to_string(),
        date: date.to_string(),
        content_type: f[3].to_string(),
        length: f[f.len() - 1].parse().ok()?,
    })
}

/// Where inside a block the next record starts, when the block swallowed it (a length that
/// runs past its record): a line that reads as a record header, with an address as its second
/// field, right after a newline.
fn embedded_header(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\n', &block[from..]) {
        let at = from + i + 1;
        let end = memchr::memchr(b'\n', &block[at..]).map_or(block.len(), |e| at + e);
        let line = &block[at..end];
        if line.len() < HEADER_MAX && looks_like_header(line) {
            return Some(at);
        }
        from = at;
    }
    None
}

/// A header line whose address field is an IP address (or `-`), so that text inside a page is
/// not taken for one.
fn looks_like_header(line: &[u8]) -> bool {
    let address = line.split(|&b| b == b' ').nth(1).unwrap_or_default();
    let is_address = !address.is_empty()
        && address
            .iter()
            .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b':' | b'-'));
    is_address && parse_header(line).is_some()
}

impl ArcState {
    /// The next event, and whether the stream failed (the file ends).
    pub(crate) fn next_event(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
    ) -> Option<(ReadEvent, bool)> {
        if let Some(q) = self.queued.take() {
            return Some(q);
        }
        loop {
            let start = src.offset;
            match src.read_line(&mut self.line, HEADER_MAX) {
                Ok(Some(_)) => {}
                Ok(None) => return None,
                Err(e) => {
                    self.resync = true;
                    return Some(stream_error(ctx, &e, ctx.loc(None, Some(start), None)));
                }
            }
            if self.line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let Some(h) = parse_header(&self.line) else {
                if self.resync {
                    continue;
                }
                self.resync = true;
                let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]);
                let err = InputError::new(
                    ctx.loc(None, Some(start), None),
                    InputErrorKind::BadArcRecord,
                    format!(
                        "expected an ARC record header, found {shown:?}; skipping to the next record"
                    ),
                );
                return Some((ReadEvent::Error(err), false));
            };
            self.resync = false;
            let record = self.record;
            self.record += 1;
            let mut loc = ctx.loc(None, Some(start), Some(record));
            loc.stored_offset = src.stored_offset(start).filter(|&o| o != start);
            loc.url = Some(h.url.clone());
            return Some(self.read_record(src, ctx, buf, h, loc));
        }
    }

    fn read_record(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
        h: Header,
        loc: Location,
    ) -> (ReadEvent, bool) {
        let header = h.url.starts_with("filedesc:");
        let keep = if header {
            HEADER_MAX
        } else {
            ctx.opts.max_doc_bytes.saturating_add(HEADER_MAX)
        };
        let got = match src.read_block(h.length, buf, keep) {
            Ok(n) => n,
            Err(e) => return self.truncated(ctx, &e, h, buf, loc),
        };
        if let Some(at) = embedded_header(buf) {
            src.unread(&buf[at..]);
            let e = InputError::new(
                loc,
                InputErrorKind::BadArcRecord,
                format!(
                    "the record's length {} runs past the record, into the next one; the record \
                     is skipped and reading resumes at the next",
                    h.length
                ),
            );
            return (ReadEvent::Error(e), false);
        }
        if got < h.length {
            let e = InputError::new(
                loc,
                InputErrorKind::TruncatedArcRecord,
                format!(
                    "the record's length is {} but the stream ended after {got} bytes",
                    h.length
                ),
            );
            return (ReadEvent::Error(e), false);
        }
        if header {
            let skip = ReadEvent::Skipped {
                kind: "arc_header",
                location: loc,
            };
            return (skip, false);
        }
        if h.length > keep as u64 {
            let id = ctx.derived_id(loc.record.unwrap_or(0));
            let detail = format!("record of {} bytes", h.length);
            return (
                ReadEvent::rejected(id, loc, InputErrorKind::DocTooLarge, detail),
                false,
            );
        }
        (document(ctx, h, std::mem::take(buf), loc), false)
    }

    fn truncated(
        &mut self,
        ctx: &Ctx,
        e: &std::io::Error,
        h: Header,
        buf: &mut Vec<u8>,
        loc: Location,
    ) -> (ReadEvent, bool) {
        self.resync = true;
        let err = stream_error(ctx, e, loc.clone());
        if buf.len() < MIN_TRUNCATED_PAGE {
            return err;
        }
        match document(ctx, h, std::mem::take(buf), loc) {
            ReadEvent::Doc(mut doc) => {
                ctx.count(&ctx.stats.truncated_records);
                doc.extra
                    .insert("truncated".into(), serde_json::Value::Bool(true));
                self.queued = Some(err);
                (ReadEvent::Doc(doc), false)
            }
            _ => err,
        }
    }
}

fn stream_error(ctx: &Ctx, e: &std::io::Error, loc: Location) -> (ReadEvent, bool) {
    let (err, fatal) = ctx.io_error(e, loc);
    (ReadEvent::Error(err), fatal)
}

/// An ARC record's content: an HTTP response when it starts like one, else the page itself.
fn document(ctx: &Ctx, h: Header, block: Vec<u8>, loc: Location) -> ReadEvent {
    let http = block.starts_with(b"HTTP/");
    let a = Archived {
        id: ctx.derived_id(loc.record.unwrap_or(0)),
        url: Some(h.url),
        crawl_date: Some(h.date),
        content_type: if http { String::new() } else { h.content_type },
        http,
    };
    archived_response(ctx, a, block, loc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_of_both_versions() {
        let v1 =
            parse_header(b"http://a.test/x.html 10.0.0.1 19961104142103 text/html 202").unwrap();
        assert_eq!((v1.url.as_str(), v1.length), ("http://a.test/x.html", 202));
        let v2 = parse_header(
            b"http://a.test/ 10.0.0.1 20040501100000 text/html 200 ABCDEF - 0 f.arc 1234",
        )
        .unwrap();
        assert_eq!((v2.date.as_str(), v2.length), ("20040501100000", 1234));
        assert!(parse_header(b"<html><body>").is_none());
        assert!(parse_header(b"http://a.test/ 10.0.0.1 yesterday text/html 12").is_none());
    }
}
