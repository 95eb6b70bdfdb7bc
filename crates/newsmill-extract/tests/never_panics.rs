//! Property test: arbitrary bytes, and arbitrary soups of tag fragments, never panic and always
//! give valid output (text lines trimmed, page type from the documented set).

use proptest::prelude::*;

fn check(bytes: &[u8]) {
    let x = newsmill_extract::extract(bytes, Some("utf-8"), Some("https://e.com/2020/01/02/x"));
    assert!(["article", "listing", "other", "empty"].contains(&x.page_type.as_str()));
    assert!(x.text.lines().all(|l| !l.is_empty() && l.trim() == l));
    if x.page_type == "empty" {
        assert!(x.text.is_empty());
    } else if x.text.is_empty() {
        assert_eq!(x.page_type, "listing");
    }
}

const PIECES: &[&str] = &[
    "<p>", "</p>", "<div class=\"article-body\">", "</div>", "<a href=x>", "</a>", "<script>", "</script>",
    "<!--", "-->", "<![CDATA[", "]]>", "<table><tr><td>", "</td>", "<li>", "<ul>", "</ul>", "&amp;", "&#x1F600;",
    "&#99999999;", "&", "<", ">", "\"", "'", "=", "<br/>", "<h2>", "</h2>", "<nav>", "</nav>", "<title>",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"x\"}", "<meta charset=\"",
    "shift_jis\">", "<pre>", "</pre>", "<svg><text>", "<header>", "</body>", "<html lang=", "é", "\u{0}", "\u{FEFF}",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check(&bytes);
    }

    #[test]
    fn tag_soup_never_panics(picks in proptest::collection::vec(0..PIECES.len(), 0..300)) {
        let s: String = picks.iter().map(|&i| PIECES[i]).collect();
        check(s.as_bytes());
        // And the same soup in a non-UTF-8 encoding guess.
        let latin: Vec<u8> = s.bytes().map(|b| if b > 0x7f { b ^ 0x40 } else { b }).collect();
        check(&latin);
    }
}
