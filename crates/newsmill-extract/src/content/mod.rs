//! Main-content selection: which part of the page is the article, and which of its blocks to keep.
//!
//! 1. Boilerplate subtrees go first: elements that never hold article text (`nav`, `aside`,
//!    scripts, forms controls), hidden ones, and ones whose class/id/role names them as comments,
//!    share bars, related stories, cookie banners and the like. A name match does not remove a
//!    node holding most of the page's text (sites name wrappers `has-sidebar`).
//! 2. Every text block (the inline content of a block element) gets a value: long, link-poor
//!    blocks count for their length, link lists and short fragments against it. When the page's
//!    JSON-LD carries `articleBody`, agreement with it decides instead.
//! 3. The article is the subtree with the highest total value: it takes in the paragraphs and
//!    leaves out the menus, teasers and footers around them, whatever the markup calls them.
//!    Prose boxes just before it (a lead in its own `intro` box) are taken along.
//! 4. Inside it, link-dense blocks, stock phrases ("Advertisement", "Share this", "4 min read"),
//!    the site's notices to its readers (affiliate disclosures, newsletter calls, comment rules,
//!    reporting credits), a post's metadata line, publication stamps and a heading or first
//!    line that repeats the title are dropped; paragraph breaks follow the block structure. A
//!    heading whose whole section is a left-out link list ("More on this topic") goes too, and
//!    a heading that opens the page's tail late in the text ("Related", "Weitere Meldungen",
//!    "About the author", "3 comments") ends it.
//!
//! A page whose markup shows only part of the story its JSON-LD `articleBody` holds (paywalls,
//! lazy loading) is completed from that body afterwards (`complete_from_ld` in `lib.rs`).

mod blocks;
mod cards;
mod debug;
mod lines;
mod names;
mod nodes;
mod params;
mod render;
#[cfg(test)]
mod tests;
mod text;

use crate::dom::Dom;
use blocks::{block_scores, choose_best, debug_dump, subtree_scores, Blocks};
use cards::{host_of, take_siblings, teaser_cards};
use nodes::Nodes;
use render::{render, tidy, Inputs};
use std::collections::HashSet;
use text::{hash_word, words};

pub(crate) use debug::DEBUG;
pub(crate) use params::{Content, Params};

/// Selects and renders the main text.
pub(crate) fn extract(
    dom: &Dom,
    ld_body: Option<&str>,
    title: Option<&str>,
    page_url: Option<&str>,
    p: &Params,
) -> Content {
    let mut out = Content::default();
    if dom.nodes.len() <= 1 {
        return out;
    }
    let (mut t, best_positive) = Nodes::of(dom, &mut out);
    let cards = teaser_cards(
        dom,
        &t.removed,
        &t.raw,
        &t.raw_link,
        page_url.and_then(host_of),
    );
    // Per-block text, link text and agreement with the JSON-LD body.
    let ld_words: Option<HashSet<u64>> = ld_body
        .filter(|b| b.len() >= 300)
        .map(|b| words(b).map(hash_word).collect());
    let bl = Blocks::measure(dom, &t, ld_words.as_ref());
    let has_ld = ld_words.is_some();
    let score = block_scores(dom, &t, &bl, has_ld, p, &mut out);
    let sum = subtree_scores(dom, &t.removed, &score);
    let best = choose_best(
        dom,
        &t.removed,
        &bl.own,
        &bl.own_match,
        &sum,
        best_positive,
        has_ld,
        &mut out,
    );
    // Leads, intros and body parts that the layout splits off sit beside the winner, not in it.
    let top = if best == 0 {
        0
    } else {
        take_siblings(dom, best, &bl.own, &bl.own_link, &sum, &mut t.removed)
    };
    if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
        debug_dump(dom, &t, &bl, &score, &sum, best);
    }
    let title_words: Option<HashSet<u64>> = title.map(|t| words(t).map(hash_word).collect());
    let inputs = Inputs {
        t: &t,
        bl: &bl,
        cards: &cards,
        has_ld,
        title_words: title_words.as_ref(),
        p,
    };
    let (lines, junk_at) = render(dom, &inputs, top);
    let lines = tidy(dom, lines, &junk_at, title_words.as_ref());
    out.paragraphs = lines.len();
    let mut text = String::with_capacity(lines.iter().map(|l| l.0.len() + 1).sum());
    for (k, (l, _)) in lines.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        text.push_str(l);
    }
    out.text = text;
    out
}
