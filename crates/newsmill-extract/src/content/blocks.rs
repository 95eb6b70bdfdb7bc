//! The value of every text block (long, link-poor prose counts for its length; link lists and
//! fragments against it; agreement with the JSON-LD body rescues short blocks) and the subtree
//! with the highest total: the article.

use super::debug::{path, DEBUG};
use super::nodes::Nodes;
use super::params::{Content, Params, CLIMB, MAX_DRAG, SHORT_SENTENCE};
use super::text::{ends_sentence, hash_word, words};
use crate::dom::{Dom, Kind, Tag, NONE};
use std::collections::HashSet;

/// Per block (indexed by node): its own inline text, of it inside links, of it matching the
/// JSON-LD body, and its last character.
pub(super) struct Blocks {
    pub(super) own: Vec<u32>,
    pub(super) own_link: Vec<u32>,
    pub(super) own_match: Vec<u32>,
    own_end: Vec<char>,
}

impl Blocks {
    /// Measures every block's kept text; `ld_words` are the JSON-LD body's word hashes.
    pub(super) fn measure(dom: &Dom, t: &Nodes, ld_words: Option<&HashSet<u64>>) -> Blocks {
        let n = dom.nodes.len();
        let (tc, removed, owner, in_link) = (&t.tc, &t.removed, &t.owner, &t.in_link);
        let mut own = vec![0u32; n];
        let mut own_link = vec![0u32; n];
        let mut own_match = vec![0u32; n];
        let mut own_end = vec![' '; n];
        for i in 1..n {
            let c = tc[i];
            if removed[i] || c == 0 {
                continue;
            }
            let o = owner[i] as usize;
            own[o] += c;
            if let Some(ch) = dom.text_of(i as u32).trim_end().chars().last() {
                own_end[o] = ch;
            }
            if in_link[i] {
                own_link[o] += c;
            }
            if let Some(set) = ld_words {
                let t = dom.text_of(i as u32);
                let m: u32 = words(t)
                    .filter(|w| set.contains(&hash_word(w)))
                    .map(|w| w.chars().count() as u32)
                    .sum();
                own_match[o] += m;
            }
        }
        Blocks {
            own,
            own_link,
            own_match,
            own_end,
        }
    }
}

/// Each block's value; fills the page's text totals into `out`.
pub(super) fn block_scores(
    dom: &Dom,
    t: &Nodes,
    bl: &Blocks,
    has_ld: bool,
    p: &Params,
    out: &mut Content,
) -> Vec<f32> {
    let n = dom.nodes.len();
    let (own, own_link, own_match, own_end, soft) =
        (&bl.own, &bl.own_link, &bl.own_match, &bl.own_end, &t.soft);
    let mut score = vec![0f32; n];
    let mut total = 0u32;
    let mut total_link = 0u32;
    let min_par = p.min_paragraph_chars as u32;
    for i in 0..n {
        let len = own[i];
        if len == 0 {
            continue;
        }
        total += len;
        total_link += own_link[i];
        let lenf = len as f32;
        let link = own_link[i] as f32;
        let tag = dom.tag(i as u32);
        let heuristic = if link / lenf > p.max_link_density {
            -lenf
        } else if len >= min_par {
            lenf - 2.0 * link
        } else if tag.is_some_and(Tag::is_heading) {
            0.0
        } else if link * 10.0 < 3.0 * lenf && ends_sentence(own_end[i]) {
            // A short sentence ("He declined to comment.") belongs with its neighbours.
            SHORT_SENTENCE * lenf
        } else {
            -0.3 * lenf
        };
        // Agreement with the JSON-LD body rescues short in-body blocks; disagreement proves
        // nothing (the JSON-LD copy is often a truncated teaser).
        let heuristic = if soft[i] && len < min_par {
            0.0
        } else {
            heuristic
        };
        let agrees = has_ld && own_match[i] as f32 >= 0.6 * lenf;
        score[i] = if agrees {
            heuristic.max(lenf)
        } else {
            heuristic
        };
    }
    out.page_chars = total as usize;
    out.page_link_chars = total_link as usize;
    score
}

