//! Page metadata: title, publication date, authors, site, canonical URL, language.
//!
//! Sources in order of trust: JSON-LD (written for search engines, usually exact), OpenGraph and
//! other `<meta>` tags, microdata and `<time>` elements, then the URL.

use crate::dom::{AttrName, Dom, Kind, Tag};
use serde_json::Value;

/// What JSON-LD says about the page's article.
#[derive(Debug, Default, Clone)]
pub(crate) struct JsonLd {
    pub types: Vec<String>,
    pub headline: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub body: Option<String>,
    /// A recipe's `recipeIngredient` list (recipe pages often render it outside the text).
    pub ingredients: Vec<String>,
    pub language: Option<String>,
    pub url: Option<String>,
}

impl JsonLd {
    /// Whether JSON-LD declares an article-like type.
    pub(crate) fn is_article(&self) -> bool {
        self.types.iter().any(|t| is_article_type(t))
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || t == "BlogPosting"
        || t == "ReportageNews"
        || t == "LiveBlogPosting"
        || t == "Report"
        || t == "SocialMediaPosting"
        || t == "Recipe"
}

/// Metadata gathered from the page.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub og_type: Option<String>,
    /// The page's summary (`description`, `og:description`, `twitter:description`).
    pub description: Option<String>,
    pub ld: JsonLd,
}

fn clean(s: &str) -> Option<String> {
    let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(str_of),
        _ => None,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if let Some(s) = clean(s) {
                if !s.starts_with("http") && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        Value::Array(a) => a.iter().take(20).for_each(|x| names_of(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, out);
            }
        }
        _ => {}
    }
}

fn types_of(o: &serde_json::Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

fn visit_ld(v: &Value, ld: &mut JsonLd, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().take(64).for_each(|x| visit_ld(x, ld, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                visit_ld(g, ld, depth + 1);
            }
            let types = types_of(o);
            let article = types.iter().any(|t| is_article_type(t));
            let page = types
                .iter()
                .any(|t| t == "WebPage" || t == "NewsMediaOrganization");
            if article && !ld.is_article() {
                ld.types.extend(types.iter().cloned());
                ld.headline = o.get("headline").or_else(|| o.get("name")).and_then(str_of);
                ld.date = o
                    .get("datePublished")
                    .or_else(|| o.get("dateCreated"))
                    .and_then(str_of);
                let mut authors = Vec::new();
                if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                    names_of(a, &mut authors);
                }
                ld.authors = authors;
                ld.publisher = o.get("publisher").and_then(str_of);
                ld.body = o
                    .get("articleBody")
                    .or_else(|| o.get("text"))
                    .and_then(|b| b.as_str().map(str::to_string));
                if let Some(Value::Array(items)) = o.get("recipeIngredient") {
                    ld.ingredients = items
                        .iter()
                        .take(200)
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect();
                }
                ld.language = o.get("inLanguage").and_then(str_of);
                ld.url = o
                    .get("url")
                    .or_else(|| o.get("mainEntityOfPage"))
                    .and_then(|u| match u {
                        Value::String(s) => Some(s.clone()),
                        Value::Object(m) => {
                            m.get("@id").and_then(|x| x.as_str().map(str::to_string))
                        }
                        _ => None,
                    });
            } else if !article {
                if page || types.is_empty() {
                    if ld.date.is_none() && !ld.is_article() {
                        ld.date = o.get("datePublished").and_then(str_of);
                    }
                    if let Some(me) = o.get("mainEntity") {
                        visit_ld(me, ld, depth + 1);
                    }
                }
                if types.iter().any(|t| t.ends_with("Organization")) && ld.publisher.is_none() {
                    ld.publisher = o.get("name").and_then(str_of);
                }
                if ld.types.is_empty() && !types.is_empty() {
                    ld.types.extend(types.iter().cloned());
                }
            }
        }
        _ => {}
    }
}

/// Parses the JSON-LD blocks of a page, forgiving raw control characters inside strings.
pub(crate) fn json_ld(blocks: &[String]) -> JsonLd {
    let mut ld = JsonLd::default();
    for b in blocks {
        let t = b.trim();
        let t = t.strip_prefix("<!--").unwrap_or(t);
        let t = t.strip_suffix("-->").unwrap_or(t).trim();
        let t = t.strip_prefix("//<![CDATA[").unwrap_or(t);
        let t = t.strip_suffix("//]]>").unwrap_or(t);
        let v: Value = match serde_json::from_str(t) {
            Ok(v) => v,
            Err(_) => {
                let fixed: String = t
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                match serde_json::from_str(&fixed) {
                    Ok(v) => v,
                    Err(_) => continue,
                }
            }
        };
        visit_ld(&v, &mut ld, 0);
    }
    if ld.types.iter().any(|t| is_article_type(t)) {
        ld.types.retain(|t| is_article_type(t));
    }
    ld
}

