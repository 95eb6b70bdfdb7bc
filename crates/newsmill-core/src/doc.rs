use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Where a document came from in the run's inputs: the ordinal of its input file (after the
/// listing is sorted) and of the record inside that file. Sorting by it gives input order, which
/// makes outputs deterministic however the work was split.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Position {
    /// Index of the input file in the sorted input listing.
    pub file: u32,
    /// Index of the record inside that file (0 for one-document files).
    pub record: u64,
}

/// Raw HTML waiting for the extraction stage, kept as bytes so that charset detection can honour
/// the HTTP header, BOM and `<meta charset>` instead of guessing after a lossy decode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html {
    /// The page bytes as fetched (HTTP body without headers).
    pub bytes: Vec<u8>,
    /// Charset named by the HTTP `Content-Type` header, when the input had one (WARC).
    pub http_charset: Option<String>,
}

/// Identified language of the text with the identifier's confidence in `[0, 1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (`en`), else ISO 639-3.
    pub code: String,
    /// How sure the identifier is, 0 to 1.
    pub confidence: f32,
}

/// A line taken out of the text, kept so that every removal can be audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The line as it stood in the text.
    pub text: String,
    /// Why it was removed, a short stable tag such as `teaser` or `site_boilerplate`.
    pub reason: String,
}

/// A half-open range of Unicode code points (`end` exclusive) into the record's `text`.
/// Code points, not bytes, because that is what Python and JavaScript consumers index by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// How a quotation is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Partly quoted, partly paraphrased in the same stretch.
    Mixed,
    /// Reported speech without quotation marks.
    Indirect,
}

/// One attributed statement: what was said, the cue that reports it and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content fragments (several when a quotation is interrupted by its cue).
    pub contents: Vec<Span>,
    /// Direct, mixed or indirect.
    #[serde(rename = "type")]
    pub kind: QuoteKind,
    /// The reporting verb or phrase (`said`, `according to`), when there is one.
    pub cue: Option<Span>,
    /// The speaker resolved to a full name, when it could be.
    pub speaker: Option<String>,
    /// Where the speaker is mentioned for this quotation (`he`, `Peskov`).
    pub speaker_mention: Option<Span>,
    /// The speaker's role as the article gives it (`Kremlin spokesman`).
    pub role: Option<String>,
}

/// A person the article mentions, resolved across mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest form of the name found in the article.
    pub name: String,
    /// Role from pre-modifiers or appositives, when the article gives one.
    pub role: Option<String>,
    /// How many times the article mentions this person (any form, pronouns excluded).
    pub mentions: usize,
}

/// Membership of a cluster of copies of the same story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Stable cluster id (derived from the original's id).
    pub id: String,
    /// Number of documents in the cluster, the original included.
    pub size: usize,
    /// Id of the document chosen as the cluster's original.
    pub original: String,
}

/// One document as it flows through the pipeline.
///
/// Small on purpose: the fields every stage and output needs, plus `extra` for whatever the input
/// carried that newsmill does not interpret (kept and written back out).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Stable id: the input's `id`/`doc_id`, else derived from the file and record ordinal.
    pub id: String,
    /// Position in the run's input, for deterministic output order.
    #[serde(default)]
    pub pos: Position,
    /// Page URL, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Article title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The page's own publication date, RFC 3339 (see [`crate::normalize_date`]); never the
    /// time it was crawled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// When the page was fetched (`WARC-Date`, the ARC record's date), RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crawl_date: Option<String>,
    /// Author(s), comma separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Site name or host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Canonical URL declared by the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// The organisation the text credits as its origin (`(Source: CNN)` gives `CNN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What kind of page the extractor judged this to be (`article`, `listing`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    /// Raw HTML still to be extracted; never serialized (extraction clears it).
    #[serde(skip)]
    pub html: Option<Html>,
    /// The document text; paragraphs separated by `\n`.
    pub text: String,
    /// Language of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Lines removed from the text, each with its reason.
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Quality signals by name.
    #[serde(default)]
    pub quality: BTreeMap<String, f64>,
    /// Attributed quotations, offsets into `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// People the article mentions, with roles and mention counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Cluster of copies this document belongs to, after dedup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Cluster>,
    /// Input fields newsmill does not interpret, kept verbatim.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl Doc {
    /// A text document with an id, the rest empty.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Doc {
            id: id.into(),
            text: text.into(),
            ..Doc::default()
        }
    }

    /// Records a removed line with its reason.
    pub fn remove_line(&mut self, text: impl Into<String>, reason: impl Into<String>) {
        self.removed.push(Removed {
            text: text.into(),
            reason: reason.into(),
        });
    }

    /// The host part of `url` (or `canonical_url`), lowercased and without `www.`; the key that
    /// groups pages of one site when the page names no site.
    pub fn host(&self) -> Option<String> {
        let url = self.url.as_deref().or(self.canonical_url.as_deref())?;
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next()?.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        (!host.is_empty()).then_some(host)
    }
}

/// Converts a code-point offset into a byte offset of `text` (clamped to its length).
pub fn char_offset_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_strips_scheme_www_port_and_path() {
        let mut d = Doc::new("x", "");
        d.url = Some("https://www.Example.com:8080/a/b?c".into());
        assert_eq!(d.host().as_deref(), Some("example.com"));
        d.url = Some("example.org/story".into());
        assert_eq!(d.host().as_deref(), Some("example.org"));
        d.url = None;
        assert_eq!(d.host(), None);
    }

    #[test]
    fn doc_round_trips_through_json_without_html() {
        let mut d = Doc::new("id1", "Body");
        d.html = Some(Html {
            bytes: b"<p>x</p>".to_vec(),
            http_charset: None,
        });
        d.quotes.push(Quote {
            contents: vec![Span { start: 0, end: 4 }],
            kind: QuoteKind::Direct,
            cue: None,
            speaker: Some("A B".into()),
            speaker_mention: None,
            role: None,
        });
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains("\"type\":\"direct\""));
        let back: Doc = serde_json::from_str(&json).unwrap();
        assert_eq!(back.html, None);
        assert_eq!(back.quotes, d.quotes);
    }

    #[test]
    fn char_offsets_map_to_bytes() {
        assert_eq!(char_offset_to_byte("aé b", 2), 3);
        assert_eq!(char_offset_to_byte("ab", 9), 2);
    }
}
