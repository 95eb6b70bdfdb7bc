//! The progress bar (input bytes, rate, ETA, documents) and input warnings on stderr.

use indicatif::{ProgressBar, ProgressStyle};
use newsmill_core::{InputError, Task};
use newsmill_io::InputFile;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Warnings printed one by one before the rest are only counted in the report.
const MAX_PRINTED_WARNINGS: u64 = 50;

/// What the user sees while a run goes on.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    docs: AtomicU64,
    warned: AtomicU64,
    quiet: bool,
}

impl Progress {
    pub(crate) fn new(enabled: bool, quiet: bool, files: &[InputFile]) -> Self {
        let total: u64 = files.iter().filter_map(|f| f.size).sum();
        let bar = (enabled && !quiet).then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            bar,
            docs: AtomicU64::new(0),
            warned: AtomicU64::new(0),
            quiet,
        }
    }

    pub(crate) fn doc(&self) {
        let n = self.docs.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(1024) {
            if let Some(bar) = &self.bar {
                bar.set_message(format!("{n} docs"));
            }
        }
    }

    pub(crate) fn file_done(&self, file: &InputFile) {
        if let Some(bar) = &self.bar {
            bar.inc(file.size.unwrap_or(0));
        }
    }

    pub(crate) fn skip_task(&self, files: &[InputFile], task: &Task) {
        for (i, f) in files.iter().enumerate() {
            if task.owns(i) {
                self.file_done(f);
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
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("newsmill: {line}"),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
