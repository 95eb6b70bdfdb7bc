//! What every rule reads: the tokens, quotation spans, sentence units and name table of one
//! text ([`Ctx`]), the noun phrases a source can be ([`Np`]) and the attributions in token terms
//! ([`RawQuote`]).

use crate::people::{word, People};
use crate::tokens::{Kind, QSpan, Tok};
use newsmill_core::QuoteKind;

/// Quotations shorter than this (in words) that no cue claims are scare quotes or titles, and
/// are not reported.
pub(super) const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// What the source noun phrase is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum NpKind {
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
pub(super) struct Np {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) kind: NpKind,
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
    pub(super) unit: usize,
    /// The quotation-mark spans inside the contents (token ranges), filled at the end.
    pub quoted: Vec<(usize, usize)>,
}

/// Everything the analysis produced, in byte/token terms.
pub(crate) struct Analysis {
    pub toks: Vec<Tok>,
    pub quotes: Vec<RawQuote>,
    pub people: People,
}

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    pub(super) spans: Vec<QSpan>,
    /// Token index -> index of the quotation span containing it (marks included).
    pub(super) in_span: Vec<Option<usize>>,
    pub(super) units: Vec<(usize, usize)>,
    pub(super) people: People,
    /// Token index -> index of the name mention ending at this token.
    pub(super) mention_end: Vec<Option<usize>>,
    /// Token index -> index of the name mention starting (with pre-modifiers) at this token.
    pub(super) mention_start: Vec<Option<usize>>,
    /// Named speakers so far (name entry, token of the mention), for he/she.
    pub(super) speakers: Vec<(usize, usize)>,
    /// Token index -> its lower-case form when that differs from the text.
    pub(super) lower: Vec<Option<Box<str>>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn w(&self, i: usize) -> &'a str {
        word(self.text, &self.toks[i])
    }
    /// The token's text in lower case (computed once per token, borrowed from the text when
    /// it has no capitals).
    pub(super) fn lw(&self, i: usize) -> &str {
        match &self.lower[i] {
            Some(l) => l,
            None => self.w(i),
        }
    }
    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
    pub(super) fn is_closing_mark(&self, i: usize) -> bool {
        self.in_span[i].is_some_and(|k| self.spans[k].last == i && self.toks[i].mark().is_some())
    }
    pub(super) fn is_opening_mark(&self, i: usize) -> bool {
        self.in_span[i].is_some_and(|k| self.spans[k].first == i && self.toks[i].mark().is_some())
    }
}
