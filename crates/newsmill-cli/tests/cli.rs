//! The command line as a user meets it (issue 20): the printed default config, argument checks,
//! one exit-code table, help with examples, completions, the manual page, log levels, the run
//! summary and the progress bars.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Output;

fn run(args: &[&str]) -> Output {
    newsmill().args(args).output().expect("running newsmill")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small input: ten stories, two of them the same.
fn inputs(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("in.jsonl");
    let mut text = String::new();
    for i in 0..10 {
        text.push_str(&jsonl_doc(&format!("d{i}"), &story(i.min(8))));
        text.push('\n');
    }
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_printed_default_config_is_accepted_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(&["config", "--default"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for key in [
        "max_doc_millis",
        "jaccard_threshold",
        "min_stop_words",
        "maintext",
    ] {
        assert!(text.contains(key), "{key} missing:\n{text}");
    }
    assert!(
        text.lines().filter(|l| l.starts_with("# ")).count() > 80,
        "every key commented"
    );
    let cfg = tmp.path().join("run.toml");
    fs::write(&cfg, &text).unwrap();
    let input = inputs(tmp.path());
    refine(
        &[&input],
        &tmp.path().join("out"),
        &["-q", "-c", cfg.to_str().unwrap()],
    )
    .assert_ok();
    // And `config -c` prints what a file gives, defaults filled in.
    fs::write(&cfg, "[dedup]\naction = \"tag\"\n").unwrap();
    let o = run(&["config", "-c", cfg.to_str().unwrap()]);
    assert!(stdout(&o).contains("action = \"tag\"") && stdout(&o).contains("max_doc_bytes"));
}

#[test]
fn impossible_counts_are_refused_naming_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let input = inputs(tmp.path());
    let out = tmp.path().join("out");
    for (flag, value) in [
        ("-j", "0"),
        ("--threads", "0"),
        ("--tasks", "0"),
        ("-j", "many"),
    ] {
        let o = newsmill()
            .arg("refine")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .args([flag, value])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{flag} {value}");
        let e = stderr(&o);
        assert!(e.contains("--threads") || e.contains("--tasks"), "{e}");
    }
    let o = newsmill()
        .arg("refine")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--tasks", "2", "--step", "process", "--rank", "2"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--rank 2 is out of range"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("articles.jsonl").exists());
}

#[test]
fn a_missing_input_is_exit_2_in_every_subcommand() {
    let missing = "/no/such/input.jsonl";
    for args in [
        vec!["refine", missing, "-o", "/tmp/newsmill-never-written", "-q"],
        vec!["extract", missing],
        vec!["quotes", missing],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(missing),
            "{args:?} names the input: {}",
            stderr(&o)
        );
    }
}

#[test]
fn every_subcommand_help_ends_with_examples_and_the_exit_codes() {
    let top = stdout(&run(&["--help"]));
    assert!(
        top.contains("Examples:") && top.contains("Exit codes"),
        "{top}"
    );
    for sub in [
        "refine",
        "extract",
        "quotes",
        "config",
        "completions",
        "man",
    ] {
        let help = stdout(&run(&[sub, "--help"]));
        assert!(
            help.contains("Example"),
            "{sub} --help has examples:\n{help}"
        );
    }
    for sub in ["refine", "extract", "quotes"] {
        let help = stdout(&run(&[sub, "--help"]));
        assert!(
            help.contains("Exit codes"),
            "{sub} --help has the exit codes:\n{help}"
        );
    }
}

#[test]
fn completions_and_the_manual_page() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success());
        let s = stdout(&o);
        assert!(
            s.contains("refine") && s.contains("resume") && s.contains("keep-work"),
            "{shell}:\n{s}"
        );
    }
    let man = stdout(&run(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH newsmill"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("newsmill\\-refine") || man.contains("newsmill-refine"));
}

#[test]
fn log_levels_name_the_stage_and_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = inputs(tmp.path());
    let quiet = refine(&[&input], &tmp.path().join("a"), &["-q"]);
    assert!(!quiet.stderr.contains("DEBUG"), "{}", quiet.stderr);
    let loud = refine(&[&input], &tmp.path().join("b"), &["-vv"]);
    loud.assert_ok();
    assert!(
        loud.stderr.contains("DEBUG")
            && loud.stderr.contains("stage=quality")
            && loud.stderr.contains("in.jsonl"),
        "{}",
        loud.stderr
    );
    let env = newsmill()
        .env("RUST_LOG", "newsmill_pipeline=info")
        .arg("refine")
        .arg(&input)
        .arg("-o")
        .arg(tmp.path().join("c"))
        .output()
        .unwrap();
    let e = stderr(&env);
    assert!(e.contains("INFO") && !e.contains("DEBUG"), "{e}");
}

#[test]
fn the_summary_names_the_top_drop_reasons_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let input = inputs(tmp.path());
    let r = refine(&[&input], &tmp.path().join("out"), &[]);
    r.assert_ok();
    assert!(
        r.stderr.contains("dropped: exact_duplicate 1"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("report.json"), "{}", r.stderr);
    let q = refine(&[&input], &tmp.path().join("out2"), &["-q"]);
    assert!(q.stderr.is_empty(), "-q prints nothing: {}", q.stderr);
}

/// Progress bars are drawn on a terminal, one per named phase, and never into a pipe or with -q.
#[test]
fn progress_bars_are_named_by_phase_on_a_terminal_only() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = inputs(tmp.path());
    let bin = env!("CARGO_BIN_EXE_newsmill");
    let on_tty = |out: &str, extra: &str| {
        let cmd = format!(
            "{bin} refine {} -o {} {extra}",
            input.display(),
            tmp.path().join(out).display()
        );
        let log = tmp.path().join(format!("{out}.log"));
        let o = std::process::Command::new("script")
            .args(["-qfec", &cmd])
            .arg(&log)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        fs::read_to_string(&log).unwrap_or_default()
    };
    let drawn = on_tty("tty", "");
    for phase in ["read + process", "dedup-scan", "final", "merge"] {
        assert!(drawn.contains(phase), "{phase} bar on a terminal:\n{drawn}");
    }
    assert!(
        !on_tty("tty-q", "-q").contains("read + process"),
        "-q draws nothing"
    );
    let piped = refine(&[&input], &tmp.path().join("piped"), &[]);
    assert!(!piped.stderr.contains("read + process"), "{}", piped.stderr);
}
