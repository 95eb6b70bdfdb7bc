//! The content a report covers: the quotation or clause on the side of its cue that it reports.

use super::clauses::{channel_adjunct, fronted_clause_close, writers_clause_at, zero_that_clause};
use super::context::Ctx;
use super::cues::asks_question;
use super::reports::Att;
use super::words::{is_adjunct_start, is_determiner, is_time_word};
use crate::lexicon::{self};
use crate::tokens::Kind;

/// The content token range of attribution `ai` in unit `[a, b)`.
pub(super) fn content_range(
    cx: &Ctx,
    a: usize,
    b: usize,
    atts: &[Att],
    ai: usize,
) -> (usize, usize) {
    let att = &atts[ai];
    let (mut s, mut e) = side_of_cue(cx, a, b, atts, ai);
    if att.trailing && s < e {
        s = trailing_start(cx, s, e);
    }
    if !att.trailing {
        // `When Vale answered a question on trade, the crowd cheered`, `Even as Vale has said
        // that ..., his office continues`: a cue inside a fronted subordinate clause reports
        // nothing past the comma that closes the clause
        if let Some(close) = fronted_clause_close(cx, a, att.cue.s, b) {
            e = e.min(close);
            if s >= close {
                return (s, s);
            }
        }
        (s, e) = leading_range(cx, atts, ai, s, e);
    }
    (s, e) = trim_edges(cx, s, e);
    if let Some(range) = quotation_content(cx, b, att, s, e) {
        return range;
    }
    (s, e) = narrow_to_clause(cx, att, s, e);
    if no_content(cx, att, s, e) {
        return (s, s);
    }
    (s, e)
}

/// Everything between the cue's block and the next block on the side the cue reports.
fn side_of_cue(cx: &Ctx, a: usize, b: usize, atts: &[Att], ai: usize) -> (usize, usize) {
    let att = &atts[ai];
    if att.trailing {
        let mut s = atts[..ai]
            .iter()
            .filter(|p| p.block_e <= att.block_s)
            .map(|p| p.block_e)
            .max()
            .unwrap_or(a);
        // `When a fan shouted, "Vale," Reed joked, "..."`: the quotation a leading cue right
        // before it introduces is that cue's, not this one's
        if let Some(p) = atts[..ai].last().filter(|p| !p.trailing && p.block_e == s) {
            let mut k = p.block_e;
            while k < att.block_s && matches!(cx.punct(k), Some(',' | ':')) {
                k += 1;
            }
            if let Some(q) = cx.in_span.get(k).copied().flatten().map(|q| &cx.spans[q]) {
                if q.first == k
                    && q.last < att.block_s
                    && (q.last + 1..att.block_s).all(|x| !cx.toks[x].is_word())
                {
                    s = att.block_s;
                }
            }
        }
        (s, att.block_s)
    } else {
        let e = atts
            .get(ai + 1)
            .map_or(b, |n| if n.trailing { b } else { n.block_s });
        (att.block_e, e)
    }
}

/// Where a trailing cue's content starts: after a colon or an opening parenthesis, after a
/// fronted adverbial.
fn trailing_start(cx: &Ctx, mut s: usize, e: usize) -> usize {
    // "... the market. (The French are fans," he said.)", "X: Y, according to Z": the
    // content starts after a colon or an opening parenthesis outside quotations
    if let Some(k) = (s..e)
        .rev()
        .find(|&k| cx.in_span[k].is_none() && matches!(cx.punct(k), Some(':' | '(')))
    {
        if (k + 1..e).any(|x| cx.toks[x].is_word()) {
            s = k + 1;
        }
    }
    // a fronted adverbial ("At the same time, ...") is not content
    if cx.toks[s].is_word() && !(s..e).any(|k| cx.in_span[k].is_some()) {
        let first = cx.lw(s);
        if matches!(
            first,
            "at" | "in"
                | "on"
                | "for"
                | "by"
                | "after"
                | "before"
                | "since"
                | "during"
                | "meanwhile"
                | "still"
                | "yet"
                | "but"
                | "however"
                | "instead"
                | "overall"
                | "indeed"
                | "also"
        ) {
            if let Some(k) = (s + 1..e.min(s + 10)).find(|&k| cx.punct(k) == Some(',')) {
                if (k + 1..e).filter(|&x| cx.toks[x].is_word()).count() >= 3 {
                    s = k + 1;
                }
            }
        }
    }
    s
}

