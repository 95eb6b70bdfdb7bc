//! Round-trip tests: documents written by [`ParquetArticleWriter`] are read back with the
//! parquet crate's own Arrow reader and rebuilt into [`Doc`]s, which must equal the input.

use super::*;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type, Int64Type};
use arrow_array::Array;
use newsmill_core::{Cluster, Language, Person, Quote, QuoteKind, Removed};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::json;
use std::collections::BTreeMap;
use std::fs::File;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "newsmill-parquet-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn span(start: usize, end: usize) -> Span {
    Span { start, end }
}

/// A document with every field set, nested lists of several elements and both null and
/// non-null optional members, so that a misaligned offset or validity bit shows.
fn full_doc(n: usize) -> Doc {
    let mut d = Doc::new(
        format!("doc-{n}"),
        format!("Title {n}\n«Ça va», il a dit. Line {n}"),
    );
    d.url = Some(format!("https://example.com/{n}"));
    d.title = Some(format!("Title {n}"));
    d.date = Some("2024-03-01T10:00:00Z".into());
    d.author = Some("Ann Lee, Bo Chen".into());
    d.site = Some("Example News".into());
    d.canonical_url = Some(format!("https://example.com/c/{n}"));
    d.source = Some("Reuters".into());
    d.page_type = Some("article".into());
    d.language = Some(Language {
        code: "fr".into(),
        confidence: 0.875,
    });
    d.removed = vec![
        Removed {
            text: "Share on Facebook".into(),
            reason: "share".into(),
        },
        Removed {
            text: "Read more:".into(),
            reason: "teaser".into(),
        },
    ];
    d.quality = BTreeMap::from([
        ("word_count".to_string(), 12.0 + n as f64),
        ("stop_word_ratio".to_string(), 0.25),
    ]);
    d.quotes = vec![
        Quote {
            contents: vec![span(10, 16), span(30, 40)],
            kind: QuoteKind::Direct,
            cue: Some(span(21, 27)),
            speaker: Some("Jean Dupont".into()),
            speaker_mention: Some(span(18, 20)),
            role: Some("minister".into()),
        },
        Quote {
            contents: vec![span(1, 5)],
            kind: QuoteKind::Indirect,
            cue: None,
            speaker: None,
            speaker_mention: None,
            role: None,
        },
        Quote {
            contents: vec![],
            kind: QuoteKind::Mixed,
            cue: Some(span(2, 3)),
            speaker: Some("X".into()),
            speaker_mention: None,
            role: None,
        },
    ];
    d.people = vec![
        Person {
            name: "Jean Dupont".into(),
            role: Some("minister".into()),
            mentions: 3,
        },
        Person {
            name: "Ann Lee".into(),
            role: None,
            mentions: 1,
        },
    ];
    d.cluster = Some(Cluster {
        id: format!("c-{n}"),
        size: 4,
        original: "doc-0".into(),
    });
    d.extra = json!({"crawl": "CC-2024", "tags": ["a", "b"], "n": n})
        .as_object()
        .unwrap()
        .clone();
    d
}

fn opt_str(a: &dyn Array, i: usize) -> Option<String> {
    let a = a.as_string::<i32>();
    a.is_valid(i).then(|| a.value(i).to_string())
}

fn usize_at(a: &dyn Array, i: usize) -> usize {
    usize::try_from(a.as_primitive::<Int64Type>().value(i)).unwrap()
}

fn span_at(s: &StructArray, i: usize) -> Option<Span> {
    s.is_valid(i)
        .then(|| span(usize_at(s.column(0), i), usize_at(s.column(1), i)))
}

