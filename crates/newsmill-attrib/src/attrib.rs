//! The attribution rules: cues and their sources, content spans (direct, mixed, indirect),
//! continuation of unattributed quotation paragraphs, and speaker resolution through the
//! article's name table.

use crate::lexicon::{self, CueInfo};
use crate::people::{strip_possessive, word, Gender, People};
use crate::tokens::{quote_spans, sentences, tokenize, Kind, QSpan, Tok};
use newsmill_core::QuoteKind;

/// Quotations shorter than this (in words) that no cue claims are scare quotes or titles, and
/// are not reported.
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// What the source noun phrase is.
#[derive(Debug, Clone, PartialEq)]
enum NpKind {
    /// A name from the table (index into `People::names`).
    Name(usize),
    /// A personal pronoun, lowercased.
    Pronoun(String),
    /// `who` after `Name,`: resolved to that name when there is one.
    Who(Option<usize>),
    /// A common noun phrase (`the spokesman`, `officials`); the head word, lowercased.
    Nominal(String),
}

#[derive(Debug, Clone)]
struct Np {
    s: usize,
    e: usize,
    kind: NpKind,
}

/// One attribution in token terms, before conversion.
#[derive(Debug, Clone)]
pub(crate) struct RawQuote {
    /// Content token ranges `[s, e)`.
    pub contents: Vec<(usize, usize)>,
    pub kind: QuoteKind,
    /// Cue token range.
    pub cue: Option<(usize, usize)>,
    /// Mention token range.
    pub mention: Option<(usize, usize)>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// Unit index (for ordering and continuation).
    unit: usize,
    /// The quotation-mark spans inside the contents (token ranges), filled at the end.
    pub quoted: Vec<(usize, usize)>,
}

/// Everything the analysis produced, in byte/token terms.
pub(crate) struct Analysis {
    pub toks: Vec<Tok>,
    pub quotes: Vec<RawQuote>,
    pub people: People,
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    spans: Vec<QSpan>,
    /// Token index -> index of the quotation span containing it (marks included).
    in_span: Vec<Option<usize>>,
    units: Vec<(usize, usize)>,
    people: People,
    /// Token index -> index of the name mention ending at this token.
    mention_end: Vec<Option<usize>>,
    /// Token index -> index of the name mention starting (with pre-modifiers) at this token.
    mention_start: Vec<Option<usize>>,
    /// Named speakers so far (name entry, token of the mention), for he/she.
    speakers: Vec<(usize, usize)>,
    /// Token index -> its lower-case form when that differs from the text.
    lower: Vec<Option<Box<str>>>,
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        word(self.text, &self.toks[i])
    }
    /// The token's text in lower case (computed once per token, borrowed from the text when
    /// it has no capitals).
    fn lw(&self, i: usize) -> &str {
        match &self.lower[i] {
            Some(l) => l,
            None => self.w(i),
        }
    }
    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
    fn is_closing_mark(&self, i: usize) -> bool {
        self.in_span[i].is_some_and(|k| self.spans[k].last == i && self.toks[i].mark().is_some())
    }
    fn is_opening_mark(&self, i: usize) -> bool {
        self.in_span[i].is_some_and(|k| self.spans[k].first == i && self.toks[i].mark().is_some())
    }
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "many"
            | "several"
            | "other"
            | "both"
            | "most"
            | "all"
            | "two"
            | "three"
            | "few"
            | "one"
            | "another"
            | "our"
            | "my"
            | "your"
            | "each"
            | "every"
            | "no"
            | "any"
            | "more"
    )
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "but"
            | "if"
            | "when"
            | "while"
            | "because"
            | "as"
            | "that"
            | "which"
            | "what"
            | "who"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "of"
            | "for"
            | "about"
            | "after"
            | "before"
            | "than"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "not"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "so"
            | "there"
            | "also"
            | "then"
            | "how"
            | "why"
            | "where"
            | "do"
            | "does"
            | "did"
            | "said"
            | "says"
            | "told"
            | "very"
            | "just"
            | "even"
            | "into"
            | "over"
            | "against"
            | "since"
            | "until"
            | "him"
            | "them"
            | "me"
            | "us"
            | "whether"
            | "though"
            | "although"
            | "upon"
    )
}

/// Runs the whole analysis over one text.
pub(crate) fn analyse(text: &str) -> Analysis {
    let toks = tokenize(text);
    let mut spans = quote_spans(&toks);
    // `Nora "Lee" Vale`: a nickname inside a name is part of the name, not a quotation
    spans.retain(|q| !crate::people::is_nickname(text, &toks, q.first));
    let mut in_span = vec![None; toks.len()];
    for (k, q) in spans.iter().enumerate() {
        for slot in in_span.iter_mut().take(q.last + 1).skip(q.first) {
            if slot.is_none() {
                *slot = Some(k);
            }
        }
    }
    let units = sentences(text, &toks, &spans);
    let lower = toks
        .iter()
        .map(|t| {
            let w = &text[t.s..t.e];
            w.chars()
                .any(char::is_uppercase)
                .then(|| w.to_lowercase().into_boxed_str())
        })
        .collect();
    let people = People::build(text, &toks);
    let mut mention_end = vec![None; toks.len()];
    let mut mention_start = vec![None; toks.len()];
    for (k, m) in people.mentions.iter().enumerate() {
        if m.e > 0 && m.e <= toks.len() {
            mention_end[m.e - 1] = Some(k);
        }
        if m.np_s < toks.len() {
            mention_start[m.np_s] = Some(k);
        }
        if m.s < toks.len() && mention_start[m.s].is_none() {
            mention_start[m.s] = Some(k);
        }
    }
    let mut cx = Ctx {
        text,
        toks,
        spans,
        in_span,
        units,
        people,
        mention_end,
        mention_start,
        speakers: Vec::new(),
        lower,
    };
    let quotes = attribute_units(&mut cx);
    Analysis {
        toks: cx.toks,
        quotes,
        people: cx.people,
    }
}

/// A cue occurrence.
#[derive(Debug, Clone)]
struct Cue {
    s: usize,
    e: usize,
    info: CueInfo,
    according: bool,
    base_form: bool,
    participle: bool,
    /// A noun cue (`the claim that`): no source needed, never trailing.
    nominal: bool,
}

/// What a speech verb does when the lexicon has no entry for a phrase built on it: takes a clause
/// and may follow its quotation (`said`).
const SPEECH: CueInfo = CueInfo {
    clause: true,
    inversion: true,
    object: false,
    np: false,
    mental: false,
};

