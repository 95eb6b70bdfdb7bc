//! The whole text: attributions unit by unit, quotations carried across paragraphs, quotations no
//! cue claims, and their conversion to [`RawQuote`]s.

use super::contents::content_range;
use super::context::{Ctx, Np, NpKind, RawQuote, MIN_UNATTRIBUTED_WORDS};
use super::reports::{
    names_not_speech, parenthetical_prefix, subordinate_block, unit_attributions, Att,
};
use super::speakers::resolve;
use super::subjects::sentence_subject;
use super::words::is_title_case;
use crate::tokens::{Kind, QSpan};
use newsmill_core::QuoteKind;

pub(super) fn attribute_units(cx: &mut Ctx) -> Vec<RawQuote> {
    let mut walk = Walk {
        out: Vec::new(),
        covered: vec![false; cx.spans.len()],
        pending_colon: None,
    };
    let units = cx.units.clone();
    for (ui, &(a, b)) in units.iter().enumerate() {
        walk.unit(cx, ui, a, b);
    }
    let mut out = walk.out;
    finish(cx, &mut out);
    out
}

/// The attributions found so far, walking the text unit by unit.
struct Walk {
    out: Vec<RawQuote>,
    /// Per quotation span: claimed by some attribution.
    covered: Vec<bool>,
    /// Index into `out` of an attribution awaiting the next paragraph's quotation ("X said:").
    pending_colon: Option<usize>,
}

impl Walk {
    fn unit(&mut self, cx: &mut Ctx, ui: usize, a: usize, b: usize) {
        let atts = unit_attributions(cx, a, b);
        self.take_pending_quotation(cx, a, &atts);
        let n_before = self.out.len();
        for ai in 0..atts.len() {
            self.report(cx, a, b, ui, &atts, ai);
        }
        self.colon_without_cue(cx, a, b, ui, &atts);
        // drop an unfilled "said:" that turned out not to end the paragraph
        if let Some(qi) = self.pending_colon {
            if qi < n_before {
                self.pending_colon = None;
            }
        }
        // quotations in this unit nobody claimed
        let lo = cx.spans.partition_point(|q| q.first < a);
        let spans_here: Vec<usize> = (lo..cx.spans.len())
            .take_while(|&k| cx.spans[k].first < b)
            .filter(|&k| !self.covered[k])
            .collect();
        for k in spans_here {
            self.unclaimed(cx, a, b, ui, &atts, k);
        }
    }

    /// A paragraph that ended with "X said:" takes this paragraph's opening quotation, unless the
    /// quotation has an attribution of its own (`Roe seemed to agree. "...," he said.`).
    fn take_pending_quotation(&mut self, cx: &Ctx, a: usize, atts: &[Att]) {
        if let Some(qi) = self.pending_colon.take() {
            if let Some(k) = cx.in_span[a] {
                let own = atts
                    .iter()
                    .any(|t| t.trailing && t.block_s <= cx.spans[k].last + 2);
                if !own
                    && cx.spans[k].first == a
                    && cx.toks[a].para == cx.toks[cx.spans[k].last].para
                {
                    self.out[qi].contents = vec![(cx.spans[k].first, cx.spans[k].last + 1)];
                    self.out[qi].kind = QuoteKind::Direct;
                    self.covered[k] = true;
                }
            }
        }
    }

