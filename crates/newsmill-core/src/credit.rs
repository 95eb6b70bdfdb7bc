//! The organisation a text credits as its origin: `(Source: CNN)`, `Burimi: bbc.co.uk`,
//! `Syndicated from Reuters.`, `This story originally appeared on bbc.co.uk.` One parser for the
//! clean stage (which moves the line into `doc.source`), dedup (which ranks a cluster's original
//! by who the copies credit) and attribution (which reports the source).

/// Words that name a source before a colon or dash (`Source:`, `Burimi:`, `Fuente -`), lowercase.
const SOURCE_WORDS: &[&str] = &[
    "source",
    "sources",
    "via",
    "burimi",
    "fuente",
    "fuentes",
    "quelle",
    "fonte",
    "bron",
    "källa",
    "kilde",
    "źródło",
    "izvor",
    "forrás",
    "kaynak",
];

/// Phrases that open a syndication note, lowercase; the credited name follows.
const NOTE_PREFIXES: &[&str] = &[
    "this story originally appeared on ",
    "this story originally appeared in ",
    "this article originally appeared on ",
    "this article originally appeared in ",
    "this article first appeared on ",
    "this article first appeared in ",
    "this story first appeared on ",
    "this story first appeared in ",
    "originally published on ",
    "originally published by ",
    "originally published at ",
    "originally published in ",
    "republished from ",
    "republished with permission from ",
    "syndicated from ",
    "via ",
];

/// Longest line taken for a credit: a sentence that mentions a source in passing is longer.
const MAX_LINE: usize = 120;

/// The name a credit line gives, or `None` when the line is not one.
pub fn credited_source(line: &str) -> Option<String> {
    if line.len() > MAX_LINE {
        return None;
    }
    let t = line
        .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ' ' | '.' | '*' | '—' | '–'));
    labelled_source(t).or_else(|| syndication_note(t))
}

/// The first credit line of a text.
pub fn credited_source_in(text: &str) -> Option<String> {
    text.lines().find_map(|l| credited_source(l.trim()))
}

/// `Source: X`, `Source - X`.
fn labelled_source(t: &str) -> Option<String> {
    let (head, name) = match t.split_once(':') {
        Some(x) => x,
        None => t.split_once(" - ").or_else(|| t.split_once(" – "))?,
    };
    let head = head.trim();
    if head.len() > 16 || !SOURCE_WORDS.contains(&head.to_lowercase().as_str()) {
        return None;
    }
    let name = name
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ' '));
    let words = name.split_whitespace().count();
    let plain = !name.contains(['!', '?', '"', '“']);
    ((1..=8).contains(&words) && name.len() <= 60 && plain).then(|| name.to_string())
}

/// `This story originally appeared on X`, `Syndicated from X`, `via X`.
fn syndication_note(t: &str) -> Option<String> {
    // Every note starts with one of these letters; most lines are out after one byte.
    if !matches!(
        t.as_bytes().first(),
        Some(b'T' | b't' | b'O' | b'o' | b'R' | b'r' | b'S' | b's' | b'V' | b'v')
    ) {
        return None;
    }
    let p = NOTE_PREFIXES.iter().find(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })?;
    // The prefix is ASCII, so its length is a char boundary.
    let name = t[p.len()..].trim().trim_end_matches(['.', ')', ' ']);
    let words = name.split_whitespace().count();
    // `via` opens ordinary sentences too: only a short name after it is a credit.
    let most = if p.starts_with("via") { 5 } else { 8 };
    (1..=most).contains(&words).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_in_many_forms() {
        for (line, name) in [
            ("(Source: CNN)", "CNN"),
            ("Burimi: bbc.co.uk", "bbc.co.uk"),
            ("Source - Reuters", "Reuters"),
            ("Fuente: EFE.", "EFE"),
            ("This story originally appeared on bbc.co.uk.", "bbc.co.uk"),
            ("Syndicated from bbc.co.uk.", "bbc.co.uk"),
            ("via BBC News Online", "BBC News Online"),
        ] {
            assert_eq!(credited_source(line).as_deref(), Some(name), "{line}");
        }
    }

    #[test]
    fn sentences_that_mention_a_source_are_not_credits() {
        for line in [
            "Source: a person who asked not to be named said it was over!",
            "Peskov said: we hope",
            "The source: said he would go to the market today",
            "Via the long road we went home",
            "No source here.",
        ] {
            assert_eq!(credited_source(line), None, "{line}");
        }
        assert_eq!(
            credited_source_in("Body.\n(Source: CNN)\nMore").as_deref(),
            Some("CNN")
        );
    }
}
