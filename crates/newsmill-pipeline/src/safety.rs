//! Checks made before a run touches anything: every named input can be read, the output folder
//! neither is nor holds an input (a fresh run clears its outputs, and no input may ever be
//! deleted or overwritten), and a resumed run still reads the very inputs it started with.

use crate::error::{ConfigError, Result, RunError};
use crate::options::RunOptions;
use crate::report::{FileDigest, TaskSummary};
use newsmill_core::{InputError, InputErrorKind, Location, Task, WorkDir};
use newsmill_io::InputFile;
use std::path::{Path, PathBuf};

/// `s3://bucket/key`, `https://...`: a URL, not a path.
fn scheme_of(p: &Path) -> Option<&str> {
    let s = p.to_str()?;
    let (scheme, _) = s.split_once("://")?;
    let ok = !scheme.is_empty()
        && scheme.len() <= 16
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    ok.then_some(scheme)
}

fn named_error(p: &Path, kind: InputErrorKind, message: String) -> InputError {
    let loc = Location {
        path: p.display().to_string(),
        ..Location::default()
    };
    InputError::new(loc, kind, message)
}

/// Fails, naming each, when a named input is missing, unreadable or a URL.
pub(crate) fn check_named_inputs(inputs: &[PathBuf]) -> Result<()> {
    let mut problems = Vec::new();
    for p in inputs.iter().filter(|p| p.as_os_str() != "-") {
        if let Some(scheme) = scheme_of(p) {
            let msg = format!("{scheme}:// inputs are not read; copy the files to a local folder");
            problems.push(named_error(p, InputErrorKind::UnsupportedScheme, msg));
            continue;
        }
        let readable = std::fs::metadata(p).and_then(|m| {
            if m.is_dir() {
                std::fs::read_dir(p).map(|_| ())
            } else {
                std::fs::File::open(p).map(|_| ())
            }
        });
        if let Err(e) = readable {
            problems.push(named_error(p, InputErrorKind::Unreadable, e.to_string()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(RunError::Inputs(problems))
    }
}

/// The absolute form of a path that may not exist yet (its nearest existing ancestor resolved).
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let base = std::env::current_dir().unwrap_or_default().join(p);
    let mut missing = Vec::new();
    let mut cur = base.as_path();
    while let Some(parent) = cur.parent() {
        if let Some(name) = cur.file_name() {
            missing.push(name.to_owned());
        }
        if let Ok(c) = std::fs::canonicalize(parent) {
            return missing.iter().rev().fold(c, |acc, n| acc.join(n));
        }
        cur = parent;
    }
    base
}

/// Refuses an output folder that is an input, lies inside a named input folder, or holds an
/// input: a fresh run clears the outputs, and a later run would read them.
pub(crate) fn check_output_folder(opts: &RunOptions, files: &[InputFile]) -> Result<()> {
    let out = absolute(&opts.out_dir);
    for named in opts.inputs.iter().filter(|p| p.as_os_str() != "-") {
        let input = absolute(named);
        if out == input || out.starts_with(&input) && input.is_dir() {
            return Err(RunError::Refused(format!(
                "the output folder {} lies inside the input {}; choose an output folder outside \
                 the inputs",
                opts.out_dir.display(),
                named.display()
            )));
        }
    }
    if let Some(f) = files
        .iter()
        .find(|f| !f.is_stdin() && absolute(&f.path).starts_with(&out))
    {
        return Err(RunError::Refused(format!(
            "the input {} lies inside the output folder {}; nothing was changed",
            f.path.display(),
            opts.out_dir.display()
        )));
    }
    Ok(())
}

/// A resumed run must read what the interrupted one read: stdin cannot be checked, so it is
/// refused.
pub(crate) fn check_resumable(opts: &RunOptions, files: &[InputFile]) -> Result<()> {
    if opts.resume && files.iter().any(InputFile::is_stdin) {
        return Err(RunError::Refused(
            "cannot resume a run that reads stdin: what it read cannot be checked; run it again \
             without --resume"
                .into(),
        ));
    }
    Ok(())
}

/// The first input a finished task read that is not what it was then (changed, grown, gone).
fn changed(digests: &[FileDigest]) -> Option<&FileDigest> {
    digests.iter().find(|d| {
        let size = std::fs::metadata(&d.path).map(|m| m.len()).ok();
        size != Some(d.size) || newsmill_io::file_digest(&d.path, d.bytes).ok() != Some(d.hash)
    })
}

/// The changed input of a resumed run's finished process tasks, if any.
pub(crate) fn changed_input(work: &WorkDir, world: usize) -> Option<PathBuf> {
    (0..world).find_map(|rank| {
        let label = Task::new("process", rank, world).label();
        let done: TaskSummary = work.read_done("process", &label)?;
        changed(&done.digests).map(|d| d.path.clone())
    })
}

/// Files the run's threads hold open at once, with room for inputs, outputs and the runtime.
fn open_files_needed(opts: &RunOptions) -> u64 {
    let per_task = if opts.config.has("near_dedup") || opts.config.has("exact_dedup") {
        opts.config.dedup.open_files_per_task()
    } else {
        0
    };
    (opts.threads.max(1) * per_task) as u64 + 64
}

/// A run whose settings would need more open files than the process may have fails at its
/// first step with a config error naming the key, not halfway with "too many open files". The
/// soft limit is raised to the hard one first when that is enough.
pub(crate) fn check_open_files(opts: &RunOptions) -> Result<()> {
    let need = open_files_needed(opts);
    let limit = open_file_limit(need);
    match limit {
        Some(limit) if limit < need => Err(RunError::Config(ConfigError::Invalid(format!(
            "dedup.partitions = {} with {} threads needs about {need} open files at once; this \
             process may open {limit} (ulimit -n): lower dedup.partitions or --threads, or raise \
             the limit",
            opts.config.dedup.partitions, opts.threads
        )))),
        _ => Ok(()),
    }
}

/// The open-file limit after trying to raise it to `want`; None where it cannot be read.
#[cfg(unix)]
// `rlim_t` is u64 on Linux but not on every Unix: the casts are for the others.
#[allow(clippy::unnecessary_cast)]
fn open_file_limit(want: u64) -> Option<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if (lim.rlim_cur as u64) < want && lim.rlim_max > lim.rlim_cur {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max.min(want as libc::rlim_t),
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    Some(lim.rlim_cur as u64)
}

#[cfg(not(unix))]
fn open_file_limit(_want: u64) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_not_paths() {
        assert_eq!(scheme_of(Path::new("s3://bucket/a.warc.gz")), Some("s3"));
        assert_eq!(scheme_of(Path::new("https://x.test/a")), Some("https"));
        assert_eq!(scheme_of(Path::new("data/a.warc")), None);
        assert_eq!(scheme_of(Path::new("weird name://x")), None);
    }

    #[test]
    fn missing_inputs_are_named() {
        let e = check_named_inputs(&[PathBuf::from("/no/such/file.jsonl")]).unwrap_err();
        assert!(e.to_string().contains("/no/such/file.jsonl"), "{e}");
        assert!(check_named_inputs(&[PathBuf::from("-")]).is_ok());
    }

    #[test]
    fn absolute_paths_of_folders_not_made_yet() {
        let here = std::env::current_dir().unwrap();
        assert!(absolute(Path::new("not/made/yet")).ends_with("not/made/yet"));
        assert_eq!(
            absolute(Path::new(".")),
            std::fs::canonicalize(&here).unwrap()
        );
    }
}
