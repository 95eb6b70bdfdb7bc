//! JSON records: one object per line (JSONL), or one JSON document holding an array of objects or
//! objects one after another (pretty-printed). Objects are parsed with a visitor that puts the
//! fields of each role (see [`crate::fields`]) straight into their strings; only other fields pay
//! for a `serde_json::Value` (kept in `doc.extra`).

use crate::event::{Ctx, ReadEvent};
use crate::fields::{FieldMap, Role, ROLES};
use crate::source::Src;
use newsmill_core::{Doc, Html, InputError, InputErrorKind, Location};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// The fields of one JSON object as newsmill understands them.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct JsonRecord {
    /// Per role: the value and the rank of the field name it came from.
    slots: [Option<(String, u8)>; ROLES],
    /// Every other field, verbatim, in input order.
    pub extra: Map<String, Value>,
}

impl JsonRecord {
    pub(crate) fn take(&mut self, role: Role) -> Option<String> {
        self.slots[role.slot()].take().map(|(v, _)| v)
    }

    fn take_ranked(&mut self, role: Role) -> Option<(String, u8)> {
        self.slots[role.slot()].take()
    }

    fn get(&self, role: Role) -> Option<&str> {
        self.slots[role.slot()].as_ref().map(|(v, _)| v.as_str())
    }
}

/// A key of an object: a field with a role (no allocation) or any other name.
enum Key<'a> {
    Role(Role, u8, &'a str),
    Other(String),
}

struct KeySeed<'a>(&'a FieldMap);

impl<'de, 'a> DeserializeSeed<'de> for KeySeed<'a> {
    type Value = Key<'a>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'a>, D::Error> {
        struct KeyVisitor<'a>(&'a FieldMap);
        impl<'a> Visitor<'_> for KeyVisitor<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'a>, E> {
                Ok(match self.0.role(s) {
                    Some((r, rank, name)) => Key::Role(r, rank, name),
                    None => Key::Other(s.to_owned()),
                })
            }
        }
        d.deserialize_str(KeyVisitor(self.0))
    }
}

/// A field's value as the string of its role, or `None` when its type does not fit the role.
fn as_role_string(role: Role, v: Value) -> Result<Option<String>, Value> {
    match v {
        Value::String(s) => Ok(Some(s)),
        Value::Null => Ok(None),
        Value::Number(n) if matches!(role, Role::Id | Role::Date) => Ok(Some(n.to_string())),
        // `"authors": ["Ann Roe", "Bo Reed"]`
        Value::Array(a) if role == Role::Author && a.iter().all(Value::is_string) => {
            let names: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            Ok((!names.is_empty()).then(|| names.join(", ")))
        }
        other => Err(other),
    }
}

struct RecordSeed<'a>(&'a FieldMap);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = JsonRecord;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<JsonRecord, D::Error> {
        d.deserialize_map(RecordVisitor(self.0))
    }
}

struct RecordVisitor<'a>(&'a FieldMap);

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = JsonRecord;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
        let mut r = JsonRecord::default();
        while let Some(key) = map.next_key_seed(KeySeed(self.0))? {
            let v: Value = map.next_value()?;
            match key {
                Key::Other(name) => {
                    r.extra.insert(name, v);
                }
                Key::Role(role, rank, name) => match as_role_string(role, v) {
                    Ok(Some(s)) => {
                        let slot = &mut r.slots[role.slot()];
                        match slot {
                            Some((_, old)) if *old <= rank => {
                                // A field of a less preferred name is kept, not interpreted.
                                r.extra.insert(name.to_owned(), Value::String(s));
                            }
                            _ => {
                                if let Some((prev, prank)) = slot.take() {
                                    let prev_name = self.0.name_of(role, prank).unwrap_or(name);
                                    r.extra.insert(prev_name.to_owned(), Value::String(prev));
                                }
                                *slot = Some((s, rank));
                            }
                        }
                    }
                    Ok(None) => {}
                    // A field of an unexpected type is kept, not interpreted.
                    Err(other) => {
                        r.extra.insert(name.to_owned(), other);
                    }
                },
            }
        }
        Ok(r)
    }
}

