//! One date format for every record: RFC 3339. A value is a full date-time with its offset
//! (`2024-05-01T10:00:00Z`, `2024-05-01T12:00:00+02:00`) when the source gives a time and a time
//! zone, and a full date (`2024-05-01`) otherwise: a time without a zone would be a guess, so it
//! is left out rather than passed on. [`normalize_date`] reads the machine forms crawlers,
//! feeds and pages write (ISO 8601 and its variants, RFC 2822, WARC and ARC 14-digit stamps,
//! Unix seconds, `YYYY/MM/DD`, `DD.MM.YYYY`, English month names) and nothing else: an unreadable
//! date is `None`, never passed through as free text.

/// Month names and abbreviations (English), lowercase; index + 1 is the month.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Years a news date can have; anything else is a misread number.
const YEARS: std::ops::RangeInclusive<u32> = 1970..=2100;

/// A calendar date, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ymd(u32, u32, u32);

impl Ymd {
    fn new(y: u32, m: u32, d: u32) -> Option<Ymd> {
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
            2 => 28,
            _ => return None,
        };
        (YEARS.contains(&y) && (1..=days).contains(&d)).then_some(Ymd(y, m, d))
    }

    fn write(self, out: &mut String) {
        push_digits(out, self.0, 4);
        out.push('-');
        push_digits(out, self.1, 2);
        out.push('-');
        push_digits(out, self.2, 2);
    }
}

/// `n` as exactly `width` decimal digits (zero-padded; higher digits dropped). Dates are
/// written for every record read, so this avoids the formatting machinery.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for k in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(k) % 10) as u8));
    }
}

/// A time of day with its offset from UTC in minutes, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hms {
    h: u32,
    m: u32,
    s: u32,
    offset: Option<i32>,
}

fn show(date: Ymd, time: Option<Hms>) -> String {
    let mut out = String::with_capacity(25);
    date.write(&mut out);
    if let Some(Hms {
        h,
        m,
        s,
        offset: Some(off),
    }) = time
    {
        out.push('T');
        for (i, v) in [h, m, s].into_iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            push_digits(&mut out, v, 2);
        }
        if off == 0 {
            out.push('Z');
        } else {
            out.push(if off < 0 { '-' } else { '+' });
            push_digits(&mut out, off.unsigned_abs() / 60, 2);
            out.push(':');
            push_digits(&mut out, off.unsigned_abs() % 60, 2);
        }
    }
    out
}

/// Normalizes a date as the module documentation says; `None` when it is not one.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let b = s.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return digits_date(s);
    }
    let part = |r: std::ops::Range<usize>| s.get(r).and_then(num);
    if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] && digits(&b[..4]) {
        let date = Ymd::new(part(0..4)?, part(5..7)?, part(8..10)?)?;
        return Some(show(date, time_at(s.get(10..)?)));
    }
    if b.len() >= 10 && b[2] == b'.' && b[5] == b'.' && digits(&b[6..10]) {
        let date = Ymd::new(part(6..10)?, part(3..5)?, part(0..2)?)?;
        return Some(show(date, time_at(s.get(10..)?)));
    }
    named_month_date(s)
}

/// A key that orders normalized dates in time: date-times by their instant in UTC, a date alone
/// after every time of its day (it says the day, not that it came first).
pub fn date_sort_key(date: &str) -> String {
    let b = date.as_bytes();
    if b.len() < 19 {
        return format!("{date}T~");
    }
    let offset = date.get(19..).and_then(zone).unwrap_or(0);
    let parse = |r: std::ops::Range<usize>| date.get(r).and_then(num);
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = (
        parse(0..4),
        parse(5..7),
        parse(8..10),
        parse(11..13),
        parse(14..16),
        parse(17..19),
    ) else {
        return format!("{date}T~");
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + s) - i64::from(offset) * 60;
    from_unix(secs)
}

