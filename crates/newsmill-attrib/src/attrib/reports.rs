//! The attributions of one sentence unit: each cue with its source and block, whether it
//! trails its content, and reports nested inside other reports.

use super::clauses::{according_in_mid_clause, fronted_adverbial, infinitive_at, zero_that_clause};
use super::context::{Ctx, Np, NpKind};
use super::cues::{asks_question, find_cues, Cue};
use super::subjects::{nearest_subject, noun_phrase_only, np_left, np_right, sentence_subject};
use super::words::{is_adjunct_start, is_data_noun, is_function_word, is_title_case};
use crate::lexicon::{self};
use crate::people::strip_possessive;
use crate::tokens::{Kind, QSpan};

/// A found cue with its source and block (the tokens that are neither content nor outside).
#[derive(Debug, Clone)]
pub(super) struct Att {
    pub(super) cue: Cue,
    pub(super) src: Option<Np>,
    /// `[block_s, block_e)`: source + cue (+ object) tokens.
    pub(super) block_s: usize,
    pub(super) block_e: usize,
    pub(super) trailing: bool,
}

/// Whether a cue's block opens a subordinate clause (`..., Doe said, as the crowd cheered.`):
/// such a cue with nothing reported does not speak the next quotation.
pub(super) fn subordinate_block(cx: &Ctx, a: usize, att: &Att) -> bool {
    att.block_s > a
        && cx.toks[att.block_s - 1].is_word()
        && matches!(
            cx.lw(att.block_s - 1),
            "as" | "though" | "although" | "while" | "because" | "whereas" | "even"
        )
}

/// The cues of one unit with their sources, in text order.
pub(super) fn unit_attributions(cx: &Ctx, a: usize, b: usize) -> Vec<Att> {
    let mut cues = find_cues(cx, a, b);
    add_colon_cues(cx, a, b, &mut cues);
    cues.sort_by_key(|c| c.s);
    let mut atts: Vec<Att> = Vec::new();
    for cue in cues {
        // skip cues inside an earlier block (the object of `told`)
        if atts.last().is_some_and(|p| cue.s < p.block_e) {
            continue;
        }
        if let Some(att) = attribute_cue(cx, a, b, cue, &atts) {
            atts.push(att);
        }
    }
    absorb_beliefs_before_trailing(cx, a, b, &mut atts);
    absorb_inner_reports(cx, a, b, &mut atts);
    atts
}

/// Cues made of a colon: a person named before it speaks what follows.
fn add_colon_cues(cx: &Ctx, a: usize, b: usize, cues: &mut Vec<Cue>) {
    // "Clinton: "..."" (a name, a colon, a quotation)
    for t in a..b.saturating_sub(2) {
        if cx.punct(t + 1) == Some(':') && cx.is_opening_mark(t + 2) && cx.in_span[t].is_none() {
            if let Some(m) = cx.mention_end[t] {
                let ns = cx.people.mentions[m].np_s;
                // also a person named at the end of a longer sentence ("The result does not
                // surprise pollster Tim Shaw: "..."")
                if ns == a
                    || ns > a
                        && matches!(
                            cx.toks[ns - 1].kind,
                            Kind::Punct('.' | ')' | ']' | '-' | '\u{2014}')
                        )
                    || cx.people.is_person(cx.people.mentions[m].name)
                        && cx.people.names[cx.people.mentions[m].name].words.len() >= 2
                {
                    cues.push(Cue::clause(t + 1, t + 2));
                }
            }
        }
    }
    // "Doe: The levy must go." opening a paragraph (a headline or a transcript turn): the
    // person named before the colon says what follows it
    if let Some(k) = (a + 1..b.min(a + 6)).find(|&k| cx.punct(k) == Some(':')) {
        let para_start = a == 0 || cx.toks[a - 1].para != cx.toks[a].para;
        let named = cx.mention_end[k - 1].is_some_and(|m| {
            let mm = &cx.people.mentions[m];
            let k = cx.people.canonical(mm.name);
            mm.np_s <= a + 1 && cx.people.is_person(k)
        }) && cx.w(k - 1).chars().count() > 1;
        if para_start
            && named
            && (a..k).all(|t| cx.toks[t].is_word() || cx.punct(t) == Some('.'))
            && k + 3 < b
            && cx.toks[k + 1].is_word()
            && !cues.iter().any(|c| c.s == k)
        {
            cues.push(Cue::clause(k, k + 1));
        }
    }
}

/// A cue's source and block so far: the noun phrase that speaks, and the tokens from the source to
/// the end of the cue (and its object).
struct Found {
    src: Option<Np>,
    block_s: usize,
    block_e: usize,
}

/// One cue's attribution, or `None` when the cue reports nothing here.
fn attribute_cue(cx: &Ctx, a: usize, b: usize, cue: Cue, atts: &[Att]) -> Option<Att> {
    let left = left_subject(cx, a, &cue)?;
    let found = primary_source(cx, a, b, &cue, left)?;
    let found = subject_before_to(cx, a, &cue, found);
    let found = subject_before_and(cx, a, b, &cue, found);
    let found = main_clause_subject(cx, a, b, &cue, atts, found)?;
    let asked_question =
        found.src.is_none() && cx.lw(cue.s) == "asked" && asks_question(cx, cue.s, cue.e, b);
    let found = long_subject(cx, a, b, &cue, found);
    let found = long_appositive(cx, a, b, &cue, found);
    let found = relative_clause_subject(cx, a, &cue, found);
    if found.src.is_none() && !asked_question && !cue.nominal {
        return None;
    }
    if reports_nothing(cx, a, b, &cue) {
        return None;
    }
    let found = reach_back_to_quotation(cx, a, found);
    let Found {
        src,
        block_s,
        block_e,
    } = object_of_cue(cx, b, &cue, found);
    let trailing = trails(cx, a, b, &cue, block_s, block_e, atts);
    let quote_follows = block_e < b
        && (cx.is_opening_mark(block_e)
            || (matches!(cx.punct(block_e), Some(':' | ','))
                && (block_e + 1 >= b || cx.is_opening_mark(block_e + 1))));
    if !trailing && !cue.info.clause && !cue.info.np && !cue.according && !quote_follows {
        return None;
    }
    Some(Att {
        cue,
        src,
        block_s,
        block_e,
        trailing,
    })
}