    /// Attribution `ai` of the unit with its contents.
    fn report(&mut self, cx: &mut Ctx, a: usize, b: usize, ui: usize, atts: &[Att], ai: usize) {
        let att = &atts[ai];
        let (cs, ce) = content_range(cx, a, b, atts, ai);
        // `the board said about its plan in the draft:` closing the paragraph before a
        // quotation paragraph: the quotation is what it said, not the phrase
        if !att.trailing
            && ai + 1 == atts.len()
            && b > att.block_e + 2
            && cx.punct(b - 1) == Some(':')
            && cx.toks[att.block_e].is_word()
            && matches!(
                cx.lw(att.block_e),
                "about" | "of" | "on" | "in" | "to" | "at" | "during" | "after"
            )
            && (att.block_e..b).all(|k| cx.in_span[k].is_none())
            && b < cx.toks.len()
            && cx.is_opening_mark(b)
            && cx.toks[b].para != cx.toks[b - 1].para
        {
            self.out.push(make_raw(cx, att, vec![], ui));
            self.pending_colon = Some(self.out.len() - 1);
            return;
        }
        let mut contents = Vec::new();
        // "If the law conflicts, Rubio said, Christians must obey": a report set off by
        // commas inside its clause reports the words before it as well
        if ce > cs && !att.trailing && !att.cue.according && att.block_s > a + 1 {
            if let Some(pre) = parenthetical_prefix(cx, a, atts, ai) {
                contents.push(pre);
            }
        }
        if ce > cs {
            contents.push((cs, ce));
        }
        // interrupted quotation: `"...," Tester said, "..."`
        if att.trailing {
            contents.extend(interrupted_quotation(cx, a, b, atts, ai));
        }
        // `Sanders told ABC's "Good Morning America."`: a title is no content, but the
        // cue still names who speaks the quotation paragraph that follows
        let n_contents = contents.len();
        contents.retain(|&(s, e)| {
            !cx.in_span[s].is_some_and(|k| {
                let sp = &cx.spans[k];
                sp.first == s && sp.last + 1 == e && names_not_speech(cx, sp)
            })
        });
        if contents.is_empty() && n_contents > 0 {
            self.out.push(make_raw(cx, att, vec![], ui));
            return;
        }
        if contents.is_empty() {
            self.cue_without_content(cx, a, b, ui, atts, ai);
            return;
        }
        for &(s, e) in &contents {
            for k in s..e {
                if let Some(sk) = cx.in_span[k] {
                    self.covered[sk] = true;
                }
            }
        }
        self.out.push(make_raw(cx, att, contents, ui));
    }

    /// A cue with nothing reported in its own unit that says the next quotation ("X said:",
    /// "Lau said in a statement. "...").
    fn cue_without_content(
        &mut self,
        cx: &mut Ctx,
        a: usize,
        b: usize,
        ui: usize,
        atts: &[Att],
        ai: usize,
    ) {
        let att = &atts[ai];
        if !att.trailing && cx.punct(att.block_e) == Some(':') && att.block_e + 1 >= b {
            // "X said:" closing the paragraph
            self.out.push(make_raw(cx, att, vec![], ui));
            self.pending_colon = Some(self.out.len() - 1);
        } else if !att.trailing
            && (ai == 0 || !subordinate_block(cx, a, att))
            && cx.punct(b - 1) == Some('.')
            && (att.block_e + 1 >= b
                || att.block_e + 9 >= b
                    && cx.toks[att.block_e].is_word()
                    && matches!(cx.lw(att.block_e), "in" | "at" | "during" | "via")
                    && !(att.block_e..b).any(|k| cx.in_span[k].is_some()))
            && b < cx.toks.len()
            && cx.is_opening_mark(b)
            && cx.toks[b].para == cx.toks[att.block_e].para
        {
            // "Her friend Ann Vale chimed in. "...", "Lau said in a statement. "..."":
            // a cue with nothing reported says the quotation that follows it
            self.out.push(make_raw(cx, att, vec![], ui));
            self.pending_colon = Some(self.out.len() - 1);
        }
    }

    /// "Trump released a statement:" closing the paragraph with no reporting verb: its subject
    /// speaks the next paragraph's quotation.
    fn colon_without_cue(&mut self, cx: &mut Ctx, a: usize, b: usize, ui: usize, atts: &[Att]) {
        // "Trump released a statement:" / "She then addressed the supporters:" closing the
        // paragraph with no reporting verb: its subject speaks the next paragraph's quotation
        if atts.is_empty()
            && b > a + 1
            && cx.punct(b - 1) == Some(':')
            && cx.in_span[b - 1].is_none()
        {
            if let Some(np) = sentence_subject(cx, a, b - 1) {
                let (speaker, role) = resolve(cx, &np);
                self.out.push(RawQuote {
                    contents: vec![],
                    kind: QuoteKind::Direct,
                    cue: Some((b - 1, b)),
                    mention: Some((np.s, np.e)),
                    speaker,
                    role,
                    unit: ui,
                    quoted: Vec::new(),
                });
                self.pending_colon = Some(self.out.len() - 1);
            }
        }
    }

