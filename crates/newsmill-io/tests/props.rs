//! Property tests: what we write we read back, in every framing; and no truncation or byte soup
//! makes a reader panic or report an error without a position.

mod common;

use common::*;
use newsmill_io::{ReadEvent, ReadOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy)]
enum Framing {
    Plain,
    Gzip,
    GzipMembers,
    Zstd,
}

fn frame(records: &[Vec<u8>], how: Framing) -> Vec<u8> {
    match how {
        Framing::Plain => records.concat(),
        Framing::Gzip => gzip(&records.concat()),
        Framing::GzipMembers => gzip_members(records),
        Framing::Zstd => zstd(&records.concat()),
    }
}

fn framing() -> impl Strategy<Value = Framing> {
    prop_oneof![
        Just(Framing::Plain),
        Just(Framing::Gzip),
        Just(Framing::GzipMembers),
        Just(Framing::Zstd)
    ]
}

#[derive(Debug, Clone)]
struct GenDoc {
    id: Option<String>,
    text: String,
    url: Option<String>,
    extra: std::collections::BTreeMap<String, i64>,
}

fn gen_doc() -> impl Strategy<Value = GenDoc> {
    (
        proptest::option::of("[a-z0-9-]{1,12}"),
        // Any Unicode (newlines, quotes, NULs included) after a visible first character.
        ("[a-zA-Z]", any::<String>()).prop_map(|(a, b)| a + &b),
        proptest::option::of("https://[a-z]{1,8}\\.test/[a-z0-9/]{0,12}"),
        proptest::collection::btree_map("x_[a-z]{1,6}", any::<i64>(), 0..3),
    )
        .prop_map(|(id, text, url, extra)| GenDoc {
            id,
            text,
            url,
            extra,
        })
}

fn jsonl_line(d: &GenDoc) -> Vec<u8> {
    let mut o = serde_json::Map::new();
    if let Some(id) = &d.id {
        o.insert("id".into(), json!(id));
    }
    o.insert("text".into(), json!(d.text));
    if let Some(u) = &d.url {
        o.insert("url".into(), json!(u));
    }
    for (k, v) in &d.extra {
        o.insert(k.clone(), json!(v));
    }
    let mut line = serde_json::to_vec(&Value::Object(o)).unwrap();
    line.push(b'\n');
    line
}

fn only_docs(events: &[ReadEvent]) -> Vec<newsmill_core::Doc> {
    events
        .iter()
        .filter_map(|e| match e {
            ReadEvent::Doc(d) => Some(d.clone()),
            _ => None,
        })
        .collect()
}

/// Errors and rejects must always say where they happened.
fn assert_positioned(events: &[ReadEvent], name: &str) {
    for e in events {
        match e {
            ReadEvent::Error(err) => {
                assert_eq!(err.location.path, name);
                assert!(
                    err.location.line.is_some() || err.location.offset.is_some(),
                    "error without position: {err}"
                );
            }
            ReadEvent::Rejected { location, .. } | ReadEvent::Skipped { location, .. } => {
                assert_eq!(location.path, name);
            }
            ReadEvent::Doc(_) => {}
        }
    }
}

