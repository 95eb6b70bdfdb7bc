use super::bands::bands_task;
use super::cluster::{cluster_id, cluster_task, Decision, OriginalRank, UnionFind};
use super::layout::*;
use super::lines::lines_task;
use super::scan::scan_task;
use super::signatures::{signatures_task, Boilerplate, DocMeta};
use super::verify::{is_duplicate, sort_u24, verify_task, SketchReader};
use super::PHASES;
use crate::config::DedupConfig;
use crate::files::tests::TempDir;
use crate::files::{RecFormat, RecReader};
use crate::text::{mix64, Tokens};
use newsmill_core::{Doc, MemorySource, ShardSource, Task, TaskStats, WorkDir};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

const FOOTER: &str = "Copyright Example Times. All rights reserved. Subscribe to our newsletter.";

fn words(seed: u64, n: usize) -> String {
    (0..n)
        .map(|i| format!("w{:x}", mix64(seed * 1000 + i as u64) % 5000))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Five pages of one site sharing a footer; page 4 is page 0 with a sentence more.
fn site_docs() -> Vec<Doc> {
    let mut docs: Vec<Doc> = (0..4)
        .map(|i| {
            let mut d = Doc::new(format!("p{i}"), format!("{}\n{FOOTER}", words(i, 120)));
            d.site = Some("Example Times".into());
            d
        })
        .collect();
    let mut e = docs[0].clone();
    e.id = "p4".into();
    e.text = format!("{} One more sentence.\n{FOOTER}", words(0, 120));
    docs.push(e);
    docs
}

fn config() -> DedupConfig {
    DedupConfig {
        partitions: 2,
        ..DedupConfig::default()
    }
}

fn run_until(phase: &str, src: &MemorySource, dir: &Path, c: &DedupConfig) -> TaskStats {
    let n = src.shard_count();
    let mut last = TaskStats::default();
    let merge = |acc: &mut TaskStats, s: TaskStats| {
        for (k, v) in s.counters {
            *acc.counters.entry(k).or_insert(0) += v;
        }
    };
    for name in PHASES {
        let mut acc = TaskStats::default();
        match name {
            "dedup-scan" | "dedup-signatures" => {
                for r in 0..n {
                    let t = Task::new(name, r, n);
                    let s = if name == "dedup-scan" {
                        scan_task(src, dir, c, &t)
                    } else {
                        signatures_task(src, dir, c, &t)
                    };
                    merge(&mut acc, s.unwrap());
                }
            }
            "dedup-cluster" => merge(&mut acc, cluster_task(dir, c, n).unwrap()),
            _ => {
                let world = if name == "dedup-lines" {
                    line_partitions(c)
                } else {
                    c.partitions
                };
                for r in 0..world {
                    let t = Task::new(name, r, world);
                    let s = match name {
                        "dedup-lines" => lines_task(dir, c, &t, n),
                        "dedup-bands" => bands_task(dir, c, &t, n),
                        _ => verify_task(dir, c, &t, n),
                    };
                    merge(&mut acc, s.unwrap());
                }
            }
        }
        last = acc;
        if name == phase {
            break;
        }
    }
    last
}

#[test]
fn scan_counts_documents_and_lines_per_shard() {
    let dir = TempDir::new("scan");
    let src = MemorySource::split(site_docs(), 2);
    let s = run_until("dedup-scan", &src, &dir.0, &config());
    assert_eq!(s.counters["docs"], 5);
    assert_eq!(s.counters["lines"], 10);
    assert_eq!(
        read_count(&dir.0, 0).unwrap() + read_count(&dir.0, 1).unwrap(),
        5
    );
}

#[test]
fn lines_keep_keys_shared_by_enough_distinct_documents() {
    let dir = TempDir::new("lines");
    let c = config();
    let src = MemorySource::split(site_docs(), 2);
    run_until("dedup-lines", &src, &dir.0, &c);
    let b = Boilerplate::load(&dir.0, &c).unwrap();
    let mut t = Tokens::default();
    let d = &src.shards()[0][0];
    t.fill(&d.text);
    // The footer (5 pages) is boilerplate; the body (pages 0 and 4 only) is not.
    assert_eq!(b.boilerplate_lines(d, &t, &c), vec![1]);
    let strict = DedupConfig {
        boilerplate_min_docs: 6,
        ..c.clone()
    };
    assert!(b.boilerplate_lines(d, &t, &strict).is_empty());
}

#[test]
fn signatures_write_keys_sketches_and_meta() {
    let dir = TempDir::new("sig");
    let src = MemorySource::split(site_docs(), 2);
    let s = run_until("dedup-signatures", &src, &dir.0, &config());
    assert_eq!(s.counters["docs"], 5);
    assert_eq!(s.counters["boilerplate_lines"], 5);
    // An exact key and 14 band keys per document at least, plus anchors.
    assert!(s.counters["keys"] > 5 * 15, "{:?}", s.counters);
    let meta = fs::read_to_string(sig_meta(&dir.0, 0)).unwrap();
    let first: DocMeta = serde_json::from_str(meta.lines().next().unwrap()).unwrap();
    assert_eq!(first.id, "p0");
    assert_eq!(first.removed, vec![1]);
    assert_eq!(first.words, 120);
    let mut r = SketchReader::new(&dir.0, shard_offsets(&dir.0, 2).unwrap());
    let mut sk = Vec::new();
    r.read(0, &mut sk).unwrap();
    assert_eq!(sk.len(), 116);
    assert!(sk.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn bands_pair_documents_that_share_keys() {
    let dir = TempDir::new("bands");
    let src = MemorySource::split(site_docs(), 2);
    let s = run_until("dedup-bands", &src, &dir.0, &config());
    assert!(s.counters["pairs_emitted"] >= 1);
    let mut pairs = Vec::new();
    for from in 0..2 {
        for to in 0..2 {
            let mut r = RecReader::open_as(&pairs_part(&dir.0, from, to), RecFormat::PAIR).unwrap();
            while let Some(p) = r.next_rec().unwrap() {
                pairs.push(p);
            }
        }
    }
    // p0 (shard 0, ord 0: document 0) and p4 (shard 1, ord 1: document 4) share their body.
    assert!(pairs.contains(&(0, 4)), "{pairs:?}");
}

#[test]
fn verify_keeps_only_duplicates() {
    let dir = TempDir::new("verify");
    let src = MemorySource::split(site_docs(), 2);
    let s = run_until("dedup-verify", &src, &dir.0, &config());
    assert_eq!(s.counters["verified_edges"], 1, "{:?}", s.counters);
}

#[test]
fn cluster_writes_a_decision_per_document() {
    let dir = TempDir::new("cluster");
    let src = MemorySource::split(site_docs(), 2);
    let s = run_until("dedup-cluster", &src, &dir.0, &config());
    assert_eq!(s.counters["clusters"], 1);
    assert_eq!(s.counters["near_duplicates"], 1);
    let text = fs::read_to_string(decisions_path(&dir.0, 0)).unwrap();
    let d: Vec<Decision> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(d.len(), 3);
    // p4 has the longer clean text, so it is the original and p0 is dropped.
    assert_eq!(d[0].original, "p4");
    assert_eq!(d[0].drop.as_deref(), Some("near_duplicate"));
    assert_eq!(d[0].cluster, cluster_id("p4"));
    assert_eq!((d[1].size, d[1].drop.as_deref()), (1, None));
}

#[test]
fn exact_only_runs_find_exact_copies_and_nothing_else() {
    let dir = TempDir::new("exact");
    let mut docs = site_docs();
    let mut copy = docs[1].clone();
    copy.id = "p1-copy".into();
    copy.text = copy.text.to_uppercase().replace('\n', "\r\n");
    docs.push(copy);
    let c = DedupConfig {
        near: false,
        ..config()
    };
    let src = MemorySource::split(docs, 2);
    let r = crate::run_dedup(&src, &WorkDir::new(&dir.0), &c, 2).unwrap();
    // p1 and its re-cased copy; p0 and p4 (near copies) stay apart.
    assert_eq!(
        (r.clusters, r.exact_duplicates, r.near_duplicates),
        (1, 1, 0)
    );
}

#[test]
fn later_copies_write_only_their_exact_key() {
    let c = config();
    let docs = site_docs();
    let base = {
        let dir = TempDir::new("copies-base");
        let src = MemorySource::split(docs.clone(), 2);
        run_until("dedup-signatures", &src, &dir.0, &c).counters["keys"]
    };
    let mut more = docs.clone();
    // Two copies of p1 on its site (one re-cased, in the other shard), one copy with its lines
    // broken differently, and one on another site: only the first two are copies.
    for (id, text, site) in [
        ("p1-a", docs[1].text.clone(), "Example Times"),
        ("p1-b", docs[1].text.to_uppercase(), "Example Times"),
        ("p1-c", docs[1].text.replacen(' ', "\n", 1), "Example Times"),
        ("p1-d", docs[1].text.clone(), "Other Paper"),
    ] {
        let mut d = Doc::new(id, text);
        d.site = Some(site.into());
        more.push(d);
    }
    let dir = TempDir::new("copies");
    let src = MemorySource::split(more.clone(), 2);
    let s = run_until("dedup-signatures", &src, &dir.0, &c);
    assert_eq!(s.counters["copies"], 2);
    let per_doc = |k: u64| k as f64 / 5.0;
    // The two copies added one key each; the other two a full set.
    let extra = s.counters["keys"] - base;
    assert!(
        (extra as f64 - 2.0 - 2.0 * per_doc(base)).abs() < per_doc(base),
        "{extra} {base}"
    );
    // All five versions of p1 end in one cluster, as without the rule.
    let clusters = clusters_of(more, 2);
    for id in ["p1-a", "p1-b", "p1-c", "p1-d"] {
        assert_eq!(clusters["p1"], clusters[id], "{id}");
    }
    assert_ne!(clusters["p1"], clusters["p0"]);
}

#[test]
fn a_copy_that_reuses_the_original_id_is_still_dropped() {
    let dir = TempDir::new("same-id");
    let mut docs = site_docs();
    // The same page crawled twice under one id (a URL used as id): one must go.
    docs.push(docs[1].clone());
    let src = MemorySource::split(docs, 2);
    let r = crate::run_dedup(&src, &WorkDir::new(&dir.0), &config(), 2).unwrap();
    assert_eq!((r.clusters, r.exact_duplicates), (2, 1));
}

#[test]
fn radix_sort_matches_sort_unstable() {
    let mut tmp = Vec::new();
    for n in [0usize, 1, 5, 63, 64, 65, 300, 5000] {
        let mut v: Vec<u32> = (0..n as u64)
            .map(|i| (mix64(i * 31 + 7) >> 40) as u32)
            .collect();
        v.extend_from_slice(&v.clone()[..n / 3]);
        let mut expect = v.clone();
        expect.sort_unstable();
        sort_u24(&mut v, &mut tmp);
        assert_eq!(v, expect);
    }
}

/// Cluster id of every document after a full run.
fn clusters_of(docs: Vec<Doc>, shards: usize) -> HashMap<String, String> {
    let dir = TempDir::new("clusters");
    let src = MemorySource::split(docs, shards);
    crate::run_dedup(&src, &WorkDir::new(&dir.0), &config(), 1).unwrap();
    let mut out = HashMap::new();
    for s in 0..shards {
        for l in fs::read_to_string(decisions_path(&dir.0.join("dedup"), s))
            .unwrap()
            .lines()
        {
            let d: Decision = serde_json::from_str(l).unwrap();
            out.insert(d.id, d.cluster);
        }
    }
    out
}

#[test]
fn a_digest_does_not_merge_the_two_stories_it_contains() {
    let (x, y) = (words(10, 120), words(20, 120));
    let f = words(30, 200);
    let first = |n: usize| f.split(' ').take(n).collect::<Vec<_>>().join(" ");
    let docs = vec![
        Doc::new("x", x.clone()),
        Doc::new("x-copy", format!("{x} And one more sentence.")),
        Doc::new("y", y.clone()),
        Doc::new("y-copy", format!("{y} Reporting by our staff.")),
        // A roundup page holding both stories: it contains each of them.
        Doc::new("digest", format!("Morning briefing\n{x}\n{y}")),
        // A story and two briefs of it: the story contains both, and they are one story.
        Doc::new("full", f.clone()),
        Doc::new("brief-1", first(60)),
        Doc::new("brief-2", format!("{} Read the full story.", first(50))),
    ];
    for shards in [1, 3] {
        let c = clusters_of(docs.clone(), shards);
        assert_eq!(c["x"], c["x-copy"]);
        assert_eq!(c["y"], c["y-copy"]);
        assert_ne!(c["x"], c["y"], "two stories merged through the digest");
        assert_ne!(c["digest"], c["x"]);
        assert_ne!(c["digest"], c["y"]);
        assert_eq!(c["full"], c["brief-1"]);
        assert_eq!(c["full"], c["brief-2"]);
    }
}

#[test]
fn key_partitions_grow_with_the_documents() {
    let c = DedupConfig::default();
    assert_eq!(key_partitions(&c, 0), 8);
    assert_eq!(key_partitions(&c, 1_000_000), 8);
    assert_eq!(key_partitions(&c, 10_000_000), 32);
    let small = DedupConfig {
        partitions: 3,
        sort_buffer_records: 1024,
        ..c
    };
    assert_eq!(key_partitions(&small, 100), 6);
    assert_eq!(pair_partitions(&c, 10_000_000), 8);
    assert_eq!(pair_partitions(&c, 20_000_000), 16);
    assert_eq!(pair_partitions(&small, 1000), 12);
}

#[test]
fn union_find_merges_transitively() {
    let mut uf = UnionFind::new(6);
    uf.union(0, 1);
    uf.union(2, 1);
    uf.union(4, 5);
    assert_eq!(uf.find(0), uf.find(2));
    assert_ne!(uf.find(0), uf.find(4));
    assert_eq!(uf.set_size(2), 3);
    assert_eq!(uf.set_size(3), 1);
}

#[test]
fn verification_accepts_containment_and_rejects_small_overlap() {
    let c = DedupConfig::default();
    let full: Vec<u32> = (0..400).collect();
    let brief: Vec<u32> = (0..40).chain(1000..1005).collect();
    assert!(is_duplicate(&full, &brief, &c));
    // A shared quote of 20 shingles between two long stories is not a duplicate.
    let other: Vec<u32> = (380..420).chain(2000..2400).collect();
    assert!(!is_duplicate(&full, &other, &c));
    // Two tiny pages sharing 5 of 6 shingles are not enough either.
    assert!(!is_duplicate(&[1, 2, 3, 4, 5, 6], &[1, 2, 3, 4, 5, 7], &c));
    assert!(!is_duplicate(&[], &[], &c));
}

#[test]
fn original_rank_prefers_date_then_credit_then_length() {
    let r = |date: Option<&str>, named: u32, other: bool, words: u64, id: &str| OriginalRank {
        date: date.map_or((true, String::new()), |d| (false, d.to_string())),
        named_by: std::cmp::Reverse(named),
        credits_other: other,
        words: std::cmp::Reverse(words),
        id: id.into(),
    };
    assert!(r(Some("2020-01-01"), 0, true, 1, "z") < r(None, 5, false, 900, "a"));
    assert!(r(Some("2020-01-01"), 0, true, 1, "z") < r(Some("2020-01-02"), 0, false, 9, "a"));
    assert!(r(None, 2, true, 1, "z") < r(None, 0, false, 900, "a"));
    assert!(r(None, 0, false, 1, "z") < r(None, 0, true, 900, "a"));
    assert!(r(None, 0, false, 10, "z") < r(None, 0, false, 9, "a"));
    assert!(r(None, 0, false, 10, "a") < r(None, 0, false, 10, "b"));
}

#[test]
fn groups_use_site_then_host_then_template() {
    let tok = |d: &Doc| {
        let mut t = Tokens::default();
        t.fill(&d.text);
        t
    };
    let mut d = Doc::new("a", "Header\nbody one\nFooter");
    let g = group_of(&d, &tok(&d));
    assert!(g.inferred);
    let mut e = Doc::new("b", "Header\nanother body\nFooter");
    assert_eq!(group_of(&e, &tok(&e)), g);
    e.url = Some("https://www.example.com/x".into());
    assert!(!group_of(&e, &tok(&e)).inferred);
    d.site = Some("Example".into());
    assert!(!group_of(&d, &tok(&d)).inferred);
    assert_ne!(group_of(&d, &tok(&d)), group_of(&e, &tok(&e)));
}
