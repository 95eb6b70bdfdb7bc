//! The work folder of a run: the one place that knows how steps keep their files, mark tasks
//! done, resume, and clean up after a killed run. The local runner, `--step` calls from a
//! scheduler and the barrier stages' phases all go through it, so there is one protocol.
//!
//! ```text
//! <root>/run.json                 the run's fingerprint (arguments, inputs); checked on resume
//! <root>/<step>/...               a step's task files (`process`, `dedup`, `final`)
//! <root>/<step>/<label>.done      a finished task's summary, written after its files
//! ```

use crate::error::{Error, IoContext, Result};
use crate::files::{is_temporary, read_json, write_json_atomic};
use crate::task::Task;
use serde::{de::DeserializeOwned, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// How [`WorkDir::start`] found the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// A new run: any earlier work was cleared.
    Fresh,
    /// An interrupted run with the same fingerprint: its finished tasks are kept.
    Resumed,
}

/// A run's work folder (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkDir {
    root: PathBuf,
}

const RUN_FILE: &str = "run.json";

impl WorkDir {
    /// The work folder at `root` (not created until a run starts).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        WorkDir { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one step.
    pub fn step(&self, step: &str) -> PathBuf {
        self.root.join(step)
    }

    /// A task's file in its step's folder: `<step>/<stem>-<label>.<ext>`.
    pub fn task_file(&self, task: &Task, stem: &str, ext: &str) -> PathBuf {
        self.step(&task.phase)
            .join(format!("{stem}-{}.{ext}", task.label()))
    }

    /// Where a task's done marker lives.
    pub fn done_path(&self, step: &str, label: &str) -> PathBuf {
        self.step(step).join(format!("{label}.done"))
    }

    /// The summary a finished task left, or `None` when it has not finished (a marker from
    /// another version of newsmill that no longer parses counts as not finished).
    pub fn read_done<T: DeserializeOwned>(&self, step: &str, label: &str) -> Option<T> {
        read_json(&self.done_path(step, label)).ok()
    }

    /// Marks a task finished, after all its files were committed.
    pub fn mark_done<T: Serialize>(&self, step: &str, label: &str, summary: &T) -> Result<()> {
        write_json_atomic(&self.done_path(step, label), summary)
    }

    /// Runs a task unless it already finished; returns its summary either way.
    pub fn run_once<T, E>(
        &self,
        step: &str,
        label: &str,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        T: Serialize + DeserializeOwned,
        E: From<Error>,
    {
        if let Some(done) = self.read_done(step, label) {
            return Ok(done);
        }
        let summary = f()?;
        self.mark_done(step, label, &summary)?;
        Ok(summary)
    }

    /// Fails unless every listed task of a step has finished (a scheduler ran steps out of order).
    pub fn require(&self, step: &str, labels: impl IntoIterator<Item = String>) -> Result<()> {
        for label in labels {
            if !self.done_path(step, &label).exists() {
                return Err(Error::Order(format!(
                    "task {label} has not finished; run it first"
                )));
            }
        }
        Ok(())
    }

    /// Starts a run here. Without `resume`, or when no earlier run left a fingerprint, earlier
    /// work is cleared and the run is [`Claim::Fresh`]. With `resume`, an earlier run with the
    /// same fingerprint is [`Claim::Resumed`] and one with another fingerprint is refused.
    /// Leftovers of killed writers are removed either way.
    pub fn start(&self, fingerprint: &serde_json::Value, resume: bool) -> Result<Claim> {
        let run_file = self.root.join(RUN_FILE);
        if resume {
            if let Ok(previous) = read_json::<serde_json::Value>(&run_file) {
                if &previous != fingerprint {
                    return Err(Error::Order(format!(
                        "cannot resume {}: the inputs or arguments differ from the interrupted run \
                         (run without --resume to start over)",
                        self.root.parent().unwrap_or(&self.root).display()
                    )));
                }
                self.remove_leftovers()?;
                return Ok(Claim::Resumed);
            }
        }
        self.clear()?;
        fs::create_dir_all(&self.root).at("creating", &self.root)?;
        write_json_atomic(&run_file, fingerprint)?;
        Ok(Claim::Fresh)
    }

    /// Joins a run that a scheduler drives step by step: the first step writes the fingerprint
    /// (concurrent first steps write the same one, and the rename makes that safe); later steps
    /// must match it.
    pub fn join(&self, fingerprint: &serde_json::Value) -> Result<()> {
        let run_file = self.root.join(RUN_FILE);
        if let Ok(previous) = read_json::<serde_json::Value>(&run_file) {
            if &previous != fingerprint {
                return Err(Error::Order(format!(
                    "{}: this step's inputs or arguments differ from the run's first step",
                    self.root.display()
                )));
            }
            return Ok(());
        }
        fs::create_dir_all(&self.root).at("creating", &self.root)?;
        write_json_atomic(&run_file, fingerprint)
    }

    /// Removes the whole folder (a finished run's work, or an earlier run's before a fresh one).
    pub fn clear(&self) -> Result<()> {
        match fs::remove_dir_all(&self.root) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).at("clearing", &self.root),
        }
    }

    /// Removes the temporary files killed writers left anywhere under the folder; returns how
    /// many. Only call it while no other process writes here.
    pub fn remove_leftovers(&self) -> Result<u64> {
        remove_temporary_files(&self.root, true)
    }
}

/// Removes the files under `dir` (and its sub-folders when `recursive`) whose names mark them as
/// an unfinished [`crate::AtomicFile`]; returns how many. A missing folder has none.
pub fn remove_temporary_files(dir: &Path, recursive: bool) -> Result<u64> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).at("listing", dir),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.at("listing", dir)?;
        let path = entry.path();
        let kind = entry.file_type().at("inspecting", &path)?;
        if kind.is_dir() && recursive {
            removed += remove_temporary_files(&path, true)?;
        } else if kind.is_file() && is_temporary(&entry.file_name()) {
            fs::remove_file(&path).at("removing", &path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nm-work-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn tasks_run_once_and_resume_needs_the_same_fingerprint() {
        let root = temp("once");
        let w = WorkDir::new(root.join(".work"));
        assert_eq!(w.start(&json!({"a": 1}), false).unwrap(), Claim::Fresh);
        let mut calls = 0;
        for _ in 0..2 {
            let got: u32 = w
                .run_once("process", "t0", || -> Result<u32> {
                    calls += 1;
                    Ok(7)
                })
                .unwrap();
            assert_eq!(got, 7);
        }
        assert_eq!(calls, 1);
        assert_eq!(w.start(&json!({"a": 1}), true).unwrap(), Claim::Resumed);
        assert!(w.read_done::<u32>("process", "t0").is_some());
        assert!(w.start(&json!({"a": 2}), true).is_err());
        assert_eq!(w.start(&json!({"a": 2}), false).unwrap(), Claim::Fresh);
        assert!(w.read_done::<u32>("process", "t0").is_none());
        assert!(w.require("process", ["t0".to_string()]).is_err());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn leftovers_of_killed_writers_are_removed() {
        let root = temp("left");
        let w = WorkDir::new(&root);
        fs::create_dir_all(root.join("dedup/scan")).unwrap();
        fs::write(root.join("dedup/scan/s00000.p000.tmp99"), b"x").unwrap();
        fs::write(root.join("dedup/scan/s00000.p001"), b"x").unwrap();
        assert_eq!(w.remove_leftovers().unwrap(), 1);
        assert!(root.join("dedup/scan/s00000.p001").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}
