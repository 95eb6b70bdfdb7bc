//! Clause boundaries around a report: time and channel adjuncts, zero-`that` clauses, fronted
//! adverbials and the writer's own additions after a reported clause.

use super::context::Ctx;
use super::words::{is_adjunct_start, is_determiner, is_function_word, is_time_word};
use crate::lexicon::{self};

/// `in a statement`, `during the debate`, `through a spokeswoman`, `on Twitter` at `k`: where
/// and how the words were delivered, which modifies the cue, not the noun phrase it reports
/// (`denied the claims through a spokesman`).
pub(super) fn channel_adjunct(cx: &Ctx, k: usize, e: usize) -> bool {
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
pub(super) fn writers_clause_at(cx: &Ctx, k: usize, e: usize) -> bool {
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
pub(super) fn infinitive_at(cx: &Ctx, k: usize, b: usize) -> bool {
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

/// Whether a clause with its own subject starts at `j` (before `to`): a subject pronoun, or a
/// determiner or a name that a finite verb follows (`the plan was dead`, `Vale had left`).
pub(super) fn clause_subject_at(cx: &Ctx, j: usize, to: usize) -> bool {
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
pub(super) fn zero_that_clause(cx: &Ctx, from: usize, to: usize) -> Option<usize> {
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

/// The comma that closes a fronted subordinate clause (`When ..., `, `Even as ..., `) holding
/// the token `at`, if the unit `[a, b)` opens with one. `As Vale said, ...` is left alone: there
/// the main clause is what was said.
pub(super) fn fronted_clause_close(cx: &Ctx, a: usize, at: usize, b: usize) -> Option<usize> {
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

/// Whether `[s, e)` is a short fronted adverbial or a conjunction (`By May 30`, `Since last
/// fall`, `But the next day`, `But`): words only, eight at most, opening with a preposition, a
/// time word or a conjunction.
pub(super) fn fronted_adverbial(cx: &Ctx, s: usize, e: usize) -> bool {
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
pub(super) fn according_in_mid_clause(cx: &Ctx, be: usize, b: usize) -> bool {
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
