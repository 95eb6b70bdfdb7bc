//! HTML page to article text and metadata.
//!
//! [`extract`] takes the page bytes as fetched (plus the HTTP charset when the input had one) and
//! returns the article's main text, paragraphs separated by `\n`, with its title, publication
//! date (ISO 8601), authors, site, canonical URL and declared language, and a judgement of what
//! kind of page it was. [`ExtractStage`] does the same inside the pipeline.
//!
//! Built for throughput (a thousand pages per second per core is the target): a light tokenizer
//! and arena DOM of our own instead of a full HTML5 tree builder, one linear pass per step, no
//! recursion, so that broken markup, deep nesting and 20 MB pages cost time in proportion to their
//! size and never a panic.
//!
//! ```
//! let page = b"<html><head><title>T</title></head><body><nav><a href=/>Home</a></nav>\
//!   <article><h1>T</h1><p>The council voted on Tuesday to rebuild the old bridge, ending a debate \
//!   that had run for more than ten years in the town.</p></article></body></html>";
//! let x = newsmill_extract::extract(page, None, Some("https://example.com/2024/05/07/bridge"));
//! assert!(x.text.starts_with("The council voted"));
//! assert!(!x.text.contains("Home"));
//! assert_eq!(x.date.as_deref(), Some("2024-05-07"));
//! ```

#![warn(missing_docs)]

mod charset;
mod content;
mod dom;
mod entities;
mod meta;

use newsmill_core::{Counters, Doc, Language, Outcome, Stage};
use serde::{Deserialize, Serialize};

/// What extraction found in one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Extracted {
    /// The article's main text, one paragraph (or heading, list item, quote) per line.
    pub text: String,
    /// Headline: JSON-LD `headline`, else OpenGraph title, else the first `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// Publication date in ISO 8601 (`2019-11-19` or `2019-11-19T13:05:00Z`).
    pub date: Option<String>,
    /// Author names, comma separated.
    pub author: Option<String>,
    /// Site name (`og:site_name`, the JSON-LD publisher, else the URL's host).
    pub site: Option<String>,
    /// The URL the page declares as canonical.
    pub canonical_url: Option<String>,
    /// Language the page declares (`<html lang>`, content-language, JSON-LD, `og:locale`).
    pub language: Option<String>,
    /// `article`, `listing` (many teasers, little prose), `other`, or `empty` (no text at all).
    /// A listing may come with an empty `text`.
    pub page_type: String,
    /// Name of the character encoding the bytes were decoded with.
    pub charset: String,
}

/// Thresholds of the extraction stage, deserialised from the pipeline config.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// Pages larger than this many bytes are dropped (`page_too_large`) instead of parsed, which
    /// bounds time and memory per page.
    pub max_bytes: usize,
    /// Text blocks at least this many characters long count as article paragraphs.
    pub min_paragraph_chars: usize,
    /// Blocks with a larger share of their characters inside links are treated as navigation.
    pub max_link_density: f32,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            max_bytes: 32 * 1024 * 1024,
            min_paragraph_chars: 60,
            max_link_density: 0.6,
        }
    }
}

/// Extracts with the default configuration. See [`extract_with`].
pub fn extract(html: &[u8], http_charset: Option<&str>, url: Option<&str>) -> Extracted {
    extract_with(html, http_charset, url, &ExtractConfig::default())
}

/// Extracts the article text and metadata from page bytes. Never panics, whatever the bytes;
/// pages with no article give an empty `text` and page type `empty` (or `listing`).
pub fn extract_with(
    html: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
    cfg: &ExtractConfig,
) -> Extracted {
    let (src, charset) = charset::decode(html, http_charset);
    let dom = dom::parse(&src);
    let m = meta::collect(&dom, url);
    let params = content::Params {
        min_paragraph_chars: cfg.min_paragraph_chars,
        max_link_density: cfg.max_link_density,
    };
    let ld_body = m.ld.body.as_deref().filter(|_| m.ld.is_article());
    let page_url = url.or(m.canonical_url.as_deref());
    let mut c = content::extract(&dom, ld_body, m.title.as_deref(), page_url, &params);
    if let Some(body) = ld_body {
        if let Some(full) = complete_from_ld(&c.text, body) {
            c.text = full;
        }
    }
    if let Some(list) = missing_ingredients(&c.text, &m.ld.ingredients) {
        c.text = if c.text.is_empty() {
            list
        } else {
            format!("{list}\n{}", c.text)
        };
    }
    if let Some(d) = m.description.as_deref() {
        // Pages that render their text with scripts (the text sits in a JSON state blob) leave
        // only a banner or a line or two in the markup; their summary says more.
        let (dn, tn) = (d.chars().count(), c.text.chars().count());
        if tn > 0 && tn < DESCRIPTION_FALLBACK_CHARS && dn > tn && dn >= 80 {
            c.text = d.to_string();
        }
    }
    let page_type = classify(&m, &c);
    Extracted {
        text: c.text,
        title: m.title,
        date: m.date,
        author: m.author,
        site: m.site,
        canonical_url: m.canonical_url,
        language: m.language,
        page_type: page_type.to_string(),
        charset: charset.to_string(),
    }
}

