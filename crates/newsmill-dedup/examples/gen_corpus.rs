//! Generates a news-like corpus with planted duplicates for `bench/dedup`, in the record format of
//! the dedup eval set (`id`, `text`, `cluster`, `kind`), so `score_dedup.py` scores it.
//!
//! Stories are sentences of Zipf-distributed pseudo-words (no real text is used). Copies are made
//! like the eval set's: exact copies, formatting edits, typos, truncations, and republications on
//! sites with a fixed header, footer and teaser pool, including briefs (lede only) in heavy
//! templates.
//!
//! `cargo run --release -p newsmill-dedup --example gen_corpus -- DOCS OUT.jsonl [SEED]`
//!
//! With `--parts N` (after the other arguments), OUT is a directory that receives N
//! zstd-compressed parts `part-NNNNN.jsonl.zst` of consecutive documents (one shard each for
//! `dedup_dev`) and `labels.jsonl` (`id`, `cluster`, `kind`: what the scorer needs, without the
//! text): how the 10-million-document corpus fits on the disk.

use anyhow::{Context, Result};
use std::io::{BufWriter, Write};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Vocab {
    words: Vec<String>,
    /// Cumulative Zipf weights.
    cdf: Vec<f64>,
}

impl Vocab {
    fn new(rng: &mut Rng, n: usize) -> Self {
        const SYL: [&str; 40] = [
            "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "ba", "de", "fi", "go", "hu", "ja",
            "ke", "li", "mo", "nu", "pa", "qui", "ro", "si", "tu", "va", "we", "xa", "yo", "ze",
            "an", "er", "in", "or", "ul", "est", "ing", "ter", "son", "ville", "tion", "ment",
        ];
        const COMMON: [&str; 40] = [
            "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "said",
            "with", "he", "as", "at", "by", "his", "from", "they", "be", "has", "have", "are",
            "but", "not", "an", "this", "who", "will", "been", "their", "had", "year", "after",
            "would", "more", "new", "minister",
        ];
        let mut words: Vec<String> = COMMON.iter().map(|s| s.to_string()).collect();
        while words.len() < n {
            let k = rng.range(2, 4);
            let w: String = (0..k).map(|_| SYL[rng.below(SYL.len())]).collect();
            words.push(w);
        }
        let mut cdf = Vec::with_capacity(n);
        let mut acc = 0.0;
        for i in 0..n {
            acc += 1.0 / (i as f64 + 2.0);
            cdf.push(acc);
        }
        Vocab { words, cdf }
    }
    fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cdf.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self
            .cdf
            .partition_point(|&c| c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }
    fn sentence(&self, rng: &mut Rng) -> String {
        let n = rng.range(8, 26);
        let mut s = String::new();
        for i in 0..n {
            let w = self.word(rng);
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                if rng.chance(0.08) {
                    let mut c = w.chars();
                    if let Some(f) = c.next() {
                        s.extend(f.to_uppercase());
                        s.push_str(c.as_str());
                    }
                } else {
                    s.push_str(w);
                }
                if i + 1 < n && rng.chance(0.06) {
                    s.push(',');
                }
            }
        }
        if rng.chance(0.15) {
            format!("\"{s},\" {} said.", self.word(rng))
        } else {
            s + "."
        }
    }
}

struct Story {
    title: String,
    paragraphs: Vec<String>,
}

