//! End-to-end: copies of the seed page on other sites, with their own sidebars, form one cluster
//! whose original is CNN's text; splitting the run into tasks does not change the result.

mod common;

use common::*;
use newsmill_core::Doc;
use newsmill_core::{MemorySource, WorkDir};
use newsmill_dedup::{DedupAction, DedupConfig};

const SITES: [(&str, &str); 5] = [
    ("Tirana Times", "tiranatimes.al"),
    ("Balkan Post", "www.balkanpost.example"),
    ("Metro Wire", "metrowire.example"),
    ("Daily Ledger", "news.dailyledger.example"),
    ("Kosova Herald", "kosovaherald.example"),
];

fn doc(id: &str, site: &str, host: &str, text: String) -> Doc {
    let mut d = Doc::new(id, text);
    d.site = Some(site.to_string());
    d.url = Some(format!("https://{host}/{id}"));
    d
}

/// The CNN story, copies of it on five sites (one the crawled seed page itself, one a brief, one
/// edited), and four unrelated pages on each site sharing that site's sidebar.
fn corpus() -> Vec<Doc> {
    let cnn = cnn_story();
    let paras: Vec<&str> = cnn.lines().collect();
    let mut docs = vec![doc("cnn", "CNN", "edition.cnn.com", cnn.clone())];
    for (s, (site, host)) in SITES.iter().enumerate() {
        let pool = if s == 0 {
            seed_sidebar()
        } else {
            teasers(s as u64, 6)
        };
        let pick = |i: usize| -> Vec<String> {
            (0..4).map(|k| pool[(i + k) % pool.len()].clone()).collect()
        };
        for i in 0..4 {
            let body = story(1000 * s as u64 + i as u64, 3 + i);
            let text = if s == 0 {
                format!("{body}\n{}", pick(i).join("\n"))
            } else {
                site_page(site, &body, Some("Reuters"), &pick(i))
            };
            docs.push(doc(&format!("{host}-other-{i}"), site, host, text));
        }
        let copy = match s {
            0 => SEED.to_string(),
            1 => site_page(site, &paras[..2].join("\n"), Some("CNN"), &pick(4)),
            2 => {
                let edited: Vec<&str> = paras
                    .iter()
                    .copied()
                    .filter(|p| !p.starts_with("Asked about Trump"))
                    .collect();
                site_page(site, &edited.join(" "), Some("CNN"), &pick(4))
            }
            _ => site_page(site, &cnn, Some("CNN"), &pick(4)),
        };
        docs.push(doc(&format!("{host}-copy"), site, host, copy));
    }
    docs
}

#[test]
fn seed_copies_form_one_cluster_with_cnn_as_original() {
    let docs = corpus();
    let source = MemorySource::split(docs.clone(), 3);
    let dir = TempDir::new("seed");
    let out = run(&source, source.shards(), &DedupConfig::default(), &dir.0, 2);
    assert_eq!(out.len(), docs.len());

    let cnn = &out["cnn"];
    assert_eq!(cnn.drop, None, "the original is kept");
    assert_eq!(cnn.cluster.1, 1 + SITES.len(), "{:?}", cnn.cluster);
    assert_eq!(cnn.cluster.2, "cnn");
    assert_eq!(cnn.text, cnn_story(), "the original's text is untouched");
    for (_, host) in SITES {
        let c = &out[&format!("{host}-copy")];
        assert_eq!(c.cluster, cnn.cluster, "{host}");
        let (reason, of) = c.drop.clone().expect("copies are dropped");
        assert_eq!(reason, "near_duplicate");
        assert_eq!(of, "cnn");
        // The copy lost its site's sidebar as boilerplate.
        assert!(
            c.removed
                .iter()
                .filter(|r| r.starts_with("site_boilerplate: "))
                .count()
                >= 4,
            "{host}: {:?}",
            c.removed
        );
        assert!(!c.text.contains("..."), "{host}: {}", c.text);
        for i in 0..4 {
            let o = &out[&format!("{host}-other-{i}")];
            assert_eq!(
                o.cluster.1, 1,
                "unrelated page {host}-other-{i} is a singleton"
            );
            assert_eq!(o.drop, None);
        }
    }
    // The seed page's own sidebar is removed, its story kept.
    let seed_copy = &out["tiranatimes.al-copy"];
    for t in seed_sidebar() {
        assert!(seed_copy
            .removed
            .contains(&format!("site_boilerplate: {}", t.trim())));
    }
    assert!(seed_copy
        .text
        .starts_with("Russia hopes to resume dialogue"));
}

