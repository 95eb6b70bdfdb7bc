//! The `clean` stage: takes page residue out of article text and repairs glued paragraphs, so that
//! what remains is the article body (what dedup shingles and attribution reads).
//!
//! Work happens line by line (a line is a paragraph after `normalize`):
//! 1. **Glued paragraphs** (`split_glued`): `November 8.Following Trump's win` becomes two lines.
//!    A split needs a lowercase letter or digit before `.`/`!`/`?` and a capitalised word of two or
//!    more letters after it (optionally through a closing quote or parenthesis). It does not split
//!    `U.S.Army` (capital before), `3.5`, `example.com` (lowercase after), `Mr.Smith`, `St.Louis`,
//!    `Jan.Smith` (known abbreviations), `p.m.The`, `www.Site.Com` (the word already holds a dot,
//!    slash, `@` or colon). Counted as `glued_paragraphs_split`.
//! 2. **Line rules**, each removal kept in `doc.removed` with its reason:
//!    - `source_line`: `(Source: CNN)`, `Source: BBC`, `Burimi: bbc.co.uk`, `Fuente: EFE`,
//!      `This story originally appeared on bbc.co.uk.`; the name fills `doc.source`.
//!    - `byline`: `By Jane Doe`, `Jane Doe - Nov 19, 2019`; fills `doc.author` (and `doc.date`)
//!      when they are still empty.
//!    - `dateline`: a line that is only a date (`Published 26 February 2005`, `10.5.2005, 10:00
//!      Uhr`); fills `doc.date` (ISO `YYYY-MM-DD`) when still empty.
//!    - `teaser`: a line of at most 50 words ending in `...` or `…` (a truncated snippet of
//!      another story). One that holds quotation marks is only removed next to another teaser, and
//!      one between two paragraphs of prose stays, so a body line that trails off is kept.
//!    - `navigation`, `share`, `cookie`, `subscribe`, `copyright`, `advertisement`, `boilerplate`:
//!      short lines with site phrases (`Skip to content`, `Share on Facebook`, `We use cookies`,
//!      `Sign up for our newsletter`, `All rights reserved`, `Advertisement`, `Read more`), or menu
//!      lines of items separated by `|`, `•`, `»`. Each phrase has a word limit so body sentences
//!      that merely mention cookies are kept, and lines with quotation marks over 8 words are
//!      never matched.
//!    - `credit`: short `Photo:`/`Image:`/`Credit:` lines; `caption`: gallery captions that
//!      start with a counter (`1 of 4 ...`).
//!    - `comment`: comment-section furniture (`Leave a reply`, `34 Comments`, `jdoe says:`,
//!      `Save my name, email...`); `timestamp`: feed times (`2 hours ago`).
//!    - `repeated_line`: a short line that occurs twice or more on the page (menus, share rows);
//!      `duplicate_line`: a paragraph repeated verbatim, after its first occurrence.
//!    - `no_letters`: short lines without a single letter (`0`, `12 | 4`, `>>`).
//! 3. **Main text** (`main_text`): lines that read as prose (enough words, ending in sentence
//!    punctuation) score their length, residue and short lines score against it, and the
//!    contiguous stretch with the highest score (a maximum-sum run, one linear pass) is the
//!    article. Scores: prose `+chars`; a short line `-(short_penalty + min(chars, 40))` (half the
//!    penalty and `min(chars, 20)` when it ends in punctuation, 0 when it holds a quotation); a
//!    residue line `-(residue_penalty + min(chars, 200))`, `comment_penalty` for comment lines so
//!    the run rarely reaches into a comment section. Unpunctuated lines count as prose only from
//!    `2 * min_prose_words` words and when at least 30% of their words start in lowercase (so a
//!    menu is not prose). If the run ends on a line ending in `:`, the short lines after it (a
//!    list it introduces) are kept too, and so is the article's own short ending right after the
//!    run: short punctuated paragraphs of running text, a subheading followed by one, and a
//!    truncated last paragraph with only residue after it. Lines outside the run are removed as
//!    `outside_main_text`; the heading just before it becomes `doc.title` when that is empty
//!    (reason `title`). Short lines inside the stretch (subheadings, short quotes) are kept. When
//!    no line reads as prose, nothing is removed for this reason.
//!
//! Counters: `glued_paragraphs_split`, `lines_removed`, `source_found`, `author_found`,
//! `date_found`, `title_found`. The only drop is `clean_empty` (`drop_empty`, on by default):
//! nothing is left after cleaning.

use crate::dates::{parse_byline, parse_dateline};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use newsmill_core::{Counters, Doc, Outcome, Removed, Stage};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Settings of the `[clean]` table.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CleanConfig {
    /// Split paragraphs glued at a sentence end (`8.Following`).
    pub split_glued: bool,
    /// Remove lines ending in an ellipsis (teasers of other stories).
    pub remove_teasers: bool,
    /// Remove share/cookie/subscribe/navigation/copyright/ad lines.
    pub remove_boilerplate: bool,
    /// Turn `(Source: X)` lines into `doc.source`.
    pub extract_source: bool,
    /// Turn byline and dateline lines into `doc.author` / `doc.date`.
    pub extract_byline: bool,
    /// Keep only the main stretch of prose (see the module documentation).
    pub main_text: bool,
    /// Words a line needs (with sentence punctuation at its end) to count as prose.
    pub min_prose_words: usize,
    /// Score a short line costs the main-text run on top of its length (higher cuts navigation
    /// and comment blocks away from the article sooner).
    pub short_penalty: i64,
    /// Score a residue line costs the main-text run on top of its length.
    pub residue_penalty: i64,
    /// Score a comment-section line (`Leave a reply`, `3 Comments`, `jdoe says:`) costs the
    /// main-text run: comments follow the article, so the run should rarely cross one.
    pub comment_penalty: i64,
    /// Drop documents left with no text.
    pub drop_empty: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            split_glued: true,
            remove_teasers: true,
            remove_boilerplate: true,
            extract_source: true,
            extract_byline: true,
            main_text: true,
            min_prose_words: 10,
            short_penalty: 20,
            residue_penalty: 50,
            comment_penalty: 400,
            drop_empty: true,
        }
    }
}