/// The noun phrase left of the cue that may be its subject, adjusted for participles and long
/// subjects; `None` when the cue is no report at all (`a super PAC supporting Walker`).
fn left_subject(cx: &Ctx, a: usize, cue: &Cue) -> Option<Option<Np>> {
    let mut left = if cue.according {
        None
    } else {
        np_left(cx, a, cue.s)
    };
    // "she released a statement saying", "Clinton answered on Facebook writing": the noun
    // right before a participle is its object, not its subject; the sentence's subject
    // speaks
    if cue.participle
        && cue.s > a
        && cx.toks[cue.s - 1].is_word()
        && left.as_ref().is_some_and(|np| {
            let thing = match np.kind {
                NpKind::Nominal(_) => true,
                NpKind::Name(k) => !cx.people.is_person(k),
                _ => false,
            };
            // "with many marchers chanting", "with spokesman Glen Caplin saying": the noun
            // is the participle's subject after all
            let with = (np.s.saturating_sub(3).max(a)..np.s)
                .any(|k| cx.toks[k].is_word() && cx.lw(k) == "with");
            thing && !with
        })
    {
        if let Some(subj) = sentence_subject(cx, a, cue.s) {
            if left.as_ref().is_some_and(|np| subj.e <= np.s) {
                left = Some(subj);
            }
        }
    }
    // "footage of Roe saying ...", "a clip from Vale telling ...": the person right before
    // the participle speaks
    if cue.participle && cue.s > a + 1 {
        if let Some(m) = cx.mention_end[cue.s - 1] {
            let mm = &cx.people.mentions[m];
            let k = cx.people.canonical(mm.name);
            if mm.s > a
                && cx.people.is_person(k)
                && cx.toks[mm.np_s.max(a + 1) - 1].is_word()
                && matches!(cx.lw(mm.np_s.max(a + 1) - 1), "of" | "from")
                && !strip_possessive(cx.w(cue.s - 1)).1
            {
                left = Some(Np {
                    s: mm.np_s.max(a),
                    e: cue.s,
                    kind: NpKind::Name(mm.name),
                });
            }
        }
    }
    // "a super PAC supporting Walker", "groups backing her": a noun-phrase participle right
    // after a noun modifies it; it reports nothing
    if cue.participle
        && matches!(
            cx.lw(cue.s),
            "supporting" | "opposing" | "backing" | "highlighting" | "advocating"
        )
        && cue.s > a
        && cx.toks[cue.s - 1].is_word()
        && !matches!(
            cx.lw(cue.s - 1),
            "by" | "while"
                | "when"
                | "after"
                | "before"
                | "and"
                | "also"
                | "was"
                | "is"
                | "were"
                | "are"
                | "been"
                | "be"
        )
    {
        return None;
    }
    // "Farmers in the valley say": the noun before "say" closes a phrase inside a longer
    // subject (taken below from the clause start)
    if cue.base_form
        && cx.lw(cue.s) == "say"
        && left.as_ref().is_some_and(|np| {
            np.s > a
                && cx.toks[np.s - 1].is_word()
                && matches!(
                    cx.lw(np.s - 1),
                    "in" | "of" | "around" | "across" | "from" | "at" | "for" | "with" | "on"
                )
        })
    {
        left = None;
    }
    Some(left)
}

/// The source the cue's own form points to: after `according to`, the subject on its left, or
/// the noun phrase after an inverted cue (`," said Peskov`).
fn primary_source(cx: &Ctx, a: usize, b: usize, cue: &Cue, left: Option<Np>) -> Option<Found> {
    if cue.according {
        return according_source(cx, a, b, cue);
    }
    if let Some(np) = left {
        return left_source(cx, a, cue, np);
    }
    let mut found = Found {
        src: None,
        block_s: cue.s,
        block_e: cue.e,
    };
    let np = if cue.s == a
        && cue.info.inversion
        && !cue.base_form
        && !cue.participle
        && cx.w(cue.s).chars().next().is_some_and(|c| c.is_uppercase())
        && np_right(cx, cue.e, b, false).is_some_and(|np| {
            np.e < b && (matches!(cx.punct(np.e), Some(':' | ',')) || cx.is_opening_mark(np.e))
        }) {
        // "Continued Stone: ..." / "Said Trump, ..."
        np_right(cx, cue.e, b, false)
    } else if cue.s > a
            && !cue.participle
            // `, told NBC`: what follows "told" is the listener, never the speaker
            && !matches!(cx.lw(cue.s), "told" | "tells" | "tell")
            && (cue.info.inversion && !cue.base_form
                || matches!(cx.lw(cue.s), "says" | "adds" | "asks" | "writes"))
    {
        inverted_source(cx, b, cue)
    } else {
        None
    };
    if let Some(np) = np {
        found.block_e = np.e;
        found.src = Some(np);
    }
    Some(found)
}

