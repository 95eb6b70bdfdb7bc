//! One-document inputs: a plain text or HTML file, read whole up to `max_doc_bytes`.

use crate::event::{Ctx, ReadEvent};
use crate::nul::strip_nul;
use crate::sniff::{is_binary_content, Format};
use crate::source::Src;
use newsmill_core::{Doc, Html, InputError, InputErrorKind};

/// The one document of a text or HTML input, or why there is none.
pub(crate) fn read_single(
    src: &mut Src,
    ctx: &Ctx,
    format: Format,
    buf: &mut Vec<u8>,
) -> ReadEvent {
    let max = ctx.opts.max_doc_bytes;
    let id = ctx.derived_id(0);
    let loc = ctx.loc(None, Some(0), Some(0));
    let got = match src.read_block(max as u64 + 1, buf, max + 1) {
        Ok(n) => n,
        Err(e) => {
            let at = ctx.loc(None, Some(src.offset), Some(0));
            return ReadEvent::Error(ctx.io_error(&e, at).0);
        }
    };
    if got > max as u64 {
        let detail = format!("more than {max} bytes");
        return ReadEvent::rejected(id, loc, InputErrorKind::DocTooLarge, detail);
    }
    let empty = || {
        ReadEvent::Error(InputError::new(
            loc.clone(),
            InputErrorKind::EmptyFile,
            "the input holds no text",
        ))
    };
    if format == Format::Empty {
        return empty();
    }
    if format == Format::Binary || is_binary_content(buf) {
        return ReadEvent::rejected(id, loc, InputErrorKind::BinaryContent, "");
    }
    let bytes = strip_nul(ctx, std::mem::take(buf));
    let mut doc = Doc {
        id,
        pos: ctx.pos(0),
        ..Doc::default()
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return empty();
    }
    if format == Format::Html {
        doc.html = Some(Html {
            bytes,
            http_charset: None,
        });
        return ReadEvent::Doc(doc);
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    doc.text = match std::str::from_utf8(body) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            ctx.lossy();
            String::from_utf8_lossy(body).into_owned()
        }
    };
    ReadEvent::Doc(doc)
}
