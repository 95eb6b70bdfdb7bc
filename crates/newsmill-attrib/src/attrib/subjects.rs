//! Source noun phrases: the subject to the left of a cue, after a quotation, or after an inverted
//! cue, and the sentence's own subject.

use super::context::{Ctx, Np, NpKind};
use super::words::{fronted_clause_opener, is_determiner, is_function_word, is_initialism};
use crate::lexicon::{self};
use crate::people::strip_possessive;

/// The subject noun phrase ending just before token `c` (auxiliaries and adverbs skipped).
pub(super) fn np_left(cx: &Ctx, a: usize, c: usize) -> Option<Np> {
    let j = subject_end(cx, a, c)?;
    let t = j - 1;
    if !cx.toks[t].is_word() || cx.in_span[t].is_some() {
        return subject_before_punctuation(cx, a, t);
    }
    let mut lw = cx.lw(t);
    // `She's claiming`, `they've said`: the pronoun of a contraction
    if let Some((stem, _)) = lw.split_once(['\'', '\u{2019}']) {
        if matches!(stem, "he" | "she" | "they" | "we" | "i") {
            lw = stem;
        }
    }
    if lexicon::is_person_pronoun(lw) || lw == "it" || lw == "you" {
        if lw == "who" {
            // "Name, who said": the name before the comma
            // ... a person: "Nicky Vale, 24, from Manchester, who said" skips the place
            let name = if t >= a + 2 && cx.punct(t - 1) == Some(',') {
                (t.saturating_sub(12).max(a + 1)..t - 1)
                    .rev()
                    .filter_map(|k| cx.mention_end[k].map(|m| &cx.people.mentions[m]))
                    .find(|mm| {
                        cx.people.is_person(mm.name)
                            && !(mm.np_s > a
                                && cx.toks[mm.np_s - 1].is_word()
                                && matches!(cx.lw(mm.np_s - 1), "from" | "in" | "of" | "at"))
                    })
                    .map(|mm| mm.name)
                    .or_else(|| cx.mention_end[t - 2].map(|m| cx.people.mentions[m].name))
            } else {
                None
            };
            return Some(Np {
                s: t,
                e: t + 1,
                kind: NpKind::Who(name),
            });
        }
        return Some(Np {
            s: t,
            e: t + 1,
            kind: NpKind::Pronoun(lw.to_string()),
        });
    }
    if matches!(
        lw,
        "one"
            | "another"
            | "others"
            | "some"
            | "many"
            | "most"
            | "few"
            | "several"
            | "both"
            | "all"
    ) && (t == a || !cx.toks[t - 1].is_word() || is_function_word(cx.lw(t - 1)))
    {
        return Some(Np {
            s: t,
            e: t + 1,
            kind: NpKind::Nominal(lw.to_string()),
        });
    }
    if let Some(m) = cx.mention_end[t] {
        if let Some(np) = name_subject(cx, a, t, m) {
            return Some(np);
        }
    }
    // "the two write": a number after "the" is a group of people already named
    if matches!(lw, "two" | "three" | "four") && t > a && cx.lw(t - 1) == "the" {
        return Some(Np {
            s: t - 1,
            e: t + 1,
            kind: NpKind::Nominal(lw.to_string()),
        });
    }
    nominal_subject(cx, a, t, lw)
}

