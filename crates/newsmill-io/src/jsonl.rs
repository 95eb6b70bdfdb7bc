//! JSONL records: one JSON object per line, `text` or `html` plus metadata. Parsed with a
//! hand-written visitor so that known fields land straight in their `String`s and only unknown
//! fields pay for a `serde_json::Value` (kept in `doc.extra`).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// The fields of one JSONL object as newsmill understands them.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct JsonRecord {
    pub text: Option<String>,
    pub html: Option<String>,
    pub id: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub source: Option<String>,
    /// Every other field, verbatim, in input order.
    pub extra: Map<String, Value>,
}

#[derive(Clone, Copy)]
enum Known {
    Text,
    Html,
    Id,
    DocId,
    Url,
    Date,
    Title,
    Author,
    Site,
    Source,
}

/// A key: one of the known fields (no allocation) or any other name.
enum Key {
    Known(Known, &'static str),
    Other(String),
}

impl Key {
    fn from_str(s: &str) -> Option<(Known, &'static str)> {
        Some(match s {
            "text" => (Known::Text, "text"),
            "html" => (Known::Html, "html"),
            "id" => (Known::Id, "id"),
            "doc_id" => (Known::DocId, "doc_id"),
            "url" => (Known::Url, "url"),
            "date" => (Known::Date, "date"),
            "title" => (Known::Title, "title"),
            "author" => (Known::Author, "author"),
            "site" => (Known::Site, "site"),
            "source" => (Known::Source, "source"),
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match Key::from_str(s) {
                    Some((k, name)) => Key::Known(k, name),
                    None => Key::Other(s.to_owned()),
                })
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key, E> {
                Ok(match Key::from_str(&s) {
                    Some((k, name)) => Key::Known(k, name),
                    None => Key::Other(s),
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for JsonRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RecVisitor;
        impl<'de> Visitor<'de> for RecVisitor {
            type Value = JsonRecord;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
                let mut r = JsonRecord::default();
                let mut doc_id: Option<String> = None;
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Other(name) => {
                            let v: Value = map.next_value()?;
                            r.extra.insert(name, v);
                        }
                        Key::Known(k, name) => {
                            let v: Value = map.next_value()?;
                            let as_string = match v {
                                Value::String(s) => Some(s),
                                Value::Number(n) if matches!(k, Known::Id | Known::DocId) => {
                                    Some(n.to_string())
                                }
                                Value::Null => None,
                                other => {
                                    // A field of an unexpected type is kept, not interpreted.
                                    r.extra.insert(name.to_owned(), other);
                                    continue;
                                }
                            };
                            let slot = match k {
                                Known::Text => &mut r.text,
                                Known::Html => &mut r.html,
                                Known::Id => &mut r.id,
                                Known::DocId => &mut doc_id,
                                Known::Url => &mut r.url,
                                Known::Date => &mut r.date,
                                Known::Title => &mut r.title,
                                Known::Author => &mut r.author,
                                Known::Site => &mut r.site,
                                Known::Source => &mut r.source,
                            };
                            *slot = as_string;
                        }
                    }
                }
                match (&r.id, doc_id) {
                    (None, d) => r.id = d,
                    (Some(_), Some(d)) => {
                        r.extra.insert("doc_id".to_owned(), Value::String(d));
                    }
                    (Some(_), None) => {}
                }
                Ok(r)
            }
        }
        d.deserialize_map(RecVisitor)
    }
}

/// Parses one line. Returns the record and whether the line had to be decoded lossily (invalid
/// UTF-8 inside strings is replaced by U+FFFD rather than losing the record).
pub(crate) fn parse_line(line: &[u8]) -> Result<(JsonRecord, bool), serde_json::Error> {
    match serde_json::from_slice::<JsonRecord>(line) {
        Ok(r) => Ok((r, false)),
        Err(e) => {
            if std::str::from_utf8(line).is_ok() {
                return Err(e);
            }
            let fixed = String::from_utf8_lossy(line);
            serde_json::from_str::<JsonRecord>(&fixed).map(|r| (r, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fields_and_extra() {
        let (r, lossy) = parse_line(
            br#"{"id":7,"text":"Body","url":"http://a","lang":"en","title":"T","meta":{"x":[1]},"site":null}"#,
        )
        .unwrap();
        assert!(!lossy);
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.text.as_deref(), Some("Body"));
        assert_eq!(r.url.as_deref(), Some("http://a"));
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.site, None);
        assert_eq!(r.extra.keys().collect::<Vec<_>>(), ["lang", "meta"]);
    }

    #[test]
    fn doc_id_is_used_when_no_id_and_kept_otherwise() {
        let (r, _) = parse_line(br#"{"doc_id":"d","html":"<p>x"}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("d"));
        assert_eq!(r.html.as_deref(), Some("<p>x"));
        let (r, _) = parse_line(br#"{"doc_id":"d","id":"i"}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("i"));
        assert_eq!(r.extra["doc_id"], "d");
    }

    #[test]
    fn odd_types_are_kept_in_extra() {
        let (r, _) = parse_line(br#"{"text":["a"],"date":20240101}"#).unwrap();
        assert_eq!(r.text, None);
        assert_eq!(r.extra["text"], serde_json::json!(["a"]));
        assert_eq!(r.extra["date"], serde_json::json!(20240101));
    }

    #[test]
    fn escaped_keys_match_known_fields() {
        let (r, _) = parse_line(br#"{"t\u0065xt":"b"}"#).unwrap();
        assert_eq!(r.text.as_deref(), Some("b"));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let (r, lossy) = parse_line(b"{\"text\":\"caf\xe9\"}").unwrap();
        assert!(lossy);
        assert_eq!(r.text.as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn rejects_non_objects_and_garbage() {
        assert!(parse_line(b"[1,2]").is_err());
        assert!(parse_line(b"{\"text\":").is_err());
        assert!(parse_line(b"{} trailing").is_err());
        assert!(parse_line(b"\x00\x01").is_err());
    }
}