fn story(v: &Vocab, rng: &mut Rng) -> Story {
    let title_words: Vec<String> = (0..rng.range(4, 9))
        .map(|_| v.word(rng).to_string())
        .collect();
    let mut title = title_words.join(" ");
    if let Some(f) = title.get(..1) {
        title = f.to_uppercase() + &title[1..];
    }
    let paragraphs = (0..rng.range(5, 12))
        .map(|_| {
            (0..rng.range(1, 4))
                .map(|_| v.sentence(rng))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Story { title, paragraphs }
}

fn original_text(s: &Story) -> String {
    format!("{}\n\n{}", s.title, s.paragraphs.join("\n\n"))
}

struct Site {
    header: Vec<String>,
    footer: Vec<String>,
    teasers: Vec<String>,
    source_fmt: usize,
}

fn site(v: &Vocab, rng: &mut Rng, i: usize) -> Site {
    let name = format!(
        "{} {} {}",
        v.word(rng),
        v.word(rng),
        ["News", "Daily", "Online", "Wire", "Post"][i % 5]
    );
    let nav: Vec<String> = (0..rng.range(4, 9))
        .map(|_| v.word(rng).to_string())
        .collect();
    let header = vec![name.clone(), nav.join(" | ")];
    let footer = vec![
        format!("We use cookies to improve your experience on {name}. By continuing you agree to our cookie policy and terms of use."),
        "About us | Contact | Advertise | Privacy policy | Terms".to_string(),
        format!("\u{a9} 2025 {name}. All rights reserved."),
    ];
    let teasers = (0..rng.range(20, 60))
        .map(|_| {
            let s = v.sentence(rng);
            let cut = s.len().min(rng.range(40, 120));
            let mut end = cut;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}...", s[..end].trim_end())
        })
        .collect();
    Site {
        header,
        footer,
        teasers,
        source_fmt: rng.below(3),
    }
}

fn syndicate(s: &Story, site: &Site, brand: &str, body: &[String], rng: &mut Rng) -> String {
    let mut out: Vec<String> = site.header.clone();
    out.push(s.title.clone());
    out.push(format!(
        "{} May 2025, {:02}:{:02}",
        rng.range(1, 28),
        rng.below(24),
        rng.below(60)
    ));
    out.push(String::new());
    if rng.chance(0.5) {
        out.extend(body.iter().cloned());
    } else {
        out.push(body.join(" "));
    }
    out.push(match site.source_fmt {
        0 => format!("(Source: {brand})"),
        1 => format!("Syndicated from {}.", brand.to_lowercase()),
        _ => format!("via {brand}"),
    });
    for _ in 0..rng.range(2, 10) {
        out.push(site.teasers[rng.below(site.teasers.len())].clone());
    }
    out.extend(site.footer.iter().cloned());
    out.join("\n")
}

fn typos(text: &str, rng: &mut Rng) -> String {
    text.split(' ')
        .map(|w| {
            if w.len() > 3 && rng.chance(0.02) {
                let mut c: Vec<char> = w.chars().collect();
                let i = rng.below(c.len() - 1);
                c.swap(i, i + 1);
                c.into_iter().collect()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the records go: one plain JSONL file, or zstd parts plus a labels file.
enum Out {
    Plain(BufWriter<std::fs::File>),
    Parts {
        dir: std::path::PathBuf,
        per_part: usize,
        part: Option<zstd::stream::AutoFinishEncoder<'static, BufWriter<std::fs::File>>>,
        labels: BufWriter<std::fs::File>,
    },
}

impl Out {
    fn write(&mut self, rec: &serde_json::Value, n: usize) -> Result<()> {
        match self {
            Out::Plain(w) => {
                serde_json::to_writer(&mut *w, rec)?;
                w.write_all(b"\n")?;
            }
            Out::Parts {
                dir,
                per_part,
                part,
                labels,
            } => {
                if n.is_multiple_of(*per_part) || part.is_none() {
                    part.take();
                    let f = std::fs::File::create(
                        dir.join(format!("part-{:05}.jsonl.zst", n / *per_part)),
                    )?;
                    let e = zstd::Encoder::new(BufWriter::with_capacity(1 << 20, f), 3)?;
                    *part = Some(e.auto_finish());
                }
                if let Some(w) = part.as_mut() {
                    serde_json::to_writer(&mut *w, rec)?;
                    w.write_all(b"\n")?;
                }
                let label = serde_json::json!({"id": rec["id"], "cluster": rec["cluster"], "kind": rec["kind"]});
                serde_json::to_writer(&mut *labels, &label)?;
                labels.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        match self {
            Out::Plain(mut w) => w.flush()?,
            Out::Parts {
                part, mut labels, ..
            } => {
                drop(part);
                labels.flush()?;
            }
        }
        Ok(())
    }
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut parts = None;
    if let Some(i) = args.iter().position(|a| a == "--parts") {
        parts = Some(args.get(i + 1).context("--parts N")?.parse::<usize>()?);
        args.drain(i..i + 2);
    }
    let n: usize = args
        .first()
        .context("usage: gen_corpus DOCS OUT.jsonl [SEED]")?
        .parse()?;
    let out = args
        .get(1)
        .context("usage: gen_corpus DOCS OUT.jsonl [SEED]")?;
    let seed: u64 = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(20251129);
    let mut rng = Rng(seed);
    let vocab = Vocab::new(&mut rng, 50_000);
    let sites: Vec<Site> = (0..500).map(|i| site(&vocab, &mut rng, i)).collect();
    const BRANDS: [&str; 6] = ["BBC", "CNN", "Reuters", "AP", "AFP", "Guardian"];
    let mut w = match parts {
        None => Out::Plain(BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(out)?,
        )),
        Some(p) => {
            let dir = std::path::PathBuf::from(out);
            std::fs::create_dir_all(&dir)?;
            let labels =
                BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("labels.jsonl"))?);
            Out::Parts {
                dir,
                per_part: n.div_ceil(p.max(1)).max(1),
                part: None,
                labels,
            }
        }
    };
    let mut written = 0usize;
    let mut cluster = 0usize;
    let mut text_bytes = 0u64;
    let mut emit = |w: &mut Out,
                    text: &str,
                    c: usize,
                    kind: &str,
                    written: &mut usize|
     -> Result<()> {
        text_bytes += text.len() as u64;
        let rec = serde_json::json!({"id": format!("g{:09}", *written), "text": text, "cluster": format!("c{c}"), "kind": kind});
        w.write(&rec, *written)?;
        *written += 1;
        Ok(())
    };
    while written < n {
        let s = story(&vocab, &mut rng);
        let orig = original_text(&s);
        emit(&mut w, &orig, cluster, "original", &mut written)?;
        // About 40% of stories get copies.
        if rng.chance(0.4) {
            let brand = BRANDS[rng.below(BRANDS.len())];
            for _ in 0..rng.range(1, 5) {
                if written >= n {
                    break;
                }
                let kind = rng.below(8);
                let (text, k) = match kind {
                    0 => (orig.clone(), "exact"),
                    1 => (
                        orig.replace("\n\n", "\r\n\r\n")
                            .replace(", ", " , ")
                            .replace('"', "\u{201c}"),
                        "edit_format",
                    ),
                    2 => (typos(&orig, &mut rng), "edit_typos"),
                    3 => {
                        let keep = (s.paragraphs.len() * 6 / 10).max(1);
                        (
                            format!("{}\n\n{}", s.title, s.paragraphs[..keep].join("\n\n")),
                            "truncation",
                        )
                    }
                    4 | 5 => {
                        let st = &sites[rng.below(sites.len())];
                        (
                            syndicate(&s, st, brand, &s.paragraphs, &mut rng),
                            "syndicated",
                        )
                    }
                    6 => {
                        let st = &sites[rng.below(sites.len())];
                        let body: Vec<String> =
                            s.paragraphs.iter().map(|p| typos(p, &mut rng)).collect();
                        (syndicate(&s, st, brand, &body, &mut rng), "syndicated_edit")
                    }
                    _ => {
                        let st = &sites[rng.below(sites.len())];
                        let lede = s.paragraphs[..2.min(s.paragraphs.len())].to_vec();
                        (
                            syndicate(&s, st, brand, &lede, &mut rng),
                            "syndicated_brief",
                        )
                    }
                };
                emit(&mut w, &text, cluster, k, &mut written)?;
            }
        } else if rng.chance(0.3) {
            // A page of an unrelated story on a site: the same-site hard negatives.
            let st = &sites[rng.below(sites.len())];
            let s2 = story(&vocab, &mut rng);
            cluster += 1;
            if written < n {
                let t = syndicate(
                    &s2,
                    st,
                    "AP",
                    &s2.paragraphs[..2.min(s2.paragraphs.len())],
                    &mut rng,
                );
                emit(&mut w, &t, cluster, "original", &mut written)?;
            }
        }
        cluster += 1;
    }
    w.finish()?;
    std::fs::write(
        format!("{out}.stats.json"),
        serde_json::json!({"docs": written, "clusters": cluster, "text_bytes": text_bytes})
            .to_string(),
    )?;
    eprintln!("wrote {written} docs ({text_bytes} bytes of text) in {cluster} clusters to {out}");
    Ok(())
}
