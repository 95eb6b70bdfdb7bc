//! Format detection from the first bytes of a stream, so that inputs are read by what they
//! contain rather than by what they are called (crawl dumps are often misnamed or nameless, as on
//! stdin).

/// How many leading bytes the readers look at to decide compression and format.
pub const SNIFF_BYTES: usize = 8192;

/// The compression wrapping a stream, told by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed (or compressed by something we do not recognise).
    None,
    /// gzip, one member or many (as WARC.gz files are: one member per record).
    Gzip,
    /// zstd, one frame or many.
    Zstd,
    /// brotli (no magic bytes: told by a `.br` name).
    Brotli,
    /// A compression we recognise but cannot read; the name says which.
    Unsupported(&'static str),
}

/// What a (decompressed) stream holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WARC records (`WARC/1.0` or `WARC/1.1` first line).
    Warc,
    /// ARC records (a `filedesc://` first line).
    Arc,
    /// One JSON object per line.
    Jsonl,
    /// One HTML page.
    Html,
    /// One plain text document.
    Text,
    /// Bytes that are not text (NULs, many control bytes, or a known binary magic).
    Binary,
    /// Nothing at all (or only whitespace).
    Empty,
}

impl Format {
    /// A short lowercase name for logs and reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Warc => "warc",
            Format::Arc => "arc",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Text => "text",
            Format::Binary => "binary",
            Format::Empty => "empty",
        }
    }
}

/// Tells the compression of a stream from its first bytes (at least 6 are needed to be sure).
pub fn sniff_compression(first_bytes: &[u8]) -> Compression {
    let b = first_bytes;
    if b.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if b.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else if b.starts_with(b"BZh") && b.len() >= 4 && b[3].is_ascii_digit() {
        Compression::Unsupported("bzip2")
    } else if b.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
        Compression::Unsupported("xz")
    } else if b.starts_with(&[0x04, 0x22, 0x4d, 0x18]) {
        Compression::Unsupported("lz4")
    } else if b.starts_with(b"PK\x03\x04") {
        Compression::Unsupported("zip")
    } else {
        Compression::None
    }
}

/// Tells the format of a decompressed stream from its first bytes (up to [`SNIFF_BYTES`]).
///
/// Rules, in order: empty or whitespace-only is [`Format::Empty`]; a `WARC/1.` first line is WARC;
/// a `filedesc://` first line is ARC; a first non-blank `{` followed by `"` or `}`, or `[`
/// followed by `{` or `]`, is JSON; a known binary magic or many control bytes is binary; a first
/// non-blank byte opening a tag, a comment, a doctype or an XML prolog is HTML, and so is a short
/// server warning before an `<html>` element; anything else text. A leading UTF-8 BOM and
/// whitespace are ignored, and so are NUL bytes (a page padded with them is still a page).
pub fn sniff_format(first_bytes: &[u8]) -> Format {
    let head = &first_bytes[..first_bytes.len().min(SNIFF_BYTES)];
    let cleaned: std::borrow::Cow<[u8]> = if memchr::memchr(0, head).is_some() {
        head.iter().copied().filter(|&b| b != 0).collect()
    } else {
        head.into()
    };
    let head = cleaned.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&cleaned);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Format::Empty;
    };
    let t = &head[start..];
    if t.starts_with(b"WARC/1.") || t.starts_with(b"WARC/0.") {
        return Format::Warc;
    }
    if t.starts_with(b"filedesc://") {
        return Format::Arc;
    }
    if opens_json(t) {
        return Format::Jsonl;
    }
    if looks_binary(head) {
        return Format::Binary;
    }
    if opens_markup(t) || warning_before_html(t) {
        return Format::Html;
    }
    Format::Text
}

