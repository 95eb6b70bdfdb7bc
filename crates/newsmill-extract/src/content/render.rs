//! The chosen subtree rendered to lines (one per block, link lists left out and noted), then
//! tidied: stock phrases, notices and metadata lines dropped, the page's tail cut, a first line
//! that repeats the title removed.

use super::blocks::Blocks;
use super::lines::{
    drop_link_intros, keep_block, looks_like_markup, notice_line, post_meta_line, section_end,
    stock_phrase,
};
use super::nodes::Nodes;
use super::params::Params;
use super::text::title_words_in;
use crate::dom::{Dom, Kind, Tag, NONE};
use std::collections::HashSet;

/// What rendering needs to decide, per block, whether its text is kept.
pub(super) struct Inputs<'a> {
    pub(super) t: &'a Nodes,
    pub(super) bl: &'a Blocks,
    /// Teaser-card roots, sorted.
    pub(super) cards: &'a [u32],
    pub(super) has_ld: bool,
    pub(super) title_words: Option<&'a HashSet<u64>>,
    pub(super) p: &'a Params,
}

/// Lines under way, each with the block it came from.
struct Render {
    /// Per block: 0 undecided, 1 keep, 2 drop.
    keep: Vec<u8>,
    /// A new line starts at every block element and whenever the text's block changes (text
    /// after a nested block closes).
    lines: Vec<(String, u32)>,
    /// Line counts at which link lists were left out (removed or too link-dense).
    junk_at: Vec<usize>,
    cur: String,
    cur_owner: u32,
    pre_depth_end: usize,
}

impl Render {
    fn flush(&mut self) {
        let mut line = String::with_capacity(self.cur.len());
        for w in self
            .cur
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
        {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        if !line.is_empty() {
            self.lines.push((line, self.cur_owner));
        }
        self.cur.clear();
    }

    fn junk(&mut self) {
        self.flush();
        self.junk_at.push(self.lines.len());
    }

    /// Decides once per block whether its text is kept.
    fn decide(&mut self, dom: &Dom, x: &Inputs, o: usize) {
        let (own, own_link) = (&x.bl.own, &x.bl.own_link);
        let min_par = x.p.min_paragraph_chars as u32;
        if self.keep[o] == 0 && x.t.soft[o] && (own[o] < min_par || own_link[o] * 10 > own[o] * 3) {
            self.keep[o] = 2;
        }
        if self.keep[o] == 0 {
            let kept = keep_block(
                dom,
                o,
                own[o],
                own_link[o],
                x.bl.own_match[o],
                x.has_ld,
                x.title_words,
                x.p,
            );
            if !kept && own_link[o] * 2 >= own[o] {
                self.junk();
            }
            self.keep[o] = if kept { 1 } else { 2 };
        }
    }

    /// Text node `j` of block `o`, when the block is kept.
    fn text(&mut self, dom: &Dom, j: usize, o: usize) {
        if o as u32 != self.cur_owner {
            self.flush();
            self.cur_owner = o as u32;
        }
        let t = dom.text_of(j as u32);
        if j < self.pre_depth_end {
            // Preformatted: every source line is a line of its own.
            let mut first = true;
            for l in t.split('\n') {
                if !first {
                    self.flush();
                }
                first = false;
                self.cur.push_str(l);
            }
        } else if t.contains(['\u{AD}', '\u{200B}', '\u{FEFF}']) {
            // Soft hyphens and zero-width spaces split words for every tokenizer.
            self.cur.extend(
                t.chars()
                    .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}')),
            );
        } else {
            self.cur.push_str(t);
        }
    }
}

/// The lines of the subtree at `top`, with the blocks they came from, and the line counts at
/// which link lists were left out.
pub(super) fn render(dom: &Dom, x: &Inputs, top: usize) -> (Vec<(String, u32)>, Vec<usize>) {
    let (removed, raw, raw_link) = (&x.t.removed, &x.t.raw, &x.t.raw_link);
    let mut r = Render {
        keep: vec![0u8; dom.nodes.len()],
        lines: Vec::new(),
        junk_at: Vec::new(),
        cur: String::with_capacity(512),
        cur_owner: NONE,
        pre_depth_end: 0,
    };
    let end = dom.subtree_end(top as u32) as usize;
    let mut j = top;
    while j < end {
        let card = x.cards.binary_search(&(j as u32)).is_ok();
        if removed[j] || card {
            if raw[j] >= 20 && raw_link[j] * 2 >= raw[j] || card {
                r.junk();
            }
            j = dom.subtree_end(j as u32) as usize;
            continue;
        }
        match dom.nodes[j].kind {
            Kind::Element { tag, .. } => {
                if tag.is_block() {
                    r.flush();
                }
                if tag == Tag::Pre {
                    r.pre_depth_end = dom.subtree_end(j as u32) as usize;
                }
            }
            Kind::Text { .. } => {
                let o = x.t.owner[j] as usize;
                r.decide(dom, x, o);
                if r.keep[o] == 1 {
                    r.text(dom, j, o);
                }
            }
            Kind::Root => {}
        }
        j += 1;
    }
    r.flush();
    (r.lines, r.junk_at)
}

/// The rendered lines tidied (see the module documentation).
pub(super) fn tidy(
    dom: &Dom,
    mut lines: Vec<(String, u32)>,
    junk_at: &[usize],
    title_words: Option<&HashSet<u64>>,
) -> Vec<(String, u32)> {
    drop_link_intros(dom, &mut lines, junk_at);
    // A "Related stories" / "Mehr zum Thema" line late in the text starts the page's tail
    // (looked for before the link intros and stock phrases such as a bare "Related" go,
    // which it may be one of).
    let kept: Vec<bool> = lines
        .iter()
        .map(|(l, o)| {
            *o != NONE
                && !stock_phrase(l)
                && !notice_line(l)
                && !looks_like_markup(l)
                && !post_meta_line(l)
        })
        .collect();
    let half = kept.iter().filter(|&&k| k).count() / 2;
    let mut seen = 0;
    let end = (0..lines.len())
        .position(|k| {
            let late = seen >= half.max(1);
            seen += usize::from(kept[k]);
            late && section_end(&lines[k].0)
        })
        .unwrap_or(lines.len());
    let mut k = 0;
    lines.truncate(end);
    lines.retain(|_| {
        k += 1;
        kept[k - 1]
    });
    // A first line that repeats the title (a headline outside `<h1>`) is metadata too.
    if let (Some(tw), Some((first, _))) = (title_words, lines.first()) {
        let (shared, all) = title_words_in(first, tw);
        if all > 0 && first.len() < 200 && shared * 10 >= all * 9 && shared * 10 >= tw.len() * 7 {
            lines.remove(0);
        }
    }
    lines
}
