//! The accounting invariant (issue #5): every input record ends in `articles.jsonl` or in
//! `rejects.jsonl`, exactly once, whatever the input and whichever stages run. A property test
//! over random JSONL inputs (plain, gzip or zstd; duplicates, empty texts, over-limit lines,
//! garbage, blank lines, HTML records), random stage selections and random task counts.

mod common;

use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::fs;

const ALL_STAGES: [&str; 8] = [
    "extract",
    "normalize",
    "clean",
    "language",
    "quality",
    "exact_dedup",
    "near_dedup",
    "quotes",
];

/// The config of every case: a small document limit so that "huge" lines are cheap.
const MAX_DOC_BYTES: usize = 2048;

#[derive(Debug, Clone)]
enum Line {
    /// A text document; `text < 6` picks one of six shared texts (duplicates), larger values a
    /// text of its own.
    Doc { with_id: bool, text: usize },
    /// An `html` record instead of `text`.
    Html { text: usize },
    /// `"text": ""`.
    EmptyText,
    /// A line over the document limit.
    Huge,
    /// A line that is not JSON.
    Garbage(Vec<u8>),
    /// An empty or whitespace-only line: not a record.
    Blank,
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        8 => (any::<bool>(), 0..14usize).prop_map(|(with_id, text)| Line::Doc { with_id, text }),
        1 => (0..14usize).prop_map(|text| Line::Html { text }),
        1 => Just(Line::EmptyText),
        1 => Just(Line::Huge),
        2 => proptest::collection::vec(any::<u8>(), 0..80).prop_map(Line::Garbage),
        1 => Just(Line::Blank),
    ]
}

/// Writes the files; returns the declared ids, each with the derived id the reader may give it
/// instead (`in/part-F.jsonl[.gz|.zst]#LINE`, for over-limit lines it does not parse), and how many records
/// the files hold.
#[allow(clippy::type_complexity)]
fn write_inputs(
    dir: &std::path::Path,
    files: &[Vec<Line>],
    compress: &[u8],
) -> (Vec<(String, Option<String>)>, usize) {
    let mut ids = Vec::new();
    let mut records = 0;
    let mut unique = 0;
    for (f, lines) in files.iter().enumerate() {
        // Plain, gzip or zstd: the reader sniffs compression by magic bytes.
        let name = match compress[f] {
            0 => format!("part-{f}.jsonl"),
            1 => format!("part-{f}.jsonl.gz"),
            _ => format!("part-{f}.jsonl.zst"),
        };
        let mut out: Vec<u8> = Vec::new();
        let mut text_of = |t: usize| {
            if t < 6 {
                story(t)
            } else {
                unique += 1;
                story(10_000 + f * 1000 + unique)
            }
        };
        let mut lines = lines.clone();
        if lines.iter().all(|l| matches!(l, Line::Blank)) {
            lines.insert(
                0,
                Line::Doc {
                    with_id: true,
                    text: 99,
                },
            );
        }
        for (n, line) in lines.iter().enumerate() {
            let id = format!("f{f}-l{n}");
            let text = match line {
                Line::Doc { with_id, text } => {
                    let body = text_of(*text);
                    if *with_id {
                        ids.push((id.clone(), None));
                        jsonl_doc(&id, &body)
                    } else {
                        serde_json::json!({ "text": body, "feed": "no-id" }).to_string()
                    }
                }
                Line::Html { text } => {
                    ids.push((id.clone(), None));
                    let paras: String = text_of(*text)
                        .lines()
                        .map(|p| format!("<p>{p}</p>"))
                        .collect();
                    serde_json::json!({
                        "id": id,
                        "html": format!("<html><head><title>T{n}</title></head><body><article>{paras}</article></body></html>"),
                    })
                    .to_string()
                }
                Line::EmptyText => {
                    ids.push((id.clone(), None));
                    serde_json::json!({ "id": id, "text": "" }).to_string()
                }
                Line::Huge => {
                    ids.push((id.clone(), Some(format!("in/{name}#{n}"))));
                    jsonl_doc(
                        &id,
                        &"A sentence that repeats until the line is too long. ".repeat(60),
                    )
                }
                Line::Garbage(bytes) => {
                    let mut g = b"garbage:".to_vec();
                    g.extend(bytes.iter().copied().filter(|b| *b != b'\n' && *b != b'\r'));
                    out.extend_from_slice(&g);
                    out.push(b'\n');
                    records += 1;
                    continue;
                }
                Line::Blank => {
                    out.extend_from_slice(b"  \n");
                    continue;
                }
            };
            records += 1;
            out.extend_from_slice(text.as_bytes());
            out.push(b'\n');
        }
        let bytes = match compress[f] {
            0 => out,
            1 => gzip_stored(&out, 1000),
            _ => zstd_raw(&out),
        };
        fs::write(dir.join(&name), bytes).unwrap();
    }
    (ids, records)
}

fn stages_arg(pick: &[bool]) -> String {
    let chosen: Vec<&str> = ALL_STAGES
        .iter()
        .zip(pick)
        .filter(|(_, p)| **p)
        .map(|(s, _)| *s)
        .collect();
    if chosen.is_empty() {
        "normalize".into()
    } else {
        chosen.join(",")
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_record_is_in_articles_or_rejects_exactly_once(
        files in proptest::collection::vec(proptest::collection::vec(line(), 0..24), 1..4),
        pick in proptest::collection::vec(any::<bool>(), ALL_STAGES.len()),
        tasks in 1..5usize,
        compress in proptest::collection::vec(0..3u8, 4),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in");
        fs::create_dir(&input).unwrap();
        let (declared, records) = write_inputs(&input, &files, &compress);
        let config = tmp.path().join("run.toml");
        fs::write(&config, format!("[limits]\nmax_doc_bytes = {MAX_DOC_BYTES}\n")).unwrap();
        let stages = stages_arg(&pick);
        let run = refine(
            &[&input],
            &tmp.path().join("out"),
            &["--config", config.to_str().unwrap(), "--stages", &stages, "--tasks", &tasks.to_string(), "-q"],
        );
        prop_assert_eq!(run.code, 0, "stages {}; stderr:\n{}", stages, run.stderr);
        let seen = assert_accounting(&run);
        prop_assert_eq!(seen.len(), records, "stages {}: {} records written, {} out", stages, records, seen.len());
        let seen: BTreeSet<&String> = seen.keys().collect();
        for (id, derived) in &declared {
            // A line over the limit is not parsed, so its reject may carry the derived id.
            prop_assert!(
                seen.contains(id) || derived.as_ref().is_some_and(|d| seen.contains(d)),
                "stages {}: {} in neither articles nor rejects", stages, id
            );
        }
        // Over-limit lines are rejects with the reason, never articles.
        for r in run.rejects() {
            if r["reason"] == "doc_too_large" {
                prop_assert_eq!(&r["stage"], "read");
            }
        }
    }
}