/// The article's own text from its JSON-LD `articleBody`, when the markup shows less of it.
///
/// Paywalled, truncated and lazy-loading pages put the first paragraphs in the markup and the
/// whole story in their structured data. When the text we found is (nearly) all inside a body
/// that is clearly longer, the page cut the story short: the rest of the body is added after
/// our last paragraph (or the body replaces our text when that paragraph cannot be found in it).
fn complete_from_ld(text: &str, body: &str) -> Option<String> {
    if body.len() < 500 || body.len() < text.len() + 300 {
        // Markup and entities only make the body longer than its text: no need to look.
        return None;
    }
    let body = ld_plain_text(body);
    let (tn, bn) = (text.chars().count(), body.chars().count());
    if bn < 500 || bn < tn + 300 || bn * 10 < tn * 12 {
        return None;
    }
    let body_words: std::collections::HashSet<String> =
        words_of(&body).map(str::to_string).collect();
    let (mut inside, mut all) = (0usize, 0usize);
    for w in words_of(text) {
        all += 1;
        inside += usize::from(body_words.contains(w));
    }
    // Almost every word we kept is in the body: we have the right story, only less of it. A
    // short text beside a body four times its size is a lead, a caption or the wrong block.
    let subset = all > 0 && inside * 100 >= all * 90;
    let wrong_block = tn < 1000 && bn >= 4 * tn.max(1);
    if !(subset || wrong_block) {
        return None;
    }
    if subset {
        // Continue after the end of our last paragraph, if the body has it.
        let last = text
            .lines()
            .rev()
            .find(|l| l.trim().chars().count() >= 40)?;
        let tail: String = last
            .trim()
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Some(at) = body.find(&tail) {
            let rest = body[at + tail.len()..].trim();
            if rest.chars().count() >= 100 {
                return Some(format!("{text}\n{rest}"));
            }
            return None;
        }
    }
    Some(body)
}

/// A recipe's ingredient list, one per line, when the text we found lacks most of it: recipe
/// pages render their ingredients in a widget (a table, a script-filled list) apart from the
/// method, and the structured data is where all of them are written out.
fn missing_ingredients(text: &str, ingredients: &[String]) -> Option<String> {
    let items: Vec<String> = ingredients
        .iter()
        .map(|i| ld_plain_text(i).replace('\n', " "))
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() < 2 {
        return None;
    }
    let flat = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let present = items
        .iter()
        .filter(|i| flat.contains(&i.to_lowercase()))
        .count();
    (present * 2 < items.len()).then(|| items.join("\n"))
}

/// The text of a JSON-LD body: markup and entities in it removed, one paragraph a line.
fn ld_plain_text(body: &str) -> String {
    let mut plain = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        plain.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if ["p", "br", "div", "h2", "h3", "li"].iter().any(|t| {
            tag == *t || tag.starts_with(&format!("{t} ")) || tag.starts_with(&format!("{t}/"))
        }) {
            plain.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    plain.push_str(rest);
    let decoded = entities::decode(&plain);
    let mut out = String::with_capacity(decoded.len());
    for line in decoded.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&line);
        }
    }
    out
}

fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Below this many characters of main text, a longer page description stands in for it.
const DESCRIPTION_FALLBACK_CHARS: usize = 200;

fn classify(m: &meta::Meta, c: &content::Content) -> &'static str {
    let declared_article = m.ld.is_article() || m.og_type.as_deref() == Some("article");
    let link_share = c.page_link_chars as f32 / c.page_chars.max(1) as f32;
    let text_chars = c.text.chars().count();
    if c.text.is_empty() {
        // No prose at all: an index of links is still worth telling apart from a blank page.
        let listing = c.article_elements >= 4 || (link_share > 0.5 && c.page_link_chars >= 200);
        return if listing && !declared_article {
            "listing"
        } else {
            "empty"
        };
    }
    if declared_article && text_chars >= 200 {
        return "article";
    }
    if c.article_elements >= 4 || (link_share > 0.45 && text_chars < 1500) {
        return "listing";
    }
    if text_chars >= 500 && c.paragraphs >= 2 {
        return "article";
    }
    "other"
}

