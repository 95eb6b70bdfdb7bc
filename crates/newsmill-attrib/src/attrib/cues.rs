//! Cue finding: the reporting verbs and phrases of a sentence (`said`, `according to`, `the
//! claim that`), with the readings that are not reports filtered out.

use super::context::Ctx;
use super::words::{
    is_adjunct_start, is_data_noun, is_determiner, is_function_word, is_noun_like_cue,
};
use crate::lexicon::{self, CueInfo};
use crate::people::strip_possessive;

/// A cue occurrence.
#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) info: CueInfo,
    pub(super) according: bool,
    pub(super) base_form: bool,
    pub(super) participle: bool,
    /// A noun cue (`the claim that`): no source needed, never trailing.
    pub(super) nominal: bool,
}

/// What a speech verb does when the lexicon has no entry for a phrase built on it: takes a clause
/// and may follow its quotation (`said`).
pub(super) const SPEECH: CueInfo = CueInfo {
    clause: true,
    inversion: true,
    object: false,
    np: false,
    mental: false,
};

impl Cue {
    /// A cue phrase over tokens `s..e` (`went on to say`, `was quoted as saying`) that behaves
    /// as `info` says, with none of the special readings.
    pub(super) fn with_info(s: usize, e: usize, info: CueInfo) -> Cue {
        Cue {
            s,
            e,
            info,
            according: false,
            base_form: false,
            participle: false,
            nominal: false,
        }
    }

    /// A plain reporting cue over tokens `s..e` that takes a clause after it (`said`, a colon
    /// after a name), nothing else special about it.
    pub(super) fn clause(s: usize, e: usize) -> Cue {
        Cue {
            nominal: false,
            ..Cue::nominal(s, e)
        }
    }

    /// A cue that names its source after it (`according to X`, `In a poll by X,`) over tokens
    /// `s..e`; the source runs to the comma when the cue opens the sentence.
    pub(super) fn according(s: usize, e: usize) -> Cue {
        Cue {
            according: true,
            nominal: false,
            ..Cue::nominal(s, e)
        }
    }

    /// A noun or expectation cue (`the claim that`, `is expected to`) over tokens `s..e`: it
    /// reports the clause after it and needs no source.
    pub(super) fn nominal(s: usize, e: usize) -> Cue {
        Cue {
            s,
            e,
            info: CueInfo {
                inversion: false,
                ..SPEECH
            },
            according: false,
            base_form: false,
            participle: false,
            nominal: true,
        }
    }
}

pub(super) fn find_cues(cx: &Ctx, a: usize, b: usize) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        if cx.in_span[i].is_some() || !cx.toks[i].is_word() {
            i += 1;
            continue;
        }
        let lw = cx.lw(i);
        if let Some((cue, next)) = opening_cue(cx, a, b, i, lw) {
            out.push(cue);
            i = next;
            continue;
        }
        if let Some(info) = lexicon::cue(lw) {
            out.extend(verb_cue(cx, a, b, i, lw, info));
        } else if let Some((cue, next)) = verb_phrase_cue(cx, b, i, lw) {
            out.push(cue);
            i = next;
            continue;
        }
        i += 1;
    }
    // `shouted down`, `showed up`, `shot back up`, `wrote off`, `added up to`: a verb with one
    // of these particles is another verb, not a report
    out.retain(|c| {
        let particle = c.e < b
            && cx.toks[c.e].is_word()
            && matches!(cx.lw(c.e), "up" | "down" | "off" | "away");
        c.nominal || c.according || !(particle || discourse_said(cx, a, c))
    });
    out
}

