//! Small text measures the selection uses: characters, word hashes, sentence ends.

use std::collections::HashSet;

pub(super) fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '"'
            | '\u{201D}'
            | '\u{3002}'
            | ')'
            | ':'
            | ';'
            // Closing quotes of other languages: German “ and ‘, guillemets both ways, the
            // single right quote, CJK corner brackets and full-width stops.
            | '\u{201C}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00BB}'
            | '\u{00AB}'
            | '\u{300D}'
            | '\u{300F}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{FF0E}'
    )
}

/// Counts visible characters, ASCII whitespace excluded (UTF-8 continuation bytes skipped).
#[inline]
pub(super) fn char_count(s: &str) -> u32 {
    s.bytes()
        .filter(|&b| (b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
        .count() as u32
}

pub(super) fn hash_word(w: &str) -> u64 {
    // FNV-1a over lowercased chars.
    let mut h: u64 = 0xcbf29ce484222325;
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// How many of `text`'s words are words of the title, and how many words it has.
pub(super) fn title_words_in(text: &str, title_words: &HashSet<u64>) -> (usize, usize) {
    words(text).fold((0, 0), |(shared, all), w| {
        (
            shared + usize::from(title_words.contains(&hash_word(w))),
            all + 1,
        )
    })
}

pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}