/// A leading content's range, cut where the writer's own words start again.
fn leading_range(cx: &Ctx, atts: &[Att], ai: usize, mut s: usize, mut e: usize) -> (usize, usize) {
    let att = &atts[ai];
    if let Some(n) = atts.get(ai + 1) {
        if n.trailing {
            e = n.block_s;
        }
    }
    // ... and before "and <another reporting verb>" ("saying X and said Y")
    if let Some(k) = (s + 1..e).find(|&k| {
        cx.in_span[k].is_none()
            && cx.toks[k].is_word()
            && matches!(cx.lw(k), "and" | "but")
            && k + 1 < e
            && cx.toks[k + 1].is_word()
            && lexicon::cue(cx.lw(k + 1)).is_some_and(|c| c.clause || c.np)
            && !cx.lw(k + 1).ends_with("ing")
    }) {
        e = k;
    }
    // "Aides said it was only a visit, but the mayor's ...", "..., and the board has
    // sued": a contrast or a new clause after a comma or a semicolon is the writer's, not
    // the reported clause (outside quotations)
    if let Some(k) = (s + 2..e).find(|&k| {
        (cx.punct(k) == Some(';') || cx.punct(k) == Some(',') && writers_clause_at(cx, k + 1, e))
            && (k..e).all(|x| cx.in_span[x].is_none())
    }) {
        e = k;
    }
    // "said the bridge must close, a view the council later shared": a noun phrase
    // summing up the reported clause, to the end of the sentence, is the writer's
    if let Some(k) = (s + 4..e).find(|&k| {
        matches!(cx.punct(k), Some(',' | '\u{2014}' | '\u{2013}'))
            && k + 2 < e
            && cx.toks[k + 1].is_word()
            && matches!(cx.lw(k + 1), "a" | "an")
            && (k + 1..e).all(|x| cx.in_span[x].is_none() && cx.punct(x) != Some(','))
            && (s..k).filter(|&x| cx.toks[x].is_word()).count() >= 4
    }) {
        e = k;
    }
    // "said she got a letter from her cousin, who had moved ...", "... (a tax break for
    // funds), as ...": a non-restrictive relative clause or a parenthesis after the reported
    // clause is the writer's (outside quotations)
    if let Some(k) = (s + 2..e).find(|&k| {
        k + 1 < e
            && (cx.punct(k) == Some(',')
                    && cx.toks[k + 1].is_word()
                    && matches!(
                        cx.lw(k + 1),
                        "which" | "who" | "whom" | "whose" | "where"
                    )
                    // (a parenthesis of three words or more: "Gov. Ann Vale (R) to resign"
                    // keeps its party tag)
                    || cx.punct(k) == Some('(')
                        && (k + 1..e)
                            .take_while(|&x| cx.punct(x) != Some(')'))
                            .filter(|&x| cx.toks[x].is_word())
                            .count()
                            >= 3)
            && (k..e).all(|x| cx.in_span[x].is_none())
    }) {
        e = k;
    }
    // `saying at the hearing on Monday, "..."`, `adding later, "..."`: skip the adjunct
    // to the quotation (before a participle's content is cut at that comma)
    if s < e && cx.toks[s].is_word() && is_adjunct_start(cx.lw(s)) {
        if let Some(k) = (s..e.min(s + 10))
            .find(|&k| cx.punct(k) == Some(',') && k + 1 < e && cx.is_opening_mark(k + 1))
        {
            s = k + 1;
        }
    }
    // a participle without a comma ("polls showing ...") reports up to the next comma
    if att.cue.participle {
        if let Some(k) = (s + 1..e).find(|&k| cx.in_span[k].is_none() && cx.punct(k) == Some(',')) {
            e = k;
        }
    }
    // "writing in an email: "..."": the quotation after the colon
    if let Some(k) = (s..e.min(s + 8)).find(|&k| cx.punct(k) == Some(':')) {
        if k + 1 < e && cx.is_opening_mark(k + 1) {
            s = k + 1;
        }
    }
    (s, e)
}

/// Punctuation trimmed off both edges (quotation marks stay).
fn trim_edges(cx: &Ctx, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e
        && matches!(
            cx.toks[s].kind,
            Kind::Punct(',' | ':' | ';' | '\u{2014}' | '\u{2013}' | '-' | '.')
        )
    {
        s += 1;
    }
    while e > s
        && matches!(
            cx.toks[e - 1].kind,
            Kind::Punct(',' | ':' | ';' | '\u{2014}' | '\u{2013}' | '-' | '.' | '(')
        )
    {
        e -= 1;
    }
    (s, e)
}

