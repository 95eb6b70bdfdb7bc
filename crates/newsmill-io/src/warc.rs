//! A streaming WARC reader: one record at a time, block bytes bounded by `max_doc_bytes`,
//! resynchronising on the next record after a broken one.
//!
//! Written here rather than taken from the `warc` crate because newsmill needs things that crate's
//! reader does not give together: bounded memory on a huge record (skip the block without storing
//! it), recovery after a record whose Content-Length lies in either direction (a block that holds
//! the next records is cut where they start and they are read again; a block that ends early is
//! followed to the next version line), the offset of every record in the file as stored, and a
//! page's worth of a record that a truncated stream cut short.

use crate::event::{Ctx, ReadEvent};
use crate::record::{archived_response, Archived};
use crate::source::Src;
use newsmill_core::{InputError, InputErrorKind, Location};

/// Longest WARC header line or HTTP header section kept; real ones are far shorter.
const HEADER_MAX: usize = 64 << 10;
/// Most header lines in one WARC record before it counts as broken.
const HEADER_LINES_MAX: usize = 1000;

/// An event that ends a record early (boxed: a document event is large, and this is the rare
/// path).
type Stop = Box<(ReadEvent, bool)>;

/// Reader state between records.
#[derive(Default)]
pub(crate) struct WarcState {
    /// Skipping lines until the next `WARC/` version line, after reporting a broken record.
    resync: bool,
    /// Ordinal of the next record.
    record: u64,
    /// An event to give before reading on (the error after a truncated record kept).
    queued: Option<(ReadEvent, bool)>,
    line: Vec<u8>,
}

/// WARC header fields newsmill uses.
#[derive(Default)]
struct Headers {
    warc_type: Option<String>,
    content_length: Option<u64>,
    bad_length: Option<String>,
    record_id: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
}

fn trim_angle(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(s)
}

impl Headers {
    fn set(&mut self, name: &str, value: &str) {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if is("WARC-Type") {
            self.warc_type = Some(value.to_ascii_lowercase());
        } else if is("Content-Length") {
            match value.parse::<u64>() {
                Ok(n) => self.content_length = Some(n),
                Err(_) => self.bad_length = Some(value.to_owned()),
            }
        } else if is("WARC-Record-ID") {
            self.record_id = Some(trim_angle(value).to_owned());
        } else if is("WARC-Target-URI") {
            self.target_uri = Some(trim_angle(value).to_owned());
        } else if is("WARC-Date") {
            self.date = Some(value.to_owned());
        } else if is("Content-Type") {
            self.content_type = Some(value.to_owned());
        }
    }

    /// The record kind: only the types the WARC standard defines, never an arbitrary header value
    /// (skip kinds become counter names in reports).
    fn kind(&self) -> &'static str {
        match self.warc_type.as_deref() {
            Some("response") => "response",
            Some("resource") => "resource",
            Some("request") => "request",
            Some("metadata") => "metadata",
            Some("warcinfo") => "warcinfo",
            Some("revisit") => "revisit",
            Some("conversion") => "conversion",
            Some("continuation") => "continuation",
            _ => "unknown_warc_type",
        }
    }
}

/// Whether a line opens a WARC record.
fn is_version_line(line: &[u8]) -> bool {
    line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.")
}

/// Where inside a block the next record starts, when the block swallowed it (a Content-Length
/// that runs past its record): a version line right after a blank line.
fn embedded_record(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&block[from..], b"\nWARC/") {
        let at = from + i + 1;
        let before = &block[..at];
        let blank = before.ends_with(b"\r\n\r\n") || before.ends_with(b"\n\n");
        if blank && is_version_line(&block[at..]) {
            return Some(at);
        }
        from = at;
    }
    None
}

