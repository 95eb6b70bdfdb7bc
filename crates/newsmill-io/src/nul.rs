//! NUL bytes in a page that is otherwise text (a crawler's padding, a broken encoder) are removed
//! and counted, the same way in every container (a text or HTML file, a WARC body, a JSON
//! string), so one page gives one outcome wherever it was stored.

use crate::event::Ctx;

/// The string without its NUL characters; counts the record when there were any.
pub(crate) fn strip_nul_bytes(ctx: &Ctx, s: String) -> String {
    if memchr::memchr(0, s.as_bytes()).is_none() {
        return s;
    }
    ctx.count(&ctx.stats.nul_records);
    s.replace('\0', "")
}

/// The bytes without their NULs; counts the record when there were any.
pub(crate) fn strip_nul(ctx: &Ctx, mut b: Vec<u8>) -> Vec<u8> {
    if memchr::memchr(0, &b).is_none() {
        return b;
    }
    ctx.count(&ctx.stats.nul_records);
    b.retain(|&c| c != 0);
    b
}