/// Where the subject before a cue at `c` ends: auxiliaries, adverbs, a weekday and a
/// parenthesis skipped; `None` at the unit's start.
fn subject_end(cx: &Ctx, a: usize, c: usize) -> Option<usize> {
    let mut j = c;
    // `The S.E.C. said`: the dot closing an initialism is part of the word
    if j >= a + 2 && cx.punct(j - 1) == Some('.') && is_initialism(cx.w(j - 2)) {
        j -= 1;
    }
    let mut skipped = 0;
    while j > a && skipped < 4 {
        let t = j - 1;
        let lw = cx.lw(t);
        // ("the rally", "his family": a "-ly" word after a determiner is a noun)
        if cx.toks[t].is_word()
            && cx.w(t) == lw
            && (lexicon::is_aux_or_adverb(lw)
                || (lw.len() > 4
                    && lw.ends_with("ly")
                    && !(t > a && cx.toks[t - 1].is_word() && is_determiner(cx.lw(t - 1)))))
        {
            j -= 1;
            skipped += 1;
        } else if t > a + 1
            && cx.toks[t].is_word()
            && lexicon::is_weekday(lw)
            && cx.toks[t - 1].is_word()
            && cx.lw(t - 1) == "on"
        {
            // "who Vale on Wednesday called ...": a time adjunct between subject and cue
            j -= 2;
            skipped += 1;
        } else if cx.punct(t) == Some(')') {
            // "Rep. John Mica (R-Fla.) said"
            let mut k = t;
            while k > a && t - k < 8 && cx.punct(k) != Some('(') {
                k -= 1;
            }
            if cx.punct(k) != Some('(') {
                break;
            }
            j = k;
            skipped += 1;
        } else {
            break;
        }
    }
    (j > a).then_some(j)
}

/// A subject before a comma (an appositive) or a dash-bounded aside.
fn subject_before_punctuation(cx: &Ctx, a: usize, t: usize) -> Option<Np> {
    // `Peskov, the Kremlin spokesman, said`: appositive between commas
    if cx.punct(t) == Some(',') {
        return appositive_subject(cx, a, t);
    }
    // `Reed \u{2014} who was posted there for years \u{2014} states`: a name before a
    // dash-bounded aside
    if let Some(dash @ ('\u{2014}' | '\u{2013}')) = cx.punct(t) {
        let open = (t.saturating_sub(30).max(a + 1)..t)
            .rev()
            .find(|&k| cx.punct(k) == Some(dash))?;
        let m = cx.mention_end[open - 1]?;
        let mm = &cx.people.mentions[m];
        let full = cx.people.canonical(mm.name);
        if cx.people.is_person(full) {
            return Some(Np {
                s: mm.np_s.max(a),
                e: mm.e,
                kind: NpKind::Name(mm.name),
            });
        }
    }
    None
}

/// The name mention `m` ending at `t` as the subject, with what its phrase reaches (the person
/// before `of Place`, coordinated names, a name inside a longer subject); `None` for a
/// possessive.
fn name_subject(cx: &Ctx, a: usize, t: usize, m: usize) -> Option<Np> {
    let mm = &cx.people.mentions[m];
    // a possessive name is not the subject ("Trump's campaign said" ends in a noun)
    let (_, poss) = strip_possessive(cx.w(t));
    if !poss {
        let mut s = subject_after_quotation(cx, a, mm.np_s.max(a));
        // "Gov. Ann Vale of Ohio told": the person before "of Place"
        if s >= a + 2 && cx.toks[s - 1].is_word() && matches!(cx.lw(s - 1), "of" | "from") {
            if let Some(m0) = cx.mention_end[s - 2] {
                let p = &cx.people.mentions[m0];
                if cx.people.is_person(p.name) && !cx.people.is_person(mm.name) {
                    return Some(Np {
                        s: p.np_s.max(a),
                        e: t + 1,
                        kind: NpKind::Name(p.name),
                    });
                }
            }
        }
        if let Some(np) = person_before_organisation(cx, a, t, m) {
            return Some(np);
        }
        // "Cummings and Conyers wrote": both are the source; the first is named
        if s >= a + 2 && cx.toks[s - 1].is_word() && cx.lw(s - 1) == "and" {
            if let Some(m0) = cx.mention_end[s - 2] {
                // (`"...," bridge engineers Jo Reed and Al Kerr wrote`: role words too)
                s = subject_after_quotation(cx, a, cx.people.mentions[m0].np_s.max(a));
                return Some(Np {
                    s,
                    e: t + 1,
                    kind: NpKind::Nominal("and".into()),
                });
            }
        }
        if let Some(np) = name_inside_subject(cx, a, s, t, m) {
            return Some(np);
        }
        return Some(Np {
            s,
            e: t + 1,
            kind: NpKind::Name(mm.name),
        });
    }
    None
}

