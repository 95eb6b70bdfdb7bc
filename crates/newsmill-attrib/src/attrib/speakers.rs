//! Speaker resolution: a source noun phrase to the full name in the article's name table, through
//! pronouns and role nouns.

use super::context::{Ctx, Np, NpKind};
use super::subjects::sentence_subject;
use crate::lexicon::{self};
use crate::people::{strip_possessive, Gender};

/// Speaker name and role for a source noun phrase.
pub(super) fn resolve(cx: &mut Ctx, np: &Np) -> (Option<String>, Option<String>) {
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
pub(super) fn nominal_name(cx: &Ctx, np: &Np) -> Option<usize> {
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
pub(super) fn pronoun_antecedent(cx: &Ctx, at: usize, g: Gender) -> Option<usize> {
    pronoun_antecedent_at(cx, at, g, 0)
}

/// `pronoun_antecedent` with the depth of he/she subjects followed back so far (`Bo Reed, a
/// farmer, said ... He came to the rally. "...," he said.`: the subject `He` stands for Reed).
pub(super) fn pronoun_antecedent_at(cx: &Ctx, at: usize, g: Gender, depth: usize) -> Option<usize> {
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