/// Rebuilds the documents of one batch, reading every column by name.
fn docs_from_batch(batch: &RecordBatch) -> Vec<Doc> {
    let col = |name: &str| batch.column_by_name(name).unwrap().clone();
    let (language, removed, quality) = (col("language"), col("removed"), col("quality"));
    let (quotes, people, cluster) = (col("quotes"), col("people"), col("cluster"));
    let language = language.as_struct();
    let removed = removed.as_list::<i32>();
    let quality = quality.as_map();
    let quotes = quotes.as_list::<i32>();
    let people = people.as_list::<i32>();
    let cluster = cluster.as_struct();
    (0..batch.num_rows())
        .map(|i| {
            let s = |name: &str| opt_str(col(name).as_ref(), i);
            let mut d = Doc::new(s("id").unwrap(), s("text").unwrap());
            d.url = s("url");
            d.title = s("title");
            d.date = s("date");
            d.author = s("author");
            d.site = s("site");
            d.canonical_url = s("canonical_url");
            d.source = s("source");
            d.page_type = s("page_type");
            d.language = language.is_valid(i).then(|| Language {
                code: opt_str(language.column(0), i).unwrap(),
                confidence: language.column(1).as_primitive::<Float32Type>().value(i),
            });
            let r = removed.value(i);
            let r = r.as_struct();
            d.removed = (0..r.len())
                .map(|j| Removed {
                    text: opt_str(r.column(0), j).unwrap(),
                    reason: opt_str(r.column(1), j).unwrap(),
                })
                .collect();
            let q = quality.value(i);
            d.quality = (0..q.len())
                .map(|j| {
                    let v = q.column(1).as_primitive::<Float64Type>().value(j);
                    (opt_str(q.column(0), j).unwrap(), v)
                })
                .collect();
            let qs = quotes.value(i);
            let qs = qs.as_struct();
            d.quotes = (0..qs.len())
                .map(|j| {
                    let contents = qs.column(0).as_list::<i32>().value(j);
                    let contents = contents.as_struct();
                    let kind = match opt_str(qs.column(1), j).unwrap().as_str() {
                        "direct" => QuoteKind::Direct,
                        "mixed" => QuoteKind::Mixed,
                        "indirect" => QuoteKind::Indirect,
                        other => panic!("unknown quote type {other}"),
                    };
                    Quote {
                        contents: (0..contents.len())
                            .map(|k| span_at(contents, k).unwrap())
                            .collect(),
                        kind,
                        cue: span_at(qs.column(2).as_struct(), j),
                        speaker: opt_str(qs.column(3), j),
                        speaker_mention: span_at(qs.column(4).as_struct(), j),
                        role: opt_str(qs.column(5), j),
                    }
                })
                .collect();
            let ps = people.value(i);
            let ps = ps.as_struct();
            d.people = (0..ps.len())
                .map(|j| Person {
                    name: opt_str(ps.column(0), j).unwrap(),
                    role: opt_str(ps.column(1), j),
                    mentions: usize_at(ps.column(2), j),
                })
                .collect();
            d.cluster = cluster.is_valid(i).then(|| Cluster {
                id: opt_str(cluster.column(0), i).unwrap(),
                size: usize_at(cluster.column(1), i),
                original: opt_str(cluster.column(2), i).unwrap(),
            });
            let extra: serde_json::Value = serde_json::from_str(&s("extra").unwrap()).unwrap();
            d.extra = extra.as_object().unwrap().clone();
            d
        })
        .collect()
}

/// Reads a whole file back: its documents and the row count of each row group.
fn read_back(path: &Path) -> (Vec<Doc>, Vec<i64>) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let groups = builder
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .collect();
    assert_eq!(builder.schema().fields(), schema().fields());
    let mut docs = vec![];
    for batch in builder.build().unwrap() {
        docs.extend(docs_from_batch(&batch.unwrap()));
    }
    (docs, groups)
}

/// The fields the file is meant to carry: everything but the run position and raw HTML.
fn written_part(d: &Doc) -> Doc {
    Doc {
        pos: Default::default(),
        html: None,
        ..d.clone()
    }
}