/// Cues that are not a reporting verb on its own: a fronted poll, `according to`, `is expected
/// to`, a noun cue (`the claim that`), a verb with its particle (`called for`); with the token
/// after them.
fn opening_cue(cx: &Ctx, a: usize, b: usize, i: usize, lw: &str) -> Option<(Cue, usize)> {
    // `In a Gazette poll released Sunday, 60 percent backed the fee`: a poll, a survey or a
    // study opening the sentence is the source of the clause after the comma, like
    // "according to"
    if i == a && lw == "in" && fronted_data_source(cx, i, b) {
        return Some((Cue::according(i, i + 1), i + 1));
    }
    if lw == "according" && i + 1 < b && cx.lw(i + 1) == "to" {
        return Some((Cue::according(i, i + 2), i + 2));
    }
    // "is expected to win", "are widely expected to back her": what is expected (no source)
    if lw == "expected" && i + 1 < b && cx.lw(i + 1) == "to" && {
        let mut k = i;
        while k > a
            && cx.toks[k - 1].is_word()
            && matches!(
                cx.lw(k - 1),
                "widely" | "not" | "also" | "still" | "generally" | "largely" | "now"
            )
        {
            k -= 1;
        }
        k > a && matches!(cx.lw(k - 1), "is" | "are" | "was" | "were" | "been" | "be")
    } {
        return Some((Cue::nominal(i, i + 1), i + 1));
    }
    if let Some(e) = nominal_cue(cx, i, b) {
        // "the claim that ...": a noun reports the clause after it
        return Some((Cue::nominal(i, e), e));
    }
    if let Some(e) = phrasal_np_cue(cx, i, b) {
        // "called for a recount", "referring to the senator", "talked about jobs": a verb
        // and its particle report the noun phrase after them
        let cue = Cue {
            s: i,
            e,
            info: CueInfo {
                clause: false,
                inversion: false,
                object: false,
                np: true,
                mental: false,
            },
            according: false,
            base_form: !lw.ends_with("ed") && !lw.ends_with("ing") && !lw.ends_with('s'),
            participle: lw.ends_with("ing"),
            nominal: false,
        };
        return Some((cue, e));
    }
    None
}

/// The reporting verb at `i`, unless this occurrence is a name, a noun or another reading that
/// reports nothing.
fn verb_cue(cx: &Ctx, a: usize, b: usize, i: usize, lw: &str, info: CueInfo) -> Option<Cue> {
    if not_a_report(cx, a, b, i, lw) {
        return None;
    }
    let base_form = !lw.ends_with("ed")
        && !lw.ends_with("ing")
        && !matches!(
            lw,
            "said"
                | "told"
                | "wrote"
                | "thought"
                | "knew"
                | "felt"
                | "found"
                | "swore"
                | "read"
                | "written"
                | "known"
                | "shown"
        );
    // "says" and "thinks" are fine with any subject; bare forms ("say") need a
    // pronoun, a plural or a modal before them
    let present = base_form;
    let base_form = present && !lw.ends_with('s');
    let participle = lw.ends_with("ing");
    if noun_without_clause(cx, a, b, i, lw, present) {
        return None;
    }
    let mut e = i + 1;
    // "point out", "went on"
    if e < b && cx.lw(e) == "out" && lw.starts_with("point") {
        e += 1;
    }
    // "chimed in"
    if e < b && cx.lw(e) == "in" && lw.starts_with("chime") {
        e += 1;
    }
    // "writes back", "texted back": the particle belongs to the cue
    if e < b && cx.lw(e) == "back" && info.clause {
        e += 1;
    }
    Some(Cue {
        s: i,
        e,
        info,
        according: false,
        base_form,
        participle,
        nominal: false,
    })
}