/// Contents settled by quotation marks: a relative clause (nothing), a quotation the cue opens
/// (with the quotations listed after it), or a quotation introduced by a colon.
fn quotation_content(cx: &Ctx, b: usize, att: &Att, s: usize, e: usize) -> Option<(usize, usize)> {
    // a leading content that runs into a relative clause on the name is not content
    if s < e
        && !att.trailing
        && cx.toks[s].is_word()
        && matches!(cx.lw(s), "who" | "which")
        && !(s == att.cue.e && asks_question(cx, att.cue.s, att.cue.e, e))
    {
        return Some((s, s));
    }
    // `said, "..."`: a content that opens with a quotation is that quotation (with the
    // quotations listed after it: `yelled, "Cut the fee," and "Fix the roads."`)
    if s < e && !att.trailing && cx.is_opening_mark(s) {
        if let Some(k) = cx.in_span[s] {
            let mut last = cx.spans[k].last;
            if last < e {
                // (up to the unit's end: a participle's content stops at a comma, and the list
                // may have one after "and": `telling them, "A," and, "B"`)
                loop {
                    let mut j = last + 1;
                    while j < b && cx.punct(j) == Some(',') {
                        j += 1;
                    }
                    if !(j + 1 < b && cx.toks[j].is_word() && matches!(cx.lw(j), "and" | "or")) {
                        break;
                    }
                    let mut o = j + 1;
                    while o < b && cx.punct(o) == Some(',') {
                        o += 1;
                    }
                    match cx.in_span.get(o).copied().flatten() {
                        Some(n) if cx.spans[n].first == o && cx.spans[n].last < b => {
                            last = cx.spans[n].last;
                        }
                        _ => break,
                    }
                }
                return Some((s, last + 1));
            }
        }
    }
    // `...: "...," she said`: the quotation alone is the content
    if att.trailing && e > s && cx.is_closing_mark(e - 1) {
        if let Some(k) = cx.in_span[e - 1] {
            let q = &cx.spans[k];
            if q.first > s && matches!(cx.punct(q.first - 1), Some(':' | '\u{2014}')) {
                return Some((q.first, e));
            }
        }
    }
    None
}

/// A leading content narrowed to its clause: past an adjunct to "that", a question to its comma,
/// a noun-phrase cue's phrase.
fn narrow_to_clause(cx: &Ctx, att: &Att, mut s: usize, mut e: usize) -> (usize, usize) {
    // `said in an interview on Tuesday that ...`: skip the adjunct to "that"
    if s < e
        && !att.trailing
        && cx.toks[s].is_word()
        && (is_adjunct_start(cx.lw(s)) || is_time_word(cx.lw(s)))
    {
        // (`at least 30 people between ...` opens no adjunct)
        let timed = is_time_word(cx.lw(s))
            || matches!(
                cx.lw(s),
                "in" | "on" | "at" | "during" | "via" | "last" | "this"
            ) && !(s + 1 < e && matches!(cx.lw(s + 1), "least" | "most"));
        if let Some(k) = (s..e.min(s + 14))
            .find(|&k| cx.toks[k].is_word() && cx.in_span[k].is_none() && cx.lw(k) == "that")
        {
            s = k;
        } else if let Some(j) = timed.then(|| zero_that_clause(cx, s + 1, e)).flatten() {
            // `said Wednesday he agrees`, `said in a statement the plan was dead`
            s = j;
        } else if let Some(k) = (s + 1..e.min(s + 8)).find(|&k| cx.punct(k) == Some(',')) {
            // `Vale argued in a memo, the rules must change`: the clause after the comma
            if (s..k).all(|x| cx.toks[x].is_word() && cx.in_span[x].is_none())
                && (k + 1..e)
                    .filter(|&x| cx.toks[x].is_word() && cx.in_span[x].is_none())
                    .count()
                    >= 3
            {
                s = k + 1;
            }
        }
    }
    // noun-phrase cues (criticized, called) take the clause up to the next comma or period
    // `when asked how the plan works, Doe ...`: the question runs to the comma
    if !att.trailing && asks_question(cx, att.cue.s, att.cue.e, e) && s == att.cue.e {
        if let Some(k) = (s + 1..e).find(|&k| cx.punct(k) == Some(',') && cx.in_span[k].is_none()) {
            e = k;
        }
    }
    // noun-phrase cues (criticized, called) take the clause up to the next comma or semicolon, or
    // a subordinator (`blamed the delay on the storm`, `cited several factors for the drop,
    // including ...` stay whole)
    if !att.trailing && !att.cue.info.clause && att.cue.info.np {
        let mut k = s;
        while k < e {
            if cx.in_span[k].is_none()
                && ((matches!(cx.punct(k), Some(',' | ';'))
                    && !(cx.punct(k) == Some(',')
                        && k + 1 < e
                        && cx.toks[k + 1].is_word()
                        && matches!(
                            cx.lw(k + 1),
                            "including" | "such" | "especially" | "particularly"
                        )))
                    || (k > s
                        && cx.toks[k].is_word()
                        && matches!(cx.lw(k), "but" | "because" | "while" | "when"))
                    || k > s && channel_adjunct(cx, k, e))
            {
                break;
            }
            k += 1;
        }
        e = k;
    }
    (s, e)
}