/// "Jo Park of the Acme Institute wrote": the person before an organisation phrase opened by
/// of/from/at/with.
fn person_before_organisation(cx: &Ctx, a: usize, t: usize, m: usize) -> Option<Np> {
    let mm = &cx.people.mentions[m];
    // "Jo Park of the Acme Institute wrote", "Jo Park of the Institute for Policy
    // wrote": the person before an organisation phrase opened by of/from/at/with
    if !cx.people.is_person(mm.name) {
        let s0 = mm.np_s.max(a);
        let mut q = s0;
        while q > a + 1 && s0 - q < 8 && cx.toks[q - 1].is_word() && cx.in_span[q - 1].is_none() {
            let w = cx.w(q - 1);
            if matches!(w, "of" | "from" | "at" | "with") {
                if let Some(m0) = cx.mention_end[q - 2] {
                    let p = &cx.people.mentions[m0];
                    let full = cx.people.canonical(p.name);
                    if cx.people.is_person(full) {
                        return Some(Np {
                            s: p.np_s.max(a),
                            e: t + 1,
                            kind: NpKind::Name(p.name),
                        });
                    }
                }
            }
            if !(w.chars().next().is_some_and(char::is_uppercase)
                || matches!(w, "the" | "for" | "of" | "and"))
            {
                break;
            }
            q -= 1;
        }
    }
    None
}

/// "a spokesman for Bernie Sanders said": the name is inside the subject ("the senator from
/// Maine said", "Voters in Ohio say": a place inside it).
fn name_inside_subject(cx: &Ctx, a: usize, s: usize, t: usize, m: usize) -> Option<Np> {
    let mm = &cx.people.mentions[m];
    // "a spokesman for Bernie Sanders said": the name is inside the subject
    // ("the senator from Maine said", "Voters in Ohio say": a place inside it)
    let place_after =
        matches!(cx.lw(s.max(a + 1) - 1), "from" | "in") && !cx.people.is_person(mm.name);
    if s > a
        && cx.toks[s - 1].is_word()
        && (matches!(cx.lw(s - 1), "for" | "of" | "to" | "at" | "with") || place_after)
    {
        let mut k = s - 1;
        let lim = k.saturating_sub(5).max(a);
        while k > lim && cx.toks[k - 1].is_word() && !is_determiner(cx.lw(k - 1)) {
            k -= 1;
        }
        // (`Senator from Texas says`, `Voters in Ohio say`: no determiner, the phrase
        // opens the clause)
        if place_after
            && k < s - 1
            && (k == a || !cx.toks[k - 1].is_word())
            && (k..s - 1).all(|x| !is_function_word(cx.lw(x)))
        {
            return Some(Np {
                s: k,
                e: t + 1,
                kind: NpKind::Nominal(cx.lw(s - 2).to_string()),
            });
        }
        if k > a && is_determiner(cx.lw(k - 1)) {
            // "Jo Park of the Arden Institute for X wrote": the person
            if k >= a + 3 && matches!(cx.lw(k - 2), "of" | "at" | "from" | "with") {
                if let Some(m0) = cx.mention_end[k - 3] {
                    let p = &cx.people.mentions[m0];
                    if cx.people.is_person(p.name) {
                        return Some(Np {
                            s: p.np_s.max(a),
                            e: t + 1,
                            kind: NpKind::Name(p.name),
                        });
                    }
                }
            }
            let head = cx.lw(s - 2);
            return Some(Np {
                s: k - 1,
                e: t + 1,
                kind: NpKind::Nominal(head.to_string()),
            });
        }
    }
    None
}

