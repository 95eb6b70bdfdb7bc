//! The thresholds content selection runs with, and what it returns.

/// Tunable thresholds of the content selection.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    /// Blocks at least this long (characters) count as paragraphs.
    pub min_paragraph_chars: usize,
    /// Blocks with more of their text in links than this are navigation.
    pub max_link_density: f32,
}

/// The selected text and what was seen on the way.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub text: String,
    pub paragraphs: usize,
    /// Characters of visible text on the page (boilerplate removed).
    pub page_chars: usize,
    /// Of which inside links.
    pub page_link_chars: usize,
    /// `<article>` elements on the page.
    pub article_elements: usize,
    /// True when the JSON-LD body guided the selection.
    pub used_json_ld: bool,
}

/// Weight of a short sentence-like block relative to its length (long paragraphs weigh 1).
pub(super) const SHORT_SENTENCE: f32 = 0.5;

/// A single-paragraph winner gives way to its container when that scores at least this share.
pub(super) const CLIMB: f32 = 0.5;

/// The most a negative subtree (link list, menu, rows of short labels) takes off the score of
/// each box that holds it, in characters of prose. Its own score stays as it is.
pub(super) const MAX_DRAG: f32 = 300.0;
