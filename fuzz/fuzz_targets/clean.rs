//! The text cleaner and normalizer on arbitrary text: never panic, and every removed line was a
//! line of the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let normalized = newsmill_text::normalize_text(&text, &Default::default());
    let cleaned = newsmill_text::clean_text(&normalized.text, &Default::default());
    for r in &cleaned.removed {
        assert!(normalized.text.contains(r.text.as_str()));
    }
});