/// A common noun phrase ending at `t`: walked back to a determiner or a boundary.
fn nominal_subject(cx: &Ctx, a: usize, t: usize, lw: &str) -> Option<Np> {
    // nominal: walk back to a determiner or a boundary
    let det_before = t > a
        && (t.saturating_sub(6).max(a)..t).any(|k| cx.toks[k].is_word() && is_determiner(cx.lw(k)));
    if is_function_word(lw) || is_determiner(lw) || (lexicon::cue(lw).is_some() && !det_before) {
        return None;
    }
    let head = strip_possessive(lw).0.to_string();
    let mut s = t;
    let mut steps = 0;
    while s > a && steps < 9 {
        let p = s - 1;
        if !cx.toks[p].is_word() {
            // `F.B.I. officials said`, `U.N. monitors say`: an initialism's dots are no boundary
            let mut k = s;
            while k >= a + 2
                && cx.punct(k - 1) == Some('.')
                && cx.toks[k - 2].is_word()
                && is_initialism(cx.w(k - 2))
            {
                k -= 2;
            }
            if k < s {
                s = k;
                steps += 1;
                continue;
            }
            // a boundary: comma, quote, dash, sentence start
            break;
        }
        let pw = cx.lw(p);
        // "And regulators say ...": a sentence-initial conjunction is not part of the subject
        if matches!(pw, "and" | "but") && (p == a || !cx.toks[p - 1].is_word()) {
            break;
        }
        if is_determiner(pw) {
            s = p;
            // "a voice in the mayor's ad": a prepositional phrase inside the subject
            let pp = p >= a + 2
                && cx.toks[p - 1].is_word()
                && matches!(
                    cx.lw(p - 1),
                    "of" | "for" | "in" | "at" | "with" | "from" | "on"
                )
                && cx.toks[p - 2].is_word()
                && !is_function_word(cx.lw(p - 2))
                && !is_determiner(cx.lw(p - 2));
            if pp && steps < 5 {
                s = p - 1;
                steps += 1;
                continue;
            }
            break;
        }
        if is_function_word(pw)
            && !matches!(pw, "of" | "for" | "at" | "with" | "from" | "in" | "and")
        {
            break;
        }
        s = p;
        steps += 1;
    }
    // the phrase must not start with a preposition
    let first = cx.lw(s);
    if matches!(first, "of" | "for" | "at" | "with" | "from" | "in" | "and") {
        return None;
    }
    // a boundary must sit before it (sentence start, punctuation, or a subordinator)
    if s > a {
        let p = s - 1;
        let ok = !cx.toks[p].is_word()
            || matches!(
                cx.lw(p),
                "that"
                    | "and"
                    | "but"
                    | "as"
                    | "because"
                    | "while"
                    | "when"
                    | "though"
                    | "although"
                    | "if"
                    | "after"
                    | "before"
                    | "since"
                    | "so"
            )
            || is_determiner(cx.lw(s));
        if !ok {
            return None;
        }
    }
    Some(Np {
        s,
        e: t + 1,
        kind: NpKind::Nominal(head),
    })
}

/// Where a subject starting at `s` begins when every word between a closing quotation (after a
/// comma, ? or !) and it belongs to it (`"...," Dayton Public Advocate Tia Jones said`); `s`
/// otherwise.
pub(super) fn subject_after_quotation(cx: &Ctx, a: usize, s: usize) -> usize {
    let mut k = s;
    while k > a
        && s - k < 8
        && cx.toks[k - 1].is_word()
        && cx.in_span[k - 1].is_none()
        && !matches!(
            cx.lw(k - 1),
            "said" | "says" | "and" | "but" | "who" | "that" | "which" | "as"
        )
    {
        k -= 1;
    }
    if k < s
        && k > a + 1
        && cx.is_closing_mark(k - 1)
        && matches!(cx.punct(k - 2), Some(',' | '?' | '!'))
    {
        k
    } else {
        s
    }
}