    /// A quotation of the unit that no cue claimed: a title, a colon's, a dash's, a
    /// continuation of the previous speaker, or a quotation without speaker.
    fn unclaimed(&mut self, cx: &mut Ctx, a: usize, b: usize, ui: usize, atts: &[Att], k: usize) {
        let q = cx.spans[k].clone();
        // a title, a headline or a credit line is not a quotation, whoever spoke before it
        if names_not_speech(cx, &q) {
            self.covered[k] = true;
            return;
        }
        // "She then turned to the crowd once more: "..."": the subject before the colon
        if atts.is_empty() && q.first > a + 1 && cx.punct(q.first - 1) == Some(':') {
            if let Some(np) = sentence_subject(cx, a, q.first - 1) {
                let (speaker, role) = resolve(cx, &np);
                self.out.push(RawQuote {
                    contents: vec![(q.first, q.last + 1)],
                    kind: QuoteKind::Direct,
                    cue: Some((q.first - 1, q.first)),
                    mention: Some((np.s, np.e)),
                    speaker,
                    role,
                    unit: ui,
                    quoted: Vec::new(),
                });
                self.covered[k] = true;
                return;
            }
        }
        if let Some((dash, np)) = dash_source(cx, q.last + 1) {
            let (speaker, role) = resolve(cx, &np);
            self.out.push(RawQuote {
                contents: vec![(q.first, q.last + 1)],
                kind: QuoteKind::Direct,
                cue: Some((dash, dash + 1)),
                mention: Some((np.s, np.e)),
                speaker,
                role,
                unit: ui,
                quoted: Vec::new(),
            });
            self.covered[k] = true;
            return;
        }
        let outside_words = (a..b)
            .filter(|&i| cx.toks[i].is_word() && cx.in_span[i].is_none())
            .count();
        // a quotation that opens a new sentence the splitter missed (`..." Doe said in
        // Naples, Fla. "..."`) continues like a quotation paragraph
        let after_stop = q.first > a && matches!(cx.punct(q.first - 1), Some('.' | '!' | '?'));
        // `"...," she said. "It is a long road." Asked why, she said: "..."`: a whole quoted
        // sentence opening the unit, followed by a new sentence, stands alone as well
        let own_sentence = q.first == a
            && q.last >= 2
            && matches!(cx.punct(q.last - 1), Some('.' | '!' | '?'))
            && q.last + 1 < b
            && cx.toks[q.last + 1].is_word()
            && cx
                .w(q.last + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        let sentence_like = outside_words <= 1 || q.continued || after_stop || own_sentence;
        if sentence_like && self.continue_speaker(cx, ui, k, &q) {
            return;
        }
        if q.words >= MIN_UNATTRIBUTED_WORDS
            && cx.toks[q.first].mark().is_some_and(|m| m.double)
            && !looks_like_title(cx, &q)
        {
            self.out.push(RawQuote {
                contents: vec![(q.first, q.last + 1)],
                kind: QuoteKind::Direct,
                cue: None,
                mention: None,
                speaker: None,
                role: None,
                unit: ui,
                quoted: Vec::new(),
            });
            self.covered[k] = true;
        }
    }

    /// Continues the previous speaker (same or previous paragraph) with quotation `k`; false
    /// when none is close enough.
    fn continue_speaker(&mut self, cx: &Ctx, ui: usize, k: usize, q: &QSpan) -> bool {
        // continuation of the previous speaker (same or previous paragraph)
        let here = cx.toks[q.first].para;
        let window = self.out.len().saturating_sub(30);
        if let Some(pi) = self.out[window..]
            .iter()
            .rposition(|p| {
                anchor(p).is_some_and(|x| x < q.first)
                    && (p.speaker.is_some() || p.kind != QuoteKind::Indirect)
            })
            .map(|i| i + window)
        {
            // a reported clause after the quotation in the same paragraph (`"...,"
            // Clinton said, referencing a PAC called Future45`) does not take over: the
            // quotation's speaker continues
            let para_of = |p: &RawQuote| anchor(p).map(|x| cx.toks[x].para);
            let pi = if self.out[pi].kind == QuoteKind::Indirect {
                self.out[window..pi]
                    .iter()
                    .rposition(|p| p.kind != QuoteKind::Indirect)
                    .map(|i| i + window)
                    .filter(|&qi| para_of(&self.out[qi]) == para_of(&self.out[pi]))
                    .unwrap_or(pi)
            } else {
                pi
            };
            let prev = &self.out[pi];
            let prev_para = anchor(prev).map(|x| cx.toks[x].para).unwrap_or(0);
            let close = here <= prev_para + 1 || q.continued;
            if close {
                if prev_para == here && prev.kind != QuoteKind::Indirect {
                    self.out[pi].contents.push((q.first, q.last + 1));
                    self.out[pi].unit = ui;
                    self.covered[k] = true;
                    return true;
                }
                let p = prev.clone();
                self.out.push(RawQuote {
                    contents: vec![(q.first, q.last + 1)],
                    kind: QuoteKind::Direct,
                    cue: None,
                    mention: p.mention,
                    speaker: p.speaker,
                    role: p.role,
                    unit: ui,
                    quoted: Vec::new(),
                });
                self.covered[k] = true;
                return true;
            }
        }
        false
    }
}

/// A trailing cue that interrupts a quotation (`"...," Tester said, "..."`) also reports the
/// quotation after it.
fn interrupted_quotation(
    cx: &Ctx,
    a: usize,
    b: usize,
    atts: &[Att],
    ai: usize,
) -> Option<(usize, usize)> {
    let att = &atts[ai];
    let mut k = att.block_e;
    while k < b && cx.punct(k) == Some(',') {
        k += 1;
    }
    // `"...," Tester said, referring to the excuse, "..."`: skip an adjunct up to the
    // next quotation when it is set off by a comma and no other cue intervenes

    // ... a participle whose own content stops before the quotation (`," Thiel
    // wrote, explaining why he spoke, "..."`) does not intervene
    let next_block = atts
        .iter()
        .enumerate()
        .skip(ai + 1)
        .find(|(ni, n)| {
            !(n.cue.participle && {
                let (ns, ne) = content_range(cx, a, b, atts, *ni);
                ne <= ns
                    || (ns..ne).all(|x| cx.in_span[x].is_none())
                        && (ne..b).any(|x| cx.is_opening_mark(x))
            })
        })
        .map_or(b, |(_, n)| n.block_s);
    let mut j = k;
    while j < b.min(next_block) && !cx.is_opening_mark(j) && j < k + 20 {
        j += 1;
    }
    if j < b.min(next_block) && cx.is_opening_mark(j) && (j == k || cx.punct(j - 1) == Some(',')) {
        if let Some(sk) = cx.in_span[j] {
            let q = &cx.spans[sk];
            if q.last < b && !names_not_speech(cx, q) {
                return Some((q.first, q.last + 1));
            }
        }
    }
    None
}

/// Drops empty and title-only attributions and repeated quotations, then sets each one's kind
/// and the quoted stretches inside its contents.
fn finish(cx: &Ctx, out: &mut Vec<RawQuote>) {
    out.retain(|q| !q.contents.is_empty());
    // `told "Fox and Friends"`: a cue whose whole content is a title reports nothing
    out.retain(|q| {
        !q.contents.iter().all(|&(s, e)| {
            cx.in_span[s].is_some_and(|k| {
                let sp = &cx.spans[k];
                sp.first == s && sp.last + 1 == e && names_not_speech(cx, sp)
            })
        })
    });
    drop_repeated_quotations(cx, out);
    for q in out {
        q.kind = classify(cx, &q.contents);
        let whole = q.kind == QuoteKind::Direct;
        let spans: Vec<QSpan> = q
            .contents
            .iter()
            .flat_map(|&(s, e)| {
                let lo = cx.spans.partition_point(|q| q.first < s);
                cx.spans[lo..]
                    .iter()
                    .take_while(move |sp| sp.first < e)
                    .filter(move |sp| sp.last < e)
                    .cloned()
            })
            .collect();
        let spans = if whole { spans } else { join_listed(cx, spans) };
        q.quoted = spans
            .iter()
            .filter(|sp| {
                if whole {
                    !names_not_speech(cx, sp)
                } else {
                    quoted_words_are_speech(cx, sp)
                }
            })
            .map(|sp| (sp.first, sp.last + 1))
            .collect();
    }
}

/// `chanted "Close the mine," and "Save the river."`, `calls people "losers" and "sad"`: quoted
/// stretches listed with only `and`, `or` and commas between them are one quotation of one
/// speaker.
pub(super) fn join_listed(cx: &Ctx, spans: Vec<QSpan>) -> Vec<QSpan> {
    let mut out: Vec<QSpan> = Vec::with_capacity(spans.len());
    for sp in spans {
        if let Some(prev) = out.last_mut() {
            let gap = prev.last + 1..sp.first;
            let joined = gap.len() <= 3
                && gap.clone().all(|k| {
                    cx.punct(k) == Some(',')
                        || cx.toks[k].is_word() && matches!(cx.lw(k), "and" | "or")
                })
                && gap.clone().any(|k| cx.toks[k].is_word())
                && cx.toks[prev.last].para == cx.toks[sp.first].para;
            if joined {
                prev.last = sp.last;
                prev.words += sp.words;
                continue;
            }
        }
        out.push(sp);
    }
    out
}

/// A quotation repeated word for word in the same article (a pull quote printed again
/// between paragraphs) is listed once: the copy without a cue goes when another copy exists.
pub(super) fn drop_repeated_quotations(cx: &Ctx, out: &mut Vec<RawQuote>) {
    let key = |s: usize, e: usize| -> String {
        (s..e)
            .filter(|&k| cx.toks[k].is_word())
            .map(|k| cx.w(k))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in out.iter() {
        for &(s, e) in &q.contents {
            if e > s + 4 {
                *seen.entry(key(s, e)).or_default() += 1;
            }
        }
    }
    if seen.values().all(|&n| n < 2) {
        return;
    }
    out.retain(|q| {
        q.cue.is_some()
            || q.contents.len() != 1
            || !{
                let (s, e) = q.contents[0];
                e > s + 4 && seen.get(&key(s, e)).is_some_and(|&n| n >= 2)
            }
    });
}

/// Whether a quoted stretch inside a mixed or indirect attribution belongs in the list of
/// verbatim quotations. Titles of shows and works (`CBS's "Face the Nation"`, all capitals) and
/// scare-quoted words (`rated "confidential"`, `a "cautionary tale"`) are quoted, but they are
/// not something the speaker is on record saying; a short stretch counts only when it reads
/// as a sentence of its own (`"That is unacceptable."`).
pub(super) fn quoted_words_are_speech(cx: &Ctx, q: &QSpan) -> bool {
    let words: Vec<&str> = (q.first..=q.last)
        .filter(|&k| cx.toks[k].is_word())
        .map(|k| cx.w(k))
        .collect();
    if words.is_empty() || is_title_case(&words) {
        return false;
    }
    if words.len() > 3 || names_it(cx, q.first) {
        return true;
    }
    // an utterance of its own: `"Oh, God," he blurted out`, `"That is unacceptable."`
    let capital = words[0].chars().next().is_some_and(|c| c.is_uppercase());
    let end = (q.last + 1).min(cx.toks.len() - 1);
    let stop = (q.last.saturating_sub(2)..=end).any(|k| match cx.punct(k) {
        Some('?' | '!') => true,
        Some('.' | ',') => words.len() >= 2,
        _ => false,
    });
    capital && stop
}

/// `called it "absolute chaos"`, `dubbed him "the comeback kid"`, `denied the claim as
/// "preposterous"`: a verb of naming a few words before the quotation marks makes even one
/// quoted word the speaker's own characterisation.
pub(super) fn names_it(cx: &Ctx, first: usize) -> bool {
    (first.saturating_sub(5)..first)
        .rev()
        .take_while(|&k| !matches!(cx.punct(k), Some('.' | ';' | ':' | '?' | '!')))
        .filter(|&k| cx.toks[k].is_word())
        .any(|k| {
            let w = cx.lw(k);
            let stem = w
                .trim_end_matches("ing")
                .trim_end_matches("ed")
                .trim_end_matches('s');
            matches!(
                stem,
                "call" | "dubb" | "dub" | "label" | "labell" | "brand" | "term" | "deem"
            ) || (w == "as" && k + 1 == first)
        })
}

/// Where an attribution sits, for continuing its speaker: its last content, or its cue when it
/// reports nothing of its own (a cue whose only object was a title).
pub(super) fn anchor(p: &RawQuote) -> Option<usize> {
    p.contents.last().map(|c| c.0).or(p.cue.map(|c| c.0))
}

/// `"..." ― Karen Smith` / `"..."\n-President Obama, tweeting`: a dash and a name after a
/// quotation credit it.
pub(super) fn dash_source(cx: &Ctx, mut k: usize) -> Option<(usize, Np)> {
    while k < cx.toks.len() && matches!(cx.punct(k), Some('.' | ',')) {
        k += 1;
    }
    if !matches!(cx.punct(k)?, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-') {
        return None;
    }
    let dash = k;
    let mut n = dash + 1;
    while n < cx.toks.len() && n < dash + 3 && cx.toks[n].kind != Kind::Word {
        n += 1;
    }
    let m = (*cx.mention_start.get(n)?)?;
    let mm = &cx.people.mentions[m];
    if !cx.people.is_person(mm.name) && cx.people.names[mm.name].words.len() < 2 {
        return None;
    }
    Some((
        dash,
        Np {
            s: n,
            e: mm.e,
            kind: NpKind::Name(mm.name),
        },
    ))
}

/// A quotation that no cue claims and that reads as a title, a headline or a scare-quoted
/// phrase rather than speech: every word capitalised, all caps, or a short fragment inside a
/// sentence without its own sentence punctuation.
pub(super) fn looks_like_title(cx: &Ctx, q: &QSpan) -> bool {
    let words: Vec<&str> = (q.first..=q.last)
        .filter(|&k| cx.toks[k].is_word())
        .map(|k| cx.w(k))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    // title case ignoring short function words ("The Lead with Jake Tapper")
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let long_caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    if words.len() >= 2
        && (caps == words.len()
            || words.iter().all(|w| !w.chars().any(|c| c.is_lowercase()))
            || (words.len() <= 10 && !long.is_empty() && long_caps == long.len()))
    {
        return true;
    }
    let ends_sentence = (q.first..q.last)
        .rev()
        .take(2)
        .any(|k| matches!(cx.punct(k), Some('.' | '?' | '!' | ',')));
    let para_start = q.first == 0 || cx.toks[q.first - 1].para != cx.toks[q.first].para;
    words.len() < 8 && !ends_sentence && !para_start
}

/// Direct when every fragment is exactly one quotation; mixed when a fragment contains marks.
pub(super) fn classify(cx: &Ctx, contents: &[(usize, usize)]) -> QuoteKind {
    let mut all_direct = true;
    let mut any_mark = false;
    for &(s, e) in contents {
        let exact =
            cx.in_span[s].is_some_and(|k| cx.spans[k].first == s && cx.spans[k].last + 1 == e);
        all_direct &= exact;
        any_mark |= (s..e).any(|k| cx.in_span[k].is_some());
    }
    if all_direct {
        QuoteKind::Direct
    } else if any_mark {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

pub(super) fn make_raw(
    cx: &mut Ctx,
    att: &Att,
    contents: Vec<(usize, usize)>,
    unit: usize,
) -> RawQuote {
    let (speaker, role) = match &att.src {
        Some(np) => resolve(cx, np),
        None => (None, None),
    };
    let kind = classify(cx, &contents);
    RawQuote {
        contents,
        kind,
        cue: Some((att.cue.s, att.cue.e)),
        mention: att.src.as_ref().map(|np| (np.s, np.e)),
        speaker,
        role,
        unit,
        quoted: Vec::new(),
    }
}