/// The result of [`clean_text`]: the text, what was removed and why, and the metadata found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// The cleaned text, one paragraph per line.
    pub text: String,
    /// Removed lines with reasons, in text order.
    pub removed: Vec<Removed>,
    /// Origin named by a source line (`CNN`).
    pub source: Option<String>,
    /// Author(s) from a byline.
    pub author: Option<String>,
    /// Date (`YYYY-MM-DD`) from a byline or dateline.
    pub date: Option<String>,
    /// Heading just before the main text.
    pub title: Option<String>,
    /// Paragraphs split at a glued sentence end.
    pub glued_splits: usize,
}

/// Words before a `.` that are abbreviations, so `Mr.Smith` is not two paragraphs.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col",
    "Sgt", "Capt", "Cpt", "Maj", "Mt", "No", "Nos", "Vol", "Fig", "vs", "etc", "Inc", "Ltd", "Co",
    "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "approx", "ca", "cf", "al", "Rev", "Hon", "Pres", "Supt", "Det", "Insp", "Adm", "Cmdr", "Brig",
    "Ave", "Blvd", "Rd", "ft", "Ph", "Bros", "Messrs", "Mme", "Mlle", "Hr", "Fr", "Sr", "Sra",
];

/// Splits paragraphs glued at a sentence end. Returns the text with `\n` inserted and the count.
pub fn split_glued(line: &str) -> (Cow<'_, str>, usize) {
    let bytes = line.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(p) = bytes[i..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?'))
    {
        let at = i + p;
        i = at + 1;
        if let Some(cut) = glue_cut(line, at) {
            cuts.push(cut);
        }
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(line), 0);
    }
    let mut out = String::with_capacity(line.len() + cuts.len());
    let mut last = 0;
    for &c in &cuts {
        out.push_str(&line[last..c]);
        out.push('\n');
        last = c;
    }
    out.push_str(&line[last..]);
    (Cow::Owned(out), cuts.len())
}

/// Whether the sentence mark at byte `at` ends a glued paragraph; the byte where the next one
/// starts if so.
fn glue_cut(line: &str, at: usize) -> Option<usize> {
    let before = &line[..at];
    let prev = before.chars().next_back()?;
    if !(prev.is_lowercase() || prev.is_ascii_digit()) {
        return None;
    }
    let mut after = line[at + 1..].char_indices();
    let (mut off, mut c) = after.next()?;
    // Through a closing quote or parenthesis that belongs to the first sentence.
    if matches!(c, '”' | '’' | ')' | '»') {
        let (o, n) = after.next()?;
        off = o;
        c = n;
    }
    let start = at + 1 + off;
    // An opening quote may start the second paragraph.
    let word = line[start..].trim_start_matches(['“', '‘', '«', '"']);
    let mut wc = word.chars();
    let first = wc.next()?;
    let second = wc.next()?;
    if c != first && !matches!(c, '“' | '‘' | '«' | '"') {
        return None;
    }
    if !first.is_uppercase() || !second.is_lowercase() {
        return None;
    }
    // The word after the mark must not itself be dotted (`www.Example.Com`, `Node.Js.Org`).
    let next_token = word.split(char::is_whitespace).next().unwrap_or("");
    let dotted = next_token
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .split_once('.')
        .is_some_and(|(_, r)| r.starts_with(char::is_alphanumeric));
    if dotted {
        return None;
    }
    // The word before the mark: no abbreviation, URL or dotted form.
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let token = &before[token_start..];
    if token.contains(['.', '/', '@', ':', '\\', '_']) || ABBREVIATIONS.contains(&token) {
        return None;
    }
    if token.chars().count() < 2 && !token.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(start)
}

/// How a line was judged before the main-text pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Reads as prose: counts for the main text.
    Prose,
    /// Short or unpunctuated: kept only inside the main text.
    Short,
    /// Removed whatever its position, with this reason.
    Residue(&'static str),
}

