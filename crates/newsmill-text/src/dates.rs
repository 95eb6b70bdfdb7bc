//! Small, allocation-light parsers for the date and byline lines news pages carry around the body.
//! Wrong metadata is worse than none, so ambiguous forms (`3/4/2005`) are not guessed.

/// Month names (and common abbreviations) in the languages news templates use most, lowercase.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // Italian / Portuguese (the ones not already listed)
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Albanian
    ("janar", 1),
    ("shkurt", 2),
    ("prill", 4),
    ("maj", 5),
    ("qershor", 6),
    ("korrik", 7),
    ("gusht", 8),
    ("shtator", 9),
    ("tetor", 10),
    ("nëntor", 11),
    ("dhjetor", 12),
];

/// Words that may surround a date on a dateline without being part of it.
const FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "date",
    "dated",
    "created",
    "de",
    "del",
    "le",
    "am",
    "um",
    "den",
    "the",
    "of",
    "uhr",
    "h",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "ist",
    "publicado",
    "actualizado",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "mis",
    "à",
    "jour",
    "publikuar",
    "përditësuar",
    "më",
    "ora",
    "time",
    "|",
    "-",
    "–",
    "—",
    "·",
    "/",
    "•",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "e",
    "hënë",
    "martë",
    "mërkurë",
    "enjte",
    "premte",
    "shtunë",
    "diel",
    "ago",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() > 12 {
        return None;
    }
    let mut buf = [0u8; 48];
    let lower = lower_into(w, &mut buf)?;
    MONTHS.iter().find(|(m, _)| *m == lower).map(|&(_, n)| n)
}

/// Lowercases a short word into a stack buffer (no allocation); `None` if it does not fit.
fn lower_into<'a>(w: &str, buf: &'a mut [u8; 48]) -> Option<&'a str> {
    let mut n = 0;
    for c in w.chars().flat_map(char::to_lowercase) {
        let mut tmp = [0u8; 4];
        let s = c.encode_utf8(&mut tmp);
        if n + s.len() > buf.len() {
            return None;
        }
        buf[n..n + s.len()].copy_from_slice(s.as_bytes());
        n += s.len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}

fn is_filler(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ':']);
    if w.is_empty() {
        return true;
    }
    let mut buf = [0u8; 48];
    let Some(lower) = lower_into(w, &mut buf) else {
        return false;
    };
    FILLER.contains(&lower)
}

/// A time of day or zone offset (`10:31`, `16:52h`, `10.31am`, `+0100`, `(GMT)`): allowed next to a
/// date on a dateline.
fn is_time(word: &str) -> bool {
    let w = word.trim_matches(['(', ')', '.', ',']);
    let w = w
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches(['+', '-']);
    !w.is_empty()
        && w.contains(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        && (w.contains(':') || (word.starts_with('+') || word.starts_with('-')) && w.len() == 4)
}

fn num(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['.', ',']);
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A date written as one token: `2005-02-26`, `2005-02-26T10:00:00Z`, `26.02.2005`, `26/02/2005`
/// (slashes only when the day is above 12, so the order is certain).
fn one_token_date(w: &str) -> Option<String> {
    let w = w.trim_matches([',', '(', ')']);
    let w = w.trim_end_matches('.');
    let head = w.split('T').next().unwrap_or(w);
    for sep in ['-', '.', '/'] {
        let mut it = head.split(sep);
        let (Some(a), Some(b), Some(c), None) = (it.next(), it.next(), it.next(), it.next()) else {
            continue;
        };
        let (Some(a), Some(b), Some(c)) = (num(a), num(b), num(c)) else {
            continue;
        };
        if a >= 1000 {
            return valid(a, b, c);
        }
        if c >= 1000 {
            return match sep {
                '.' => valid(c, b, a),
                _ if a > 12 && b <= 12 => valid(c, b, a),
                _ if b > 12 && a <= 12 => valid(c, a, b),
                _ => None,
            };
        }
    }
    None
}

/// Finds a date in the words of a short line and says how many words it used. Accepts `Nov 19,
/// 2019`, `19 November 2019`, `26 de febrero de 2005`, `2019-11-19`, `10.5.2005`.
fn date_in(words: &[&str]) -> Option<(String, usize, usize)> {
    for i in 0..words.len() {
        if let Some(d) = one_token_date(words[i]) {
            return Some((d, i, i + 1));
        }
        let w: Vec<&str> = words[i..words.len().min(i + 5)]
            .iter()
            .copied()
            .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "de" | "del" | "of" | "the"))
            .take(3)
            .collect();
        if w.len() < 3 {
            continue;
        }
        // Month D, YYYY
        if let (Some(m), Some(d), Some(y)) = (month(w[0]), num(w[1]), num(w[2])) {
            if let Some(s) = valid(y, m, d) {
                return Some((s, i, i + span_len(&words[i..], 3)));
            }
        }
        // D Month YYYY
        if let (Some(d), Some(m), Some(y)) =
            (num(w[0].trim_end_matches('.')), month(w[1]), num(w[2]))
        {
            if let Some(s) = valid(y, m, d) {
                return Some((s, i, i + span_len(&words[i..], 3)));
            }
        }
    }
    None
}

