//! Builders for test inputs: WARC records, compressed streams, event summaries.
#![allow(dead_code)]

use newsmill_io::{read_bytes, ReadEvent, ReadOptions};
use std::io::Write;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// One gzip member per part, concatenated (as WARC.gz files are made).
pub fn gzip_members(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.iter().flat_map(|p| gzip(p)).collect()
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

/// A WARC record with the given type, extra headers and block.
pub fn warc_record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut r = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut out = r.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A WARC response record holding an HTTP 200 HTML page.
pub fn warc_response(id: &str, url: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    warc_record(
        "response",
        &[
            ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
            ("WARC-Target-URI", url),
            ("WARC-Date", "2024-05-01T10:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http.as_bytes(),
    )
}

pub fn warc_request(url: &str) -> Vec<u8> {
    warc_record(
        "request",
        &[
            ("WARC-Target-URI", url),
            ("Content-Type", "application/http; msgtype=request"),
        ],
        format!("GET / HTTP/1.1\r\nHost: {url}\r\n\r\n").as_bytes(),
    )
}

pub fn read_all(bytes: Vec<u8>, name: &str) -> Vec<ReadEvent> {
    read_bytes(bytes, name, &ReadOptions::default()).collect()
}

pub fn read_with(bytes: Vec<u8>, name: &str, opts: &ReadOptions) -> Vec<ReadEvent> {
    read_bytes(bytes, name, opts).collect()
}

/// A compact description of events for assertions: `doc:<id>`, `skip:<kind>`,
/// `err:<kind>`, `rej:<reason>`.
pub fn summary(events: &[ReadEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e {
            ReadEvent::Doc(d) => format!("doc:{}", d.id),
            ReadEvent::Skipped { kind, .. } => format!("skip:{kind}"),
            ReadEvent::Error(e) => format!("err:{}", e.kind),
            ReadEvent::Rejected { reason, .. } => format!("rej:{reason}"),
        })
        .collect()
}