/// `according to X`: the noun phrase after the cue, running to the comma when the cue opens the
/// sentence; `None` when there is none.
fn according_source(cx: &Ctx, a: usize, b: usize, cue: &Cue) -> Option<Found> {
    let mut block_e;
    let src;
    // `According to some on Twitter, ...`, `according to many, ...`: a pronoun-like
    // quantifier is the source's head
    let quantifier = (cue.e < b && cx.toks[cue.e].is_word() && cx.in_span[cue.e].is_none())
        .then(|| cx.lw(cue.e))
        .filter(|w| {
            matches!(
                *w,
                "some" | "many" | "most" | "several" | "others" | "those"
            )
        })
        .map(|w| Np {
            s: cue.e,
            e: cue.e + 1,
            kind: NpKind::Nominal(w.to_string()),
        });
    if let Some(np) = np_right(cx, cue.e, b, true).or(quantifier) {
        block_e = np.e;
        // "According to first figures from the survey run by ..., CONTENT": the
        // source runs to the comma
        if cue.s == a || cx.punct(cue.s - 1).is_some() {
            if let Some(k) = (np.e..b.min(np.e + 25))
                .find(|&k| cx.punct(k) == Some(',') && cx.in_span[k].is_none())
            {
                if cue.s == a {
                    block_e = k;
                    // (`In the Post poll, conducted in May, ...`: a participle phrase
                    // after the comma still describes the source)
                    let participle = k + 1 < b
                        && cx.toks[k + 1].is_word()
                        && cx.w(k + 1).ends_with("ed")
                        && cx.w(k + 1).chars().next().is_some_and(char::is_lowercase);
                    if participle {
                        if let Some(k2) = (k + 2..b.min(k + 16))
                            .find(|&x| cx.punct(x) == Some(',') && cx.in_span[x].is_none())
                        {
                            block_e = k2;
                        }
                    }
                    // (`..., however, 73 percent ...`)
                    if block_e + 2 < b
                        && cx.toks[block_e + 1].is_word()
                        && cx.lw(block_e + 1) == "however"
                        && cx.punct(block_e + 2) == Some(',')
                    {
                        block_e += 2;
                    }
                }
            }
        }
        src = Some(np);
    } else {
        return None;
    }
    Some(Found {
        src,
        block_s: cue.s,
        block_e,
    })
}

/// The subject left of the cue, unless a bare form or a belief verb cannot take it.
fn left_source(cx: &Ctx, a: usize, cue: &Cue, np: Np) -> Option<Found> {
    let after_modal = cue.s > a
        && matches!(
            cx.lw(cue.s - 1),
            "could"
                | "would"
                | "will"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
                | "only"
                | "to"
                | "also"
                | "often"
                | "even"
        );
    if cue.base_form && !after_modal {
        let ok = match &np.kind {
            NpKind::Pronoun(p) => matches!(p.as_str(), "i" | "we" | "they" | "you"),
            NpKind::Nominal(h) => {
                h.ends_with('s')
                    || is_data_noun(h)
                        && matches!(cx.lw(cue.s), "show" | "find" | "suggest" | "indicate")
                    || matches!(
                        h.as_str(),
                        "and"
                            | "police"
                            | "people"
                            | "most"
                            | "some"
                            | "many"
                            | "all"
                            | "both"
                            | "two"
                            | "three"
                            | "four"
                            | "few"
                            | "several"
                            | "others"
                            | "staff"
                            | "public"
                    )
            }
            NpKind::Name(_) => cx.lw(cue.s).ends_with('s') || cx.lw(np.e - 1).ends_with('s'),
            NpKind::Who(_) => true,
        };
        if !ok {
            return None;
        }
    }
    if cue.info.mental
        && match &np.kind {
            // "Party leaders want ...", "his team believes ...": a group's belief counts;
            // a singular common noun ("the plan hopes") does not
            NpKind::Nominal(h) => {
                !(h.ends_with('s')
                    || matches!(
                        h.as_str(),
                        "team"
                            | "campaign"
                            | "party"
                            | "administration"
                            | "government"
                            | "leadership"
                            | "staff"
                            | "public"
                    ))
            }
            _ => false,
        }
    {
        return None;
    }
    Some(Found {
        block_s: np.s,
        src: Some(np),
        block_e: cue.e,
    })
}

/// `," said the spokesman`: the noun phrase after an inverted cue, when it ends the clause.
fn inverted_source(cx: &Ctx, b: usize, cue: &Cue) -> Option<Np> {
    let pre_ok = cx.punct(cue.s - 1) == Some(',')
        || cx.is_closing_mark(cue.s - 1)
        || matches!(cx.punct(cue.s - 1), Some('\u{2014}' | '\u{2013}'));
    if pre_ok {
        if let Some(np) = np_right(cx, cue.e, b, true) {
            // `," said the spokesman.` — a common noun after the verb must end the clause,
            // else it is the content's subject (`, said the days when ...`)
            let ends = np.e >= b
                || matches!(
                    cx.punct(np.e),
                    Some('.' | ',' | ';' | '!' | '?' | '(' | '\u{2014}')
                )
                || (cx.toks[np.e].is_word()
                    && (is_adjunct_start(cx.lw(np.e)) || matches!(cx.lw(np.e), "who" | "whose")));
            if !matches!(np.kind, NpKind::Nominal(_)) || ends && noun_phrase_only(cx, &np) {
                return Some(np);
            }
        }
    }
    None
}