/// `Name, appositive, said`: the name before the appositive.
pub(super) fn appositive_subject(cx: &Ctx, a: usize, comma: usize) -> Option<Np> {
    if let Some(np) = name_before_parenthetical(cx, a, comma) {
        return Some(np);
    }
    if let Some(np) = name_as_appositive(cx, a, comma) {
        return Some(np);
    }
    let mut k = comma;
    let lim = comma.saturating_sub(30).max(a);
    let mut saw_quote = false;
    // `Bo Reed (R-Utah), a budget panel member, said`: the parenthetical belongs to the
    // name before it
    let skip_paren = |c: usize| -> usize {
        if c > a + 1 && cx.punct(c - 1) == Some(')') {
            if let Some(o) = (c.saturating_sub(10).max(a)..c - 1)
                .rev()
                .find(|&o| cx.punct(o) == Some('('))
            {
                return o;
            }
        }
        c
    };
    while k > lim {
        k -= 1;
        if cx.in_span[k].is_some() {
            saw_quote = true;
            continue;
        }
        if cx.punct(k) == Some(',') {
            if saw_quote
                && !matches!(cx.lw(k + 1), "who" | "the" | "a" | "an")
                && !cx.lw(k + 1).ends_with("ing")
            {
                continue;
            }
            if k == 0 || k <= a {
                return None;
            }
            let first_after = cx.lw(k + 1);
            let before = skip_paren(k);
            if before <= a {
                return None;
            }
            let Some(m) = cx.mention_end[before - 1] else {
                // "A Doe aide, who asked not to be named, said"
                if matches!(first_after, "who" | "whose") {
                    if let Some(np) = np_left(cx, a, k) {
                        if matches!(np.kind, NpKind::Nominal(_)) {
                            return Some(np);
                        }
                    }
                }
                // "Ann Vale, 20, a student from Memphis, said": an age between two commas is
                // one more appositive; keep looking for the name before it
                let between: Vec<usize> =
                    (k + 1..comma).filter(|&x| cx.toks[x].is_word()).collect();
                let age_before = before > a + 1
                    && cx.toks[before - 1].is_word()
                    && cx.lw(before - 1).chars().all(|c| c.is_ascii_digit())
                    && cx.punct(before - 2) == Some(',');
                if age_before && !between.is_empty() && between.len() <= 12 {
                    continue;
                }
                return None;
            };
            let mut mm = &cx.people.mentions[m];
            // `Jo Park, a teacher from Akron, Ohio, said`: a city and its state are one place
            // inside the appositive; keep looking for the name before them
            let place_pair = !cx.people.is_person(mm.name)
                && cx.mention_start[k + 1].is_some_and(|m2| {
                    let m2 = &cx.people.mentions[m2];
                    m2.e == comma && !cx.people.is_person(m2.name)
                });
            if place_pair {
                continue;
            }
            // `Rep. Jo Park of Ohio, the ranking member, said`: the person before "of Place"
            if !cx.people.is_person(mm.name)
                && mm.np_s > a + 1
                && matches!(cx.lw(mm.np_s - 1), "of" | "from")
            {
                if let Some(m0) = cx.mention_end[mm.np_s - 2] {
                    if cx.people.is_person(cx.people.mentions[m0].name) {
                        mm = &cx.people.mentions[m0];
                    }
                }
                // `Ann Vale, 59, of Akron, who watched ..., said`: a place after its own comma
                // is one more appositive; keep looking for the name before it
                if !cx.people.is_person(mm.name) && cx.punct(mm.np_s - 2) == Some(',') {
                    continue;
                }
            }
            let appositive_like = opens_appositive(cx, k, comma, first_after);
            if !appositive_like {
                return None;
            }
            return Some(Np {
                s: mm.np_s.max(a),
                e: mm.e,
                kind: NpKind::Name(mm.name),
            });
        }
    }
    None
}

/// "Gov. John Kasich (R-OH), said": the name before the parenthetical.
fn name_before_parenthetical(cx: &Ctx, a: usize, comma: usize) -> Option<Np> {
    // "Gov. John Kasich (R-OH), said": the name before the parenthetical
    if comma > a + 2 && cx.punct(comma - 1) == Some(')') {
        if let Some(o) = (comma.saturating_sub(10).max(a)..comma - 1)
            .rev()
            .find(|&o| cx.punct(o) == Some('('))
        {
            if let Some(m) = o.checked_sub(1).and_then(|x| cx.mention_end[x]) {
                let mm = &cx.people.mentions[m];
                if cx.people.is_person(mm.name) {
                    return Some(Np {
                        s: mm.np_s.max(a),
                        e: mm.e,
                        kind: NpKind::Name(mm.name),
                    });
                }
            }
        }
    }
    None
}

