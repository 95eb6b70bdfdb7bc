//! The small shared vocabulary of newsmill: one document type ([`Doc`]), one stage interface
//! ([`Stage`]), per-stage counters ([`StageStats`]), the unit of scheduled work ([`Task`]) and
//! input errors that always say where they happened ([`InputError`]).
//!
//! Every other crate depends on this one and nothing heavier, so it must stay dependency-light.
//!
//! ```
//! use newsmill_core::{Counters, Doc, Outcome, Stage};
//!
//! /// Drops documents with no text at all.
//! struct NonEmpty;
//! impl Stage for NonEmpty {
//!     fn name(&self) -> &'static str { "non_empty" }
//!     fn process(&self, doc: &mut Doc, counters: &mut Counters) -> Outcome {
//!         if doc.text.trim().is_empty() {
//!             counters.add("empty", 1);
//!             return Outcome::drop("empty_text");
//!         }
//!         Outcome::Keep
//!     }
//! }
//!
//! let mut doc = Doc::new("a", "Hello.");
//! let mut counters = Counters::default();
//! assert!(NonEmpty.process(&mut doc, &mut counters).is_keep());
//! ```
#![warn(missing_docs)]

mod doc;
mod error;
mod files;
mod stage;
mod stats;
mod task;

pub use doc::{
    char_offset_to_byte, Cluster, Doc, Html, Language, Person, Position, Quote, QuoteKind, Removed,
    Span,
};
pub use error::{InputError, Location};
pub use files::AtomicFile;
pub use stage::{Counters, Outcome, Rejection, Stage};
pub use stats::{StageStats, StatsTable};
pub use task::Task;
