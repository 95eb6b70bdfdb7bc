//! Attribution on arbitrary text: never panics, and every span lies inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars = text.chars().count();
    let a = newsmill_attrib::attribute(&text);
    for q in &a.quotes {
        for s in q.contents.iter().chain(q.cue.iter()).chain(q.speaker_mention.iter()) {
            assert!(s.start <= s.end && s.end <= chars);
        }
    }
});
