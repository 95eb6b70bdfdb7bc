//! Main-content selection: which part of the page is the article, and which of its blocks to keep.
//!
//! 1. Boilerplate subtrees go first: elements that never hold article text (`nav`, `aside`,
//!    scripts, forms controls), hidden ones, and ones whose class/id/role names them as comments,
//!    share bars, related stories, cookie banners and the like. A name match does not remove a
//!    node holding most of the page's text (sites name wrappers `has-sidebar`).
//! 2. Every text block (the inline content of a block element) gets a value: long, link-poor
//!    blocks count for their length, link lists and short fragments against it. When the page's
//!    JSON-LD carries `articleBody`, agreement with it decides instead.
//! 3. The article is the subtree with the highest total value: it takes in the paragraphs and
//!    leaves out the menus, teasers and footers around them, whatever the markup calls them.
//!    Prose boxes just before it (a lead in its own `intro` box) are taken along.
//! 4. Inside it, link-dense blocks, stock phrases ("Advertisement", "Share this", "4 min read"),
//!    the site's notices to its readers (affiliate disclosures, newsletter calls, comment rules,
//!    reporting credits), a post's metadata line, publication stamps and a heading or first
//!    line that repeats the title are dropped; paragraph breaks follow the block structure. A
//!    heading whose whole section is a left-out link list ("More on this topic") goes too, and
//!    a heading that opens the page's tail late in the text ("Related", "Weitere Meldungen",
//!    "About the author", "3 comments") ends it.
//!
//! A page whose markup shows only part of the story its JSON-LD `articleBody` holds (paywalls,
//! lazy loading) is completed from that body afterwards (`complete_from_ld` in `lib.rs`).

use crate::dom::{AttrName, Dom, Kind, Tag, NONE};
use std::collections::HashSet;

fn ends_sentence(c: char) -> bool {
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

/// Weight of a short sentence-like block relative to its length (long paragraphs weigh 1).
const SHORT_SENTENCE: f32 = 0.5;
/// A single-paragraph winner gives way to its container when that scores at least this share.
const CLIMB: f32 = 0.5;
/// The most a negative subtree (link list, menu, rows of short labels) takes off the score of
/// each box that holds it, in characters of prose. Its own score stays as it is.
const MAX_DRAG: f32 = 300.0;

/// Tunable thresholds of the content selection.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// Blocks at least this long (characters) count as paragraphs.
    pub min_paragraph_chars: usize,
    /// Blocks with more of their text in links than this are navigation.
    pub max_link_density: f32,
}

/// The selected text and what was seen on the way.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub text: String,
    pub paragraphs: usize,
    /// Characters of visible text on the page (boilerplate removed).
    pub page_chars: usize,
    /// Of which inside links.
    pub page_link_chars: usize,
    /// `<article>` elements on the page.
    pub article_elements: usize,
    /// True when the JSON-LD body guided the selection.
    pub used_json_ld: bool,
}

/// Tags never part of the article text.
fn drop_tag(t: Tag) -> bool {
    use Tag::*;
    matches!(
        t,
        Head | Title
            | Meta
            | Link
            | Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Iframe
            | Object
            | Embed
            | Canvas
            | Video
            | Audio
            | Button
            | Select
            | Option
            | Textarea
            | Input
            | Nav
            | Aside
            | Dialog
            | Menu
            | Label
            | Figcaption
            | Figure
            | Picture
            | Rt
            | Rp
    )
}

/// How sure a class/id name is about boilerplate.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Boiler {
    None,
    Weak,
    Strong,
    /// Reader comments: removed even when they outweigh the article.
    Comments,
    /// The article's lead or summary (`intro`, `standfirst`, `teaser-text`): never removed by
    /// name, even when another part of it names boilerplate.
    Lead,
    /// Names that mark the article body itself.
    Positive,
}

#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    "articlebody", "article-body", "article_body", "storybody", "story-body", "story_body",
    "postbody", "post-body", "entry-content", "entry_content", "post-content", "postcontent",
    "article-content", "articlecontent", "article_content", "story-content", "main-content",
    "content-body", "body-text", "bodytext", "article-text", "articletext", "story-text",
    "text-body", "rich-text", "richtext", "article__body", "body-copy",
    "field-body", "news-text", "newstext", "post-text", "entry-body", "story__body",
];

/// Substrings that mark boilerplate wherever they occur in a class or id.
#[rustfmt::skip]
const STRONG_SUB: &[&str] = &[
    "related", "share", "sharing", "social", "newsletter", "cookie", "consent",
    "outbrain", "taboola", "recommend", "popular", "trending", "subscribe", "signup",
    "sign-up", "promo", "advert", "sponsor", "breadcrumb", "pagination", "readmore", "read-more",
    "more-stories", "morestories", "author-bio", "authorbio", "paywall", "gdpr",
    "authorbox", "author-box", "author_box", "about-author", "about-the-author", "aboutauthor",
    "author-info", "author-details", "author-description", "post-author", "saboxplugin",
    "sidebar", "footer", "masthead", "navbar", "navigation", "byline", "dateline",
    "taglist", "tag-list", "keywords", "sr-only", "screen-reader",
    "visually-hidden", "visuallyhidden", "caption", "credit", "modal", "popup", "overlay",
    "toolbar", "teaser", "follow-us", "login", "donate", "rating",
    "most-read", "mostread", "also-read", "read-next", "next-article", "prev-next",
    "timestamp", "publish-date", "pubdate", "post-meta", "entry-meta", "article-meta",
    "article__meta", "metadata", "banner",
];

/// Name parts (at either end of a class token) that mark boilerplate.
#[rustfmt::skip]
const WEAK_PARTS: &[&str] = &[
    "ad", "ads", "adv", "dfp", "gpt", "nav", "menu", "header", "meta", "date", "time", "author",
    "tags", "share", "print", "more", "next", "prev", "aside", "links",
    "copyright", "legal", "disclaimer", "bio", "avatar", "icon", "logo", "search", "subnav",
    "breaking", "alert", "topics", "badge", "label", "skip", "register",
    "cta", "btn", "button", "byline", "video", "photo", "img", "gallery",
    "slideshow", "carousel", "hide", "hidden", "noprint", "footnotes", "widget",
];

/// One automaton for all substring lists (the lists are matched against every class and id on
/// the page, which made plain `contains` loops the hottest code of the whole extractor).
struct NameMatcher {
    ac: aho_corasick::AhoCorasick,
    /// Per pattern: 0 positive, 1 comments, 2 strong, 3 "commentary" (not comments), 4 lead
    /// words (a cheap pre-check for [`names_lead`]).
    kind: Vec<u8>,
}

fn matcher() -> &'static NameMatcher {
    static M: std::sync::OnceLock<NameMatcher> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        // Never article text, however much text they hold: comments and consent banners.
        let comments: &[&str] = &["comment", "disqus", "respond", "replies"];
        let mut pats: Vec<&str> = Vec::new();
        let mut kind = Vec::new();
        for (k, list) in [
            (0u8, POSITIVE),
            (1, comments),
            (2, STRONG_SUB),
            (3, &["commentary"][..]),
            (4, LEAD_PARTS),
            (4, &["teaser"][..]),
        ] {
            for p in list {
                pats.push(p);
                kind.push(k);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&pats)
            .unwrap_or_else(|_| {
                aho_corasick::AhoCorasick::new(["\u{0}never"]).expect("trivial automaton")
            });
        NameMatcher { ac, kind }
    })
}

/// Classifies one class or id attribute value.
fn boiler_class(name: &str) -> Boiler {
    if name.is_empty() {
        return Boiler::None;
    }
    let m = matcher();
    let mut seen = [false; 5];
    for hit in m.ac.find_overlapping_iter(name) {
        if let Some(&k) = m.kind.get(hit.pattern().as_usize()) {
            seen[k as usize] = true;
        }
    }
    if seen[0] {
        return Boiler::Positive;
    }
    if seen[1] && !seen[3] {
        return Boiler::Comments;
    }
    // A lead name beats the generic words; of the strong ones only `teaser`, in the lead
    // compounds (`teaser-text`), while `newsletter__subtitle` stays boilerplate.
    match if seen[4] { names_lead(name) } else { None } {
        Some(true) => return Boiler::Lead,
        Some(false) if !seen[2] => return Boiler::Lead,
        _ => {}
    }
    if seen[2] {
        return Boiler::Strong;
    }
    // Generic words count only at either end of a class token (`ad-slot`, `post-meta`), not in
    // the middle of framework names (`elementor-hidden-tablet`).
    for token in name.split_ascii_whitespace() {
        let mut parts = token.split(['-', '_']).filter(|p| !p.is_empty());
        let first = parts.next().unwrap_or("");
        let last = parts.next_back().unwrap_or(first);
        if WEAK_PARTS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first) || w.eq_ignore_ascii_case(last))
        {
            return Boiler::Weak;
        }
    }
    Boiler::None
}