/// Parses one object. Returns the record and whether it had to be decoded lossily (invalid
/// UTF-8 inside strings is replaced by U+FFFD rather than losing the record).
pub(crate) fn parse_record(
    bytes: &[u8],
    fields: &FieldMap,
) -> Result<(JsonRecord, bool), serde_json::Error> {
    let parse = |b: &[u8]| {
        let mut de = serde_json::Deserializer::from_slice(b);
        let r = RecordSeed(fields).deserialize(&mut de)?;
        de.end()?;
        Ok(r)
    };
    match parse(bytes) {
        Ok(r) => Ok((r, false)),
        Err(e) => {
            if std::str::from_utf8(bytes).is_ok() {
                return Err(e);
            }
            let fixed = String::from_utf8_lossy(bytes);
            parse(fixed.as_bytes()).map(|r| (r, true))
        }
    }
}

/// The document a record stands for, or why it cannot be one (no text under any of the names).
pub(crate) fn record_doc(
    ctx: &Ctx,
    fields: &FieldMap,
    mut rec: JsonRecord,
    record: u64,
    location: Location,
) -> ReadEvent {
    let id = rec
        .take(Role::Id)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| ctx.derived_id(record));
    let has = |r: &JsonRecord, role| r.get(role).is_some_and(|t| !t.trim().is_empty());
    let (has_text, has_html) = (has(&rec, Role::Text), has(&rec, Role::Html));
    if !has_text && !has_html {
        let detail = format!(
            "no non-empty text under any of the fields {}",
            fields.text_names().join(", ")
        );
        return ReadEvent::rejected(id, location, InputErrorKind::NoText, detail);
    }
    let date_text = rec.take(Role::Date);
    let date = date_text.as_deref().and_then(newsmill_core::normalize_date);
    if date_text.is_some() && date.is_none() {
        ctx.count(&ctx.stats.unparsed_dates);
    }
    let mut doc = Doc {
        id,
        pos: ctx.pos(record),
        url: rec.take(Role::Url),
        title: rec.take(Role::Title),
        date,
        author: rec.take(Role::Author),
        site: rec.take(Role::Site),
        source: rec.take(Role::Source),
        ..Doc::default()
    };
    if has_html && (ctx.opts.prefer_html || !has_text) {
        // The JSON string is Unicode already: tell the extractor so, ahead of any stale
        // `<meta charset>` inside the page.
        doc.html = Some(Html {
            bytes: crate::nul::strip_nul_bytes(ctx, rec.take(Role::Html).unwrap_or_default())
                .into_bytes(),
            http_charset: Some("utf-8".into()),
        });
    } else {
        doc.text = crate::nul::strip_nul_bytes(ctx, rec.take(Role::Text).unwrap_or_default());
    }
    // The unchosen one of text and HTML stays as it came.
    for role in [Role::Text, Role::Html] {
        if let Some((v, rank)) = rec.take_ranked(role) {
            let name = fields.name_of(role, rank).unwrap_or("text");
            rec.extra.insert(name.to_owned(), Value::String(v));
        }
    }
    doc.extra = rec.extra;
    ReadEvent::Doc(doc)
}

/// How the records of a JSON input are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Not known until the first line is read.
    Unknown,
    /// One object per line.
    Lines,
    /// One JSON document: an array of objects, or objects one after another across lines.
    Document,
}

/// State of a JSON input between records.
pub(crate) struct JsonState {
    layout: Layout,
    line_no: u64,
    record: u64,
    fields: FieldMap,
}

impl JsonState {
    pub(crate) fn new(fields: FieldMap) -> Self {
        JsonState {
            layout: Layout::Unknown,
            line_no: 0,
            record: 0,
            fields,
        }
    }

