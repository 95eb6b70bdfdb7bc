//! The `quality` stage: measures Gopher, C4 and FineWeb-style signals, records them in
//! `doc.quality`, and drops documents that fail a rule.
//!
//! Signals (all recorded, whatever the rules):
//! `words`, `mean_word_length`, `symbol_word_ratio` (`#` and ellipses per word),
//! `ellipsis_line_fraction`, `bullet_line_fraction`, `alpha_word_fraction` (words with a letter),
//! `stop_words` (occurrences of the Gopher words *the, be, to, of, and, that, have, with*),
//! `dup_line_fraction`, `dup_line_char_fraction`, `dup_para_fraction`, `dup_para_char_fraction`,
//! `top_{2,3,4}gram_char_fraction` (chars covered by the most frequent repeated word n-gram),
//! `dup_{5..10}gram_char_fraction` (chars in repeated word n-grams, Gopher's non-overlapping
//! count), `line_punct_fraction` and `short_line_fraction` (FineWeb), `newline_word_ratio`,
//! `sentences`, `lorem_ipsum` and `curly_bracket` (C4, 0 or 1), `replacement_char_fraction`.
//!
//! Rules, checked in this order; the first that fails drops the document with its name as the
//! reason and details `{value, threshold}`. Every threshold is a key of `[quality]`, and any rule
//! can be switched off by name in `disable`:
//! `gopher_min_words`, `gopher_max_words`, `gopher_min_mean_word_length`,
//! `gopher_max_mean_word_length`, `gopher_symbol_ratio`, `gopher_bullet_lines`,
//! `gopher_ellipsis_lines`, `gopher_alpha_words`, `gopher_stop_words` (only for languages in
//! `stop_word_languages`, English by default), `gopher_dup_line_fraction`,
//! `gopher_dup_para_fraction`, `gopher_dup_line_chars`, `gopher_dup_para_chars`,
//! `gopher_top_2gram` .. `gopher_top_4gram`, `gopher_dup_5gram` .. `gopher_dup_10gram`,
//! `c4_lorem_ipsum`, `c4_curly_bracket` (only with `c4_curly_bracket = true`), `c4_min_sentences`,
//! `fineweb_line_punct`, `fineweb_short_lines`, `fineweb_char_dup`, `fineweb_newline_ratio`.
//!
//! The line-share rules (`gopher_bullet_lines`, `gopher_ellipsis_lines`, `fineweb_line_punct`,
//! `fineweb_short_lines`) apply from `min_lines_for_line_rules` (5) lines up.
//!
//! The word-count and word-length rules are skipped for `no_space_languages` (Japanese, Chinese,
//! Thai...), where whitespace does not separate words.
//!
//! Defaults follow the published filters except where they would reject short news:
//! `min_words` is 10 (Gopher uses 50), `min_alpha_word_fraction` is 0.6 (Gopher 0.8; results
//! and box scores are news too), `c4_min_sentences` is 1 (C4 uses 3), the top-n-gram
//! rules count only n-grams that occur at least twice, and `fineweb_char_dup` is 0.1 (FineWeb uses
//! 0.01, which a single repeated quote in a short story exceeds).

