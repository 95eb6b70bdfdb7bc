//! HTML charset detection and article extraction on arbitrary bytes, with and without an HTTP
//! charset: never panics, and the text it returns is valid and no longer than the page allows.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let charset = match data.first() {
        Some(b) if b % 3 == 0 => Some("windows-1252"),
        Some(b) if b % 3 == 1 => Some("bogus-charset"),
        _ => None,
    };
    let out = newsmill_extract::extract(data, charset, Some("https://example.com/2024/05/01/a"));
    assert!(out.text.len() <= data.len() * 4 + 64);
});
