//! Text normalization and hashing shared by every phase, so that a line or a shingle hashes the
//! same whichever task sees it: case, punctuation, quotes, dashes, NBSP, CRLF and paragraph breaks
//! never matter, only the sequence of words.

#[cfg(test)]
/// Calls `f` with the hash of every normalized word of `text`, in order.
///
/// A word is a run of alphanumeric characters, lowercased; apostrophes inside a word are dropped
/// (`don't` and `don’t` both give `dont`); everything else separates words.
pub fn for_each_word_hash(text: &str, f: impl FnMut(u64)) {
    struct Words<F>(F);
    impl<F: FnMut(u64)> Sink for Words<F> {
        #[inline(always)]
        fn word(&mut self, h: u64) {
            (self.0)(h)
        }
        #[inline(always)]
        fn newline(&mut self, _: usize) {}
    }
    scan_words(text, &mut Words(f));
}

/// What [`scan_words`] reports, in text order.
trait Sink {
    /// The hash of the next word.
    fn word(&mut self, h: u64);
    /// A `\n` at byte offset `i`.
    fn newline(&mut self, i: usize);
}

/// The tokenizer behind [`for_each_word_hash`] and [`Tokens::fill`]: reports each word hash and
/// each `\n` to `sink`, in text order, in one pass.
///
/// Runs of ASCII letters and digits are classified and lowercased eight bytes at a time (the
/// common case in news text); other characters take the per-character path.
#[inline(always)]
fn scan_words(text: &str, sink: &mut impl Sink) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut w = WordHasher::default();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if ASCII_WORD[b as usize] != 0 {
                if let Some(chunk) = bytes.get(i..i + 8) {
                    let c = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                    // At least one: `b` itself is a word byte.
                    let run = (!ascii_alnum_mask(c) & HIGH_BITS).trailing_zeros() / 8;
                    let lower = c | LOWER_BITS;
                    let v = if run == 8 {
                        lower
                    } else {
                        lower & ((1u64 << (8 * run)) - 1)
                    };
                    w.push_bytes(v, run);
                    i += run as usize;
                } else {
                    w.push(ASCII_WORD[b as usize]);
                    i += 1;
                }
                continue;
            }
            i += 1;
            if b == b'\'' && w.len > 0 && bytes.get(i).is_some_and(|n| n.is_ascii_alphanumeric()) {
                continue;
            }
            if w.len > 0 {
                sink.word(w.finish());
            }
            if b == b'\n' {
                sink.newline(i - 1);
            }
            continue;
        }
        // Decode one non-ASCII char (the text is valid UTF-8).
        let len = match b {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let end = (i + len).min(n);
        let c = text.get(i..end).and_then(|s| s.chars().next());
        i = end;
        match c {
            Some(c) if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    let mut tmp = [0u8; 4];
                    for &x in l.encode_utf8(&mut tmp).as_bytes() {
                        w.push(x);
                    }
                }
                continue;
            }
            Some('\u{2019}')
                if w.len > 0
                    && text
                        .get(i..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(char::is_alphanumeric) =>
            {
                continue;
            }
            _ => {}
        }
        if w.len > 0 {
            sink.word(w.finish());
        }
    }
    if w.len > 0 {
        sink.word(w.finish());
    }
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const LOWER_BITS: u64 = 0x2020_2020_2020_2020;

/// `0x80` in each byte of `c` that is an ASCII letter or digit, 0 elsewhere (SWAR range checks;
/// the high bits are cleared first so no byte carries into the next).
#[inline(always)]
fn ascii_alnum_mask(c: u64) -> u64 {
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let x = c & !HIGH_BITS;
    let ascii = !c & HIGH_BITS;
    let digit = x.wrapping_add(rep(0x80 - b'0')) & !x.wrapping_add(rep(0x80 - b'9' - 1));
    let y = x | LOWER_BITS;
    let letter = y.wrapping_add(rep(0x80 - b'a')) & !y.wrapping_add(rep(0x80 - b'z' - 1));
    (digit | letter) & ascii
}