use newsmill_core::{Counters, Doc, Outcome, Stage};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Settings of the `[quality]` table: one threshold per rule, plus `disable`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct QualityConfig {
    /// Rule names to skip (signals are still recorded).
    pub disable: Vec<String>,
    /// Apply C4's "no `{`" rule (off by default: code-free news rarely has braces, but a story
    /// quoting a snippet should not be lost for one). Kept apart from `disable` so that setting
    /// `disable` does not switch it on by accident.
    pub c4_curly_bracket: bool,
    /// Fewest words.
    pub min_words: f64,
    /// Most words.
    pub max_words: f64,
    /// Shortest mean word length.
    pub min_mean_word_length: f64,
    /// Longest mean word length.
    pub max_mean_word_length: f64,
    /// Most `#`/ellipsis symbols per word.
    pub max_symbol_word_ratio: f64,
    /// Largest share of lines starting with a bullet.
    pub max_bullet_line_fraction: f64,
    /// Largest share of lines ending in an ellipsis.
    pub max_ellipsis_line_fraction: f64,
    /// Smallest share of words holding a letter.
    pub min_alpha_word_fraction: f64,
    /// Fewest stop-word occurrences (for `stop_word_languages`).
    pub min_stop_words: f64,
    /// Languages (ISO 639-1) the stop-word rule applies to; others and unknown skip it.
    pub stop_word_languages: Vec<String>,
    /// Largest share of duplicated lines.
    pub max_dup_line_fraction: f64,
    /// Largest share of duplicated paragraphs (blank-line separated).
    pub max_dup_para_fraction: f64,
    /// Largest share of characters in duplicated lines.
    pub max_dup_line_char_fraction: f64,
    /// Largest share of characters in duplicated paragraphs.
    pub max_dup_para_char_fraction: f64,
    /// Largest char share of the most frequent repeated 2-, 3- and 4-gram.
    pub max_top_ngram_char_fraction: [f64; 3],
    /// Largest char share of repeated 5- to 10-grams.
    pub max_dup_ngram_char_fraction: [f64; 6],
    /// Fewest sentences (C4).
    pub min_sentences: f64,
    /// Smallest share of lines ending in sentence punctuation (FineWeb).
    pub min_line_punct_fraction: f64,
    /// Largest share of lines of at most 30 characters (FineWeb).
    pub max_short_line_fraction: f64,
    /// Largest share of characters in repeated lines (FineWeb `char_dup`).
    pub max_char_dup_fraction: f64,
    /// Most line breaks per word (FineWeb, list-like pages).
    pub max_newline_word_ratio: f64,
    /// Fewest lines for the line-share rules (bullet, ellipsis, line punctuation, short lines) to
    /// apply: with fewer lines one line moves the share by a third or more, and a three-paragraph
    /// story whose last paragraph trails off is not a list of snippets.
    pub min_lines_for_line_rules: f64,
    /// Languages written without spaces between words (ISO 639-1): the word-count and
    /// word-length rules are skipped for them, since a whitespace "word" there is a sentence.
    pub no_space_languages: Vec<String>,
}

impl Default for QualityConfig {
    fn default() -> Self {
        QualityConfig {
            disable: Vec::new(),
            c4_curly_bracket: false,
            min_words: 10.0,
            max_words: 100_000.0,
            min_mean_word_length: 3.0,
            max_mean_word_length: 10.0,
            max_symbol_word_ratio: 0.1,
            max_bullet_line_fraction: 0.9,
            max_ellipsis_line_fraction: 0.3,
            min_alpha_word_fraction: 0.6,
            min_stop_words: 2.0,
            stop_word_languages: vec!["en".into()],
            max_dup_line_fraction: 0.3,
            max_dup_para_fraction: 0.3,
            max_dup_line_char_fraction: 0.2,
            max_dup_para_char_fraction: 0.2,
            max_top_ngram_char_fraction: [0.2, 0.18, 0.16],
            max_dup_ngram_char_fraction: [0.15, 0.14, 0.13, 0.12, 0.11, 0.10],
            min_sentences: 1.0,
            min_line_punct_fraction: 0.12,
            max_short_line_fraction: 0.67,
            max_char_dup_fraction: 0.1,
            max_newline_word_ratio: 0.3,
            min_lines_for_line_rules: 5.0,
            no_space_languages: ["ja", "zh", "th", "km", "my", "lo", "bo"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

/// A hasher for keys that already are 64-bit hashes.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;
type IdSet = HashSet<u64, BuildHasherDefault<Identity>>;

/// FNV-1a over bytes, then a final mix so the identity-hashed tables spread well.
fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

fn is_stop_word(w: &str) -> bool {
    ["the", "be", "to", "of", "and", "that", "have", "with"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(w))
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    matches!(
        t.chars().next_back(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | '»' | '。' | '！' | '？')
    ) && !t.ends_with("...")
}

/// Duplicate share of items (count and chars): the Gopher definition, where every occurrence
/// after the first counts as a duplicate.
fn dup_fractions<'a>(items: impl Iterator<Item = &'a str>) -> (f64, f64) {
    let mut seen = IdSet::default();
    let (mut n, mut dup_n, mut chars, mut dup_chars) = (0usize, 0usize, 0usize, 0usize);
    for it in items {
        let it = it.trim();
        if it.is_empty() {
            continue;
        }
        n += 1;
        chars += it.len();
        if !seen.insert(hash_bytes(it.as_bytes())) {
            dup_n += 1;
            dup_chars += it.len();
        }
    }
    (ratio(dup_n, n), ratio(dup_chars, chars))
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Sentence ends: `.`, `!`, `?` (and CJK forms) after a letter, digit or closing quote, followed by
/// space or the end, closing a stretch of at least two words. Ellipses do not end sentences.
fn count_sentences(text: &str) -> usize {
    let mut n = 0;
    let mut words_since = 0usize;
    let mut in_word = false;
    let mut prev = ' ';
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words_since += 1;
        }
        if matches!(c, '。' | '！' | '？') {
            // CJK sentence ends need no spaces around them.
            if !matches!(prev, '。' | '！' | '？') {
                n += 1;
                words_since = 0;
            }
        } else if matches!(c, '.' | '!' | '?') {
            let next = it.peek().copied();
            let ends = next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')'));
            if ends
                && prev != '.'
                && (prev.is_alphanumeric() || matches!(prev, '"' | '”' | '’' | ')'))
                && words_since >= 2
            {
                n += 1;
                words_since = 0;
            }
        }
        prev = c;
    }
    n
}

