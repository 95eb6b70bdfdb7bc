//! Which JSON fields hold what. Crawlers and datasets name their fields differently
//! (news-please writes `maintext`, RedPajama `raw_content`, others `content` or `body`); each role
//! has a list of names tried in order, and the `[input]` config table can replace any list.

use serde::{Deserialize, Serialize};

/// The field names tried for each role of a JSON record, first match wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldNames {
    /// The article text.
    pub text: Vec<String>,
    /// Raw HTML to extract from (used when no text field is present, or with `prefer_html`).
    pub html: Vec<String>,
    /// The record's id.
    pub id: Vec<String>,
    /// The page URL.
    pub url: Vec<String>,
    /// The publication date.
    pub date: Vec<String>,
    /// The title.
    pub title: Vec<String>,
    /// The author(s); a list of names is joined with ", ".
    pub author: Vec<String>,
    /// The site or publisher name.
    pub site: Vec<String>,
    /// The organisation the text credits as its origin.
    pub source: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            text: names(&[
                "text",
                "content",
                "maintext",
                "body",
                "article",
                "raw_content",
            ]),
            html: names(&["html", "raw_html"]),
            id: names(&["id", "doc_id"]),
            url: names(&["url", "link"]),
            date: names(&[
                "date",
                "date_publish",
                "published",
                "publish_date",
                "published_at",
                "pubdate",
            ]),
            title: names(&["title", "headline"]),
            author: names(&["author", "authors", "byline"]),
            site: names(&["site", "source_domain", "publisher"]),
            source: names(&["source"]),
        }
    }
}

/// A role of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Text,
    Html,
    Id,
    Url,
    Date,
    Title,
    Author,
    Site,
    Source,
}

/// Number of roles (the slots of a record).
pub(crate) const ROLES: usize = 9;

impl Role {
    pub(crate) fn slot(self) -> usize {
        self as usize
    }
}

/// Field name to (role, rank in its list), looked up once per key of every record.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldMap {
    entries: Vec<(String, Role, u8)>,
}

impl FieldMap {
    pub(crate) fn new(f: &FieldNames) -> Self {
        let mut entries = Vec::new();
        for (role, list) in [
            (Role::Text, &f.text),
            (Role::Html, &f.html),
            (Role::Id, &f.id),
            (Role::Url, &f.url),
            (Role::Date, &f.date),
            (Role::Title, &f.title),
            (Role::Author, &f.author),
            (Role::Site, &f.site),
            (Role::Source, &f.source),
        ] {
            for (rank, name) in list.iter().enumerate() {
                // A name already given a role keeps its first one.
                if !entries.iter().any(|(n, _, _)| n == name) {
                    entries.push((name.clone(), role, rank.min(255) as u8));
                }
            }
        }
        FieldMap { entries }
    }

    /// The role of a key and its rank, when the key names one.
    pub(crate) fn role(&self, key: &str) -> Option<(Role, u8)> {
        self.entries
            .iter()
            .find(|(n, _, _)| n == key)
            .map(|&(_, r, k)| (r, k))
    }

    /// The field name of a role's entry of this rank.
    pub(crate) fn name_of(&self, role: Role, rank: u8) -> Option<&str> {
        self.entries
            .iter()
            .find(|(_, r, k)| *r == role && *k == rank)
            .map(|(n, _, _)| n.as_str())
    }

    /// The names tried for the text, for the message of a record that has none.
    pub(crate) fn text_names(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|(_, r, _)| matches!(r, Role::Text | Role::Html))
            .map(|(n, _, _)| n.as_str())
            .collect()
    }
}
