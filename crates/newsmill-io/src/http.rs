//! HTTP responses as archived in WARC and ARC records: status, headers, chunked transfer and
//! content encoding undone, every size bounded.

use crate::encoding::decode_body;
use crate::sniff::{sniff_format, Format};
use newsmill_core::InputErrorKind;

/// What an archived HTTP response holds.
pub(crate) enum Http {
    /// An HTML page.
    Body {
        body: Vec<u8>,
        charset: Option<String>,
        /// The body was stored decoded under a `Content-Encoding` that says otherwise.
        fallback: bool,
    },
    /// A response that is not a success (redirect, error).
    Status,
    /// A success that is not HTML.
    NotHtml,
}

/// Whether a content type (or, without one, the body) is HTML.
pub(crate) fn is_html_mime(content_type: &str, body: &[u8]) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "" => sniff_format(body) == Format::Html,
        "text/html" | "application/xhtml+xml" => true,
        _ => false,
    }
}

/// The `charset` parameter of a Content-Type value, lowercased.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
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

/// Where the header section of a message ends and its body starts (CRLF CRLF or LF LF).
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The headers newsmill reads.
#[derive(Default)]
struct Headers {
    content_type: String,
    encoding: String,
    chunked: bool,
}

fn headers<'a>(lines: impl Iterator<Item = &'a str>) -> Headers {
    let mut h = Headers::default();
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let k = k.trim();
        let v = v.trim().to_ascii_lowercase();
        if k.eq_ignore_ascii_case("content-type") {
            h.content_type = v;
        } else if k.eq_ignore_ascii_case("content-encoding") {
            h.encoding = v;
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            h.chunked = v.contains("chunked");
        }
    }
    h
}

/// Splits an HTTP response into headers and body, undoing chunked transfer and content
/// encoding, with every size bounded by `max`.
pub(crate) fn http_body(block: &[u8], max: usize) -> Result<Http, InputErrorKind> {
    let (head_end, body_start) = header_end(block).ok_or(InputErrorKind::BadHttpResponse)?;
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
    let h = headers(lines);
    let raw = &block[body_start..];
    if raw.len() > max {
        return Err(InputErrorKind::DocTooLarge);
    }
    let body = if h.chunked {
        // WARC writers often store the body already de-chunked but keep the header.
        dechunk(raw, max).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    let decoded = decode_body(body, &h.encoding, max)?;
    if !is_html_mime(&h.content_type, &decoded.body) {
        return Ok(Http::NotHtml);
    }
    Ok(Http::Body {
        body: decoded.body,
        charset: charset_of(&h.content_type),
        fallback: decoded.fallback,
    })
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
            Ok(Http::Body { body, charset, .. }) => {
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
            http_body(
                b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x0b\x01\x80",
                100
            ),
            Err(InputErrorKind::BadContentEncoding)
        ));
    }

    #[test]
    fn chunked_gzip_and_stored_decoded_bodies() {
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
            Ok(Http::Body { body, fallback, .. }) => {
                assert_eq!(body, b"<html><p>zipped</p>");
                assert!(!fallback);
            }
            _ => panic!("expected a body"),
        }
        assert!(matches!(
            http_body(&resp, 5),
            Err(InputErrorKind::DocTooLarge)
        ));
        let stored = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n<html>plain</html>";
        assert!(matches!(
            http_body(stored, 100),
            Ok(Http::Body { fallback: true, .. })
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