/// Readings of a reporting verb's form that report nothing: a capitalised name, `read` a book,
/// a noun after an article or a possessive (`his stated goal`), and the verb-specific ones.
fn not_a_report(cx: &Ctx, a: usize, b: usize, i: usize, lw: &str) -> bool {
    // a capitalised cue mid-sentence is a name (`Hope`, `Will`)
    let cap = cx.w(i).chars().next().is_some_and(|c| c.is_uppercase());
    // "read" reports only the words of a sign or a document quoted next to it (`," the
    // email read`, `the sign read: "..."`), not someone reading a book
    // (the same for "pressed": `"...?" Hannity pressed`, never "the press")
    let reading = matches!(
        lw,
        "read" | "reads" | "press" | "pressed" | "presses" | "pressing"
    ) && !(i.saturating_sub(6).max(a)..i).any(|k| cx.is_closing_mark(k))
        && (!(i + 1..(i + 3).min(b)).any(|k| cx.is_opening_mark(k))
            || i > a && matches!(cx.lw(i - 1), "he" | "she" | "i" | "we" | "they" | "you"));
    // "the reported contributions", "several reasons", "his stated goal": after an
    // article or a possessive the word is a noun or an adjective; "pledged delegates" too
    let nominal = i > a
                && cx.toks[i - 1].is_word()
                && matches!(
                    cx.lw(i - 1),
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                        | "every"
                        | "each"
                        | "several"
                )
                || lw == "pledged"
                    && i + 1 < b
                    && matches!(cx.lw(i + 1), "delegate" | "delegates")
                // "Vale's remarks", "Reed's claims": a word right after a possessive
                // (not a contraction: "He's claiming")
                || i > a && cx.toks[i - 1].is_word() && {
                    let (stem, poss) = strip_possessive(cx.w(i - 1));
                    poss && !matches!(
                        stem.to_lowercase().as_str(),
                        "he" | "she" | "it" | "that" | "who" | "there" | "what" | "here" | "where"
                    )
                }
                // "City Hall press secretary Bo Reed said": a noun before a noun
                || matches!(lw, "press" | "presses")
                    && i + 1 < b
                    && cx.toks[i + 1].is_word()
                    && (lexicon::is_role_noun(cx.lw(i + 1))
                        || matches!(
                            cx.lw(i + 1),
                            "release"
                                | "releases"
                                | "office"
                                | "conference"
                                | "conferences"
                                | "corps"
                                | "briefing"
                                | "briefings"
                                | "pool"
                                | "freedom"
                                | "team"
                                | "staff"
                                | "shop"
                        ));
    reading
        || nominal
        || cap && i > a
        || naming_or_phoning(cx, i, a, b)
        || plural_states(cx, i, a)
        || decline_as_drop(cx, i, b)
        || know_without_content(cx, i, a, b)
}

/// "states", "reports", "calls" are as often nouns: as verbs only with a clause after them.
fn noun_without_clause(cx: &Ctx, a: usize, b: usize, i: usize, lw: &str, present: bool) -> bool {
    // "states", "reports", "calls" are as often nouns: only with "that" / a quotation after
    // ("he notes." / "Bozell says," are verbs all the same)
    let after_pronoun = i > a
        && cx.toks[i - 1].is_word()
        && matches!(
            cx.lw(i - 1),
            "he" | "she" | "they" | "i" | "we" | "who" | "it"
        );
    let clause_end = i + 1 >= b || matches!(cx.punct(i + 1), Some('.' | ','));
    let data_subject = matches!(
        lw,
        "show" | "shows" | "find" | "finds" | "suggest" | "suggests" | "indicate" | "indicates"
    ) && (i.saturating_sub(8).max(a)..i)
        .any(|k| cx.toks[k].is_word() && is_data_noun(cx.lw(k)));
    // `"...," Henry reports on Monday`: a name right after a quotation is the subject
    let after_quoted_name = i > a
        && cx.mention_end[i - 1].is_some_and(|m| {
            let ns = cx.people.mentions[m].np_s;
            ns > a && cx.is_closing_mark(ns - 1)
        });
    // "Cruz hopes to ...", "Roe supports the bill": after a person's name the word
    // is a verb
    let after_person = i > a
        && cx.mention_end[i - 1].is_some_and(|m| {
            let n = cx.people.mentions[m].name;
            let k = cx.people.canonical(n);
            cx.people.is_person(k)
        })
        && !clause_end;
    if present
        && !data_subject
        && !after_quoted_name
        && !after_person
        && is_noun_like_cue(lw)
        && !(after_pronoun
            || (clause_end && i > a && cx.toks[i - 1].is_word() && cx.mention_end[i - 1].is_some()))
    {
        let nx = i + 1;
        // (`states that have voted`: "that" opening a relative clause, a verb next)
        let relative = nx + 1 < b
            && cx.toks[nx + 1].is_word()
            && (lexicon::is_aux_or_adverb(cx.lw(nx + 1)) || cx.lw(nx + 1).ends_with("ed"));
        let clause_follows = nx < b
            && ((cx.toks[nx].is_word()
                && (cx.lw(nx) == "that" && !relative
                    || (cx.lw(nx) == "to" && lw.starts_with("plan"))))
                || cx.is_opening_mark(nx)
                || matches!(cx.punct(nx), Some(':')));
        if !clause_follows {
            return true;
        }
    }
    false
}

