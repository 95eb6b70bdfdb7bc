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

mod cards;
mod debug;
mod lines;
mod names;
mod params;
#[cfg(test)]
mod tests;
mod text;

use crate::dom::{AttrName, Dom, Kind, Tag, NONE};
use cards::{host_of, take_siblings, teaser_cards};
use debug::path;
use lines::{
    drop_link_intros, keep_block, looks_like_markup, notice_line, post_meta_line, section_end,
    stock_phrase,
};
use names::{drop_tag, element_class, Boiler};
use params::{CLIMB, MAX_DRAG, SHORT_SENTENCE};
use std::collections::HashSet;
use text::{char_count, ends_sentence, hash_word, title_words_in, words};

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
    let n = dom.nodes.len();
    let mut out = Content::default();
    if n <= 1 {
        return out;
    }
    // Pass 1 (forward): block owner and link context of every node; text sizes.
    let mut owner = vec![0u32; n];
    let mut in_link = vec![false; n];
    let mut tc = vec![0u32; n];
    let mut own_raw = vec![0u32; n];
    let mut link_raw = vec![0u32; n];
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
    // Pass 2 (forward): removal that needs no guard: elements that never hold article text and
    // reader comments (which may well outweigh the article). Name verdicts are kept for pass 4.
    let mut removed = vec![false; n];
    let mut names = vec![Boiler::None; n];
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
    // Pass 3 (reverse): raw text and "good paragraph" text per subtree. The latter guards
    // name-based removal: a node holding most of the page's prose is the article, whatever its
    // class says.
    let mut raw = vec![0u32; n];
    let mut raw_link = vec![0u32; n];
    let mut has_h1 = vec![false; n];
    let mut has_table = vec![false; n];
    let mut gp = vec![0u32; n];
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
    let page_raw = raw[0].max(1) as f32;
    let page_gp = gp[0].max(1) as f32;

    // Pass 4 (forward): guarded removal of boilerplate subtrees.
    let mut best_positive: Option<u32> = None;
    let mut in_article = vec![false; n];
    let mut soft = vec![false; n];
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
        let ii = i as u32;
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
                let b = names[i];
                if is_body || b == Boiler::Positive {
                    if gp[i] > 200
                        && match best_positive {
                            None => true,
                            Some(b) => gp[b as usize] < gp[i] / 2 || is_body,
                        }
                    {
                        best_positive = Some(ii);
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
        }
        if tag == Tag::Article {
            out.article_elements += 1;
        }
        removed[i] = removed[i] || rm;
    }
    let cards = teaser_cards(dom, &removed, &raw, &raw_link, page_url.and_then(host_of));

    // Per-block text, link text and agreement with the JSON-LD body.
    let ld_words: Option<HashSet<u64>> = ld_body
        .filter(|b| b.len() >= 300)
        .map(|b| words(b).map(hash_word).collect());
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
        if let Some(set) = &ld_words {
            let t = dom.text_of(i as u32);
            let m: u32 = words(t)
                .filter(|w| set.contains(&hash_word(w)))
                .map(|w| w.chars().count() as u32)
                .sum();
            own_match[o] += m;
        }
    }
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
        let agrees = ld_words.is_some() && own_match[i] as f32 >= 0.6 * lenf;
        score[i] = if agrees {
            heuristic.max(lenf)
        } else {
            heuristic
        };
    }
    out.page_chars = total as usize;
    out.page_link_chars = total_link as usize;
    // Subtree sums; nodes after their parents, so a reverse loop accumulates bottom-up.
    let mut sum = score.clone();
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
    let mut best = 0usize;
    for i in 0..n {
        if !removed[i]
            && sum[i] >= sum[best]
            && matches!(dom.nodes[i].kind, Kind::Element { .. } | Kind::Root)
        {
            best = i;
        }
    }
    if ld_words.is_some() {
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
    // Leads, intros and body parts that the layout splits off sit beside the winner, not in it.
    let top = if best == 0 {
        0
    } else {
        take_siblings(dom, best, &own, &own_link, &sum, &mut removed)
    };
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
                    path(dom, i as u32, &removed)
                );
            }
        }
    }

    // Render the chosen subtree.
    let title_words: Option<HashSet<u64>> = title.map(|t| words(t).map(hash_word).collect());
    let mut keep = vec![0u8; n]; // 0 = undecided, 1 = keep, 2 = drop
                                 // Lines with the block each came from; a new line starts at every block element and
                                 // whenever the text's block changes (text after a nested block closes).
    let mut lines: Vec<(String, u32)> = Vec::new();
    // Line counts at which link lists were left out (removed or too link-dense).
    let mut junk_at: Vec<usize> = Vec::new();
    let mut cur = String::with_capacity(512);
    let mut cur_owner = NONE;
    let end = dom.subtree_end(top as u32) as usize;
    let mut j = top;
    let mut pre_depth_end = 0usize;
    let flush = |cur: &mut String, owner: u32, lines: &mut Vec<(String, u32)>| {
        let mut line = String::with_capacity(cur.len());
        for w in cur.split(char::is_whitespace).filter(|w| !w.is_empty()) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        if !line.is_empty() {
            lines.push((line, owner));
        }
        cur.clear();
    };
    while j < end {
        let card = cards.binary_search(&(j as u32)).is_ok();
        if removed[j] || card {
            if raw[j] >= 20 && raw_link[j] * 2 >= raw[j] || card {
                flush(&mut cur, cur_owner, &mut lines);
                junk_at.push(lines.len());
            }
            j = dom.subtree_end(j as u32) as usize;
            continue;
        }
        match dom.nodes[j].kind {
            Kind::Element { tag, .. } => {
                if tag.is_block() {
                    flush(&mut cur, cur_owner, &mut lines);
                }
                if tag == Tag::Pre {
                    pre_depth_end = dom.subtree_end(j as u32) as usize;
                }
            }
            Kind::Text { .. } => {
                let o = owner[j] as usize;
                if keep[o] == 0 && soft[o] && (own[o] < min_par || own_link[o] * 10 > own[o] * 3) {
                    keep[o] = 2;
                }
                if keep[o] == 0 {
                    keep[o] = if keep_block(
                        dom,
                        o,
                        own[o],
                        own_link[o],
                        own_match[o],
                        ld_words.is_some(),
                        title_words.as_ref(),
                        p,
                    ) {
                        1
                    } else {
                        if own_link[o] * 2 >= own[o] {
                            flush(&mut cur, cur_owner, &mut lines);
                            junk_at.push(lines.len());
                        }
                        2
                    };
                }
                if keep[o] == 1 {
                    if o as u32 != cur_owner {
                        flush(&mut cur, cur_owner, &mut lines);
                        cur_owner = o as u32;
                    }
                    let t = dom.text_of(j as u32);
                    if j < pre_depth_end {
                        // Preformatted: every source line is a line of its own.
                        let mut first = true;
                        for l in t.split('\n') {
                            if !first {
                                flush(&mut cur, cur_owner, &mut lines);
                            }
                            first = false;
                            cur.push_str(l);
                        }
                    } else if t.contains(['\u{AD}', '\u{200B}', '\u{FEFF}']) {
                        // Soft hyphens and zero-width spaces split words for every tokenizer.
                        cur.extend(
                            t.chars()
                                .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}')),
                        );
                    } else {
                        cur.push_str(t);
                    }
                }
            }
            Kind::Root => {}
        }
        j += 1;
    }
    flush(&mut cur, cur_owner, &mut lines);
    drop_link_intros(dom, &mut lines, &junk_at);
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
    if let (Some(tw), Some((first, _))) = (title_words.as_ref(), lines.first()) {
        let (shared, all) = title_words_in(first, tw);
        if all > 0 && first.len() < 200 && shared * 10 >= all * 9 && shared * 10 >= tw.len() * 7 {
            lines.remove(0);
        }
    }
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