/// Computes every signal of the module documentation for one text, by name.
pub fn quality_signals(text: &str) -> Vec<(&'static str, f64)> {
    let total_bytes = text.len().max(1);
    // Words: whitespace tokens with surrounding punctuation trimmed (pure-punctuation tokens are
    // not words but still count for the symbol ratio).
    let mut words: Vec<&str> = Vec::with_capacity(text.len() / 5 + 1);
    let (mut word_chars, mut alpha, mut stops, mut symbols) = (0usize, 0usize, 0usize, 0usize);
    for tok in text.split_whitespace() {
        symbols += tok.matches('#').count() + tok.matches("...").count() + tok.matches('…').count();
        let w = tok.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        word_chars += w.chars().count();
        alpha += usize::from(w.chars().any(char::is_alphabetic));
        stops += usize::from(is_stop_word(w));
        words.push(w);
    }
    let nw = words.len();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let nl = lines.len();
    let ellipsis_lines = lines
        .iter()
        .filter(|l| l.ends_with("...") || l.ends_with('…'))
        .count();
    let bullet_lines = lines
        .iter()
        .filter(|l| l.starts_with(['•', '-', '*', '·', '▪', '‣', '◦', '–', '●', '►']))
        .count();
    let punct_lines = lines.iter().filter(|l| ends_sentence(l)).count();
    let short_lines = lines.iter().filter(|l| l.chars().count() <= 30).count();
    let (dup_line, dup_line_chars) = dup_fractions(lines.iter().copied());
    let (dup_para, dup_para_chars) = dup_fractions(text.split("\n\n"));
    // FineWeb's char_dup: characters of repeated lines over all characters.
    let sentences = count_sentences(text);
    let lorem = text.contains("orem ipsum") || text.contains("OREM IPSUM");
    let replacement = text.matches('\u{FFFD}').count();
    let chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };

    // Word n-gram repetition over word hashes.
    // Polynomial prefix hashes over word hashes make every n-gram hash O(1):
    // hash(i, n) = pre[i + n] - pre[i] * P^n (mod 2^64); prefix sums give n-gram lengths.
    const P: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut pre = Vec::with_capacity(nw + 1);
    let mut len_pre = Vec::with_capacity(nw + 1);
    pre.push(0u64);
    len_pre.push(0usize);
    for w in &words {
        let h = *pre.last().unwrap_or(&0);
        pre.push(h.wrapping_mul(P).wrapping_add(hash_bytes(w.as_bytes())));
        len_pre.push(len_pre.last().unwrap_or(&0) + w.len());
    }
    let mut pow = [1u64; 11];
    for k in 1..pow.len() {
        pow[k] = pow[k - 1].wrapping_mul(P);
    }
    let ngram_hash = |i: usize, n: usize| -> u64 {
        mix(pre[i + n].wrapping_sub(pre[i].wrapping_mul(pow[n])) ^ n as u64)
    };
    let ngram_len = |i: usize, n: usize| -> usize { len_pre[i + n] - len_pre[i] + n - 1 };
    let mut top = [0.0f64; 3];
    let mut counts: IdMap<(u32, usize)> = IdMap::default();
    for (k, n) in (2..=4).enumerate() {
        if nw < n {
            continue;
        }
        counts.clear();
        for i in 0..=nw - n {
            let e = counts
                .entry(ngram_hash(i, n))
                .or_insert((0, ngram_len(i, n)));
            e.0 += 1;
        }
        let best = counts
            .values()
            .filter(|(c, _)| *c >= 2)
            .map(|&(c, l)| c as usize * l)
            .max()
            .unwrap_or(0);
        top[k] = (best as f64 / total_bytes as f64).min(1.0);
    }
    let mut dup = [0.0f64; 6];
    let mut seen = IdSet::default();
    for (k, n) in (5..=10).enumerate() {
        if nw < n {
            continue;
        }
        seen.clear();
        let mut rep = 0usize;
        let mut i = 0;
        while i + n <= nw {
            if seen.insert(ngram_hash(i, n)) {
                i += 1;
            } else {
                rep += ngram_len(i, n);
                i += n;
            }
        }
        dup[k] = rep as f64 / total_bytes as f64;
    }
    vec![
        ("words", nw as f64),
        ("mean_word_length", ratio(word_chars, nw)),
        ("symbol_word_ratio", ratio(symbols, nw)),
        ("ellipsis_line_fraction", ratio(ellipsis_lines, nl)),
        ("bullet_line_fraction", ratio(bullet_lines, nl)),
        ("alpha_word_fraction", ratio(alpha, nw)),
        ("stop_words", stops as f64),
        ("dup_line_fraction", dup_line),
        ("dup_line_char_fraction", dup_line_chars),
        ("dup_para_fraction", dup_para),
        ("dup_para_char_fraction", dup_para_chars),
        ("top_2gram_char_fraction", top[0]),
        ("top_3gram_char_fraction", top[1]),
        ("top_4gram_char_fraction", top[2]),
        ("dup_5gram_char_fraction", dup[0]),
        ("dup_6gram_char_fraction", dup[1]),
        ("dup_7gram_char_fraction", dup[2]),
        ("dup_8gram_char_fraction", dup[3]),
        ("dup_9gram_char_fraction", dup[4]),
        ("dup_10gram_char_fraction", dup[5]),
        ("line_punct_fraction", ratio(punct_lines, nl)),
        ("short_line_fraction", ratio(short_lines, nl)),
        ("newline_word_ratio", ratio(nl.saturating_sub(1), nw)),
        ("sentences", sentences as f64),
        ("lorem_ipsum", f64::from(u8::from(lorem))),
        ("curly_bracket", f64::from(u8::from(text.contains('{')))),
        ("replacement_char_fraction", ratio(replacement, chars)),
    ]
}

