//! What real crawlers write, on inputs written here: content encodings, ARC files, JSON documents
//! in the shapes datasets use, offsets as stored, framing that lies, truncated streams.

mod common;

use common::*;
use newsmill_io::{read_bytes, FieldNames, ReadEvent, ReadOptions};
use std::io::Write;

const PAGE: &str = "<html><head><title>Council</title></head><body><p>The council met on \
                    Tuesday and voted to repair the old bridge before the winter.</p></body></html>";

fn http(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn response(id: &str, block: &[u8]) -> Vec<u8> {
    warc_record(
        "response",
        &[
            ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
            ("WARC-Target-URI", &format!("https://news.test/{id}")),
            ("WARC-Date", "2024-05-01T10:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        block,
    )
}

fn html_of(ev: &ReadEvent) -> &[u8] {
    match ev {
        ReadEvent::Doc(d) => &d.html.as_ref().expect("html").bytes,
        other => panic!("not a document: {other:?}"),
    }
}

#[test]
fn every_content_encoding_and_bodies_stored_decoded() {
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    g.write_all(PAGE.as_bytes()).unwrap();
    let gz = g.finish().unwrap();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(PAGE.as_bytes()).unwrap();
    let zlib = z.finish().unwrap();
    let mut br = Vec::new();
    brotli::CompressorWriter::new(&mut br, 4096, 5, 22)
        .write_all(PAGE.as_bytes())
        .unwrap();
    let zst = zstd(PAGE.as_bytes());
    let records = [
        response("gz", &http("Content-Encoding: gzip\r\n", &gz)),
        response("deflate", &http("Content-Encoding: deflate\r\n", &zlib)),
        response("br", &http("Content-Encoding: br\r\n", &br)),
        response("zstd", &http("Content-Encoding: zstd\r\n", &zst)),
        // ClueWeb-style: decoded body, the header kept.
        response(
            "stored",
            &http("Content-Encoding: gzip\r\n", PAGE.as_bytes()),
        ),
    ];
    let mut r = read_bytes(records.concat(), "enc.warc", &ReadOptions::default());
    let ev: Vec<_> = r.by_ref().collect();
    assert_eq!(ev.len(), 5, "{:?}", summary(&ev));
    for e in &ev {
        assert_eq!(html_of(e), PAGE.as_bytes());
    }
    assert_eq!(r.stats().snapshot().encoding_fallbacks, 1);
}

fn arc_file() -> Vec<u8> {
    let desc = "1 0 Test Archive\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut a = format!(
        "filedesc://test.arc 0.0.0.0 20040501100000 text/plain {}\n{desc}\n",
        desc.len()
    )
    .into_bytes();
    let body = format!("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
    a.extend(
        format!(
            "http://news.test/a 10.0.0.1 20040501100500 text/html {}\n{body}\n",
            body.len()
        )
        .into_bytes(),
    );
    let img = "HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG";
    a.extend(
        format!(
            "http://news.test/a.png 10.0.0.1 20040501100600 image/png {}\n{img}\n",
            img.len()
        )
        .into_bytes(),
    );
    a
}

#[test]
fn arc_files_plain_gzip_and_on_stdin() {
    let plain = arc_file();
    let text = String::from_utf8(plain.clone()).unwrap();
    let parts: Vec<Vec<u8>> = text
        .split_inclusive("</html>\n")
        .map(|s| s.as_bytes().to_vec())
        .collect();
    for (bytes, name) in [
        (plain.clone(), "crawl.arc"),
        (plain.clone(), "-"),
        (gzip_members(&parts), "crawl.arc.gz"),
    ] {
        let ev = read_all(bytes, name);
        assert_eq!(
            summary(&ev),
            ["skip:arc_header", &format!("doc:{name}#1"), "skip:non_html"],
            "{name}"
        );
        let ReadEvent::Doc(d) = &ev[1] else { panic!() };
        assert_eq!(d.url.as_deref(), Some("http://news.test/a"));
        assert_eq!(d.crawl_date.as_deref(), Some("2004-05-01T10:05:00Z"));
        assert!(html_of(&ev[1]).ends_with(b"</html>"));
    }
}

/// An ARC length that runs past its record does not swallow the next one: the damaged record
/// is reported and the records inside its block are read.
#[test]
fn arc_length_past_the_record_resyncs_on_the_next() {
    let good = String::from_utf8(arc_file()).unwrap();
    let body = format!("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
    let lie = format!(
        "http://news.test/lie 10.0.0.1 20040501100400 text/html {}\n{body}\n",
        body.len() + 300
    );
    let (desc, rest) = good.split_at(good.find("http://news.test/a ").unwrap());
    let bytes = format!("{desc}{lie}{rest}").into_bytes();
    let ev = read_all(bytes, "lie.arc");
    assert_eq!(
        summary(&ev),
        [
            "skip:arc_header",
            "err:bad_arc_record",
            "doc:lie.arc#2",
            "skip:non_html"
        ]
    );
    let ReadEvent::Error(e) = &ev[1] else {
        panic!()
    };
    assert_eq!(e.location.url.as_deref(), Some("http://news.test/lie"));
    assert!(e.message.contains("runs past the record"), "{e}");
}

#[test]
fn json_documents_arrays_and_dataset_field_names() {
    let pretty = "{\n  \"maintext\": \"Story one.\",\n  \"title\": \"One\",\n  \"date_publish\": \
                  \"2021-03-04 10:20:30\",\n  \"authors\": [\"Ann Roe\", \"Bo Reed\"]\n}\n";
    let ev = read_all(pretty.as_bytes().to_vec(), "article.json");
    let ReadEvent::Doc(d) = &ev[0] else {
        panic!("{:?}", summary(&ev))
    };
    assert_eq!(
        (d.text.as_str(), d.title.as_deref()),
        ("Story one.", Some("One"))
    );
    assert_eq!(d.author.as_deref(), Some("Ann Roe, Bo Reed"));
    assert_eq!(
        d.date.as_deref(),
        Some("2021-03-04"),
        "no zone: the date only"
    );
    let array = r#"[{"content": "A."}, {"raw_content": "B."}, {"nothing": 1}, 7]"#;
    let ev = read_all(array.as_bytes().to_vec(), "docs.json");
    assert_eq!(
        summary(&ev),
        [
            "doc:docs.json#0",
            "doc:docs.json#1",
            "rej:no_text",
            "err:invalid_json"
        ]
    );
    let ReadEvent::Rejected { detail, .. } = &ev[2] else {
        panic!()
    };
    assert!(
        detail.contains("maintext") && detail.contains("raw_content"),
        "{detail}"
    );
    let opts = ReadOptions {
        fields: FieldNames {
            text: vec!["story".into()],
            ..FieldNames::default()
        },
        ..ReadOptions::default()
    };
    let ev = read_with(br#"{"story": "S."}"#.to_vec(), "x.jsonl", &opts);
    assert_eq!(summary(&ev), ["doc:x.jsonl#0"]);
}

#[test]
fn a_million_levels_of_nesting_cost_one_record() {
    let deep = format!(
        "{{\"text\": {}1{}}}\n{{\"id\": \"next\", \"text\": \"fine\"}}\n",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    let ev = read_all(deep.into_bytes(), "deep.jsonl");
    assert_eq!(summary(&ev), ["err:invalid_json", "doc:next"]);
}

#[test]
fn unreadable_dates_never_pass_through() {
    let mut r = read_bytes(
        br#"{"text": "a", "date": "sometime last week"}"#.to_vec(),
        "d.jsonl",
        &ReadOptions::default(),
    );
    let ev: Vec<_> = r.by_ref().collect();
    let ReadEvent::Doc(d) = &ev[0] else { panic!() };
    assert_eq!(d.date, None);
    assert_eq!(r.stats().snapshot().unparsed_dates, 1);
}

#[test]
fn gzip_records_name_their_stored_offset_id_and_url() {
    let records = [
        warc_record("warcinfo", &[], b"software: test\r\n"),
        response("bad", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"),
        response("good", &http("", PAGE.as_bytes())),
    ];
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    let ev = read_all(members.concat(), "x.warc.gz");
    assert_eq!(
        summary(&ev),
        ["skip:warcinfo", "rej:no_text", "doc:urn:uuid:good"]
    );
    let ReadEvent::Rejected { location, .. } = &ev[1] else {
        panic!()
    };
    assert_eq!(location.stored_offset, Some(members[0].len() as u64));
    assert_eq!(location.record_id.as_deref(), Some("urn:uuid:bad"));
    assert_eq!(location.url.as_deref(), Some("https://news.test/bad"));
}

#[test]
fn a_content_length_that_runs_into_the_next_records_costs_only_its_record() {
    let mut recs = [
        response("a", &http("", PAGE.as_bytes())),
        response("b", &http("", PAGE.as_bytes())),
        response("c", &http("", PAGE.as_bytes())),
        response("d", &http("", PAGE.as_bytes())),
    ];
    // Record a claims 600 bytes more than it has: its block swallows b and part of c.
    let t = String::from_utf8(recs[0].clone()).unwrap();
    let len: usize = t
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    recs[0] = t
        .replacen(
            &format!("Content-Length: {len}\r\n\r\nHTTP"),
            &format!("Content-Length: {}\r\n\r\nHTTP", len + 600),
            1,
        )
        .into_bytes();
    let ev = read_all(recs.concat(), "long.warc");
    assert_eq!(
        summary(&ev),
        [
            "err:bad_warc_record",
            "doc:urn:uuid:b",
            "doc:urn:uuid:c",
            "doc:urn:uuid:d"
        ]
    );
    // A length that counts the record's closing CRLFs is fine.
    let mut counted = response("e", &http("", PAGE.as_bytes()));
    let t = String::from_utf8(counted.clone()).unwrap();
    let len: usize = t
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    counted = t
        .replacen(
            &format!("Content-Length: {len}\r\n"),
            &format!("Content-Length: {}\r\n", len + 4),
            1,
        )
        .into_bytes();
    let mut both = counted;
    both.extend(response("f", &http("", PAGE.as_bytes())));
    let ev = read_all(both, "crlf.warc");
    assert_eq!(summary(&ev), ["doc:urn:uuid:e", "doc:urn:uuid:f"]);
}

#[test]
fn a_page_cut_short_by_a_truncated_gzip_is_kept_when_it_is_a_page() {
    // Varied text, so that two thirds of the compressed record hold most of the page.
    let paras: String = (0..300u64)
        .map(|i| {
            format!(
                "<p>Paragraph {} on span {} of the bridge.</p>",
                i * 7919 % 1013,
                i * 104_729 % 997
            )
        })
        .collect();
    let long_page = format!("<html><body>{paras}</body></html>");
    let rec = response("long", &http("", long_page.as_bytes()));
    let gz = gzip(&rec);
    let cut = gz[..gz.len() * 2 / 3].to_vec();
    let ev = read_all(cut, "cut.warc.gz");
    assert_eq!(summary(&ev), ["doc:urn:uuid:long", "err:truncated_gzip"]);
    let ReadEvent::Doc(d) = &ev[0] else { panic!() };
    assert_eq!(d.extra["truncated"], serde_json::json!(true));
    // A record cut before a page's worth is lost, named by its id and URL.
    let short = response("short", &http("", PAGE.as_bytes()));
    let gz = gzip(&short);
    let ev = read_all(gz[..gz.len() - 30].to_vec(), "short.warc.gz");
    assert_eq!(summary(&ev), ["err:truncated_gzip"]);
    let ReadEvent::Error(e) = &ev[0] else {
        panic!()
    };
    assert_eq!(e.location.record_id.as_deref(), Some("urn:uuid:short"));
}

#[test]
fn one_page_one_outcome_in_every_container() {
    let page = format!("<!-- saved -->\n{}", PAGE.replace("council", "coun\0cil"));
    let jsonl = serde_json::json!({"html": page}).to_string();
    // The same page with the NUL raw in the JSON line (invalid JSON until it is removed).
    let raw_nul = jsonl.replace("\\u0000", "\0");
    assert!(raw_nul.contains('\0'));
    let warc = response("p", &http("", page.as_bytes()));
    for (bytes, name) in [
        (page.clone().into_bytes(), "page.html"),
        (page.clone().into_bytes(), "page"),
        (jsonl.into_bytes(), "page.jsonl"),
        (raw_nul.into_bytes(), "raw.jsonl"),
        (warc, "page.warc"),
    ] {
        let mut r = read_bytes(bytes, name, &ReadOptions::default());
        let ev: Vec<_> = r.by_ref().collect();
        let html = html_of(&ev[0]);
        assert!(!html.contains(&0), "{name}");
        assert!(
            String::from_utf8_lossy(html).contains("The council met"),
            "{name}"
        );
        assert_eq!(r.stats().snapshot().nul_records, 1, "{name}");
    }
}

/// The digest a reader takes of the bytes it read (as stored) is the one `file_digest` takes of
/// the file, so that a resumed run can check its inputs; it is taken only when asked for.
#[test]
fn the_read_digest_matches_the_file_digest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.arc.gz");
    let text = String::from_utf8(arc_file()).unwrap();
    let parts: Vec<Vec<u8>> = text
        .split_inclusive("</html>\n")
        .map(|s| s.as_bytes().to_vec())
        .collect();
    std::fs::write(&path, gzip_members(&parts)).unwrap();
    let (files, _) = newsmill_io::list_inputs(std::slice::from_ref(&path));
    for digest in [true, false] {
        let opts = ReadOptions {
            digest,
            ..ReadOptions::default()
        };
        let mut r = newsmill_io::open_input(&files[0], 0, &opts);
        assert_eq!(r.by_ref().count(), 3);
        let (bytes, hash) = r.stats().digest();
        assert_eq!(bytes, std::fs::metadata(&path).unwrap().len());
        let want = newsmill_io::file_digest(&path, bytes).unwrap();
        assert_eq!(hash, digest.then_some(want));
    }
}
