//! What the removal passes learn about every node of the page: the block that owns it, whether
//! it is inside a link, its text sizes, and whether it is removed as boilerplate.

use super::names::{drop_tag, element_class, Boiler};
use super::params::Content;
use super::text::char_count;
use crate::dom::{AttrName, Dom, Kind, Tag};

/// Per-node facts, indexed by node.
pub(super) struct Nodes {
    /// The block element whose inline content a node is part of.
    pub(super) owner: Vec<u32>,
    /// Inside an `<a>`.
    pub(super) in_link: Vec<bool>,
    /// Characters of a text node.
    pub(super) tc: Vec<u32>,
    /// Characters of a block's own inline text, and of those inside links.
    own_raw: Vec<u32>,
    link_raw: Vec<u32>,
    /// Removed as boilerplate (with its subtree).
    pub(super) removed: Vec<bool>,
    /// What the element's class, id and role names say.
    names: Vec<Boiler>,
    /// Characters in the subtree, and of those inside links.
    pub(super) raw: Vec<u32>,
    pub(super) raw_link: Vec<u32>,
    has_h1: Vec<bool>,
    has_table: Vec<bool>,
    /// "Good paragraph" characters in the subtree: long, link-poor blocks.
    gp: Vec<u32>,
    /// Inside an article's own header: only long paragraphs count.
    pub(super) soft: Vec<bool>,
}

impl Nodes {
    /// Runs the four passes: sizes, unguarded removal, subtree sizes, guarded removal. Returns
    /// the facts and the declared article body (`itemprop=articleBody` or a positive name) that
    /// holds the most prose, if any.
    pub(super) fn of(dom: &Dom, out: &mut Content) -> (Nodes, Option<u32>) {
        let n = dom.nodes.len();
        let mut t = Nodes {
            owner: vec![0; n],
            in_link: vec![false; n],
            tc: vec![0; n],
            own_raw: vec![0; n],
            link_raw: vec![0; n],
            removed: vec![false; n],
            names: vec![Boiler::None; n],
            raw: vec![0; n],
            raw_link: vec![0; n],
            has_h1: vec![false; n],
            has_table: vec![false; n],
            gp: vec![0; n],
            soft: vec![false; n],
        };
        t.measure(dom);
        t.remove_unguarded(dom);
        t.subtree_sizes(dom);
        let best_positive = t.remove_guarded(dom, out);
        (t, best_positive)
    }

    fn measure(&mut self, dom: &Dom) {
        let n = dom.nodes.len();
        let Nodes {
            owner,
            in_link,
            tc,
            own_raw,
            link_raw,
            ..
        } = self;
        // Pass 1 (forward): block owner and link context of every node; text sizes.
        for i in 1..n {
            let node = &dom.nodes[i];
            let par = node.parent as usize;
            match node.kind {
                Kind::Text { .. } => {
                    owner[i] = owner[par];
                    in_link[i] = in_link[par];
                    let c = char_count(dom.text_of(i as u32));
                    tc[i] = c;
                    let o = owner[i] as usize;
                    own_raw[o] += c;
                    if in_link[i] {
                        link_raw[o] += c;
                    }
                }
                Kind::Element { tag, .. } => {
                    in_link[i] = in_link[par] || tag == Tag::A;
                    owner[i] = if tag.is_block() { i as u32 } else { owner[par] };
                }
                Kind::Root => {}
            }
        }
    }

