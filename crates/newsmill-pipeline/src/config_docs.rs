//! The configuration explained: `newsmill config` prints a config as commented TOML that
//! `refine -c` reads back unchanged, and docs/config.md is made by the same code from the same
//! descriptions (`data/config_docs.toml`), so the two cannot drift. Tests check that every key
//! the configuration has is described and that nothing else is.

use crate::config::Config;

/// One line per key, per table: what it does.
const DOCS: &str = include_str!("../data/config_docs.toml");

/// Width comment lines are wrapped at.
const WIDTH: usize = 96;

/// The descriptions, parsed once per call (a few kilobytes).
fn docs() -> toml::Table {
    DOCS.parse()
        .expect("data/config_docs.toml is valid TOML (checked by a test)")
}

/// A key's description and, for a key unset by default, the value shown commented out.
fn describe<'a>(
    docs: &'a toml::Table,
    section: Option<&str>,
    key: &str,
) -> (&'a str, Option<&'a str>) {
    let table = match section {
        Some(s) => docs.get(s).and_then(|t| t.as_table()),
        None => Some(docs),
    };
    match table.and_then(|t| t.get(key)) {
        Some(toml::Value::String(d)) => (d.as_str(), None),
        Some(toml::Value::Table(t)) => (
            t.get("doc").and_then(|d| d.as_str()).unwrap_or(""),
            t.get("unset").and_then(|u| u.as_str()),
        ),
        _ => ("", None),
    }
}

/// `text` as `# ` comment lines of at most [`WIDTH`] characters.
fn comment(text: &str, out: &mut String) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > WIDTH && line.len() > 1 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}

/// The keys a table describes that the serialized config leaves out (unset options), as
/// commented-out lines.
fn unset_keys(docs: &toml::Table, section: &str, present: &[String], out: &mut String) {
    let Some(table) = docs.get(section).and_then(|t| t.as_table()) else {
        return;
    };
    for key in table
        .keys()
        .filter(|k| *k != "section" && !present.contains(k))
    {
        let (doc, unset) = describe(docs, Some(section), key);
        comment(doc, out);
        out.push_str(&format!("# {key} = {}\n", unset.unwrap_or("")));
    }
}

/// `config` as TOML with every key's description above it; `Config::from_toml` reads it back
/// to the same config.
pub fn commented_toml(config: &Config) -> String {
    let docs = docs();
    let plain = toml::to_string(config).expect("a config serializes");
    let mut out = String::from(
        "# newsmill refine configuration: every key with its value and what it does.\n\
         # Every table and key is optional; what a file leaves out takes the default.\n",
    );
    let mut section: Option<String> = None;
    let mut present: Vec<String> = Vec::new();
    for line in plain.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if let Some(s) = &section {
                unset_keys(&docs, s, &present, &mut out);
            }
            present.clear();
            out.push('\n');
            comment(describe(&docs, Some(name), "section").0, &mut out);
            out.push_str(line);
            out.push('\n');
            section = Some(name.to_string());
        } else if let Some((key, _)) = line.split_once(" = ") {
            comment(describe(&docs, section.as_deref(), key).0, &mut out);
            out.push_str(line);
            out.push('\n');
            present.push(key.to_string());
        } else if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some(s) = &section {
        unset_keys(&docs, s, &present, &mut out);
    }
    out
}

/// The introduction of docs/config.md, before the tables.
const MARKDOWN_HEAD: &str = "# Configuring a run

<!-- Made by `newsmill config --markdown` from crates/newsmill-pipeline/data/config_docs.toml;
     edit that file, not this one (a test checks that they agree). -->

`newsmill refine --config run.toml`: a TOML file in which every table and key is optional;
what it leaves out takes the built-in default. Unknown keys are errors, so a typo never passes
silently. `--stages a,b` on the command line replaces the `stages` list.

`newsmill config --default` prints the whole default configuration as commented TOML, which
`refine -c` accepts unchanged: the easiest start is to print it, keep what you change and delete
the rest. `newsmill config -c run.toml` prints the configuration a file gives, defaults included.

An example:

```toml
stages = [\"extract\", \"normalize\", \"clean\", \"language\", \"quality\", \"exact_dedup\", \"near_dedup\", \"quotes\"]

[limits]
max_doc_bytes = 33554432   # larger records are rejected with doc_too_large
max_doc_millis = 30000     # slower documents are rejected with time_limit_exceeded (0: no limit)

[language]
allow = [\"en\", \"de\"]       # keep only these; empty (default) keeps every language

[quality]
disable = [\"c4_min_sentences\"]   # rules to skip; signals are still recorded

[dedup]
action = \"tag\"             # keep every copy and tag it with its cluster (default \"drop\")
```

