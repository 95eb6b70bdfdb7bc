//! Word classes the rules test one token at a time: determiners, function words, adjunct and
//! time openers, initialisms, title-case lines.

use crate::lexicon::{self};

pub(super) fn is_determiner(w: &str) -> bool {
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

pub(super) fn is_function_word(w: &str) -> bool {
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

/// An initialism before its final dot: `F`, `F.B.I`, `U.S` (capital letters between dots).
pub(super) fn is_initialism(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Words that start an adjunct after a reporting verb rather than its content
/// (`said in a statement`, `said on Tuesday`, `said, adding`).
pub(super) fn is_adjunct_start(w: &str) -> bool {
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
pub(super) fn is_time_word(w: &str) -> bool {
    lexicon::is_weekday(w)
        || matches!(
            w,
            "late" | "early" | "earlier" | "later" | "yesterday" | "today" | "tonight" | "next"
        )
}

/// Every word capitalised except short function words (`"This Week with George
/// Stephanopoulos"`, `"The Art of the Deal"`), or no lowercase letter at all: a title, a
/// headline or a slogan set in capitals. Needs two words, so `"Marco!"` is not a title.
pub(super) fn is_title_case(words: &[&str]) -> bool {
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

/// A capitalised word that opens a fronted clause rather than a subject: a participle
/// (`Speaking`, `Looking`), a preposition or a subordinator (`Along`, `Despite`, `When`).
pub(super) fn fronted_clause_opener(w: &str) -> bool {
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

/// Reporting-verb forms that are as often plural nouns or bare nouns.
pub(super) fn is_noun_like_cue(w: &str) -> bool {
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

/// Things that show, find or suggest (`polls show`, `the video shows`, `data suggest`).
pub(super) fn is_data_noun(w: &str) -> bool {
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
