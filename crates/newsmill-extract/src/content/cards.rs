//! Teaser cards (lists of other stories built as card boxes) and the sibling boxes a split
//! article spreads over.

use super::debug::{path, DEBUG};
use crate::dom::{AttrName, Dom, Kind, Tag, NONE};

/// How many ancestor levels [`take_siblings`] climbs at most.
/// Teaser cards: at least [`MIN_CARDS`] sibling boxes of one tag, each a short story card (a
/// headline link inside a heading, a link-only title block beside a picture link to the same
/// page, or a link with an excerpt cut off with an ellipsis, plus some text of its own). Lists of other stories ("More from ...", "Breaking news") are built this
/// way; the excerpts are prose, so the block scores would keep them.
pub(super) fn teaser_cards(
    dom: &Dom,
    removed: &[bool],
    raw: &[u32],
    raw_link: &[u32],
    page_host: Option<&str>,
) -> Vec<u32> {
    let n = removed.len();
    let mut head_link = vec![false; n];
    let mut link_block = vec![false; n];
    let mut max_link = vec![0u32; n];
    let mut max_link_at = vec![NONE; n];
    let mut last_text = vec![NONE; n];
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        match dom.nodes[i].kind {
            Kind::Text { .. } => {
                if last_text[i] == NONE && !dom.text_of(i as u32).trim().is_empty() {
                    last_text[i] = i as u32;
                }
            }
            Kind::Element { tag, .. } => {
                if tag == Tag::A && raw[i] > max_link[i] {
                    max_link[i] = raw[i];
                    max_link_at[i] = i as u32;
                }
                if raw_link[i] * 10 >= raw[i] * 8 {
                    if tag.is_heading() && raw_link[i] >= 15 {
                        head_link[i] = true;
                    } else if tag.is_block() && raw_link[i] >= 10 {
                        link_block[i] = true;
                    }
                }
            }
            Kind::Root => {}
        }
        let par = dom.nodes[i].parent as usize;
        head_link[par] |= head_link[i];
        link_block[par] |= link_block[i];
        if max_link[i] > max_link[par] {
            max_link[par] = max_link[i];
            max_link_at[par] = max_link_at[i];
        }
        if last_text[par] == NONE {
            last_text[par] = last_text[i];
        }
    }
    let is_card = |c: usize| {
        let len = raw[c];
        if !(40..=700).contains(&len) || len < raw_link[c] + 20 {
            return false;
        }
        // The headline leads to another page of the same site (a listicle's items link out).
        let internal = max_link_at[c] != NONE
            && dom
                .attr(max_link_at[c], AttrName::Href)
                .is_none_or(|h| same_site(h, page_host));
        if !internal {
            return false;
        }
        head_link[c]
            || link_block[c] && picture_link_to(dom, c as u32, max_link_at[c], raw)
            || max_link[c] >= 15 && last_text[c] != NONE && cut_off(dom.text_of(last_text[c]))
    };
    let mut cards: Vec<u32> = Vec::new();
    let mut dropped = Vec::new();
    for p in 0..n {
        if removed[p] || !matches!(dom.nodes[p].kind, Kind::Element { .. }) || raw[p] < 120 {
            continue;
        }
        cards.clear();
        let mut first_tag = None;
        let mut same = true;
        for c in dom.children(p as u32) {
            let cu = c as usize;
            if removed[cu] || raw[cu] == 0 {
                continue;
            }
            if is_card(cu) {
                let t = dom.tag(c);
                same &= first_tag.is_none_or(|f| f == t);
                first_tag = first_tag.or(Some(t));
                cards.push(c);
            }
        }
        let card_chars: u32 = cards.iter().map(|&c| raw[c as usize]).sum();
        if cards.len() >= MIN_CARDS && same && card_chars * 10 >= raw[p] * 6 {
            if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
                for &c in &cards {
                    eprintln!("CARD {c} {}", path(dom, c, removed));
                }
            }
            dropped.extend_from_slice(&cards);
        }
    }
    dropped.sort_unstable();
    dropped
}

