//! HTML character references: numeric ones and the named ones that occur in real pages.
//!
//! The full HTML table has 2,231 names; news pages use a small subset (Latin-1, typographic
//! punctuation, a few symbols). Unknown names are left as written, which is what browsers do for
//! names they do not know.

/// Latin-1 names in code point order, U+00A0 to U+00FF.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named references, by name.
const OTHER: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
    ("bdquo", '\u{201E}'),
    ("hellip", '\u{2026}'),
    ("bull", '\u{2022}'),
    ("trade", '\u{2122}'),
    ("euro", '\u{20AC}'),
    ("dagger", '\u{2020}'),
    ("Dagger", '\u{2021}'),
    ("permil", '\u{2030}'),
    ("lsaquo", '\u{2039}'),
    ("rsaquo", '\u{203A}'),
    ("OElig", '\u{0152}'),
    ("oelig", '\u{0153}'),
    ("Scaron", '\u{0160}'),
    ("scaron", '\u{0161}'),
    ("Yuml", '\u{0178}'),
    ("fnof", '\u{0192}'),
    ("circ", '\u{02C6}'),
    ("tilde", '\u{02DC}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("prime", '\u{2032}'),
    ("Prime", '\u{2033}'),
    ("larr", '\u{2190}'),
    ("rarr", '\u{2192}'),
    ("uarr", '\u{2191}'),
    ("darr", '\u{2193}'),
    ("harr", '\u{2194}'),
    ("minus", '\u{2212}'),
    ("NewLine", '\n'),
    ("Tab", '\t'),
    ("nbsp", '\u{A0}'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("mu", 'μ'),
    ("pi", 'π'),
    ("sigma", 'σ'),
    ("omega", 'ω'),
    ("Omega", 'Ω'),
    ("infin", '∞'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("hearts", '♥'),
    ("star", '☆'),
    ("check", '✓'),
    ("laquo", '«'),
    ("raquo", '»'),
];

fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    OTHER.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Windows-1252 meanings of C1 code points, which pages write as `&#150;` and mean `–`.
fn c1_fix(cp: u32) -> u32 {
    const MAP: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    if (0x80..0xA0).contains(&cp) {
        MAP[(cp - 0x80) as usize]
    } else {
        cp
    }
}

/// Appends `s` to `out` with character references decoded.
pub(crate) fn decode_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[pos..]) {
        let amp = pos + off;
        out.push_str(&s[last..amp]);
        let (ch, consumed) = parse_ref(&s[amp + 1..]);
        match ch {
            Some(c) => {
                out.push(c);
                last = amp + 1 + consumed;
            }
            None => {
                out.push('&');
                last = amp + 1;
            }
        }
        pos = last;
    }
    out.push_str(&s[last..]);
}

/// Decodes a whole string (convenience for attribute values).
pub(crate) fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    decode_into(s, &mut out);
    out
}

/// Parses the reference after `&`; returns the character and the bytes consumed (`;` included).
fn parse_ref(rest: &str) -> (Option<char>, usize) {
    let b = rest.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return (None, 0);
        }
        let cp =
            u32::from_str_radix(&rest[start..end], if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        let cp = c1_fix(cp);
        let c = match cp {
            0 => '\u{FFFD}',
            _ => char::from_u32(cp).unwrap_or('\u{FFFD}'),
        };
        let consumed = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return (Some(c), consumed);
    }
    let mut end = 0;
    while end < b.len() && end < 12 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 0 {
        return (None, 0);
    }
    let name = &rest[..end];
    match named(name) {
        Some(c) => {
            let consumed = if b.get(end) == Some(&b';') {
                end + 1
            } else {
                end
            };
            (Some(c), consumed)
        }
        None => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_numeric_and_c1() {
        assert_eq!(
            decode("a &amp; b &eacute;&#233;&#xE9; &#150; &rsquo;"),
            "a & b ééé – \u{2019}"
        );
        assert_eq!(decode("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode("&#0;&#xFFFFFFFFF;"), "\u{FFFD}\u{FFFD}F;");
        assert_eq!(decode("&nbsp&copy;"), "\u{A0}©");
    }
}