    fn remove_unguarded(&mut self, dom: &Dom) {
        let n = dom.nodes.len();
        let Nodes { removed, names, .. } = self;
        // Pass 2 (forward): removal that needs no guard: elements that never hold article text and
        // reader comments (which may well outweigh the article). Name verdicts are kept for pass 4.
        let mut in_code = vec![false; n];
        for i in 1..n {
            let node = &dom.nodes[i];
            let par = node.parent as usize;
            if removed[par] {
                removed[i] = true;
                continue;
            }
            if let Kind::Element { tag, .. } = node.kind {
                if drop_tag(tag) && !matches!(tag, Tag::Nav | Tag::Aside | Tag::Figure) {
                    removed[i] = true;
                    continue;
                }
                // Inside code, class names are a highlighter's token kinds (`hljs-comment`,
                // `token comment`), not page furniture.
                in_code[i] = in_code[par] || matches!(tag, Tag::Pre | Tag::Code);
                if in_code[par] {
                    continue;
                }
                let b = element_class(dom, i as u32);
                names[i] = b;
                removed[i] = b == Boiler::Comments
                    && !matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article);
            }
        }
    }

    fn subtree_sizes(&mut self, dom: &Dom) {
        let n = dom.nodes.len();
        let Nodes {
            in_link,
            tc,
            own_raw,
            link_raw,
            removed,
            raw,
            raw_link,
            has_h1,
            has_table,
            gp,
            ..
        } = self;
        // Pass 3 (reverse): raw text and "good paragraph" text per subtree. The latter guards
        // name-based removal: a node holding most of the page's prose is the article, whatever its
        // class says.
        for i in (1..n).rev() {
            if removed[i] {
                continue;
            }
            raw[i] += tc[i];
            if in_link[i] {
                raw_link[i] += tc[i];
            }
            let l = own_raw[i];
            if l >= 80 && (link_raw[i] as f32) < 0.3 * l as f32 {
                gp[i] += l;
            }
            let par = dom.nodes[i].parent as usize;
            raw[par] += raw[i];
            raw_link[par] += raw_link[i];
            if has_h1[i] || dom.tag(i as u32) == Some(Tag::H1) {
                has_h1[par] = true;
            }
            if has_table[i] || dom.tag(i as u32) == Some(Tag::Table) {
                has_table[par] = true;
            }
            gp[par] += gp[i];
        }
    }

    fn remove_guarded(&mut self, dom: &Dom, out: &mut Content) -> Option<u32> {
        let n = dom.nodes.len();
        let Nodes {
            removed,
            names,
            raw,
            has_h1,
            has_table,
            gp,
            soft,
            ..
        } = self;
        let page_raw = raw[0].max(1) as f32;
        let page_gp = gp[0].max(1) as f32;

        // Pass 4 (forward): guarded removal of boilerplate subtrees.
        let mut best_positive: Option<u32> = None;
        let mut in_article = vec![false; n];
        for i in 1..n {
            let node = &dom.nodes[i];
            let par = node.parent as usize;
            if removed[par] {
                removed[i] = true;
                continue;
            }
            let Kind::Element { tag, .. } = node.kind else {
                continue;
            };
            let share = gp[i] as f32 / page_gp;
            let raw_share = raw[i] as f32 / page_raw;
            let mut rm = drop_tag(tag);
            // Mostly long, link-poor paragraphs: what article sections look like.
            let prose = gp[i] >= 160 && gp[i] * 10 >= raw[i] * 6;
            in_article[i] = in_article[par] || tag == Tag::Article;
            soft[i] = soft[par];
            if tag == Tag::Header && (in_article[par] || has_h1[i] && share < 0.3) {
                // An article's own header (inside `<article>`, or the one holding the headline)
                // holds the headline, byline and often the lead paragraph: only its long
                // paragraphs may count.
                soft[i] = true;
            } else if matches!(tag, Tag::Header | Tag::Footer | Tag::Nav | Tag::Aside) {
                rm = share < 0.3;
            } else if tag == Tag::Form {
                // Some sites wrap the whole page in one form.
                rm = share < 0.3 && raw_share < 0.5;
            }
            // A figure that holds a table (`wp-block-table`) is a data table of the article, not
            // a picture with its caption.
            if matches!(tag, Tag::Figure) && (share > 0.5 || has_table[i]) {
                rm = false;
            }
            if !rm && !matches!(tag, Tag::Html | Tag::Body | Tag::Main) {
                rm = hidden_or_named(dom, i, names[i], gp, share, prose, &mut best_positive);
            }
            if tag == Tag::Article {
                out.article_elements += 1;
            }
            removed[i] = removed[i] || rm;
        }
        best_positive
    }
}

/// Whether an element goes for being hidden, having a landmark role, or being named as
/// boilerplate; a declared article body is remembered in `best_positive` instead.
fn hidden_or_named(
    dom: &Dom,
    i: usize,
    name: Boiler,
    gp: &[u32],
    share: f32,
    prose: bool,
    best_positive: &mut Option<u32>,
) -> bool {
    let ii = i as u32;
    let mut rm = false;
    if dom.attr(ii, AttrName::Hidden).is_some() {
        // Streaming renderers park whole article sections in `hidden` divs until
        // script swaps them in: hidden prose stays.
        rm = share < 0.5 && !prose;
    } else if dom
        .attr(ii, AttrName::AriaHidden)
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        rm = share < 0.5;
    } else if let Some(st) = dom.attr(ii, AttrName::Style) {
        let st: String = st
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            rm = share < 0.5;
        }
    }
    if !rm {
        if let Some(role) = dom.attr(ii, AttrName::Role) {
            let r = role.to_ascii_lowercase();
            if matches!(
                r.as_str(),
                "navigation"
                    | "contentinfo"
                    | "complementary"
                    | "search"
                    | "menu"
                    | "menubar"
                    | "dialog"
                    | "banner"
                    | "alert"
            ) && share < 0.3
            {
                rm = true;
            }
        }
    }
    if !rm {
        let is_body = dom
            .attr(ii, AttrName::Itemprop)
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
        let b = name;
        if is_body || b == Boiler::Positive {
            if gp[i] > 200
                && match *best_positive {
                    None => true,
                    Some(b) => gp[b as usize] < gp[i] / 2 || is_body,
                }
            {
                *best_positive = Some(ii);
            }
        } else {
            rm = match b {
                Boiler::Comments => share < 0.9,
                Boiler::Strong => share < 0.4,
                // Generic words also name prose sections (`TOC_TITLE_1`, `note`):
                // a block that is mostly long link-poor paragraphs stays.
                Boiler::Weak => share < 0.15 && !prose,
                Boiler::None | Boiler::Lead | Boiler::Positive => false,
            };
        }
    }

    rm
}
