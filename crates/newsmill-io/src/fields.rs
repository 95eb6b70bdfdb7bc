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
    /// An open-addressing table of the short names, held inline: a lookup touches one or two
    /// adjacent slots and no other memory (a table of pointers to strings cost a cache miss a
    /// key while the decompressor runs beside it).
    slots: Vec<Slot>,
    /// Entries whose names do not fit a slot, compared one by one.
    long: Vec<usize>,
}

/// Longest name a slot holds inline.
const SLOT_NAME: usize = 22;

/// Slots of the table (a power of two, several times the default names).
const SLOTS: usize = 128;

/// One slot: a name inline and its entry index plus one (0: empty).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    name: [u8; SLOT_NAME],
    len: u8,
    entry: u8,
}

/// Where a name's probe starts, from its length and its first and last bytes.
fn home_slot(name: &[u8]) -> usize {
    let first = name.first().copied().unwrap_or(0) as usize;
    let last = name.last().copied().unwrap_or(0) as usize;
    (name.len().wrapping_mul(31) ^ first.wrapping_mul(7) ^ last.wrapping_mul(131)) % SLOTS
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
        let (slots, long) = Self::table(&entries);
        FieldMap {
            entries,
            slots,
            long,
        }
    }

    /// The slot table of the entries; the entries it cannot hold (long names, and any past
    /// half the slots) go to the list compared one by one.
    fn table(entries: &[(String, Role, u8)]) -> (Vec<Slot>, Vec<usize>) {
        let mut slots = vec![Slot::default(); SLOTS];
        let mut long = Vec::new();
        for (i, (name, _, _)) in entries.iter().enumerate() {
            let b = name.as_bytes();
            if b.len() > SLOT_NAME || i >= SLOTS / 2 {
                long.push(i);
                continue;
            }
            let mut at = home_slot(b);
            while slots[at].entry != 0 {
                at = (at + 1) % SLOTS;
            }
            slots[at].name[..b.len()].copy_from_slice(b);
            slots[at].len = b.len() as u8;
            slots[at].entry = i as u8 + 1;
        }
        (slots, long)
    }

    /// The role of a key, its rank and the name as configured, when the key names one.
    pub(crate) fn role(&self, key: &str) -> Option<(Role, u8, &str)> {
        let found = self.slot_of(key.as_bytes()).or_else(|| {
            self.long
                .iter()
                .copied()
                .find(|&i| self.entries[i].0 == key)
        })?;
        let (name, role, rank) = &self.entries[found];
        Some((*role, *rank, name.as_str()))
    }

    fn slot_of(&self, key: &[u8]) -> Option<usize> {
        if key.len() > SLOT_NAME || self.slots.is_empty() {
            return None;
        }
        let mut at = home_slot(key);
        loop {
            let slot = &self.slots[at];
            if slot.entry == 0 {
                return None;
            }
            if usize::from(slot.len) == key.len() && &slot.name[..key.len()] == key {
                return Some(usize::from(slot.entry) - 1);
            }
            at = (at + 1) % SLOTS;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_finds_its_role_and_no_other_key_does() {
        let mut f = FieldNames::default();
        // Long names (past a slot) and many names (past half the slots) take the slow path.
        f.text
            .push("the_text_of_the_article_as_the_crawler_wrote_it".into());
        f.title.extend((0..100).map(|i| format!("title_{i}")));
        let map = FieldMap::new(&f);
        assert_eq!(map.role("text"), Some((Role::Text, 0, "text")));
        assert_eq!(map.role("maintext"), Some((Role::Text, 2, "maintext")));
        assert_eq!(map.role("doc_id"), Some((Role::Id, 1, "doc_id")));
        assert_eq!(
            map.role("the_text_of_the_article_as_the_crawler_wrote_it"),
            Some((
                Role::Text,
                6,
                "the_text_of_the_article_as_the_crawler_wrote_it"
            ))
        );
        assert_eq!(map.role("title_99"), Some((Role::Title, 101, "title_99")));
        for other in [
            "",
            "tex",
            "texts",
            "Text",
            "lang",
            "title_100",
            "x".repeat(40).as_str(),
        ] {
            assert_eq!(map.role(other), None, "{other}");
        }
        assert_eq!(FieldMap::default().role("text"), None);
    }
}
