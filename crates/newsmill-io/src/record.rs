//! An archived response (a WARC `response` or `resource` record, an ARC record) as a document:
//! the HTTP message undone, NUL bytes removed, the crawl date kept apart from the page's date.

use crate::event::{Ctx, ReadEvent};
use crate::http::{charset_of, http_body, is_html_mime, Http};
use crate::nul::strip_nul;
use crate::sniff::is_binary_content;
use newsmill_core::{Doc, Html, InputErrorKind, Location};

/// Bytes of a record a truncated stream cut short that still make a page worth keeping.
pub(crate) const MIN_TRUNCATED_PAGE: usize = 2048;

/// What the archive says about a record.
pub(crate) struct Archived {
    pub id: String,
    pub url: Option<String>,
    /// When it was fetched, as the archive writes it.
    pub crawl_date: Option<String>,
    /// The record's own content type (`application/http`, `text/html`).
    pub content_type: String,
    /// The block is an HTTP response (headers first).
    pub http: bool,
}

/// The record as a document, a skip (not HTML, not a success) or a reject.
pub(crate) fn archived_response(
    ctx: &Ctx,
    a: Archived,
    block: Vec<u8>,
    loc: Location,
) -> ReadEvent {
    let skipped = |kind| ReadEvent::Skipped {
        kind,
        location: loc.clone(),
    };
    let block_type = a.content_type.to_ascii_lowercase();
    let (body, charset) = if !a.http {
        if !is_html_mime(&block_type, &block) {
            return skipped("non_html");
        }
        (block, charset_of(&block_type))
    } else {
        if !block_type.is_empty()
            && !block_type.starts_with("application/http")
            && !block.starts_with(b"HTTP/")
        {
            return skipped("non_html");
        }
        match http_body(&block, ctx.opts.max_doc_bytes) {
            Ok(Http::Body {
                body,
                charset,
                fallback,
            }) => {
                if fallback {
                    ctx.count(&ctx.stats.encoding_fallbacks);
                }
                (body, charset)
            }
            Ok(Http::Status) => return skipped("http_status"),
            Ok(Http::NotHtml) => return skipped("non_html"),
            Err(reason) => return ReadEvent::rejected(a.id, loc, reason, ""),
        }
    };
    if is_binary_content(&body) {
        return ReadEvent::rejected(a.id, loc, InputErrorKind::BinaryContent, "");
    }
    let body = strip_nul(ctx, body);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return ReadEvent::rejected(a.id, loc, InputErrorKind::NoText, "empty HTTP body");
    }
    let doc = Doc {
        id: a.id,
        pos: ctx.pos(loc.record.unwrap_or(0)),
        url: a.url,
        crawl_date: a
            .crawl_date
            .as_deref()
            .and_then(newsmill_core::normalize_date),
        html: Some(Html {
            bytes: body,
            http_charset: charset,
        }),
        ..Doc::default()
    };
    ReadEvent::Doc(doc)
}