#[test]
fn four_tasks_give_the_same_clusters_as_one() {
    let mut docs = corpus();
    // Exact copies of pages (one of them the seed page), so several clusters are in play; the
    // seed page's copy is an exact duplicate of an earlier page, though not of its original.
    let extra: Vec<Doc> = docs[1..6]
        .iter()
        .map(|d| {
            let mut e = d.clone();
            e.id = format!("{}-again", d.id);
            e
        })
        .collect();
    docs.extend(extra);
    let one = MemorySource::split(docs.clone(), 1);
    let four = MemorySource::split(docs.clone(), 4);
    assert_eq!(four.shards().len(), 4);
    let (d1, d4) = (TempDir::new("one"), TempDir::new("four"));
    let c1 = DedupConfig {
        partitions: 1,
        ..DedupConfig::default()
    };
    let c4 = DedupConfig {
        partitions: 4,
        ..DedupConfig::default()
    };
    let r1 = run(&one, one.shards(), &c1, &d1.0, 1);
    let r4 = run(&four, four.shards(), &c4, &d4.0, 4);
    assert_eq!(r1, r4);
    assert!(
        r1.values()
            .filter(|f| f.drop.as_ref().is_some_and(|d| d.0 == "exact_duplicate"))
            .count()
            >= 5
    );
}

#[test]
fn tag_action_keeps_every_member_and_tags_it() {
    let docs = corpus();
    let source = MemorySource::split(docs, 2);
    let dir = TempDir::new("tag");
    let config = DedupConfig {
        action: DedupAction::Tag,
        ..DedupConfig::default()
    };
    let out = run(&source, source.shards(), &config, &dir.0, 1);
    assert!(out.values().all(|f| f.drop.is_none()));
    let copies: Vec<_> = out.iter().filter(|(id, _)| id.ends_with("-copy")).collect();
    assert_eq!(copies.len(), SITES.len());
    assert!(copies
        .iter()
        .all(|(_, f)| f.cluster.2 == "cnn" && f.cluster.1 == 6));
}

#[test]
fn a_resumed_run_reuses_finished_tasks_and_decides_the_same() {
    let docs = corpus();
    let source = MemorySource::split(docs, 2);
    let dir = TempDir::new("resume");
    let config = DedupConfig::default();
    let first = run(&source, source.shards(), &config, &dir.0, 2);
    // Remove the last phase's output and marker: only it reruns.
    let step = dir.0.join("dedup");
    std::fs::remove_file(step.join("dedup-cluster-00000-of-00001.done")).unwrap();
    std::fs::remove_dir_all(step.join("decisions")).unwrap();
    let second = run(&source, source.shards(), &config, &dir.0, 2);
    assert_eq!(first, second);
}

#[test]
fn applying_decisions_to_the_wrong_document_is_an_error() {
    let docs = corpus();
    let source = MemorySource::split(docs.clone(), 1);
    let dir = TempDir::new("order");
    let work = WorkDir::new(&dir.0);
    newsmill_dedup::run_dedup(&source, &work, &DedupConfig::default(), 1).unwrap();
    let mut dec = newsmill_dedup::ShardDecisions::open(&work.step("dedup"), 0).unwrap();
    let mut wrong = docs[1].clone();
    assert!(dec.apply(&mut wrong).is_err());
}

#[test]
fn odd_documents_never_panic_and_all_get_a_decision() {
    let long_word = "x".repeat(5000);
    let texts = [
        String::new(),
        "...".to_string(),
        "\u{2019}\u{2019}'' -- \u{2026}".to_string(),
        "\r\r\n\n\r".to_string(),
        long_word.clone(),
        format!("{long_word}\n{long_word}"),
        "东京 都 の ニュース 速報 です。\n東京都のニュース速報です。".to_string(),
        "İstanbul ÇAĞRI 🙂 ﬁne straße".to_string(),
        "(Source: )\nvia\nSyndicated from .".to_string(),
        "a".to_string(),
    ];
    let mut docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Doc::new(format!("odd{i}"), t.clone()))
        .collect();
    // And each one twice, so exact matching runs on them too.
    let again: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut e = d.clone();
            e.id = format!("{}-again", d.id);
            e
        })
        .collect();
    docs.extend(again);
    let source = MemorySource::split(docs.clone(), 3);
    let dir = TempDir::new("odd");
    let out = run(&source, source.shards(), &DedupConfig::default(), &dir.0, 2);
    assert_eq!(out.len(), docs.len());
    // Texts with words have an exact twin; the wordless ones match nothing.
    assert_eq!(
        out["odd4-again"].drop.as_ref().map(|d| d.0.as_str()),
        Some("exact_duplicate")
    );
    assert_eq!(out["odd0-again"].cluster.1, 1);
}
