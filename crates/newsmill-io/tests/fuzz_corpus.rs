//! Replays the fuzz corpora (seeds plus any crash inputs kept after a fix) through the fuzz
//! targets' bodies, so stable CI guards what nightly fuzzing found.

use newsmill_io::fuzzing::{run_target, TARGETS};
use std::path::Path;

#[test]
fn every_corpus_file_passes_every_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut files = Vec::new();
    for target in TARGETS {
        let dir = root.join(target);
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            files.push(std::fs::read(&path).unwrap());
            n += 1;
        }
        assert!(n > 0, "no corpus for fuzz target {target}");
    }
    for data in &files {
        for target in TARGETS {
            run_target(target, data);
        }
    }
}
