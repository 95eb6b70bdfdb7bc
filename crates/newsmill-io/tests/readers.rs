//! The readers end to end over inputs built in the test: formats, compression, bad input.

mod common;

use common::*;
use newsmill_io::{list_inputs, open_input, InputFile, ReadEvent, ReadOptions};
use std::path::PathBuf;

fn docs(events: &[ReadEvent]) -> Vec<&newsmill_core::Doc> {
    events
        .iter()
        .filter_map(|e| match e {
            ReadEvent::Doc(d) => Some(d),
            _ => None,
        })
        .collect()
}

const JSONL: &str = concat!(
    "{\"id\":\"a\",\"text\":\"First story.\",\"url\":\"https://x.test/a\",\"lang\":\"en\"}\n",
    "\n",
    "{\"text\":\"No id here.\",\"date\":\"2024-01-02\"}\n",
    "{\"doc_id\":\"c\",\"html\":\"<html><p>Page</p></html>\",\"author\":\"Ann\"}\n",
    "{\"id\":\"d\",\"text\":\"   \"}\n",
    "{\"id\":\"e\",\"text\":\"broken\"\n",
    "[1,2]\n",
);

#[test]
fn jsonl_docs_rejects_and_errors_with_positions() {
    for (bytes, name) in [
        (JSONL.as_bytes().to_vec(), "in.jsonl"),
        (gzip(JSONL.as_bytes()), "in.jsonl.gz"),
        (zstd(JSONL.as_bytes()), "in"),
        (
            gzip_members(&[
                JSONL.as_bytes()[..60].to_vec(),
                JSONL.as_bytes()[60..].to_vec(),
            ]),
            "in.bin",
        ),
    ] {
        let ev = read_all(bytes, name);
        assert_eq!(
            summary(&ev),
            [
                "doc:a",
                &format!("doc:{name}#2"),
                "doc:c",
                "rej:no_text",
                "err:invalid_json",
                "err:invalid_json"
            ],
            "{name}"
        );
        let d = docs(&ev);
        assert_eq!(d[0].text, "First story.");
        assert_eq!(d[0].url.as_deref(), Some("https://x.test/a"));
        assert_eq!(d[0].extra["lang"], "en");
        assert_eq!(d[0].pos.record, 0);
        assert_eq!(d[1].pos.record, 2);
        assert_eq!(d[1].date.as_deref(), Some("2024-01-02"));
        assert!(d[2].text.is_empty());
        assert_eq!(
            d[2].html.as_ref().unwrap().bytes,
            b"<html><p>Page</p></html>"
        );
        assert_eq!(d[2].author.as_deref(), Some("Ann"));
        let ReadEvent::Error(e) = &ev[4] else {
            panic!()
        };
        assert_eq!(e.location.line, Some(6));
        assert_eq!(e.location.path, name);
        assert!(e.location.offset.unwrap() > 0);
    }
}

#[test]
fn oversized_line_is_rejected_without_losing_the_next() {
    let mut input = b"{\"id\":\"big\",\"text\":\"".to_vec();
    input.extend(vec![b'x'; 5000]);
    input.extend_from_slice(b"\"}\n{\"id\":\"small\",\"text\":\"ok\"}\n");
    let opts = ReadOptions {
        max_doc_bytes: 1000,
        ..ReadOptions::default()
    };
    let ev = read_with(input, "big.jsonl", &opts);
    assert_eq!(summary(&ev), ["rej:doc_too_large", "doc:small"]);
}

/// Yields `{"text":"xxx…` for `len` bytes, then a newline and one good line, without ever
/// holding the long line in memory.
struct LongLine {
    len: u64,
    sent: u64,
    tail: &'static [u8],
}

impl std::io::Read for LongLine {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.sent < self.len {
            let n = (buf.len() as u64).min(self.len - self.sent) as usize;
            buf[..n].fill(b'x');
            if self.sent == 0 && n >= 9 {
                buf[..9].copy_from_slice(b"{\"text\":\"");
            }
            self.sent += n as u64;
            return Ok(n);
        }
        let n = buf.len().min(self.tail.len());
        buf[..n].copy_from_slice(&self.tail[..n]);
        self.tail = &self.tail[n..];
        Ok(n)
    }
}

