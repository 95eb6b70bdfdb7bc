//! The attribution rules: cues and their sources, content spans (direct, mixed, indirect),
//! continuation of unattributed quotation paragraphs, and speaker resolution through the
//! article's name table.

mod clauses;
mod contents;
mod context;
mod cues;
mod reports;
mod speakers;
mod subjects;
mod units;
mod words;

use crate::people::People;
use crate::tokens::{quote_spans, sentences, tokenize};
use context::{Analysis, Ctx};
use units::attribute_units;

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