/// Name parts for an article's lead paragraph (standfirst, summary, deck) in the usual CMS
/// spellings; matched at either end of a class part (`article__intro`, `leadText`).
#[rustfmt::skip]
const LEAD_PARTS: &[&str] = &[
    "lead", "lede", "intro", "standfirst", "summary", "excerpt", "abstract", "subtitle",
    "subheadline", "chapo", "bajada",
];

/// Whether a class names a lead: one of [`LEAD_PARTS`] at the start or end of a part
/// (`-`/`_`-separated, case folded), but not an ad format (`leaderboard`). `Some(true)` for
/// the `teaser-text` / `article-teaser` compounds (`teaser` alone is a related-story card).
fn names_lead(name: &str) -> Option<bool> {
    let mut found = None;
    for token in name.split_ascii_whitespace() {
        let t = token.to_ascii_lowercase();
        if t.contains("type-") {
            // Field data types (Drupal's `field--type-text-with-summary`), not roles.
            continue;
        }
        let joined: String = t.chars().filter(|&c| c != '-' && c != '_').collect();
        if joined.contains("teasertext") || joined.contains("articleteaser") {
            return Some(true);
        }
        let parts: Vec<&str> = t.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        for (k, part) in parts.iter().enumerate() {
            // Ad formats and line-height utilities (`leaderboard`, `leading-tight`), and
            // type scales (`subtitle-2`) are no leads.
            if part.starts_with("leader")
                || part.starts_with("leading")
                || parts
                    .get(k + 1)
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
            {
                continue;
            }
            if LEAD_PARTS
                .iter()
                .any(|w| part.starts_with(w) || part.ends_with(w))
            {
                found = Some(false);
            }
        }
    }
    found
}

/// The verdict for an element from its class and id together: a positive name in either wins.
fn element_class(dom: &Dom, i: u32) -> Boiler {
    let c = boiler_class(dom.attr(i, AttrName::Class).unwrap_or(""));
    if c == Boiler::Positive {
        return c;
    }
    let d = boiler_class(dom.attr(i, AttrName::Id).unwrap_or(""));
    if d == Boiler::Positive {
        return d;
    }
    c.max(d)
}

/// Counts visible characters, ASCII whitespace excluded (UTF-8 continuation bytes skipped).
#[inline]
fn char_count(s: &str) -> u32 {
    s.bytes()
        .filter(|&b| (b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
        .count() as u32
}

fn hash_word(w: &str) -> u64 {
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
fn title_words_in(text: &str, title_words: &HashSet<u64>) -> (usize, usize) {
    words(text).fold((0, 0), |(shared, all), w| {
        (
            shared + usize::from(title_words.contains(&hash_word(w))),
            all + 1,
        )
    })
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Short texts that are page furniture wherever they appear.
fn stock_phrase(line: &str) -> bool {
    let raw = line.trim();
    // A bare link to a page (a print view's "this story lives at ..." line).
    if (raw.starts_with("http://") || raw.starts_with("https://"))
        && !raw.contains(char::is_whitespace)
        && raw.matches('/').count() >= 4
    {
        return true;
    }
    let core = raw.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return true;
    }
    if core.len() > 200 {
        // Lower-casing never shrinks text to half its bytes: a paragraph, not a stock phrase.
        return false;
    }
    let l = core.to_lowercase();
    let l = l.as_str();
    if l.len() > 90 {
        return false;
    }
    const EXACT: &[&str] = &[
        "advertisement",
        "advertising",
        "advert",
        "ad",
        // The same label in the languages of the sets and beyond.
        "anzeige",
        "werbung",
        "publicidad",
        "publicité",
        "pubblicità",
        "reklama",
        "iklan",
        "sponsored",
        "share",
        "share this",
        "share this article",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "comments",
        "read more",
        "continue reading",
        "related",
        "related articles",
        "related stories",
        "recommended",
        "you may also like",
        "more stories",
        "sign up",
        "subscribe",
        "log in",
        "login",
        "menu",
        "skip to content",
        "skip to main content",
        "close",
        "back to top",
        "loading",
        "next",
        "previous",
        "follow us",
        "newsletter",
        "story continues below advertisement",
        "scroll to continue with content",
        "most popular",
        "most read",
        "trending",
        "click here",
        "see also",
        "read next",
        "top stories",
        "load more",
        "show more",
        "mehr laden",
        "mehr anzeigen",
        "lade weitere inhalte",
        "bild anzeigen bild schließen",
        "drucken",
        "imprimer",
        "permalink",
        "related news",
    ];
    if EXACT.contains(&l) {
        return true;
    }

    // Calls to share the page ("Like it? Share it!", "Möchten Sie den Artikel teilen?").
    if l.len() < 50
        && (l.contains("share") || l.contains("teilen"))
        && line.trim_end().ends_with(['?', '!'])
    {
        return true;
    }
    const PREFIX: &[&str] = &[
        "copyright ",
        "all rights reserved",
        "photo:",
        "photo by",
        "photograph:",
        "image:",
        "image source",
        "picture:",
        "credit:",
        "getty images",
        "read more:",
        "related:",
        "see also:",
        "click here",
        "sign up for",
        "subscribe to",
        "follow us",
        "© ",
        "(c) ",
        // "Read this too:" before a link to another story, in other languages.
        "read also:",
        "also read:",
        "lesen sie auch:",
        "lesen sie hier:",
        "mehr zum thema:",
        "le puede interesar:",
        "te puede interesar:",
        "lee también:",
        "leia também:",
        "lire aussi:",
        "à lire aussi:",
        "leggi anche:",
        "czytaj też:",
        "zobacz też:",
    ];
    if l.len() < 600 && l.contains("cookie") {
        // Consent banners, in the languages they come in.
        const CONSENT: &[&str] = &[
            "website",
            "site",
            "browser",
            "consent",
            "accept",
            "verwendet",
            "nutzt",
            "utilis",
            "akzept",
            "zustimm",
            "datenschutz",
            "privacy",
            "einstellungen",
            "settings",
        ];
        if CONSENT.iter().any(|w| l.contains(w)) {
            return true;
        }
    }
    if PREFIX.iter().any(|p| l.starts_with(p))
        || (l.len() < 60 && (l.ends_with("getty images") || l.contains("all rights reserved")))
    {
        return true;
    }
    reading_time(l) || timestamp_label(l)
}

/// "Last updated: Nov 20, 2019 01:41 PM", "Aktualisiert am 17.01.2021", "Publicado el 3 de
/// mayo": a publication or update stamp on a line of its own (the date is metadata).
fn timestamp_label(l: &str) -> bool {
    const LABELS: &[&str] = &[
        "last updated",
        "updated",
        "published",
        "posted on",
        "first published",
        "aktualisiert",
        "zuletzt aktualisiert",
        "veröffentlicht am",
        "publicado",
        "actualizado",
        "publié le",
        "mis à jour",
        "pubblicato",
        "aggiornato",
    ];
    if l.len() > 100
        || !LABELS.iter().any(|p| l.starts_with(p))
        || !l.bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    // A sentence that opens with such a word is no stamp ("Published in 2019, the report ...").
    let padded = format!(" {l} ");
    ![
        " the ", " that ", " which ", " was ", " were ", " is ", " are ",
    ]
    .iter()
    .any(|w| padded.contains(w))
}

/// Notices of the site to its readers, of any length up to a paragraph: disclosures, sign-up
/// calls, comment rules, reporting credits.
fn notice_line(line: &str) -> bool {
    if line.len() > 600 || !notice_words().is_match(line) {
        return false;
    }
    let lower = line.trim().to_lowercase();
    let l = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    // Affiliate disclosures in the site's own voice ("we", "I", "you"): a line about affiliate
    // programs in general is no disclosure.
    let padded = format!(" {l} ");
    let speaks = [
        " we ", " we'", " us ", " our ", " i ", " my ", " you", " wir ", " uns", " ich ",
    ]
    .iter()
    .any(|p| padded.contains(p));
    let affiliate = has(&["affiliate link", "affiliate-link"])
        && has(&["contain", "may ", "we use", "enthält", "sind"]);
    // "... may earn a commission", "purchases through our links earn us ...".
    let earns = has(&["commission", "provision"])
        && has(&[
            "may earn",
            "earn us",
            "earns us",
            "we earn",
            "i earn",
            "we may receive",
            "supported by commissions",
            "receive a commission",
        ]);
    let disclosure = has(&[
        "may receive compensation",
        "advertisers do not influence",
        "contains references to products",
        "eine provision",
        "enthält werbung",
        "enthält affiliate",
        "for your personal, non-commercial use only",
        "as an amazon associate",
    ]);
    // Newsletter sign-up calls inside the text.
    let sign_up = l.contains("newsletter")
        && has(&[
            "sign up",
            "inbox",
            "our newsletter",
            "unseren newsletter",
            "unser newsletter",
        ]);
    // Notes on comment moderation ("Comments are moderated ...").
    let moderation = has(&["comment", "coment", "kommentar"])
        && has(&[
            "moderated",
            "moderating",
            "moderation",
            "moderador",
            "moderiert",
        ]);
    // Reporting credits: "(Reporting by A; editing by B)", "AP writer C contributed to this
    // report."
    let credit = l.starts_with("reporting by")
        || l.starts_with("editing by")
        || l.ends_with("contributed to this report")
        || (l.starts_with("associated press writer") && l.contains("contributed"));
    // Appeals to the reader after the story.
    let appeal = [
        "if you enjoyed this",
        "if you enjoyed reading",
        "have a tip?",
    ]
    .iter()
    .any(|p| l.starts_with(p));
    (speaks && affiliate) || earns || disclosure || sign_up || moderation || credit || appeal
}

/// Words one of which every notice line contains: one automaton pass rules out almost every
/// paragraph before the line is lower-cased and searched pattern by pattern.
fn notice_words() -> &'static aho_corasick::AhoCorasick {
    static M: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "affiliate",
                "commission",
                "provision",
                "compensation",
                "advertisers",
                "references to products",
                "enthält",
                "enthÄlt",
                "non-commercial use",
                "amazon associate",
                "newsletter",
                "comment",
                "coment",
                "kommentar",
                "reporting by",
                "editing by",
                "contributed",
                "associated press",
                "if you enjoyed",
                "have a tip",
            ])
            .unwrap_or_else(|_| {
                aho_corasick::AhoCorasick::new(["\u{0}never"]).expect("trivial automaton")
            })
    })
}