/// Whether a rule is met: `Min` needs value >= threshold, `Max` value <= threshold.
#[derive(Clone, Copy)]
enum Bound {
    Min(f64),
    Max(f64),
}

/// The rule list in check order: (rule name, signal name, bound).
fn rules(cfg: &QualityConfig) -> Vec<(&'static str, &'static str, Bound)> {
    use Bound::{Max, Min};
    let t = &cfg.max_top_ngram_char_fraction;
    let d = &cfg.max_dup_ngram_char_fraction;
    vec![
        ("gopher_min_words", "words", Min(cfg.min_words)),
        ("gopher_max_words", "words", Max(cfg.max_words)),
        (
            "gopher_min_mean_word_length",
            "mean_word_length",
            Min(cfg.min_mean_word_length),
        ),
        (
            "gopher_max_mean_word_length",
            "mean_word_length",
            Max(cfg.max_mean_word_length),
        ),
        (
            "gopher_symbol_ratio",
            "symbol_word_ratio",
            Max(cfg.max_symbol_word_ratio),
        ),
        (
            "gopher_bullet_lines",
            "bullet_line_fraction",
            Max(cfg.max_bullet_line_fraction),
        ),
        (
            "gopher_ellipsis_lines",
            "ellipsis_line_fraction",
            Max(cfg.max_ellipsis_line_fraction),
        ),
        (
            "gopher_alpha_words",
            "alpha_word_fraction",
            Min(cfg.min_alpha_word_fraction),
        ),
        ("gopher_stop_words", "stop_words", Min(cfg.min_stop_words)),
        (
            "gopher_dup_line_fraction",
            "dup_line_fraction",
            Max(cfg.max_dup_line_fraction),
        ),
        (
            "gopher_dup_para_fraction",
            "dup_para_fraction",
            Max(cfg.max_dup_para_fraction),
        ),
        (
            "gopher_dup_line_chars",
            "dup_line_char_fraction",
            Max(cfg.max_dup_line_char_fraction),
        ),
        (
            "gopher_dup_para_chars",
            "dup_para_char_fraction",
            Max(cfg.max_dup_para_char_fraction),
        ),
        ("gopher_top_2gram", "top_2gram_char_fraction", Max(t[0])),
        ("gopher_top_3gram", "top_3gram_char_fraction", Max(t[1])),
        ("gopher_top_4gram", "top_4gram_char_fraction", Max(t[2])),
        ("gopher_dup_5gram", "dup_5gram_char_fraction", Max(d[0])),
        ("gopher_dup_6gram", "dup_6gram_char_fraction", Max(d[1])),
        ("gopher_dup_7gram", "dup_7gram_char_fraction", Max(d[2])),
        ("gopher_dup_8gram", "dup_8gram_char_fraction", Max(d[3])),
        ("gopher_dup_9gram", "dup_9gram_char_fraction", Max(d[4])),
        ("gopher_dup_10gram", "dup_10gram_char_fraction", Max(d[5])),
        ("c4_lorem_ipsum", "lorem_ipsum", Max(0.0)),
        ("c4_curly_bracket", "curly_bracket", Max(0.0)),
        ("c4_min_sentences", "sentences", Min(cfg.min_sentences)),
        (
            "fineweb_line_punct",
            "line_punct_fraction",
            Min(cfg.min_line_punct_fraction),
        ),
        (
            "fineweb_short_lines",
            "short_line_fraction",
            Max(cfg.max_short_line_fraction),
        ),
        (
            "fineweb_char_dup",
            "dup_line_char_fraction",
            Max(cfg.max_char_dup_fraction),
        ),
        (
            "fineweb_newline_ratio",
            "newline_word_ratio",
            Max(cfg.max_newline_word_ratio),
        ),
    ]
}