/// "his wife, Gabriela Lazar, wrote": the name is itself the appositive.
fn name_as_appositive(cx: &Ctx, a: usize, comma: usize) -> Option<Np> {
    // "his wife, Gabriela Lazar, wrote": the name is itself the appositive
    if comma > a + 1 {
        if let Some(m) = cx.mention_end[comma - 1] {
            let mm = &cx.people.mentions[m];
            // (not `from Akron, Ohio,`: a state after its city)
            if mm.np_s > a
                && cx.punct(mm.np_s - 1) == Some(',')
                && cx.people.names[mm.name].words.len() >= 2
                && !(mm.np_s >= a + 2
                    && cx.mention_end[mm.np_s - 2].is_some()
                    && !cx.people.is_person(mm.name))
            {
                return Some(Np {
                    s: mm.np_s,
                    e: mm.e,
                    kind: NpKind::Name(mm.name),
                });
            }
        }
    }
    None
}

/// Whether the words from the comma at `k` to `comma` read as an appositive on the name before
/// them (`, the mayor,`, `, 59,`, `, R-Ohio,`, `, speaking Monday,`).
fn opens_appositive(cx: &Ctx, k: usize, comma: usize, first_after: &str) -> bool {
    matches!(first_after, "the" | "a" | "an" | "who" | "whose")
        || (k + 1..comma).any(|x| lexicon::is_role_noun(strip_possessive(cx.lw(x)).0))
        || first_after.chars().all(|c| c.is_ascii_digit())
        || (first_after.len() <= 8
            && matches!(first_after.split_once('-'), Some(("r" | "d" | "i", _))))
        || (first_after.ends_with("ing") && first_after.len() > 5)
        || matches!(
            first_after,
            "at" | "in"
                            | "on"
                            | "during"
                            | "after"
                            | "speaking"
                            | "asked"
                            | "also"
                            | "however"
                            | "though"
                            | "too"
                            // "Smith, part of the team, said", "Doe, one of the organisers, said"
                            | "part"
                            | "one"
                            | "among"
                            | "now"
                            | "then"
                            | "once"
                            | "formerly"
                            | "himself"
                            | "herself"
                            | "like"
                            // "Grassley, Republican of Iowa, said"
                            | "republican"
                            | "democrat"
                            | "independent"
        )
}

