//! The two output records: an article (`articles.jsonl`) and a reject (`rejects.jsonl`).
//! Their fields are documented in `docs/record.md`.

use newsmill_core::{Doc, InputError, Position, Rejection};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The article record of `articles.jsonl`: every field always present (null or empty when
/// unknown) so that every line has the same shape, then the input's extra fields.
pub fn article_record(doc: &Doc) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(doc.id));
    m.insert("url".into(), json!(doc.url));
    m.insert("title".into(), json!(doc.title));
    m.insert("date".into(), json!(doc.date));
    m.insert("crawl_date".into(), json!(doc.crawl_date));
    m.insert("author".into(), json!(doc.author));
    m.insert("site".into(), json!(doc.site));
    m.insert("canonical_url".into(), json!(doc.canonical_url));
    m.insert("source".into(), json!(doc.source));
    m.insert("page_type".into(), json!(doc.page_type));
    m.insert("language".into(), json!(doc.language));
    m.insert("text".into(), json!(doc.text));
    m.insert("removed".into(), json!(doc.removed));
    m.insert("quality".into(), json!(doc.quality));
    m.insert("quotes".into(), json!(doc.quotes));
    m.insert("people".into(), json!(doc.people));
    m.insert("cluster".into(), json!(doc.cluster));
    for (k, v) in &doc.extra {
        if !m.contains_key(k) {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

/// A reject as it travels between phases: its input position (to merge in input order) and the
/// record that `rejects.jsonl` will show.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingReject {
    /// Input position, for ordering.
    pub pos: Position,
    /// The output record.
    pub record: Map<String, Value>,
}

impl PendingReject {
    /// A document that a stage dropped. `duplicate_of` and `cluster` are lifted from the
    /// details to the top level, where cluster tools look for them.
    pub fn dropped(doc: &Doc, stage: &str, rejection: &Rejection) -> Self {
        let mut m = Map::new();
        m.insert("id".into(), json!(doc.id));
        if let Some(url) = &doc.url {
            m.insert("url".into(), json!(url));
        }
        m.insert("stage".into(), json!(stage));
        m.insert("reason".into(), json!(rejection.reason));
        for key in ["duplicate_of", "cluster"] {
            if let Some(v) = rejection.details.get(key) {
                m.insert(key.into(), v.clone());
            }
        }
        m.insert("details".into(), Value::Object(rejection.details.clone()));
        PendingReject {
            pos: doc.pos,
            record: m,
        }
    }

    /// A record the reader could read but not turn into a document (too large, no text, binary).
    pub fn unreadable(
        pos: Position,
        id: &str,
        reason: &str,
        detail: &str,
        location: &newsmill_core::Location,
    ) -> Self {
        let mut m = Map::new();
        m.insert("id".into(), json!(id));
        if let Some(url) = &location.url {
            m.insert("url".into(), json!(url));
        }
        m.insert("stage".into(), json!("read"));
        m.insert("reason".into(), json!(reason));
        let mut details = Map::new();
        if !detail.is_empty() {
            details.insert("message".into(), json!(detail));
        }
        details.insert("location".into(), json!(location));
        m.insert("details".into(), Value::Object(details));
        PendingReject { pos, record: m }
    }

    /// A record lost to malformed input (a line that is not JSON, a broken WARC record).
    pub fn input_error(pos: Position, error: &InputError) -> Self {
        let loc = &error.location;
        let id = match (loc.line, loc.record, loc.offset) {
            (Some(l), _, _) => format!("{}:{l}", loc.path),
            (None, Some(r), _) => format!("{}#{r}", loc.path),
            (None, None, Some(o)) => format!("{}@{o}", loc.path),
            _ => loc.path.clone(),
        };
        let mut m = Map::new();
        m.insert("id".into(), json!(id));
        m.insert("stage".into(), json!("read"));
        m.insert("reason".into(), json!(error.kind));
        m.insert(
            "details".into(),
            json!({ "message": error.message, "location": loc }),
        );
        PendingReject { pos, record: m }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_record_keeps_extra_without_overriding() {
        let mut d = Doc::new("a", "text");
        d.extra.insert("feed".into(), json!("x"));
        d.extra.insert("id".into(), json!("other"));
        let r = article_record(&d);
        assert_eq!(r["id"], json!("a"));
        assert_eq!(r["feed"], json!("x"));
        assert_eq!(r["title"], Value::Null);
    }

    #[test]
    fn duplicate_details_are_lifted() {
        let d = Doc::new("b", "t");
        let mut details = Map::new();
        details.insert("duplicate_of".into(), json!("a"));
        let rej = Rejection {
            reason: "exact_duplicate".into(),
            details,
        };
        let p = PendingReject::dropped(&d, "exact_dedup", &rej);
        assert_eq!(p.record["duplicate_of"], json!("a"));
        assert_eq!(p.record["details"]["duplicate_of"], json!("a"));
    }
}
