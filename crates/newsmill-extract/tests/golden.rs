//! Golden-file tests on pages written for this project: each kind of boilerplate, charsets,
//! broken markup, non-article pages. The seed article is embedded in a page full of boilerplate.

use newsmill_extract::{extract, Extracted};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn run(page: &str, http_charset: Option<&str>) -> Extracted {
    let bytes = std::fs::read(data(page)).expect("test page");
    extract(&bytes, http_charset, None)
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(data(name))
        .expect("expected text")
        .trim_end()
        .to_string()
}

#[test]
fn seed_article_without_any_boilerplate() {
    let x = run("seed_article.html", None);
    assert_eq!(x.text, expected("seed.txt"));
    for junk in [
        "cookies",
        "Politics",
        "Share on",
        "Photo: Agency",
        "Sign up",
        "Related",
        "Clinton's reset",
        "commenter",
        "Most read",
        "All rights reserved",
        "not text",
    ] {
        assert!(!x.text.contains(junk), "{junk} leaked into the text");
    }
    assert_eq!(
        x.title.as_deref(),
        Some("Kremlin hopes to restore dialogue with the US")
    );
    assert_eq!(x.date.as_deref(), Some("2016-11-25T09:30:00Z"));
    assert_eq!(x.author.as_deref(), Some("Staff Reporter"));
    assert_eq!(x.site.as_deref(), Some("World News Daily"));
    assert_eq!(
        x.canonical_url.as_deref(),
        Some("https://news.example.com/2016/11/25/kremlin-us-ties")
    );
    assert_eq!(x.language.as_deref(), Some("en"));
    assert_eq!(x.page_type, "article");
    assert_eq!(x.charset, "UTF-8");
}

#[test]
fn charsets_decode_without_mojibake() {
    for (page, http, charset) in [
        ("charset_cp1251.html", None, "windows-1251"),
        (
            "charset_latin1_http.html",
            Some("ISO-8859-1"),
            "windows-1252",
        ),
        ("charset_undeclared_1252.html", None, "windows-1252"),
        ("charset_shift_jis.html", None, "Shift_JIS"),
        ("charset_utf8_bom.html", Some("iso-8859-1"), "UTF-8"),
    ] {
        let x = run(page, http);
        let want = expected(&page.replace(".html", ".txt"));
        assert_eq!(x.text, want, "{page}");
        assert_eq!(x.charset, charset, "{page}");
    }
}

#[test]
fn broken_markup_keeps_paragraphs_headings_and_lists() {
    let x = run("broken_markup.html", None);
    assert_eq!(x.text, expected("broken_markup.txt"));
    assert_eq!(x.title.as_deref(), Some("Ferry returns"));
}

#[test]
fn framework_widget_names_do_not_hide_the_article() {
    let x = run("widget_layout.html", None);
    assert_eq!(x.text, expected("widget_layout.txt"));
}

#[test]
fn json_ld_metadata() {
    let x = run("jsonld.html", None);
    assert_eq!(x.text, expected("jsonld.txt"));
    assert_eq!(
        x.title.as_deref(),
        Some("Valley orchard harvest best in a decade")
    );
    assert_eq!(x.date.as_deref(), Some("2023-09-14T06:15:00+02:00"));
    assert_eq!(x.author.as_deref(), Some("Maria Costa, Tom Reed"));
    assert_eq!(x.site.as_deref(), Some("Valley Gazette"));
    assert_eq!(x.language.as_deref(), Some("en-GB"));
    assert_eq!(x.page_type, "article");
}

#[test]
fn listing_and_empty_pages_are_flagged() {
    let x = run("listing.html", None);
    assert_eq!(x.page_type, "listing", "{x:?}");
    let x = extract(b"", None, None);
    assert_eq!((x.text.as_str(), x.page_type.as_str()), ("", "empty"));
    let x = extract(
        b"<html><head><title>t</title></head><body>   </body></html>",
        None,
        None,
    );
    assert_eq!(x.page_type, "empty");
}

#[test]
fn huge_and_deep_pages_finish() {
    // 20 MB of paragraphs, and nesting a hundred thousand levels deep.
    let para =
        "<p>Sentence one of a long page, with commas, and more words to make it a paragraph.</p>\n";
    let mut big = String::from("<html><body><div class=\"nav\"><a href=/>Home</a></div><div>");
    while big.len() < 20_000_000 {
        big.push_str(para);
    }
    let t = std::time::Instant::now();
    let x = extract(big.as_bytes(), None, None);
    assert!(x.text.len() > 15_000_000);
    assert!(!x.text.contains("Home"));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    let deep = "<div>".repeat(100_000)
        + "<p>Deep text that is long enough to count as a paragraph of an article, yes.</p>";
    let x = extract(deep.as_bytes(), None, None);
    assert!(x.text.starts_with("Deep text"));
}

#[test]
fn lead_in_its_own_box_before_the_body_is_kept() {
    // The lead sits in an intro box beside the body container; prose after the body (an author
    // note) and the link list are not taken along.
    let x = run("lead_outside_body.html", None);
    assert_eq!(x.text, expected("lead_outside_body.txt"));
}

#[test]
fn heading_over_an_in_body_link_list_goes_with_it() {
    // "Background reading" only introduces related links inside the content container; the
    // next heading has text under it and stays.
    let x = run("link_list_in_body.html", None);
    assert_eq!(x.text, expected("link_list_in_body.txt"));
}

#[test]
fn teaser_cards_of_other_stories_are_left_out() {
    // Three or more sibling cards, each a headline link to another page of the site (in a
    // heading, or with an excerpt cut off by "...") plus a short excerpt: the excerpts are prose,
    // but the list is other stories. Its heading goes with it.
    let x = run("teaser_cards.html", None);
    assert_eq!(x.text, expected("teaser_cards.txt"));
    for junk in [
        "More from the Courier",
        "library will stay open",
        "Traders will be back",
    ] {
        assert!(!x.text.contains(junk), "{junk}: {}", x.text);
    }
}

#[test]
fn listicle_items_linking_out_are_kept() {
    // The same card shape, but the headlines link to other sites: the items are the article.
    let x = run("listicle_links_out.html", None);
    assert_eq!(x.text, expected("listicle_links_out.txt"));
    assert!(x.text.contains("reed beds where herons nest"), "{}", x.text);
}

#[test]
fn script_rendered_page_falls_back_to_its_description() {
    // The text is in a script's state blob; the markup holds one loading line. The longest page
    // description says more than that line and stands in for it.
    let x = run("script_rendered.html", None);
    assert!(
        x.text
            .starts_with("To make a round tablecloth you need the diameter"),
        "{}",
        x.text
    );
    assert!(x.text.contains("hem allowance"), "{}", x.text);
    assert!(!x.text.contains("Loading"), "{}", x.text);
    // With no text at all in the markup the page stays empty (an app shell, not an article).
    let y = run("script_shell_empty.html", None);
    assert_eq!(y.text, "");
    assert_eq!(y.page_type, "empty");
}
