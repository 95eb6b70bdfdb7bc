//! A streaming WARC reader: one record at a time, block bytes bounded by `max_doc_bytes`,
//! resynchronising on the next `WARC/` line after a broken record.
//!
//! Written here rather than taken from the `warc` crate because newsmill needs three things that
//! crate's reader does not give together: bounded memory on a huge record (skip the block without
//! storing it), recovery after a record whose Content-Length lies (scan on to the next version
//! line instead of failing the file), and byte offsets for every error.

use crate::reader::{Ctx, ReadEvent};
use crate::sniff::{sniff_format, Format};
use crate::source::Src;
use newsmill_core::{Doc, Html, InputError, InputErrorKind};
use std::io::Read;

/// Longest WARC header line or HTTP header section kept; real ones are far shorter.
const HEADER_MAX: usize = 64 << 10;
/// Most header lines in one WARC record before it counts as broken.
const HEADER_LINES_MAX: usize = 1000;

/// Reader state between records.
#[derive(Default)]
pub(crate) struct WarcState {
    /// A line read past the end of a record that must be looked at again (with its offset).
    pending: Option<(Vec<u8>, u64)>,
    /// Skipping lines until the next `WARC/` version line, after reporting a broken record.
    resync: bool,
    /// Ordinal of the next record.
    record: u64,
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

impl WarcState {
    /// An I/O error as an event; after a skipped gzip member, reading resumes at the next
    /// `WARC/` line.
    fn io_err(
        &mut self,
        ctx: &Ctx,
        e: &std::io::Error,
        src: &Src,
        record: Option<u64>,
    ) -> (ReadEvent, bool) {
        let (err, fatal) = ctx.io_error(e, ctx.loc(None, Some(src.offset), record));
        self.resync = true;
        (ReadEvent::Error(err), fatal)
    }

    fn next_line(&mut self, src: &mut Src) -> std::io::Result<Option<u64>> {
        if let Some((l, off)) = self.pending.take() {
            self.line = l;
            return Ok(Some(off));
        }
        let off = src.offset;
        Ok(src.read_line(&mut self.line, HEADER_MAX)?.map(|_| off))
    }

    /// The next event, and whether the stream failed (the file ends).
    pub(crate) fn next_event(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
    ) -> Option<(ReadEvent, bool)> {
        loop {
            let start = match self.next_line(src) {
                Ok(Some(off)) => off,
                Ok(None) => return None,
                Err(e) => return Some(self.io_err(ctx, &e, src, None)),
            };
            if self.line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if !self.line.starts_with(b"WARC/") {
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
                    format!("expected a WARC/ version line, found {shown:?}; skipping to the next record"),
                );
                return Some((ReadEvent::Error(err), false));
            }
            self.resync = false;
            let record = self.record;
            self.record += 1;
            return Some(self.read_record(src, ctx, buf, start, record));
        }
    }