/// The subject at the start of a sentence: a name or a personal pronoun, after an optional
/// fronted phrase closed by a comma.
pub(super) fn sentence_subject(cx: &Ctx, a: usize, b: usize) -> Option<Np> {
    let mut k = a;
    // skip a fronted adverbial ("On Tuesday, ...") of a few words
    if let Some(c) = (a..(a + 8).min(b)).find(|&i| cx.punct(i) == Some(',')) {
        // "Eight years ago, he ...", "Hours later, she ..."
        let ago = c > a
            && cx.toks[c - 1].is_word()
            && matches!(cx.lw(c - 1), "ago" | "later" | "earlier");
        if ago
            || cx.toks[a].is_word()
                && matches!(
                    cx.lw(a),
                    "on" | "in"
                        | "at"
                        | "after"
                        | "last"
                        | "earlier"
                        | "later"
                        | "then"
                        | "but"
                        | "and"
                        | "meanwhile"
                        | "still"
                )
        {
            k = c + 1;
        }
    }
    // "At a fair in Dayton, Ohio, on Thursday, Reed ...": the place and time pieces after
    // the fronted adverbial belong to it
    if k > a {
        while let Some(c) = (k..(k + 5).min(b)).find(|&i| cx.punct(i) == Some(',')) {
            let piece_is_place = (k..c).all(|i| {
                cx.toks[i].is_word() && cx.w(i).chars().next().is_some_and(char::is_uppercase)
            }) && c > k
                && !(k..c).any(|i| {
                    cx.mention_start[i].is_some_and(|m| {
                        let n = cx.people.mentions[m].name;
                        cx.people.is_person(cx.people.canonical(n))
                    })
                });
            let piece_is_adjunct = c > k
                && cx.toks[k].is_word()
                && matches!(
                    cx.lw(k),
                    "on" | "in" | "at" | "after" | "during" | "last" | "earlier" | "later"
                );
            if !(piece_is_place || piece_is_adjunct) {
                break;
            }
            k = c + 1;
        }
    }
    // "Here's Vale on the levy: ...", "Here is Vale in 1992: ...": the person presented
    if k == a && cx.toks[a].is_word() && matches!(cx.w(a), "Here's" | "Here\u{2019}s" | "Here") {
        k = a + 1;
        if k < b && cx.toks[k].is_word() && matches!(cx.lw(k), "is" | "'s" | "\u{2019}s") {
            k += 1;
        }
    }
    // "Was Reed happy with it?": a question opens with its auxiliary
    if k == a
        && cx.toks[a].is_word()
        && matches!(
            cx.w(a),
            "Was"
                | "Is"
                | "Did"
                | "Does"
                | "Do"
                | "Will"
                | "Would"
                | "Can"
                | "Could"
                | "Has"
                | "Have"
                | "Had"
                | "Should"
                | "Were"
                | "Are"
        )
    {
        k = a + 1;
    }
    // a longer fronted clause opened by a participle, a preposition or a subordinator
    // ("Turning to the pier, Doe read ...", "Along with two aides, she ...")
    if k == a && cx.toks[a].is_word() && fronted_clause_opener(cx.w(a)) {
        if let Some(c) = (a + 1..(a + 30).min(b)).find(|&i| cx.punct(i) == Some(',')) {
            k = c + 1;
        }
    }
    while k < b
        && cx.toks[k].is_word()
        && matches!(cx.lw(k), "but" | "and" | "so" | "yet" | "still" | "then")
    {
        k += 1;
    }
    let np = np_right(cx, k, b, false)?;
    match np.kind {
        NpKind::Name(_) | NpKind::Pronoun(_) => Some(np),
        _ => None,
    }
}

/// The last personal pronoun or person name before `end` in the unit: the likely subject of a
/// trailing participle (`..., saying "..."`).
pub(super) fn nearest_subject(cx: &Ctx, a: usize, end: usize) -> Option<Np> {
    for k in (a..end).rev() {
        if cx.in_span[k].is_some() || !cx.toks[k].is_word() {
            continue;
        }
        let lw = cx.lw(k);
        if matches!(lw, "he" | "she") {
            return Some(Np {
                s: k,
                e: k + 1,
                kind: NpKind::Pronoun(lw.to_string()),
            });
        }
        if let Some(m) = cx.mention_end[k] {
            let mm = &cx.people.mentions[m];
            if cx.people.is_person(mm.name) {
                return Some(Np {
                    s: mm.np_s.max(a),
                    e: k + 1,
                    kind: NpKind::Name(mm.name),
                });
            }
        }
    }
    None
}

/// A noun phrase starting at `k` (for `said X` and `according to X`).
pub(super) fn np_right(cx: &Ctx, k: usize, b: usize, nominal_ok: bool) -> Option<Np> {
    if k >= b || cx.in_span[k].is_some() || !cx.toks[k].is_word() {
        return None;
    }
    let lw = cx.lw(k);
    if lw.ends_with("ly") && cx.w(k) == lw {
        return None; // "said matter-of-factly"
    }
    if matches!(lw, "he" | "she" | "they" | "we" | "i") {
        return Some(Np {
            s: k,
            e: k + 1,
            kind: NpKind::Pronoun(lw.to_string()),
        });
    }
    if let Some(m) = cx.mention_start[k] {
        let mm = &cx.people.mentions[m];
        if mm.e <= b {
            // "said Vale's communications director, Bo Reed", "said Vale constituent Bo Reed":
            // the first name only modifies the role before the speaker's name
            if let Some(np) = name_after_role(cx, mm.e, b) {
                return Some(np);
            }
            return Some(Np {
                s: k,
                e: mm.e,
                kind: NpKind::Name(mm.name),
            });
        }
    }
    if (!nominal_ok && !is_determiner(lw)) || (is_function_word(lw) && !is_determiner(lw)) {
        return None;
    }
    // determiner + words up to punctuation or a function word; a name inside wins
    let mut e = k;
    let mut head = String::new();
    while e < b && e - k < 8 {
        let t = &cx.toks[e];
        if !t.is_word() || cx.in_span[e].is_some() {
            break;
        }
        let w = cx.lw(e);
        if e > k && (is_function_word(w) && !matches!(w, "of" | "for" | "at")) {
            break;
        }
        if let Some(m) = cx.mention_start[e] {
            let mm = &cx.people.mentions[m];
            if e > k
                && mm.e <= b
                && !cx.people.names[mm.name].org
                && !matches!(cx.lw(e - 1), "of" | "for" | "at")
            {
                return Some(Np {
                    s: k,
                    e: mm.e,
                    kind: NpKind::Name(mm.name),
                });
            }
        }
        head = strip_possessive(w).0.to_string();
        e += 1;
    }
    if e == k
        || (e == k + 1
            && is_determiner(lw)
            && !matches!(lw, "another" | "one" | "others" | "both" | "all"))
    {
        return None;
    }
    Some(Np {
        s: k,
        e,
        kind: NpKind::Nominal(head),
    })
}