impl Cue {
    /// A cue phrase over tokens `s..e` (`went on to say`, `was quoted as saying`) that behaves
    /// as `info` says, with none of the special readings.
    fn with_info(s: usize, e: usize, info: CueInfo) -> Cue {
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
    fn clause(s: usize, e: usize) -> Cue {
        Cue {
            nominal: false,
            ..Cue::nominal(s, e)
        }
    }

    /// A cue that names its source after it (`according to X`, `In a poll by X,`) over tokens
    /// `s..e`; the source runs to the comma when the cue opens the sentence.
    fn according(s: usize, e: usize) -> Cue {
        Cue {
            according: true,
            nominal: false,
            ..Cue::nominal(s, e)
        }
    }

    /// A noun or expectation cue (`the claim that`, `is expected to`) over tokens `s..e`: it
    /// reports the clause after it and needs no source.
    fn nominal(s: usize, e: usize) -> Cue {
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

fn find_cues(cx: &Ctx, a: usize, b: usize) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        if cx.in_span[i].is_some() || !cx.toks[i].is_word() {
            i += 1;
            continue;
        }
        let lw = cx.lw(i);
        // `In a Gazette poll released Sunday, 60 percent backed the fee`: a poll, a survey or a
        // study opening the sentence is the source of the clause after the comma, like
        // "according to"
        if i == a && lw == "in" && fronted_data_source(cx, i, b) {
            out.push(Cue::according(i, i + 1));
            i += 1;
            continue;
        }
        if lw == "according" && i + 1 < b && cx.lw(i + 1) == "to" {
            out.push(Cue::according(i, i + 2));
            i += 2;
            continue;
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
            out.push(Cue::nominal(i, i + 1));
            i += 1;
            continue;
        }
        if let Some(e) = nominal_cue(cx, i, b) {
            // "the claim that ...": a noun reports the clause after it
            out.push(Cue::nominal(i, e));
            i = e;
            continue;
        }
        if let Some(e) = phrasal_np_cue(cx, i, b) {
            // "called for a recount", "referring to the senator", "talked about jobs": a verb
            // and its particle report the noun phrase after them
            out.push(Cue {
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
            });
            i = e;
            continue;
        }
        if let Some(info) = lexicon::cue(lw) {
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
            if !(reading
                || nominal
                || cap && i > a
                || naming_or_phoning(cx, i, a, b)
                || plural_states(cx, i, a)
                || decline_as_drop(cx, i, b)
                || know_without_content(cx, i, a, b))
            {
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
                    "show"
                        | "shows"
                        | "find"
                        | "finds"
                        | "suggest"
                        | "suggests"
                        | "indicate"
                        | "indicates"
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
                        || (clause_end
                            && i > a
                            && cx.toks[i - 1].is_word()
                            && cx.mention_end[i - 1].is_some()))
                {
                    let nx = i + 1;
                    // (`states that have voted`: "that" opening a relative clause, a verb next)
                    let relative = nx + 1 < b
                        && cx.toks[nx + 1].is_word()
                        && (lexicon::is_aux_or_adverb(cx.lw(nx + 1))
                            || cx.lw(nx + 1).ends_with("ed"));
                    let clause_follows = nx < b
                        && ((cx.toks[nx].is_word()
                            && (cx.lw(nx) == "that" && !relative
                                || (cx.lw(nx) == "to" && lw.starts_with("plan"))))
                            || cx.is_opening_mark(nx)
                            || matches!(cx.punct(nx), Some(':')));
                    if !clause_follows {
                        i += 1;
                        continue;
                    }
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
                out.push(Cue {
                    s: i,
                    e,
                    info,
                    according: false,
                    base_form,
                    participle,
                    nominal: false,
                });
            }
        } else if (matches!(lw, "pointed" | "points")
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
            out.push(Cue {
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
            });
            i += 2;
            continue;
        } else if matches!(lw, "went" | "goes" | "go" | "going")
            && i + 3 < b
            && cx.lw(i + 1) == "on"
            && cx.lw(i + 2) == "to"
            && lexicon::cue(cx.lw(i + 3)).is_some_and(|c| c.clause || c.inversion)
        {
            // "The letter went on to say, ...", "Vale goes on to argue that ...": one cue
            let info = lexicon::cue(cx.lw(i + 3)).unwrap_or(SPEECH);
            out.push(Cue::with_info(i, i + 4, info));
            i += 4;
            continue;
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
            out.push(Cue::with_info(i, e, info));
            i = e;
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

/// Whether the "In" at `i` opens `In <a poll / the survey / Acme's study ...>, <clause>`: the
/// head noun, before any preposition, names a source of data, and a clause of four words or
/// more follows the comma. (`In the wake of the report,` and `In addition,` do not count.)
fn fronted_data_source(cx: &Ctx, i: usize, b: usize) -> bool {
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
fn discourse_said(cx: &Ctx, a: usize, c: &Cue) -> bool {
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
fn know_without_content(cx: &Ctx, i: usize, a: usize, b: usize) -> bool {
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
fn decline_as_drop(cx: &Ctx, i: usize, b: usize) -> bool {
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
fn plural_states(cx: &Ctx, i: usize, a: usize) -> bool {
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
fn naming_or_phoning(cx: &Ctx, i: usize, a: usize, b: usize) -> bool {
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
fn nominal_cue(cx: &Ctx, i: usize, b: usize) -> Option<usize> {
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
fn phrasal_np_cue(cx: &Ctx, i: usize, b: usize) -> Option<usize> {
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
fn asks_question(cx: &Ctx, s: usize, e: usize, b: usize) -> bool {
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

/// Things that show, find or suggest (`polls show`, `the video shows`, `data suggest`).
fn is_data_noun(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    matches!(
        w,
        "poll"
            | "survey"
            | "study"
            | "studie"
            | "data"
            | "report"
            | "analysis"
            | "analyse"
            | "review"
            | "research"
            | "figure"
            | "number"
            | "result"
            | "record"
            | "document"
            | "statistic"
            | "census"
            | "polling"
            | "estimate"
            | "filing"
            | "email"
            | "evidence"
            | "video"
            | "footage"
            | "photo"
            | "image"
            | "picture"
            | "return"
            | "tally"
            | "tallie"
            | "audit"
            | "chart"
            | "map"
            | "graph"
            | "tape"
            | "recording"
            | "transcript"
            | "memo"
            | "letter"
    )
}

/// Reporting-verb forms that are as often plural nouns or bare nouns.
fn is_noun_like_cue(w: &str) -> bool {
    let lemma = w
        .strip_suffix("es")
        .filter(|x| x.ends_with("sh") || x.ends_with("ch"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    matches!(
        lemma,
        "state"
            | "report"
            | "note"
            | "claim"
            | "call"
            | "show"
            | "hope"
            | "fear"
            | "question"
            | "charge"
            | "remark"
            | "counter"
            | "signal"
            | "demand"
            | "promise"
            | "pledge"
            | "doubt"
            | "attack"
            | "praise"
            | "blame"
            | "cite"
            | "reply"
            | "vow"
            | "joke"
            | "estimate"
            | "tweet"
            | "post"
            | "find"
            | "repeat"
            | "stress"
            | "mention"
            | "concern"
            | "defend"
            | "reject"
            | "dismiss"
            | "slam"
            | "blast"
            | "mock"
            | "describe"
            | "accuse"
            | "criticize"
            | "endorse"
            | "propose"
            | "recommend"
            | "testify"
            | "hint"
            | "worry"
            | "answer"
            | "plan"
            | "support"
            | "favor"
    )
}

/// The subject noun phrase ending just before token `c` (auxiliaries and adverbs skipped).
fn np_left(cx: &Ctx, a: usize, c: usize) -> Option<Np> {
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
    if j == a {
        return None;
    }
    let t = j - 1;
    if !cx.toks[t].is_word() || cx.in_span[t].is_some() {
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
        return None;
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
            // "Jo Park of the Acme Institute wrote", "Jo Park of the Institute for Policy
            // wrote": the person before an organisation phrase opened by of/from/at/with
            if !cx.people.is_person(mm.name) {
                let s0 = mm.np_s.max(a);
                let mut q = s0;
                while q > a + 1
                    && s0 - q < 8
                    && cx.toks[q - 1].is_word()
                    && cx.in_span[q - 1].is_none()
                {
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
            return Some(Np {
                s,
                e: t + 1,
                kind: NpKind::Name(mm.name),
            });
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

/// An initialism before its final dot: `F`, `F.B.I`, `U.S` (capital letters between dots).
fn is_initialism(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Where a subject starting at `s` begins when every word between a closing quotation (after a
/// comma, ? or !) and it belongs to it (`"...," Dayton Public Advocate Tia Jones said`); `s`
/// otherwise.
fn subject_after_quotation(cx: &Ctx, a: usize, s: usize) -> usize {
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
fn appositive_subject(cx: &Ctx, a: usize, comma: usize) -> Option<Np> {
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
            let appositive_like = matches!(first_after, "the" | "a" | "an" | "who" | "whose")
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
                );
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

/// The subject at the start of a sentence: a name or a personal pronoun, after an optional
/// fronted phrase closed by a comma.
fn sentence_subject(cx: &Ctx, a: usize, b: usize) -> Option<Np> {
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

/// A capitalised word that opens a fronted clause rather than a subject: a participle
/// (`Speaking`, `Looking`), a preposition or a subordinator (`Along`, `Despite`, `When`).
fn fronted_clause_opener(w: &str) -> bool {
    let mut cs = w.chars();
    let upper = cs.next().is_some_and(char::is_uppercase);
    let rest_lower = cs.clone().all(|c| c.is_lowercase());
    if !upper || !rest_lower {
        return false;
    }
    let lw = w.to_lowercase();
    (lw.len() >= 7 && lw.ends_with("ing") && !lexicon::is_male_first_name(w))
        || matches!(
            lw.as_str(),
            "along"
                | "outside"
                | "inside"
                | "near"
                | "across"
                | "behind"
                | "beyond"
                | "throughout"
                | "within"
                | "around"
                | "against"
                | "after"
                | "in"
                | "at"
                | "on"
                | "over"
                | "through"
                | "with"
                | "despite"
                | "during"
                | "unlike"
                | "like"
                | "as"
                | "while"
                | "when"
                | "before"
                | "since"
                | "among"
                | "amid"
                | "although"
                | "though"
                | "because"
                | "if"
                | "once"
                | "until"
                | "without"
                | "under"
                | "from"
                | "for"
                | "by"
                | "asked"
                | "pressed"
        )
}

/// The last personal pronoun or person name before `end` in the unit: the likely subject of a
/// trailing participle (`..., saying "..."`).
fn nearest_subject(cx: &Ctx, a: usize, end: usize) -> Option<Np> {
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
fn np_right(cx: &Ctx, k: usize, b: usize, nominal_ok: bool) -> Option<Np> {
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
fn noun_phrase_only(cx: &Ctx, np: &Np) -> bool {
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
fn name_after_role(cx: &Ctx, j: usize, b: usize) -> Option<Np> {
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

/// Whether a cue's block opens a subordinate clause (`..., Doe said, as the crowd cheered.`):
/// such a cue with nothing reported does not speak the next quotation.
fn subordinate_block(cx: &Ctx, a: usize, att: &Att) -> bool {
    att.block_s > a
        && cx.toks[att.block_s - 1].is_word()
        && matches!(
            cx.lw(att.block_s - 1),
            "as" | "though" | "although" | "while" | "because" | "whereas" | "even"
        )
}

/// A found cue with its source and block (the tokens that are neither content nor outside).
#[derive(Debug, Clone)]
struct Att {
    cue: Cue,
    src: Option<Np>,
    /// `[block_s, block_e)`: source + cue (+ object) tokens.
    block_s: usize,
    block_e: usize,
    trailing: bool,
}

fn attribute_units(cx: &mut Ctx) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    let mut covered = vec![false; cx.spans.len()];
    let units = cx.units.clone();
    let mut pending_colon: Option<usize> = None; // index into out awaiting the next paragraph's quotation
    for (ui, &(a, b)) in units.iter().enumerate() {
        let atts = unit_attributions(cx, a, b);
        // a paragraph that ended with "X said:" takes this paragraph's opening quotation,
        // unless the quotation has an attribution of its own (`Roe seemed to agree. "...," he
        // said.`)
        if let Some(qi) = pending_colon.take() {
            if let Some(k) = cx.in_span[a] {
                let own = atts
                    .iter()
                    .any(|t| t.trailing && t.block_s <= cx.spans[k].last + 2);
                if !own
                    && cx.spans[k].first == a
                    && cx.toks[a].para == cx.toks[cx.spans[k].last].para
                {
                    out[qi].contents = vec![(cx.spans[k].first, cx.spans[k].last + 1)];
                    out[qi].kind = QuoteKind::Direct;
                    covered[k] = true;
                }
            }
        }
        let n_before = out.len();
        for (ai, att) in atts.iter().enumerate() {
            let (cs, ce) = content_range(cx, a, b, &atts, ai);
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
                out.push(make_raw(cx, att, vec![], ui));
                pending_colon = Some(out.len() - 1);
                continue;
            }
            let mut contents = Vec::new();
            // "If the law conflicts, Rubio said, Christians must obey": a report set off by
            // commas inside its clause reports the words before it as well
            if ce > cs && !att.trailing && !att.cue.according && att.block_s > a + 1 {
                if let Some(pre) = parenthetical_prefix(cx, a, &atts, ai) {
                    contents.push(pre);
                }
            }
            if ce > cs {
                contents.push((cs, ce));
            }
            // interrupted quotation: `"...," Tester said, "..."`
            if att.trailing {
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
                            let (ns, ne) = content_range(cx, a, b, &atts, *ni);
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
                if j < b.min(next_block)
                    && cx.is_opening_mark(j)
                    && (j == k || cx.punct(j - 1) == Some(','))
                {
                    if let Some(sk) = cx.in_span[j] {
                        let q = &cx.spans[sk];
                        if q.last < b && !names_not_speech(cx, q) {
                            contents.push((q.first, q.last + 1));
                        }
                    }
                }
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
                out.push(make_raw(cx, att, vec![], ui));
                continue;
            }
            if contents.is_empty() {
                if !att.trailing && cx.punct(att.block_e) == Some(':') && att.block_e + 1 >= b {
                    // "X said:" closing the paragraph
                    out.push(make_raw(cx, att, vec![], ui));
                    pending_colon = Some(out.len() - 1);
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
                    out.push(make_raw(cx, att, vec![], ui));
                    pending_colon = Some(out.len() - 1);
                }
                continue;
            }
            for &(s, e) in &contents {
                for k in s..e {
                    if let Some(sk) = cx.in_span[k] {
                        covered[sk] = true;
                    }
                }
            }
            out.push(make_raw(cx, att, contents, ui));
        }
        // "Trump released a statement:" / "She then addressed the supporters:" closing the
        // paragraph with no reporting verb: its subject speaks the next paragraph's quotation
        if atts.is_empty()
            && b > a + 1
            && cx.punct(b - 1) == Some(':')
            && cx.in_span[b - 1].is_none()
        {
            if let Some(np) = sentence_subject(cx, a, b - 1) {
                let (speaker, role) = resolve(cx, &np);
                out.push(RawQuote {
                    contents: vec![],
                    kind: QuoteKind::Direct,
                    cue: Some((b - 1, b)),
                    mention: Some((np.s, np.e)),
                    speaker,
                    role,
                    unit: ui,
                    quoted: Vec::new(),
                });
                pending_colon = Some(out.len() - 1);
            }
        }
        // drop an unfilled "said:" that turned out not to end the paragraph
        if let Some(qi) = pending_colon {
            if qi < n_before {
                pending_colon = None;
            }
        }
        // quotations in this unit nobody claimed
        let lo = cx.spans.partition_point(|q| q.first < a);
        let spans_here: Vec<usize> = (lo..cx.spans.len())
            .take_while(|&k| cx.spans[k].first < b)
            .filter(|&k| !covered[k])
            .collect();
        for k in spans_here {
            let q = cx.spans[k].clone();
            // a title, a headline or a credit line is not a quotation, whoever spoke before it
            if names_not_speech(cx, &q) {
                covered[k] = true;
                continue;
            }
            // "She then turned to the crowd once more: "..."": the subject before the colon
            if atts.is_empty() && q.first > a + 1 && cx.punct(q.first - 1) == Some(':') {
                if let Some(np) = sentence_subject(cx, a, q.first - 1) {
                    let (speaker, role) = resolve(cx, &np);
                    out.push(RawQuote {
                        contents: vec![(q.first, q.last + 1)],
                        kind: QuoteKind::Direct,
                        cue: Some((q.first - 1, q.first)),
                        mention: Some((np.s, np.e)),
                        speaker,
                        role,
                        unit: ui,
                        quoted: Vec::new(),
                    });
                    covered[k] = true;
                    continue;
                }
            }
            if let Some((dash, np)) = dash_source(cx, q.last + 1) {
                let (speaker, role) = resolve(cx, &np);
                out.push(RawQuote {
                    contents: vec![(q.first, q.last + 1)],
                    kind: QuoteKind::Direct,
                    cue: Some((dash, dash + 1)),
                    mention: Some((np.s, np.e)),
                    speaker,
                    role,
                    unit: ui,
                    quoted: Vec::new(),
                });
                covered[k] = true;
                continue;
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
            if sentence_like {
                // continuation of the previous speaker (same or previous paragraph)
                let here = cx.toks[q.first].para;
                let window = out.len().saturating_sub(30);
                if let Some(pi) = out[window..]
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
                    let pi = if out[pi].kind == QuoteKind::Indirect {
                        out[window..pi]
                            .iter()
                            .rposition(|p| p.kind != QuoteKind::Indirect)
                            .map(|i| i + window)
                            .filter(|&qi| para_of(&out[qi]) == para_of(&out[pi]))
                            .unwrap_or(pi)
                    } else {
                        pi
                    };
                    let prev = &out[pi];
                    let prev_para = anchor(prev).map(|x| cx.toks[x].para).unwrap_or(0);
                    let close = here <= prev_para + 1 || q.continued;
                    if close {
                        if prev_para == here && prev.kind != QuoteKind::Indirect {
                            out[pi].contents.push((q.first, q.last + 1));
                            out[pi].unit = ui;
                            covered[k] = true;
                            continue;
                        }
                        let p = prev.clone();
                        out.push(RawQuote {
                            contents: vec![(q.first, q.last + 1)],
                            kind: QuoteKind::Direct,
                            cue: None,
                            mention: p.mention,
                            speaker: p.speaker,
                            role: p.role,
                            unit: ui,
                            quoted: Vec::new(),
                        });
                        covered[k] = true;
                        continue;
                    }
                }
            }
            if q.words >= MIN_UNATTRIBUTED_WORDS
                && cx.toks[q.first].mark().is_some_and(|m| m.double)
                && !looks_like_title(cx, &q)
            {
                out.push(RawQuote {
                    contents: vec![(q.first, q.last + 1)],
                    kind: QuoteKind::Direct,
                    cue: None,
                    mention: None,
                    speaker: None,
                    role: None,
                    unit: ui,
                    quoted: Vec::new(),
                });
                covered[k] = true;
            }
        }
    }
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
    drop_repeated_quotations(cx, &mut out);
    for q in &mut out {
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
    out
}

/// `chanted "Close the mine," and "Save the river."`, `calls people "losers" and "sad"`: quoted
/// stretches listed with only `and`, `or` and commas between them are one quotation of one
/// speaker.
fn join_listed(cx: &Ctx, spans: Vec<QSpan>) -> Vec<QSpan> {
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

/// A quoted stretch that names something instead of reporting words: the title of a show or
/// a work (`"Face the Nation"`), a headline credited with `," by` (`—"Museum gets a new
/// director," by ...`), or a pull-quote credit line (`Jane Doe, campaign chairman."`) that
/// closes a quotation opened a paragraph earlier.
fn names_not_speech(cx: &Ctx, q: &QSpan) -> bool {
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

/// A quotation repeated word for word in the same article (a pull quote printed again
/// between paragraphs) is listed once: the copy without a cue goes when another copy exists.
fn drop_repeated_quotations(cx: &Ctx, out: &mut Vec<RawQuote>) {
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
fn quoted_words_are_speech(cx: &Ctx, q: &QSpan) -> bool {
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
fn names_it(cx: &Ctx, first: usize) -> bool {
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

/// Every word capitalised except short function words (`"This Week with George
/// Stephanopoulos"`, `"The Art of the Deal"`), or no lowercase letter at all: a title, a
/// headline or a slogan set in capitals. Needs two words, so `"Marco!"` is not a title.
fn is_title_case(words: &[&str]) -> bool {
    if words.len() < 2 {
        return false;
    }
    if words.iter().all(|w| !w.chars().any(|c| c.is_lowercase())) {
        return words.iter().any(|w| w.chars().count() > 1);
    }
    // the short words a title leaves in lower case
    let minor = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "nor"
                | "but"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "with"
                | "by"
                | "from"
                | "as"
                | "vs"
        )
    };
    let content: Vec<&&str> = words.iter().filter(|w| !minor(w)).collect();
    words.len() <= 10
        && content.len() >= 2
        && content.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// Where an attribution sits, for continuing its speaker: its last content, or its cue when it
/// reports nothing of its own (a cue whose only object was a title).
fn anchor(p: &RawQuote) -> Option<usize> {
    p.contents.last().map(|c| c.0).or(p.cue.map(|c| c.0))
}

/// `"..." ― Karen Smith` / `"..."\n-President Obama, tweeting`: a dash and a name after a
/// quotation credit it.
fn dash_source(cx: &Ctx, mut k: usize) -> Option<(usize, Np)> {
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
fn looks_like_title(cx: &Ctx, q: &QSpan) -> bool {
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
fn classify(cx: &Ctx, contents: &[(usize, usize)]) -> QuoteKind {
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

fn make_raw(cx: &mut Ctx, att: &Att, contents: Vec<(usize, usize)>, unit: usize) -> RawQuote {
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

/// The cues of one unit with their sources, in text order.
fn unit_attributions(cx: &Ctx, a: usize, b: usize) -> Vec<Att> {
    let mut cues = find_cues(cx, a, b);
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
    cues.sort_by_key(|c| c.s);
    let mut atts: Vec<Att> = Vec::new();
    for cue in cues {
        // skip cues inside an earlier block (the object of `told`)
        if atts.last().is_some_and(|p| cue.s < p.block_e) {
            continue;
        }
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
            continue;
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
        let mut src = None;
        let mut block_s = cue.s;
        let mut block_e = cue.e;
        if cue.according {
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
                continue;
            }
        } else if let Some(np) = left.clone() {
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
                    NpKind::Name(_) => {
                        cx.lw(cue.s).ends_with('s') || cx.lw(np.e - 1).ends_with('s')
                    }
                    NpKind::Who(_) => true,
                };
                if !ok {
                    continue;
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
                continue;
            }
            block_s = np.s;
            src = Some(np);
        } else if cue.s == a
            && cue.info.inversion
            && !cue.base_form
            && !cue.participle
            && cx.w(cue.s).chars().next().is_some_and(|c| c.is_uppercase())
            && np_right(cx, cue.e, b, false).is_some_and(|np| {
                np.e < b && (matches!(cx.punct(np.e), Some(':' | ',')) || cx.is_opening_mark(np.e))
            })
        {
            // "Continued Stone: ..." / "Said Trump, ..."
            if let Some(np) = np_right(cx, cue.e, b, false) {
                block_e = np.e;
                src = Some(np);
            }
        } else if cue.s > a
            && !cue.participle
            // `, told NBC`: what follows "told" is the listener, never the speaker
            && !matches!(cx.lw(cue.s), "told" | "tells" | "tell")
            && (cue.info.inversion && !cue.base_form
                || matches!(cx.lw(cue.s), "says" | "adds" | "asks" | "writes"))
        {
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
                            && (is_adjunct_start(cx.lw(np.e))
                                || matches!(cx.lw(np.e), "who" | "whose")));
                    if !matches!(np.kind, NpKind::Nominal(_)) || ends && noun_phrase_only(cx, &np) {
                        block_e = np.e;
                        src = Some(np);
                    }
                }
            }
        }
        // "She went on to say", "Trump continued to insist": the subject of the verb before "to"
        if src.is_none()
            && cue.s > a + 1
            && cx.toks[cue.s - 1].is_word()
            && cx.lw(cue.s - 1) == "to"
        {
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
            if src.is_none() {
                continue;
            }
        }
        let asked_question =
            src.is_none() && cx.lw(cue.s) == "asked" && asks_question(cx, cue.s, cue.e, b);
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
        if src.is_none() && !asked_question && !cue.nominal {
            continue;
        }
        // a noun cue never claims a quotation (the quotation has a speaker of its own)
        if cue.nominal && (cue.e..b).any(|k| cx.in_span[k].is_some()) {
            continue;
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
            continue;
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
            continue;
        }
        // "tax law scholar Ann Vale wrote": the subject phrase reaches back to the quotation
        if let Some(NpKind::Name(_)) = src.as_ref().map(|n| &n.kind) {
            let mut k = block_s;
            let mut n = 0;
            while k > a
                && n < 7
                && (cx.toks[k - 1].is_word()
                    || (cx.punct(k - 1) == Some('.')
                        && k >= a + 2
                        && cx.w(k - 2).chars().count() == 1))
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
                if matches!(cx.punct(k), Some(':' | ',' | '.')) && !title_dot
                    || cx.is_opening_mark(k)
                {
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
        // a participle never closes the quotation before it (`," Doe wrote in a statement
        // explaining why ...` reports what follows "explaining")
        let mut trailing =
            !cue.participle && !cue.nominal && is_trailing(cx, a, b, block_s, block_e, &atts);
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
        let quote_follows = block_e < b
            && (cx.is_opening_mark(block_e)
                || (matches!(cx.punct(block_e), Some(':' | ','))
                    && (block_e + 1 >= b || cx.is_opening_mark(block_e + 1))));
        if !trailing && !cue.info.clause && !cue.info.np && !cue.according && !quote_follows {
            continue;
        }
        atts.push(Att {
            cue,
            src,
            block_s,
            block_e,
            trailing,
        });
    }
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
    atts
}

/// Whether `[s, e)` is a short fronted adverbial or a conjunction (`By May 30`, `Since last
/// fall`, `But the next day`, `But`): words only, eight at most, opening with a preposition, a
/// time word or a conjunction.
fn fronted_adverbial(cx: &Ctx, s: usize, e: usize) -> bool {
    let mut s = s;
    while s < e && !cx.toks[s].is_word() && cx.in_span[s].is_none() {
        s += 1;
    }
    if s >= e || (s..e).any(|k| cx.in_span[k].is_some() || matches!(cx.punct(k), Some(',' | ';'))) {
        return false;
    }
    let words = (s..e).filter(|&k| cx.toks[k].is_word()).count();
    let first = cx.lw(s);
    words <= 8
        && (is_adjunct_start(first)
            || is_time_word(first)
            || matches!(
                first,
                "by" | "since"
                    | "until"
                    | "about"
                    | "around"
                    | "but"
                    | "and"
                    | "yet"
                    | "so"
                    | "because"
                    | "now"
                    | "then"
                    | "still"
            ))
}

/// Whether an "according to" block ending at `be` is set off by a comma before more of its
/// clause: three words or more that open neither a new clause of the writer's (`, and ...`,
/// `, which ...`) nor a participle phrase.
fn according_in_mid_clause(cx: &Ctx, be: usize, b: usize) -> bool {
    if cx.punct(be) != Some(',') || be + 1 >= b || !cx.toks[be + 1].is_word() {
        return false;
    }
    if cx.in_span[be + 1].is_some() {
        return false;
    }
    let nx = cx.lw(be + 1);
    let writer = matches!(
        nx,
        "and"
            | "but"
            | "or"
            | "so"
            | "which"
            | "who"
            | "whose"
            | "whom"
            | "where"
            | "while"
            | "although"
            | "though"
            | "as"
            | "because"
            | "since"
            | "when"
            | "up"
            | "down"
            | "compared"
    ) || nx.ends_with("ing");
    !writer && (be + 1..b).filter(|&k| cx.toks[k].is_word()).count() >= 3
}

/// For a report set off by commas in mid-clause (`Now, she said, the ...`), the words of the
/// clause before it.
fn parenthetical_prefix(cx: &Ctx, a: usize, atts: &[Att], ai: usize) -> Option<(usize, usize)> {
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

/// Whether the attribution block closes content that precedes it (`"...," Peskov said.`).
fn is_trailing(cx: &Ctx, a: usize, b: usize, bs: usize, be: usize, prev: &[Att]) -> bool {
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
    if (!cx.is_closing_mark(pre) || title_before) && !ends_sentence && !inverted {
        let words = (seg_start..pre).filter(|&k| cx.toks[k].is_word()).count();
        let first = if cx.toks[seg_start].is_word() {
            cx.lw(seg_start)
        } else {
            ""
        };
        let adverbial = matches!(
            first,
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
        ) || crate::lexicon::is_weekday(first);
        if words < 4 || adverbial {
            return false;
        }
        // a colon after the block introduces the content: "X responded in a text: ..."
        if (be..b).take(12).any(|k| cx.punct(k) == Some(':')) {
            return false;
        }
    }
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

/// The comma that closes a fronted subordinate clause (`When ..., `, `Even as ..., `) holding
/// the token `at`, if the unit `[a, b)` opens with one. `As Vale said, ...` is left alone: there
/// the main clause is what was said.
fn fronted_clause_close(cx: &Ctx, a: usize, at: usize, b: usize) -> Option<usize> {
    let mut k = a;
    while k < at && cx.toks[k].is_word() && matches!(cx.lw(k), "but" | "and" | "yet" | "so") {
        k += 1;
    }
    if k >= at || !cx.toks[k].is_word() {
        return None;
    }
    let opener = match cx.lw(k) {
        "when" | "while" | "if" | "after" | "before" | "although" | "though" | "because"
        | "once" | "unless" | "until" | "whereas" => true,
        "even" => k + 1 < at && matches!(cx.lw(k + 1), "as" | "though" | "if" | "when"),
        _ => false,
    };
    if !opener {
        return None;
    }
    let close = (k + 1..b).find(|&x| cx.in_span[x].is_none() && cx.punct(x) == Some(','))?;
    // (`When asked, Vale said, "..."`: a comma that opens a quotation closes no clause)
    let opens_quotation = close + 1 < b && cx.is_opening_mark(close + 1);
    (close > at && !opens_quotation).then_some(close)
}

/// `in a statement`, `during the debate`, `through a spokeswoman`, `on Twitter` at `k`: where
/// and how the words were delivered, which modifies the cue, not the noun phrase it reports
/// (`denied the claims through a spokesman`).
fn channel_adjunct(cx: &Ctx, k: usize, e: usize) -> bool {
    if k + 1 >= e || !cx.toks[k].is_word() || !cx.toks[k + 1].is_word() {
        return false;
    }
    let (p, n1) = (cx.lw(k), cx.lw(k + 1));
    let n2 = if k + 2 < e && cx.toks[k + 2].is_word() {
        cx.lw(k + 2)
    } else {
        ""
    };
    let owner = matches!(n1, "a" | "an" | "the" | "his" | "her" | "their" | "its");
    match p {
        "in" | "during" | "at" => {
            owner
                && matches!(
                    n2,
                    "statement"
                        | "interview"
                        | "speech"
                        | "debate"
                        | "rally"
                        | "tweet"
                        | "post"
                        | "email"
                        | "letter"
                        | "memo"
                        | "news"
                        | "press"
                        | "town"
                        | "hearing"
                        | "briefing"
                )
        }
        "through" => {
            owner
                && (n2.starts_with("spokes")
                    || matches!(n2, "lawyer" | "lawyers" | "attorney" | "attorneys" | "aide"))
        }
        "on" => matches!(
            cx.w(k + 1),
            "Twitter" | "Facebook" | "Instagram" | "CNN" | "MSNBC" | "Fox" | "NBC" | "ABC" | "CBS"
        ),
        _ => false,
    }
}

/// Whether the words at `k`, right after a comma in a reported clause, open the writer's own
/// addition: a contrast (`but`, `although`, `compared`, `even though`, `as has ...`, `for
/// whom`) or, after `and`, a new clause with its own subject.
fn writers_clause_at(cx: &Ctx, k: usize, e: usize) -> bool {
    if k >= e || !cx.toks[k].is_word() {
        return false;
    }
    let w = cx.lw(k);
    if matches!(w, "but" | "although" | "though" | "compared" | "whereas") {
        return true;
    }
    if k + 1 >= e || !cx.toks[k + 1].is_word() {
        return false;
    }
    w == "and" && clause_subject_at(cx, k + 1, e)
        || matches!(
            (w, cx.lw(k + 1)),
            ("even", "though" | "as" | "if")
                | ("as", "has" | "have" | "had" | "was" | "is" | "did")
                | ("for", "whom" | "which")
        )
}

/// Whether the word at `k`, right after "to", reads as a verb (`to be fine`, `to run`) rather
/// than the listener or the reaction (`to reporters`, `to him`, `to Vale`, `to applause`).
fn infinitive_at(cx: &Ctx, k: usize, b: usize) -> bool {
    if k >= b || !cx.toks[k].is_word() || cx.in_span[k].is_some() {
        return false;
    }
    let w = cx.lw(k);
    let cap = cx.w(k).chars().next().is_some_and(char::is_uppercase);
    let listener = matches!(
        w,
        "him" | "her" | "them" | "me" | "us" | "you" | "it" | "applause" | "laughter"
    );
    let plural = w.ends_with('s') && !w.ends_with("ss");
    let number = w.chars().next().is_some_and(|c| c.is_ascii_digit());
    !(cap || is_determiner(w) || listener || plural || number)
}

/// Words that start an adjunct after a reporting verb rather than its content
/// (`said in a statement`, `said on Tuesday`, `said, adding`).
fn is_adjunct_start(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "while"
            | "when"
            | "last"
            | "this"
            | "of"
            | "about"
            | "to"
            | "via"
            | "through"
            | "with"
            | "adding"
            | "saying"
            | "noting"
            | "according"
            | "because"
            | "as"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "tonight"
            | "recently"
            | "then"
            | "afterward"
            | "afterwards"
            | "from"
            | "following"
            | "referring"
            | "pointing"
            | "calling"
            | "explaining"
            | "arguing"
            | "insisting"
            | "echoing"
            | "speaking"
            | "responding"
            | "recalling"
            | "shortly"
            | "early"
            | "late"
            | "privately"
            | "publicly"
            | "repeatedly"
            | "told"
            | "again"
            | "too"
            | "by"
            | "under"
            | "over"
            | "outside"
            | "inside"
            | "near"
            | "behind"
            | "before,"
            | "until"
            | "ahead"
    ) || crate::lexicon::is_weekday(w)
}

/// Words that open a time adjunct without a preposition (`said Wednesday he ...`, `said
/// late Tuesday the ...`, `told the paper yesterday it ...`).
fn is_time_word(w: &str) -> bool {
    lexicon::is_weekday(w)
        || matches!(
            w,
            "late" | "early" | "earlier" | "later" | "yesterday" | "today" | "tonight" | "next"
        )
}

/// Whether a clause with its own subject starts at `j` (before `to`): a subject pronoun, or a
/// determiner or a name that a finite verb follows (`the plan was dead`, `Vale had left`).
fn clause_subject_at(cx: &Ctx, j: usize, to: usize) -> bool {
    let finite_follows = |j: usize| {
        (j + 1..to.min(j + 7))
            .take_while(|&k| cx.toks[k].is_word())
            .any(|k| {
                let w = cx.lw(k);
                matches!(
                    w,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "had"
                        | "have"
                        | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "should"
                        | "may"
                        | "might"
                        | "must"
                        | "did"
                        | "does"
                        | "do"
                        | "wants"
                        | "plans"
                ) || w.len() > 4 && w.ends_with("ed")
            })
    };
    let w = cx.lw(j);
    // (a name right after a capitalised word or a role noun is still an object: `asked
    // former Attorney General Jo Park whether ...`, `told Acme founder Bo Reed he ...`)
    let name_subject = cx.mention_start[j].is_some()
        && j > 0
        && !cx.w(j - 1).chars().next().is_some_and(char::is_uppercase)
        && !lexicon::is_role_noun(cx.lw(j - 1));
    matches!(w, "he" | "she" | "they" | "we" | "i" | "it" | "there")
        || (is_determiner(w) && w != "that" || name_subject) && finite_follows(j)
}

/// Where a reported clause without "that" starts after an object or an adjunct, in `[from,
/// to)`: at a subject pronoun (`told reporters he would run`), or at a determiner or a name
/// that a finite verb follows (`told the paper the plan was dead`), provided no preposition,
/// wh-word or conjunction stands right before it (`told a story about how he grew up` is no
/// report of "he grew up"). Every token up to it is a word outside quotations.
fn zero_that_clause(cx: &Ctx, from: usize, to: usize) -> Option<usize> {
    for j in from..to.min(from + 8) {
        if !cx.toks[j].is_word() || cx.in_span[j].is_some() {
            return None;
        }
        let prev = cx.lw(j - 1);
        if !cx.toks[j - 1].is_word()
            || is_function_word(prev)
            || is_adjunct_start(prev) && !is_time_word(prev)
            || is_determiner(prev)
            || matches!(
                prev,
                "how"
                    | "why"
                    | "where"
                    | "whether"
                    | "whom"
                    | "whose"
                    | "than"
                    | "under"
                    | "between"
                    | "among"
                    | "across"
                    | "against"
                    | "into"
                    | "through"
                    | "over"
                    | "within"
                    | "without"
                    | "like"
                    | "per"
            )
        {
            continue;
        }
        if clause_subject_at(cx, j, to) {
            return (to - j >= 3).then_some(j);
        }
    }
    None
}

/// The content token range of attribution `ai` in unit `[a, b)`.
fn content_range(cx: &Ctx, a: usize, b: usize, atts: &[Att], ai: usize) -> (usize, usize) {
    let att = &atts[ai];
    let (mut s, mut e) = if att.trailing {
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
    };
    if att.trailing && s < e {
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
    }
    // `When Vale answered a question on trade, the crowd cheered`, `Even as Vale has said that
    // ..., his office continues`: a cue inside a fronted subordinate clause reports nothing past
    // the comma that closes the clause
    if !att.trailing {
        if let Some(close) = fronted_clause_close(cx, a, att.cue.s, b) {
            e = e.min(close);
            if s >= close {
                return (s, s);
            }
        }
    }
    // a leading content stops where a later trailing block starts
    if !att.trailing {
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
            (cx.punct(k) == Some(';')
                || cx.punct(k) == Some(',') && writers_clause_at(cx, k + 1, e))
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
            if let Some(k) =
                (s + 1..e).find(|&k| cx.in_span[k].is_none() && cx.punct(k) == Some(','))
            {
                e = k;
            }
        }
        // "writing in an email: "..."": the quotation after the colon
        if let Some(k) = (s..e.min(s + 8)).find(|&k| cx.punct(k) == Some(':')) {
            if k + 1 < e && cx.is_opening_mark(k + 1) {
                s = k + 1;
            }
        }
    }
    // trim punctuation at the edges (marks stay)
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
    // a leading content that runs into a relative clause on the name is not content
    if s < e
        && !att.trailing
        && cx.toks[s].is_word()
        && matches!(cx.lw(s), "who" | "which")
        && !(s == att.cue.e && asks_question(cx, att.cue.s, att.cue.e, e))
    {
        return (s, s);
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
                return (s, last + 1);
            }
        }
    }
    // `...: "...," she said`: the quotation alone is the content
    if att.trailing && e > s && cx.is_closing_mark(e - 1) {
        if let Some(k) = cx.in_span[e - 1] {
            let q = &cx.spans[k];
            if q.first > s && matches!(cx.punct(q.first - 1), Some(':' | '\u{2014}')) {
                return (q.first, e);
            }
        }
    }
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
        return (s, s);
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
        return (s, s);
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
        return (s, s);
    }
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
        return (s, s);
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
            return (s, s);
        }
    }
    if !att.trailing && s < e && cx.toks[s].is_word() && !(s..e).any(|k| cx.in_span[k].is_some()) {
        let first = cx.lw(s);
        // "what she wants and the mayor's voters ...": a coordinated clause is not content
        if matches!(first, "and" | "or" | "nor") {
            return (s, s);
        }
        // "added to the picture", "adding to her lead": "to" before a noun phrase is a
        // preposition, not an infinitive clause
        if first == "to" && s + 1 < e && cx.toks[s + 1].is_word() && is_determiner(cx.lw(s + 1)) {
            return (s, s);
        }
        // "When asked about the levy, ...": a topic, not a question, unless a clause follows
        // ("asked about claims that ...")
        if first == "about"
            && att.src.is_none()
            && matches!(cx.lw(att.cue.s), "asked" | "ask" | "asks" | "asking")
            && !(s..e).any(|k| cx.toks[k].is_word() && cx.lw(k) == "that")
        {
            return (s, s);
        }
    }
    (s, e)
}

/// Speaker name and role for a source noun phrase.
fn resolve(cx: &mut Ctx, np: &Np) -> (Option<String>, Option<String>) {
    let name = match &np.kind {
        NpKind::Name(k) => {
            let words = cx.people.names[*k].words.clone();
            Some(cx.people.expand(&words).unwrap_or(*k))
        }
        NpKind::Who(Some(k)) => {
            let words = cx.people.names[*k].words.clone();
            Some(cx.people.expand(&words).unwrap_or(*k))
        }
        NpKind::Who(None) => None,
        NpKind::Pronoun(p) => match p.as_str() {
            "he" => pronoun_antecedent(cx, np.s, Gender::Male),
            "she" => pronoun_antecedent(cx, np.s, Gender::Female),
            _ => None,
        },
        NpKind::Nominal(head) => {
            let head = head.clone();
            // (`the senator`, `the Ohio governor`, `the senator from Maine`)
            let role_phrase =
                np.e - np.s <= 3 || np.s + 2 < np.e && matches!(cx.lw(np.s + 2), "from" | "of");
            if lexicon::is_role_noun(&head) && role_phrase && cx.lw(np.s) == "the" {
                cx.people.by_role(&head)
            } else {
                // `the Maine senator`, `the Ohio banker`: a place before a role
                // noun is no speaker; the person holding that role is, when the text names one
                nominal_name(cx, np).and_then(|k| {
                    if cx.people.is_person(k) || !lexicon::is_role_noun(&head) {
                        Some(k)
                    } else {
                        cx.people.by_role(&head)
                    }
                })
            }
        }
    };
    if let (Some(k), NpKind::Name(_) | NpKind::Who(_)) = (name, &np.kind) {
        // a name that speaks is a person unless it reads as an organisation
        if !cx.people.names[k].org {
            cx.people.names[k].person_evidence = true;
        }
        if cx.people.is_person(k) {
            cx.speakers.push((k, np.s));
        }
    }
    match name {
        // (`Minutes later, she ...`: a capitalised common word names no one)
        Some(k) if cx.people.names[k].common_word => (None, None),
        Some(k) => {
            let n = &cx.people.names[k];
            (
                Some(crate::people::display_name(&n.words)),
                cx.people.role(k),
            )
        }
        None => (None, None),
    }
}

/// The name a `the <Name> ...` noun phrase stands for (`the Daily Planet`, `the Daily Planet this
/// summer`, `the ACME report`): a name right after the determiner that is not a possessive, with
/// only lower-case words after it.
fn nominal_name(cx: &Ctx, np: &Np) -> Option<usize> {
    if np.e <= np.s + 1 || !matches!(cx.lw(np.s), "the" | "a" | "an") {
        return None;
    }
    let m = cx.mention_start[np.s + 1]?;
    let mm = &cx.people.mentions[m];
    if mm.s != np.s + 1 || mm.e > np.e || strip_possessive(cx.w(mm.e - 1)).1 {
        return None;
    }
    let rest_lower = (mm.e..np.e)
        .all(|k| cx.toks[k].is_word() && cx.w(k).chars().next().is_some_and(char::is_lowercase));
    if !rest_lower {
        return None;
    }
    let words = &cx.people.names[mm.name].words;
    Some(cx.people.expand(words).unwrap_or(mm.name))
}

/// The person a he/she at token `at` refers to: the first fitting person mentioned in the same
/// sentence before it, else in the nearest earlier sentence that mentions one (first mention,
/// the likely subject).
fn pronoun_antecedent(cx: &Ctx, at: usize, g: Gender) -> Option<usize> {
    pronoun_antecedent_at(cx, at, g, 0)
}

/// `pronoun_antecedent` with the depth of he/she subjects followed back so far (`Bo Reed, a
/// farmer, said ... He came to the rally. "...," he said.`: the subject `He` stands for Reed).
fn pronoun_antecedent_at(cx: &Ctx, at: usize, g: Gender, depth: usize) -> Option<usize> {
    // the nearest earlier named speaker whose gender does not contradict the pronoun ...
    let para = cx.toks[at].para;
    // an acronym (`ACME said`) is no antecedent for he/she
    let compatible = |k: usize| {
        let pg = cx.people.gender(k);
        let n = &cx.people.names[k];
        let acronym = n.words.len() == 1 && n.words[0].chars().all(|c| c.is_uppercase());
        pg == g || pg == Gender::Unknown && !acronym
    };
    let mut speaker: Option<(usize, usize)> = None;
    for &(k, t) in cx.speakers.iter().rev() {
        if t >= at {
            continue;
        }
        if para > cx.toks[t].para + 6 {
            break;
        }
        if compatible(k) {
            speaker = Some((k, t));
            break;
        }
    }
    // ... unless a later sentence of this paragraph has a fitting person as its subject
    // ("Was Szlachta satisfied? "To a point," he said.")
    let unit_of = |t: usize| cx.units.partition_point(|&(_, b)| b <= t);
    let u0 = unit_of(at);
    let mut subject: Option<(usize, usize)> = None;
    for u in (u0.saturating_sub(2)..=u0).rev() {
        let Some(&(a, b)) = cx.units.get(u) else {
            continue;
        };
        // this paragraph, or the last sentence of the previous one
        if cx.toks[a].para + 1 < para
            || (cx.toks[a].para + 1 == para
                && u + 1 < u0
                && cx.toks[cx.units[u + 1].0].para != para)
        {
            break;
        }
        let end = if u == u0 { at } else { b };
        let subj = sentence_subject(cx, a, end);
        if let Some(Np {
            s,
            kind: NpKind::Pronoun(p),
            ..
        }) = &subj
        {
            let same = matches!(
                (p.as_str(), g),
                ("he", Gender::Male) | ("she", Gender::Female)
            );
            if same && *s < at && depth < 2 {
                if let Some(k) = pronoun_antecedent_at(cx, *s, g, depth + 1) {
                    subject = Some((k, *s));
                    break;
                }
            }
        }
        if let Some(Np {
            s,
            kind: NpKind::Name(k0),
            ..
        }) = subj
        {
            let k = cx.people.canonical(k0);
            // a two- or three-word name in subject position is a person unless it reads as an
            // organisation ("Dewayne Smithy, 33, dismisses ...")
            let n = &cx.people.names[k];
            let personish = cx.people.is_person(k) || (!n.org && (2..=3).contains(&n.words.len()));
            if s < at && personish && compatible(k) {
                subject = Some((k, s));
                break;
            }
        }
    }
    match (speaker, subject) {
        (Some((k, t)), Some((k2, t2))) => return Some(if t2 > t { k2 } else { k }),
        (Some((k, _)), None) | (None, Some((k, _))) => return Some(k),
        (None, None) => {}
    }
    let fits = |k: usize, strict: bool| {
        if !cx.people.is_person(k) {
            return false;
        }
        let pg = cx.people.gender(k);
        match (g, pg) {
            (_, Gender::Unknown) => !strict,
            (x, y) => x == y,
        }
    };
    let unit_of = |t: usize| cx.units.partition_point(|&(_, b)| b <= t);
    let u0 = unit_of(at);
    for strict in [true, false] {
        for u in (u0.saturating_sub(8)..=u0).rev() {
            let Some(&(a, b)) = cx.units.get(u) else {
                continue;
            };
            let end = if u == u0 { at } else { b };
            // mentions are in text order: look only at this unit's
            let first = cx.people.mentions.partition_point(|m| m.s < a);
            let found = cx.people.mentions[first..]
                .iter()
                .take_while(|m| m.s < end)
                .filter(|m| m.e <= end && cx.in_span[m.s].is_none())
                .filter_map(|m| {
                    let k = cx.people.canonical(m.name);
                    fits(k, strict).then_some(k)
                })
                .next();
            if found.is_some() {
                return found;
            }
        }
    }
    None
}