/// Hashes a word's (lowercased) bytes eight at a time: one multiply per eight bytes instead of one
/// per byte, which is most of the cost of tokenizing.
#[derive(Default)]
struct WordHasher {
    h: u64,
    acc: u64,
    k: u32,
    len: u64,
}

impl WordHasher {
    #[inline]
    fn push(&mut self, b: u8) {
        self.acc |= u64::from(b) << (8 * self.k);
        self.k += 1;
        self.len += 1;
        if self.k == 8 {
            self.h = (self.h ^ self.acc)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
            self.acc = 0;
            self.k = 0;
        }
    }

    /// Pushes the `n` (1 to 8) low bytes of `v` (the bytes above them zero), as `n` calls of
    /// [`WordHasher::push`] would.
    #[inline]
    fn push_bytes(&mut self, v: u64, n: u32) {
        self.len += u64::from(n);
        self.acc |= v << (8 * self.k);
        let total = self.k + n;
        if total >= 8 {
            self.h = (self.h ^ self.acc)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
            let rest = total - 8;
            // The bytes that did not fit (`self.k > 0` whenever `rest > 0`).
            self.acc = if rest > 0 { v >> (8 * (8 - self.k)) } else { 0 };
            self.k = rest;
        } else {
            self.k = total;
        }
    }

    #[inline]
    fn finish(&mut self) -> u64 {
        let h = mix64(self.h ^ self.acc ^ self.len.rotate_left(56));
        *self = WordHasher::default();
        h
    }
}

/// Lowercased byte for ASCII word characters, 0 for separators.
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// One line of a [`Tokens`]: its index among [`lines`] and its words' range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    /// Index of the line in [`lines`] of the text.
    pub index: usize,
    /// First word (index into [`Tokens::words`]).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The line ends in an ellipsis (a teaser).
    pub teaser: bool,
    /// The line's hash ([`line_hash`]).
    pub hash: u64,
}

/// A text tokenized once per phase: every normalized word hash, and the span of every line that
/// has words. Reused across documents to avoid allocation.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Word hashes in text order.
    pub words: Vec<u64>,
    /// Lines with at least one word.
    pub lines: Vec<LineSpan>,
    /// The hash of all the words ([`Tokens::exact`]).
    exact: u64,
}

impl Tokens {
    /// Tokenizes `text`, replacing the previous content, in one pass over the bytes.
    pub fn fill(&mut self, text: &str) {
        self.words.clear();
        self.lines.clear();
        let mut f = Filler {
            text,
            tokens: self,
            index: 0,
            line_start: 0,
            first_word: 0,
            all: SeqHash::default(),
        };
        scan_words(text, &mut f);
        f.newline(text.len());
        self.exact = f.all.finish();
    }

    /// The exact-dedup hash of the whole text (equals [`exact_hash`]), after [`Tokens::fill`].
    pub fn exact(&self) -> u64 {
        self.exact
    }

    /// The plain hash of a line (equals [`line_hash`]).
    pub fn line_hash(&self, span: &LineSpan) -> u64 {
        span.hash
    }

    /// The boilerplate key of a line (equals [`boiler_line_key`]).
    pub fn boiler_key(&self, span: &LineSpan, teaser_words: usize) -> (u64, usize) {
        let n = span.end - span.start;
        if teaser_words > 0 && span.teaser && n > teaser_words {
            let prefix = seq_hash(&self.words[span.start..span.start + teaser_words]);
            (combine(prefix, 0x7ea5e5), n)
        } else {
            (self.line_hash(span), n)
        }
    }
}

/// Builds a [`Tokens`] from the tokenizer's reports.
struct Filler<'a> {
    text: &'a str,
    tokens: &'a mut Tokens,
    /// Index of the current line.
    index: usize,
    /// Byte offset where the current line starts.
    line_start: usize,
    /// Its first word.
    first_word: usize,
    /// The hash of every word of the lines closed so far. Each line's words are hashed into it
    /// and into the line's own hash in one loop when the line closes: the two multiply chains
    /// overlap (hashed in two passes, they cost a multiply's latency per word twice).
    all: SeqHash,
}