/// Site phrases: (phrase, reason, most words a line may have for the phrase to count).
const PHRASES: &[(&str, &str, usize)] = &[
    ("we use cookies", "cookie", 80),
    ("uses cookies", "cookie", 80),
    ("use of cookies", "cookie", 80),
    ("cookie policy", "cookie", 80),
    ("cookie settings", "cookie", 40),
    ("accept cookies", "cookie", 60),
    ("accept all cookies", "cookie", 60),
    ("cookies to ", "cookie", 60),
    ("this site uses", "cookie", 60),
    ("this website uses", "cookie", 60),
    ("përdor cookies", "cookie", 60),
    ("utiliza cookies", "cookie", 60),
    ("usamos cookies", "cookie", 60),
    ("utilizamos cookies", "cookie", 60),
    ("verwendet cookies", "cookie", 60),
    ("nutzt cookies", "cookie", 60),
    ("subscribe to our", "subscribe", 30),
    ("subscribe now", "subscribe", 15),
    ("subscribe for", "subscribe", 15),
    ("subscribe today", "subscribe", 15),
    ("sign up for our", "subscribe", 30),
    ("sign up to our", "subscribe", 30),
    ("sign up for the", "subscribe", 20),
    ("newsletter", "subscribe", 15),
    ("delivered to your inbox", "subscribe", 30),
    ("straight to your inbox", "subscribe", 30),
    ("abonohu", "subscribe", 10),
    ("suscríbete", "subscribe", 15),
    ("suscribirse", "subscribe", 10),
    ("abonnieren", "subscribe", 10),
    ("become a member", "subscribe", 12),
    ("support our journalism", "subscribe", 30),
    ("share this", "share", 10),
    ("share on ", "share", 8),
    ("share via", "share", 8),
    ("share article", "share", 8),
    ("share story", "share", 8),
    ("tweet this", "share", 8),
    ("click to share", "share", 12),
    ("click to email", "share", 12),
    ("click to print", "share", 12),
    ("opens in new window", "share", 12),
    ("email this", "share", 8),
    ("print this", "share", 8),
    ("follow us", "share", 15),
    ("like us on facebook", "share", 15),
    ("ndaje", "share", 6),
    ("compartir", "share", 6),
    ("teilen", "share", 6),
    ("all rights reserved", "copyright", 40),
    ("©", "copyright", 40),
    ("copyright", "copyright", 25),
    ("(c) 19", "copyright", 25),
    ("(c) 20", "copyright", 25),
    ("alle rechte vorbehalten", "copyright", 40),
    ("todos los derechos reservados", "copyright", 40),
    ("të gjitha të drejtat", "copyright", 40),
    ("tous droits réservés", "copyright", 40),
    ("tutti i diritti riservati", "copyright", 40),
    ("skip to content", "navigation", 12),
    ("skip to main", "navigation", 12),
    ("back to top", "navigation", 8),
    ("jump to", "navigation", 6),
    ("main menu", "navigation", 8),
    ("toggle navigation", "navigation", 8),
    ("you are here", "navigation", 12),
    ("sitemap", "navigation", 8),
    ("site map", "navigation", 8),
    ("post navigation", "navigation", 6),
    ("previous post", "navigation", 12),
    ("next post", "navigation", 12),
    ("previous article", "navigation", 12),
    ("next article", "navigation", 12),
    ("previous story", "navigation", 12),
    ("next story", "navigation", 12),
    ("advertisement", "advertisement", 6),
    ("sponsored content", "advertisement", 8),
    ("paid content", "advertisement", 8),
    ("story continues below", "advertisement", 8),
    ("continue reading", "advertisement", 8),
    ("anzeige", "advertisement", 2),
    ("publicidad", "advertisement", 2),
    ("reklama", "advertisement", 2),
    ("read more", "boilerplate", 10),
    ("read next", "boilerplate", 10),
    ("read also", "boilerplate", 10),
    ("see also", "boilerplate", 8),
    ("explore further", "boilerplate", 4),
    ("we recommend", "boilerplate", 5),
    ("like this article", "boilerplate", 6),
    ("subject to copyright", "copyright", 60),
    ("if you enjoyed this article", "subscribe", 40),
    ("tags:", "boilerplate", 15),
    ("filed under", "boilerplate", 15),
    ("posted in", "boilerplate", 10),
    ("click here", "boilerplate", 25),
    ("related articles", "boilerplate", 10),
    ("related stories", "boilerplate", 10),
    ("related content", "boilerplate", 10),
    ("related coverage", "boilerplate", 10),
    ("related:", "boilerplate", 3),
    ("more stories", "boilerplate", 10),
    ("more from", "boilerplate", 8),
    ("most popular", "boilerplate", 10),
    ("most read", "boilerplate", 10),
    ("most viewed", "boilerplate", 10),
    ("trending now", "boilerplate", 10),
    ("you may also like", "boilerplate", 12),
    ("you might also like", "boilerplate", 12),
    ("recommended for you", "boilerplate", 12),
    ("leave a comment", "comment", 12),
    ("leave a reply", "comment", 12),
    ("post a comment", "comment", 12),
    ("add a comment", "comment", 12),
    ("save my name", "comment", 30),
    ("will not be published", "comment", 20),
    ("required fields are marked", "comment", 20),
    ("notify me", "comment", 15),
    ("share your thoughts", "comment", 10),
    ("community standards", "comment", 15),
    ("join the conversation", "comment", 12),
    ("more articles from", "boilerplate", 10),
    ("more articles by", "boilerplate", 10),
    ("about the author", "boilerplate", 6),
    ("stay up to date", "subscribe", 12),
    ("no thanks", "subscribe", 8),
    ("comments", "comment", 3),
    ("log in", "boilerplate", 8),
    ("sign in", "boilerplate", 8),
    ("terms of use", "boilerplate", 20),
    ("terms of service", "boilerplate", 20),
    ("terms and conditions", "boilerplate", 20),
    ("privacy policy", "boilerplate", 20),
    ("contact us", "boilerplate", 8),
    ("about us", "boilerplate", 8),
    ("enable javascript", "boilerplate", 30),
    ("javascript is disabled", "boilerplate", 30),
    ("your browser does not support", "boilerplate", 30),
    ("loading...", "boilerplate", 3),
    ("lajmet më të lexuara", "boilerplate", 8),
    ("më të lexuarat", "boilerplate", 8),
    ("lo más leído", "boilerplate", 8),
    ("meistgelesen", "boilerplate", 8),
    ("meistgelesene", "boilerplate", 8),
];