/// "4 min read", "5 Minuten Lesezeit", "Lesedauer: 3 Min.": reading-time labels.
fn reading_time(l: &str) -> bool {
    if l.len() > 40 {
        return false;
    }
    let has_digit = l.bytes().any(|b| b.is_ascii_digit());
    has_digit
        && (l.ends_with("min read")
            || l.ends_with("minute read")
            || l.ends_with("minutes read")
            || l.contains("lesezeit")
            || l.contains("lesedauer")
            || l.contains("temps de lecture")
            || l.contains("tiempo de lectura"))
}

/// Selects and renders the main text.
pub(crate) fn extract(
    dom: &Dom,
    ld_body: Option<&str>,
    title: Option<&str>,
    page_url: Option<&str>,
    p: &Params,
) -> Content {
    let n = dom.nodes.len();
    let mut out = Content::default();
    if n <= 1 {
        return out;
    }
    // Pass 1 (forward): block owner and link context of every node; text sizes.
    let mut owner = vec![0u32; n];
    let mut in_link = vec![false; n];
    let mut tc = vec![0u32; n];
    let mut own_raw = vec![0u32; n];
    let mut link_raw = vec![0u32; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let par = node.parent as usize;
        match node.kind {
            Kind::Text { .. } => {
                owner[i] = owner[par];
                in_link[i] = in_link[par];
                let c = char_count(dom.text_of(i as u32));
                tc[i] = c;
                let o = owner[i] as usize;
                own_raw[o] += c;
                if in_link[i] {
                    link_raw[o] += c;
                }
            }
            Kind::Element { tag, .. } => {
                in_link[i] = in_link[par] || tag == Tag::A;
                owner[i] = if tag.is_block() { i as u32 } else { owner[par] };
            }
            Kind::Root => {}
        }
    }
    // Pass 2 (forward): removal that needs no guard: elements that never hold article text and
    // reader comments (which may well outweigh the article). Name verdicts are kept for pass 4.
    let mut removed = vec![false; n];
    let mut names = vec![Boiler::None; n];
    let mut in_code = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let par = node.parent as usize;
        if removed[par] {
            removed[i] = true;
            continue;
        }
        if let Kind::Element { tag, .. } = node.kind {
            if drop_tag(tag) && !matches!(tag, Tag::Nav | Tag::Aside | Tag::Figure) {
                removed[i] = true;
                continue;
            }
            // Inside code, class names are a highlighter's token kinds (`hljs-comment`,
            // `token comment`), not page furniture.
            in_code[i] = in_code[par] || matches!(tag, Tag::Pre | Tag::Code);
            if in_code[par] {
                continue;
            }
            let b = element_class(dom, i as u32);
            names[i] = b;
            removed[i] = b == Boiler::Comments
                && !matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article);
        }
    }
    // Pass 3 (reverse): raw text and "good paragraph" text per subtree. The latter guards
    // name-based removal: a node holding most of the page's prose is the article, whatever its
    // class says.
    let mut raw = vec![0u32; n];
    let mut raw_link = vec![0u32; n];
    let mut has_h1 = vec![false; n];
    let mut has_table = vec![false; n];
    let mut gp = vec![0u32; n];
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        raw[i] += tc[i];
        if in_link[i] {
            raw_link[i] += tc[i];
        }
        let l = own_raw[i];
        if l >= 80 && (link_raw[i] as f32) < 0.3 * l as f32 {
            gp[i] += l;
        }
        let par = dom.nodes[i].parent as usize;
        raw[par] += raw[i];
        raw_link[par] += raw_link[i];
        if has_h1[i] || dom.tag(i as u32) == Some(Tag::H1) {
            has_h1[par] = true;
        }
        if has_table[i] || dom.tag(i as u32) == Some(Tag::Table) {
            has_table[par] = true;
        }
        gp[par] += gp[i];
    }
    let page_raw = raw[0].max(1) as f32;
    let page_gp = gp[0].max(1) as f32;

    // Pass 4 (forward): guarded removal of boilerplate subtrees.
    let mut best_positive: Option<u32> = None;
    let mut in_article = vec![false; n];
    let mut soft = vec![false; n];
    for i in 1..n {
        let node = &dom.nodes[i];
        let par = node.parent as usize;
        if removed[par] {
            removed[i] = true;
            continue;
        }
        let Kind::Element { tag, .. } = node.kind else {
            continue;
        };
        let ii = i as u32;
        let share = gp[i] as f32 / page_gp;
        let raw_share = raw[i] as f32 / page_raw;
        let mut rm = drop_tag(tag);
        // Mostly long, link-poor paragraphs: what article sections look like.
        let prose = gp[i] >= 160 && gp[i] * 10 >= raw[i] * 6;
        in_article[i] = in_article[par] || tag == Tag::Article;
        soft[i] = soft[par];
        if tag == Tag::Header && (in_article[par] || has_h1[i] && share < 0.3) {
            // An article's own header (inside `<article>`, or the one holding the headline)
            // holds the headline, byline and often the lead paragraph: only its long
            // paragraphs may count.
            soft[i] = true;
        } else if matches!(tag, Tag::Header | Tag::Footer | Tag::Nav | Tag::Aside) {
            rm = share < 0.3;
        } else if tag == Tag::Form {
            // Some sites wrap the whole page in one form.
            rm = share < 0.3 && raw_share < 0.5;
        }
        // A figure that holds a table (`wp-block-table`) is a data table of the article, not
        // a picture with its caption.
        if matches!(tag, Tag::Figure) && (share > 0.5 || has_table[i]) {
            rm = false;
        }
        if !rm && !matches!(tag, Tag::Html | Tag::Body | Tag::Main) {
            if dom.attr(ii, AttrName::Hidden).is_some() {
                // Streaming renderers park whole article sections in `hidden` divs until
                // script swaps them in: hidden prose stays.
                rm = share < 0.5 && !prose;
            } else if dom
                .attr(ii, AttrName::AriaHidden)
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            {
                rm = share < 0.5;
            } else if let Some(st) = dom.attr(ii, AttrName::Style) {
                let st: String = st
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if st.contains("display:none") || st.contains("visibility:hidden") {
                    rm = share < 0.5;
                }
            }
            if !rm {
                if let Some(role) = dom.attr(ii, AttrName::Role) {
                    let r = role.to_ascii_lowercase();
                    if matches!(
                        r.as_str(),
                        "navigation"
                            | "contentinfo"
                            | "complementary"
                            | "search"
                            | "menu"
                            | "menubar"
                            | "dialog"
                            | "banner"
                            | "alert"
                    ) && share < 0.3
                    {
                        rm = true;
                    }
                }
            }
            if !rm {
                let is_body = dom
                    .attr(ii, AttrName::Itemprop)
                    .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
                let b = names[i];
                if is_body || b == Boiler::Positive {
                    if gp[i] > 200
                        && match best_positive {
                            None => true,
                            Some(b) => gp[b as usize] < gp[i] / 2 || is_body,
                        }
                    {
                        best_positive = Some(ii);
                    }
                } else {
                    rm = match b {
                        Boiler::Comments => share < 0.9,
                        Boiler::Strong => share < 0.4,
                        // Generic words also name prose sections (`TOC_TITLE_1`, `note`):
                        // a block that is mostly long link-poor paragraphs stays.
                        Boiler::Weak => share < 0.15 && !prose,
                        Boiler::None | Boiler::Lead | Boiler::Positive => false,
                    };
                }
            }
        }
        if tag == Tag::Article {
            out.article_elements += 1;
        }
        removed[i] = removed[i] || rm;
    }
    let cards = teaser_cards(dom, &removed, &raw, &raw_link, page_url.and_then(host_of));

    // Per-block text, link text and agreement with the JSON-LD body.
    let ld_words: Option<HashSet<u64>> = ld_body
        .filter(|b| b.len() >= 300)
        .map(|b| words(b).map(hash_word).collect());
    let mut own = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    let mut own_match = vec![0u32; n];
    let mut own_end = vec![' '; n];
    for i in 1..n {
        let c = tc[i];
        if removed[i] || c == 0 {
            continue;
        }
        let o = owner[i] as usize;
        own[o] += c;
        if let Some(ch) = dom.text_of(i as u32).trim_end().chars().last() {
            own_end[o] = ch;
        }
        if in_link[i] {
            own_link[o] += c;
        }
        if let Some(set) = &ld_words {
            let t = dom.text_of(i as u32);
            let m: u32 = words(t)
                .filter(|w| set.contains(&hash_word(w)))
                .map(|w| w.chars().count() as u32)
                .sum();
            own_match[o] += m;
        }
    }
    let mut score = vec![0f32; n];
    let mut total = 0u32;
    let mut total_link = 0u32;
    let min_par = p.min_paragraph_chars as u32;
    for i in 0..n {
        let len = own[i];
        if len == 0 {
            continue;
        }
        total += len;
        total_link += own_link[i];
        let lenf = len as f32;
        let link = own_link[i] as f32;
        let tag = dom.tag(i as u32);
        let heuristic = if link / lenf > p.max_link_density {
            -lenf
        } else if len >= min_par {
            lenf - 2.0 * link
        } else if tag.is_some_and(Tag::is_heading) {
            0.0
        } else if link * 10.0 < 3.0 * lenf && ends_sentence(own_end[i]) {
            // A short sentence ("He declined to comment.") belongs with its neighbours.
            SHORT_SENTENCE * lenf
        } else {
            -0.3 * lenf
        };
        // Agreement with the JSON-LD body rescues short in-body blocks; disagreement proves
        // nothing (the JSON-LD copy is often a truncated teaser).
        let heuristic = if soft[i] && len < min_par {
            0.0
        } else {
            heuristic
        };
        let agrees = ld_words.is_some() && own_match[i] as f32 >= 0.6 * lenf;
        score[i] = if agrees {
            heuristic.max(lenf)
        } else {
            heuristic
        };
    }
    out.page_chars = total as usize;
    out.page_link_chars = total_link as usize;
    // Subtree sums; nodes after their parents, so a reverse loop accumulates bottom-up.
    let mut sum = score.clone();
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let par = dom.nodes[i].parent as usize;
        // A subtree drags its ancestors down by at most MAX_DRAG: a long link list (a product
        // grid, a site index) beside a short article or a data sheet must not hand the page to
        // a cookie notice or a footer paragraph elsewhere.
        sum[par] += sum[i].max(-MAX_DRAG);
    }
    let mut best = 0usize;
    for i in 0..n {
        if !removed[i]
            && sum[i] >= sum[best]
            && matches!(dom.nodes[i].kind, Kind::Element { .. } | Kind::Root)
        {
            best = i;
        }
    }
    if ld_words.is_some() {
        // The JSON-LD body may be absent from the markup (rendered by script): then the DOM's
        // best subtree matches little of it and the heuristics decide after all.
        let matched: u32 = (best as u32..dom.subtree_end(best as u32))
            .map(|j| own_match[j as usize])
            .sum();
        out.used_json_ld = matched > 200;
    }
    if let Some(pb) = best_positive {
        // A declared article body that the scores nearly agree with wins (it is exact markup).
        let pbu = pb as usize;
        let inside_best = pb as usize >= best && pb < dom.subtree_end(best as u32);
        if !removed[pbu]
            && sum[pbu] > 0.0
            && (sum[pbu] >= 0.7 * sum[best] || inside_best && sum[pbu] >= 0.5 * sum[best])
        {
            best = pbu;
        }
    }
    // A single paragraph is rarely the whole article: take its container when that still
    // scores well (short sentences and sub-headings around it are article text).
    if own[best] > 0 && best != 0 {
        let par = dom.nodes[best].parent;
        if par != NONE && !removed[par as usize] && sum[par as usize] >= CLIMB * sum[best] {
            best = par as usize;
        }
    }
    if sum[best] <= 0.0 {
        best = 0;
    }
    // Leads, intros and body parts that the layout splits off sit beside the winner, not in it.
    let top = if best == 0 {
        0
    } else {
        take_siblings(dom, best, &own, &own_link, &sum, &mut removed)
    };
    if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
        for i in 0..n {
            if own[i] >= 40
                || i == best
                || (std::env::var_os("NM_DEBUG_ALL").is_some() && dom.tag(i as u32).is_some())
            {
                eprintln!(
                    "{}{i} own={} link={} score={:.0} sum={:.0} rm={} :: {}",
                    if i == best { "BEST " } else { "" },
                    own[i],
                    own_link[i],
                    score[i],
                    sum[i],
                    removed[i],
                    path(dom, i as u32, &removed)
                );
            }
        }
    }

    // Render the chosen subtree.
    let title_words: Option<HashSet<u64>> = title.map(|t| words(t).map(hash_word).collect());
    let mut keep = vec![0u8; n]; // 0 = undecided, 1 = keep, 2 = drop
                                 // Lines with the block each came from; a new line starts at every block element and
                                 // whenever the text's block changes (text after a nested block closes).
    let mut lines: Vec<(String, u32)> = Vec::new();
    // Line counts at which link lists were left out (removed or too link-dense).
    let mut junk_at: Vec<usize> = Vec::new();
    let mut cur = String::with_capacity(512);
    let mut cur_owner = NONE;
    let end = dom.subtree_end(top as u32) as usize;
    let mut j = top;
    let mut pre_depth_end = 0usize;
    let flush = |cur: &mut String, owner: u32, lines: &mut Vec<(String, u32)>| {
        let mut line = String::with_capacity(cur.len());
        for w in cur.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        if !line.is_empty() {
            lines.push((line, owner));
        }
        cur.clear();
    };
    while j < end {
        let card = cards.binary_search(&(j as u32)).is_ok();
        if removed[j] || card {
            if raw[j] >= 20 && raw_link[j] * 2 >= raw[j] || card {
                flush(&mut cur, cur_owner, &mut lines);
                junk_at.push(lines.len());
            }
            j = dom.subtree_end(j as u32) as usize;
            continue;
        }
        match dom.nodes[j].kind {
            Kind::Element { tag, .. } => {
                if tag.is_block() {
                    flush(&mut cur, cur_owner, &mut lines);
                }
                if tag == Tag::Pre {
                    pre_depth_end = dom.subtree_end(j as u32) as usize;
                }
            }
            Kind::Text { .. } => {
                let o = owner[j] as usize;
                if keep[o] == 0 && soft[o] && (own[o] < min_par || own_link[o] * 10 > own[o] * 3) {
                    keep[o] = 2;
                }
                if keep[o] == 0 {
                    keep[o] = if keep_block(
                        dom,
                        o,
                        own[o],
                        own_link[o],
                        own_match[o],
                        ld_words.is_some(),
                        title_words.as_ref(),
                        p,
                    ) {
                        1
                    } else {
                        if own_link[o] * 2 >= own[o] {
                            flush(&mut cur, cur_owner, &mut lines);
                            junk_at.push(lines.len());
                        }
                        2
                    };
                }
                if keep[o] == 1 {
                    if o as u32 != cur_owner {
                        flush(&mut cur, cur_owner, &mut lines);
                        cur_owner = o as u32;
                    }
                    let t = dom.text_of(j as u32);
                    if j < pre_depth_end {
                        // Preformatted: every source line is a line of its own.
                        let mut first = true;
                        for l in t.split('\n') {
                            if !first {
                                flush(&mut cur, cur_owner, &mut lines);
                            }
                            first = false;
                            cur.push_str(l);
                        }
                    } else if t.contains(['\u{AD}', '\u{200B}', '\u{FEFF}']) {
                        // Soft hyphens and zero-width spaces split words for every tokenizer.
                        cur.extend(
                            t.chars()
                                .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}')),
                        );
                    } else {
                        cur.push_str(t);
                    }
                }
            }
            Kind::Root => {}
        }
        j += 1;
    }
    flush(&mut cur, cur_owner, &mut lines);
    drop_link_intros(dom, &mut lines, &junk_at);
    // A "Related stories" / "Mehr zum Thema" line late in the text starts the page's tail
    // (looked for before the link intros and stock phrases such as a bare "Related" go,
    // which it may be one of).
    let kept: Vec<bool> = lines
        .iter()
        .map(|(l, o)| {
            *o != NONE
                && !stock_phrase(l)
                && !notice_line(l)
                && !looks_like_markup(l)
                && !post_meta_line(l)
        })
        .collect();
    let half = kept.iter().filter(|&&k| k).count() / 2;
    let mut seen = 0;
    let end = (0..lines.len())
        .position(|k| {
            let late = seen >= half.max(1);
            seen += usize::from(kept[k]);
            late && section_end(&lines[k].0)
        })
        .unwrap_or(lines.len());
    let mut k = 0;
    lines.truncate(end);
    lines.retain(|_| {
        k += 1;
        kept[k - 1]
    });
    // A first line that repeats the title (a headline outside `<h1>`) is metadata too.
    if let (Some(tw), Some((first, _))) = (title_words.as_ref(), lines.first()) {
        let (shared, all) = title_words_in(first, tw);
        if all > 0 && first.len() < 200 && shared * 10 >= all * 9 && shared * 10 >= tw.len() * 7 {
            lines.remove(0);
        }
    }
    out.paragraphs = lines.len();
    let mut text = String::with_capacity(lines.iter().map(|l| l.0.len() + 1).sum());
    for (k, (l, _)) in lines.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        text.push_str(l);
    }
    out.text = text;
    out
}