/// The names of every rule this stage can drop for, in check order (for docs and reports).
pub fn rule_names() -> Vec<&'static str> {
    rules(&QualityConfig::default())
        .into_iter()
        .map(|r| r.0)
        .collect()
}

/// The `quality` document stage (see the module documentation).
#[derive(Debug, Clone)]
pub struct QualityStage {
    cfg: QualityConfig,
    rules: Vec<(&'static str, &'static str, f64, bool)>,
}

impl Default for QualityStage {
    fn default() -> Self {
        QualityStage::new(QualityConfig::default())
    }
}

impl QualityStage {
    /// A stage with these settings.
    pub fn new(cfg: QualityConfig) -> Self {
        let rules = rules(&cfg)
            .into_iter()
            .filter(|(name, _, _)| !cfg.disable.iter().any(|d| d == name))
            .filter(|(name, _, _)| cfg.c4_curly_bracket || *name != "c4_curly_bracket")
            .map(|(name, signal, b)| match b {
                Bound::Min(t) => (name, signal, t, true),
                Bound::Max(t) => (name, signal, t, false),
            })
            .collect();
        QualityStage { cfg, rules }
    }
}

impl Stage for QualityStage {
    fn name(&self) -> &'static str {
        "quality"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let signals = quality_signals(&doc.text);
        let lines = doc.text.lines().filter(|l| !l.trim().is_empty()).count() as f64;
        let line_rules_apply = lines >= self.cfg.min_lines_for_line_rules;
        let word_rules_apply = !doc
            .language
            .as_ref()
            .is_some_and(|l| self.cfg.no_space_languages.contains(&l.code));
        let stop_words_apply = doc
            .language
            .as_ref()
            .is_some_and(|l| self.cfg.stop_word_languages.contains(&l.code));
        let mut failed = None;
        for &(rule, signal, threshold, is_min) in &self.rules {
            if rule == "gopher_stop_words" && !stop_words_apply {
                continue;
            }
            let line_rule = matches!(
                rule,
                "gopher_bullet_lines"
                    | "gopher_ellipsis_lines"
                    | "fineweb_line_punct"
                    | "fineweb_short_lines"
            );
            if line_rule && !line_rules_apply {
                continue;
            }
            let word_rule = matches!(
                rule,
                "gopher_min_words"
                    | "gopher_max_words"
                    | "gopher_min_mean_word_length"
                    | "gopher_max_mean_word_length"
            );
            if word_rule && !word_rules_apply {
                continue;
            }
            let value = signals
                .iter()
                .find(|(n, _)| *n == signal)
                .map_or(0.0, |s| s.1);
            let ok = if is_min {
                value >= threshold
            } else {
                value <= threshold
            };
            if !ok {
                failed = Some((rule, value, threshold));
                break;
            }
        }
        for (name, v) in signals {
            doc.quality.insert(name.to_string(), v);
        }
        match failed {
            None => Outcome::Keep,
            Some((rule, value, threshold)) => {
                counters.add("quality_failed", 1);
                let mut d = Map::new();
                d.insert("value".into(), json!(value));
                d.insert("threshold".into(), json!(threshold));
                Outcome::drop_with(rule, d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmill_core::Language;

    fn get(s: &[(&str, f64)], k: &str) -> f64 {
        s.iter().find(|x| x.0 == k).map(|x| x.1).unwrap_or(f64::NAN)
    }

    fn en(text: &str) -> Doc {
        let mut d = Doc::new("x", text);
        d.language = Some(Language {
            code: "en".into(),
            confidence: 1.0,
        });
        d
    }

    #[test]
    fn signals_on_a_small_text() {
        let s = quality_signals("The cat sat on the mat.\nThe cat sat on the mat.\nA dog ran...");
        assert_eq!(get(&s, "words"), 15.0);
        assert!((get(&s, "dup_line_fraction") - 1.0 / 3.0).abs() < 1e-9);
        assert!((get(&s, "ellipsis_line_fraction") - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(get(&s, "stop_words"), 4.0);
        assert!(get(&s, "dup_5gram_char_fraction") > 0.2);
        assert!(get(&s, "top_2gram_char_fraction") > 0.0);
        assert_eq!(get(&s, "sentences"), 2.0);
        let once = quality_signals("Every word here appears only once in this text.");
        assert_eq!(get(&once, "top_2gram_char_fraction"), 0.0);
        assert_eq!(get(&once, "dup_line_fraction"), 0.0);
    }

    #[test]
    fn ngram_repetition_matches_gopher_definitions() {
        let s = quality_signals("a b c d e a b c d e");
        // The second "a b c d e" (9 chars with spaces) repeats the first; 19 chars in all.
        assert!((get(&s, "dup_5gram_char_fraction") - 9.0 / 19.0).abs() < 1e-9);
        assert_eq!(get(&s, "dup_6gram_char_fraction"), 0.0);
        // Every 2-gram of the first half occurs twice: the top one covers 2 x 3 chars.
        assert!((get(&s, "top_2gram_char_fraction") - 6.0 / 19.0).abs() < 1e-9);
    }

    #[test]
    fn short_clean_brief_is_kept() {
        let mut doc = en("Heavy snow closed schools across the north of the country on Monday, and officials said the roads would stay shut until the weather improved.");
        let mut c = Counters::default();
        assert!(QualityStage::default().process(&mut doc, &mut c).is_keep());
        assert!(doc.quality.contains_key("words"));
    }

    #[test]
    fn failing_rule_is_the_reason_with_details() {
        let mut doc = en("Buy now.\nBuy now.");
        let mut c = Counters::default();
        match QualityStage::default().process(&mut doc, &mut c) {
            Outcome::Drop(r) => {
                assert_eq!(r.reason, "gopher_min_words");
                assert_eq!(r.details["threshold"], json!(10.0));
            }
            Outcome::Keep => panic!("kept"),
        }
        let repeated = "The market rose again today as traders bought shares. ".repeat(6);
        let mut doc = en(&repeated);
        match QualityStage::default().process(&mut doc, &mut c) {
            Outcome::Drop(r) => assert!(r.reason.starts_with("gopher_"), "{}", r.reason),
            Outcome::Keep => panic!("kept repeated text"),
        }
        // Disabled rules do not fire; stop words only apply to English.
        let cfg = QualityConfig {
            disable: rule_names().iter().map(|s| s.to_string()).collect(),
            ..QualityConfig::default()
        };
        assert!(QualityStage::new(cfg).process(&mut doc, &mut c).is_keep());
        // Braces only count when asked for, whatever `disable` holds.
        let mut braces = en("The court heard that the code read {x} and that the bank had known about the flaw for years.");
        let some_disabled = QualityConfig {
            disable: vec!["c4_min_sentences".into()],
            ..QualityConfig::default()
        };
        assert!(QualityStage::new(some_disabled)
            .process(&mut braces, &mut c)
            .is_keep());
        let strict = QualityConfig {
            c4_curly_bracket: true,
            ..QualityConfig::default()
        };
        assert!(!QualityStage::new(strict)
            .process(&mut braces, &mut c)
            .is_keep());
        let mut de = Doc::new("d", "Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff im nächsten Jahr zu erhöhen.");
        assert!(QualityStage::default().process(&mut de, &mut c).is_keep());
    }

    #[test]
    fn box_scores_and_japanese_are_kept() {
        let mut scores = en("Oak Ridge beat Millbrook 58-49 on Friday to stay top of the league with the help of a late run.\nOak Ridge (1-0): Hartwell 22 points. Osei 14 points. Lindqvist 11 points. Park 5 points.\n\
Millbrook (0-1): Varga 18 points. Quinn 9 points. Abara 7 points. Dunn 4 points.");
        let mut c = Counters::default();
        assert!(QualityStage::default()
            .process(&mut scores, &mut c)
            .is_keep());
        let mut ja = Doc::new("ja", "先日、不正に改造した携帯電話を販売したとして、二十代の男性が逮捕されたというニュースを耳にしました。報道によると、販売されたのは改造品です。");
        ja.language = Some(Language {
            code: "ja".into(),
            confidence: 1.0,
        });
        assert!(QualityStage::default().process(&mut ja, &mut c).is_keep());
        ja.language = Some(Language {
            code: "en".into(),
            confidence: 1.0,
        });
        assert!(!QualityStage::default().process(&mut ja, &mut c).is_keep());
    }

    #[test]
    fn three_paragraph_story_trailing_off_is_kept() {
        let mut doc = en("The council met on Monday to discuss the new budget for the coming year.\n\
The mayor said the plan would protect services and keep taxes at the level of last year.\n\
But whether the plan survives the next vote, with the opposition united against it, remains to be seen...");
        let mut c = Counters::default();
        assert!(QualityStage::default().process(&mut doc, &mut c).is_keep());
        assert!((doc.quality["ellipsis_line_fraction"] - 1.0 / 3.0).abs() < 1e-9);
    }

    proptest::proptest! {
        #[test]
        fn signals_are_finite_and_bounded(s in "\\PC{0,200}") {
            for (name, v) in quality_signals(&s) {
                proptest::prop_assert!(v.is_finite() && v >= 0.0, "{} = {}", name, v);
                if name.ends_with("fraction") {
                    proptest::prop_assert!(v <= 1.0 + 1e-9, "{} = {}", name, v);
                }
            }
        }
    }
}