/// Words that make up share-button rows (`Facebook Twitter Email`).
const SHARE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "rss",
    "tumblr",
    "telegram",
    "copy",
    "link",
    "flipboard",
    "messenger",
    "sms",
    "x",
    "google+",
    "pocket",
    "comment",
    "comments",
    "tweet",
    "save",
];

fn phrases() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(PHRASES.iter().map(|p| p.0))
            .unwrap_or_else(|_| AhoCorasick::new(["\u{0}never\u{0}"]).expect("trivial automaton"))
    })
}

/// Cheap per-line facts, computed once.
struct LineFacts {
    words: usize,
    chars: usize,
    terminal: bool,
    quotes: bool,
    letters: bool,
    /// Words starting with a lowercase letter: running text has many (function words), menus
    /// and lists of headlines have almost none.
    lower_words: usize,
}

fn facts(line: &str) -> LineFacts {
    // One pass for length, letters and CJK characters; CJK text has no spaces, so two of its
    // characters count as a word.
    let (mut chars, mut letters, mut cjk) = (0usize, false, 0usize);
    for c in line.chars() {
        chars += 1;
        if !c.is_ascii() {
            letters |= c.is_alphabetic();
            cjk += usize::from(
                matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF),
            );
        } else {
            letters |= c.is_ascii_alphabetic();
        }
    }
    let (mut ws, mut lower_words) = (0usize, 0usize);
    for w in line.split_whitespace() {
        ws += 1;
        lower_words += usize::from(w.chars().next().is_some_and(char::is_lowercase));
    }
    let words = ws + cjk / 2;
    let last = line.trim_end().chars().next_back().unwrap_or(' ');
    let terminal = matches!(
        last,
        '.' | '!' | '?' | '"' | '”' | '’' | '\'' | '»' | ')' | ':' | '。' | '！' | '？'
    ) && !line.ends_with("...")
        && !line.ends_with('…');
    LineFacts {
        words,
        chars,
        terminal,
        quotes: line.contains(['"', '“', '”', '«', '»', '„', '「']),
        letters,
        lower_words: lower_words + cjk / 2,
    }
}

/// A menu line: items separated by `|`, `•`, `»`, `·` with no sentence in between.
fn is_menu(line: &str, f: &LineFacts) -> bool {
    let seps = line.matches(" | ").count()
        + line.matches(" • ").count()
        + line.matches(" · ").count()
        + line.matches(" » ").count()
        + line.matches(" / ").count();
    seps >= 2 && !f.terminal && seps * 4 + 4 >= f.words
}

fn is_share_row(line: &str, f: &LineFacts) -> bool {
    f.words <= 10
        && line
            .split(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | '/' | '·' | '•'))
            .filter(|w| !w.is_empty())
            .all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
                w.is_empty() || SHARE_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
            })
}

fn is_credit(line: &str, f: &LineFacts) -> bool {
    if f.words > 12 {
        return false;
    }
    let t = line.trim_start_matches(['(', '[']);
    [
        "photo:",
        "photos:",
        "image:",
        "images:",
        "credit:",
        "picture:",
        "foto:",
        "photo credit:",
        "getty images",
    ]
    .iter()
    .any(|p| {
        t.len() >= p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)
    })
}

/// Comment-section furniture: `jdoe says:`, `Jane on May 3, 2019 at 4:47 pm said:`,
/// `34 Comments`, `Reply`.
fn is_comment_marker(line: &str, f: &LineFacts) -> bool {
    if f.quotes || f.words > 12 {
        return false;
    }
    let t = line.trim_end();
    let lower_end = |suffix: &str| {
        t.len() >= suffix.len()
            && t.is_char_boundary(t.len() - suffix.len())
            && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if lower_end(" says:") || lower_end(" said:") || lower_end(" wrote:") {
        return true;
    }
    // `jdoe says` without a colon only for a bare user name (headlines end in `says` too).
    if lower_end(" says") && f.words <= 3 {
        return true;
    }
    if f.words == 1 && (t.eq_ignore_ascii_case("reply") || t.eq_ignore_ascii_case("responder")) {
        return true;
    }
    let mut ws = t.split_whitespace();
    let first = ws.next().unwrap_or("").trim_matches(['[', '(']);
    let second = ws
        .next()
        .unwrap_or("")
        .trim_matches([']', ')', ':'])
        .to_lowercase();
    f.words <= 4
        && !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            second.as_str(),
            "comment"
                | "comments"
                | "response"
                | "responses"
                | "reply"
                | "replies"
                | "comentários"
                | "comentarios"
                | "kommentare"
                | "komente"
        )
}

