//! Test corpus builders: the seed page and stories made of pseudo-words (no eval data is used).

#![allow(dead_code)]

use newsmill_core::{Doc, Outcome, ShardSource, WorkDir};
use newsmill_dedup::{run_dedup, DedupConfig, ShardDecisions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crawled seed page: a CNN story republished with another site's sidebar.
pub const SEED: &str = include_str!("../data/seed.txt");

/// The CNN story alone: the seed page up to (not including) its `(Source: CNN)` line.
pub fn cnn_story() -> String {
    SEED.lines()
        .take_while(|l| !l.starts_with("(Source:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The seed page's own sidebar (the teaser lines after the source line).
pub fn seed_sidebar() -> Vec<String> {
    SEED.lines()
        .skip_while(|l| !l.starts_with("(Source:"))
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Deterministic pseudo-random numbers.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYL: [&str; 24] = [
    "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "ba", "de", "fi", "go", "hu", "ja", "ke", "li",
    "mo", "nu", "pa", "ro", "si", "tu", "va", "ze",
];

/// A pseudo-word.
pub fn word(rng: &mut Rng) -> String {
    (0..2 + rng.below(3))
        .map(|_| SYL[rng.below(SYL.len())])
        .collect()
}

/// A story of `paras` paragraphs of pseudo-words, seeded so each seed gives one story.
pub fn story(seed: u64, paras: usize) -> String {
    let mut rng = Rng(seed);
    (0..paras)
        .map(|_| {
            let n = 25 + rng.below(20);
            let mut p: Vec<String> = (0..n).map(|_| word(&mut rng)).collect();
            p[0] = capitalize(&p[0]);
            p.join(" ") + "."
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A site's page: its header, the body, a source line, some of its sidebar teasers, its footer.
pub fn site_page(site: &str, body: &str, source: Option<&str>, teasers: &[String]) -> String {
    let mut lines = vec![
        format!("{site} | Home | World | Politics | Sport"),
        String::new(),
        body.to_string(),
    ];
    if let Some(s) = source {
        lines.push(format!("(Source: {s})"));
    }
    lines.extend(teasers.iter().cloned());
    lines.push(format!("Copyright 2016 {site}. All rights reserved."));
    lines.join("\n")
}

/// Teasers of a site's sidebar: snippets ending in an ellipsis.
pub fn teasers(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng(seed ^ 0x7ea5);
    (0..n)
        .map(|_| {
            let w: Vec<String> = (0..14 + rng.below(8)).map(|_| word(&mut rng)).collect();
            format!("{}...", capitalize(&w.join(" ")))
        })
        .collect()
}

/// What the final pass did to one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Final {
    pub text: String,
    pub removed: Vec<String>,
    pub cluster: (String, usize, String),
    pub drop: Option<(String, String)>,
}

/// Runs dedup and the final pass over `source`, returning each document's result by id.
pub fn run(
    source: &dyn ShardSource,
    shards: &[Vec<Doc>],
    config: &DedupConfig,
    work: &Path,
    threads: usize,
) -> BTreeMap<String, Final> {
    let work = WorkDir::new(work);
    run_dedup(source, &work, config, threads).expect("dedup runs");
    let work = work.step("dedup");
    let mut out = BTreeMap::new();
    for (s, docs) in shards.iter().enumerate() {
        let mut dec = ShardDecisions::open(&work, s).expect("decisions");
        for d in docs {
            let mut d = d.clone();
            let o = dec.apply(&mut d).expect("apply");
            let c = d.cluster.clone().expect("every document gets a cluster");
            let drop = match o {
                Outcome::Keep => None,
                Outcome::Drop(r) => Some((
                    r.reason.clone(),
                    r.details["duplicate_of"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )),
            };
            out.insert(
                d.id.clone(),
                Final {
                    text: d.text.clone(),
                    removed: d
                        .removed
                        .iter()
                        .map(|r| format!("{}: {}", r.reason, r.text))
                        .collect(),
                    cluster: (c.id, c.size, c.original),
                    drop,
                },
            );
        }
    }
    out
}

/// A fresh work directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);
impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!(
            "newsmill-dedup-it-{tag}-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        TempDir(p)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