#[test]
fn a_200_mb_line_is_rejected_with_bounded_memory() {
    let stream = LongLine {
        len: 200 << 20,
        sent: 0,
        tail: b"\"}\n{\"id\":\"next\",\"text\":\"fine\"}\n",
    };
    let opts = ReadOptions {
        max_doc_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let mut r = newsmill_io::read_stream(Box::new(stream), "huge.jsonl", &opts);
    let ev: Vec<_> = r.by_ref().collect();
    assert_eq!(summary(&ev), ["rej:doc_too_large", "doc:next"]);
    let ReadEvent::Rejected { location, .. } = &ev[0] else {
        panic!()
    };
    assert_eq!((location.line, location.offset), (Some(1), Some(0)));
    assert!(r.stats().snapshot().decompressed_bytes > 200 << 20);
}

#[test]
fn invalid_utf8_is_replaced_and_counted() {
    let input = b"{\"text\":\"caf\xe9 au lait\"}\n".to_vec();
    let mut r = newsmill_io::read_bytes(input, "u.jsonl", &ReadOptions::default());
    let ev: Vec<_> = r.by_ref().collect();
    assert_eq!(docs(&ev)[0].text, "caf\u{fffd} au lait");
    assert_eq!(r.stats().snapshot().invalid_utf8_records, 1);
}

#[test]
fn text_and_html_files_are_one_document() {
    let ev = read_all(
        b"\xef\xbb\xbfA plain story.\nSecond paragraph.\n".to_vec(),
        "story.txt",
    );
    assert_eq!(summary(&ev), ["doc:story.txt#0"]);
    assert_eq!(docs(&ev)[0].text, "A plain story.\nSecond paragraph.\n");

    let page = b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>".to_vec();
    let ev = read_all(gzip(&page), "page.bin");
    let d = docs(&ev);
    assert_eq!(d[0].html.as_ref().unwrap().bytes, page);
    assert!(d[0].text.is_empty());

    let opts = ReadOptions {
        max_doc_bytes: 10,
        ..ReadOptions::default()
    };
    assert_eq!(
        summary(&read_with(page, "p.html", &opts)),
        ["rej:doc_too_large"]
    );
    // NULs in text are removed and counted; control bytes make it binary.
    let mut r = newsmill_io::read_bytes(b"ab\x00\x00cd".to_vec(), "x", &ReadOptions::default());
    let ev: Vec<_> = r.by_ref().collect();
    assert_eq!(docs(&ev)[0].text, "abcd");
    assert_eq!(r.stats().snapshot().nul_records, 1);
    assert_eq!(
        summary(&read_all(b"\x01\x02\x03\x04\x05ab".to_vec(), "x")),
        ["rej:binary_content"]
    );
    assert_eq!(
        summary(&read_all(Vec::new(), "empty.txt")),
        ["err:empty_file"]
    );
    assert_eq!(
        summary(&read_all(gzip(b""), "empty.gz")),
        ["err:empty_file"]
    );
    assert_eq!(
        summary(&read_all(b"BZh91AY".to_vec(), "x.bz2")),
        ["err:unsupported_compression"]
    );
}

fn sample_warc() -> Vec<Vec<u8>> {
    vec![
        warc_record(
            "warcinfo",
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\n",
        ),
        warc_request("https://news.test/a"),
        warc_response("1111", "https://news.test/a", "<html><p>Story A</p></html>"),
        warc_record("metadata", &[], b"fetchTimeMs: 5\r\n"),
        warc_response("2222", "https://news.test/b", "<html><p>Story B</p></html>"),
    ]
}

#[test]
fn warc_in_every_framing() {
    let records = sample_warc();
    let plain: Vec<u8> = records.concat();
    for (bytes, name) in [
        (plain.clone(), "a.warc"),
        (gzip_members(&records), "a.warc.gz"),
        (gzip(&plain), "single-member.warc.gz"),
        (zstd(&plain), "a.warc.zst"),
    ] {
        let ev = read_all(bytes, name);
        assert_eq!(
            summary(&ev),
            [
                "skip:warcinfo",
                "skip:request",
                "doc:urn:uuid:1111",
                "skip:metadata",
                "doc:urn:uuid:2222"
            ],
            "{name}"
        );
        let d = docs(&ev);
        assert_eq!(d[0].url.as_deref(), Some("https://news.test/a"));
        assert_eq!(d[0].crawl_date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(
            d[0].date, None,
            "the crawl time is not the publication date"
        );
        let h = d[0].html.as_ref().unwrap();
        assert_eq!(h.bytes, b"<html><p>Story A</p></html>");
        assert_eq!(h.http_charset.as_deref(), Some("utf-8"));
        assert_eq!(d[1].pos.record, 4);
    }
}

#[test]
fn warc_content_length_lies_are_reported_and_reading_resumes() {
    let mut recs = sample_warc();
    // Record 2 claims 10 bytes fewer than it has.
    let text = String::from_utf8(recs[2].clone()).unwrap();
    let len: usize = text
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let needle = format!("Content-Length: {len}\r\n\r\nHTTP");
    recs[2] = text
        .replace(
            &needle,
            &format!("Content-Length: {}\r\n\r\nHTTP", len - 10),
        )
        .into_bytes();
    let ev = read_all(gzip_members(&recs), "lie.warc.gz");
    assert_eq!(
        summary(&ev),
        [
            "skip:warcinfo",
            "skip:request",
            "err:bad_warc_record",
            "skip:metadata",
            "doc:urn:uuid:2222"
        ]
    );
    let ReadEvent::Error(e) = &ev[2] else {
        panic!()
    };
    assert_eq!(e.location.record, Some(2));
    assert!(e.location.offset.is_some());

    // A length far too long swallows the rest: reported as truncated.
    let mut recs = sample_warc();
    let t = String::from_utf8(recs[4].clone()).unwrap();
    recs[4] = t
        .replacen("Content-Length: ", "Content-Length: 9", 2)
        .into_bytes();
    let ev = read_all(recs.concat(), "long.warc");
    assert_eq!(summary(&ev).last().unwrap(), "err:truncated_warc_record");
}

#[test]
fn garbage_between_warc_records_is_one_error_then_reading_resumes() {
    let mut recs = sample_warc();
    recs.insert(3, b"junk line one\r\njunk line two\r\n\r\n".to_vec());
    let ev = read_all(recs.concat(), "junk.warc");
    assert_eq!(
        summary(&ev),
        [
            "skip:warcinfo",
            "skip:request",
            "doc:urn:uuid:1111",
            "err:bad_warc_record",
            "skip:metadata",
            "doc:urn:uuid:2222"
        ]
    );
    let ReadEvent::Error(e) = &ev[3] else {
        panic!()
    };
    assert_eq!(e.location.record, None);
    assert_eq!(e.location.offset, Some(recs[..3].concat().len() as u64));
    let d = docs(&ev);
    assert_eq!(d[1].pos.record, 4);
}

#[test]
fn warc_resource_records_and_lf_line_endings() {
    let page = b"<html><p>saved page</p></html>";
    let resource = warc_record(
        "resource",
        &[
            ("WARC-Target-URI", "file:///saved.html"),
            ("Content-Type", "text/html; charset=windows-1252"),
        ],
        page,
    );
    let pdf = warc_record(
        "resource",
        &[("Content-Type", "application/pdf")],
        b"%PDF-1.4",
    );
    let http = b"HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html>lf</html>";
    let lf = format!(
        "WARC/1.0\nWARC-Type: response\nContent-Length: {}\n\n",
        http.len()
    );
    let mut lf = lf.into_bytes();
    lf.extend_from_slice(http);
    lf.extend_from_slice(b"\n\n");
    let ev = read_all([resource, pdf, lf].concat(), "r.warc");
    assert_eq!(
        summary(&ev),
        ["doc:r.warc#0", "skip:non_html", "doc:r.warc#2"]
    );
    let d = docs(&ev);
    let h = d[0].html.as_ref().unwrap();
    assert_eq!(h.bytes, page);
    assert_eq!(h.http_charset.as_deref(), Some("windows-1252"));
    assert_eq!(d[0].url.as_deref(), Some("file:///saved.html"));
    assert_eq!(d[1].html.as_ref().unwrap().bytes, b"<html>lf</html>");
}

#[test]
fn warc_types_outside_the_standard_are_one_kind() {
    let odd = warc_record("Made-Up", &[], b"x");
    let mut untyped = warc_record("x", &[], b"y");
    untyped = String::from_utf8(untyped)
        .unwrap()
        .replace("WARC-Type: x\r\n", "WARC-Type:\r\n")
        .into_bytes();
    let ev = read_all([odd, untyped].concat(), "odd.warc");
    assert_eq!(
        summary(&ev),
        ["skip:unknown_warc_type", "skip:unknown_warc_type"]
    );
}

#[test]
fn warc_non_html_redirects_and_huge_records() {
    let png = warc_record(
        "response",
        &[("Content-Type", "application/http; msgtype=response")],
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....",
    );
    let redirect = warc_record(
        "response",
        &[("Content-Type", "application/http; msgtype=response")],
        b"HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n",
    );
    let big = warc_response("big", "https://n.test/big", &"<p>x</p>".repeat(1000));
    let after = warc_response("after", "https://n.test/after", "<html>ok</html>");
    let opts = ReadOptions {
        max_doc_bytes: 2000,
        ..ReadOptions::default()
    };
    let ev = read_with([png, redirect, big, after].concat(), "m.warc", &opts);
    assert_eq!(
        summary(&ev),
        [
            "skip:non_html",
            "skip:http_status",
            "rej:doc_too_large",
            "doc:urn:uuid:after"
        ]
    );
}

#[test]
fn a_corrupt_gzip_member_costs_only_its_record() {
    let records = sample_warc();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gzip(r)).collect();
    // Damage the header of the member holding the first response (compression method byte).
    let mut bad = members.clone();
    bad[2][2] = 0x09;
    let ev = read_all(bad.concat(), "bad.warc.gz");
    assert_eq!(
        summary(&ev),
        [
            "skip:warcinfo",
            "skip:request",
            "err:corrupt_gzip",
            "skip:metadata",
            "doc:urn:uuid:2222"
        ]
    );
    let ReadEvent::Error(e) = &ev[2] else {
        panic!()
    };
    assert!(e.location.offset.is_some());
    assert!(
        e.message.contains("skipped to the next member"),
        "{}",
        e.message
    );

    // Damage inside the compressed data: the member fails (bad data or checksum), later
    // members are still read.
    let mut bad = members.clone();
    let mid = bad[2].len() / 2;
    for b in &mut bad[2][mid..mid + 8] {
        *b ^= 0x55;
    }
    let ev = read_all(bad.concat(), "bad2.warc.gz");
    let s = summary(&ev);
    assert!(s.contains(&"err:corrupt_gzip".to_string()), "{s:?}");
    assert_eq!(s.last().unwrap(), "doc:urn:uuid:2222", "{s:?}");

    // JSONL with one member per line, one of them damaged.
    let lines: Vec<Vec<u8>> = (0..5)
        .map(|i| format!("{{\"id\":\"l{i}\",\"text\":\"line {i}\"}}\n").into_bytes())
        .collect();
    let mut members: Vec<Vec<u8>> = lines.iter().map(|l| gzip(l)).collect();
    members[1][3] = 0xff; // reserved header flag bits: an invalid header
    let ev = read_all(members.concat(), "lines.jsonl.gz");
    assert_eq!(
        summary(&ev),
        ["doc:l0", "err:corrupt_gzip", "doc:l2", "doc:l3", "doc:l4"]
    );

    // Trailing garbage after the last member is reported, not fatal to what came before.
    let mut tail = gzip(&lines[0]);
    tail.extend_from_slice(b"\0\0\0\0garbage");
    let ev = read_all(tail, "tail.jsonl.gz");
    assert_eq!(summary(&ev), ["doc:l0", "err:corrupt_gzip"]);
}

#[test]
fn truncated_gzip_names_file_and_offset() {
    let input: String = (0..2000)
        .map(|i| format!("{{\"id\":\"{i}\",\"text\":\"story number {i} with some words\"}}\n"))
        .collect();
    let gz = gzip(input.as_bytes());
    let cut = gz[..gz.len() / 2].to_vec();
    let ev = read_all(cut, "cut.jsonl.gz");
    let last = ev.last().unwrap();
    let ReadEvent::Error(e) = last else {
        panic!("expected an error, got {last:?}")
    };
    assert_eq!(e.kind, "truncated_gzip");
    assert_eq!(e.location.path, "cut.jsonl.gz");
    assert!(e.location.offset.unwrap() > 0);
    assert!(docs(&ev).len() > 100);
    // Every doc before the cut is whole.
    for d in docs(&ev) {
        assert!(d.text.ends_with("some words"));
    }
    let zs = zstd(input.as_bytes());
    let ev = read_all(zs[..zs.len() / 2].to_vec(), "cut.jsonl.zst");
    let ReadEvent::Error(e) = ev.last().unwrap() else {
        panic!()
    };
    assert!(e.kind.as_str().ends_with("_zstd"), "{}", e.kind);
}

#[test]
fn listing_is_sorted_recursive_skips_hidden_and_detects_loops() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    std::fs::create_dir_all(root.join("b/deep")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("b/deep/z.txt"), "z").unwrap();
    std::fs::write(root.join("a.jsonl"), "{\"text\":\"a\"}\n").unwrap();
    std::fs::write(root.join("c.txt"), "c").unwrap();
    std::fs::write(root.join(".hidden"), "h").unwrap();
    std::fs::write(root.join(".git/HEAD"), "h").unwrap();
    std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling")).unwrap();
    let (files, errors) =
        list_inputs(&[root.clone(), PathBuf::from("-"), dir.path().join("missing")]);
    let prefixes: Vec<_> = files.iter().map(|f| f.id_prefix.as_str()).collect();
    assert_eq!(
        prefixes,
        [
            "crawl/a.jsonl",
            "crawl/b/deep/z.txt",
            "crawl/c.txt",
            "stdin"
        ]
    );
    assert!(files[3].is_stdin());
    assert_eq!(files[0].size, Some(13));
    let kinds: Vec<_> = errors
        .iter()
        .map(|e| (e.kind.as_str(), e.location.path.rsplit('/').next().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("symlink_loop", "loop"),
            ("unreadable", "dangling"),
            ("unreadable", "missing")
        ]
    );

    // Named explicitly, a hidden file is read; a file listed twice (or via a link) is read once.
    std::os::unix::fs::symlink(root.join("c.txt"), dir.path().join("c-link.txt")).unwrap();
    let (files, errors) = list_inputs(&[
        root.join(".hidden"),
        root.join("c.txt"),
        dir.path().join("c-link.txt"),
        root.join("c.txt"),
    ]);
    assert!(errors.is_empty());
    let prefixes: Vec<_> = files.iter().map(|f| f.id_prefix.as_str()).collect();
    assert_eq!(prefixes, [".hidden", "c.txt"]);
}