impl Sink for Filler<'_> {
    #[inline(always)]
    fn word(&mut self, h: u64) {
        self.tokens.words.push(h);
    }

    /// Closes the current line at byte `end` (also called once at the end of the text).
    #[inline]
    fn newline(&mut self, end: usize) {
        let n = self.tokens.words.len();
        if n > self.first_word {
            let t = self.text.get(self.line_start..end).unwrap_or("").trim_end();
            self.tokens.lines.push(LineSpan {
                index: self.index,
                start: self.first_word,
                end: n,
                teaser: t.ends_with("...") || t.ends_with('\u{2026}'),
                hash: self.all.push_line(&self.tokens.words[self.first_word..n]),
            });
        }
        self.index += 1;
        self.line_start = end + 1;
        self.first_word = n;
    }
}

fn seq_hash(words: &[u64]) -> u64 {
    let mut s = SeqHash::default();
    words.iter().for_each(|&w| s.push(w));
    s.finish()
}

/// A strong 64-bit finalizer (splitmix64), used to combine hashes without xxh3 over a buffer.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combines two hashes, order-sensitively.
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    mix64(a.rotate_left(17) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Streaming hash of a word sequence: equal for texts whose normalized words are equal.
#[derive(Debug, Clone, Copy)]
pub struct SeqHash {
    h: u64,
    n: u64,
}

impl Default for SeqHash {
    fn default() -> Self {
        SeqHash {
            h: 0x243f_6a88_85a3_08d3,
            n: 0,
        }
    }
}

impl SeqHash {
    /// Adds the next word hash. One multiply: word hashes are already well mixed, and
    /// [`SeqHash::finish`] mixes the result fully.
    #[inline]
    pub fn push(&mut self, w: u64) {
        self.h = (self.h.rotate_left(26) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.n += 1;
    }
    /// Pushes `words` and returns their own hash (that of a fresh [`SeqHash`] given them), the
    /// two computed in one loop.
    #[inline]
    pub fn push_line(&mut self, words: &[u64]) -> u64 {
        let (mut a, mut l) = (self.h, SeqHash::default().h);
        for &w in words {
            a = (a.rotate_left(26) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            l = (l.rotate_left(26) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        self.h = a;
        self.n += words.len() as u64;
        combine(l, words.len() as u64)
    }

    #[cfg(test)]
    /// Number of words pushed.
    pub fn len(&self) -> u64 {
        self.n
    }
    /// The hash (includes the word count).
    pub fn finish(&self) -> u64 {
        combine(self.h, self.n)
    }
}

#[cfg(test)]
/// The stable 64-bit hash of a text's normalized words (exact dedup key) and its word count.
pub fn exact_hash(text: &str) -> (u64, u64) {
    let mut s = SeqHash::default();
    for_each_word_hash(text, |w| s.push(w));
    (s.finish(), s.len())
}

#[cfg(test)]
/// Hash and word count of one line; `None` for a line without words.
pub fn line_hash(line: &str) -> Option<(u64, usize)> {
    let (h, n) = exact_hash(line);
    (n > 0).then_some((h, n as usize))
}

#[cfg(test)]
/// The key under which a line is counted for boilerplate, and its word count; `None` for a line
/// without words. A teaser (a line ending in an ellipsis) is keyed by its first `teaser_words`
/// words only, because sites cut the same teaser at different lengths on different pages.
pub fn boiler_line_key(line: &str, teaser_words: usize) -> Option<(u64, usize)> {
    let mut t = Tokens::default();
    t.fill(line.split('\n').next().unwrap_or(""));
    let span = *t.lines.first()?;
    Some(t.boiler_key(&span, teaser_words))
}

/// Word shingles of a word-hash sequence: the hash of every `k` consecutive words, or one shingle
/// of all words when there are fewer than `k` (so a short text still has a fingerprint).
pub fn shingles(words: &[u64], k: usize, out: &mut Vec<u64>) {
    out.clear();
    let k = k.max(1);
    if words.is_empty() {
        return;
    }
    if words.len() < k {
        let mut s = SeqHash::default();
        words.iter().for_each(|&w| s.push(w));
        out.push(s.finish());
        return;
    }
    // Word hashes are uniform, so rotating each by its position and xoring keeps the order and
    // needs no multiply chain; the finalizer mixes the result.
    out.extend(words.windows(k).map(|win| {
        let mut h = 0x1234_5678_9abc_def1u64;
        for (j, &w) in win.iter().enumerate() {
            h ^= w.rotate_left((13 * j as u32) % 64);
        }
        mix64(h)
    }));
}

/// Splits a document into lines the way every phase must (on `\n`, CR trimmed), so that line
/// indices written by one phase mean the same lines in another.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The brand a `source` value or a site name stands for: `bbc.co.uk`, `BBC News Online` and
/// `(Source: BBC)` all give `bbc`; `The Guardian` gives `guardian`.
pub fn brand_key(name: &str) -> Option<String> {
    let name = name.trim().trim_start_matches("www.");
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase());
    let mut first = words.next()?;
    if first == "the" {
        first = words.next()?;
    }
    Some(first)
}

/// The brand of a host name: its registrable label (`edition.cnn.com` gives `cnn`,
/// `news.bbc.co.uk` gives `bbc`).
pub fn host_brand(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let idx = match n {
        0 => return None,
        1 => 0,
        _ => {
            let sld_generic = matches!(labels[n - 2], "co" | "com" | "org" | "net" | "ac" | "gov");
            if sld_generic && labels[n - 1].len() == 2 && n >= 3 {
                n - 3
            } else {
                n - 2
            }
        }
    };
    Some(labels[idx].to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<u64> {
        let mut v = Vec::new();
        for_each_word_hash(t, |w| v.push(w));
        v
    }

    /// The byte-at-a-time tokenizer the fast path replaced: both must give the same hashes.
    fn reference_words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for line in lines(text) {
            let mut w = WordHasher::default();
            let chars: Vec<char> = line.chars().collect();
            for (j, &c) in chars.iter().enumerate() {
                let next_alnum = |ascii: bool| {
                    chars.get(j + 1).is_some_and(|n| {
                        if ascii {
                            n.is_ascii_alphanumeric()
                        } else {
                            n.is_alphanumeric()
                        }
                    })
                };
                if c.is_alphanumeric() {
                    for l in c.to_lowercase() {
                        let mut tmp = [0u8; 4];
                        l.encode_utf8(&mut tmp).bytes().for_each(|x| w.push(x));
                    }
                    continue;
                }
                if (c == '\'' && next_alnum(true) || c == '\u{2019}' && next_alnum(false))
                    && w.len > 0
                {
                    continue;
                }
                if w.len > 0 {
                    out.push(w.finish());
                }
            }
            if w.len > 0 {
                out.push(w.finish());
            }
        }
        out
    }

    #[test]
    fn fast_tokenizer_matches_the_reference() {
        let samples = [
            "",
            "a",
            "Hello, World!",
            "internationalization INTERNATIONALIZATION internationalisation2024",
            "don't DON'T don\u{2019}t 'quoted' it's'",
            "Z\u{fc}rich M\u{dc}NCHEN na\u{ef}ve caf\u{e9}s \u{41f}\u{440}\u{438}\u{432}\u{435}\u{442} \u{6771}\u{4eac}",
            "line one\r\nline two\n\n  ...teaser...\nabcdefghijklmnopqrstuvwxyz0123456789",
            "x1y2z3@[`{/:09AZaz",
            "12345678 123456789 1234567 aaaaaaaabbbbbbbb",
        ];
        let mut rng = 0x1234_5678u64;
        let alphabet: Vec<char> = "aZ9 '\n\r.,\u{2019}\u{e9}\u{c9}x-\u{2026}Q"
            .chars()
            .collect();
        let mut random = Vec::new();
        for _ in 0..300 {
            let len = (mix64(rng) % 40) as usize;
            let t: String = (0..len)
                .map(|_| {
                    rng = mix64(rng);
                    alphabet[(rng % alphabet.len() as u64) as usize]
                })
                .collect();
            random.push(t);
        }
        for t in samples
            .iter()
            .copied()
            .chain(random.iter().map(String::as_str))
        {
            assert_eq!(words(t), reference_words(t), "{t:?}");
            let mut tok = Tokens::default();
            tok.fill(t);
            assert_eq!(tok.words, reference_words(t), "{t:?}");
            let per_line: Vec<usize> = lines(t).map(|l| reference_words(l).len()).collect();
            let spans: Vec<(usize, usize)> = tok
                .lines
                .iter()
                .map(|s| (s.index, s.end - s.start))
                .collect();
            let expect: Vec<(usize, usize)> = per_line
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(i, &n)| (i, n))
                .collect();
            assert_eq!(spans, expect, "{t:?}");
        }
    }

    #[test]
    fn normalization_ignores_case_punctuation_quotes_and_breaks() {
        let a = "He said: \"Don't go\" \u{2014} twice.\r\n\r\nThe End";
        let b = "he said \u{201c}don\u{2019}t go\u{201d} - twice\nthe\u{a0}end";
        assert_eq!(words(a), words(b));
        assert_eq!(exact_hash(a), exact_hash(b));
        assert_ne!(exact_hash("a b c").0, exact_hash("a c b").0);
        assert_eq!(words("Éte ÉTÉ").len(), 2);
        assert_eq!(words("Éte ÉTÉ")[1], words("été")[0]);
    }

    #[test]
    fn teasers_cut_at_different_lengths_share_a_key() {
        let a =
            "De Niro completes box office coup \u{2013} Robert De Niro has completed a double...";
        let b =
            "De Niro completes box office coup - Robert De Niro has completed a transatlantic...";
        assert_eq!(
            boiler_line_key(a, 8).map(|k| k.0),
            boiler_line_key(b, 8).map(|k| k.0)
        );
        // Without the ellipsis the whole line counts.
        let c = "De Niro completes box office coup - Robert De Niro has completed a transatlantic";
        assert_ne!(boiler_line_key(c, 8), boiler_line_key(b, 8));
        assert_eq!(
            boiler_line_key("Short one...", 8),
            line_hash("Short one...")
        );
        assert_eq!(boiler_line_key(" ... ", 8), None);
    }

    #[test]
    fn tokens_agree_with_the_one_shot_hashes() {
        let text = "Site name\r\n\r\nA first line, with words.\nTeaser one two three four five six seven eight nine...\n";
        let mut t = Tokens::default();
        t.fill(text);
        assert_eq!(t.exact(), exact_hash(text).0);
        assert_eq!(t.lines.len(), 3);
        assert_eq!(t.lines[1].index, 2);
        assert!(t.lines[2].teaser);
        for (span, line) in t.lines.iter().zip([
            "Site name",
            "A first line, with words.",
            "Teaser one two three four five six seven eight nine...",
        ]) {
            assert_eq!(Some(t.line_hash(span)), line_hash(line).map(|x| x.0));
            assert_eq!(Some(t.boiler_key(span, 8)), boiler_line_key(line, 8));
        }
    }

    #[test]
    fn shingles_cover_windows_and_short_texts() {
        let w = words("one two three four five six");
        let mut out = Vec::new();
        shingles(&w, 5, &mut out);
        assert_eq!(out.len(), 2);
        shingles(&w[..3], 5, &mut out);
        assert_eq!(out.len(), 1);
        shingles(&[], 5, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn brands_of_names_and_hosts() {
        assert_eq!(brand_key("bbc.co.uk").as_deref(), Some("bbc"));
        assert_eq!(brand_key("BBC News Online").as_deref(), Some("bbc"));
        assert_eq!(brand_key("The Guardian").as_deref(), Some("guardian"));
        assert_eq!(host_brand("edition.cnn.com").as_deref(), Some("cnn"));
        assert_eq!(host_brand("news.bbc.co.uk").as_deref(), Some("bbc"));
        assert_eq!(host_brand("localhost").as_deref(), Some("localhost"));
    }
}