#[test]
fn full_and_empty_documents_round_trip() {
    let dir = temp_dir("roundtrip");
    let path = dir.join("articles.parquet");
    let mut sparse = Doc::new("bare", "");
    sparse.pos.record = 7;
    sparse.title = Some("Only a title".into());
    let mut odd_extra = full_doc(2);
    odd_extra.language = None;
    odd_extra.cluster = None;
    odd_extra.quality.insert("nan_check".into(), f64::INFINITY);
    let docs = vec![full_doc(0), sparse, full_doc(1), odd_extra];

    let mut w = ParquetArticleWriter::create(&path).unwrap();
    for d in &docs {
        w.write(d).unwrap();
    }
    w.finish().unwrap();

    let (back, groups) = read_back(&path);
    let expected: Vec<Doc> = docs.iter().map(written_part).collect();
    assert_eq!(back, expected);
    assert_eq!(groups, vec![4]);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the final file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rows_limit_cuts_row_groups_and_keeps_order() {
    let dir = temp_dir("rows");
    let path = dir.join("articles.parquet");
    let docs: Vec<Doc> = (0..20).map(full_doc).collect();
    let mut w = ParquetArticleWriter::with_row_group_limits(&path, 7, usize::MAX).unwrap();
    for d in &docs {
        w.write(d).unwrap();
    }
    w.finish().unwrap();
    let (back, groups) = read_back(&path);
    assert_eq!(groups, vec![7, 7, 6]);
    let ids: Vec<&str> = back.iter().map(|d| d.id.as_str()).collect();
    let want: Vec<String> = (0..20).map(|n| format!("doc-{n}")).collect();
    assert_eq!(ids, want);
    assert_eq!(back[19], written_part(&docs[19]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn byte_limit_cuts_row_groups_for_long_texts() {
    let dir = temp_dir("bytes");
    let path = dir.join("articles.parquet");
    let mut w = ParquetArticleWriter::with_row_group_limits(&path, 1000, 25_000).unwrap();
    for n in 0..10 {
        w.write(&Doc::new(format!("d{n}"), "x".repeat(10_000)))
            .unwrap();
    }
    w.finish().unwrap();
    let (back, groups) = read_back(&path);
    // 10 kB per row: the third row crosses 25 kB and closes each group.
    assert_eq!(groups, vec![3, 3, 3, 1]);
    assert_eq!(back.len(), 10);
    assert!(back.iter().all(|d| d.text.len() == 10_000));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn final_name_appears_only_on_finish_and_abandoned_writes_leave_nothing() {
    let dir = temp_dir("atomic");
    let path = dir.join("articles.parquet");
    let mut w = ParquetArticleWriter::with_row_group_limits(&path, 2, usize::MAX).unwrap();
    for n in 0..5 {
        w.write(&full_doc(n)).unwrap();
    }
    let names = || -> Vec<String> {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert!(
        names()
            .iter()
            .any(|n| n.starts_with("articles.parquet.tmp")),
        "row groups go to the temporary file"
    );
    assert!(!path.exists(), "nothing under the final name before finish");
    drop(w);
    assert!(
        names().is_empty(),
        "an abandoned writer removes its temporary file"
    );
    assert!(!path.exists());

    let w = ParquetArticleWriter::create(&path).unwrap();
    w.finish().unwrap();
    let (back, groups) = read_back(&path);
    assert!(
        back.is_empty() && groups.is_empty(),
        "an empty run is a valid empty file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn schema_types_are_the_documented_ones() {
    let s = schema();
    let dt = |n: &str| s.field_with_name(n).unwrap().data_type().clone();
    assert!(matches!(dt("quality"), DataType::Map(_, false)));
    assert!(s.field_with_name("cluster").unwrap().is_nullable());
    assert!(s.field_with_name("language").unwrap().is_nullable());
    assert!(!s.field_with_name("text").unwrap().is_nullable());
    assert!(
        s.field_with_name("pos").is_err(),
        "positions are not written"
    );
    let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "url",
            "title",
            "date",
            "author",
            "site",
            "canonical_url",
            "source",
            "page_type",
            "language",
            "text",
            "removed",
            "quality",
            "quotes",
            "people",
            "cluster",
            "extra"
        ]
    );
}
