//! What class, id and role names say about an element: comments, share bars, related stories
//! and cookie banners (boilerplate), or the article body.

use crate::dom::{AttrName, Dom, Tag};

/// Tags never part of the article text.
pub(super) fn drop_tag(t: Tag) -> bool {
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
pub(super) enum Boiler {
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
pub(super) const POSITIVE: &[&str] = &[
    "articlebody", "article-body", "article_body", "storybody", "story-body", "story_body",
    "postbody", "post-body", "entry-content", "entry_content", "post-content", "postcontent",
    "article-content", "articlecontent", "article_content", "story-content", "main-content",
    "content-body", "body-text", "bodytext", "article-text", "articletext", "story-text",
    "text-body", "rich-text", "richtext", "article__body", "body-copy",
    "field-body", "news-text", "newstext", "post-text", "entry-body", "story__body",
];

/// Substrings that mark boilerplate wherever they occur in a class or id.
#[rustfmt::skip]
pub(super) const STRONG_SUB: &[&str] = &[
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
pub(super) const WEAK_PARTS: &[&str] = &[
    "ad", "ads", "adv", "dfp", "gpt", "nav", "menu", "header", "meta", "date", "time", "author",
    "tags", "share", "print", "more", "next", "prev", "aside", "links",
    "copyright", "legal", "disclaimer", "bio", "avatar", "icon", "logo", "search", "subnav",
    "breaking", "alert", "topics", "badge", "label", "skip", "register",
    "cta", "btn", "button", "byline", "video", "photo", "img", "gallery",
    "slideshow", "carousel", "hide", "hidden", "noprint", "footnotes", "widget",
];

/// One automaton for all substring lists (the lists are matched against every class and id on
/// the page, which made plain `contains` loops the hottest code of the whole extractor).
pub(super) struct NameMatcher {
    pub(super) ac: aho_corasick::AhoCorasick,
    /// Per pattern: 0 positive, 1 comments, 2 strong, 3 "commentary" (not comments), 4 lead
    /// words (a cheap pre-check for [`names_lead`]).
    pub(super) kind: Vec<u8>,
}

pub(super) fn matcher() -> &'static NameMatcher {
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
pub(super) fn boiler_class(name: &str) -> Boiler {
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
pub(super) const LEAD_PARTS: &[&str] = &[
    "lead", "lede", "intro", "standfirst", "summary", "excerpt", "abstract", "subtitle",
    "subheadline", "chapo", "bajada",
];

/// Whether a class names a lead: one of [`LEAD_PARTS`] at the start or end of a part
/// (`-`/`_`-separated, case folded), but not an ad format (`leaderboard`). `Some(true)` for
/// the `teaser-text` / `article-teaser` compounds (`teaser` alone is a related-story card).
pub(super) fn names_lead(name: &str) -> Option<bool> {
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
pub(super) fn element_class(dom: &Dom, i: u32) -> Boiler {
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