/// Days since 1970-01-01 of a civil date (the inverse of the algorithm in [`from_unix`]).
fn days_from_civil(y: u32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `20240501`, a WARC or ARC stamp `20240501100000` (UTC), or Unix seconds.
fn digits_date(s: &str) -> Option<String> {
    let n = |r: std::ops::Range<usize>| num(&s[r]);
    match s.len() {
        8 => Some(show(Ymd::new(n(0..4)?, n(4..6)?, n(6..8)?)?, None)),
        12 | 14 => {
            let date = Ymd::new(n(0..4)?, n(4..6)?, n(6..8)?)?;
            let sec = if s.len() == 14 { n(12..14)? } else { 0 };
            let (h, m) = (n(8..10)?, n(10..12)?);
            let time = (h < 24 && m < 60 && sec < 61).then_some(Hms {
                h,
                m,
                s: sec,
                offset: Some(0),
            });
            time.map(|t| show(date, Some(t)))
        }
        9 | 10 => {
            let secs: i64 = s.parse().ok()?;
            Some(from_unix(secs))
        }
        _ => None,
    }
}

/// A Unix time in seconds as an RFC 3339 UTC date-time.
fn from_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    // Civil date from a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u32;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

fn digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

fn num(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if !digits(b) || b.len() > 9 {
        return None;
    }
    Some(b.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
}

/// The time after a date: `T10:00`, ` 10:00:00.123+02:00`, `T10:00:00Z`, ` 10:00 GMT`.
fn time_at(rest: &str) -> Option<Hms> {
    let rest = rest.strip_prefix(['T', 't', ' ']).unwrap_or(rest);
    let b = rest.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let part = |r: std::ops::Range<usize>| rest.get(r).and_then(num);
    let (h, m) = (part(0..2)?, part(3..5)?);
    let mut p = 5;
    let mut s = 0;
    if b.len() >= 8 && b[5] == b':' {
        s = part(6..8)?;
        p = 8;
    }
    while p < b.len() && (b[p] == b'.' || b[p] == b',' || b[p].is_ascii_digit()) {
        p += 1;
    }
    (h < 24 && m < 60 && s < 61).then(|| Hms {
        h,
        m,
        s,
        offset: rest.get(p..).and_then(|z| zone(z.trim())),
    })
}

/// A time zone: `Z`, `+02:00`, `+0200`, `+02`, `GMT`, `UTC`, `UTC+2`; `None` when absent or
/// unknown.
fn zone(z: &str) -> Option<i32> {
    let z = z.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let upper = z.to_ascii_uppercase();
    let z = match upper.as_str() {
        "Z" | "GMT" | "UTC" | "UT" => return Some(0),
        u if u.starts_with("GMT") || u.starts_with("UTC") => &z[3..],
        _ => z,
    };
    let (sign, digits_) = match z.as_bytes().first() {
        Some(b'+') => (1, &z[1..]),
        Some(b'-') => (-1, &z[1..]),
        _ => return None,
    };
    let d: String = digits_.chars().filter(|c| *c != ':').collect();
    let (h, m) = match d.len() {
        1 | 2 => (num(&d)?, 0),
        4 => (num(&d[..2])?, num(&d[2..])?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h as i32 * 60 + m as i32))
}

/// `November 19, 2019`, `19 Nov 2019`, `Tue, 19 Nov 2019 10:00:00 GMT` (RFC 2822, with its
/// time when it has a zone).
fn named_month_date(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut time_from = None;
    let mut pos = 0;
    for w in lower.split(|c: char| !c.is_ascii_alphanumeric() && c != ':') {
        let start = pos;
        pos += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        if w.contains(':') {
            time_from.get_or_insert(start);
            continue;
        }
        if month.is_none() && w.len() >= 3 && w.bytes().all(|c| c.is_ascii_alphabetic()) {
            if let Some(k) = MONTHS.iter().position(|m| w.starts_with(m)) {
                month = Some(k as u32 + 1);
                continue;
            }
        }
        let Ok(n) = w
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
        else {
            continue;
        };
        if w.len() == 4 && year.is_none() && YEARS.contains(&n) {
            year = Some(n);
        } else if day.is_none() && (1..=31).contains(&n) && w.len() <= 4 {
            day = Some(n);
        }
    }
    let date = Ymd::new(year?, month?, day?)?;
    let time = time_from.and_then(|p| time_at(s.get(p..)?.trim_start()));
    Some(show(date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        normalize_date(s)
    }

    #[test]
    fn iso_forms_keep_their_time_only_with_a_zone() {
        assert_eq!(
            n("2019-11-19T13:05:00.000Z").unwrap(),
            "2019-11-19T13:05:00Z"
        );
        assert_eq!(
            n("2019-11-19T13:05:00+0100").unwrap(),
            "2019-11-19T13:05:00+01:00"
        );
        assert_eq!(
            n("2019-11-19 13:05 -05:00").unwrap(),
            "2019-11-19T13:05:00-05:00"
        );
        assert_eq!(n("2019-11-19T13:05").unwrap(), "2019-11-19");
        assert_eq!(n("2019/11/19").unwrap(), "2019-11-19");
        assert_eq!(n("19.11.2019").unwrap(), "2019-11-19");
    }

    #[test]
    fn stamps_seconds_and_month_names() {
        assert_eq!(n("20240501100000").unwrap(), "2024-05-01T10:00:00Z");
        assert_eq!(n("20240501").unwrap(), "2024-05-01");
        assert_eq!(n("1714557600").unwrap(), "2024-05-01T10:00:00Z");
        assert_eq!(n("November 19, 2019").unwrap(), "2019-11-19");
        assert_eq!(
            n("Tue, 19 Nov 2019 10:00:00 GMT").unwrap(),
            "2019-11-19T10:00:00Z"
        );
        assert_eq!(n("19 Nov 2019").unwrap(), "2019-11-19");
    }

    #[test]
    fn any_text_is_safe() {
        for s in [
            "10:\u{fffd}0:00Z",
            "2024-05-01T1\u{e9}:00",
            "2024-0\u{e9}-01",
            "\u{e9}\u{e9}.\u{e9}.2024",
        ] {
            let _ = normalize_date(s);
            let _ = date_sort_key(s);
        }
        assert_eq!(n("2024-05-01T10:00:00\u{e9}"), Some("2024-05-01".into()));
    }

    #[test]
    fn non_dates_are_none() {
        for s in [
            "yesterday",
            "2019-13-40",
            "2019-02-30",
            "",
            "12",
            "Monday",
            "1899-01-01",
        ] {
            assert_eq!(n(s), None, "{s}");
        }
    }

    #[test]
    fn sort_keys_order_instants_and_put_a_bare_day_last() {
        let k = date_sort_key;
        assert!(k("2024-05-07T13:02:00Z") < k("2024-05-07"));
        assert!(k("2024-05-07T14:00:00+02:00") < k("2024-05-07T13:00:00Z"));
        assert_eq!(k("2024-05-07T14:00:00+02:00"), "2024-05-07T12:00:00Z");
        assert!(k("2024-05-06") < k("2024-05-07T00:00:00Z"));
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }

    #[test]
    fn unix_days_convert_across_leap_years() {
        assert_eq!(from_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(from_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(from_unix(1_709_164_800), "2024-02-29T00:00:00Z");
    }
}