/// 64 cases per property in CI; `PROPTEST_CASES=N` for a longer run.
fn small_cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(small_cases())]

    #[test]
    fn jsonl_round_trips(docs in proptest::collection::vec(gen_doc(), 1..12), how in framing()) {
        let lines: Vec<Vec<u8>> = docs.iter().map(jsonl_line).collect();
        let events = read_all(frame(&lines, how), "g.jsonl");
        let got = only_docs(&events);
        prop_assert_eq!(got.len(), docs.len(), "{:?}", summary(&events));
        for (i, (g, d)) in got.iter().zip(&docs).enumerate() {
            let want_id = d.id.clone().unwrap_or_else(|| format!("g.jsonl#{i}"));
            prop_assert_eq!(&g.id, &want_id);
            prop_assert_eq!(&g.text, &d.text);
            prop_assert_eq!(&g.url, &d.url);
            prop_assert_eq!(g.pos.record, i as u64);
            for (k, v) in &d.extra {
                prop_assert_eq!(&g.extra[k], &json!(v));
            }
        }
    }

    #[test]
    fn warc_round_trips(
        pages in proptest::collection::vec("[ -~]{0,200}", 1..8),
        requests in any::<bool>(),
        how in framing(),
    ) {
        let mut records = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            if requests {
                records.push(warc_request(&format!("https://n.test/{i}")));
            }
            records.push(warc_response(&format!("id{i}"), &format!("https://n.test/{i}"), &format!("<html>{p}</html>")));
        }
        let events = read_all(frame(&records, how), "g.warc");
        let got = only_docs(&events);
        prop_assert_eq!(got.len(), pages.len(), "{:?}", summary(&events));
        for (i, (g, p)) in got.iter().zip(&pages).enumerate() {
            prop_assert_eq!(&g.id, &format!("urn:uuid:id{i}"));
            let html = g.html.as_ref().unwrap();
            let want = format!("<html>{p}</html>").into_bytes();
            prop_assert_eq!(&html.bytes, &want);
        }
        let skipped = events.iter().filter(|e| matches!(e, ReadEvent::Skipped { .. })).count();
        prop_assert_eq!(skipped, if requests { pages.len() } else { 0 });
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), how in framing()) {
        let opts = ReadOptions { max_doc_bytes: 512, ..ReadOptions::default() };
        for prefix in [&b""[..], b"WARC/1.0\r\n", b"{\"text\":\"", b"WARC/1.0\r\nContent-Length: 40\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n"] {
            let mut input = prefix.to_vec();
            input.extend_from_slice(&bytes);
            let events = read_with(frame(&[input], how), "soup", &opts);
            assert_positioned(&events, "soup");
        }
    }

    #[test]
    fn structured_mutations_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        how in framing(),
    ) {
        // A valid WARC + JSONL mix, then a few bytes overwritten anywhere (headers included).
        let mut records = vec![warc_request("https://a.test/"), warc_response("m", "https://a.test/", "<html><p>ok</p></html>")];
        records.push(warc_response("n", "https://a.test/n", "<html><p>two</p></html>"));
        let mut plain = frame(&records, how);
        for (i, b) in &flips {
            let at = i.index(plain.len());
            plain[at] = *b;
        }
        let events = read_all(plain, "mut.warc");
        assert_positioned(&events, "mut.warc");
    }
}

/// Cuts a framed input at every byte and checks: no panic, every problem positioned, the docs read
/// are a prefix of the full input's docs, and a cut strictly inside compressed data is reported.
fn check_every_cut(records: &[Vec<u8>], how: Framing, name: &str) {
    let full = frame(records, how);
    let all_docs = only_docs(&read_all(full.clone(), name));
    assert!(!all_docs.is_empty());
    for cut in 0..full.len() {
        let events = read_all(full[..cut].to_vec(), name);
        assert_positioned(&events, name);
        let docs = only_docs(&events);
        assert!(docs.len() <= all_docs.len(), "cut {cut}");
        for (d, want) in docs.iter().zip(&all_docs) {
            assert_eq!(d.id, want.id, "cut {cut}");
            assert_eq!(d.text, want.text, "cut {cut}");
            assert_eq!(d.html, want.html, "cut {cut}");
        }
        if matches!(how, Framing::Gzip | Framing::Zstd) && cut > 0 {
            let reported = events
                .iter()
                .any(|e| matches!(e, ReadEvent::Error(_) | ReadEvent::Rejected { .. }));
            assert!(
                reported,
                "{name} cut at {cut} of {} not reported: {:?}",
                full.len(),
                summary(&events)
            );
        }
    }
}

#[test]
fn truncation_at_every_byte_jsonl() {
    let docs: Vec<Vec<u8>> = (0..4)
        .map(|i| {
            jsonl_line(&GenDoc {
                id: Some(format!("d{i}")),
                text: format!("Story {i} says \"hello\" — ünïcödé.\nSecond line."),
                url: None,
                extra: [("x_n".to_string(), i)].into(),
            })
        })
        .collect();
    for how in [
        Framing::Plain,
        Framing::Gzip,
        Framing::GzipMembers,
        Framing::Zstd,
    ] {
        check_every_cut(&docs, how, "cut.jsonl");
    }
}

#[test]
fn truncation_at_every_byte_warc() {
    let records = vec![
        warc_request("https://a.test/1"),
        warc_response("r1", "https://a.test/1", "<html><p>first page</p></html>"),
        warc_response("r2", "https://a.test/2", "<html><p>second page</p></html>"),
    ];
    for how in [
        Framing::Plain,
        Framing::Gzip,
        Framing::GzipMembers,
        Framing::Zstd,
    ] {
        check_every_cut(&records, how, "cut.warc");
    }
}