/// Turns on per-block score dumps to stderr; a development aid, not part of the stable API.
#[doc(hidden)]
pub fn set_debug(on: bool) {
    content::DEBUG.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The pipeline stage: turns `doc.html` into `doc.text` and fills metadata the input lacked.
#[derive(Debug, Clone, Default)]
pub struct ExtractStage {
    /// Thresholds and limits.
    pub config: ExtractConfig,
}

impl ExtractStage {
    /// A stage with the given configuration.
    pub fn new(config: ExtractConfig) -> Self {
        ExtractStage { config }
    }
}

impl Stage for ExtractStage {
    fn name(&self) -> &'static str {
        "extract"
    }

    fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
        let Some(html) = doc.html.take() else {
            return Outcome::Keep;
        };
        if html.bytes.len() > self.config.max_bytes {
            counters.add("page_too_large", 1);
            let mut d = serde_json::Map::new();
            d.insert("bytes".into(), html.bytes.len().into());
            d.insert("max_bytes".into(), self.config.max_bytes.into());
            return Outcome::drop_with("page_too_large", d);
        }
        let x = extract_with(
            &html.bytes,
            html.http_charset.as_deref(),
            doc.url.as_deref(),
            &self.config,
        );
        counters.add("pages", 1);
        if x.charset != "UTF-8" {
            counters.add("non_utf8_pages", 1);
        }
        fill(&mut doc.title, x.title, counters, "title_found");
        fill(&mut doc.date, x.date, counters, "date_found");
        fill(&mut doc.author, x.author, counters, "author_found");
        fill(&mut doc.site, x.site, counters, "site_found");
        fill(
            &mut doc.canonical_url,
            x.canonical_url,
            counters,
            "canonical_url_found",
        );
        if doc.language.is_none() {
            if let Some(l) = x.language {
                // Declared, not identified: the code part only, confidence marks it as unverified.
                let code = l
                    .split(['-', '_'])
                    .next()
                    .unwrap_or(&l)
                    .to_ascii_lowercase();
                if !code.is_empty() {
                    doc.language = Some(Language {
                        code,
                        confidence: 0.5,
                    });
                }
            }
        }
        doc.page_type = Some(x.page_type.clone());
        match x.page_type.as_str() {
            "article" => counters.add("page_article", 1),
            "listing" => counters.add("page_listing", 1),
            "empty" => counters.add("page_empty", 1),
            _ => counters.add("page_other", 1),
        }
        doc.text = x.text;
        if doc.text.trim().is_empty() {
            return Outcome::drop("no_main_text");
        }
        Outcome::Keep
    }
}