#[test]
fn same_file_names_get_distinct_prefixes_and_real_files_read() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("part.jsonl"),
            "{\"text\":\"t\"}\n",
        )
        .unwrap();
    }
    let (files, errors) = list_inputs(&[
        dir.path().join("x/part.jsonl"),
        dir.path().join("y/part.jsonl"),
    ]);
    assert!(errors.is_empty());
    assert_ne!(files[0].id_prefix, files[1].id_prefix);
    let ev: Vec<_> = open_input(&files[1], 7, &ReadOptions::default()).collect();
    let d = docs(&ev);
    assert_eq!(d[0].pos.file, 7);
    assert_eq!(d[0].id, format!("{}#0", files[1].id_prefix));

    let missing = InputFile::from_path(dir.path().join("gone.txt"));
    let ev: Vec<_> = open_input(&missing, 0, &ReadOptions::default()).collect();
    assert_eq!(summary(&ev), ["err:unreadable"]);
}

#[test]
fn stats_count_compressed_and_decompressed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.jsonl.gz");
    let raw: String = (0..500)
        .map(|i| format!("{{\"text\":\"doc {i}\"}}\n"))
        .collect();
    let gz = gzip(raw.as_bytes());
    std::fs::write(&p, &gz).unwrap();
    let mut r = open_input(&InputFile::from_path(&p), 0, &ReadOptions::default());
    assert_eq!(r.by_ref().count(), 500);
    let s = r.stats().snapshot();
    assert_eq!(s.compressed_bytes, gz.len() as u64);
    assert_eq!(s.decompressed_bytes, raw.len() as u64);
}
