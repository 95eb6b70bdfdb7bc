//! Property tests: whatever the input, attribution never panics and every offset lies on a
//! character boundary inside the text, with start < end.

use newsmill_attrib::attribute;
use proptest::prelude::*;

fn check(text: &str) {
    let n = text.chars().count();
    let a = attribute(text);
    for q in &a.quotes {
        assert!(!q.contents.is_empty());
        let spans = q
            .contents
            .iter()
            .chain(q.cue.iter())
            .chain(q.speaker_mention.iter());
        for s in spans {
            assert!(s.start < s.end, "empty span {s:?}");
            assert!(s.end <= n, "span {s:?} past the end ({n} chars)");
        }
    }
}

/// Pieces that exercise the rules: quote marks of every style, cues, names, pronouns, newlines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\u{201e}".to_string()),
        Just("\u{ab}".to_string()),
        Just("\u{bb}".to_string()),
        Just("\u{2018}".to_string()),
        Just("\u{2019}".to_string()),
        Just("''".to_string()),
        Just("``".to_string()),
        Just("'".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just(" told reporters that ".to_string()),
        Just("Sen. Jane Doe".to_string()),
        Just("Doe".to_string()),
        Just(" he ".to_string()),
        Just(" she ".to_string()),
        Just(", who said ".to_string()),
        Just("spokesman ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just("\n".to_string()),
        Just(" \u{2015} ".to_string()),
        Just("(R-Fla.)".to_string()),
        Just("Добрый день".to_string()),
        Just("日本語".to_string()),
        Just("e\u{301}".to_string()),
        "[a-zA-Z ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn offsets_inside_text_built_from_pieces(parts in prop::collection::vec(piece(), 0..40)) {
        check(&parts.concat());
    }

    #[test]
    fn offsets_inside_arbitrary_text(text in any::<String>()) {
        check(&text);
    }
}

#[test]
fn offsets_are_code_points_not_bytes() {
    // multi-byte text before the quotation: offsets must count characters
    let text = "Ünïcödé façade — «Bonjour à tous», a dit Émile Zola.\n“Привет мир, как дела,” said Jane Doe.";
    let a = attribute(text);
    let chars: Vec<char> = text.chars().collect();
    let q = a
        .quotes
        .iter()
        .find(|q| q.speaker.as_deref() == Some("Jane Doe"))
        .expect("Jane Doe's quote");
    let c = q.contents[0];
    let got: String = chars[c.start..c.end].iter().collect();
    assert_eq!(got, "“Привет мир, как дела,”");
}

#[test]
fn large_article_with_many_names_stays_linear() {
    // 3,000 paragraphs, each a new person, a quotation, "the president" and pronouns: a
    // quadratic lookup would take minutes here.
    let syl = ["ba", "ko", "ri", "mu", "te", "lo", "sa", "vi", "ne", "du"];
    let mut text = String::new();
    for i in 0..3000usize {
        let first = format!(
            "{}{}{}",
            syl[i % 10].to_uppercase(),
            syl[(i / 10) % 10],
            syl[(i / 100) % 10]
        );
        let last = format!(
            "{}{}{}n",
            syl[(i / 7) % 10].to_uppercase(),
            syl[(i / 3) % 10],
            syl[i % 7]
        );
        text.push_str(&format!(
            "{first} {last} met officials. \"We will work on it,\" he said. The president said it was fine, and she added that {last} was right.\n"
        ));
    }
    let t0 = std::time::Instant::now();
    let a = attribute(&text);
    let secs = t0.elapsed().as_secs_f64();
    assert!(
        a.quotes
            .iter()
            .filter(|q| q.kind == newsmill_core::QuoteKind::Direct)
            .count()
            >= 3000
    );
    assert!(secs < 30.0, "took {secs:.1} s");
}

/// One paragraph of many quotations (`"Yes," he said.` repeated) once took time quadratic in
/// the paragraph: four times the text must take well under sixteen times as long.
#[test]
fn one_long_paragraph_of_quotations_stays_linear() {
    let timed = |copies: usize| {
        let text = "\"Yes,\" he said. ".repeat(copies);
        (0..2)
            .map(|_| {
                let t0 = std::time::Instant::now();
                let a = attribute(&text);
                assert!(a.quotes.len() >= copies / 2, "{} quotes", a.quotes.len());
                t0.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let small = timed(8_000);
    let large = timed(32_000);
    assert!(
        large < 7.0 * small.max(0.005),
        "4x the text took {:.1}x the time ({small:.3} s -> {large:.3} s)",
        large / small
    );
}
