//! The runner end to end on documents written here: outputs, accounting, determinism across
//! task splits, and resume.

use newsmill_pipeline::{run, Config, Format, RunError, RunOptions};
use std::fs;
use std::path::{Path, PathBuf};

fn story(i: usize) -> String {
    format!(
        "Council approves budget {i}\n\
         The city council of Northfield voted on Tuesday to approve budget number {i}, which \
         raises spending on schools and road repairs for the coming year.\n\
         \"This budget keeps our promises to families,\" Mayor Helen Ortiz said after the vote. \
         \"We fixed the roads we said we would fix.\"\n\
         Opponents argued that the plan relies on optimistic revenue forecasts and warned that \
         the city could face a shortfall by the spring of next year, when bonds come due.\n\
         Read more: Ten things to do this weekend in Northfield...\n"
    )
}

fn write_inputs(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for f in 0..4 {
        let mut jsonl = String::new();
        for r in 0..6 {
            let i = f * 6 + r;
            // Every fifth story is an exact copy of an earlier one.
            let text = if i % 5 == 4 { story(i - 1) } else { story(i) };
            jsonl.push_str(
                &serde_json::json!({"id": format!("d{i}"), "text": text, "feed": f}).to_string(),
            );
            jsonl.push('\n');
        }
        if f == 2 {
            jsonl.push_str("{ this line is not json\n");
        }
        let p = dir.join(format!("part{f}.jsonl"));
        fs::write(&p, jsonl).unwrap();
        paths.push(p);
    }
    paths
}

fn options(inputs: Vec<PathBuf>, out: &Path, tasks: usize) -> RunOptions {
    let mut config = Config::default();
    config
        .select_stages("normalize,clean,language,quality,exact_dedup")
        .unwrap();
    RunOptions {
        inputs,
        out_dir: out.to_path_buf(),
        config,
        config_text: String::new(),
        threads: 2,
        tasks: Some(tasks),
        format: Format::Jsonl,
        strict: false,
        resume: false,
        progress: false,
        quiet: true,
        keep_work: false,
    }
}

