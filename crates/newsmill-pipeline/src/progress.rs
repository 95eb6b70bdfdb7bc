//! What the user sees while a run goes on: one bar per phase, named (`read + process` in bytes
//! of input, each dedup phase in tasks, `final` and `merge` in documents), and input warnings on
//! stderr. Nothing is drawn when stderr is not a terminal or with `-q`.

use indicatif::{ProgressBar, ProgressStyle};
use newsmill_core::{InputError, PhaseObserver};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Warnings printed one by one before the rest are only counted in the report.
const MAX_PRINTED_WARNINGS: u64 = 50;

/// What a phase's bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Bytes of input as stored.
    Bytes,
    /// Documents or records.
    Docs,
    /// Tasks of a dedup phase.
    Tasks,
}

impl Unit {
    fn template(self) -> &'static str {
        match self {
            Unit::Bytes => {
                "{prefix:>22} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} \
                 {binary_bytes_per_sec} ETA {eta} {msg}"
            }
            Unit::Docs => {
                "{prefix:>22} [{elapsed_precise}] {bar:30} {human_pos}/{human_len} docs \
                 {per_sec} ETA {eta}"
            }
            Unit::Tasks => "{prefix:>22} [{elapsed_precise}] {bar:30} {pos}/{len} tasks ETA {eta}",
        }
    }
}

/// The run's progress display.
pub(crate) struct Progress {
    enabled: bool,
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
    docs: AtomicU64,
    warned: AtomicU64,
}

impl Progress {
    pub(crate) fn new(enabled: bool, quiet: bool) -> Self {
        Progress {
            enabled: enabled && !quiet,
            quiet,
            bar: Mutex::new(None),
            docs: AtomicU64::new(0),
            warned: AtomicU64::new(0),
        }
    }

    /// Ends the current bar and starts the next phase's, of `total` units.
    pub(crate) fn phase(&self, name: &str, total: u64, unit: Unit) {
        tracing::info!(phase = name, total, unit = ?unit, "phase started");
        if !self.enabled {
            return;
        }
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(unit.template())
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_prefix(name.to_string());
        bar.enable_steady_tick(Duration::from_millis(200));
        if let Ok(mut current) = self.bar.lock() {
            if let Some(old) = current.replace(bar) {
                old.finish_and_clear();
            }
        }
    }

    /// Moves the current bar `n` units on.
    pub(crate) fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        if let Some(bar) = self.bar.lock().ok().as_ref().and_then(|b| b.as_ref()) {
            bar.inc(n);
        }
    }

    /// A document read; the reading bar shows the count every 1,024.
    pub(crate) fn doc(&self) {
        let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
        if self.enabled && n.is_multiple_of(1024) {
            if let Some(bar) = self.bar.lock().ok().as_ref().and_then(|b| b.as_ref()) {
                bar.set_message(format!("{n} docs"));
            }
        }
    }

    pub(crate) fn warn(&self, error: &InputError) {
        let n = self.warned.fetch_add(1, Ordering::Relaxed) + 1;
        if self.quiet || n > MAX_PRINTED_WARNINGS {
            return;
        }
        let line = if n == MAX_PRINTED_WARNINGS {
            format!("warning: {error} (further input errors only in report.json)")
        } else {
            format!("warning: {error}")
        };
        match self.bar.lock().ok().as_ref().and_then(|b| b.as_ref()) {
            Some(bar) => bar.println(format!("newsmill: {line}")),
            None => eprintln!("newsmill: {line}"),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = self.bar.lock().ok().and_then(|mut b| b.take()) {
            bar.finish_and_clear();
        }
    }
}

impl PhaseObserver for Progress {
    fn phase_started(&self, barrier: &str, phase: &str, tasks: usize) {
        let name = if phase.starts_with(barrier) {
            phase.to_string()
        } else {
            format!("{barrier}: {phase}")
        };
        self.phase(&name, tasks as u64, Unit::Tasks);
    }
    fn task_done(&self) {
        self.advance(1);
    }
}

/// Follows one input's reader: moves the bar by the bytes read since the last look, so that one
/// big file moves the bar as many small ones do.
pub(crate) struct ReadTracker<'a> {
    progress: &'a Progress,
    seen: u64,
    events: u32,
}

impl<'a> ReadTracker<'a> {
    pub(crate) fn new(progress: &'a Progress) -> Self {
        ReadTracker {
            progress,
            seen: 0,
            events: 0,
        }
    }

    /// After an event: every 256 events, catch up with `bytes` read so far.
    pub(crate) fn event(&mut self, bytes: impl FnOnce() -> u64) {
        self.events += 1;
        if self.events.is_multiple_of(256) {
            self.catch_up(bytes());
        }
    }

    /// Moves the bar to `bytes` read in all (the file's size when it is done).
    pub(crate) fn catch_up(&mut self, bytes: u64) {
        if bytes > self.seen {
            self.progress.advance(bytes - self.seen);
            self.seen = bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracker_moves_by_what_was_read_and_never_back() {
        let p = Progress::new(false, false);
        let mut t = ReadTracker::new(&p);
        for i in 0..600u64 {
            t.event(|| i * 10);
        }
        assert_eq!(t.seen, 511 * 10, "caught up at the 512th event");
        t.catch_up(100);
        assert_eq!(t.seen, 5110, "never moves back");
        t.catch_up(9000);
        assert_eq!(t.seen, 9000);
    }
}
