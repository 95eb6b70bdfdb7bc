//! The `normalize` stage: puts text into one canonical form so that later stages (clean, dedup
//! shingles, quote offsets) see the same characters for the same content.
//!
//! Rules, in order, applied to `doc.text` and `doc.title`:
//! 1. **Mojibake repair** (`repair_mojibake`): runs of characters that are really the bytes of a
//!    UTF-8 sequence decoded as Windows-1252 or Latin-1 (`â€™`, `Ã©`, `Ã¢â‚¬â„¢` twice over) are
//!    decoded back (`’`, `é`). A run is only repaired when it decodes to a character in a block
//!    where mojibake comes from (punctuation, Latin, Greek, Cyrillic, CJK, emoji...), so German
//!    `ß“` and similar legitimate pairs stay. Counted as `mojibake_repaired`.
//! 2. **Line endings**: `\r\n`, `\r`, U+2028 and U+2029 become `\n`.
//! 3. **Control and invisible characters** (`strip_control`): C0/C1 controls other than `\n`/`\t`,
//!    zero-width spaces and joiners outside scripts that need them, BOMs and soft hyphens are
//!    removed. Counted as `control_chars_removed`.
//! 4. **Whitespace** (`collapse_whitespace`): tabs, NBSP and other Unicode spaces become a plain
//!    space, runs of spaces collapse to one, lines are trimmed, and runs of blank lines are capped at
//!    `max_blank_lines` (0 by default: paragraphs are separated by a single `\n`, as `Doc::text`
//!    documents).
//! 5. **Unicode NFC** (`nfc`), checked with the quick test first so already-NFC text costs one scan.
//!
//! U+FFFD replacement characters (what the readers put where input bytes were not valid UTF-8) are
//! counted (`replacement_chars`, plus `docs_with_replacement_chars`), never fatal. The only drop,
//! off by default, is `too_many_replacement_chars` when their share of characters exceeds
//! `max_replacement_ratio`, with details `{value, threshold}`.

use newsmill_core::{Counters, Doc, Outcome, Stage};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Settings of the `[normalize]` table. Every step can be switched off so that a run can keep
/// text byte-exact when a downstream consumer needs the original characters.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeConfig {
    /// Compose to Unicode NFC (so `e` + combining acute and `é` compare equal downstream).
    pub nfc: bool,
    /// Repair UTF-8 text that was decoded as Windows-1252/Latin-1 somewhere upstream.
    pub repair_mojibake: bool,
    /// Remove control, zero-width and soft-hyphen characters.
    pub strip_control: bool,
    /// Map Unicode spaces to ASCII space, collapse runs, trim lines, cap blank lines.
    pub collapse_whitespace: bool,
    /// Most consecutive blank lines kept (with `collapse_whitespace`); 0 removes blank lines.
    pub max_blank_lines: usize,
    /// Drop documents whose share of U+FFFD among characters is above this; `None` never drops.
    pub max_replacement_ratio: Option<f64>,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            nfc: true,
            repair_mojibake: true,
            strip_control: true,
            collapse_whitespace: true,
            max_blank_lines: 0,
            max_replacement_ratio: None,
        }
    }
}

/// What [`normalize_text`] produced and what it found, so callers can count without re-scanning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Mojibake sequences decoded back to the character they stood for.
    pub mojibake_repaired: usize,
    /// Control and invisible characters removed.
    pub control_removed: usize,
    /// U+FFFD characters in the output (invalid input bytes, or repaired `ï¿½`).
    pub replacement_chars: usize,
    /// Characters in the output.
    pub chars: usize,
    /// Whether NFC composition changed anything.
    pub nfc_changed: bool,
}