/// Multi-word cues: `pointed out`, `went on`, `shot back`, `put it`, `went on to say`, `was
/// quoted as saying`; with the token after them.
fn verb_phrase_cue(cx: &Ctx, b: usize, i: usize, lw: &str) -> Option<(Cue, usize)> {
    if (matches!(lw, "pointed" | "points")
            && i + 1 < b
            && cx.lw(i + 1) == "out")
            // ("went on a walk", "went on a trip": a noun phrase after it is no speech)
            || (matches!(lw, "went" | "goes")
                && i + 1 < b
                && cx.lw(i + 1) == "on"
                && (i + 2 >= b
                    || cx.is_opening_mark(i + 2)
                    || matches!(cx.punct(i + 2), Some(',' | ':' | '.' | ';'))
                    || cx.lw(i + 2) == "about"))
            || (matches!(
                lw,
                "shot" | "fired" | "hit" | "struck" | "pushed" | "snapped"
            ) && i + 1 < b
                && cx.lw(i + 1) == "back")
            || (matches!(lw, "put" | "puts") && i + 1 < b && cx.lw(i + 1) == "it")
    {
        let cue = Cue {
            s: i,
            e: i + 2,
            info: CueInfo {
                clause: true,
                inversion: true,
                object: false,
                np: false,
                mental: false,
            },
            according: false,
            base_form: false,
            participle: false,
            nominal: false,
        };
        return Some((cue, i + 2));
    } else if matches!(lw, "went" | "goes" | "go" | "going")
        && i + 3 < b
        && cx.lw(i + 1) == "on"
        && cx.lw(i + 2) == "to"
        && lexicon::cue(cx.lw(i + 3)).is_some_and(|c| c.clause || c.inversion)
    {
        // "The letter went on to say, ...", "Vale goes on to argue that ...": one cue
        let info = lexicon::cue(cx.lw(i + 3)).unwrap_or(SPEECH);
        return Some((Cue::with_info(i, i + 4, info), i + 4));
    } else if let Some(e) = (lw == "quoted")
        .then(|| {
            (i + 1..(i + 14).min(b.saturating_sub(1))).find(|&k| {
                cx.lw(k) == "as" && matches!(cx.lw(k + 1), "saying" | "telling" | "writing")
            })
        })
        .flatten()
        // (`quoted Ms. Vale, the editor, as saying`: an appositive between commas)
        .filter(|&k| {
            (i + 1..k).all(|x| {
                (cx.toks[x].is_word() || matches!(cx.punct(x), Some(',' | '.')))
                    && cx.in_span[x].is_none()
            })
        })
        .map(|k| k + 2)
    {
        // "Vale was quoted as saying", "the paper quoted Vale as saying": one cue whose
        // source is the subject before it (PolNeAR-style: the quoting outlet when named)
        let info = lexicon::cue("said").unwrap_or(SPEECH);
        return Some((Cue::with_info(i, e, info), e));
    }
    None
}

