//! Crash safety (issue #5): `refine` killed with SIGKILL at random points, then rerun with
//! `--resume` and the same arguments, ends with `articles.jsonl` and `rejects.jsonl` byte-identical
//! (and `articles.parquet`) to an uninterrupted run, and no partial output is ever visible under
//! its final name.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Documents per input file, and input files. Sized so that a debug build takes a second or two.
const DOCS_PER_FILE: usize = 300;
const FILES: usize = 4;

fn write_inputs(dir: &Path) {
    for f in 0..FILES {
        let mut out = String::new();
        for i in 0..DOCS_PER_FILE {
            let n = f * DOCS_PER_FILE + i;
            // Every 7th document repeats an earlier one (exact duplicates across files), every
            // 11th is too short to pass the quality filters, and every 13th is not JSON.
            let line = if n % 13 == 12 {
                format!("{{\"id\": \"broken-{n}\", \"text\": ")
            } else if n % 7 == 6 {
                jsonl_doc(&format!("d{n}"), &story(n / 2))
            } else if n % 11 == 10 {
                jsonl_doc(&format!("d{n}"), "Too short.")
            } else {
                jsonl_doc(&format!("d{n}"), &story(n))
            };
            out.push_str(&line);
            out.push('\n');
        }
        fs::write(dir.join(format!("part-{f}.jsonl")), out).unwrap();
    }
}