impl WarcState {
    /// An I/O error as an event; after a skipped gzip member, reading resumes at the next
    /// `WARC/` line.
    fn io_err(&mut self, ctx: &Ctx, e: &std::io::Error, loc: Location) -> (ReadEvent, bool) {
        let (err, fatal) = ctx.io_error(e, loc);
        self.resync = true;
        (ReadEvent::Error(err), fatal)
    }

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
                Err(e) => return Some(self.io_err(ctx, &e, ctx.loc(None, Some(start), None))),
            }
            if self.line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if !is_version_line(&self.line) {
                if self.resync {
                    continue;
                }
                self.resync = true;
                let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]);
                // Garbage between records is not a record: no ordinal, so it cannot collide
                // with the position of the next real record.
                let err = InputError::new(
                    ctx.loc(None, Some(start), None),
                    InputErrorKind::BadWarcRecord,
                    format!(
                        "expected a WARC/ version line, found {shown:?}; skipping to the next record"
                    ),
                );
                return Some((ReadEvent::Error(err), false));
            }
            self.resync = false;
            let record = self.record;
            self.record += 1;
            let mut loc = ctx.loc(None, Some(start), Some(record));
            loc.stored_offset = src.stored_offset(start).filter(|&o| o != start);
            return Some(self.read_record(src, ctx, buf, loc));
        }
    }

    /// The header lines of a record, after its version line.
    fn read_headers(&mut self, src: &mut Src, ctx: &Ctx, loc: &Location) -> Result<Headers, Stop> {
        let mut h = Headers::default();
        let mut lines = 0;
        loop {
            let info = match src.read_line(&mut self.line, HEADER_MAX) {
                Ok(Some(i)) => i,
                Ok(None) => {
                    let e = InputError::new(
                        loc.clone(),
                        InputErrorKind::TruncatedWarcRecord,
                        "the stream ended inside the record's headers",
                    );
                    return Err(Box::new((ReadEvent::Error(e), false)));
                }
                Err(e) => return Err(Box::new(self.io_err(ctx, &e, loc.clone()))),
            };
            if self.line.is_empty() {
                return Ok(h);
            }
            lines += 1;
            if info.truncated || lines > HEADER_LINES_MAX {
                return Err(Box::new(self.broken(loc, "WARC header too long".into())));
            }
            let text = String::from_utf8_lossy(&self.line);
            if let Some((name, value)) = text.split_once(':') {
                h.set(name.trim(), value.trim());
            }
        }
    }

    fn broken(&mut self, loc: &Location, msg: String) -> (ReadEvent, bool) {
        self.resync = true;
        let e = InputError::new(loc.clone(), InputErrorKind::BadWarcRecord, msg);
        (ReadEvent::Error(e), false)
    }

    fn read_record(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
        mut loc: Location,
    ) -> (ReadEvent, bool) {
        let h = match self.read_headers(src, ctx, &loc) {
            Ok(h) => h,
            Err(ev) => return *ev,
        };
        loc.record_id = h.record_id.clone();
        loc.url = h.target_uri.clone();
        let Some(len) = h.content_length else {
            let msg = match &h.bad_length {
                Some(v) => format!("invalid Content-Length {v:?}"),
                None => "missing Content-Length".into(),
            };
            return self.broken(&loc, msg);
        };
        let kind = h.kind();
        let wanted = kind == "response" || kind == "resource";
        let keep = if wanted {
            ctx.opts.max_doc_bytes.saturating_add(HEADER_MAX)
        } else {
            // Enough of any block to find records it swallowed.
            HEADER_MAX
        };
        let got = match src.read_block(len, buf, keep) {
            Ok(n) => n,
            Err(e) => return self.truncated(ctx, &e, h, buf, loc),
        };
        if let Err(ev) = self.check_framing(src, ctx, buf, len, got, &loc) {
            return *ev;
        }
        if !wanted {
            return (
                ReadEvent::Skipped {
                    kind,
                    location: loc,
                },
                false,
            );
        }
        if len > keep as u64 {
            let id = self.record_id(ctx, &h, &loc);
            let detail = format!("block of {len} bytes");
            return (
                ReadEvent::rejected(id, loc, InputErrorKind::DocTooLarge, detail),
                false,
            );
        }
        (self.document(ctx, h, std::mem::take(buf), loc), false)
    }

    fn record_id(&self, ctx: &Ctx, h: &Headers, loc: &Location) -> String {
        h.record_id
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ctx.derived_id(loc.record.unwrap_or(0)))
    }

    /// The block must be followed by CRLF CRLF. When it is not, the Content-Length lied: a block
    /// that holds the next records is cut where they start and they are read again; a block that
    /// ends early is followed to the next version line. A length that counts the CRLFs itself is
    /// accepted.
    fn check_framing(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &[u8],
        len: u64,
        got: u64,
        loc: &Location,
    ) -> Result<(), Stop> {
        if got < len {
            return Err(Box::new(self.overrun(src, buf, len, loc, Some(got))));
        }
        for i in 0..2 {
            let off = src.offset;
            match src.read_line(&mut self.line, HEADER_MAX) {
                Ok(None) => return Ok(()),
                Ok(Some(_)) if self.line.is_empty() => {}
                Ok(Some(_)) => {
                    let mut line = std::mem::take(&mut self.line);
                    // Hand the line back exactly as it stood, with its line end.
                    match src.offset - off - line.len() as u64 {
                        2 => line.extend_from_slice(b"\r\n"),
                        1 => line.push(b'\n'),
                        _ => {}
                    }
                    src.unread(&line);
                    let counted_crlf = buf.ends_with(b"\r\n\r\n") || buf.ends_with(b"\n\n");
                    if i == 1 || counted_crlf && is_version_line(&line) {
                        return Ok(());
                    }
                    if embedded_record(buf).is_some() {
                        return Err(Box::new(self.overrun(src, buf, len, loc, None)));
                    }
                    return Err(Box::new(self.broken(
                        loc,
                        format!("Content-Length {len} does not end the record; skipping to the next record"),
                    )));
                }
                Err(e) => return Err(Box::new(self.io_err(ctx, &e, loc.clone()))),
            }
        }
        Ok(())
    }

    /// A block that ran past its record: the records inside it are handed back to be read, and
    /// this one is reported. Without a record inside it, the stream ended first.
    fn overrun(
        &mut self,
        src: &mut Src,
        buf: &[u8],
        len: u64,
        loc: &Location,
        got: Option<u64>,
    ) -> (ReadEvent, bool) {
        if let Some(at) = embedded_record(buf) {
            src.unread(&buf[at..]);
            return self.broken(
                loc,
                format!(
                    "Content-Length {len} runs past the record, into the next one; \
                     the record is skipped and reading resumes at the next"
                ),
            );
        }
        let got = got.unwrap_or(len);
        let e = InputError::new(
            loc.clone(),
            InputErrorKind::TruncatedWarcRecord,
            format!("Content-Length is {len} but the stream ended after {got} bytes"),
        );
        (ReadEvent::Error(e), false)
    }

    /// The stream failed inside the block: a page's worth of a response is kept (marked
    /// truncated) and the error follows it; anything less is lost with the error.
    fn truncated(
        &mut self,
        ctx: &Ctx,
        e: &std::io::Error,
        h: Headers,
        buf: &mut Vec<u8>,
        loc: Location,
    ) -> (ReadEvent, bool) {
        let (err, fatal) = self.io_err(ctx, e, loc.clone());
        let wanted = matches!(h.kind(), "response" | "resource");
        if !wanted || buf.len() < crate::record::MIN_TRUNCATED_PAGE {
            return (err, fatal);
        }
        match self.document(ctx, h, std::mem::take(buf), loc) {
            ReadEvent::Doc(mut doc) => {
                ctx.count(&ctx.stats.truncated_records);
                doc.extra
                    .insert("truncated".into(), serde_json::Value::Bool(true));
                self.queued = Some((err, fatal));
                (ReadEvent::Doc(doc), false)
            }
            _ => (err, fatal),
        }
    }

    /// A `response` or `resource` block as a document, a skip or a reject.
    fn document(&self, ctx: &Ctx, h: Headers, block: Vec<u8>, loc: Location) -> ReadEvent {
        let http = h.kind() == "response";
        let a = Archived {
            id: h
                .record_id
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| ctx.derived_id(loc.record.unwrap_or(0))),
            url: h.target_uri,
            crawl_date: h.date,
            content_type: h.content_type.unwrap_or_default(),
            http,
        };
        archived_response(ctx, a, block, loc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_swallowed_by_a_block_are_found() {
        let block = b"HTTP/1.1 200 OK\r\n\r\n<p>a</p>\r\n\r\nWARC/1.0\r\nWARC-Type: request\r\n";
        assert_eq!(embedded_record(block), Some(31));
        assert_eq!(embedded_record(b"<p>WARC/1.0 in text</p>\nWARC/1.0"), None);
    }
}