    fn read_record(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
        start: u64,
        record: u64,
    ) -> (ReadEvent, bool) {
        let loc = ctx.loc(None, Some(start), Some(record));
        let broken = |this: &mut Self, msg: String| {
            this.resync = true;
            let e = InputError::new(loc.clone(), InputErrorKind::BadWarcRecord, msg);
            (ReadEvent::Error(e), false)
        };
        // Header lines.
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
                    return (ReadEvent::Error(e), false);
                }
                Err(e) => return self.io_err(ctx, &e, src, Some(record)),
            };
            if self.line.is_empty() {
                break;
            }
            lines += 1;
            if info.truncated || lines > HEADER_LINES_MAX {
                return broken(self, "WARC header too long".into());
            }
            let text = String::from_utf8_lossy(&self.line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim();
            let name = name.trim();
            if name.eq_ignore_ascii_case("WARC-Type") {
                h.warc_type = Some(value.to_ascii_lowercase());
            } else if name.eq_ignore_ascii_case("Content-Length") {
                match value.parse::<u64>() {
                    Ok(n) => h.content_length = Some(n),
                    Err(_) => h.bad_length = Some(value.to_owned()),
                }
            } else if name.eq_ignore_ascii_case("WARC-Record-ID") {
                h.record_id = Some(trim_angle(value).to_owned());
            } else if name.eq_ignore_ascii_case("WARC-Target-URI") {
                h.target_uri = Some(trim_angle(value).to_owned());
            } else if name.eq_ignore_ascii_case("WARC-Date") {
                h.date = Some(value.to_owned());
            } else if name.eq_ignore_ascii_case("Content-Type") {
                h.content_type = Some(value.to_owned());
            }
        }
        let Some(len) = h.content_length else {
            let msg = match h.bad_length {
                Some(v) => format!("invalid Content-Length {v:?}"),
                None => "missing Content-Length".into(),
            };
            return broken(self, msg);
        };
        // Skip kinds become counter names in reports: only the types the WARC standard defines,
        // never an arbitrary header value.
        let kind = match h.warc_type.as_deref() {
            Some(
                t @ ("response" | "resource" | "request" | "metadata" | "warcinfo" | "revisit"
                | "conversion" | "continuation"),
            ) => t.to_owned(),
            _ => "unknown_warc_type".to_owned(),
        };
        let wanted = kind == "response" || kind == "resource";
        let keep = if wanted {
            ctx.opts.max_doc_bytes.saturating_add(HEADER_MAX)
        } else {
            0
        };
        let got = match src.read_block(len, buf, keep) {
            Ok(n) => n,
            Err(e) => return self.io_err(ctx, &e, src, Some(record)),
        };
        if got < len {
            let e = InputError::new(
                loc,
                InputErrorKind::TruncatedWarcRecord,
                format!("Content-Length is {len} but the stream ended after {got} bytes"),
            );
            return (ReadEvent::Error(e), false);
        }
        // The block must be followed by CRLF CRLF; anything else means Content-Length lied.
        for i in 0..2 {
            let off = src.offset;
            match src.read_line(&mut self.line, HEADER_MAX) {
                Ok(None) => break,
                Ok(Some(_)) if self.line.is_empty() => {}
                Ok(Some(_)) => {
                    self.pending = Some((std::mem::take(&mut self.line), off));
                    if i == 0 {
                        return broken(
                            self,
                            format!("Content-Length {len} does not end the record; skipping to the next record"),
                        );
                    }
                    break;
                }
                Err(e) => return self.io_err(ctx, &e, src, Some(record)),
            }
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
        let id = h
            .record_id
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ctx.derived_id(record));
        let rejected = |reason: InputErrorKind| ReadEvent::Rejected {
            id: id.clone(),
            location: loc.clone(),
            reason,
        };
        if len > keep as u64 {
            return (rejected(InputErrorKind::DocTooLarge), false);
        }
        let block_type = h.content_type.as_deref().unwrap_or("").to_ascii_lowercase();
        let (body, charset) = if kind == "resource" {
            if !is_html_mime(&block_type, buf) {
                return (
                    ReadEvent::Skipped {
                        kind: "non_html".into(),
                        location: loc,
                    },
                    false,
                );
            }
            (std::mem::take(buf), charset_of(&block_type))
        } else {
            if !block_type.is_empty() && !block_type.starts_with("application/http") {
                return (
                    ReadEvent::Skipped {
                        kind: "non_html".into(),
                        location: loc,
                    },
                    false,
                );
            }
            match http_body(buf, ctx.opts.max_doc_bytes) {
                Ok(Http::Body { body, charset }) => (body, charset),
                Ok(Http::Status) => {
                    return (
                        ReadEvent::Skipped {
                            kind: "http_status".into(),
                            location: loc,
                        },
                        false,
                    )
                }
                Ok(Http::NotHtml) => {
                    return (
                        ReadEvent::Skipped {
                            kind: "non_html".into(),
                            location: loc,
                        },
                        false,
                    )
                }
                Err(reason) => return (rejected(reason), false),
            }
        };
        if body.iter().all(|b| b.is_ascii_whitespace()) {
            return (rejected(InputErrorKind::NoText), false);
        }
        let doc = Doc {
            id,
            pos: ctx.pos(record),
            url: h.target_uri,
            date: h.date,
            html: Some(Html {
                bytes: body,
                http_charset: charset,
            }),
            ..Doc::default()
        };
        (ReadEvent::Doc(doc), false)
    }
}

fn is_html_mime(content_type: &str, body: &[u8]) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "" => sniff_format(body) == Format::Html,
        "text/html" | "application/xhtml+xml" => true,
        _ => false,
    }
}