/// How many words of `words` the first `n` significant (non-`de`/`of`) words span.
fn span_len(words: &[&str], n: usize) -> usize {
    let mut seen = 0;
    for (k, w) in words.iter().enumerate() {
        if !matches!(w.to_ascii_lowercase().as_str(), "de" | "del" | "of" | "the") {
            seen += 1;
            if seen == n {
                return k + 1;
            }
        }
    }
    words.len()
}

fn split_words(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect()
}

/// If the whole line is a dateline (a date plus only prefixes such as `Published`, weekday names
/// and times), the date as `YYYY-MM-DD`.
pub fn parse_dateline(line: &str) -> Option<String> {
    if line.len() > 120 {
        return None;
    }
    let words = split_words(line);
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (date, start, end) = date_in(&words)?;
    let rest_ok = words[..start]
        .iter()
        .chain(&words[end..])
        .all(|w| is_filler(w) || is_time(w));
    rest_ok.then_some(date)
}

/// Whether a word can be part of a person's name in a byline.
fn name_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            w.chars().count() <= 20
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        }
        Some(_) => matches!(
            w,
            "and" | "de" | "van" | "von" | "der" | "da" | "di" | "la" | "le" | "del" | "al" | "bin"
        ),
        None => false,
    }
}

fn names(part: &str) -> Option<String> {
    let ws: Vec<&str> = part.split_whitespace().collect();
    let caps = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    (!ws.is_empty() && ws.len() <= 8 && caps >= 1 && ws.iter().all(|w| name_word(w))).then(|| {
        let s = ws.join(" ").replace(" and ", ", ");
        s.trim_end_matches([',', '.']).to_string()
    })
}

/// A byline: `By Jane Doe`, `By Jane Doe and John Roe, Reuters`, `By Jane Doe - Nov 19, 2019`,
/// or `Jane Doe - Nov 19, 2019, 10:31 pm CST` (a name followed by a date). Returns the author(s),
/// comma separated, and the date when the line has one.
pub fn parse_byline(line: &str) -> Option<(String, Option<String>)> {
    if line.len() > 160 || line.split_whitespace().count() > 20 {
        return None;
    }
    let lower_prefix = [
        "by ",
        "written by ",
        "posted by ",
        "words by ",
        "von ",
        "por ",
        "par ",
    ];
    let mut rest = None;
    for p in lower_prefix {
        if line.len() > p.len()
            && line.is_char_boundary(p.len())
            && line[..p.len()].eq_ignore_ascii_case(p)
        {
            rest = Some(&line[p.len()..]);
            break;
        }
    }
    let has_by = rest.is_some();
    let rest = rest.unwrap_or(line);
    // Split the names from what follows (date, organisation).
    let cut = [
        " - ", " – ", " — ", " | ", " · ", " • ", ", ", " on ", " at ",
    ]
    .iter()
    .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
    .min();
    let (name_part, tail) = match cut {
        Some((i, l)) => (&rest[..i], &rest[i + l..]),
        None => (rest, ""),
    };
    let author = names(name_part)?;
    let date = if tail.is_empty() {
        None
    } else {
        parse_dateline(tail)
    };
    if has_by {
        // The tail may be an organisation (`, Reuters`) or a date; anything long is a sentence.
        if !tail.is_empty() && date.is_none() && tail.split_whitespace().count() > 4 {
            return None;
        }
        Some((author, date))
    } else {
        // Without `By`, only a short name followed by a date is a byline.
        let n = name_part.split_whitespace().count();
        ((2..=4).contains(&n) && date.is_some()).then_some((author, date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            parse_dateline("Published 26 February 2005").as_deref(),
            Some("2005-02-26")
        );
        assert_eq!(
            parse_dateline("10.5.2005, 10:00 Uhr").as_deref(),
            Some("2005-05-10")
        );
        assert_eq!(
            parse_dateline("3.4.2005 16:52").as_deref(),
            Some("2005-04-03")
        );
        assert_eq!(
            parse_dateline("Nov 19, 2019, 10:31 pm CST").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            parse_dateline("Updated: 2019-11-19T10:31:00Z").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            parse_dateline("Sábado, 26 de febrero de 2005").as_deref(),
            Some("2005-02-26")
        );
        assert_eq!(
            parse_dateline("Tuesday 3 May 2005 | 10:31 GMT").as_deref(),
            Some("2005-05-03")
        );
        assert_eq!(parse_dateline("25/12/2019").as_deref(), Some("2019-12-25"));
        assert_eq!(parse_dateline("3/4/2005"), None);
        assert_eq!(parse_dateline("The vote on 3 May 2005 was close."), None);
        assert_eq!(parse_dateline("November 8"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By Jane Doe"), Some(("Jane Doe".into(), None)));
        assert_eq!(
            parse_byline("By Jane Doe and John Roe, Reuters"),
            Some(("Jane Doe, John Roe".into(), None))
        );
        assert_eq!(
            parse_byline("Chris Davies - Nov 19, 2019, 10:31 pm CST"),
            Some(("Chris Davies".into(), Some("2019-11-19".into())))
        );
        assert_eq!(parse_byline("By the time we arrived, it was over."), None);
        assert_eq!(parse_byline("Chris Davies"), None);
        assert_eq!(parse_byline("By"), None);
    }
}