/// How many ancestor levels [`take_siblings`] climbs at most.
/// Teaser cards: at least [`MIN_CARDS`] sibling boxes of one tag, each a short story card (a
/// headline link inside a heading, a link-only title block beside a picture link to the same
/// page, or a link with an excerpt cut off with an ellipsis, plus some text of its own). Lists of other stories ("More from ...", "Breaking news") are built this
/// way; the excerpts are prose, so the block scores would keep them.
fn teaser_cards(
    dom: &Dom,
    removed: &[bool],
    raw: &[u32],
    raw_link: &[u32],
    page_host: Option<&str>,
) -> Vec<u32> {
    let n = removed.len();
    let mut head_link = vec![false; n];
    let mut link_block = vec![false; n];
    let mut max_link = vec![0u32; n];
    let mut max_link_at = vec![NONE; n];
    let mut last_text = vec![NONE; n];
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        match dom.nodes[i].kind {
            Kind::Text { .. } => {
                if last_text[i] == NONE && !dom.text_of(i as u32).trim().is_empty() {
                    last_text[i] = i as u32;
                }
            }
            Kind::Element { tag, .. } => {
                if tag == Tag::A && raw[i] > max_link[i] {
                    max_link[i] = raw[i];
                    max_link_at[i] = i as u32;
                }
                if raw_link[i] * 10 >= raw[i] * 8 {
                    if tag.is_heading() && raw_link[i] >= 15 {
                        head_link[i] = true;
                    } else if tag.is_block() && raw_link[i] >= 10 {
                        link_block[i] = true;
                    }
                }
            }
            Kind::Root => {}
        }
        let par = dom.nodes[i].parent as usize;
        head_link[par] |= head_link[i];
        link_block[par] |= link_block[i];
        if max_link[i] > max_link[par] {
            max_link[par] = max_link[i];
            max_link_at[par] = max_link_at[i];
        }
        if last_text[par] == NONE {
            last_text[par] = last_text[i];
        }
    }
    let is_card = |c: usize| {
        let len = raw[c];
        if !(40..=700).contains(&len) || len < raw_link[c] + 20 {
            return false;
        }
        // The headline leads to another page of the same site (a listicle's items link out).
        let internal = max_link_at[c] != NONE
            && dom
                .attr(max_link_at[c], AttrName::Href)
                .is_none_or(|h| same_site(h, page_host));
        if !internal {
            return false;
        }
        head_link[c]
            || link_block[c] && picture_link_to(dom, c as u32, max_link_at[c], raw)
            || max_link[c] >= 15 && last_text[c] != NONE && cut_off(dom.text_of(last_text[c]))
    };
    let mut cards: Vec<u32> = Vec::new();
    let mut dropped = Vec::new();
    for p in 0..n {
        if removed[p] || !matches!(dom.nodes[p].kind, Kind::Element { .. }) || raw[p] < 120 {
            continue;
        }
        cards.clear();
        let mut first_tag = None;
        let mut same = true;
        for c in dom.children(p as u32) {
            let cu = c as usize;
            if removed[cu] || raw[cu] == 0 {
                continue;
            }
            if is_card(cu) {
                let t = dom.tag(c);
                same &= first_tag.is_none_or(|f| f == t);
                first_tag = first_tag.or(Some(t));
                cards.push(c);
            }
        }
        let card_chars: u32 = cards.iter().map(|&c| raw[c as usize]).sum();
        if cards.len() >= MIN_CARDS && same && card_chars * 10 >= raw[p] * 6 {
            if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
                for &c in &cards {
                    eprintln!("CARD {c} {}", path(dom, c, removed));
                }
            }
            dropped.extend_from_slice(&cards);
        }
    }
    dropped.sort_unstable();
    dropped
}

