//! The small shared vocabulary of newsmill: one document type ([`Doc`]), the stage interfaces
//! ([`Stage`] for one document at a time, [`Barrier`] for work that needs every document),
//! per-stage counters ([`StageStats`]), the unit of scheduled work ([`Task`]) and the folder that
//! holds a run's work between steps ([`WorkDir`]), input errors that always say where they
//! happened ([`InputError`]) and the typed error of work files ([`Error`]).
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

mod barrier;
mod credit;
mod dates;
mod doc;
mod error;
mod files;
mod stage;
mod stats;
mod task;
mod work;

pub use barrier::{
    run_barrier, run_barrier_phase, run_barrier_task, thread_cpu_seconds, Barrier, MemorySource,
    NoObserver, PhaseObserver, PhaseReport, ShardApply, ShardSource, TaskStats,
};
pub use credit::{credited_source, credited_source_in};
pub use dates::{date_sort_key, normalize_date};
pub use doc::{
    char_offset_to_byte, Cluster, Doc, Html, Language, Person, Position, Quote, QuoteKind, Removed,
    Span,
};
pub use error::{Error, InputError, InputErrorKind, IoContext, Location, Result};
pub use files::{is_temporary, read_json, write_json_atomic, AtomicFile};
pub use stage::{Counters, Outcome, Rejection, Stage};
pub use stats::{StageStats, StatsTable};
pub use task::Task;
pub use work::{remove_temporary_files, Claim, WorkDir};