fn refine_cmd(input: &Path, out: &Path, resume: bool) -> std::process::Command {
    let mut c = newsmill();
    c.arg("refine").arg(input).arg("-o").arg(out).args([
        "--threads",
        "2",
        "-q",
        "--format",
        "both",
    ]);
    if resume {
        c.arg("--resume");
    }
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

struct Reference {
    articles: Vec<u8>,
    rejects: Vec<u8>,
    parquet: Vec<u8>,
}

/// Final outputs, when visible at all, are complete: equal to the uninterrupted run's.
fn check_visible_outputs(out: &Path, reference: &Reference, when: &str) {
    for (name, want) in [
        ("articles.jsonl", &reference.articles),
        ("rejects.jsonl", &reference.rejects),
        ("articles.parquet", &reference.parquet),
    ] {
        if let Ok(bytes) = fs::read(out.join(name)) {
            assert!(
                bytes == *want,
                "{when}: {name} is visible but differs from the uninterrupted run ({} vs {} bytes)",
                bytes.len(),
                want.len()
            );
        }
    }
    if let Ok(text) = fs::read_to_string(out.join("report.json")) {
        let v: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{when}: report.json visible but not complete JSON: {e}"));
        assert_eq!(v["accounting"]["ok"], true, "{when}: {v}");
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Uniform in `[lo, hi)`.
    fn fraction(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }
}

#[cfg(unix)]
#[test]
fn killed_runs_resume_to_byte_identical_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    write_inputs(&input);

    // The uninterrupted run.
    let ref_out = tmp.path().join("reference");
    let started = Instant::now();
    let status = refine_cmd(&input, &ref_out, false).status().unwrap();
    let full = started.elapsed();
    assert!(status.success(), "reference run failed: {status}");
    let reference = Reference {
        articles: fs::read(ref_out.join("articles.jsonl")).unwrap(),
        rejects: fs::read(ref_out.join("rejects.jsonl")).unwrap(),
        parquet: fs::read(ref_out.join("articles.parquet")).unwrap(),
    };
    assert!(!reference.articles.is_empty() && !reference.rejects.is_empty());
    eprintln!("uninterrupted run: {full:?}");

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut kills = 0;
    let mut rounds = 0;
    // Three interrupted runs. In each, the fresh run is killed (retried with an earlier kill if
    // it finished first), then resumed; the first two resumes may be killed again.
    for scenario in 0..3 {
        let out: PathBuf = tmp.path().join(format!("out-{scenario}"));
        let mut resume = false;
        let mut attempt = 0;
        let mut scale = 1.0;
        loop {
            let kill_after = if !resume {
                Some(full.mul_f64(scale * rng.fraction(0.05, 0.7)))
            } else {
                (attempt < 3).then(|| full.mul_f64(rng.fraction(0.05, 0.9)))
            };
            let mut child = refine_cmd(&input, &out, resume).spawn().unwrap();
            let t0 = Instant::now();
            let status = loop {
                check_visible_outputs(&out, &reference, "during a run");
                if let Some(status) = child.try_wait().unwrap() {
                    break Some(status);
                }
                if kill_after.is_some_and(|k| t0.elapsed() >= k) {
                    child.kill().unwrap(); // SIGKILL
                    child.wait().unwrap();
                    kills += 1;
                    break None;
                }
                std::thread::sleep(Duration::from_millis(2));
            };
            rounds += 1;
            check_visible_outputs(&out, &reference, "after a kill");
            if let Some(status) = status {
                let mut stderr = String::new();
                use std::io::Read;
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                assert!(
                    status.success(),
                    "run (resume={resume}) failed: {status}\n{stderr}"
                );
                if !resume {
                    // Finished before the kill: start this scenario over, killing earlier.
                    scale /= 2.0;
                    assert!(
                        scale > 0.01,
                        "the fresh run always finished before the kill"
                    );
                    fs::remove_dir_all(&out).unwrap();
                    continue;
                }
                break;
            }
            resume = true;
            attempt += 1;
        }
        assert_eq!(
            fs::read(out.join("articles.jsonl")).unwrap(),
            reference.articles,
            "articles differ"
        );
        assert_eq!(
            fs::read(out.join("rejects.jsonl")).unwrap(),
            reference.rejects,
            "rejects differ"
        );
        assert!(
            fs::read(out.join("articles.parquet")).unwrap() == reference.parquet,
            "articles.parquet differs"
        );
        let report: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
        assert_eq!(report["accounting"]["ok"], true, "{report}");
        // No temporary output is left behind next to the final ones.
        let leftovers: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
    eprintln!("{kills} kills in {rounds} runs");
    assert!(
        kills >= 3,
        "only {kills} kills landed before the runs finished"
    );
}

#[test]
fn resume_with_different_arguments_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.jsonl"), jsonl_doc("a-1", &story(1)) + "\n").unwrap();
    let out = tmp.path().join("out");
    refine(
        &[&input],
        &out,
        &["--stages", "normalize,clean", "-q", "--keep-work"],
    )
    .assert_ok();
    let again = refine(
        &[&input],
        &out,
        &["--stages", "normalize", "--resume", "-q"],
    );
    assert_eq!(again.code, EXIT_FATAL, "stderr:\n{}", again.stderr);
    // The same arguments resume (nothing left to do) and give the same outputs.
    let before = fs::read(out.join("articles.jsonl")).unwrap();
    refine(
        &[&input],
        &out,
        &["--stages", "normalize,clean", "--resume", "-q"],
    )
    .assert_ok();
    assert_eq!(fs::read(out.join("articles.jsonl")).unwrap(), before);
}

/// The accounting check is real: a record lost between the passes (here, a reject line removed
/// from a finished task's file before a resume) makes the run fail with exit code 4.
#[test]
fn a_lost_record_fails_the_accounting_check_with_exit_4() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let mut lines: Vec<String> = (0..20)
        .map(|i| jsonl_doc(&format!("acc-{i}"), &story(3000 + i)))
        .collect();
    lines.insert(3, "not json".into());
    lines.insert(9, "still not json".into());
    fs::write(input.join("a.jsonl"), lines.join("\n") + "\n").unwrap();
    let out = tmp.path().join("out");
    let args = ["--stages", "normalize,clean", "-q", "--keep-work"];
    refine(&[&input], &out, &args).assert_ok();

    let process = out.join(".work/process");
    let rejects = fs::read_dir(&process)
        .unwrap_or_else(|e| panic!("{}: {e}", process.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("rejects-") && name.ends_with(".jsonl")
        })
        .expect("a rejects file of the process pass");
    let text = fs::read_to_string(&rejects).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    let rest: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    fs::write(&rejects, rest).unwrap();

    let mut resume_args = args.to_vec();
    resume_args.push("--resume");
    let run = refine(&[&input], &out, &resume_args);
    assert_eq!(run.code, EXIT_ACCOUNTING, "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains("accounting"), "{}", run.stderr);
    let report = run.report();
    assert_eq!(report["accounting"]["ok"], false, "{report}");
    assert_eq!(report["accounting"]["records_in"], 22, "{report}");
    assert_eq!(report["accounting"]["rejects"], 1, "{report}");
}

/// Resume never reuses work from changed input: an input edited in place (same size) after the
/// interrupted run read it makes the resumed run start over and say why.
#[test]
fn resume_after_an_input_changed_starts_over() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let file = input.join("a.jsonl");
    let before_text = story(1);
    fs::write(&file, jsonl_doc("a-1", &before_text) + "\n").unwrap();
    let out = tmp.path().join("out");
    let args = ["--stages", "normalize,clean", "--keep-work"];
    refine(&[&input], &out, &args).assert_ok();
    // Same length, different words: only the content digest can tell.
    let after_text = before_text.replacen("the", "THE", 1);
    assert_ne!(after_text, before_text);
    fs::write(&file, jsonl_doc("a-1", &after_text) + "\n").unwrap();
    let mut resumed: Vec<&str> = args.to_vec();
    resumed.push("--resume");
    let again = refine(&[&input], &out, &resumed);
    again.assert_ok();
    assert!(
        again.stderr.contains("changed since"),
        "stderr:\n{}",
        again.stderr
    );
    let articles = fs::read_to_string(out.join("articles.jsonl")).unwrap();
    assert!(
        articles.contains("THE"),
        "the new input was read: {articles}"
    );
}
