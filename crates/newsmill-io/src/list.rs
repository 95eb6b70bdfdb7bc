//! Expanding the command line's paths into the run's ordered list of input files.

use newsmill_core::{InputError, InputErrorKind, Location};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input of the run: a file (or stdin, written `-`) with its size when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file's path as listed; `-` means standard input.
    pub path: PathBuf,
    /// Size in bytes as stored, for regular files (progress and MB/s); `None` for stdin and pipes.
    pub size: Option<u64>,
    /// Stem of the ids derived for records that carry none (`<id_prefix>#<record>`): the path
    /// relative to the parent of the listed argument (`crawl/2024/a.jsonl.gz` for a file found
    /// under the argument `data/crawl`), so ids survive moving the corpus and do not depend on
    /// the order or number of other inputs. Unique within a listing.
    pub id_prefix: String,
}

impl InputFile {
    /// Standard input.
    pub fn stdin() -> Self {
        InputFile {
            path: PathBuf::from("-"),
            size: None,
            id_prefix: "stdin".into(),
        }
    }

    /// A file given by path, with the file name as id prefix and no size (callers that list
    /// files themselves; [`list_inputs`] fills both properly).
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let id_prefix = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let size = std::fs::metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        InputFile {
            path,
            size,
            id_prefix,
        }
    }

    /// True for standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The path as errors and reports show it.
    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

fn err(path: &Path, kind: InputErrorKind, message: impl Into<String>) -> InputError {
    InputError::new(
        Location {
            path: path.display().to_string(),
            ..Location::default()
        },
        kind,
        message,
    )
}

fn io_kind(e: &std::io::Error) -> InputErrorKind {
    // ELOOP: a chain of symlinks that never reaches a file.
    if e.raw_os_error() == Some(40) {
        InputErrorKind::SymlinkLoop
    } else {
        InputErrorKind::Unreadable
    }
}

struct Walk {
    files: Vec<InputFile>,
    errors: Vec<InputError>,
    seen_files: HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
    stdin: bool,
}

/// Expands paths into the run's input files, in a deterministic order: arguments in the order
/// given, folders recursively with entries sorted by name (byte order).
///
/// Inside folders, hidden entries (names starting with `.`) are skipped, like `.git` or
/// `.DS_Store`; a hidden file named explicitly is read. Symlinks are followed; a link back to a
/// folder being walked is reported as `symlink_loop`, and a file or folder reached twice (two
/// links, or listed twice) is read once. `-` is stdin (once). Problems (`unreadable`,
/// `symlink_loop`) are returned beside the files and never stop the listing.
pub fn list_inputs(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<InputError>) {
    let mut w = Walk {
        files: Vec::new(),
        errors: Vec::new(),
        seen_files: HashSet::new(),
        seen_dirs: HashSet::new(),
        stdin: false,
    };
    for p in paths {
        if p.as_os_str() == "-" {
            if !w.stdin {
                w.stdin = true;
                w.files.push(InputFile::stdin());
            }
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                w.errors.push(err(p, io_kind(&e), e.to_string()));
                continue;
            }
        };
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| {
                std::fs::canonicalize(p)
                    .ok()?
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| p.display().to_string());
        if meta.is_dir() {
            let mut ancestors = Vec::new();
            w.dir(p, &name, &mut ancestors);
        } else {
            w.file(p, &meta, name);
        }
    }
    make_prefixes_unique(&mut w.files);
    (w.files, w.errors)
}

impl Walk {
    fn file(&mut self, path: &Path, meta: &std::fs::Metadata, id_prefix: String) {
        let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen_files.insert(canon) {
            return;
        }
        self.files.push(InputFile {
            path: path.to_path_buf(),
            size: meta.is_file().then_some(meta.len()),
            id_prefix,
        });
    }

    fn dir(&mut self, dir: &Path, prefix: &str, ancestors: &mut Vec<PathBuf>) {
        let canon = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                self.errors.push(err(dir, io_kind(&e), e.to_string()));
                return;
            }
        };
        if ancestors.contains(&canon) {
            self.errors.push(err(
                dir,
                InputErrorKind::SymlinkLoop,
                format!("links back to {}; not followed", canon.display()),
            ));
            return;
        }
        if !self.seen_dirs.insert(canon.clone()) {
            return;
        }
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.errors
                    .push(err(dir, InputErrorKind::Unreadable, e.to_string()));
                return;
            }
        };
        let mut names = Vec::new();
        for entry in rd {
            match entry {
                Ok(e) => names.push(e.file_name()),
                Err(e) => self
                    .errors
                    .push(err(dir, InputErrorKind::Unreadable, e.to_string())),
            }
        }
        names.sort();
        ancestors.push(canon);
        for name in names {
            let shown = name.to_string_lossy();
            if shown.starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            let child_prefix = format!("{prefix}/{shown}");
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, &child_prefix, ancestors),
                Ok(m) => self.file(&path, &m, child_prefix),
                Err(e) => self.errors.push(err(&path, io_kind(&e), e.to_string())),
            }
        }
        ancestors.pop();
    }
}

/// Two arguments may share a file name (`a/x.jsonl b/x.jsonl`); those fall back to the full
/// path so derived ids stay unique.
fn make_prefixes_unique(files: &mut [InputFile]) {
    let mut count = std::collections::HashMap::new();
    for f in files.iter() {
        *count.entry(f.id_prefix.clone()).or_insert(0usize) += 1;
    }
    for f in files.iter_mut() {
        if count[&f.id_prefix] > 1 && !f.is_stdin() {
            f.id_prefix = f.display();
        }
    }
}
