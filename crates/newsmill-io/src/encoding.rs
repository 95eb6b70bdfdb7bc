//! HTTP `Content-Encoding`: gzip, deflate (zlib or raw), brotli and zstd bodies decoded with every
//! size bounded. Crawlers often store the body already decoded but keep the header (ClueWeb,
//! some WARC writers): a body that does not start the way its encoding says, or does not decode
//! while it reads as text, is taken as it is and counted, not rejected.

use newsmill_core::InputErrorKind;
use std::io::Read;

/// A decoded body, and whether it was taken as stored despite its `Content-Encoding`.
pub(crate) struct Decoded {
    pub body: Vec<u8>,
    pub fallback: bool,
}

/// Decodes `body` as `encodings` (the header value, codings in the order applied) says.
pub(crate) fn decode_body(
    body: Vec<u8>,
    encodings: &str,
    max: usize,
) -> Result<Decoded, InputErrorKind> {
    let mut out = Decoded {
        body,
        fallback: false,
    };
    // Codings are undone in reverse order of application.
    for coding in encodings.rsplit(',').map(str::trim) {
        match decode_one(&out.body, coding, max) {
            Step::Same => {}
            Step::Decoded(b) => out.body = b,
            Step::AsStored => out.fallback = true,
            Step::Fail(kind) => return Err(kind),
        }
    }
    Ok(out)
}

enum Step {
    /// No coding (`identity`).
    Same,
    Decoded(Vec<u8>),
    /// Not encoded as the header says, but readable as it is.
    AsStored,
    Fail(InputErrorKind),
}

fn decode_one(body: &[u8], coding: &str, max: usize) -> Step {
    let coding = coding.to_ascii_lowercase();
    let result = match coding.as_str() {
        "" | "identity" | "none" | "utf-8" | "utf8" | "binary" | "8bit" | "7bit" => {
            return Step::Same
        }
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            inflate(flate2::read::MultiGzDecoder::new(body), max)
        }
        "deflate" if is_zlib_header(body) => inflate(flate2::read::ZlibDecoder::new(body), max),
        "deflate" => inflate(flate2::read::DeflateDecoder::new(body), max),
        "br" => inflate(brotli::Decompressor::new(body, 4096), max),
        "zstd" if body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) => {
            match zstd::stream::read::Decoder::new(body) {
                Ok(d) => inflate(d, max),
                Err(_) => Err(InputErrorKind::BadContentEncoding),
            }
        }
        // gzip or zstd without its magic bytes: stored decoded.
        "gzip" | "x-gzip" | "zstd" => Err(InputErrorKind::BadContentEncoding),
        // compress, exi, ...: codings nothing writes any more.
        _ => Err(InputErrorKind::BadContentEncoding),
    };
    match result {
        Ok(b) => Step::Decoded(b),
        Err(InputErrorKind::DocTooLarge) => Step::Fail(InputErrorKind::DocTooLarge),
        Err(_) if reads_as_text(body) => Step::AsStored,
        Err(kind) => Step::Fail(kind),
    }
}

/// A zlib stream header: compression method 8 and a header checksum that divides by 31.
fn is_zlib_header(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0
}

/// Whether bytes that failed to decode are text after all (an HTML page stored decoded): the
/// first non-blank byte opens markup or the sample is printable.
fn reads_as_text(b: &[u8]) -> bool {
    let head = &b[..b.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = head.iter().find(|c| !c.is_ascii_whitespace());
    if first == Some(&b'<') {
        return true;
    }
    let odd = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
        .count();
    !head.is_empty() && odd * 50 < head.len() && std::str::from_utf8(head).is_ok()
}

fn inflate(r: impl Read, max: usize) -> Result<Vec<u8>, InputErrorKind> {
    let mut out = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| InputErrorKind::BadContentEncoding)?;
    if out.len() > max {
        return Err(InputErrorKind::DocTooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PAGE: &[u8] = b"<html><body><p>The council met.</p></body></html>";

    fn decoded(body: &[u8], enc: &str) -> (Vec<u8>, bool) {
        let d = decode_body(body.to_vec(), enc, 1 << 20).unwrap_or_else(|k| panic!("{enc}: {k}"));
        (d.body, d.fallback)
    }

    #[test]
    fn every_coding_decodes() {
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        g.write_all(PAGE).unwrap();
        let gz = g.finish().unwrap();
        assert_eq!(decoded(&gz, "gzip"), (PAGE.to_vec(), false));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(PAGE).unwrap();
        assert_eq!(decoded(&z.finish().unwrap(), "deflate").0, PAGE);
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        d.write_all(PAGE).unwrap();
        assert_eq!(decoded(&d.finish().unwrap(), "deflate").0, PAGE);
        let mut br = Vec::new();
        brotli::CompressorWriter::new(&mut br, 4096, 5, 22)
            .write_all(PAGE)
            .unwrap();
        assert_eq!(decoded(&br, "br").0, PAGE);
        let zst = zstd::encode_all(PAGE, 1).unwrap();
        assert_eq!(decoded(&zst, "zstd").0, PAGE);
        // gzip applied after brotli: undone in reverse order
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        g.write_all(&br).unwrap();
        assert_eq!(decoded(&g.finish().unwrap(), "br, gzip").0, PAGE);
    }

    #[test]
    fn a_body_stored_decoded_is_taken_as_it_is() {
        for enc in ["gzip", "deflate", "br", "zstd", "x-gzip", "compress"] {
            assert_eq!(decoded(PAGE, enc), (PAGE.to_vec(), true), "{enc}");
        }
        assert!(decode_body(vec![0x1f, 0x8b, 1, 2, 3], "gzip", 100).is_err());
        assert!(decode_body(vec![9, 200, 3, 4, 1, 0, 7], "br", 100).is_err());
    }

    #[test]
    fn sizes_are_bounded() {
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        g.write_all(&[b'a'; 10_000]).unwrap();
        let gz = g.finish().unwrap();
        assert!(matches!(
            decode_body(gz, "gzip", 100),
            Err(InputErrorKind::DocTooLarge)
        ));
    }
}
