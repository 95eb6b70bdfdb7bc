//! Turning page bytes into text without mojibake.
//!
//! Order of trust: a byte-order mark; then bytes that are valid UTF-8 with non-ASCII in them
//! (a page declared Latin-1 that decodes as UTF-8 is UTF-8 in practice, and the reverse mistake
//! is what produces mojibake); then the HTTP header; then `<meta charset>` /
//! `<meta http-equiv=content-type>` in the first 4 KiB; then statistical detection (chardetng).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes `bytes`, returning the text and the name of the encoding used.
pub(crate) fn decode(bytes: &[u8], http_charset: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let ascii = utf8_ok && bytes.is_ascii();
    if utf8_ok && !ascii {
        // Valid UTF-8 with multi-byte sequences: nothing else would decode this sensibly.
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name());
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().trim_matches('"').as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]));
    // A UTF-8 page with a few broken sequences (a truncated snippet pasted from elsewhere) is
    // still UTF-8: decoding all of it as something else would garble every other character.
    let mostly_utf8 = || {
        let (mut good, mut bad) = (0usize, 0usize);
        for chunk in bytes.utf8_chunks() {
            good += chunk.valid().bytes().filter(|b| *b >= 0xC0).count();
            bad += usize::from(!chunk.invalid().is_empty());
        }
        good >= 4 * bad.max(1)
    };
    let enc = match declared {
        // UTF-16 declared in an ASCII-compatible document is a lie (HTML spec: treat as UTF-8).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) if e == UTF_8 && !utf8_ok => {
            if mostly_utf8() {
                UTF_8
            } else {
                detect(bytes)
            }
        }
        Some(e) => e,
        None if utf8_ok || mostly_utf8() => UTF_8,
        None => detect(bytes),
    };
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), enc.name())
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new();
    d.feed(&bytes[..bytes.len().min(256 * 1024)], true);
    let e = d.guess(None, true);
    if e == UTF_8 {
        WINDOWS_1252
    } else {
        e
    }
}

/// Finds a charset declared by `<meta charset=...>` or `<meta http-equiv content="...charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(off) = memchr::memmem::find(&head[pos..], b"charset") {
        let at = pos + off;
        pos = at + 7;
        // Must be inside a <meta ...> tag: the last '<' before it starts "<meta".
        let Some(lt) = memchr::memrchr(b'<', &head[..at]) else {
            continue;
        };
        if !head[lt + 1..]
            .get(..4)
            .is_some_and(|m| m.eq_ignore_ascii_case(b"meta"))
        {
            continue;
        }
        if memchr::memchr(b'>', &head[lt..at]).is_some() {
            continue;
        }
        let mut p = at + 7;
        while p < head.len() && matches!(head[p], b' ' | b'\t' | b'\n' | b'\r') {
            p += 1;
        }
        if head.get(p) != Some(&b'=') {
            continue;
        }
        p += 1;
        while p < head.len() && matches!(head[p], b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'') {
            p += 1;
        }
        let s = p;
        while p < head.len()
            && (head[p].is_ascii_alphanumeric() || matches!(head[p], b'-' | b'_' | b':' | b'.'))
        {
            p += 1;
        }
        if let Some(e) = Encoding::for_label(&head[s..p]) {
            return Some(e);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<meta charset=latin1>é".as_bytes());
        assert_eq!(
            decode(&b, Some("iso-8859-1")),
            ("<meta charset=latin1>é".into(), "UTF-8")
        );
    }

    #[test]
    fn meta_and_http_charset() {
        let b = b"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert_eq!(
            decode(b, None).0,
            "<meta charset=\"windows-1251\"><p>Привет</p>"
        );
        let b =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">caf\xe9";
        assert!(decode(b, None).0.ends_with("café"));
        assert_eq!(decode(b"caf\xe9", Some("latin1")).0, "café");
    }

    #[test]
    fn mostly_utf8_pages_with_a_stray_byte_stay_utf8() {
        let mut b =
            "<meta charset=utf-8><p>Zażółć gęślą jaźń, sprzeciwiają się. Łódź, Kraków, Gdańsk.</p>"
                .as_bytes()
                .to_vec();
        b.extend_from_slice(b"<p>broken \xc3( here</p>");
        let (t, cs) = decode(&b, None);
        assert_eq!(cs, "UTF-8");
        assert!(
            t.contains("sprzeciwiają się") && t.contains("broken \u{FFFD}( here"),
            "{t}"
        );
        let (t, cs) = decode(&b[14..], None);
        assert_eq!(cs, "UTF-8", "{t}");
    }

    #[test]
    fn utf8_beats_a_wrong_declaration_and_detection_runs_without_one() {
        let b = "<meta charset=iso-8859-1><p>Zürich</p>".as_bytes();
        assert_eq!(decode(b, Some("iso-8859-1")).1, "UTF-8");
        let b = b"<p>Stra\xdfe und Gr\xfc\xdfe aus M\xfcnchen, sch\xf6ne Gr\xfc\xdfe</p>";
        let (t, _) = decode(b, None);
        assert!(t.contains("Straße") && t.contains("München"), "{t}");
    }
}