/// Feed timestamps: `1 hour ago`, `2 days ago at 07:52 am`.
fn is_timestamp(line: &str, f: &LineFacts) -> bool {
    if f.words > 7 {
        return false;
    }
    // "Updated 14:05, August 22", "Published 3 May": a stamp, even without a year to parse.
    let first = line.split_whitespace().next().unwrap_or("");
    let stamp_word = first.trim_end_matches(':').to_lowercase();
    if [
        "updated",
        "published",
        "posted",
        "modified",
        "aktualisiert",
        "veröffentlicht",
        "actualizado",
        "publicado",
        "mis",
        "publié",
    ]
    .contains(&stamp_word.as_str())
        && line.contains(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let mut ws = line.split_whitespace();
    let n = ws.next().unwrap_or("");
    let unit = ws.next().unwrap_or("").to_ascii_lowercase();
    let unit = unit.trim_end_matches('s');
    let ago = ws.next().unwrap_or("");
    !n.is_empty()
        && (n.bytes().all(|b| b.is_ascii_digit())
            || n.eq_ignore_ascii_case("an")
            || n.eq_ignore_ascii_case("a"))
        && [
            "min", "minute", "hour", "hr", "day", "week", "month", "year", "sec", "second",
        ]
        .contains(&unit)
        && ago.eq_ignore_ascii_case("ago")
}

fn ends_with_ellipsis(line: &str) -> bool {
    let t = line.trim_end_matches([')', ']', ' ']);
    t.ends_with("...") || t.ends_with('…')
}

/// Gallery captions that start with a counter: `1 of 4 A shopper looks at...`.
fn is_caption_counter(line: &str) -> bool {
    let mut ws = line.split_whitespace();
    let (Some(a), Some(of), Some(b)) = (ws.next(), ws.next(), ws.next()) else {
        return false;
    };
    let num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
    num(a) && num(b) && (of == "of" || of == "/" || of == "de" || of == "von")
}

/// Cheap test before the date/byline parsers: a dateline has a digit, a byline a `By`-like word.
fn may_be_byline(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_digit())
        || [
            "by ",
            "written by",
            "posted by",
            "words by",
            "von ",
            "por ",
            "par ",
        ]
        .iter()
        .any(|p| {
            line.len() > p.len()
                && line.is_char_boundary(p.len())
                && line[..p.len()].eq_ignore_ascii_case(p)
        })
}

/// Longest line (in words) taken for a teaser: a longer paragraph that trails off is body.
const TEASER_MAX_WORDS: usize = 50;

/// Judges one line on its own; metadata found is written into `out`.
fn judge(line: &str, f: &LineFacts, cfg: &CleanConfig, out: &mut Cleaned) -> Kind {
    if cfg.extract_source {
        if let Some(name) = newsmill_core::credited_source(line) {
            if out.source.is_none() {
                out.source = Some(name);
            }
            return Kind::Residue("source_line");
        }
    }
    if cfg.extract_byline && f.words <= 20 && !f.quotes && may_be_byline(line) {
        if let Some(date) = parse_dateline(line) {
            if out.date.is_none() {
                out.date = Some(date);
            }
            return Kind::Residue("dateline");
        }
        if let Some((author, date)) = parse_byline(line) {
            if out.author.is_none() {
                out.author = Some(author);
            }
            if out.date.is_none() {
                out.date = date;
            }
            return Kind::Residue("byline");
        }
    }
    if cfg.remove_boilerplate && is_comment_marker(line, f) {
        return Kind::Residue("comment");
    }
    if cfg.remove_boilerplate && is_timestamp(line, f) {
        return Kind::Residue("timestamp");
    }
    if !f.letters && f.words <= 6 {
        return Kind::Residue("no_letters");
    }
    if cfg.remove_boilerplate && !(f.quotes && f.words > 8) {
        if is_menu(line, f) {
            return Kind::Residue("navigation");
        }
        if is_share_row(line, f) {
            return Kind::Residue("share");
        }
        if is_credit(line, f) {
            return Kind::Residue("credit");
        }
        for m in phrases().find_overlapping_iter(line) {
            let (_, reason, max_words) = PHRASES[m.pattern().as_usize()];
            if f.words <= max_words {
                return Kind::Residue(reason);
            }
        }
    }
    if cfg.remove_teasers && ends_with_ellipsis(line) && f.words <= TEASER_MAX_WORDS {
        // Quoted lines are decided with their neighbours (see `clean_text`).
        return if f.quotes {
            Kind::Short
        } else {
            Kind::Residue("teaser")
        };
    }
    if is_caption_counter(line) {
        return Kind::Residue("caption");
    }
    // Unpunctuated long lines count as prose only when they read as running text (a menu or a
    // row of headlines is mostly capitalised words).
    let running = f.lower_words * 10 >= f.words * 3;
    let prose = (f.words >= cfg.min_prose_words && f.terminal)
        || (f.words >= cfg.min_prose_words * 2 && running);
    if prose {
        Kind::Prose
    } else {
        Kind::Short
    }
}

/// Cleans one text as the module documentation describes. Pure, never panics.
pub fn clean_text(text: &str, cfg: &CleanConfig) -> Cleaned {
    let mut out = Cleaned::default();
    // Split glued paragraphs first so every later rule sees real paragraphs.
    let lines = split_lines(text, cfg, &mut out);
    let facts: Vec<LineFacts> = lines.iter().map(|l| facts(l)).collect();
    let mut kinds: Vec<Kind> = lines
        .iter()
        .zip(&facts)
        .map(|(l, f)| judge(l, f, cfg, &mut out))
        .collect();
    if cfg.remove_teasers {
        mark_teasers(&lines, &facts, &mut kinds);
    }
    // A line that recurs on the page is template (menus, share rows, "Related"): short ones go
    // everywhere they occur, a repeated paragraph goes after its first occurrence.
    if cfg.remove_boilerplate && lines.len() > 2 {
        mark_repeated(&lines, &facts, &mut kinds);
    }
    // Main text: the maximum-sum run of line scores.
    let (mut keep_from, mut keep_to) = (0, lines.len());
    if cfg.main_text && kinds.contains(&Kind::Prose) {
        (keep_from, keep_to) = main_run(&facts, &kinds, cfg);
        keep_to = extend_ending(&lines, &facts, &kinds, keep_from, keep_to);
        out.title = take_title(&lines, &facts, &mut kinds, keep_from);
    }
    let mut text_out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let reason = match kinds[i] {
            Kind::Residue(r) => Some(r),
            _ if i < keep_from || i >= keep_to => Some("outside_main_text"),
            _ => None,
        };
        match reason {
            Some(r) => out.removed.push(Removed {
                text: line.to_string(),
                reason: r.to_string(),
            }),
            None => {
                if !text_out.is_empty() {
                    text_out.push('\n');
                }
                text_out.push_str(line);
            }
        }
    }
    out.text = text_out;
    out
}

