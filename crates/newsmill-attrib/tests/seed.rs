//! The seed page (a real crawled CNN article, copied into `tests/data/`): all seven hand-annotated
//! attributions must come out with the resolved speaker and role.

use newsmill_attrib::attribute;
use newsmill_core::{QuoteKind, Span};

fn text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/seed_cnn.txt"
    ))
    .expect("seed page")
}

fn slice(t: &str, s: Span) -> String {
    t.chars().skip(s.start).take(s.end - s.start).collect()
}

/// Finds the quote whose first content fragment contains `needle`.
fn find<'a>(t: &str, quotes: &'a [newsmill_core::Quote], needle: &str) -> &'a newsmill_core::Quote {
    quotes
        .iter()
        .find(|q| q.contents.iter().any(|c| slice(t, *c).contains(needle)))
        .unwrap_or_else(|| panic!("no quote containing {needle:?}"))
}

/// (text inside the content, speaker, role, cue)
type Case = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn seed_page_all_seven_attributions() {
    let t = text();
    let a = attribute(&t);
    let peskov = Some("Dmitri Peskov");
    let role_p = Some("Kremlin spokesman");
    let cases: [Case; 7] = [
        (
            "bring relations with the US",
            peskov,
            role_p,
            Some("according to"),
        ),
        ("hard to make them worse.\"", peskov, role_p, Some("said")),
        ("I'd like to remind you", peskov, role_p, Some("said")),
        ("The President always said", peskov, role_p, Some("added")),
        (
            "he was not looking to",
            Some("Donald Trump"),
            Some("US President-elect"),
            Some("told"),
        ),
        ("As for a reset", peskov, role_p, Some("said")),
        ("The term doesn't matter", peskov, role_p, None),
    ];
    for (needle, speaker, role, cue) in cases {
        let q = find(&t, &a.quotes, needle);
        assert_eq!(q.speaker.as_deref(), speaker, "speaker of {needle:?}");
        assert_eq!(q.role.as_deref(), role, "role of {needle:?}");
        assert_eq!(
            q.cue.map(|c| slice(&t, c)).as_deref(),
            cue,
            "cue of {needle:?}"
        );
    }
    // the second sentence after "Peskov added." continues that quotation
    let added = find(&t, &a.quotes, "The President always said");
    assert_eq!(added.contents.len(), 2);
    assert!(slice(&t, added.contents[1]).starts_with("\"Now we know"));
    assert_eq!(added.kind, QuoteKind::Direct);
    // Trump's quote is reported speech with a quoted word: mixed
    assert_eq!(
        find(&t, &a.quotes, "he was not looking to").kind,
        QuoteKind::Mixed
    );
    // the people table
    let p = a
        .people
        .iter()
        .find(|p| p.name == "Dmitri Peskov")
        .expect("Peskov in people");
    assert_eq!(p.role.as_deref(), Some("Kremlin spokesman"));
    assert!(p.mentions >= 5);
    assert!(a.people.iter().any(|p| p.name == "Donald Trump"));
    assert_eq!(a.source.as_deref(), Some("CNN"));
}

#[test]
fn seed_page_scare_quote_is_not_a_quotation() {
    let t = text();
    let a = attribute(&t);
    // `attempt to "reset" relations` is not annotated as a quotation
    assert!(!a.quotes.iter().any(|q| q
        .contents
        .iter()
        .any(|c| slice(&t, *c).trim_matches('"') == "reset")));
}