/// Whether a common noun phrase after an inverted cue (`, said the two aides.`) is only a noun
/// phrase, not the subject and verb of a reported clause (`, said buyers still want small cars`,
/// `, said most farms continued to hire`): a clause shows an adverb or auxiliary, a past-tense
/// head before `to` or a determiner, or runs past three words with no determiner or role noun
/// to open it; `that` opens the clause (`states that a shift ...`).
pub(super) fn noun_phrase_only(cx: &Ctx, np: &Np) -> bool {
    let words: Vec<&str> = (np.s..np.e).map(|k| cx.lw(k)).collect();
    let Some(head) = words.last() else {
        return false;
    };
    if words[0] == "that" || words[1..].iter().any(|w| lexicon::is_aux_or_adverb(w)) {
        return false;
    }
    // (`said most farms continued to hire`, but `said one aide involved in the talks`)
    if words.len() > 1
        && head.len() > 3
        && head.ends_with("ed")
        && np.e < cx.toks.len()
        && cx.toks[np.e].is_word()
        && {
            let next = cx.lw(np.e);
            next == "to" || is_determiner(next)
        }
    {
        return false;
    }
    words.len() <= 3
        || is_determiner(words[0])
        || strip_possessive(words[0]).1
        || words
            .iter()
            .any(|w| lexicon::is_role_noun(strip_possessive(w).0))
}

/// A person's name after up to four lower-case role words (and an optional comma) starting at
/// `j`: `[Vale] press secretary Bo Reed`, `[Vale's] communications director, Bo Reed`,
/// `[KXTV's] Bo Reed`.
pub(super) fn name_after_role(cx: &Ctx, j: usize, b: usize) -> Option<Np> {
    let mut k = j;
    while k < b && k < j + 4 && cx.toks[k].is_word() && cx.in_span[k].is_none() {
        let w = cx.w(k);
        if !w.chars().next().is_some_and(char::is_lowercase) || is_function_word(w) {
            break;
        }
        k += 1;
    }
    // "noted KXTV's Bo Reed": a possessive owner needs no role words
    let owner = j > 0 && strip_possessive(cx.w(j - 1)).1;
    if k == j && !owner {
        return None;
    }
    if k < b && cx.punct(k) == Some(',') {
        k += 1;
    }
    if k >= b {
        return None;
    }
    let m = cx.mention_start[k].or_else(|| {
        // the role words may belong to the later mention's noun phrase
        (j..k).find_map(|i| cx.mention_start[i])
    })?;
    let mm = &cx.people.mentions[m];
    let n = &cx.people.names[mm.name];
    let personish = cx.people.is_person(mm.name) || (!n.org && n.words.len() >= 2);
    if mm.s < k || mm.e > b || !personish {
        return None;
    }
    Some(Np {
        s: mm.s.min(j),
        e: mm.e,
        kind: NpKind::Name(mm.name),
    })
}
