//! Phase 3, `dedup-signatures`: boilerplate removed, then every document's candidate keys,
//! shingle sketch and metadata.

use super::layout::*;
use super::lines::load_copies;
use super::verify::{sort_u24, SKETCH_BYTES};
use crate::config::DedupConfig;
use crate::files::{create_rec_file, RecReader, RecWriter};
use crate::minhash::{anchor_keys, exact_key, MinHasher};
use crate::text::{brand_key, combine, host_brand, lines, shingles, Tokens};
use newsmill_core::{Doc, Error, Result, ShardSource, Task, TaskStats};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The recurring line keys of a run, loaded once per signatures task or shard decision reader.
#[derive(Debug, Default)]
pub struct Boilerplate {
    counts: IntMap<u64, u32>,
    /// One bit per slot of `filter_bits`, set for every key in `counts`: most lines are not
    /// boilerplate, and this answers most of their lookups from the cache (the map has 225k keys
    /// at 10M documents; the bitset is 8 bits per key).
    filter: Vec<u64>,
    filter_shift: u32,
}

impl Boilerplate {
    /// Loads the outputs of every `dedup-lines` partition.
    pub fn load(work_dir: &Path, config: &DedupConfig) -> Result<Self> {
        let mut counts = IntMap::default();
        if !config.boilerplate {
            return Ok(Boilerplate::default());
        }
        for part in 0..line_partitions(config) {
            let mut r = RecReader::open(&lines_out(work_dir, part))?;
            while let Some((k, c)) = r.next_rec()? {
                counts.insert(k, c.min(u32::MAX as u64) as u32);
            }
        }
        let bits = (counts.len() * 8).max(64).next_power_of_two();
        let mut b = Boilerplate {
            counts,
            filter: vec![0; bits / 64],
            filter_shift: 64 - bits.trailing_zeros(),
        };
        let slots: Vec<usize> = b.counts.keys().map(|&k| b.slot(k)).collect();
        for i in slots {
            b.filter[i / 64] |= 1 << (i % 64);
        }
        Ok(b)
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.filter_shift) as usize
    }

    fn count(&self, k: u64) -> usize {
        if self.filter.is_empty() {
            return 0;
        }
        let i = self.slot(k);
        if self.filter[i / 64] >> (i % 64) & 1 == 0 {
            return 0;
        }
        self.counts.get(&k).copied().unwrap_or(0) as usize
    }

    /// Indices (into [`lines`]) of the lines of `doc` that are boilerplate (`tokens` is its
    /// tokenized text).
    pub fn boilerplate_lines(
        &self,
        doc: &Doc,
        tokens: &Tokens,
        config: &DedupConfig,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        if !config.boilerplate || self.counts.is_empty() {
            return out;
        }
        let group = group_of(doc, tokens);
        let group_ok = !group.inferred
            || self.count(ns_key(NS_GROUP_SIZE, group.key)) >= config.template_min_docs;
        // (line index, is boilerplate, is a short teaser-like line) for lines with words.
        let mut marks: Vec<(usize, bool, bool)> = Vec::new();
        for span in &tokens.lines {
            let (lh, words) = tokens.boiler_key(span, config.teaser_prefix_words);
            let site = group_ok
                && self.count(ns_key(NS_GROUP_LINE, combine(group.key, lh)))
                    >= config.boilerplate_min_docs;
            let corpus = words <= config.corpus_max_words
                && self.count(ns_key(NS_CORPUS_LINE, combine(CORPUS_GROUP, lh)))
                    >= config.corpus_min_docs;
            let teaser = words <= config.teaser_max_words && span.teaser;
            marks.push((span.index, site || corpus, teaser));
        }
        // A teaser next to boilerplate is part of the same block: sites tease stories from a
        // pool, and the rarely drawn ones recur too seldom to be counted out on their own.
        if config.teaser_max_words > 0 {
            loop {
                let mut changed = false;
                for j in 0..marks.len() {
                    if marks[j].1 || !marks[j].2 {
                        continue;
                    }
                    let prev = j > 0 && marks[j - 1].1;
                    let next = j + 1 < marks.len() && marks[j + 1].1;
                    if prev || next {
                        marks[j].1 = true;
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
        }
        out.extend(marks.iter().filter(|m| m.1).map(|m| m.0));
        out
    }
}

/// What the cluster phase needs to know of each document, written by the signatures phase.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocMeta {
    /// Document id.
    pub id: String,
    /// Normalized-text hash of the whole text (exact dedup key).
    pub exact: u64,
    /// Words left after boilerplate removal.
    pub words: u64,
    /// Publication date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The brand of the document's own site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The brand the text credits as its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<String>,
    /// Indices of the lines removed as boilerplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<usize>,
}

/// Phase 3 (one task per shard): removes boilerplate lines, shingles the cleaned text, and writes
/// its candidate keys (exact, LSH bands, anchors) by partition, its shingle sketch for
/// verification and its metadata.
pub fn signatures_task(
    source: &dyn ShardSource,
    work_dir: &Path,
    config: &DedupConfig,
    task: &Task,
) -> Result<TaskStats> {
    let mut stats = TaskStats::default();
    let offsets = shard_offsets(work_dir, source.shard_count())?;
    let parts = key_partitions(config, offsets[offsets.len() - 1]);
    let boiler = Boilerplate::load(work_dir, config)?;
    let hasher = if config.near {
        MinHasher::new(
            config.bands,
            config.rows,
            config.seed,
            config.one_permutation,
        )
    } else {
        MinHasher::new(0, 0, config.seed, false)
    };
    let mut words = Vec::new();
    let mut shing = Vec::new();
    let mut sig = Vec::new();
    let mut keys = Vec::new();
    let mut sketch: Vec<u32> = Vec::new();
    let mut sketch_bytes: Vec<u8> = Vec::new();
    let mut radix_tmp: Vec<u32> = Vec::new();
    let mut tokens = Tokens::default();
    for shard in (0..source.shard_count()).filter(|&s| task.owns(s)) {
        let mut outs = (0..parts)
            .map(|p| create_rec_file(&sig_part(work_dir, shard, p)))
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut sk = create_rec_file(&sig_sketch(work_dir, shard))?;
        let mut idx = create_rec_file(&sig_index(work_dir, shard))?;
        let mut meta = create_rec_file(&sig_meta(work_dir, shard))?;
        let copies = load_copies(work_dir, config, shard, offsets[shard + 1] - offsets[shard])?;
        let mut offset = 0u64;
        for (ord, doc) in source.open(shard)?.enumerate() {
            let doc = doc?;
            let dref = offsets[shard] + ord as u64;
            if dref >= offsets[shard + 1] {
                return Err(Error::Order(format!(
                    "shard {shard} has more documents than the scan phase counted"
                )));
            }
            tokens.fill(&doc.text);
            let removed = boiler.boilerplate_lines(&doc, &tokens, config);
            stats.add("boilerplate_lines", removed.len() as u64);
            if !removed.is_empty() {
                stats.add("docs_with_boilerplate", 1);
            }
            let exact = tokens.exact();
            let mut credits = doc.source.as_deref().and_then(brand_key);
            if credits.is_none() {
                credits = lines(&doc.text).filter(|l| l.len() < 160).find_map(|l| {
                    newsmill_core::credited_source(l)
                        .as_deref()
                        .and_then(brand_key)
                });
            }
            words.clear();
            let mut ri = 0;
            for span in &tokens.lines {
                while ri < removed.len() && removed[ri] < span.index {
                    ri += 1;
                }
                if ri < removed.len() && removed[ri] == span.index {
                    continue;
                }
                words.extend_from_slice(&tokens.words[span.start..span.end]);
            }
            keys.clear();
            // A text without words has nothing to be a copy of.
            if config.exact && !tokens.words.is_empty() {
                keys.push(exact_key(exact));
            }
            sketch.clear();
            // A later copy of a document needs only the exact key, which joins it to the first,
            // and no sketch: its only candidates come from that key and pass as exact copies,
            // and it never takes part in a containment edge (the other use of sketches).
            let copy = copies.get(ord).copied().unwrap_or(false);
            if copy {
                stats.add("copies", 1);
            }
            if config.near && !copy {
                shingles(&words, config.shingle_words, &mut shing);
                if !shing.is_empty() {
                    if !hasher.is_empty() {
                        hasher.signature(&shing, &mut sig);
                        hasher.band_keys(&sig, &mut keys);
                    }
                    anchor_keys(&shing, config.anchor_rate, config.anchor_words, &mut keys);
                }
                sketch.extend(shing.iter().map(|&s| (s >> (64 - 8 * SKETCH_BYTES)) as u32));
                sort_u24(&mut sketch, &mut radix_tmp);
                sketch.dedup();
            }
            for &k in &keys {
                outs[part_of(k, parts)].rec_as(KEY_FORMAT, (k & KEY_MASK, dref))?;
            }
            stats.add("keys", keys.len() as u64);
            idx.rec((offset + sketch.len() as u64, exact))?;
            sketch_bytes.clear();
            for &s in &sketch {
                sketch_bytes.extend_from_slice(&s.to_le_bytes()[..SKETCH_BYTES]);
            }
            sk.writer().write_all(&sketch_bytes)?;
            offset += sketch.len() as u64;
            let brand = doc
                .site
                .as_deref()
                .and_then(brand_key)
                .or_else(|| doc.host().as_deref().and_then(host_brand));
            let m = DocMeta {
                id: doc.id.clone(),
                exact,
                words: words.len() as u64,
                date: doc.date.clone(),
                brand,
                credits,
                removed,
            };
            serde_json::to_writer(meta.writer(), &m)?;
            meta.writer().write_all(b"\n")?;
            stats.add("docs", 1);
        }
        for o in outs {
            o.commit()?;
        }
        sk.commit()?;
        idx.commit()?;
        meta.commit()?;
    }
    Ok(stats)
}