/// The `charset` parameter of a Content-Type value, lowercased.
fn charset_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .skip(1)
        .find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("charset").then(|| {
                v.trim()
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_ascii_lowercase()
            })
        })
        .filter(|c| !c.is_empty())
}

enum Http {
    Body {
        body: Vec<u8>,
        charset: Option<String>,
    },
    Status,
    NotHtml,
}

/// Splits an HTTP response into headers and body, undoing chunked transfer and gzip/deflate
/// content encoding, with every size bounded by `max`.
fn http_body(block: &[u8], max: usize) -> Result<Http, InputErrorKind> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    let (head_end, body_start) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return Err(InputErrorKind::BadHttpResponse),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    let status: u16 = match (proto.starts_with("HTTP/"), parts.next().map(str::parse)) {
        (true, Some(Ok(s))) => s,
        _ => return Err(InputErrorKind::BadHttpResponse),
    };
    if !(200..300).contains(&status) {
        return Ok(Http::Status);
    }
    let mut content_type = String::new();
    let mut encoding = String::new();
    let mut chunked = false;
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let k = k.trim();
        let v = v.trim().to_ascii_lowercase();
        if k.eq_ignore_ascii_case("content-type") {
            content_type = v;
        } else if k.eq_ignore_ascii_case("content-encoding") {
            encoding = v;
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            chunked = v.contains("chunked");
        }
    }
    let raw = &block[body_start..];
    if raw.len() > max {
        return Err(InputErrorKind::DocTooLarge);
    }
    let mut body = if chunked {
        // WARC writers often store the body already de-chunked but keep the header.
        dechunk(raw, max).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    match encoding.as_str() {
        "" | "identity" | "none" | "utf-8" => {}
        "gzip" | "x-gzip" => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), max)?,
        "deflate" => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]), max)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), max))?
        }
        _ => return Err(InputErrorKind::BadContentEncoding),
    }
    if !is_html_mime(&content_type, &body) {
        return Ok(Http::NotHtml);
    }
    Ok(Http::Body {
        body,
        charset: charset_of(&content_type),
    })
}

fn inflate(r: impl Read, max: usize) -> Result<Vec<u8>, InputErrorKind> {
    let mut out = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| InputErrorKind::BadContentEncoding)?;
    if out.len() > max {
        return Err(InputErrorKind::DocTooLarge);
    }
    Ok(out)
}

/// Undoes chunked transfer encoding; `None` when the body is not validly chunked.
fn dechunk(mut raw: &[u8], max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = memchr::memmem::find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if size > raw.len() || out.len() + size > max {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = raw[size..].strip_prefix(b"\r\n")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter() {
        assert_eq!(
            charset_of("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(charset_of("text/html; charset="), None);
    }

    #[test]
    fn http_bodies() {
        let r = http_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>",
            100,
        );
        match r {
            Ok(Http::Body { body, charset }) => {
                assert_eq!(body, b"<p>hi</p>");
                assert_eq!(charset.as_deref(), Some("utf-8"));
            }
            _ => panic!("expected a body"),
        }
        assert!(matches!(
            http_body(b"HTTP/1.1 301 Moved\r\nLocation: x\r\n\r\n", 100),
            Ok(Http::Status)
        ));
        assert!(matches!(
            http_body(
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
                100
            ),
            Ok(Http::NotHtml)
        ));
        assert!(matches!(
            http_body(b"garbage", 100),
            Err(InputErrorKind::BadHttpResponse)
        ));
        assert!(matches!(
            http_body(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx", 100),
            Err(InputErrorKind::BadContentEncoding)
        ));
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n";
        match http_body(chunked, 100) {
            Ok(Http::Body { body, .. }) => assert_eq!(body, b"<p>ab</p>"),
            _ => panic!("expected a body"),
        }
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"<html><p>zipped</p>").unwrap();
        let mut resp = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        resp.extend(e.finish().unwrap());
        match http_body(&resp, 100) {
            Ok(Http::Body { body, .. }) => assert_eq!(body, b"<html><p>zipped</p>"),
            _ => panic!("expected a body"),
        }
        assert!(matches!(
            http_body(&resp, 5),
            Err(InputErrorKind::DocTooLarge)
        ));
    }

    #[test]
    fn dechunk_rejects_bad_framing() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n", 10).as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(dechunk(b"<html>", 10), None);
        assert_eq!(dechunk(b"ff\r\nabc", 10), None);
    }
}
