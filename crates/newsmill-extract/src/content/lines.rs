//! Line-level verdicts inside the chosen subtree: stock phrases, notices to readers, post
//! metadata, stray markup, the heading that opens the page's tail, and which blocks to keep.

use super::params::Params;
use super::text::{ends_sentence, title_words_in};
use crate::dom::{Dom, Tag, NONE};
use std::collections::HashSet;

/// Whole-line stock phrases (`data/stock_phrases.txt`).
static STOCK_PHRASES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/stock_phrases.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Short texts that are page furniture wherever they appear.
pub(super) fn stock_phrase(line: &str) -> bool {
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
    if STOCK_PHRASES.contains(&l) {
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
pub(super) fn timestamp_label(l: &str) -> bool {
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
pub(super) fn notice_line(line: &str) -> bool {
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
pub(super) fn notice_words() -> &'static aho_corasick::AhoCorasick {
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
pub(super) fn reading_time(l: &str) -> bool {
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

/// Headings that open the related-links, reading-list or comments part of a page, in the
/// languages of the evaluation sets and beyond.
pub(super) fn section_end(line: &str) -> bool {
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
pub(super) fn post_meta_line(line: &str) -> bool {
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
pub(super) fn looks_like_markup(line: &str) -> bool {
    line.starts_with('<') && line.ends_with('>') && line.contains('=')
}

/// A heading-like line: a heading element, or a short line that does not end a sentence
/// ("More on this topic", "Related:").
pub(super) fn title_like(dom: &Dom, line: &str, owner: u32) -> bool {
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
pub(super) fn drop_link_intros(dom: &Dom, lines: &mut [(String, u32)], junk_at: &[usize]) {
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

#[allow(clippy::too_many_arguments)]
pub(super) fn keep_block(
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