/// Whether the box `c` also holds a link without text (a picture) to where link `a` leads: the
/// picture-and-headline pair of a story card.
fn picture_link_to(dom: &Dom, c: u32, a: u32, raw: &[u32]) -> bool {
    let Some(href) = dom.attr(a, AttrName::Href) else {
        return false;
    };
    (c..dom.subtree_end(c)).any(|j| {
        j != a
            && dom.tag(j) == Some(Tag::A)
            && raw[j as usize] == 0
            && dom.attr(j, AttrName::Href) == Some(href)
    })
}

/// The host of an absolute URL (`//host/...` too), without `www.`.
fn host_of(url: &str) -> Option<&str> {
    let u = url.trim();
    let rest = if let Some(k) = u.find("://") {
        &u[k + 3..]
    } else {
        u.strip_prefix("//")?
    };
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Whether a link stays on the page's site: relative links do, absolute ones when their host is
/// the page's (or a subdomain of either); with no page host known, every link counts as local.
fn same_site(href: &str, page_host: Option<&str>) -> bool {
    let Some(h) = host_of(href) else {
        return true;
    };
    let Some(p) = page_host else {
        return true;
    };
    let (a, b) = (h.to_ascii_lowercase(), p.to_ascii_lowercase());
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

/// Whether a text ends in an ellipsis (an excerpt cut off).
fn cut_off(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with("...") || t.ends_with('\u{2026}')
}

/// How many sibling story cards make a teaser list.
const MIN_CARDS: usize = 3;

const SIBLING_LEVELS: usize = 3;

/// Widens the chosen subtree to the preceding siblings that read as article prose, such as a
/// lead paragraph in its own `intro` box before the body container. Walks up from `best` while
/// some earlier sibling at that level qualifies (positive score, mostly link-free, most of its
/// text counting as prose); the other siblings are marked removed so that the render skips
/// them. Only earlier ones: prose after the body is mostly author notes, citations, reviews.
/// Returns the new root to render.
fn take_siblings(
    dom: &Dom,
    best: usize,
    own: &[u32],
    own_link: &[u32],
    sum: &[f32],
    removed: &mut [bool],
) -> usize {
    let n = own.len();
    let mut sub = own.to_vec();
    let mut sub_link = own_link.to_vec();
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let par = dom.nodes[i].parent as usize;
        sub[par] += sub[i];
        sub_link[par] += sub_link[i];
    }
    let mut top = best;
    // Climbing past levels with nothing before the current node costs nothing, but is only
    // worth it when a lead turns up further up: those levels stay pending until then.
    let mut cur = best;
    let mut hide = Vec::new();
    for _ in 0..SIBLING_LEVELS {
        let par = dom.nodes[cur].parent;
        if par == NONE
            || removed[par as usize]
            || !matches!(dom.tag(par), Some(t) if !matches!(t, Tag::Body | Tag::Html))
        {
            break;
        }
        let mut any = false;
        let mut before = 0;
        let mut after = false;
        let mark = hide.len();
        for c in dom.children(par) {
            let cu = c as usize;
            if cu == cur {
                after = true;
                continue;
            }
            if removed[cu] || sub[cu] == 0 {
                continue;
            }
            let ok = !after
                && sum[cu] > 0.0
                // Leads hardly link; notices before the body ("affiliate links") do.
                && sub_link[cu] * 10 < sub[cu]
                && sum[cu] >= 0.5 * sub[cu] as f32;
            before += usize::from(!after);
            if ok {
                any = true;
            } else {
                hide.push(cu);
            }
        }
        if any {
            for &h in &hide {
                removed[h] = true;
            }
            hide.clear();
            top = par as usize;
        } else if before > 0 {
            hide.truncate(mark);
            break;
        }
        cur = par as usize;
    }
    top
}

/// A heading-like line: a heading element, or a short line that does not end a sentence
/// ("More on this topic", "Related:").
fn title_like(dom: &Dom, line: &str, owner: u32) -> bool {
    if owner == NONE {
        return false;
    }
    let last = line.chars().last().unwrap_or(' ');
    match dom.tag(owner) {
        Some(t) if t.is_heading() => true,
        // List items and cells are entries of their own list, not its heading.
        Some(Tag::Li | Tag::Dt | Tag::Dd | Tag::Td | Tag::Th) => false,
        _ => line.len() <= 60 && (last == ':' || !ends_sentence(last)),
    }
}

/// Drops headings that only introduce a left-out link list ("More on this topic" above the
/// related links): a heading-like line right before the list, when what follows the list is
/// the end of the text or the next heading. Dropped lines get owner `NONE`.
fn drop_link_intros(dom: &Dom, lines: &mut [(String, u32)], junk_at: &[usize]) {
    for &k in junk_at {
        if k == 0 || k > lines.len() {
            continue;
        }
        let (ref l, o) = lines[k - 1];
        if !title_like(dom, l, o) {
            continue;
        }
        let section_ends = lines
            .get(k)
            .is_none_or(|(_, next)| dom.tag(*next).is_some_and(Tag::is_heading));
        if section_ends {
            lines[k - 1].1 = NONE;
        }
    }
}

/// Headings that open the related-links, reading-list or comments part of a page, in the
/// languages of the evaluation sets and beyond.
fn section_end(line: &str) -> bool {
    if line.len() > 60 {
        return false;
    }
    let l = line
        .trim()
        .trim_end_matches([':', '.', '…', '*', '!'])
        .trim()
        .to_lowercase();
    const HEADS: &[&str] = &[
        "related",
        "related articles",
        "related stories",
        "related posts",
        "related content",
        "more from",
        "more stories",
        "more on this story",
        "more on this topic",
        "read more",
        "read next",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "most popular",
        "most read",
        "trending now",
        "comments",
        "leave a reply",
        "leave a comment",
        "mehr zum thema",
        "mehr aus der sendung",
        "mehr zu diesem thema",
        "weitere artikel",
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "am meisten gelesen",
        "meistgelesen",
        "letzte kommentare",
        "kommentare",
        "weiterführende links",
        "weiterführender link",
        "ähnliche artikel",
        "auch interessant",
        "lesen sie auch",
        "notas relacionadas",
        "te puede interesar",
        "lee también",
        "noticias relacionadas",
        "à lire aussi",
        "lire aussi",
        "sur le même sujet",
        "articles similaires",
        "leggi anche",
        "articoli correlati",
        "czytaj także",
        "zobacz także",
        "читайте также",
        "похожие статьи",
        // More of the same, in the languages of the web's news sites.
        "related posts",
        "more news",
        "editors' recommendations",
        "editor's picks",
        "about the author",
        "about the authors",
        "weitere meldungen",
        "weitere nachrichten",
        "weitere beiträge",
        "weitere informationen",
        "empfohlene beiträge",
        "empfohlene artikel",
        "weiterlesen",
        "schon gelesen?",
        "schon gelesen",
        "noch mehr infos für dich",
        "über den autor",
        "über die autorin",
        "vorschau auf den nächsten artikel",
        "contenido relacionado",
        "artículos relacionados",
        "relacionadas",
        "relacionados",
        "notícias relacionadas",
        "leia também",
        "veja também",
        "à découvrir",
        "à lire également",
        "czytaj też",
        "czytaj również",
        "zobacz też",
        "explore further",
        "while you are here",
        "while you're here",
        "pressekontakt",
        "press contact",
        "media contact",
        "ansprechpartner",
        "ansprechpartnerin",
        "haftungshinweis",
        "bildnachweis",
        "abo-angebote",
        "lust auf mehr?",
        "no comments",
        "keine kommentare",
        "kontakt",
        "contact us",
    ];
    if HEADS.contains(&l.as_str()) {
        return true;
    }
    // Headings that open a list of other pages: "Lesen Sie auch die folgenden Beiträge",
    // "Más noticias de Colombia", "Entdecke weitere Homestorys".
    const PREFIXES: &[&str] = &[
        "lesen sie auch ",
        "mehr aus ",
        "more from ",
        "more stories from ",
        "más noticias de ",
        "entdecke weitere ",
        "entdecken sie weitere ",
        "weitere artikel ",
        "weitere beiträge ",
        "más sobre ",
        "mehr kolumnen ",
        "empfehlungen aus ",
        "diese artikel könnten ",
        "this entry was posted ",
    ];
    if PREFIXES.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    // A comment count ("3 Kommentare", "12 comments") heads the comment section.
    let mut parts = l.splitn(2, ' ');
    let (count, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !count.is_empty()
        && count.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            rest,
            "comments" | "comment" | "kommentare" | "kommentar" | "commentaires" | "comentarios"
        )
}

/// A post's metadata on one line: "05/10/2018 - Posted by: Ann Lee - Category: Health - Tags:
/// ..." (two or more of the labels a blog or CMS prints above or below a post).
fn post_meta_line(line: &str) -> bool {
    if line.len() > 300 {
        return false;
    }
    let l = line.to_lowercase();
    const LABELS: &[&str] = &[
        "posted by",
        "published by",
        "publicado por",
        "publié par",
        "veröffentlicht von",
        "pubblicato da",
        "posted in",
        "filed under",
        "category:",
        "categories:",
        "categoria:",
        "categoría:",
        "catégorie",
        "kategorie:",
        "tags:",
        "schlagwörter:",
        "etiquetas:",
    ];
    LABELS.iter().filter(|x| l.contains(*x)).count() >= 2
}

/// Escaped markup shown as text (`&lt;img src=...&gt;` in the source) is never article text.
fn looks_like_markup(line: &str) -> bool {
    line.starts_with('<') && line.ends_with('>') && line.contains('=')
}

/// Prints per-block scores to stderr (development aid for the `debug` example).
pub(crate) static DEBUG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn path(dom: &Dom, mut i: u32, removed: &[bool]) -> String {
    let mut parts = Vec::new();
    while i != NONE && i != 0 && parts.len() < 12 {
        if let Some(t) = dom.tag(i) {
            let c = dom.attr(i, AttrName::Class).unwrap_or("");
            let id = dom.attr(i, AttrName::Id).unwrap_or("");
            let c: String = c.chars().take(40).collect();
            parts.push(format!(
                "{}{t:?}.{c}#{id}",
                if removed[i as usize] { "!" } else { "" }
            ));
        }
        i = dom.nodes[i as usize].parent;
    }
    parts.reverse();
    parts.join(" > ")
}

#[allow(clippy::too_many_arguments)]
fn keep_block(
    dom: &Dom,
    o: usize,
    len: u32,
    link: u32,
    matched: u32,
    has_ld: bool,
    title_words: Option<&HashSet<u64>>,
    p: &Params,
) -> bool {
    if len == 0 {
        return false;
    }
    let lenf = len as f32;
    if has_ld && matched as f32 >= 0.6 * lenf {
        return true;
    }
    let tag = dom.tag(o as u32);
    if (link as f32) / lenf > p.max_link_density {
        return false;
    }
    if tag == Some(Tag::H1) {
        // The headline is metadata, not body text.
        if let Some(tw) = title_words {
            let (shared, all) = title_words_in(&crate::meta::text_content(dom, o as u32), tw);
            if all > 0 && shared * 10 >= all * 6 {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn params() -> Params {
        Params {
            min_paragraph_chars: 80,
            max_link_density: 0.5,
        }
    }

    #[test]
    fn class_names_classify() {
        assert!(boiler_class("comments-section") == Boiler::Comments);
        assert!(boiler_class("related-links") == Boiler::Strong);
        assert!(boiler_class("article-body comments") == Boiler::Positive);
        assert!(boiler_class("ad-slot") == Boiler::Weak);
        assert!(boiler_class("shadow head") == Boiler::None);
        assert!(boiler_class("commentary") == Boiler::None);
        // Author boxes under the article, in the usual theme and plugin spellings.
        assert!(boiler_class("post-author") == Boiler::Strong);
        assert!(boiler_class("TestReport__AuthorBox") == Boiler::Strong);
        assert!(boiler_class("saboxplugin-wrap") == Boiler::Strong);
        assert!(boiler_class("about-the-author clearfix") == Boiler::Strong);
    }

    #[test]
    fn headings_that_open_the_page_tail() {
        for head in [
            "Related",
            "Weitere Meldungen",
            "Contenido Relacionado",
            "Lesen Sie auch die folgenden Beiträge:",
            "Más noticias de Colombia",
            "About the author",
            "Explore further",
            "3 Kommentare",
            "12 comments",
        ] {
            assert!(section_end(head), "{head}");
        }
        for line in [
            "Related risks",
            "The author",
            "3 Kommentare zu dem Plan",
            "Comments from the minister were sharp, he said.",
        ] {
            assert!(!section_end(line), "{line}");
        }
    }

    #[test]
    fn link_hosts_and_cut_off_excerpts() {
        assert_eq!(host_of("https://www.example.org/a/b"), Some("example.org"));
        assert_eq!(host_of("//cdn.example.org"), Some("cdn.example.org"));
        assert_eq!(host_of("/local/story"), None);
        assert!(same_site("/local/story", Some("example.org")));
        assert!(same_site("https://news.example.org/x", Some("example.org")));
        assert!(!same_site("https://other.example/x", Some("example.org")));
        assert!(same_site("https://other.example/x", None));
        assert!(cut_off("and the railings are..."));
        assert!(cut_off("and the railings are\u{2026} "));
        assert!(!cut_off("and the railings are new."));
    }

    #[test]
    fn a_long_link_list_does_not_outweigh_the_sheet_beside_it() {
        // A data sheet in short sections, and in the same box a long list of other products;
        // beside it a privacy notice of one long paragraph.
        let section = |i: usize| {
            format!(
                "<h2>Section {i}</h2><p>Take one tablet in the morning with water; the dose may \
                 be raised by the doctor after two weeks of treatment.</p>"
            )
        };
        let sheet: String = (0..8).map(section).collect();
        let list: String = (0..30)
            .map(|i| {
                format!("<li><a href=/p{i}>Another product of the same maker, pack {i}</a></li>")
            })
            .collect();
        let notice = "We use cookies to count visits and to keep you signed in, and share what we \
                      learn with partners who may combine it with other data you gave them. "
            .repeat(2);
        // And the site's index of links at the foot of the page.
        let links: String = (0..40)
            .map(|i| format!("<a href=/c{i}>Category {i}</a> "))
            .collect();
        let html = format!(
            "<body><div class=content>{sheet}<ul>{list}</ul></div>\
             <div><p>{notice}</p></div><div>{links}</div></body>"
        );
        let c = extract(&parse(&html), None, None, None, &params());
        assert!(c.text.contains("Take one tablet"), "{}", c.text);
        assert!(!c.text.contains("We use cookies"), "{}", c.text);
        assert!(!c.text.contains("Another product"), "{}", c.text);
    }

    #[test]
    fn story_cards_need_three_of_a_kind() {
        let para =
            "The ferry will run again from Monday after eleven months of repairs. ".repeat(4);
        let card = |i: usize| {
            format!(
                "<div><h3><a href=/s{i}>Another story from the same town {i}</a></h3>\
                 <p>A short excerpt of that other story, which is a sentence long and tells what it is about.</p></div>"
            )
        };
        for (cards, kept) in [(2, true), (3, false)] {
            let list: String = (0..cards).map(card).collect();
            let html = format!(
                "<body><article><p>{para}</p><p>{para}</p><div class=stories>{list}</div>\
                 </article></body>"
            );
            let c = extract(&parse(&html), None, None, None, &params());
            assert_eq!(
                c.text.contains("A short excerpt"),
                kept,
                "{cards}: {}",
                c.text
            );
        }
    }

    #[test]
    fn picture_and_title_link_to_one_story_make_a_card() {
        let para =
            "The ferry will run again from Monday after eleven months of repairs. ".repeat(4);
        let card = |pic: bool| {
            move |i: usize| {
                let img = if pic {
                    format!("<a href=/s{i}><img src=/s{i}.jpg></a>")
                } else {
                    String::new()
                };
                format!(
                    "<div>{img}<div class=title><a href=/s{i}>Story name {i}</a></div>\
                     <div>A short summary of that other story, a sentence long, about what it \
                     is.</div></div>"
                )
            }
        };
        for (pic, kept) in [(false, true), (true, false)] {
            let list: String = (0..3).map(card(pic)).collect();
            let html = format!(
                "<body><article><p>{para}</p><p>{para}</p><div class=stories>{list}</div>\
                 </article></body>"
            );
            let c = extract(&parse(&html), None, None, None, &params());
            assert_eq!(
                c.text.contains("A short summary"),
                kept,
                "{pic}: {}",
                c.text
            );
        }
    }

    #[test]
    fn closing_quotes_of_other_languages_end_sentences() {
        for c in [
            '\u{201C}', '\u{00BB}', '\u{00AB}', '\u{2019}', '\u{300D}', '\u{FF1F}',
        ] {
            assert!(ends_sentence(c), "{c}");
        }
        assert!(!ends_sentence('a'));
        // A short post of quoted lines (German quotes) outweighs a banner of the same size.
        let html = "<body><div class=post><p>\u{201E}Ich wei\u{DF}, ich bin m\u{FC}de und sollte \
                    das nicht sagen\u{2026}\u{201C}</p><p>\u{2013} \u{201E}Dann sag es doch \
                    einfach nicht, bitte\u{201C}</p><p>\u{2013} \u{201E}Gut, dann eben \
                    nicht, wie du willst\u{201C}</p></div><div class=box><form>\
                    <p>Diese Website verwendet Cookies und wenn du weiterklickst stimmst du zu \
                    <a href=/c>mehr</a></p></form></div></body>";
        let c = extract(&parse(html), None, None, None, &params());
        assert!(c.text.contains("Dann sag es doch"), "{}", c.text);
    }

    #[test]
    fn lead_names_classify() {
        for lead in [
            "teaser-text",
            "article__intro",
            "p-lead",
            "storyLead",
            "chapo",
        ] {
            assert!(boiler_class(lead) == Boiler::Lead, "{lead}");
        }
        // A story card, an ad slot, utility classes and field types are no leads.
        assert!(boiler_class("teaser") == Boiler::Strong);
        assert!(boiler_class("newsletter__subtitle") == Boiler::Strong);
        assert!(boiler_class("leaderboard") == Boiler::None);
        assert!(boiler_class("mt-2 leading-tight") == Boiler::None);
        assert!(boiler_class("subtitle-2") == Boiler::None);
        assert!(boiler_class("field--type-text-with-summary") == Boiler::None);
    }

    #[test]
    fn lead_in_the_page_header_with_the_headline_is_kept() {
        // No `<article>`: the header holding the headline is the article's header, not the
        // site's, so its lead paragraph counts.
        let para = "Volunteers planted four hundred trees along the river bank over the weekend. "
            .repeat(3);
        let html = format!(
            "<body><header class=site><a href=/>Home</a> <a href=/news>News</a></header>\
             <main><header><h1>Trees for the river</h1><p>A new wood is growing on the east \
             bank, where the floods of last spring washed the old one away with the bridge.</p></header>\
             <div class=body><p>{para}</p><p>{para}</p></div></main></body>"
        );
        let dom = parse(&html);
        let c = extract(&dom, None, Some("Trees for the river"), None, &params());
        assert!(c.text.starts_with("A new wood is growing"), "{}", c.text);
        assert!(!c.text.contains("Home"), "{}", c.text);
    }

    #[test]
    fn lead_several_levels_above_the_body_is_kept() {
        let para = "The committee met for the last time before the summer and agreed on the plan. "
            .repeat(3);
        let links: String = (0..6)
            .map(|i| {
                format!("<li><a href=/s{i}>Another headline from the same section {i}</a></li>")
            })
            .collect();
        let html = format!(
            "<body><div class=wrap><div class=teaser-text><p>The plan for the new library \
             was approved on Monday, after two years of talks.</p></div>\
             <div class=col><div class=inner><div class=text><p>{para}</p><p>{para}</p></div></div>\
             <ul>{links}</ul></div></div></body>"
        );
        let dom = parse(&html);
        let c = extract(&dom, None, None, None, &params());
        assert!(
            c.text.starts_with("The plan for the new library"),
            "{}",
            c.text
        );
        assert!(!c.text.contains("Another headline"), "{}", c.text);
    }

    #[test]
    fn picks_paragraphs_over_navigation() {
        let para = "This is a long paragraph of article text, with enough words to count as body. "
            .repeat(3);
        let html = format!(
            "<body><div class=menu><a href=/>Home</a> <a href=/a>World</a></div>\
             <div><p>{para}</p><p>{para}</p><ul><li><a href=x>Other story one here</a></li></ul></div>\
             <div class=foot>Contact us</div></body>"
        );
        let dom = parse(&html);
        let c = extract(&dom, None, None, None, &params());
        assert_eq!(c.paragraphs, 2, "{}", c.text);
        assert!(
            !c.text.contains("Home")
                && !c.text.contains("Other story")
                && !c.text.contains("Contact")
        );
    }

    #[test]
    fn bare_related_line_late_in_the_text_starts_the_tail() {
        let para =
            "The harbour board approved the new ferry timetable after a long debate. ".repeat(3);
        let teaser =
            "Another story about something else entirely, told in a few short words. ".repeat(2);
        let html = format!(
            "<body><div><p>{para}</p><p>{para}</p><p>{para}</p><p>Related</p>\
             <p>{teaser}</p></div></body>"
        );
        let dom = parse(&html);
        let c = extract(&dom, None, None, None, &params());
        assert_eq!(c.paragraphs, 3, "{}", c.text);
    }

    #[test]
    fn stock_phrases() {
        assert!(stock_phrase("Advertisement"));
        assert!(stock_phrase("ANZEIGE"));
        assert!(stock_phrase("  Read more: the other story"));
        assert!(!stock_phrase("He said the advertisement was misleading."));
        // "Read this too" links, disclosures, reading times and share calls.
        assert!(stock_phrase("Lesen Sie hier: Der andere Artikel"));
        assert!(stock_phrase("Le puede interesar: otra noticia"));
        assert!(notice_line(
            "This post contains affiliate links. See my disclosure."
        ));
        assert!(notice_line("Anzeige, enthält Affiliate Links"));
        assert!(notice_line(
            "We may earn a commission from the products on this page."
        ));
        assert!(!notice_line(
            "Affiliate programs: streamers earn a commission when viewers buy via affiliate links."
        ));
        assert!(!notice_line(
            "Follow trade news: read the journals and subscribe to industry newsletters."
        ));
        assert!(!notice_line("Brand deals, affiliate links, tips"));
        assert!(stock_phrase("4 Min Read"));
        assert!(stock_phrase("Lesezeit: 3 Minuten"));
        assert!(!stock_phrase("The reading took 4 min."));
        assert!(stock_phrase("Like it? Share it!"));
        assert!(stock_phrase("Möchten Sie den Artikel teilen?"));
        assert!(!stock_phrase("Farmers share the water."));
        assert!(stock_phrase("Lade weitere Inhalte ..."));
        assert!(stock_phrase(
            "https://www.example.com/news/article/a-cat-came-home-after-five-years-123456.php"
        ));
        assert!(!stock_phrase("https://example.com"));
        assert!(!stock_phrase("\"https://www.example.com/review/a/b\","));
        assert!(stock_phrase("Related news"));
        assert!(stock_phrase("Last updated: Dec 4, 2025"));
        assert!(stock_phrase("Aktualisiert am 17.01.2021"));
        assert!(!stock_phrase("Updated figures show a rise"));
        assert!(!stock_phrase(
            "Published in 2019, the report found that rents rose."
        ));
        assert!(notice_line(
            "Fresh stories every morning, straight to your inbox: sign up for our newsletter."
        ));
        assert!(notice_line(
            "Please note: comments are moderated and may take a day to appear."
        ));
        assert!(!notice_line(
            "Moderate engagement with comments, questions, discussions"
        ));
        assert!(notice_line("(Reporting by Ann Lee; Editing by Bo Chan)"));
        assert!(notice_line(
            "As an Amazon Associate we earn from qualifying purchases."
        ));
        assert!(notice_line(
            "Associated Press writer Jo Park contributed to this report."
        ));
        assert!(notice_line(
            "If you enjoyed this piece, tell a friend about the club."
        ));
    }

    #[test]
    fn a_table_in_a_figure_is_kept_a_photo_caption_is_not() {
        let para = "The county kept its rainfall records for a hundred years, and the new \
                    figures show that the last decade was the wettest since records began.";
        let page = format!(
            "<html><body><article><p>{para}</p>\
             <figure class=wp-block-table><table><tr><td>Year</td><td>Rain (mm)</td></tr>\
             <tr><td>2019</td><td>1,204</td></tr><tr><td>2020</td><td>1,311</td></tr></table>\
             </figure><p>{para}</p><figure><img src=a.jpg><figcaption>The river in flood, \
             seen from the old bridge.</figcaption></figure><p>{para}</p></article></body></html>"
        );
        let x = crate::extract(page.as_bytes(), None, None);
        assert!(x.text.contains("1,311"), "{}", x.text);
        assert!(!x.text.contains("river in flood"), "{}", x.text);
    }

    #[test]
    fn code_comments_are_code_not_reader_comments() {
        let para = "To start a repository and save a first version of your files, run the \
                    commands below in the folder that holds the project.";
        let page = format!(
            "<html><body><article><p>{para}</p><pre><code class=language-bash>\
             <span class=hljs-comment># start a repository</span>\ngit init\n\
             <span class=\"token comment\"># save a first version</span>\ngit commit -am first\
             </code></pre><p>{para}</p></article></body></html>"
        );
        let x = crate::extract(page.as_bytes(), None, None);
        assert!(x.text.contains("# start a repository"), "{}", x.text);
        assert!(x.text.contains("# save a first version"), "{}", x.text);
    }

    #[test]
    fn a_first_line_repeating_the_title_goes() {
        let para = "The council voted on Tuesday to rebuild the old bridge, ending a debate that \
                    had run for more than ten years in the town.";
        let page = format!(
            "<html><head><title>Council votes to rebuild the old bridge</title></head><body>\
             <article><div class=headline>Council votes to rebuild the old bridge</div>\
             <p>{para}</p><h2>Bridge works</h2><p>{para}</p></article></body></html>"
        );
        let x = crate::extract(page.as_bytes(), None, None);
        assert!(x.text.starts_with("The council voted"), "{}", x.text);
        assert!(x.text.contains("Bridge works"), "{}", x.text);
    }

    #[test]
    fn post_meta_lines() {
        assert!(post_meta_line(
            "05/10/2018 - Posted by: Ann Lee - Category: Health - Tags: cars, theft"
        ));
        assert!(post_meta_line(
            "Veröffentlicht von Jan Roth · Kategorie: Garten"
        ));
        assert!(!post_meta_line(
            "Posted by the night shift, the note was found at dawn."
        ));
    }
}