/// "She went on to say": the subject of the verb before "to".
fn subject_before_to(cx: &Ctx, a: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        mut src,
        mut block_s,
        block_e,
    } = found;
    // "She went on to say", "Trump continued to insist": the subject of the verb before "to"
    if src.is_none() && cue.s > a + 1 && cx.toks[cue.s - 1].is_word() && cx.lw(cue.s - 1) == "to" {
        for k in (cue.s.saturating_sub(4).max(a + 1)..cue.s - 1).rev() {
            if let Some(np) = np_left(cx, a, k) {
                if matches!(np.kind, NpKind::Name(_) | NpKind::Pronoun(_)) {
                    block_s = np.s;
                    src = Some(np);
                    break;
                }
            }
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// "Giles attempted to re-engage the campaign and said ...": the sentence's subject.
fn subject_before_and(cx: &Ctx, a: usize, b: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        mut src,
        block_s,
        block_e,
    } = found;
    // "Giles attempted to re-engage the campaign and said ...": the sentence's subject
    if src.is_none() && !cue.participle && !cue.base_form && cue.s > a + 2 && {
        let mut k = cue.s - 1;
        while k > a + 1 && cx.toks[k].is_word() && lexicon::is_aux_or_adverb(cx.lw(k)) {
            k -= 1;
        }
        cx.toks[k].is_word() && matches!(cx.lw(k), "and" | "but")
    } {
        if let Some(np) = sentence_subject(cx, a, b) {
            if np.e < cue.s - 1 {
                src = Some(np);
            }
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// ", saying ...": a participle after a comma reports for the main clause's subject; `None` when
/// there is none.
fn main_clause_subject(
    cx: &Ctx,
    a: usize,
    b: usize,
    cue: &Cue,
    atts: &[Att],
    found: Found,
) -> Option<Found> {
    let Found {
        mut src,
        block_s,
        block_e,
    } = found;
    let by_participle = cue.participle
        && cue.s > a
        && cx.toks[cue.s - 1].is_word()
        && matches!(
            cx.lw(cue.s - 1),
            "by" | "before" | "after" | "while" | "upon" | "when" | "and"
        );
    // (`"...," adding, "..."`: the comma inside the closing mark counts)
    let after_quoted_comma =
        cue.s > a + 1 && cx.is_closing_mark(cue.s - 1) && cx.punct(cue.s - 2) == Some(',');
    if src.is_none()
        && cue.participle
        && cue.s > a
        && (cx.punct(cue.s - 1) == Some(',') || by_participle || after_quoted_comma)
    {
        // ", saying ...": the subject of the main clause
        if let Some(prev) = atts.last() {
            // `Vale said she thought they were telling her, "...," adding, "..."`: a plural
            // pronoun reporting inside an earlier report is not who adds
            let plural = |p: &Att| matches!(&p.src, Some(Np { kind: NpKind::Pronoun(w), .. }) if w == "they" || w == "we");
            src = if plural(prev) {
                atts.iter()
                    .rev()
                    .find(|p| !plural(p) && p.src.is_some())
                    .map_or_else(|| prev.src.clone(), |p| p.src.clone())
            } else {
                prev.src.clone()
            };
        } else {
            src = sentence_subject(cx, a, b)
                .or_else(|| nearest_subject(cx, a, cue.s))
                .or_else(|| {
                    // "The candidate closed by saying, ...": a noun-phrase subject
                    if !(cx.toks[a].is_word() && matches!(cx.lw(a), "the" | "a" | "an")) {
                        return None;
                    }
                    let mut np = np_right(cx, a, cue.s, true)?;
                    // the noun phrase ends before its verb (`The candidate closed ...`)
                    if let Some(v) = (a + 2..np.e).find(|&k| {
                        let w = cx.lw(k);
                        w.ends_with("ed") || lexicon::is_aux_or_adverb(w)
                    }) {
                        np.e = v;
                        np.kind = NpKind::Nominal(cx.lw(v - 1).to_string());
                    }
                    Some(np)
                });
        }
        src.as_ref()?;
    }
    Some(Found {
        src,
        block_s,
        block_e,
    })
}

/// A long subject the noun-phrase walk gave up on still speaks (from the clause start to the cue).
fn long_subject(cx: &Ctx, a: usize, b: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        mut src,
        mut block_s,
        block_e,
    } = found;
    // "Party officials in Maine and across the region say ...": a long subject the
    // noun-phrase walk gave up on still speaks (from the clause start to the cue)
    if src.is_none()
        && matches!(cx.lw(cue.s), "say" | "says" | "said")
        && cue.s > a
        && cx.toks[cue.s - 1].is_word()
        && cx.in_span[cue.s - 1].is_none()
        && !matches!(
            cx.lw(cue.s - 1),
            "to" | "and" | "or" | "but" | "not" | "never" | "who" | "which" | "that"
        )
        && cue.e < b
        && !matches!(cx.punct(cue.e), Some('.' | ',' | ';' | ')'))
    {
        let start = (a..cue.s)
            .rev()
            .find(|&k| {
                cx.in_span[k].is_some()
                    || matches!(
                        cx.punct(k),
                        Some(',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}')
                    )
            })
            .map_or(a, |k| k + 1);
        let words = (start..cue.s).filter(|&k| cx.toks[k].is_word()).count();
        if start < cue.s && words <= 12 {
            let head = cx.lw(cue.s - 1);
            block_s = start;
            src = Some(Np {
                s: start,
                e: cue.s,
                kind: NpKind::Nominal(head.to_string()),
            });
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// An appositive too long for the name walk: the clause from its start to the comma speaks.
fn long_appositive(cx: &Ctx, a: usize, b: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        mut src,
        mut block_s,
        block_e,
    } = found;
    // "Jo Park, a teacher who helped plan the strike, said she ...": an appositive too
    // long for the name walk; the clause from its start to the comma speaks
    if src.is_none()
        && matches!(cx.lw(cue.s), "said" | "says")
        && cue.s > a + 2
        && cx.punct(cue.s - 1) == Some(',')
        && cue.e < b
        && cx.toks[cue.e].is_word()
        && cx.in_span[cue.e].is_none()
        && !is_adjunct_start(cx.lw(cue.e))
        && (a..cue.s).all(|k| cx.in_span[k].is_none())
    {
        let mut start = (a..cue.s - 1)
            .rev()
            .find(|&k| matches!(cx.punct(k), Some(';' | ':')))
            .map_or(a, |k| k + 1);
        // (`But Jo Park, ..., said`: a linking word before the subject)
        if start + 1 < cue.s
            && cx.toks[start].is_word()
            && matches!(cx.lw(start), "but" | "and" | "still" | "yet" | "so")
        {
            start += 1;
        }
        let first_np = np_right(cx, start, cue.s - 1, false);
        // (`The board, which polls farmers, said`: a noun phrase with a relative clause)
        if first_np.as_ref().is_some_and(|np| {
            cx.punct(np.e) == Some(',')
                && (matches!(np.kind, NpKind::Name(_))
                    || np.e + 1 < cue.s
                        && cx.toks[np.e + 1].is_word()
                        && matches!(cx.lw(np.e + 1), "which" | "who"))
        }) {
            let np = first_np.unwrap();
            block_s = np.s;
            src = Some(np);
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// A quotation inside the relative clause on the subject: the name opening the clause speaks.
fn relative_clause_subject(cx: &Ctx, a: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        mut src,
        block_s,
        block_e,
    } = found;
    // `Vale, who held a sign reading "Vote early," shouted, "..."`: a quotation inside
    // the relative clause on the subject; the name opening the clause speaks
    if src.is_none()
        && !cue.participle
        && !cue.base_form
        && cue.s > a + 3
        && (cx.punct(cue.s - 1) == Some(',')
            || cx.is_closing_mark(cue.s - 1) && cx.punct(cue.s - 2) == Some(','))
    {
        if let Some(np) = np_right(cx, a, cue.s, false) {
            if matches!(np.kind, NpKind::Name(_))
                && cx.punct(np.e) == Some(',')
                && np.e + 1 < cue.s
                && cx.toks[np.e + 1].is_word()
                && matches!(cx.lw(np.e + 1), "who" | "whose")
            {
                // (the block stays the cue: the relative clause may hold a report of its
                // own, `Roe, who says costs were "high," described ...`)
                src = Some(np);
            }
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// Cue readings that report no speech: a noun cue before a quotation, passives.
fn reports_nothing(cx: &Ctx, a: usize, b: usize, cue: &Cue) -> bool {
    // a noun cue never claims a quotation (the quotation has a speaker of its own)
    if cue.nominal && (cue.e..b).any(|k| cx.in_span[k].is_some()) {
        return true;
    }
    // passive noun-phrase cues ("is described", "was called") report no speech
    if cue.info.np
        && !cue.info.clause
        && cue.s > a
        && matches!(
            cx.lw(cue.s - 1),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
    {
        return true;
    }
    // "who was posted at the gate", "was reported in the press": a passive clause cue with
    // no listener, followed by a place or a means, is said of the subject, not by it
    if cue.info.clause
        && !cue.info.object
        && !cue.according
        && cue.s > a
        && cue.e < b
        && matches!(
            cx.lw(cue.s - 1),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
        && cx.toks[cue.e].is_word()
        && matches!(
            cx.lw(cue.e),
            "at" | "in" | "on" | "by" | "for" | "with" | "near" | "outside" | "inside"
        )
    {
        return true;
    }
    false
}

/// "tax law scholar Ann Vale wrote": the subject phrase reaches back to the quotation.
fn reach_back_to_quotation(cx: &Ctx, a: usize, found: Found) -> Found {
    let Found {
        src,
        mut block_s,
        block_e,
    } = found;
    // "tax law scholar Ann Vale wrote": the subject phrase reaches back to the quotation
    if let Some(NpKind::Name(_)) = src.as_ref().map(|n| &n.kind) {
        let mut k = block_s;
        let mut n = 0;
        while k > a
            && n < 7
            && (cx.toks[k - 1].is_word()
                || (cx.punct(k - 1) == Some('.') && k >= a + 2 && cx.w(k - 2).chars().count() == 1))
            && cx.in_span[k - 1].is_none()
            && !is_function_word(cx.lw(k - 1))
            && lexicon::cue(cx.lw(k - 1)).is_none()
        {
            k -= 1;
            n += 1;
        }
        if k < block_s && k > a && (cx.is_closing_mark(k - 1) || cx.punct(k - 1) == Some(',')) {
            block_s = k;
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// The object of tell/warn/ask joins the block.
fn object_of_cue(cx: &Ctx, b: usize, cue: &Cue, found: Found) -> Found {
    let Found {
        src,
        block_s,
        mut block_e,
    } = found;
    // the object of tell/warn/ask: up to "that", ":", ",", a quotation, or a short phrase
    // (not the question of `asked if ...`, `when asked how ...`)
    if cue.info.object && !cue.according && !asks_question(cx, cue.s, cue.e, b) {
        let mut k = block_e;
        let lim = (block_e + 9).min(b);
        while k < lim {
            if cx.toks[k].is_word() && cx.lw(k) == "that" {
                break;
            }
            // (the dot of `Sen.` or an initial ends no object: `telling Sen. Bo Reed`)
            let title_dot = cx.punct(k) == Some('.')
                && k > block_e
                && cx.toks[k - 1].is_word()
                && (lexicon::is_title(cx.w(k - 1)) || cx.w(k - 1).chars().count() == 1);
            if matches!(cx.punct(k), Some(':' | ',' | '.')) && !title_dot || cx.is_opening_mark(k) {
                break;
            }
            // "told the paper on Monday after suggesting that ...": the object ends at an adjunct
            if k > block_e && cx.toks[k].is_word() && {
                let w = cx.lw(k);
                matches!(
                    w,
                    "after"
                        | "before"
                        | "when"
                        | "while"
                        | "because"
                        | "as"
                        | "if"
                        | "during"
                        | "on"
                        | "in"
                        | "at"
                        | "last"
                        | "this"
                ) || lexicon::cue(w).is_some()
            } {
                break;
            }
            k += 1;
        }
        // `told reporters he would run`, `told the paper on Monday the plan was dead`: a
        // clause without "that" starts at its subject
        let zero_that = if k < lim && cx.toks[k].is_word() && cx.lw(k) == "that" {
            None
        } else {
            zero_that_clause(cx, block_e + 1, k.min(b))
        };
        if let Some(j) = zero_that {
            block_e = j;
        } else if k < lim {
            block_e = k;
        } else if block_e < b {
            // no "that": skip a one-word or name object
            let lw = cx.lw(block_e);
            if matches!(
                lw,
                "him" | "her" | "them" | "me" | "us" | "reporters" | "journalists"
            ) {
                block_e += 1;
            } else if let Some(m) = cx.mention_start[block_e] {
                block_e = cx.people.mentions[m].e.min(b);
            }
        }
    }
    Found {
        src,
        block_s,
        block_e,
    }
}

/// Whether the cue closes the content before it rather than opening the content after it.
fn trails(
    cx: &Ctx,
    a: usize,
    b: usize,
    cue: &Cue,
    block_s: usize,
    block_e: usize,
    atts: &[Att],
) -> bool {
    // a participle never closes the quotation before it (`," Doe wrote in a statement
    // explaining why ...` reports what follows "explaining")
    let mut trailing =
        !cue.participle && !cue.nominal && is_trailing(cx, a, b, block_s, block_e, atts);
    // "..., according to X" closes what precedes it whatever follows the source
    if cue.according && block_s > a + 1 {
        let pre = block_s - 1;
        let seg_start = atts
            .iter()
            .filter(|p| p.block_e <= block_s)
            .map(|p| p.block_e)
            .max()
            .unwrap_or(a);
        trailing = block_s > seg_start + 1
            && (cx.punct(pre) == Some(',')
                || cx.is_closing_mark(pre)
                || matches!(cx.punct(pre), Some('\u{2014}' | '\u{2013}' | '(')));
        // `By May 30, according to new filings, the fund had spent ...`, `But, according to
        // the poll, ...`: after a fronted adverbial, the report covers the clause that
        // follows it
        if trailing
            && cx.punct(pre) == Some(',')
            && fronted_adverbial(cx, seg_start, pre)
            && according_in_mid_clause(cx, block_e, b)
        {
            trailing = false;
        }
    }
    trailing
}

/// A belief verb inside a clause that a later trailing attribution reports is part of that
/// content ("Russia hopes ..., according to Peskov").
fn absorb_beliefs_before_trailing(cx: &Ctx, a: usize, b: usize, atts: &mut Vec<Att>) {
    // a belief verb inside a clause that a later trailing attribution reports is part of
    // that content ("Russia hopes ..., according to Peskov")
    if let Some(t) = atts.iter().position(|x| x.trailing) {
        let keep: Vec<bool> = atts
            .iter()
            .enumerate()
            .map(|(i, x)| i >= t || x.trailing || !x.cue.info.mental)
            .collect();
        let mut i = 0;
        atts.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        for i in 0..atts.len() {
            let prev: Vec<Att> = atts[..i].to_vec();
            let (bs, be) = (atts[i].block_s, atts[i].block_e);
            if !atts[i].trailing
                && !atts[i].cue.according
                && !atts[i].cue.participle
                && !atts[i].cue.nominal
            {
                atts[i].trailing = is_trailing(cx, a, b, bs, be, &prev);
            }
        }
    }
}

/// A report whose clause opens with another cue's subject reports the whole clause; the inner
/// cue is part of it, not a report of its own.
fn absorb_inner_reports(cx: &Ctx, a: usize, b: usize, atts: &mut Vec<Att>) {
    // "Doe said she believes the plan will fail", "Roe told reporters that he wants ...": a
    // report whose clause opens with another cue's subject reports the whole clause; the inner
    // cue is part of it, not a report of its own
    let mut i = 0;
    while i + 1 < atts.len() {
        let (o, n) = (&atts[i], &atts[i + 1]);
        let mut s = o.block_e;
        if s < n.block_s && cx.toks[s].is_word() && cx.lw(s) == "that" {
            s += 1;
        }
        if !o.trailing
            && !n.trailing
            && (o.cue.info.clause || o.cue.info.np)
            && !n.cue.according
            // (a participle without a comma before it is inside the clause too: "he recoiled
            // when Trump began attacking her")
            && (!n.cue.participle
                || n.cue.s > a
                    && cx.toks[n.cue.s - 1].is_word()
                    && n.block_s > s)
            && (n.block_s == s
                // ... or sits inside the clause with no punctuation or quotation before or after
                // it ("Doe said the fee she described as unfair will go")
                || n.block_s > s
                    && (o.block_e..n.block_s).all(|k| {
                        cx.in_span[k].is_none()
                            && !matches!(
                                cx.punct(k),
                                Some(',' | ';' | ':' | '.' | '(' | '\u{2014}' | '\u{2013}')
                            )
                    })
                    && (n.block_e..b).all(|k| cx.in_span[k].is_none()))
            && cx.in_span[n.block_s].is_none()
        {
            atts.remove(i + 1);
            continue;
        }
        i += 1;
    }
}

/// Whether the attribution block closes content that precedes it (`"...," Peskov said.`).
pub(super) fn is_trailing(
    cx: &Ctx,
    a: usize,
    b: usize,
    bs: usize,
    be: usize,
    prev: &[Att],
) -> bool {
    if bs <= a {
        return false;
    }
    // `"...," when Vale blasted him`: a cue in a subordinate clause does not report the
    // quotation before it
    if (bs..be.min(bs + 2)).any(|k| {
        cx.toks[k].is_word()
            && matches!(
                cx.lw(k),
                "when" | "after" | "before" | "while" | "because" | "if" | "until" | "unless"
            )
    }) || bs > a
        && cx.toks[bs - 1].is_word()
        && matches!(
            cx.lw(bs - 1),
            "when" | "after" | "before" | "while" | "because" | "if" | "until" | "unless"
        )
    {
        return false;
    }
    // earlier blocks nested inside this one's subject ("Cruz, who has proposed ..., said") do not
    // bound its content
    let seg_start = prev
        .iter()
        .filter(|p| p.block_e <= bs)
        .map(|p| p.block_e)
        .max()
        .unwrap_or(a);
    if bs <= seg_start + 1 {
        return false;
    }
    let pre = bs - 1;
    let pre_ok = cx.punct(pre) == Some(',')
        || cx.is_closing_mark(pre)
        || matches!(cx.punct(pre), Some('\u{2014}' | '\u{2013}'));
    if !pre_ok {
        return false;
    }
    // "On Sunday, Clinton said ..." / "When asked why, Sembler responded: ...": a fronted
    // adverbial is not reported content
    let ends_sentence = be >= b || matches!(cx.toks[be].kind, Kind::Punct('.' | '!' | '?' | ';'));
    // `Earlier, on NTV's "Morning Desk," Doe was asked`: a quoted title closing a fronted
    // phrase is no quotation the cue reports
    let title_before = cx.is_closing_mark(pre)
        && cx.in_span[pre].is_some_and(|k| names_not_speech(cx, &cx.spans[k]));
    // (an inverted block, `..., said Bo Reed, a professor`, never follows a fronted adverbial)
    let inverted = cx.toks[bs].is_word() && lexicon::cue(cx.lw(bs)).is_some();
    if (!cx.is_closing_mark(pre) || title_before)
        && !ends_sentence
        && !inverted
        && fronted_phrase(cx, b, seg_start, pre, be)
    {
        return false;
    }
    closes_content(cx, a, b, pre, be)
}

/// Whether the words before the block (from `seg_start` to the comma at `pre`) are a fronted
/// phrase rather than reported content: short, opening with an adverbial word, or followed by a
/// colon that introduces the content (`X responded in a text: ...`).
fn fronted_phrase(cx: &Ctx, b: usize, seg_start: usize, pre: usize, be: usize) -> bool {
    let words = (seg_start..pre).filter(|&k| cx.toks[k].is_word()).count();
    let first = if cx.toks[seg_start].is_word() {
        cx.lw(seg_start)
    } else {
        ""
    };
    let adverbial = is_adverbial_opener(first);
    if words < 4 || adverbial {
        return true;
    }
    // a colon after the block introduces the content: "X responded in a text: ..."
    if (be..b).take(12).any(|k| cx.punct(k) == Some(':')) {
        return true;
    }
    false
}

/// Words that open a fronted adverbial (`When asked why, ...`, `On Sunday, ...`), lowercase.
fn is_adverbial_opener(w: &str) -> bool {
    matches!(
        w,
        "when"
            | "while"
            | "after"
            | "before"
            | "on"
            | "in"
            | "at"
            | "as"
            | "asked"
            | "if"
            | "now"
            | "then"
            | "since"
            | "during"
            | "last"
            | "this"
            | "earlier"
            | "meanwhile"
            | "however"
            | "later"
            | "speaking"
            | "responding"
            | "for"
            | "with"
            | "by"
            | "from"
            | "under"
            | "like"
            | "unlike"
            | "despite"
            | "although"
            | "though"
            | "because"
            | "once"
            | "until"
            | "still"
            | "instead"
            | "yet"
            | "so"
            | "also"
            | "and"
            | "but"
            | "indeed"
            | "separately"
            | "similarly"
            | "likewise"
            | "today"
            | "yesterday"
            | "tonight"
            | "overall"
            | "afterward"
            | "afterwards"
            | "recently"
            | "previously"
    ) || crate::lexicon::is_weekday(w)
}

/// What follows the block at `be` says whether the cue closes the content before it.
fn closes_content(cx: &Ctx, a: usize, b: usize, pre: usize, be: usize) -> bool {
    if be >= b {
        return true;
    }
    match cx.toks[be].kind {
        Kind::Punct('.' | '!' | '?' | ';' | ')') => true,
        // `"...," Rubio said: that ...`: a quotation closed by a comma is what the cue reports
        // ... but `"schools," Vale said: "..."` introduces the quotation after the colon
        Kind::Punct(':') => {
            cx.is_closing_mark(pre)
                && pre > a
                && cx.punct(pre - 1) == Some(',')
                && !(be + 1 < b && cx.is_opening_mark(be + 1))
        }
        Kind::Punct(',') => {
            // `"... all week." Vale writes back, "..."`: a quotation closed by a full stop is a
            // sentence of its own; the cue introduces the quotation after it
            let opens_next = be + 1 < b && cx.is_opening_mark(be + 1);
            let closed_sentence =
                cx.is_closing_mark(pre) && pre > a && cx.punct(pre - 1) == Some('.');
            if closed_sentence && opens_next {
                return false;
            }
            !opens_next || cx.is_closing_mark(pre)
        }
        Kind::Quote(_) => cx.is_closing_mark(pre),
        Kind::Word => {
            let lw = cx.lw(be);
            // "Peskov said in a statement", "Warren told Stumpf, after ..."; not "said that ..."
            if cx.is_closing_mark(pre) {
                // `"... a sad day." Roe said he would ...`: a quotation closed by a full stop
                // before a cue with a clause of its own is not what the cue reports
                let closed_sentence = pre > a && cx.punct(pre - 1) == Some('.');
                // ... nor one closed by ! or ? before a cue with a that-clause of its own
                // (`"...!" Roe wrote back to him that she was glad.`)
                let own_clause = pre > a
                    && matches!(cx.punct(pre - 1), Some('!' | '?'))
                    && (be..b.min(be + 5)).any(|k| cx.toks[k].is_word() && cx.lw(k) == "that");
                lw != "that" && !own_clause && (!closed_sentence || is_adjunct_start(lw))
            } else {
                // `Aside from that, Vale appears to be fine`: an infinitive after the cue is
                // its content, so the phrase before it is no reported clause
                is_adjunct_start(lw) && !(lw == "to" && infinitive_at(cx, be + 1, b))
            }
        }
        Kind::Punct(_) => true,
    }
}

/// A quoted stretch that names something instead of reporting words: the title of a show or
/// a work (`"Face the Nation"`), a headline credited with `," by` (`—"Museum gets a new
/// director," by ...`), or a pull-quote credit line (`Jane Doe, campaign chairman."`) that
/// closes a quotation opened a paragraph earlier.
pub(super) fn names_not_speech(cx: &Ctx, q: &QSpan) -> bool {
    let words: Vec<&str> = (q.first..=q.last)
        .filter(|&k| cx.toks[k].is_word())
        .map(|k| cx.w(k))
        .collect();
    if words.is_empty() {
        return true;
    }
    // an HTML attribute value (`href="..."`)
    if q.first > 0
        && cx.toks[q.first].mark().is_some()
        && cx.punct(q.first - 1) == Some('=')
        && cx.toks[q.first - 1].e == cx.toks[q.first].s
    {
        return true;
    }
    // a work or a slogan cited with its year: `"No to Schengen" (2005)`
    if cx.punct(q.last + 1) == Some('(')
        && q.last + 3 < cx.toks.len()
        && cx.toks[q.last + 2].is_word()
        && cx.w(q.last + 2).len() == 4
        && cx.w(q.last + 2).chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    // a paragraph that is nothing but a short phrase in single quotes is a subheading
    // (`'All Bets Are Off.'`), and a lone quoted word is a label (`"Related:"`)
    let para_alone = (q.first == 0 || cx.toks[q.first - 1].para != cx.toks[q.first].para)
        && (q.last + 1..cx.toks.len())
            .take_while(|&k| cx.toks[k].para == cx.toks[q.last].para)
            .all(|k| !cx.toks[k].is_word());
    let single = cx.toks[q.first].mark().is_some_and(|m| !m.double);
    if para_alone && (words.len() == 1 || single && words.len() <= 6) {
        return true;
    }
    // `"The Donald. Big Daddy."`, `"Go home!"`: sentences, not titles; a period just inside
    // the closing mark is ambiguous (`on ABC's "This Week."`), so there the words before the
    // quotation decide
    let last_word = (q.first..=q.last).rev().find(|&k| cx.toks[k].is_word());
    let inner_stop = (q.first..=q.last).any(|k| {
        matches!(cx.punct(k), Some('?' | '!'))
            || cx.punct(k) == Some('.') && last_word.is_some_and(|lw| k < lw)
    });
    let end_stop = last_word.is_some_and(|lw| (lw..=q.last).any(|k| cx.punct(k) == Some('.')));
    let before = if q.first > 0 && cx.toks[q.first - 1].is_word() {
        cx.lw(q.first - 1)
    } else {
        ""
    };
    let title_slot = before.ends_with("'s")
        || before.ends_with("\u{2019}s")
        || matches!(
            before,
            "on" | "of" | "in" | "told" | "tells" | "called" | "calls" | "titled" | "entitled"
        );
    if words.len() <= 6 && is_title_case(&words) && !inner_stop && (!end_stop || title_slot) {
        return true;
    }
    // headline: `"...," by Times' Jane Doe`
    let mut k = q.last + 1;
    while k < cx.toks.len() && cx.punct(k) == Some(',') {
        k += 1;
    }
    let comma = k > q.last + 1 || q.last > 0 && cx.punct(q.last - 1) == Some(',');
    if comma && k < cx.toks.len() && cx.toks[k].is_word() && cx.lw(k) == "by" {
        return true;
    }
    // credit line: a paragraph that is a name (with its role) and a closing mark
    let first_word = (q.first..=q.last).find(|&k| cx.toks[k].is_word());
    if let Some(fw) = first_word {
        let para_start = fw == 0 || cx.toks[fw - 1].para != cx.toks[fw].para;
        if para_start && words.len() <= 12 && cx.toks[q.first].mark().is_none() {
            if let Some(m) = cx.mention_start[fw] {
                let mm = &cx.people.mentions[m];
                let after = mm.e;
                if cx.people.is_person(mm.name)
                    && (after > q.last || matches!(cx.punct(after), Some(',' | '.')))
                    && !(fw..=q.last).any(|k| {
                        cx.toks[k].is_word()
                            && matches!(
                                cx.lw(k),
                                "is" | "was" | "are" | "were" | "has" | "have" | "said" | "says"
                            )
                    })
                {
                    return true;
                }
            }
        }
    }
    false
}

/// For a report set off by commas in mid-clause (`Now, she said, the ...`), the words of the
/// clause before it.
pub(super) fn parenthetical_prefix(
    cx: &Ctx,
    a: usize,
    atts: &[Att],
    ai: usize,
) -> Option<(usize, usize)> {
    let att = &atts[ai];
    let (bs, be) = (att.block_s, att.block_e);
    // (not before a quotation: `In a statement, Roe said, "..."` opens with an adverbial)
    if cx.punct(bs - 1) != Some(',')
        || cx.punct(be) != Some(',')
        || be + 1 >= cx.toks.len()
        || cx.is_opening_mark(be + 1)
    {
        return None;
    }
    let seg = atts[..ai]
        .iter()
        .map(|p| p.block_e)
        .filter(|&e| e <= bs)
        .max()
        .unwrap_or(a);
    let mut s = seg;
    // after a sentence-internal colon or semicolon
    if let Some(k) = (seg..bs - 1)
        .rev()
        .find(|&k| matches!(cx.punct(k), Some(';' | ':')))
    {
        s = k + 1;
    }
    while s < bs - 1 && !cx.toks[s].is_word() && cx.in_span[s].is_none() {
        s += 1;
    }
    let e = bs - 1;
    if s >= e || (s..e).any(|k| cx.in_span[k].is_some()) || !(s..e).any(|k| cx.toks[k].is_word()) {
        return None;
    }
    Some((s, e))
}
