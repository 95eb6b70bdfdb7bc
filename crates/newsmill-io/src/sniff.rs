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
    /// A compression we recognise but cannot read; the name says which.
    Unsupported(&'static str),
}

/// What a (decompressed) stream holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WARC records (`WARC/1.0` or `WARC/1.1` first line).
    Warc,
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
/// a first non-blank character `{` followed by `"` or `}` is JSONL; a page starting with
/// `<!doctype html`, `<html`, `<head`, or an XML prolog / comment followed by `<html` within the
/// sniffed bytes is HTML; NUL bytes or more than 10% control bytes is binary; anything else text.
/// Leading UTF-8 BOM and whitespace are ignored.
pub fn sniff_format(first_bytes: &[u8]) -> Format {
    let head = &first_bytes[..first_bytes.len().min(SNIFF_BYTES)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Format::Empty;
    };
    let t = &head[start..];
    if t.starts_with(b"WARC/1.") || t.starts_with(b"WARC/0.") {
        return Format::Warc;
    }
    if t.first() == Some(&b'{') {
        let rest = &t[1..];
        let next = rest.iter().find(|b| !b.is_ascii_whitespace());
        if matches!(next, Some(b'"') | Some(b'}')) {
            return Format::Jsonl;
        }
    }
    if looks_binary(head) {
        return Format::Binary;
    }
    if t.first() == Some(&b'<') && looks_html(t) {
        return Format::Html;
    }
    Format::Text
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn looks_html(t: &[u8]) -> bool {
    if starts_with_ci(t, b"<!doctype html")
        || starts_with_ci(t, b"<html")
        || starts_with_ci(t, b"<head")
    {
        return true;
    }
    // An XML prolog or a leading comment may come first; then the html element must follow.
    if t.starts_with(b"<?xml") || t.starts_with(b"<!--") || starts_with_ci(t, b"<!doctype") {
        return contains_ci(t, b"<html");
    }
    false
}

/// NULs are never in text; a few stray control bytes are (form feeds, old encodings), so only a
/// sizeable share of them counts as binary.
fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    if head.starts_with(b"%PDF-")
        || head.starts_with(b"\x89PNG")
        || head.starts_with(b"GIF8")
        || head.starts_with(b"\xff\xd8\xff")
    {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control * 10 > head.len()
}

/// Whether a whole document's bytes are binary by the same rule the sniffer uses.
pub(crate) fn is_binary_content(bytes: &[u8]) -> bool {
    looks_binary(&bytes[..bytes.len().min(SNIFF_BYTES)]) || bytes.contains(&0)
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
        assert_eq!(sniff_format(b"<b>not a page</b> just text"), Format::Text);
        assert_eq!(sniff_format(b"{ curly text, not json }"), Format::Text);
        assert_eq!(
            sniff_format(b"Plain news text.\nSecond line."),
            Format::Text
        );
        assert_eq!(sniff_format(b"abc\x00def"), Format::Binary);
        assert_eq!(sniff_format(b"\x01\x02\x03\x04abc"), Format::Binary);
        assert_eq!(sniff_format(b"%PDF-1.4"), Format::Binary);
        assert_eq!(sniff_format(b""), Format::Empty);
        assert_eq!(sniff_format(b" \n\t\r\n"), Format::Empty);
        assert_eq!(sniff_format(b"\xef\xbb\xbf"), Format::Empty);
    }
}