/// Whether what is left reports nothing: a preposition after a clause cue, a listener after
/// "to", no word that is not a conjunction, a time or adverb alone, a coordinated clause.
fn no_content(cx: &Ctx, att: &Att, s: usize, e: usize) -> bool {
    opens_with_preposition(cx, att, s, e) || nothing_reported(cx, att, s, e)
}

fn opens_with_preposition(cx: &Ctx, att: &Att, s: usize, e: usize) -> bool {
    // a clause cue whose complement opens with a preposition ("reported on", "respond to")
    // reports no clause unless a "that" follows
    if !att.trailing
        && att.cue.info.clause
        && !att.cue.according
        && s < e
        && cx.toks[s].is_word()
        && matches!(
            cx.lw(s),
            "on" | "for"
                | "with"
                | "by"
                | "into"
                | "against"
                | "from"
                // "Roe wrote in her memo.", "Doe hit back in a statement, saying ..."
                | "in"
                | "at"
                | "during"
                | "via"
        )
        && !(s..e).any(|k| cx.in_span[k].is_some())
    {
        return true;
    }
    if !att.trailing
        && !att.cue.info.clause
        && s < e
        && cx.toks[s].is_word()
        && matches!(
            cx.lw(s),
            "in" | "on" | "at" | "by" | "as" | "to" | "from" | "with" | "for" | "during"
        )
    {
        return true;
    }
    // `wrote to Ann Roe`, `responded to him`: "to" before a person or a pronoun names the
    // listener; no content follows unless a quotation or "that" does
    if !att.trailing
        && s + 1 < e
        && cx.toks[s].is_word()
        && cx.lw(s) == "to"
        && (cx.mention_start[s + 1].is_some()
            || matches!(cx.lw(s + 1), "him" | "her" | "them" | "me" | "us"))
        && !(s..e).any(|k| cx.in_span[k].is_some() || cx.toks[k].is_word() && cx.lw(k) == "that")
    {
        return true;
    }
    false
}

fn nothing_reported(cx: &Ctx, att: &Att, s: usize, e: usize) -> bool {
    // content must contain a word, and one that is not a conjunction (`said, although`)
    if !(s..e).any(|k| {
        cx.toks[k].is_word()
            && (cx.in_span[k].is_some()
                || !matches!(
                    cx.lw(k),
                    "although"
                        | "though"
                        | "while"
                        | "whereas"
                        | "because"
                        | "but"
                        | "and"
                        | "or"
                        | "if"
                        | "unless"
                        | "until"
                        | "when"
                ))
    }) {
        return true;
    }
    if !att.trailing && !(s..e).any(|k| cx.in_span[k].is_some()) {
        // "reported Tuesday", "said simply", "pushed for months": a time or an adverb alone
        // reports nothing
        if (s..e).filter(|&k| cx.toks[k].is_word()).count() <= 3
            && (s..e).filter(|&k| cx.toks[k].is_word()).all(|k| {
                let w = cx.lw(k);
                crate::lexicon::is_weekday(w)
                    || w.len() > 3 && w.ends_with("ly")
                    || matches!(
                        w,
                        "today"
                            | "yesterday"
                            | "tonight"
                            | "again"
                            | "months"
                            | "weeks"
                            | "years"
                            | "days"
                            | "later"
                            | "earlier"
                            | "too"
                            | "also"
                            | "and"
                            | "now"
                            | "then"
                            | "once"
                            | "twice"
                            | "last"
                            | "week"
                            | "month"
                            | "year"
                            | "night"
                            | "morning"
                            | "afternoon"
                            | "evening"
                            | "this"
                            | "that"
                            | "more"
                            | "than"
                            | "ago"
                            | "before"
                            | "after"
                            | "here"
                            | "there"
                    )
            })
        {
            return true;
        }
    }
    if !att.trailing && s < e && cx.toks[s].is_word() && !(s..e).any(|k| cx.in_span[k].is_some()) {
        let first = cx.lw(s);
        // "what she wants and the mayor's voters ...": a coordinated clause is not content
        if matches!(first, "and" | "or" | "nor") {
            return true;
        }
        // "added to the picture", "adding to her lead": "to" before a noun phrase is a
        // preposition, not an infinitive clause
        if first == "to" && s + 1 < e && cx.toks[s + 1].is_word() && is_determiner(cx.lw(s + 1)) {
            return true;
        }
        // "When asked about the levy, ...": a topic, not a question, unless a clause follows
        // ("asked about claims that ...")
        if first == "about"
            && att.src.is_none()
            && matches!(cx.lw(att.cue.s), "asked" | "ask" | "asks" | "asking")
            && !(s..e).any(|k| cx.toks[k].is_word() && cx.lw(k) == "that")
        {
            return true;
        }
    }
    false
}