/// What the page's markup offers for each field, before choosing.
#[derive(Default)]
struct Candidates {
    og_title: Option<String>,
    og_site: Option<String>,
    og_url: Option<String>,
    og_locale: Option<String>,
    /// Dates with their priority (0 for `article:published_time`, 1 for other date tags).
    meta_dates: Vec<(u8, String)>,
    meta_author: Option<String>,
    html_lang: Option<String>,
    canonical: Option<String>,
    time_date: Option<String>,
    micro_author: Option<String>,
    h1: Option<String>,
    app_name: Option<String>,
    content_lang: Option<String>,
}

/// Collects all metadata of a parsed page.
pub(crate) fn collect(dom: &Dom, url: Option<&str>) -> Meta {
    let mut m = Meta {
        ld: json_ld(&dom.json_ld),
        ..Meta::default()
    };
    let c = candidates(dom, &mut m);
    choose(dom, url, m, c)
}

/// Walks the page's elements for metadata candidates (the description and `og:type` go to
/// `m` directly).
fn candidates(dom: &Dom, m: &mut Meta) -> Candidates {
    let mut c = Candidates::default();
    for i in 0..dom.nodes.len() as u32 {
        let Kind::Element { tag, .. } = dom.nodes[i as usize].kind else {
            continue;
        };
        match tag {
            Tag::Html => {
                if c.html_lang.is_none() {
                    c.html_lang = dom.attr(i, AttrName::Lang).and_then(clean);
                }
            }
            Tag::Meta => meta_tag(dom, i, &mut c, m),
            Tag::Link => {
                if c.canonical.is_none()
                    && dom
                        .attr(i, AttrName::Rel)
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    c.canonical = dom.attr(i, AttrName::Href).and_then(clean);
                }
            }
            Tag::Time => {
                if c.time_date.is_none() {
                    c.time_date = dom.attr(i, AttrName::Datetime).and_then(clean);
                }
            }
            Tag::H1 => {
                if c.h1.is_none() {
                    c.h1 = clean(&text_content(dom, i));
                }
            }
            _ => {
                if let Some(ip) = dom.attr(i, AttrName::Itemprop) {
                    if ip.eq_ignore_ascii_case("datePublished") {
                        if let Some(v) = dom
                            .attr(i, AttrName::Datetime)
                            .or_else(|| dom.attr(i, AttrName::Content))
                        {
                            if let Some(v) = clean(v) {
                                c.meta_dates.push((1, v));
                            }
                        }
                    } else if ip.eq_ignore_ascii_case("author") && c.micro_author.is_none() {
                        let t = text_content(dom, i);
                        c.micro_author = clean(&t).filter(|s| s.len() < 100);
                    }
                }
            }
        }
    }
    c
}

/// Each field from its best source: the JSON-LD article first, then the page's tags.
fn choose(dom: &Dom, url: Option<&str>, mut m: Meta, c: Candidates) -> Meta {
    let Candidates {
        og_title,
        og_site,
        og_url,
        og_locale,
        mut meta_dates,
        meta_author,
        html_lang,
        canonical,
        time_date,
        micro_author,
        h1,
        app_name,
        content_lang,
    } = c;
    // Title: the article's own headline beats the <title>, which carries the site name.
    m.title =
        m.ld.headline
            .clone()
            .filter(|_| m.ld.is_article())
            .or(og_title)
            .or(h1)
            .or_else(|| {
                dom.title
                    .as_deref()
                    .and_then(clean)
                    .map(|t| strip_site_suffix(&t))
            });
    let mut dates: Vec<String> = Vec::new();
    if let Some(d) = &m.ld.date {
        dates.push(d.clone());
    }
    meta_dates.sort_by_key(|(p, _)| *p);
    dates.extend(meta_dates.into_iter().map(|(_, v)| v));
    dates.extend(time_date);
    m.date = dates
        .iter()
        .find_map(|d| iso_date(d))
        .or_else(|| url.and_then(url_date));
    let authors = if !m.ld.authors.is_empty() {
        Some(m.ld.authors.join(", "))
    } else {
        None
    };
    m.author = authors.or(meta_author).or(micro_author);
    m.site = og_site
        .or_else(|| m.ld.publisher.clone())
        .or(app_name)
        .or_else(|| url.and_then(host_of));
    m.canonical_url = canonical.or(og_url).filter(|u| u.starts_with("http"));
    m.language = html_lang
        .or(content_lang)
        .or_else(|| m.ld.language.clone())
        .or_else(|| og_locale.map(|l| l.replace('_', "-")));
    m
}

