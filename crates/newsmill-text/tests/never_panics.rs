//! Whatever the input, the four stages run without panicking and keep their invariants.

use newsmill_core::{Counters, Doc};
use newsmill_text::default_stages;
use proptest::prelude::*;

/// Text made of pieces that exercise the rules: sentence marks, ellipses, quotes, separators,
/// digits, dates, source lines, multi-byte letters and line breaks.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,12}",
        Just(". ".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" | ".to_string()),
        Just("“".to_string()),
        Just("\"".to_string()),
        Just("(Source: ".to_string()),
        Just("By ".to_string()),
        Just("3.4.2005 ".to_string()),
        Just("Nov 19, 2019".to_string()),
        Just("â€™".to_string()),
        Just("Ã©".to_string()),
        Just("8.Following".to_string()),
        Just("日本語の文章。".to_string()),
        Just("\u{fffd}".to_string()),
        "[A-Za-z]{1,9}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn stages_never_panic(text in texty()) {
        let mut doc = Doc::new("p", text);
        let mut counters = Counters::default();
        for stage in default_stages() {
            if !stage.process(&mut doc, &mut counters).is_keep() {
                break;
            }
            // Every stage leaves text without carriage returns or blank lines.
            prop_assert!(!doc.text.contains('\r'));
            prop_assert!(!doc.text.contains("\n\n"));
        }
        for r in &doc.removed {
            prop_assert!(!r.reason.is_empty());
            prop_assert!(!r.text.contains('\n'));
        }
    }
}
