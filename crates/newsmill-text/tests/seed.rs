//! The first acceptance test: the crawled seed page through all four text stages.

use newsmill_core::{Counters, Doc};
use newsmill_text::default_stages;

#[test]
fn seed_page_comes_out_clean() {
    let raw = include_str!("data/crawled-news-page.txt");
    let mut doc = Doc::new("seed", raw);
    let mut counters = Counters::default();
    for stage in default_stages() {
        let out = stage.process(&mut doc, &mut counters);
        assert!(
            out.is_keep(),
            "{} dropped the seed page: {out:?}",
            stage.name()
        );
    }
    let lines: Vec<&str> = doc.text.lines().collect();
    // "November 8." and "Following Trump's unexpected win" end up in separate paragraphs.
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("to sweep to victory on November 8.")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Following Trump's unexpected win")),
        "{lines:#?}"
    );
    // The CNN body is intact: every body line of the page is still there, in order.
    let body: Vec<&str> = raw.lines().take(8).collect();
    let rejoined = doc
        .text
        .replace("November 8.\nFollowing", "November 8.Following");
    assert_eq!(rejoined, body.join("\n"));
    // The source line became metadata, the four teasers were removed with a reason.
    assert_eq!(doc.source.as_deref(), Some("CNN"));
    let teasers: Vec<_> = doc
        .removed
        .iter()
        .filter(|r| r.reason == "teaser")
        .collect();
    assert_eq!(teasers.len(), 4, "{:#?}", doc.removed);
    assert!(teasers.iter().all(|r| r.text.ends_with("...")));
    assert!(doc
        .removed
        .iter()
        .any(|r| r.text == "(Source: CNN)" && r.reason == "source_line"));
    assert_eq!(doc.removed.len(), 5, "{:#?}", doc.removed);
    let lang = doc.language.as_ref().expect("language recorded");
    assert_eq!(lang.code, "en");
    assert!(lang.confidence > 0.5);
    assert!(doc.quality["words"] > 200.0);
    assert_eq!(counters.get("glued_paragraphs_split"), 1);
}

/// A 40-word brief inside a heavy non-English template (written for this test in the shape of the
/// dedup set's syndicated briefs): nothing may drop it, and the template must go.
#[test]
fn brief_in_heavy_foreign_template_is_kept() {
    let page = "PORTALI LAJME\n\
Kryefaqja | Bota | Kultura | Politikë | Sport | Shkencë\n\
Abonohu | Hyr\n\
Rail fares to rise above inflation\n\
3.1.2005 09:15\n\
\n\
Rail passengers in England face fare rises above the rate of inflation from next month, the industry body said on Monday, blaming higher track costs and the need to fund new trains on busy commuter routes around the capital.\n\
Burimi: bbc.co.uk\n\
Qeveria miratoi sot projektligjin e ri për buxhetin e vitit të ardhshëm, i cili parashikon...\n\
Ministri i Jashtëm zhvilloi një takim me homologun e tij për bashkëpunimin rajonal dhe...\n\
Lajmet më të lexuara\n\
Faqja jonë përdor cookies që leximi të jetë më i lehtë.\n\
© 2005 Portali Lajme. Të gjitha të drejtat e rezervuara.";
    let mut doc = Doc::new("brief", page);
    let mut counters = Counters::default();
    for stage in default_stages() {
        let out = stage.process(&mut doc, &mut counters);
        assert!(out.is_keep(), "{} dropped the brief: {out:?}", stage.name());
    }
    assert!(doc
        .text
        .starts_with("Rail passengers in England face fare rises"));
    assert_eq!(doc.text.lines().count(), 1, "{}", doc.text);
    assert_eq!(doc.source.as_deref(), Some("bbc.co.uk"));
    assert_eq!(doc.date.as_deref(), Some("2005-01-03"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Rail fares to rise above inflation")
    );
    assert_eq!(doc.language.as_ref().map(|l| l.code.as_str()), Some("en"));
}