/// Whether the box `c` also holds a link without text (a picture) to where link `a` leads: the
/// picture-and-headline pair of a story card.
pub(super) fn picture_link_to(dom: &Dom, c: u32, a: u32, raw: &[u32]) -> bool {
    let Some(href) = dom.attr(a, AttrName::Href) else {
        return false;
    };
    (c..dom.subtree_end(c)).any(|j| {
        j != a
            && dom.tag(j) == Some(Tag::A)
            && raw[j as usize] == 0
            && dom.attr(j, AttrName::Href) == Some(href)
    })
}

/// The host of an absolute URL (`//host/...` too), without `www.`.
pub(super) fn host_of(url: &str) -> Option<&str> {
    let u = url.trim();
    let rest = if let Some(k) = u.find("://") {
        &u[k + 3..]
    } else {
        u.strip_prefix("//")?
    };
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Whether a link stays on the page's site: relative links do, absolute ones when their host is
/// the page's (or a subdomain of either); with no page host known, every link counts as local.
pub(super) fn same_site(href: &str, page_host: Option<&str>) -> bool {
    let Some(h) = host_of(href) else {
        return true;
    };
    let Some(p) = page_host else {
        return true;
    };
    let (a, b) = (h.to_ascii_lowercase(), p.to_ascii_lowercase());
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

/// Whether a text ends in an ellipsis (an excerpt cut off).
pub(super) fn cut_off(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with("...") || t.ends_with('\u{2026}')
}

/// How many sibling story cards make a teaser list.
pub(super) const MIN_CARDS: usize = 3;

pub(super) const SIBLING_LEVELS: usize = 3;

/// Widens the chosen subtree to the preceding siblings that read as article prose, such as a
/// lead paragraph in its own `intro` box before the body container. Walks up from `best` while
/// some earlier sibling at that level qualifies (positive score, mostly link-free, most of its
/// text counting as prose); the other siblings are marked removed so that the render skips
/// them. Only earlier ones: prose after the body is mostly author notes, citations, reviews.
/// Returns the new root to render.
pub(super) fn take_siblings(
    dom: &Dom,
    best: usize,
    own: &[u32],
    own_link: &[u32],
    sum: &[f32],
    removed: &mut [bool],
) -> usize {
    let n = own.len();
    let mut sub = own.to_vec();
    let mut sub_link = own_link.to_vec();
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let par = dom.nodes[i].parent as usize;
        sub[par] += sub[i];
        sub_link[par] += sub_link[i];
    }
    let mut top = best;
    // Climbing past levels with nothing before the current node costs nothing, but is only
    // worth it when a lead turns up further up: those levels stay pending until then.
    let mut cur = best;
    let mut hide = Vec::new();
    for _ in 0..SIBLING_LEVELS {
        let par = dom.nodes[cur].parent;
        if par == NONE
            || removed[par as usize]
            || !matches!(dom.tag(par), Some(t) if !matches!(t, Tag::Body | Tag::Html))
        {
            break;
        }
        let mut any = false;
        let mut before = 0;
        let mut after = false;
        let mark = hide.len();
        for c in dom.children(par) {
            let cu = c as usize;
            if cu == cur {
                after = true;
                continue;
            }
            if removed[cu] || sub[cu] == 0 {
                continue;
            }
            let ok = !after
                && sum[cu] > 0.0
                // Leads hardly link; notices before the body ("affiliate links") do.
                && sub_link[cu] * 10 < sub[cu]
                && sum[cu] >= 0.5 * sub[cu] as f32;
            before += usize::from(!after);
            if ok {
                any = true;
            } else {
                hide.push(cu);
            }
        }
        if any {
            for &h in &hide {
                removed[h] = true;
            }
            hide.clear();
            top = par as usize;
        } else if before > 0 {
            hide.truncate(mark);
            break;
        }
        cur = par as usize;
    }
    top
}