    /// The next event, and whether the stream failed (the file ends).
    pub(crate) fn next_event(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
    ) -> Option<(ReadEvent, bool)> {
        if self.layout == Layout::Unknown {
            self.layout = match first_line_kind(src) {
                Ok(l) => l,
                Err(e) => {
                    let (err, fatal) = ctx.io_error(&e, ctx.loc(Some(1), Some(0), None));
                    return Some((ReadEvent::Error(err), fatal));
                }
            };
        }
        match self.layout {
            Layout::Document => self.next_value(src, ctx, buf),
            _ => self.next_line(src, ctx, buf),
        }
    }

    fn next_line(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
    ) -> Option<(ReadEvent, bool)> {
        loop {
            let start = src.offset;
            let info = match src.read_line(buf, ctx.opts.max_doc_bytes) {
                Ok(Some(i)) => i,
                Ok(None) => return None,
                Err(e) => {
                    // A decoder failure ends the file: nothing after it can be trusted.
                    let loc = ctx.loc(Some(self.line_no + 1), Some(src.offset), None);
                    let (err, fatal) = ctx.io_error(&e, loc);
                    return Some((ReadEvent::Error(err), fatal));
                }
            };
            self.line_no += 1;
            let record = self.line_no - 1;
            let loc = ctx.loc(Some(self.line_no), Some(start), Some(record));
            if info.truncated {
                let detail = format!("line of {} bytes", info.len);
                let ev = ReadEvent::rejected(
                    ctx.derived_id(record),
                    loc,
                    InputErrorKind::DocTooLarge,
                    detail,
                );
                return Some((ev, false));
            }
            let mut line: &[u8] = buf;
            if record == 0 {
                line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some((self.parsed(ctx, line, record, loc), false));
        }
    }

    fn next_value(
        &mut self,
        src: &mut Src,
        ctx: &Ctx,
        buf: &mut Vec<u8>,
    ) -> Option<(ReadEvent, bool)> {
        let info = match src.read_json_value(buf, ctx.opts.max_doc_bytes) {
            Ok(Some(i)) => i,
            Ok(None) => return None,
            Err(e) => {
                let loc = ctx.loc(None, Some(src.offset), Some(self.record));
                let (err, fatal) = ctx.io_error(&e, loc);
                return Some((ReadEvent::Error(err), fatal));
            }
        };
        let record = self.record;
        self.record += 1;
        let loc = ctx.loc(Some(info.line), Some(info.offset), Some(record));
        if info.truncated {
            let detail = format!("JSON value of {} bytes", info.len);
            let ev = ReadEvent::rejected(
                ctx.derived_id(record),
                loc,
                InputErrorKind::DocTooLarge,
                detail,
            );
            return Some((ev, false));
        }
        if !info.complete {
            let err = InputError::new(
                loc,
                InputErrorKind::InvalidJson,
                "the document ends inside a JSON value",
            );
            return Some((ReadEvent::Error(err), true));
        }
        let bytes = buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buf);
        Some((self.parsed(ctx, bytes, record, loc), false))
    }

    fn parsed(&self, ctx: &Ctx, bytes: &[u8], record: u64, loc: Location) -> ReadEvent {
        let parsed = match parse_record(bytes, &self.fields) {
            // A raw NUL is never valid JSON: removed (counted) like NULs in any other page, and
            // the record read again. Looked for only when the record does not parse, so that
            // valid records are not scanned twice.
            Err(_) if memchr::memchr(0, bytes).is_some() => {
                let stripped = crate::nul::strip_nul(ctx, bytes.to_vec());
                parse_record(&stripped, &self.fields)
            }
            other => other,
        };
        match parsed {
            Ok((rec, lossy)) => {
                if lossy {
                    ctx.lossy();
                }
                record_doc(ctx, &self.fields, rec, record, loc)
            }
            Err(e) => ReadEvent::Error(InputError::new(
                loc,
                InputErrorKind::InvalidJson,
                e.to_string(),
            )),
        }
    }
}