/// Normalizes one text as the module documentation describes. Pure, never panics.
pub fn normalize_text(text: &str, cfg: &NormalizeConfig) -> Normalized {
    let mut out = Normalized::default();
    let mut cur: std::borrow::Cow<'_, str> = std::borrow::Cow::Borrowed(text);
    if cfg.repair_mojibake && !cur.is_ascii() {
        // Two passes undo text that went through the wrong decoding twice.
        for _ in 0..2 {
            let (fixed, n) = repair_mojibake(&cur);
            if n == 0 {
                break;
            }
            out.mojibake_repaired += n;
            cur = std::borrow::Cow::Owned(fixed);
        }
    }
    let (mut s, removed) = clean_chars(&cur, cfg);
    out.control_removed = removed;
    if cfg.nfc && !s.is_ascii() && is_nfc_quick(s.chars()) != IsNormalized::Yes {
        let composed: String = s.nfc().collect();
        if composed != s {
            out.nfc_changed = true;
            s = composed;
        }
    }
    let mut chars = 0usize;
    let mut repl = 0usize;
    if s.is_ascii() {
        chars = s.len();
    } else {
        for c in s.chars() {
            chars += 1;
            repl += usize::from(c == '\u{FFFD}');
        }
    }
    out.chars = chars;
    out.replacement_chars = repl;
    out.text = s;
    out
}

/// Characters that are invisible or formatting-only and carry nothing for text processing.
fn is_removable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that are a space for text purposes (tab, NBSP, the U+2000 block, ...).
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Line endings, control characters and whitespace in one pass over the text.
fn clean_chars(text: &str, cfg: &NormalizeConfig) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    let mut pending_space = false;
    // Blank lines seen since the last non-blank line, and whether any line has content yet.
    let mut blank_run = 0usize;
    let mut line_has_content = false;
    let mut any_content = false;
    let mut chars = text.chars().peekable();
    while let Some(mut c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            c = '\n';
        } else if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
            c = '\n';
        }
        if c == '\n' {
            if !cfg.collapse_whitespace {
                out.push('\n');
                continue;
            }
            pending_space = false;
            if line_has_content {
                line_has_content = false;
                blank_run = 0;
                out.push('\n');
            } else if any_content {
                blank_run += 1;
                if blank_run <= cfg.max_blank_lines {
                    out.push('\n');
                }
            }
            continue;
        }
        if cfg.strip_control && is_removable(c) && c != '\t' {
            removed += 1;
            continue;
        }
        if cfg.collapse_whitespace {
            if is_space(c) {
                pending_space = line_has_content;
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            line_has_content = true;
            any_content = true;
        }
        out.push(c);
    }
    if cfg.collapse_whitespace {
        while out.ends_with('\n') {
            out.pop();
        }
    }
    (out, removed)
}