/// The text's non-blank lines, trimmed, with glued paragraphs split.
fn split_lines<'a>(text: &'a str, cfg: &CleanConfig, out: &mut Cleaned) -> Vec<Cow<'a, str>> {
    let mut lines: Vec<Cow<'_, str>> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if cfg.split_glued {
            let (s, n) = split_glued(line);
            if n > 0 {
                out.glued_splits += n;
                lines.extend(
                    s.split('\n')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(|p| Cow::Owned(p.to_string())),
                );
                continue;
            }
        }
        lines.push(Cow::Borrowed(line));
    }
    lines
}

/// Quoted lines ending in an ellipsis are teasers only next to another teaser; a lone ellipsis
/// line between two paragraphs of prose is the body trailing off, not a teaser.
fn mark_teasers(lines: &[Cow<'_, str>], facts: &[LineFacts], kinds: &mut [Kind]) {
    for i in 1..lines.len().saturating_sub(1) {
        if kinds[i] == Kind::Residue("teaser")
            && kinds[i - 1] == Kind::Prose
            && kinds[i + 1] == Kind::Prose
        {
            kinds[i] = Kind::Short;
        }
    }
    for i in 0..lines.len() {
        if kinds[i] == Kind::Short && facts[i].quotes && ends_with_ellipsis(&lines[i]) {
            let near = |j: usize| {
                kinds.get(j) == Some(&Kind::Residue("teaser"))
                    || (lines.get(j).is_some_and(|l| ends_with_ellipsis(l)))
            };
            if (i > 0 && near(i - 1)) || near(i + 1) {
                kinds[i] = Kind::Residue("teaser");
            }
        }
    }
}

/// Lines that recur on the page: template where short, a duplicate after the first where prose.
fn mark_repeated(lines: &[Cow<'_, str>], facts: &[LineFacts], kinds: &mut [Kind]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for l in lines {
        *seen.entry(l.as_ref()).or_insert(0) += 1;
    }
    let mut first_seen: HashSet<&str> = HashSet::new();
    for (i, l) in lines.iter().enumerate() {
        let n = seen.get(l.as_ref()).copied().unwrap_or(0);
        let first = first_seen.insert(l.as_ref());
        match kinds[i] {
            Kind::Short if n >= 2 && !facts[i].quotes => kinds[i] = Kind::Residue("repeated_line"),
            Kind::Prose if !first => kinds[i] = Kind::Residue("duplicate_line"),
            _ => {}
        }
    }
}

/// The maximum-sum run of line scores: the main text, as `(from, to)`.
fn main_run(facts: &[LineFacts], kinds: &[Kind], cfg: &CleanConfig) -> (usize, usize) {
    let score = |k: Kind, f: &LineFacts| -> i64 {
        let c = f.chars as i64;
        match k {
            Kind::Prose => c,
            // Quotations are what attribution needs; templates rarely quote anyone.
            Kind::Short if f.quotes => 0,
            Kind::Short if f.terminal => -(cfg.short_penalty / 2 + c.min(20)),
            Kind::Short => -(cfg.short_penalty + c.min(40)),
            Kind::Residue("comment") => -(cfg.comment_penalty + c.min(200)),
            Kind::Residue(_) => -(cfg.residue_penalty + c.min(200)),
        }
    };
    let (mut best, mut best_range) = (i64::MIN, (0, 0));
    let (mut sum, mut start) = (0i64, 0usize);
    for i in 0..facts.len() {
        let s = score(kinds[i], &facts[i]);
        if sum <= 0 {
            sum = s;
            start = i;
        } else {
            sum += s;
        }
        if sum > best {
            best = sum;
            best_range = (start, i + 1);
        }
    }
    best_range
}

/// The main run's end, taking in the list a closing colon announces and the article's own short
/// ending.
fn extend_ending(
    lines: &[Cow<'_, str>],
    facts: &[LineFacts],
    kinds: &[Kind],
    keep_from: usize,
    mut keep_to: usize,
) -> usize {
    // A closing line that ends in a colon announces a list: the short lines after it belong
    // to the article up to the next residue line.
    while keep_to > keep_from
        && keep_to < lines.len()
        && lines[keep_to - 1].ends_with(':')
        && kinds[keep_to] == Kind::Short
    {
        let mut j = keep_to;
        while j < lines.len() && kinds[j] == Kind::Short {
            j += 1;
        }
        keep_to = j;
    }
    // The article's own short ending: punctuated short paragraphs of running text right after
    // the run, a subheading followed by one, and a truncated last paragraph (running text
    // with nothing but residue after it) belong to it.
    let running = |j: usize| {
        let f = &facts[j];
        f.words >= 3 && f.lower_words * 10 >= f.words * 3
    };
    let only_residue_after =
        |j: usize| kinds[j + 1..].iter().all(|k| matches!(k, Kind::Residue(_)));
    loop {
        let j = keep_to;
        if keep_to == keep_from || j >= lines.len() || kinds[j] != Kind::Short {
            break;
        }
        if running(j) && (facts[j].terminal || only_residue_after(j)) {
            keep_to = j + 1;
        } else if j + 1 < lines.len()
            && kinds[j + 1] == Kind::Short
            && running(j + 1)
            && facts[j + 1].terminal
            && !facts[j].terminal
            && facts[j].words <= 12
        {
            keep_to = j + 2;
        } else {
            break;
        }
    }
    keep_to
}

/// The heading right before the main text is the title: marked as residue and returned.
fn take_title(
    lines: &[Cow<'_, str>],
    facts: &[LineFacts],
    kinds: &mut [Kind],
    keep_from: usize,
) -> Option<String> {
    // The heading right before the main text is the title.
    if let Some(t) = (0..keep_from).rev().find(|&j| {
        !matches!(
            kinds[j],
            Kind::Residue("byline" | "dateline" | "timestamp" | "no_letters" | "credit")
        )
    }) {
        let f = &facts[t];
        if kinds[t] == Kind::Short && (2..=25).contains(&f.words) && !lines[t].ends_with('.') {
            kinds[t] = Kind::Residue("title");
            return Some(lines[t].to_string());
        }
    }
    None
}

/// The `clean` document stage (see the module documentation for its rules and reasons).
#[derive(Debug, Clone, Default)]
pub struct CleanStage {
    cfg: CleanConfig,
}

impl CleanStage {
    /// A stage with these settings.
    pub fn new(cfg: CleanConfig) -> Self {
        CleanStage { cfg }
    }
}

impl Stage for CleanStage {
    fn name(&self) -> &'static str {
        "clean"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let c = clean_text(&doc.text, &self.cfg);
        counters.add("glued_paragraphs_split", c.glued_splits as u64);
        counters.add("lines_removed", c.removed.len() as u64);
        if c.source.is_some() && doc.source.is_none() {
            doc.source = c.source;
            counters.add("source_found", 1);
        }
        if c.author.is_some() && doc.author.is_none() {
            doc.author = c.author;
            counters.add("author_found", 1);
        }
        if c.date.is_some() && doc.date.is_none() {
            doc.date = c.date;
            counters.add("date_found", 1);
        }
        if c.title.is_some() && doc.title.is_none() {
            doc.title = c.title;
            counters.add("title_found", 1);
        }
        doc.removed.extend(c.removed);
        doc.text = c.text;
        if self.cfg.drop_empty && doc.text.trim().is_empty() {
            return Outcome::drop("clean_empty");
        }
        Outcome::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(c: &Cleaned) -> Vec<(&str, &str)> {
        c.removed
            .iter()
            .map(|r| (r.text.as_str(), r.reason.as_str()))
            .collect()
    }

    #[test]
    fn splits_glued_paragraphs_but_not_abbreviations() {
        assert_eq!(
            split_glued("on November 8.Following the win").0,
            "on November 8.\nFollowing the win"
        );
        assert_eq!(
            split_glued("he left.“We are done,” she said").0,
            "he left.\n“We are done,” she said"
        );
        assert_eq!(split_glued("it ended.”The next").0, "it ended.”\nThe next");
        for s in [
            "the U.S. economy",
            "the U.S.Army said",
            "rose 3.5 percent",
            "visit example.com today",
            "Mr.Smith said",
            "in St.Louis today",
            "at 5 p.m.The rest",
            "see www.Example.Com now",
            "a.Bcd",
            "ID.SPACE VIZZION",
            "Yes.",
            "",
        ] {
            assert_eq!(split_glued(s).1, 0, "{s}");
        }
    }

    #[test]
    fn removes_template_and_keeps_body() {
        let text = "Daily Planet\nNews | Sport | Weather | Culture\nBig storm hits the coast\nPublished 26 February 2005\n\
By Jane Doe\n\
A large storm hit the coast on Monday, cutting power to thousands of homes, officials said.\n\
\"We have never seen anything like it,\" said the mayor, who asked residents to stay home.\n\
Short subhead\n\
Crews worked through the night to restore power to the remaining homes in the area.\n\
(Source: AP)\n\
Another story about a storm that hit the coast and was truncated in the middle of...\n\
Markets rally after the storm as investors bet on rebuilding and...\n\
Share on Facebook\n\
© 2005 Daily Planet. All rights reserved.\n\
We use cookies to improve your experience.";
        let c = clean_text(text, &CleanConfig::default());
        assert_eq!(
            c.text,
            "A large storm hit the coast on Monday, cutting power to thousands of homes, officials said.\n\
\"We have never seen anything like it,\" said the mayor, who asked residents to stay home.\n\
Short subhead\n\
Crews worked through the night to restore power to the remaining homes in the area."
        );
        assert_eq!(c.source.as_deref(), Some("AP"));
        assert_eq!(c.author.as_deref(), Some("Jane Doe"));
        assert_eq!(c.date.as_deref(), Some("2005-02-26"));
        assert_eq!(c.title.as_deref(), Some("Big storm hits the coast"));
        let r = reasons(&c);
        assert!(r.contains(&("News | Sport | Weather | Culture", "navigation")));
        assert!(r.contains(&("Daily Planet", "outside_main_text")));
        assert!(r.contains(&("Share on Facebook", "share")));
        assert!(r.contains(&("We use cookies to improve your experience.", "cookie")));
        assert!(r.contains(&("© 2005 Daily Planet. All rights reserved.", "copyright")));
        assert_eq!(r.iter().filter(|x| x.1 == "teaser").count(), 2);
    }

    #[test]
    fn comments_captions_menus_and_repeats_are_residue() {
        let text = "Latest News Applications Cloud Components Peripherals Data Center Internet Of Things Managed Services Mobility Networking Security Storage Software\n\
Weather Stories\n\
1 of 4 A customer compares garden hoses at a market stall on Tuesday in the old town.\n\
The city council voted on Tuesday to close the old bridge to all traffic while engineers inspect it.\n\
Repairs could take months, officials said, and a ferry will run in the meantime for commuters.\n\
Weather Stories\n\
34 Comments\n\
Leave a Reply\n\
jdoe says:\n\
This is outrageous and the council should have acted years ago, everyone knew the bridge was unsafe.\n\
2 hours ago";
        let c = clean_text(text, &CleanConfig::default());
        assert_eq!(
            c.text,
            "The city council voted on Tuesday to close the old bridge to all traffic while engineers inspect it.\n\
Repairs could take months, officials said, and a ferry will run in the meantime for commuters."
        );
        let r = reasons(&c);
        assert!(r.iter().any(|x| x.1 == "caption"), "{r:?}");
        assert!(r.contains(&("34 Comments", "comment")));
        assert!(r.contains(&("jdoe says:", "comment")));
        assert!(r.contains(&("Leave a Reply", "comment")));
        assert!(r.contains(&("2 hours ago", "timestamp")));
        let c = clean_text(
            "Storm closes the coast road\nUpdated 14:05, August 22\n\
             The coast road was closed on Monday after a storm washed away part of the sea wall near the harbour.\n\
             Engineers said repairs would take at least two weeks, and a diversion is in place for drivers.",
            &CleanConfig::default(),
        );
        assert_eq!(c.title.as_deref(), Some("Storm closes the coast road"));
        assert!(reasons(&c).contains(&("Updated 14:05, August 22", "timestamp")));
        assert_eq!(r.iter().filter(|x| x.1 == "repeated_line").count(), 2);
    }

    #[test]
    fn short_ending_and_truncated_tail_are_body() {
        let text = "Storm damage\n\
The city council voted on Tuesday to close the old bridge to all traffic while engineers inspect it.\n\
Repairs could take months, officials said, and a ferry will run in the meantime for commuters.\n\
Ferry times\n\
The first boat leaves at six.\n\
The council said the ferry would be free for the first week and that it\n\
Share on Facebook";
        let c = clean_text(text, &CleanConfig::default());
        assert!(c.text.ends_with("Ferry times\nThe first boat leaves at six.\nThe council said the ferry would be free for the first week and that it"), "{}", c.text);
        assert_eq!(c.title.as_deref(), Some("Storm damage"));
    }

    #[test]
    fn long_trailing_off_paragraph_is_body() {
        let long = format!(
            "{} and then...",
            "The minister spoke for a long time about the economy".repeat(6)
        );
        let text = format!("A first paragraph of the story that reads as ordinary running prose here.\n{long}\nA last paragraph of the story that reads as ordinary running prose too.");
        let c = clean_text(&text, &CleanConfig::default());
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn quoted_ellipsis_in_body_stays() {
        let text =
            "The minister spoke to reporters at length on Tuesday about the new budget plans.\n\
\"We will see what happens...\"\n\
\"Well, maybe we will, and maybe we won't...\n\
Officials said the plan would be published next week after a final cabinet review.";
        let c = clean_text(text, &CleanConfig::default());
        assert!(c.text.contains("We will see what happens"));
        assert!(c.text.contains("maybe we won't..."), "{:?}", c.removed);
    }

    #[test]
    fn short_brief_without_prose_is_kept() {
        let c = clean_text("Storm closes schools in the north", &CleanConfig::default());
        assert_eq!(c.text, "Storm closes schools in the north");
    }

    #[test]
    fn stage_fills_metadata_only_when_empty() {
        let mut doc = Doc::new("a", "By Jane Doe\nA large storm hit the coast on Monday, cutting power to thousands of homes.\n(Source: AP)");
        doc.author = Some("Known Author".into());
        let mut c = Counters::default();
        assert!(CleanStage::default().process(&mut doc, &mut c).is_keep());
        assert_eq!(doc.author.as_deref(), Some("Known Author"));
        assert_eq!(doc.source.as_deref(), Some("AP"));
        assert_eq!(doc.removed.len(), 2);
        let mut empty = Doc::new("b", "Share on Facebook\nAdvertisement");
        assert_eq!(
            CleanStage::default().process(&mut empty, &mut c),
            Outcome::drop("clean_empty")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_only_removes_lines(s in "(\\PC{0,30}[.!?…\\n ]){0,12}") {
            let c = clean_text(&s, &CleanConfig::default());
            let kept = c.text.lines().filter(|l| !l.is_empty()).count();
            let total: usize = s.lines().map(|l| split_glued(l.trim()).0.split('\n').filter(|p| !p.trim().is_empty()).count()).sum();
            proptest::prop_assert_eq!(kept + c.removed.len(), total);
        }
    }
}