/// `{"...` or `{}` (an object), `[{...` or `[]` (an array of objects).
fn opens_json(t: &[u8]) -> bool {
    let next = |rest: &[u8]| rest.iter().copied().find(|b| !b.is_ascii_whitespace());
    match t.first() {
        Some(b'{') => matches!(next(&t[1..]), Some(b'"' | b'}')),
        Some(b'[') => matches!(next(&t[1..]), Some(b'{' | b']')),
        _ => false,
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A tag (`<p`, `<script`, `<br />`), an end tag, a comment, a doctype or an XML prolog.
fn opens_markup(t: &[u8]) -> bool {
    match (t.first(), t.get(1)) {
        (Some(b'<'), Some(c)) => c.is_ascii_alphabetic() || matches!(c, b'!' | b'?' | b'/'),
        _ => false,
    }
}

/// `Warning: Cannot modify header information ... <html>`: a server's warning printed before
/// the page.
fn warning_before_html(t: &[u8]) -> bool {
    const WORDS: [&[u8]; 5] = [
        b"warning",
        b"notice",
        b"deprecated",
        b"fatal error",
        b"strict standards",
    ];
    let Some(at) = find_ci(t, b"<html").or_else(|| find_ci(t, b"<!doctype html")) else {
        return false;
    };
    at < 2048 && WORDS.iter().any(|w| find_ci(&t[..at], w).is_some())
}

/// Leading bytes whose control bytes decide whether content is binary: enough for any real
/// file's header, and little enough to check on every archived record (8 KB cost 5% of the
/// WARC reader's time).
const BINARY_SNIFF_BYTES: usize = 512;

/// A known binary magic, or a sizeable share of control bytes in the first
/// [`BINARY_SNIFF_BYTES`]. NULs do not count: they are removed from pages that are otherwise
/// text.
fn looks_binary(head: &[u8]) -> bool {
    let head = &head[..head.len().min(BINARY_SNIFF_BYTES)];
    if head.starts_with(b"%PDF-")
        || head.starts_with(b"\x89PNG")
        || head.starts_with(b"GIF8")
        || head.starts_with(b"\xff\xd8\xff")
        || head.starts_with(b"RIFF")
        || head.starts_with(b"\x00\x00\x01\x00")
    {
        return true;
    }
    let (control, nul) = control_and_nul_bytes(head);
    let counted = head.len() - nul;
    counted > 0 && control * 20 > counted
}

/// Control bytes other than whitespace, form feed, escape and NUL, and NULs, of a head of at
/// most [`BINARY_SNIFF_BYTES`]: every archived record's head goes through this, so it counts in
/// 32 byte lanes without branches (a form the compiler vectorizes; a lane counts at most 16).
fn control_and_nul_bytes(head: &[u8]) -> (usize, usize) {
    debug_assert!(head.len() <= BINARY_SNIFF_BYTES);
    let is_control = |b: u8| {
        let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c) | (b == 0x1b);
        ((b < 0x20) & (b != 0) & !allowed) as u8
    };
    let (mut control, mut nul) = ([0u8; 32], [0u8; 32]);
    let mut chunks = head.chunks_exact(32);
    for chunk in &mut chunks {
        for i in 0..32 {
            control[i] += is_control(chunk[i]);
            nul[i] += (chunk[i] == 0) as u8;
        }
    }
    let sum = |lanes: [u8; 32]| lanes.iter().map(|&n| n as usize).sum::<usize>();
    let rest = chunks.remainder();
    let rest_control = rest.iter().map(|&b| is_control(b) as usize).sum::<usize>();
    let rest_nul = rest.iter().filter(|&&b| b == 0).count();
    (sum(control) + rest_control, sum(nul) + rest_nul)
}

/// Whether a whole document's bytes are binary by the same rule the sniffer uses.
pub(crate) fn is_binary_content(bytes: &[u8]) -> bool {
    looks_binary(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_by_magic() {
        assert_eq!(sniff_compression(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
        assert_eq!(
            sniff_compression(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(
            sniff_compression(b"BZh9"),
            Compression::Unsupported("bzip2")
        );
        assert_eq!(
            sniff_compression(b"\xfd7zXZ\x00"),
            Compression::Unsupported("xz")
        );
        assert_eq!(sniff_compression(b"{\"text\":1}"), Compression::None);
        assert_eq!(sniff_compression(b""), Compression::None);
        assert_eq!(sniff_compression(&[0x1f]), Compression::None);
    }

    #[test]
    fn formats_by_content() {
        assert_eq!(
            sniff_format(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"),
            Format::Warc
        );
        assert_eq!(sniff_format(b"\r\n\r\nWARC/1.1\r\n"), Format::Warc);
        assert_eq!(sniff_format(b"{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(sniff_format(b"\xef\xbb\xbf { \"id\": 1}"), Format::Jsonl);
        assert_eq!(sniff_format(b"{}\n"), Format::Jsonl);
        assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format(b"  <HTML lang=en>"), Format::Html);
        assert_eq!(
            sniff_format(b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC>\n<html xmlns=>"),
            Format::Html
        );
        assert_eq!(sniff_format(b"<!-- saved --><html>"), Format::Html);
        assert_eq!(sniff_format(b"<b>a fragment</b> is markup"), Format::Html);
        assert_eq!(
            sniff_format(b"<script>var x;</script><p>Story"),
            Format::Html
        );
        assert_eq!(
            sniff_format(b"<br />\n<b>Warning</b>: x in y.php<html>"),
            Format::Html
        );
        assert_eq!(
            sniff_format(b"Warning: Cannot modify header information in a.php\n<html><p>x"),
            Format::Html
        );
        assert_eq!(
            sniff_format(b"filedesc://a.arc 0.0.0.0 20040501 text/plain 9"),
            Format::Arc
        );
        assert_eq!(sniff_format(b"[\n  {\"text\": 1}]"), Format::Jsonl);
        assert_eq!(sniff_format(b"a < b and c > d"), Format::Text);
        assert_eq!(sniff_format(b"{ curly text, not json }"), Format::Text);
        assert_eq!(
            sniff_format(b"Plain news text.\nSecond line."),
            Format::Text
        );
        assert_eq!(sniff_format(b"abc\x00def"), Format::Text);
        assert_eq!(
            sniff_format(b"\x00<\x00h\x00t\x00m\x00l\x00>"),
            Format::Html
        );
        assert_eq!(sniff_format(b"\x01\x02\x03\x04abc"), Format::Binary);
        assert_eq!(sniff_format(b"%PDF-1.4"), Format::Binary);
        assert_eq!(sniff_format(b""), Format::Empty);
        assert_eq!(sniff_format(b" \n\t\r\n"), Format::Empty);
        assert_eq!(sniff_format(b"\xef\xbb\xbf"), Format::Empty);
    }
}