/// Whether a JSON input is one object per line or one document: a first non-blank line that is
/// only `{`, or that opens an array, starts a document (pretty-printed output, a JSON array).
fn first_line_kind(src: &mut Src) -> std::io::Result<Layout> {
    let head = src.peek()?;
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = head
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty())
        .unwrap_or(b"");
    Ok(if first == b"{" || first.starts_with(b"[") {
        Layout::Document
    } else {
        Layout::Lines
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldNames;

    fn parse(b: &[u8]) -> (JsonRecord, bool) {
        parse_record(b, &FieldMap::new(&FieldNames::default())).unwrap()
    }

    #[test]
    fn known_fields_and_extra() {
        let (mut r, lossy) = parse(
            br#"{"id":7,"text":"Body","url":"http://a","lang":"en","title":"T","meta":{"x":[1]},"site":null}"#,
        );
        assert!(!lossy);
        assert_eq!(r.take(Role::Id).as_deref(), Some("7"));
        assert_eq!(r.take(Role::Text).as_deref(), Some("Body"));
        assert_eq!(r.take(Role::Url).as_deref(), Some("http://a"));
        assert_eq!(r.take(Role::Title).as_deref(), Some("T"));
        assert_eq!(r.take(Role::Site), None);
        assert_eq!(r.extra.keys().collect::<Vec<_>>(), ["lang", "meta"]);
    }

    #[test]
    fn the_first_name_of_a_role_wins_and_the_others_are_kept() {
        let (mut r, _) = parse(br#"{"doc_id":"d","id":"i","content":"c","text":"t"}"#);
        assert_eq!(r.take(Role::Id).as_deref(), Some("i"));
        assert_eq!(r.take(Role::Text).as_deref(), Some("t"));
        assert_eq!(r.extra["doc_id"], "d");
        assert_eq!(r.extra["content"], "c");
        let (mut r, _) = parse(br#"{"maintext":"m","authors":["A B","C D"]}"#);
        assert_eq!(r.take(Role::Text).as_deref(), Some("m"));
        assert_eq!(r.take(Role::Author).as_deref(), Some("A B, C D"));
    }

    #[test]
    fn odd_types_are_kept_in_extra() {
        let (mut r, _) = parse(br#"{"text":["a"],"date":20240101}"#);
        assert_eq!(r.take(Role::Text), None);
        assert_eq!(r.extra["text"], serde_json::json!(["a"]));
        assert_eq!(r.take(Role::Date).as_deref(), Some("20240101"));
    }

    #[test]
    fn escaped_keys_match_known_fields() {
        let (mut r, _) = parse(br#"{"t\u0065xt":"b"}"#);
        assert_eq!(r.take(Role::Text).as_deref(), Some("b"));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let (mut r, lossy) = parse(b"{\"text\":\"caf\xe9\"}");
        assert!(lossy);
        assert_eq!(r.take(Role::Text).as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn rejects_non_objects_garbage_and_deep_nesting() {
        let m = FieldMap::new(&FieldNames::default());
        assert!(parse_record(b"[1,2]", &m).is_err());
        assert!(parse_record(b"{\"text\":", &m).is_err());
        assert!(parse_record(b"{} trailing", &m).is_err());
        assert!(parse_record(b"\x00\x01", &m).is_err());
        let deep = format!("{{\"x\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse_record(deep.as_bytes(), &m).is_err());
    }

    #[test]
    fn configured_names_replace_the_defaults() {
        let names = FieldNames {
            text: vec!["story".into()],
            ..FieldNames::default()
        };
        let m = FieldMap::new(&names);
        let (mut r, _) = parse_record(br#"{"story":"s","text":"t"}"#, &m).unwrap();
        assert_eq!(r.take(Role::Text).as_deref(), Some("s"));
        assert_eq!(r.extra["text"], "t");
        assert_eq!(m.text_names(), ["story", "html", "raw_html"]);
    }
}