/// Whether the "In" at `i` opens `In <a poll / the survey / Acme's study ...>, <clause>`: the
/// head noun, before any preposition, names a source of data, and a clause of four words or
/// more follows the comma. (`In the wake of the report,` and `In addition,` do not count.)
pub(super) fn fronted_data_source(cx: &Ctx, i: usize, b: usize) -> bool {
    if i + 2 >= b || !cx.toks[i + 1].is_word() {
        return false;
    }
    let first = cx.lw(i + 1);
    if !(matches!(
        first,
        "a" | "an" | "the" | "its" | "his" | "her" | "their" | "this"
    ) || cx.w(i + 1).chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let mut head = false;
    let mut k = i + 1;
    while k < b.min(i + 12) {
        if cx.in_span[k].is_some() {
            return false;
        }
        if cx.punct(k) == Some(',') {
            break;
        }
        if cx.toks[k].is_word() {
            let w = cx.lw(k);
            if !head && is_function_word(w) && k > i + 1 {
                return false;
            }
            head |= matches!(
                w,
                "poll"
                    | "polls"
                    | "survey"
                    | "surveys"
                    | "study"
                    | "studies"
                    | "report"
                    | "analysis"
                    | "census"
                    | "audit"
                    | "ranking"
                    | "tally"
                    | "estimate"
                    | "estimates"
                    | "data"
                    | "figures"
            );
        } else if !matches!(cx.punct(k), Some('-' | '/' | '\'' | '\u{2019}')) {
            return false;
        }
        k += 1;
    }
    if !head || cx.punct(k) != Some(',') {
        return false;
    }
    // (`In a study, two economists found ...`: the researchers are the source, and the
    // phrase is an adjunct of their verb; respondents who `said` are still the poll's findings)
    let own_finding = (k + 1..b.min(k + 20)).any(|x| {
        cx.toks[x].is_word() && cx.in_span[x].is_none() && {
            let w = cx.lw(x);
            lexicon::cue(w).is_some() && !matches!(w, "said" | "say" | "says" | "saying")
        }
    });
    !own_finding && (k + 1..b).filter(|&x| cx.toks[x].is_word()).count() >= 4
}

/// `Having said that, ...` and `That said, ...`: the phrase links two sentences of the writer's
/// and reports nothing.
pub(super) fn discourse_said(cx: &Ctx, a: usize, c: &Cue) -> bool {
    if c.e != c.s + 1 || cx.lw(c.s) != "said" || c.s == a {
        return false;
    }
    let prev = c.s - 1;
    let word =
        |k: usize, w: &[&str]| k < cx.toks.len() && cx.toks[k].is_word() && w.contains(&cx.lw(k));
    let clause_start = |k: usize| {
        k == a || matches!(cx.punct(k - 1), Some('.' | ';' | ':' | '(' | '\u{2014}')) || {
            cx.toks[k - 1].is_word() && matches!(cx.lw(k - 1), "but" | "and" | "yet" | "still")
        }
    };
    (word(prev, &["having"])
        && word(c.e, &["that", "this", "so"])
        && cx.punct(c.e + 1) == Some(','))
        || (word(prev, &["that", "this"]) && cx.punct(c.e) == Some(',') && clause_start(prev))
}

/// Whether `know` at `i` reports no knowledge of a fact: `the only one I know of`, `know
/// better`, `we know because ...`, `what we know about it`, `a club known as ...`, knowing a
/// person (`know him`, `has known Jo Park for years`), and the questions `Do you know where
/// ...?`, `do we know how ...`.
pub(super) fn know_without_content(cx: &Ctx, i: usize, a: usize, b: usize) -> bool {
    if !matches!(cx.lw(i), "know" | "knows" | "knew" | "known") {
        return false;
    }
    let next_says_nothing = i + 1 >= b
        || cx.toks[i + 1].is_word()
            && matches!(
                cx.lw(i + 1),
                "of" | "better"
                    | "because"
                    | "about"
                    | "as"
                    | "for"
                    | "him"
                    | "her"
                    | "them"
                    | "me"
                    | "us"
            );
    // `has known Jo Park for years`, `knew Vale well`: knowing a person, unless a verb follows
    // the name (`knew Vale was lying`)
    let knows_person = i + 1 < b
        && cx.mention_start[i + 1].is_some_and(|m| {
            let e = cx.people.mentions[m].e;
            e >= b
                || matches!(cx.punct(e), Some('.' | ',' | ';'))
                || cx.toks[e].is_word()
                    && matches!(cx.lw(e), "for" | "since" | "well" | "personally" | "from")
        });
    let question = i >= a + 2
        && cx.toks[i - 2].is_word()
        && matches!(cx.lw(i - 2), "do" | "does" | "did")
        && matches!(cx.lw(i - 1), "you" | "we" | "they");
    next_says_nothing || question || knows_person
}

/// Whether `declined` at `i` means a fall (`sales declined slightly`, `revenue declined to $40
/// million`) rather than a refusal (`declined to comment`, `declined an interview`).
pub(super) fn decline_as_drop(cx: &Ctx, i: usize, b: usize) -> bool {
    if !matches!(cx.lw(i), "decline" | "declines" | "declined" | "declining") {
        return false;
    }
    // a fall: an adverb, a preposition or a number after it (a refusal takes `to` and a verb,
    // or an object: `declined comment`, `declined an interview`)
    i + 1 >= b
        || !cx.toks[i + 1].is_word()
        || cx.lw(i + 1).ends_with("ly")
        || matches!(
            cx.lw(i + 1),
            "in" | "from" | "by" | "since" | "over" | "sharply"
        )
        || cx.lw(i + 1) == "to"
            && !(i + 2 < b
                && cx.toks[i + 2].is_word()
                && cx.w(i + 2).chars().all(char::is_alphabetic))
}

/// Whether `states` at `i` is the plural noun (`five states that voted`, `Western states,`,
/// `swing states`): as a verb it follows a pronoun, a person or a singular noun (`the
/// report states that ...`).
pub(super) fn plural_states(cx: &Ctx, i: usize, a: usize) -> bool {
    if cx.lw(i) != "states" {
        return false;
    }
    if i == a {
        return true;
    }
    // (after an aside or a parenthesis the subject is further back: `Reed — who ... — states`)
    if !cx.toks[i - 1].is_word() {
        return !matches!(cx.punct(i - 1), Some('\u{2014}' | '\u{2013}' | ')' | ','));
    }
    let prev = cx.lw(i - 1);
    if matches!(prev, "he" | "she" | "it" | "who" | "which" | "that") {
        return false;
    }
    if let Some(m) = cx.mention_end[i - 1] {
        return !cx
            .people
            .is_person(cx.people.canonical(cx.people.mentions[m].name));
    }
    let first = cx.w(i - 1).chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_ascii_digit()
        || prev.ends_with('s')
        || prev.ends_with("ing")
        || is_determiner(prev)
        || matches!(
            prev,
            "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozen"
                | "early"
                | "key"
                | "swing"
                | "battleground"
                | "southern"
                | "northern"
                | "western"
                | "eastern"
        )
}

/// Whether `called` at `i` names a thing or places a phone call rather than reporting words:
/// `a club called Citizens First`, `another called X` (an indefinite noun before it), `Vale
/// called Jo Park on Monday`, `called Reed shortly after`, `she called into the show` (a
/// person, then the sentence end or an adjunct). `called him a liar` still reports.
pub(super) fn naming_or_phoning(cx: &Ctx, i: usize, a: usize, b: usize) -> bool {
    if !matches!(cx.lw(i), "called" | "calls" | "call" | "calling") {
        return false;
    }
    if i + 1 < b && cx.toks[i + 1].is_word() && cx.lw(i + 1) == "into" {
        return true;
    }
    // an indefinite noun phrase right before: `a (new) group called`, `another called`
    let indefinite = (i.saturating_sub(4).max(a)..i).rev().find_map(|k| {
        if !cx.toks[k].is_word() {
            return Some(false);
        }
        let w = cx.lw(k);
        if matches!(w, "a" | "an" | "another" | "one") {
            return Some(true);
        }
        (is_function_word(w) || lexicon::is_person_pronoun(w)).then_some(false)
    });
    if indefinite == Some(true) && i > a && cx.toks[i - 1].is_word() {
        return true;
    }
    // a person called, then nothing more than an adjunct
    if let Some(m) = cx.mention_start.get(i + 1).copied().flatten() {
        let e = cx.people.mentions[m].e;
        if e >= b {
            return true;
        }
        return matches!(cx.punct(e), Some('.' | ';'))
            || cx.toks[e].is_word()
                && (is_adjunct_start(cx.lw(e))
                    || matches!(cx.lw(e), "shortly" | "twice" | "once" | "back"));
    }
    false
}

/// A noun cue starting at `i` whose content is a that-clause (`the claim that ...`, `his
/// assertion that ...`): the end of the cue.
pub(super) fn nominal_cue(cx: &Ctx, i: usize, b: usize) -> Option<usize> {
    if i + 2 >= b || !cx.toks[i + 1].is_word() || cx.lw(i + 1) != "that" {
        return None;
    }
    // `a charge that might have stung`, `the view that is popular`: "that" and a verb open a
    // relative clause on the noun, not the claim itself
    if cx.toks[i + 2].is_word() && {
        let w = cx.lw(i + 2);
        lexicon::is_aux_or_adverb(w) || matches!(w, "can" | "should" | "must")
    } {
        return None;
    }
    let lw = cx.lw(i);
    // (`emphasis` ends in s without being a plural)
    let sing = if lw.ends_with("sis") {
        lw
    } else {
        lw.strip_suffix('s').unwrap_or(lw)
    };
    matches!(
        sing,
        "claim"
            | "assertion"
            | "suggestion"
            | "idea"
            | "notion"
            | "belief"
            | "allegation"
            | "argument"
            | "charge"
            | "accusation"
            | "fear"
            | "hope"
            | "assumption"
            | "insistence"
            | "emphasis"
            | "warning"
            | "promise"
            | "conclusion"
            | "view"
    )
    .then_some(i + 1)
}

/// The end of a verb + particle cue starting at `i` that reports a noun phrase (`call for`,
/// `call on`, `refer to`, `talk about`, `point to`, `push for`), if one starts there.
pub(super) fn phrasal_np_cue(cx: &Ctx, i: usize, b: usize) -> Option<usize> {
    // (the noun phrase may open with a quotation: `called for "more buses"`)
    if i + 2 >= b
        || !cx.toks[i + 1].is_word()
        || !(cx.toks[i + 2].is_word() || cx.is_opening_mark(i + 2))
    {
        return None;
    }
    let lw = cx.lw(i);
    let lemma = lw
        .strip_suffix("ing")
        .or_else(|| lw.strip_suffix("ed"))
        .or_else(|| lw.strip_suffix('s'))
        .unwrap_or(lw);
    let lemma = match lemma {
        "referr" | "refer" => "refer",
        "spoke" | "speak" => "speak",
        "push" | "pushe" => "push",
        x => x,
    };
    let p = cx.lw(i + 1);
    // "Doe sees the vote as a test of ...", "voters view him as a liar": the object and
    // its "as" phrase
    if matches!(
        lw,
        "see" | "sees" | "saw" | "view" | "views" | "viewed" | "regard" | "regards" | "regarded"
    ) && !(i > 0
        && cx.toks[i - 1].is_word()
        && matches!(
            cx.lw(i - 1),
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "a"
                | "the"
                | "his"
                | "her"
                | "their"
                | "its"
        ))
        && !cx.w(i).chars().next().is_some_and(|c| c.is_uppercase())
        && (i + 2..b.min(i + 12))
            .take_while(|&k| cx.toks[k].is_word() && cx.in_span[k].is_none())
            .any(|k| cx.lw(k) == "as")
    {
        return Some(i + 1);
    }
    let ok = match lemma {
        "call" => matches!(p, "for" | "on"),
        "refer" => p == "to",
        "talk" | "speak" => p == "about",
        "point" => p == "to",
        "push" | "press" | "advocate" | "argue" => p == "for",
        _ => false,
    };
    if !ok || cx.w(i).chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    // `called on Tuesday`, `called for 2 p.m.`: a date or a time is no content
    let nx = cx.lw(i + 2);
    if crate::lexicon::is_weekday(nx) || nx.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(i + 2)
}

/// `asked if ...`, `asks whether ...`, `asked how ...`: a form of "ask" followed by the question.
pub(super) fn asks_question(cx: &Ctx, s: usize, e: usize, b: usize) -> bool {
    e < b
        && matches!(cx.lw(s), "ask" | "asks" | "asked" | "asking")
        && cx.toks[e].is_word()
        && matches!(
            cx.lw(e),
            "whether"
                | "what"
                | "how"
                | "why"
                | "if"
                | "about"
                | "when"
                | "who"
                | "which"
                | "where"
        )
}