Stages always run in catalogue order (`newsmill stages`), whatever the order of the list.
";

/// One table row's cells: a value as TOML, with the pipes a Markdown cell cannot hold escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// docs/config.md: the introduction, then one table per section (key, default, meaning).
pub fn config_markdown() -> String {
    let docs = docs();
    let defaults = toml::Table::try_from(Config::default()).expect("a config serializes");
    let mut out = String::from(MARKDOWN_HEAD);
    let top = describe(&docs, None, "stages").0;
    out.push_str(&format!(
        "\n## `stages`\n\n{top}\n\nDefault: `{}`.\n",
        defaults["stages"]
    ));
    for (section, table) in docs.iter().filter_map(|(k, v)| Some((k, v.as_table()?))) {
        out.push_str(&format!("\n## `[{section}]`\n\n"));
        out.push_str(describe(&docs, Some(section), "section").0);
        out.push_str("\n\n| key | default | meaning |\n|---|---|---|\n");
        let values = defaults.get(section).and_then(|v| v.as_table());
        for key in table.keys().filter(|k| *k != "section") {
            let (doc, _) = describe(&docs, Some(section), key);
            let default = values
                .and_then(|v| v.get(key))
                .map_or("unset".to_string(), |v| {
                    format!("`{}`", cell(&v.to_string()))
                });
            out.push_str(&format!("| `{key}` | {default} | {} |\n", cell(doc)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(t: &toml::Table, prefix: &str, out: &mut BTreeSet<String>) {
        for (k, v) in t {
            match v.as_table() {
                Some(sub) if prefix.is_empty() => keys(sub, k, out),
                _ => {
                    out.insert(if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    });
                }
            }
        }
    }

    #[test]
    fn every_key_is_described_and_nothing_else() {
        let defaults = toml::Table::try_from(Config::default()).unwrap();
        let mut have = BTreeSet::new();
        keys(&defaults, "", &mut have);
        let docs = docs();
        let mut described = BTreeSet::new();
        keys(&docs, "", &mut described);
        described.retain(|k| !k.ends_with(".section"));
        // Keys unset by default are described (with a value to show) but not serialized.
        let unset: BTreeSet<String> = described
            .iter()
            .filter(|k| {
                let (s, key) = k.split_once('.').unwrap_or(("", k));
                describe(&docs, Some(s), key).1.is_some()
            })
            .cloned()
            .collect();
        let missing: Vec<_> = have.difference(&described).collect();
        assert!(
            missing.is_empty(),
            "keys without a description: {missing:?}"
        );
        let unknown: Vec<_> = described
            .difference(&have)
            .filter(|k| !unset.contains(*k))
            .collect();
        assert!(
            unknown.is_empty(),
            "descriptions of keys the config does not have: {unknown:?}"
        );
        for k in &described {
            let (s, key) = k.split_once('.').unwrap_or(("", k));
            let section = (!s.is_empty()).then_some(s);
            assert!(
                !describe(&docs, section, key).0.is_empty(),
                "{k} has an empty description"
            );
        }
    }

    #[test]
    fn the_commented_default_reads_back_as_the_default() {
        let text = commented_toml(&Config::default());
        let back = Config::from_toml(&text).expect("the printed default parses");
        assert_eq!(
            toml::to_string(&back).unwrap(),
            toml::to_string(&Config::default()).unwrap()
        );
        assert!(text.contains("# Compose to Unicode NFC"), "{text}");
        assert!(text.contains("# max_replacement_ratio = 0.02"), "{text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= WIDTH + 40),
            "lines stay short"
        );
    }

    #[test]
    fn a_changed_config_prints_its_own_values() {
        let cfg =
            Config::from_toml("[dedup]\naction = \"tag\"\n[language]\nallow = [\"de\"]").unwrap();
        let text = commented_toml(&cfg);
        assert!(
            text.contains("action = \"tag\"") && text.contains("allow = [\"de\"]"),
            "{text}"
        );
        let back = Config::from_toml(&text).unwrap();
        assert_eq!(back.language.allow, vec!["de".to_string()]);
    }

    /// docs/config.md is what `newsmill config --markdown` prints.
    #[test]
    fn docs_config_md_is_generated() {
        let file = include_str!("../../../docs/config.md");
        assert!(
            file == config_markdown(),
            "docs/config.md is stale: run `cargo run -p newsmill-cli -- config --markdown > docs/config.md`"
        );
    }
}