fn fill(
    slot: &mut Option<String>,
    v: Option<String>,
    counters: &mut Counters,
    event: &'static str,
) {
    if slot.is_none() && v.is_some() {
        *slot = v;
        counters.add(event, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsmill_core::Html;

    const PAGE: &str = "<html lang=en><head><meta property=og:site_name content='Daily'>\
        <meta name=author content='Ann Lee'></head><body><p>The harbour will close for two weeks in May so that \
        engineers can repair the sea wall, the port authority said on Monday.</p></body></html>";

    #[test]
    fn stage_fills_missing_fields_and_keeps_given_ones() {
        let mut doc = Doc::new("1", "");
        doc.title = Some("Given".into());
        doc.html = Some(Html {
            bytes: PAGE.as_bytes().to_vec(),
            http_charset: None,
        });
        let mut c = Counters::default();
        assert!(ExtractStage::default().process(&mut doc, &mut c).is_keep());
        assert!(doc.text.starts_with("The harbour"));
        assert_eq!(doc.title.as_deref(), Some("Given"));
        assert_eq!(doc.author.as_deref(), Some("Ann Lee"));
        assert_eq!(doc.site.as_deref(), Some("Daily"));
        assert_eq!(doc.language.as_ref().map(|l| l.code.as_str()), Some("en"));
        assert!(doc.html.is_none());
        assert_eq!(c.get("pages"), 1);
    }

    #[test]
    fn stage_drops_empty_and_oversized_and_passes_text_docs() {
        let stage = ExtractStage::new(ExtractConfig {
            max_bytes: 100,
            ..ExtractConfig::default()
        });
        let mut c = Counters::default();
        let mut doc = Doc::new("1", "");
        doc.html = Some(Html {
            bytes: b"<html><body><nav>x</nav></body></html>".to_vec(),
            http_charset: None,
        });
        assert_eq!(
            stage.process(&mut doc, &mut c),
            Outcome::drop("no_main_text")
        );
        let mut doc = Doc::new("2", "");
        doc.html = Some(Html {
            bytes: vec![b'a'; 101],
            http_charset: None,
        });
        match stage.process(&mut doc, &mut c) {
            Outcome::Drop(r) => assert_eq!(r.reason, "page_too_large"),
            Outcome::Keep => panic!("kept an oversized page"),
        }
        let mut doc = Doc::new("3", "plain text");
        assert!(stage.process(&mut doc, &mut c).is_keep());
        assert_eq!(doc.text, "plain text");
    }

    /// A page whose markup shows the first paragraphs and whose JSON-LD holds the whole story.
    fn cut_short_page(body_in_ld: &str) -> String {
        format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
             \"articleBody\":\"{body_in_ld}\"}}</script></head><body><article>\
             <p>The harbour will close for two weeks in May so that engineers can repair the \
             sea wall, the port authority said on Monday.</p><p>Ferries will dock at the north \
             pier instead, and the fish market moves to the car park for the duration.</p>\
             </article></body></html>"
        )
    }

    const STORY: &str =
        "The harbour will close for two weeks in May so that engineers can repair the \
        sea wall, the port authority said on Monday.<p>Ferries will dock at the north pier \
        instead, and the fish market moves to the car park for the duration.</p><p>Work on the \
        wall was first planned for last autumn but was put off after storms damaged the cranes \
        the contractor had brought in, the authority&#39;s chief engineer told reporters.</p>\
        <p>Residents of the harbour front will get letters with the dates of the noisiest work, \
        and a helpline will open a week before the closure.</p>";

    #[test]
    fn json_ld_body_completes_a_page_cut_short() {
        let e = extract(cut_short_page(STORY).as_bytes(), None, None);
        let lines: Vec<&str> = e.text.lines().collect();
        assert_eq!(lines.len(), 4, "{}", e.text);
        assert!(lines[0].starts_with("The harbour will close"));
        assert!(lines[2].starts_with("Work on the wall"));
        assert!(lines[2].contains("authority's chief engineer"));
        assert!(lines[3].ends_with("before the closure."));
    }

    #[test]
    fn json_ld_body_of_another_or_equal_story_is_left_alone() {
        // The same story: nothing to add.
        let same = "The harbour will close for two weeks in May so that engineers can repair the \
            sea wall, the port authority said on Monday. Ferries will dock at the north pier \
            instead, and the fish market moves to the car park for the duration.";
        let e = extract(cut_short_page(same).as_bytes(), None, None);
        assert_eq!(e.text.lines().count(), 2);
        // A body that is another, longer text than ours but not four times longer.
        let other = "Council members voted on Tuesday to extend the bus lanes on the ring road, \
            after a year in which journeys across town got eleven minutes slower at rush hour. \
            The new lanes open in March. Cyclists will share them outside peak hours, and taxis \
            may use them at all times, the transport committee decided after a long debate. \
            Shop owners on the ring road had asked for loading bays to stay, and most of them \
            will: the plan keeps twelve of the fifteen bays, moved to side streets where the \
            pavement is wide enough for delivery vans to stop without blocking the lanes.";
        let e = extract(cut_short_page(other).as_bytes(), None, None);
        assert!(e.text.starts_with("The harbour") && !e.text.contains("Council"));
    }

    #[test]
    fn json_ld_body_markup_is_read_safely() {
        assert_eq!(
            ld_plain_text("<p>Caf\u{e9} &amp; bar</p><p>Second\u{2014}line</p>"),
            "Caf\u{e9} & bar\nSecond\u{2014}line"
        );
        // An unclosed tag, a lone '>' and multi-byte text around them never panic.
        assert_eq!(
            ld_plain_text("\u{e9}t\u{e9} <b unclosed"),
            "\u{e9}t\u{e9} <b unclosed"
        );
        assert_eq!(ld_plain_text("a > b"), "a > b");
        assert_eq!(complete_from_ld("", ""), None);
        assert_eq!(complete_from_ld("short", "<"), None);
    }

    #[test]
    fn a_recipe_gets_its_ingredients_from_json_ld_when_the_text_lacks_them() {
        let method =
            "<p>Whisk the eggs with the sugar until pale, fold in the flour, then bake the \
            batter in a buttered tin for forty minutes at a moderate heat.</p>\
            <p>Let the cake cool in the tin before you turn it out onto a rack.</p>";
        let page = |list: &str| {
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\":\"Recipe\",\
                 \"recipeIngredient\":[\"3 eggs\",\"150 g sugar\",\"150 g flour\"]}}</script>\
                 </head><body><article>{list}{method}</article></body></html>"
            )
        };
        // The list is rendered by script: only the structured data has it.
        let x = extract(page("").as_bytes(), None, None);
        assert!(
            x.text
                .starts_with("3 eggs\n150 g sugar\n150 g flour\nWhisk"),
            "{}",
            x.text
        );
        // Already in the text: nothing is added.
        let shown = "<ul><li>3 eggs</li><li>150 g sugar</li><li>150 g flour</li></ul>";
        let x = extract(page(shown).as_bytes(), None, None);
        assert_eq!(x.text.matches("150 g sugar").count(), 1, "{}", x.text);
    }
}