/// Each subtree's total value, every negative subtree capped at [`MAX_DRAG`].
pub(super) fn subtree_scores(dom: &Dom, removed: &[bool], score: &[f32]) -> Vec<f32> {
    let n = dom.nodes.len();
    // Subtree sums; nodes after their parents, so a reverse loop accumulates bottom-up.
    let mut sum = score.to_vec();
    for i in (1..n).rev() {
        if removed[i] {
            continue;
        }
        let par = dom.nodes[i].parent as usize;
        // A subtree drags its ancestors down by at most MAX_DRAG: a long link list (a product
        // grid, a site index) beside a short article or a data sheet must not hand the page to
        // a cookie notice or a footer paragraph elsewhere.
        sum[par] += sum[i].max(-MAX_DRAG);
    }
    sum
}

/// The article's subtree: the best total, or the declared article body when the scores nearly
/// agree, or the container of a lone paragraph; 0 (the root) when nothing scores.
#[allow(clippy::too_many_arguments)]
pub(super) fn choose_best(
    dom: &Dom,
    removed: &[bool],
    own: &[u32],
    own_match: &[u32],
    sum: &[f32],
    best_positive: Option<u32>,
    has_ld: bool,
    out: &mut Content,
) -> usize {
    let n = dom.nodes.len();
    let mut best = 0usize;
    for i in 0..n {
        if !removed[i]
            && sum[i] >= sum[best]
            && matches!(dom.nodes[i].kind, Kind::Element { .. } | Kind::Root)
        {
            best = i;
        }
    }
    if has_ld {
        // The JSON-LD body may be absent from the markup (rendered by script): then the DOM's
        // best subtree matches little of it and the heuristics decide after all.
        let matched: u32 = (best as u32..dom.subtree_end(best as u32))
            .map(|j| own_match[j as usize])
            .sum();
        out.used_json_ld = matched > 200;
    }
    if let Some(pb) = best_positive {
        // A declared article body that the scores nearly agree with wins (it is exact markup).
        let pbu = pb as usize;
        let inside_best = pb as usize >= best && pb < dom.subtree_end(best as u32);
        if !removed[pbu]
            && sum[pbu] > 0.0
            && (sum[pbu] >= 0.7 * sum[best] || inside_best && sum[pbu] >= 0.5 * sum[best])
        {
            best = pbu;
        }
    }
    // A single paragraph is rarely the whole article: take its container when that still
    // scores well (short sentences and sub-headings around it are article text).
    if own[best] > 0 && best != 0 {
        let par = dom.nodes[best].parent;
        if par != NONE && !removed[par as usize] && sum[par as usize] >= CLIMB * sum[best] {
            best = par as usize;
        }
    }
    if sum[best] <= 0.0 {
        best = 0;
    }
    best
}

/// `NM_DEBUG`: every sizeable block with its scores and path.
pub(super) fn debug_dump(
    dom: &Dom,
    t: &Nodes,
    bl: &Blocks,
    score: &[f32],
    sum: &[f32],
    best: usize,
) {
    let n = dom.nodes.len();
    let (own, own_link, removed) = (&bl.own, &bl.own_link, &t.removed);
    if DEBUG.load(std::sync::atomic::Ordering::Relaxed) {
        for i in 0..n {
            if own[i] >= 40
                || i == best
                || (std::env::var_os("NM_DEBUG_ALL").is_some() && dom.tag(i as u32).is_some())
            {
                eprintln!(
                    "{}{i} own={} link={} score={:.0} sum={:.0} rm={} :: {}",
                    if i == best { "BEST " } else { "" },
                    own[i],
                    own_link[i],
                    score[i],
                    sum[i],
                    removed[i],
                    path(dom, i as u32, removed)
                );
            }
        }
    }
}