#[test]
fn every_record_is_accounted_for_and_split_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let one = dir.path().join("one");
    let three = dir.path().join("three");
    let report = run(&options(inputs.clone(), &one, 1)).unwrap();
    run(&options(inputs, &three, 3)).unwrap();

    // 24 documents + 1 broken line.
    assert_eq!(report.accounting.records_in, 25);
    assert!(report.accounting.ok);
    assert_eq!(report.errors.count, 1);
    assert!(report.errors.first[0]
        .location
        .path
        .ends_with("part2.jsonl"));
    assert_eq!(report.errors.first[0].location.line, Some(7));

    for name in ["articles.jsonl", "rejects.jsonl"] {
        assert_eq!(
            fs::read(one.join(name)).unwrap(),
            fs::read(three.join(name)).unwrap(),
            "{name} differs between 1 and 3 tasks"
        );
    }
    let rejects = fs::read_to_string(one.join("rejects.jsonl")).unwrap();
    let dups: Vec<serde_json::Value> = rejects
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|r: &serde_json::Value| r["reason"] == "exact_duplicate")
        .collect();
    assert_eq!(dups.len(), 4, "{rejects}");
    assert_eq!(dups[0]["id"], "d4");
    assert_eq!(dups[0]["duplicate_of"], "d3");

    let articles = fs::read_to_string(one.join("articles.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(articles.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "d0");
    assert_eq!(first["feed"], 0, "extra input fields are kept");
    assert_eq!(first["language"]["code"], "en");
    let removed = first["removed"].as_array().unwrap();
    assert!(
        removed.iter().any(|r| r["text"]
            .as_str()
            .unwrap()
            .starts_with("Read more: Ten things")
            && !r["reason"].as_str().unwrap().is_empty()),
        "teaser line removed with a reason: {removed:?}"
    );
    assert!(!first["text"].as_str().unwrap().contains("Read more"));
}

#[test]
fn resume_reuses_finished_tasks_and_gives_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let out = dir.path().join("out");
    let mut keep = options(inputs.clone(), &out, 2);
    keep.keep_work = true;
    run(&keep).unwrap();
    let articles = fs::read(out.join("articles.jsonl")).unwrap();

    // Simulate a run killed after the first process task: drop later markers and outputs.
    let work = out.join(".work");
    fs::remove_file(work.join("process/process-00001-of-00002.done")).unwrap();
    fs::remove_dir_all(work.join("final")).unwrap();
    let _ = fs::remove_dir_all(work.join("dedup"));
    fs::remove_file(out.join("articles.jsonl")).unwrap();

    let mut opts = options(inputs.clone(), &out, 2);
    opts.resume = true;
    opts.keep_work = true;
    run(&opts).unwrap();
    assert_eq!(fs::read(out.join("articles.jsonl")).unwrap(), articles);

    // Resuming with different arguments is refused.
    let mut other = options(inputs, &out, 3);
    other.resume = true;
    match run(&other) {
        Err(RunError::Setup(e)) => assert!(e.to_string().contains("cannot resume")),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn strict_stops_at_the_first_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let mut opts = options(inputs, &dir.path().join("out"), 1);
    opts.strict = true;
    match run(&opts) {
        Err(RunError::Strict(e)) => {
            assert!(e.location.path.ends_with("part2.jsonl"));
            assert_eq!(e.location.line, Some(7));
        }
        other => panic!("expected a strict stop, got {other:?}"),
    }
}

#[test]
fn html_without_extract_stage_is_rejected_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pages.jsonl");
    fs::write(
        &p,
        "{\"id\":\"h1\",\"html\":\"<html><body><p>Hello there, this is a page.</p></body></html>\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut opts = options(vec![p], &out, 1);
    opts.config.select_stages("normalize").unwrap();
    let report = run(&opts).unwrap();
    assert!(report.accounting.ok);
    let rejects = fs::read_to_string(out.join("rejects.jsonl")).unwrap();
    assert!(
        rejects.contains("\"reason\":\"not_extracted\""),
        "{rejects}"
    );
}

#[test]
fn a_run_done_step_by_step_equals_a_whole_run() {
    use newsmill_pipeline::{run_step, Step};
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let whole = dir.path().join("whole");
    let steps = dir.path().join("steps");
    run(&options(inputs.clone(), &whole, 3)).unwrap();

    let opts = options(inputs, &steps, 3);
    // Final before dedup is refused: steps must follow each other.
    assert!(run_step(&opts, Step::Final(0)).is_err());
    for rank in [2, 0, 1] {
        assert!(run_step(&opts, Step::Process(rank)).unwrap().is_none());
    }
    run_step(&opts, Step::Dedup).unwrap();
    for rank in 0..3 {
        run_step(&opts, Step::Final(rank)).unwrap();
    }
    // A retried step is skipped, not redone.
    run_step(&opts, Step::Final(1)).unwrap();
    let report = run_step(&opts, Step::Merge)
        .unwrap()
        .expect("merge reports");
    assert!(report.accounting.ok);
    for name in ["articles.jsonl", "rejects.jsonl"] {
        assert_eq!(
            fs::read(whole.join(name)).unwrap(),
            fs::read(steps.join(name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn a_document_over_the_time_limit_is_rejected_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let out = dir.path().join("out");
    let mut opts = options(inputs, &out, 1);
    // The smallest limit, 1 ms, against a 15 MB text that the stages need far longer for.
    opts.config.limits.max_doc_millis = 1;
    let big = dir.path().join("big.jsonl");
    let text = "word ".repeat(3_000_000);
    fs::write(
        &big,
        serde_json::json!({"id": "slow", "text": text}).to_string() + "\n",
    )
    .unwrap();
    opts.inputs = vec![big];
    run(&opts).unwrap();
    let rejects = fs::read_to_string(out.join("rejects.jsonl")).unwrap();
    assert!(
        rejects.contains("\"reason\":\"time_limit_exceeded\""),
        "{rejects}"
    );
    assert!(rejects.contains("\"limit_millis\":1"), "{rejects}");
}

#[test]
fn reused_ids_are_reported_in_input_order_whatever_the_split() {
    let dir = tempfile::tempdir().unwrap();
    // "a" is reused by a later article in another file, "b" by a record that ends up rejected
    // (an exact copy), so the check must see articles and rejects in one order.
    let first = [("a", story(1)), ("b", story(2)), ("c", story(3))];
    let second = [("d", story(4)), ("a", story(5)), ("b", story(2))];
    let mut inputs = Vec::new();
    for (name, records) in [("p0.jsonl", &first), ("p1.jsonl", &second)] {
        let lines: String = records
            .iter()
            .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text})))
            .collect();
        let p = dir.path().join(name);
        fs::write(&p, lines).unwrap();
        inputs.push(p);
    }
    for tasks in [1, 2] {
        let out = dir.path().join(format!("out{tasks}"));
        let report = run(&options(inputs.clone(), &out, tasks)).unwrap();
        assert!(report.accounting.ok);
        assert_eq!(report.accounting.records_in, 6);
        let dup = &report.duplicate_ids;
        assert_eq!(dup.count, 2, "{dup:?}");
        let listed: Vec<(&str, u64)> = dup
            .first
            .iter()
            .map(|d| (d.id.as_str(), d.record))
            .collect();
        assert_eq!(listed, [("a", 1), ("b", 2)]);
        assert!(dup.first.iter().all(|d| d.path.ends_with("p1.jsonl")));
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
        assert_eq!(json["duplicate_ids"]["count"], 2);
    }
}

#[test]
fn settings_needing_more_open_files_than_allowed_are_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = write_inputs(dir.path());
    let out = dir.path().join("out");
    let mut opts = options(inputs, &out, 2);
    opts.config.dedup.partitions = 4096;
    // 16 million open files: more than any kernel allows one process.
    opts.threads = 1024;
    match run(&opts) {
        Err(RunError::Config(e)) => {
            let m = e.to_string();
            assert!(
                m.contains("dedup.partitions = 4096") && m.contains("ulimit -n"),
                "{m}"
            );
        }
        other => panic!("expected a config error, got {other:?}"),
    }
    assert!(!out.join("articles.jsonl").exists(), "nothing was run");
}