/// The byte Windows-1252 (or Latin-1 for its undefined slots) encodes `c` as, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x80 {
        return Some(cp as u8);
    }
    if (0xA0..=0xFF).contains(&cp) || (0x80..=0x9F).contains(&cp) {
        return Some(cp as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Whether a character decoded from a mojibake run is one that real text plausibly contains, so
/// that a legitimate pair of Latin-1 letters is not "repaired" into an unrelated script.
fn plausible_repair(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0x24F          // Latin-1 supplement, Latin extended A/B
        | 0x370..=0x52F       // Greek, Cyrillic
        | 0x5D0..=0x5FF       // Hebrew letters
        | 0x620..=0x64A       // Arabic letters
        | 0x900..=0xDFF       // Indic scripts
        | 0xE00..=0xE7F       // Thai
        | 0x1E00..=0x1FFF     // Latin extended additional, Greek extended
        | 0x2000..=0x2BFF     // punctuation, currency, letterlike, arrows, symbols
        | 0x3000..=0x9FFF     // CJK
        | 0xAC00..=0xD7AF     // Hangul
        | 0xFF00..=0xFFEF     // full-width forms
        | 0xFFFD
        | 0x1F000..=0x1FAFF) // emoji
}

/// Decodes runs of Windows-1252 characters that spell UTF-8 sequences. Returns the text and the
/// number of sequences repaired (0 means the text is returned unchanged).
pub fn repair_mojibake(text: &str) -> (String, usize) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::new();
    let mut last = 0usize; // byte offset in `text` copied up to
    let mut repaired = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (off, c) = chars[i];
        let lead = match cp1252_byte(c) {
            Some(b) if (0xC2..=0xF4).contains(&b) && (c as u32) >= 0x80 => b,
            _ => {
                i += 1;
                continue;
            }
        };
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let mut bytes = [lead, 0, 0, 0];
        let mut ok = i + need <= chars.len();
        if ok {
            for k in 1..need {
                match cp1252_byte(chars[i + k].1) {
                    Some(b) if (0x80..=0xBF).contains(&b) => bytes[k] = b,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        let mut need = need;
        let decoded = if ok {
            std::str::from_utf8(&bytes[..need])
                .ok()
                .and_then(|s| s.chars().next())
                .filter(|&d| plausible_repair(d))
        } else if lead == 0xE2 && chars.get(i + 1).map(|&(_, c)| c) == Some('€') {
            // `â€` + a lost byte: U+201D's last byte, 0x9D, has no Windows-1252 character and is
            // the one a Latin-1/1252 round trip drops; the other quotes and dashes survive whole.
            need = 2;
            Some('\u{201D}')
        } else {
            None
        };
        match decoded {
            Some(d) => {
                if out.capacity() == 0 {
                    out.reserve(text.len());
                }
                out.push_str(&text[last..off]);
                out.push(d);
                let end = chars.get(i + need).map_or(text.len(), |&(o, _)| o);
                last = end;
                repaired += 1;
                i += need;
            }
            None => i += 1,
        }
    }
    if repaired == 0 {
        return (text.to_string(), 0);
    }
    out.push_str(&text[last..]);
    (out, repaired)
}

/// The `normalize` document stage (see the module documentation for its rules and counters).
#[derive(Debug, Clone, Default)]
pub struct NormalizeStage {
    cfg: NormalizeConfig,
}

impl NormalizeStage {
    /// A stage with these settings.
    pub fn new(cfg: NormalizeConfig) -> Self {
        NormalizeStage { cfg }
    }
}

impl Stage for NormalizeStage {
    fn name(&self) -> &'static str {
        "normalize"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let n = normalize_text(&doc.text, &self.cfg);
        counters.add("mojibake_repaired", n.mojibake_repaired as u64);
        counters.add("control_chars_removed", n.control_removed as u64);
        counters.add("replacement_chars", n.replacement_chars as u64);
        counters.add(
            "docs_with_replacement_chars",
            u64::from(n.replacement_chars > 0),
        );
        counters.add("nfc_changed", u64::from(n.nfc_changed));
        if n.text != doc.text {
            counters.add("docs_changed", 1);
            doc.text = n.text;
        }
        if let Some(title) = doc.title.as_deref() {
            let cfg = NormalizeConfig {
                max_blank_lines: 0,
                ..self.cfg.clone()
            };
            let t = normalize_text(title, &cfg).text.replace('\n', " ");
            doc.title = Some(t);
        }
        if let Some(max) = self.cfg.max_replacement_ratio {
            let ratio = if n.chars == 0 {
                0.0
            } else {
                n.replacement_chars as f64 / n.chars as f64
            };
            if ratio > max {
                let mut d = Map::new();
                d.insert("value".into(), json!(ratio));
                d.insert("threshold".into(), json!(max));
                return Outcome::drop_with("too_many_replacement_chars", d);
            }
        }
        Outcome::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_quote_whose_last_byte_was_dropped_is_repaired() {
        let (fixed, n) = repair_mojibake("â€œNo,â€ she said, â€™ok");
        assert_eq!(fixed, "\u{201C}No,\u{201D} she said, \u{2019}ok");
        assert_eq!(n, 3);
    }

    fn norm(s: &str) -> String {
        normalize_text(s, &NormalizeConfig::default()).text
    }

    #[test]
    fn repairs_common_mojibake() {
        assert_eq!(norm("It\u{e2}\u{20ac}\u{2122}s"), "It’s");
        assert_eq!(
            norm("caf\u{c3}\u{a9} \u{e2}\u{20ac}\u{153}hi\u{e2}\u{20ac}\u{9d}"),
            "café “hi”"
        );
        // Twice-mangled right single quote.
        let twice = "Ã¢â‚¬â„¢";
        assert_eq!(norm(twice), "’");
        let n = normalize_text("â€™ and â€”", &NormalizeConfig::default());
        assert_eq!(n.text, "’ and —");
        assert_eq!(n.mojibake_repaired, 2);
    }

    #[test]
    fn leaves_legitimate_latin1_alone() {
        for s in [
            "„Straße“ ist lang",
            "Ça va, ÉLÉGANT, Ñandú",
            "naïve façade",
            "Ü “x”",
            "£5 and ©2020",
        ] {
            assert_eq!(norm(s), s, "{s}");
        }
    }

    #[test]
    fn whitespace_line_endings_and_controls() {
        let n = normalize_text(
            " a\u{a0}\u{a0}b\t c \r\n\r\n\r\nd\u{200b}e\u{0007}\rf  \n\n",
            &NormalizeConfig::default(),
        );
        assert_eq!(n.text, "a b c\nde\nf");
        assert_eq!(n.control_removed, 2);
        let keep_blank = NormalizeConfig {
            max_blank_lines: 1,
            ..NormalizeConfig::default()
        };
        assert_eq!(normalize_text("a\n\n\n\nb", &keep_blank).text, "a\n\nb");
    }

    #[test]
    fn composes_nfc_and_counts_replacements() {
        let n = normalize_text(
            "e\u{301}t\u{e9} \u{fffd}\u{fffd}",
            &NormalizeConfig::default(),
        );
        assert_eq!(n.text, "\u{e9}t\u{e9} \u{fffd}\u{fffd}");
        assert!(n.nfc_changed);
        assert_eq!(n.replacement_chars, 2);
    }

    #[test]
    fn stage_drops_only_when_configured() {
        let mut doc = Doc::new("a", "\u{fffd}\u{fffd}ab");
        let mut c = Counters::default();
        assert!(NormalizeStage::default()
            .process(&mut doc, &mut c)
            .is_keep());
        assert_eq!(c.get("replacement_chars"), 2);
        let strict = NormalizeStage::new(NormalizeConfig {
            max_replacement_ratio: Some(0.1),
            ..NormalizeConfig::default()
        });
        match strict.process(&mut doc, &mut c) {
            Outcome::Drop(r) => {
                assert_eq!(r.reason, "too_many_replacement_chars");
                assert_eq!(r.details["threshold"], json!(0.1));
            }
            Outcome::Keep => panic!("expected drop"),
        }
    }

    #[test]
    fn config_reads_from_toml_like_json() {
        let cfg: NormalizeConfig = serde_json::from_str(r#"{"nfc": false}"#).unwrap();
        assert!(!cfg.nfc);
        assert!(cfg.repair_mojibake);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_is_idempotent_without_repair(s in "\\PC*|[ \\t\\r\\n\u{a0}a-c\u{301}\u{fffd}\u{c3}\u{a9}\u{e2}\u{20ac}]{0,40}") {
            let cfg = NormalizeConfig { repair_mojibake: false, ..NormalizeConfig::default() };
            let once = normalize_text(&s, &cfg).text;
            let twice = normalize_text(&once, &cfg).text;
            proptest::prop_assert_eq!(&twice, &once);
            proptest::prop_assert!(!once.contains('\r') && !once.contains("  ") && !once.contains("\n\n"));
            let _ = normalize_text(&s, &NormalizeConfig::default());
        }
    }
}
