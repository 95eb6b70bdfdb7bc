//! When each task ran, so that a report covers the whole run however it was split, resumed or
//! scheduled: a step's time is the span of its tasks within each invocation that ran some, added
//! up over invocations (the time between a killed run and its resume is not work).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// When a task ran, and in which invocation of newsmill.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// Identifies the process (one `refine` call, one `--step` call) that ran the task.
    pub invocation: u64,
    /// Unix seconds at the task's start.
    pub started: f64,
    /// Unix seconds at its end.
    pub finished: f64,
}

/// Unix time now, in seconds.
pub(crate) fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// An id for this process's part of a run: its pid and start time.
pub(crate) fn invocation_id() -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ (u64::from(std::process::id()) << 40)
}

impl Timing {
    /// A task of `invocation` that started at `started` and ends now.
    pub(crate) fn since(invocation: u64, started: f64) -> Self {
        Timing {
            invocation,
            started,
            finished: now(),
        }
    }
}

/// One step of the run in the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    /// Tasks the step was split into.
    pub tasks: usize,
    /// Wall seconds the step took, summed over the invocations that ran its tasks.
    pub seconds: f64,
}

/// The wall time of a step from its tasks' timings.
pub(crate) fn step_seconds<'a>(timings: impl IntoIterator<Item = &'a Timing>) -> f64 {
    let mut spans: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
    for t in timings {
        let span = spans.entry(t.invocation).or_insert((t.started, t.finished));
        span.0 = span.0.min(t.started);
        span.1 = span.1.max(t.finished);
    }
    spans.values().map(|(s, e)| (e - s).max(0.0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_spans_its_tasks_per_invocation() {
        let t = |invocation, started, finished| Timing {
            invocation,
            started,
            finished,
        };
        // Two parallel tasks, then a resume an hour later that runs the third.
        let tasks = [t(1, 10.0, 14.0), t(1, 10.5, 15.0), t(2, 3600.0, 3602.0)];
        assert_eq!(step_seconds(&tasks), 7.0);
        assert_eq!(step_seconds(&[]), 0.0);
    }
}