/// A `<meta>` tag's contribution: titles, site names, URLs, languages, dates, authors.
fn meta_tag(dom: &Dom, i: u32, c: &mut Candidates, m: &mut Meta) {
    let key = dom
        .attr(i, AttrName::Property)
        .or_else(|| dom.attr(i, AttrName::Name))
        .or_else(|| dom.attr(i, AttrName::Itemprop))
        .or_else(|| dom.attr(i, AttrName::HttpEquiv));
    let (Some(key), Some(val)) = (key, dom.attr(i, AttrName::Content)) else {
        return;
    };
    let Some(val) = clean(val) else { return };
    let key = key.to_ascii_lowercase();
    match key.as_str() {
        "og:title" | "twitter:title" => {
            c.og_title.get_or_insert(val);
        }
        "og:site_name" => {
            c.og_site.get_or_insert(val);
        }
        // The longest of them: some are cut to a tweet's length.
        "description" | "og:description" | "twitter:description"
            if m.description.as_ref().is_none_or(|d| d.len() < val.len()) =>
        {
            m.description = Some(val);
        }
        "application-name" => {
            c.app_name.get_or_insert(val);
        }
        "og:url" => {
            c.og_url.get_or_insert(val);
        }
        "og:locale" => {
            c.og_locale.get_or_insert(val);
        }
        "content-language" | "language" | "dc.language" => {
            c.content_lang.get_or_insert(val);
        }
        "og:type" => {
            m.og_type.get_or_insert(val.to_ascii_lowercase());
        }
        "article:published_time" | "og:published_time" | "datepublished" => {
            c.meta_dates.push((0, val))
        }
        "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "published-date"
        | "cxenseparse:recs:publishtime"
        | "article:published"
        | "datecreated" => c.meta_dates.push((1, val)),
        "author" | "article:author" | "parsely-author" | "dc.creator" | "sailthru.author"
        | "byl" | "byline"
            if !val.starts_with("http") && c.meta_author.is_none() =>
        {
            let v = val
                .strip_prefix("By ")
                .or_else(|| val.strip_prefix("by "))
                .unwrap_or(&val)
                .to_string();
            c.meta_author = Some(v);
        }
        _ => {}
    }
}

fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = t.rfind(sep) {
            if i > t.len() / 2 {
                return t[..i].trim().to_string();
            }
        }
    }
    t.to_string()
}

/// The concatenated text under a node.
pub(crate) fn text_content(dom: &Dom, i: u32) -> String {
    let end = dom.subtree_end(i);
    let mut s = String::new();
    for j in i..end {
        if let Kind::Text { .. } = dom.nodes[j as usize].kind {
            s.push_str(dom.text_of(j));
            s.push(' ');
            if s.len() > 4096 {
                break;
            }
        }
    }
    s
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A date in the record's one format (RFC 3339; see [`newsmill_core::normalize_date`]).
fn iso_date(s: &str) -> Option<String> {
    newsmill_core::normalize_date(s)
}

/// A date written in the URL path (`/2019/11/19/`, `/2019-11-19-`, `/20191119/`).
pub(crate) fn url_date(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        if b[i] != b'/' && b[i] != b'-' && b[i] != b'_' {
            continue;
        }
        let s = &url[i + 1..];
        let sb = s.as_bytes();
        if sb.len() >= 10
            && sb[..4].iter().all(u8::is_ascii_digit)
            && matches!(sb[4], b'/' | b'-' | b'_')
            && sb[7] == sb[4]
        {
            if let Some(d) = iso_date(&format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10])) {
                return Some(d);
            }
        }
        if sb.len() >= 9 && sb[..8].iter().all(u8::is_ascii_digit) && !sb[8].is_ascii_digit() {
            if let Some(d) = iso_date(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise_to_iso() {
        assert_eq!(
            iso_date("2019-11-19T13:05:00.000Z").as_deref(),
            Some("2019-11-19T13:05:00Z")
        );
        assert_eq!(
            iso_date("2019-11-19T13:05:00+0100").as_deref(),
            Some("2019-11-19T13:05:00+01:00")
        );
        assert_eq!(iso_date("2019/11/19").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("19.11.2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("November 19, 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(
            iso_date("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(),
            Some("2019-11-19T10:00:00Z")
        );
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(iso_date("2019-13-40"), None);
        assert_eq!(
            url_date("https://x.com/news/2019/11/19/story").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            url_date("https://x.com/a-20191119-b").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(url_date("https://x.com/12345678901"), None);
    }

    #[test]
    fn json_ld_graph_and_authors() {
        let ld = json_ld(&[r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},
            {"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02","author":[{"@type":"Person","name":"A B"},{"name":"C D"}],
             "publisher":{"@type":"Organization","name":"Pub"},"articleBody":"Body text"}]}"#.to_string()]);
        assert!(ld.is_article());
        assert_eq!(ld.headline.as_deref(), Some("H"));
        assert_eq!(ld.authors, vec!["A B", "C D"]);
        assert_eq!(ld.publisher.as_deref(), Some("Pub"));
        assert_eq!(ld.body.as_deref(), Some("Body text"));
        // Raw newlines inside strings are tolerated; junk is skipped.
        let ld = json_ld(&[
            "{\"@type\":\"Article\",\"headline\":\"a\nb\"}".to_string(),
            "{oops".to_string(),
        ]);
        assert_eq!(ld.headline.as_deref(), Some("a b"));
    }
}
