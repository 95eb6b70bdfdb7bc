//! Damaged input (issue #5): every kind of broken input gives an error or reject that names the
//! file and the position, the rest of the run completes with its accounting intact, and
//! `--strict` stops at the first input error with exit code 3. Also the per-document size limit.

mod common;

use common::*;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Stages used by these tests: the reader is what is under test, but the run goes through the
/// extract, process, dedup barrier and final passes.
const STAGES: &str = "extract,normalize,clean,exact_dedup";

/// Writes `good.jsonl` (three sound documents) into `dir`.
fn write_good(dir: &Path) {
    let lines: Vec<String> = (1..=3)
        .map(|i| jsonl_doc(&format!("good-{i}"), &story(i)))
        .collect();
    fs::write(dir.join("good.jsonl"), lines.join("\n") + "\n").unwrap();
}

/// The listed input error whose path ends with `name`, with the report's errors in the message.
fn error_for(run: &Run, name: &str) -> Value {
    let errors = run.errors();
    errors
        .iter()
        .find(|e| {
            e["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(name))
        })
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "no input error for {name}; errors: {errors:#?}\nstderr:\n{}",
                run.stderr
            )
        })
}

/// Asserts a location has some position (line, byte offset or record) besides the path.
fn assert_has_position(loc: &Value) {
    assert!(
        loc["line"].is_u64() || loc["offset"].is_u64() || loc["record"].is_u64(),
        "location without a position: {loc}"
    );
}

/// Runs the folder normally and checks what every damaged case shares: exit 0, accounting,
/// the sound documents all in the articles.
fn run_ok(input: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["--stages", STAGES, "-q"];
    args.extend_from_slice(extra);
    let run = refine(&[input], out, &args);
    run.assert_ok();
    assert_accounting(&run);
    for i in 1..=3 {
        let id = format!("good-{i}");
        assert!(
            run.article(&id).is_some(),
            "{id} missing from articles; stderr:\n{}",
            run.stderr
        );
    }
    run
}

/// Runs the folder with `--strict`: exit 3, and the message names the damaged file and the
/// position (`position` is how the message shows it, `FILE:LINE` or `(byte N)`).
fn assert_strict_stops(input: &Path, out: &Path, name: &str, position: &str) {
    let run = refine(&[input], out, &["--stages", STAGES, "--strict"]);
    assert_eq!(
        run.code, EXIT_STRICT,
        "--strict should stop with 3; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(name),
        "--strict message does not name {name}:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(position),
        "--strict message does not give the position {position}:\n{}",
        run.stderr
    );
    // Nothing is published from a stopped run.
    assert!(
        !out.join("articles.jsonl").exists(),
        "articles.jsonl written by a stopped run"
    );
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    write_good(&input);
    (tmp, input)
}

fn jsonl_corpus(prefix: &str, first_story: usize) -> Vec<u8> {
    let lines: Vec<String> = (0..200)
        .map(|i| jsonl_doc(&format!("{prefix}-{i}"), &story(first_story + i)))
        .collect();
    (lines.join("\n") + "\n").into_bytes()
}

fn write_truncated_gzip(input: &Path) {
    let gz = gzip_stored(&jsonl_corpus("gz", 100), 4096);
    // Cut in the middle of a stored block, well inside the member.
    let cut = gz.len() * 3 / 5 + 7;
    fs::write(input.join("news.jsonl.gz"), &gz[..cut]).unwrap();
}

fn write_truncated_zstd(input: &Path) {
    let zst = zstd_raw(&jsonl_corpus("zs", 200));
    let cut = zst.len() / 2 + 11;
    fs::write(input.join("news.jsonl.zst"), &zst[..cut]).unwrap();
}

/// A cut stream is reported with its kind and position, and what came before the cut is kept.
fn assert_truncation_reported(run: &Run, file: &str, kind: &str, prefix: &str) {
    let err = error_for(run, file);
    assert_eq!(err["kind"], kind, "{err}");
    assert_has_position(&err["location"]);
    let salvaged = ids(&run.articles())
        .iter()
        .filter(|id| id.starts_with(&format!("{prefix}-")))
        .count();
    assert!(
        salvaged > 50 && salvaged < 200,
        "{salvaged} documents read before the cut"
    );
}

#[test]
fn truncated_gzip_mid_member() {
    let (tmp, input) = setup();
    write_truncated_gzip(&input);
    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    assert_truncation_reported(&run, "news.jsonl.gz", "truncated_gzip", "gz");
}

#[test]
fn truncated_zstd_frame() {
    let (tmp, input) = setup();
    write_truncated_zstd(&input);
    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    assert_truncation_reported(&run, "news.jsonl.zst", "truncated_zstd", "zs");
}

fn write_cut_warc_gz(input: &Path) {
    // The sample crawl: one gzip member per WARC record. Cut it inside a member past the middle.
    let warc = fs::read(repo_root().join("samples/warc/crawl.warc.gz")).unwrap();
    let cut = warc.len() * 3 / 5;
    fs::write(input.join("crawl.warc.gz"), &warc[..cut]).unwrap();
}

#[test]
fn multi_member_warc_gz_cut_inside_a_member() {
    let (tmp, input) = setup();
    write_cut_warc_gz(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let err = error_for(&run, "crawl.warc.gz");
    assert!(
        err["kind"] == "truncated_gzip" || err["kind"] == "truncated_warc_record",
        "{err}"
    );
    assert_has_position(&err["location"]);
    // The records in the members before the cut are read.
    let urls: Vec<String> = run
        .articles()
        .iter()
        .filter_map(|a| a["url"].as_str().map(String::from))
        .collect();
    assert!(
        urls.iter()
            .any(|u| u == "https://metrodaily.example/business/tamsin-ridge-mine-approved"),
        "{urls:?}"
    );
    assert!(
        !urls.iter().any(|u| u.ends_with("harbour-tunnel-study")),
        "the last page is past the cut: {urls:?}"
    );
}

/// A WARC response record with an HTML page.
fn warc_response(url: &str, body: &str, length_delta: i64) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let len = (http.len() as i64 + length_delta) as usize;
    let mut rec = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{url}>\r\n\
         WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n"
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn page(title: &str, n: usize) -> String {
    let paras: String = story(n).lines().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>\n{paras}</article><footer>Footer</footer></body></html>"
    )
}

fn write_lying_warc(input: &Path) -> (usize, usize) {
    let mut warc = Vec::new();
    warc.extend(warc_response(
        "https://a.example/1",
        &page("First story", 301),
        0,
    ));
    let lying_at = warc.len();
    // Claims 25 bytes fewer than the block holds.
    warc.extend(warc_response(
        "https://a.example/2",
        &page("Second story", 302),
        -25,
    ));
    warc.extend(warc_response(
        "https://a.example/3",
        &page("Third story", 303),
        0,
    ));
    // A Content-Length that is not a number.
    let bad_length_at = warc.len();
    let mut rec = String::from_utf8(warc_response(
        "https://a.example/4",
        &page("Fourth story", 304),
        0,
    ))
    .unwrap();
    let at = rec.find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let end = at + rec[at..].find("\r\n").unwrap();
    rec.replace_range(at..end, "twelve");
    warc.extend(rec.into_bytes());
    warc.extend(warc_response(
        "https://a.example/5",
        &page("Fifth story", 305),
        0,
    ));
    fs::write(input.join("crawl.warc"), &warc).unwrap();

    (lying_at, bad_length_at)
}

#[test]
fn warc_record_whose_content_length_lies() {
    let (tmp, input) = setup();
    let (lying_at, bad_length_at) = write_lying_warc(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let err = error_for(&run, "crawl.warc");
    assert_eq!(err["kind"], "bad_warc_record", "{err}");
    assert_has_position(&err["location"]);
    assert_eq!(
        err["location"]["offset"].as_u64(),
        Some(lying_at as u64),
        "{err}"
    );
    // The reader resynchronises: the records around the broken one are read.
    let urls: Vec<String> = run
        .articles()
        .iter()
        .filter_map(|a| a["url"].as_str().map(String::from))
        .collect();
    assert!(urls.iter().any(|u| u == "https://a.example/1"), "{urls:?}");
    assert!(urls.iter().any(|u| u == "https://a.example/3"), "{urls:?}");
    assert!(urls.iter().any(|u| u == "https://a.example/5"), "{urls:?}");
    for lost in ["https://a.example/2", "https://a.example/4"] {
        assert!(!urls.iter().any(|u| u == lost), "{urls:?}");
    }
    let offsets: Vec<u64> = run
        .errors()
        .iter()
        .filter(|e| {
            e["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("crawl.warc"))
        })
        .map(|e| e["location"]["offset"].as_u64().unwrap())
        .collect();
    assert_eq!(
        offsets,
        vec![lying_at as u64, bad_length_at as u64],
        "{:#?}",
        run.errors()
    );
}

fn write_short_warc(input: &Path) -> usize {
    let mut warc = warc_response("https://b.example/1", &page("Kept story", 311), 0);
    let cut_at = warc.len();
    // Claims 500 bytes more than the file has left.
    warc.extend(warc_response(
        "https://b.example/2",
        &page("Cut story", 312),
        500,
    ));
    fs::write(input.join("cut.warc"), &warc).unwrap();

    cut_at
}

#[test]
fn warc_record_cut_short_at_end_of_file() {
    let (tmp, input) = setup();
    let cut_at = write_short_warc(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let err = error_for(&run, "cut.warc");
    assert!(
        err["kind"].as_str().unwrap().contains("warc"),
        "unexpected kind: {err}"
    );
    assert_eq!(
        err["location"]["offset"].as_u64(),
        Some(cut_at as u64),
        "{err}"
    );
    assert!(run
        .articles()
        .iter()
        .any(|a| a["url"] == "https://b.example/1"));
}

fn write_bad_jsonl(input: &Path) {
    let lines = [
        jsonl_doc("bad-1", &story(401)),
        r#"{"id": "bad-2", "text": "an unterminated string"#.to_string(),
        jsonl_doc("bad-3", &story(403)),
        "this line is not JSON at all".to_string(),
        jsonl_doc("bad-5", &story(405)),
    ];
    fs::write(input.join("bad.jsonl"), lines.join("\n") + "\n").unwrap();
}

#[test]
fn jsonl_lines_that_are_not_json() {
    let (tmp, input) = setup();
    write_bad_jsonl(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let errors: Vec<Value> = run
        .errors()
        .into_iter()
        .filter(|e| {
            e["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("bad.jsonl"))
        })
        .collect();
    let lines_reported: Vec<u64> = errors
        .iter()
        .map(|e| {
            assert_eq!(e["kind"], "invalid_json", "{e}");
            e["location"]["line"].as_u64().expect("line number")
        })
        .collect();
    assert_eq!(lines_reported, vec![2, 4], "{errors:#?}");
    for id in ["bad-1", "bad-3", "bad-5"] {
        assert!(run.article(id).is_some(), "{id} lost");
    }
    // The lost lines are accounted for as rejects of the read stage.
    let read_rejects: Vec<Value> = run
        .rejects()
        .into_iter()
        .filter(|r| r["stage"] == "read" && r["reason"] == "invalid_json")
        .collect();
    assert_eq!(read_rejects.len(), 2, "{read_rejects:#?}");
}

#[test]
fn a_200_mb_line_is_rejected_without_stopping_the_run() {
    let (tmp, input) = setup();
    let path = input.join("huge.jsonl");
    {
        let mut f = std::io::BufWriter::with_capacity(1 << 20, fs::File::create(&path).unwrap());
        writeln!(f, "{}", jsonl_doc("huge-before", &story(501))).unwrap();
        f.write_all(br#"{"id": "huge", "text": ""#).unwrap();
        let chunk = "All work and no play makes a very long line. ".repeat(1 << 14);
        let mut written = 0usize;
        while written < 200 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
        f.write_all(b"\"}\n").unwrap();
        writeln!(f, "{}", jsonl_doc("huge-after", &story(503))).unwrap();
        f.flush().unwrap();
    }
    let started = std::time::Instant::now();
    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let reject = run
        .rejects()
        .into_iter()
        .find(|r| r["reason"] == "doc_too_large")
        .unwrap_or_else(|| panic!("no doc_too_large reject: {:#?}", run.rejects()));
    let loc = &reject["details"]["location"];
    assert!(
        loc["path"].as_str().unwrap().ends_with("huge.jsonl"),
        "{reject}"
    );
    assert_eq!(loc["line"].as_u64(), Some(2), "{reject}");
    assert!(run.article("huge-before").is_some());
    assert!(
        run.article("huge-after").is_some(),
        "the line after the huge one is lost"
    );
    // The line is skipped, not held: the run stays far below the line's size.
    let peak = peak_child_rss_mb();
    eprintln!(
        "200 MB line run: {:?}, peak RSS {peak:.0} MB",
        started.elapsed()
    );
    assert!(peak < 150.0, "peak RSS {peak:.0} MB for a 200 MB line");
}

fn write_nul_and_binary(input: &Path) {
    let mut nul_text = story(601).into_bytes();
    nul_text.splice(40..40, b"\0\0\x01\x02\0".iter().copied());
    fs::write(input.join("nul.txt"), &nul_text).unwrap();
    // Pseudo-random bytes, like an image saved under a text name.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..65536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    fs::write(input.join("photo.txt"), &noise).unwrap();
    // A JSON string with a raw NUL inside is not JSON.
    let mut jl = jsonl_doc("nul-1", &story(603)).into_bytes();
    jl.push(b'\n');
    jl.extend_from_slice(b"{\"id\": \"nul-2\", \"text\": \"before\0after\"}\n");
    jl.extend(jsonl_doc("nul-3", &story(605)).into_bytes());
    jl.push(b'\n');
    fs::write(input.join("nul.jsonl"), &jl).unwrap();
}

#[test]
fn nul_and_binary_bytes() {
    let (tmp, input) = setup();
    write_nul_and_binary(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    // Random bytes are binary; a page with NULs in it is a page, the NULs removed and counted,
    // whether it is a text file or a JSON string.
    let reject = run
        .rejects()
        .into_iter()
        .find(|r| {
            r["details"]["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("photo.txt"))
        })
        .unwrap_or_else(|| panic!("photo.txt not rejected: {:#?}", run.rejects()));
    assert_eq!(reject["reason"], "binary_content", "{reject}");
    assert_eq!(reject["stage"], "read", "{reject}");
    let nul_page = run
        .articles()
        .into_iter()
        .find(|a| a["id"].as_str().is_some_and(|id| id.ends_with("nul.txt#0")))
        .unwrap_or_else(|| panic!("nul.txt lost: {:#?}", run.rejects()));
    assert!(!nul_page["text"].as_str().unwrap().contains('\0'));
    let a = run.article("nul-2").expect("nul-2 kept");
    assert_eq!(a["text"], "beforeafter");
    assert!(run.article("nul-1").is_some() && run.article("nul-3").is_some());
    assert_eq!(run.report()["inputs"]["read"]["nul_records"], 2);
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_kept() {
    let (tmp, input) = setup();
    let mut text = b"Caf\xe9 owners on Harbour Street said trade had collapsed \xff\xfe since the strike began.\n".to_vec();
    text.extend_from_slice(story(701).as_bytes());
    fs::write(input.join("latin1.txt"), &text).unwrap();
    let mut jl = b"{\"id\": \"utf8-1\", \"text\": \"Na\xefve caf\xe9 review: ".to_vec();
    jl.extend_from_slice(story(703).replace('\n', " ").replace('"', "'").as_bytes());
    jl.extend_from_slice(b"\"}\n");
    fs::write(input.join("latin1.jsonl"), &jl).unwrap();

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let by_text = |needle: &str| {
        run.articles()
            .into_iter()
            .find(|a| a["text"].as_str().is_some_and(|t| t.contains(needle)))
    };
    let a = by_text("owners on Harbour Street said trade had collapsed")
        .unwrap_or_else(|| panic!("latin1.txt lost: {:#?}", run.rejects()));
    assert!(a["text"]
        .as_str()
        .unwrap()
        .contains("since the strike began"));
    let b = run
        .article("utf8-1")
        .unwrap_or_else(|| panic!("utf8-1 lost: {:#?}", run.rejects()));
    assert!(b["text"].as_str().unwrap().contains("review"), "{b}");
}

fn write_empty_files(input: &Path) {
    fs::write(input.join("empty.txt"), b"").unwrap();
    fs::write(input.join("blank.jsonl"), b"\n  \n\t\n").unwrap();
}

#[test]
fn empty_files() {
    let (tmp, input) = setup();
    write_empty_files(&input);

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    for name in ["empty.txt", "blank.jsonl"] {
        let err = error_for(&run, name);
        assert_eq!(err["kind"], "empty_file", "{err}");
        assert_has_position(&err["location"]);
    }
}

/// `--strict` stops at the first input error of each damaged input above with exit code 3, and
/// the message names the file and the position.
///
#[test]
fn strict_stops_at_the_first_input_error() {
    type Write = fn(&Path) -> String;
    let cases: [(&str, Write); 8] = [
        ("photo.txt", |i| {
            write_nul_and_binary(i);
            "photo.txt (byte 0)".into()
        }),
        ("news.jsonl.gz", |i| {
            write_truncated_gzip(i);
            "(byte ".into()
        }),
        ("news.jsonl.zst", |i| {
            write_truncated_zstd(i);
            "(byte ".into()
        }),
        ("crawl.warc.gz", |i| {
            write_cut_warc_gz(i);
            "(byte ".into()
        }),
        ("crawl.warc", |i| {
            let (lying_at, _) = write_lying_warc(i);
            format!("crawl.warc (byte {lying_at})")
        }),
        ("cut.warc", |i| {
            let cut_at = write_short_warc(i);
            format!("cut.warc (byte {cut_at})")
        }),
        ("bad.jsonl", |i| {
            write_bad_jsonl(i);
            "bad.jsonl:2 ".into()
        }),
        ("empty.txt", |i| {
            fs::write(i.join("empty.txt"), b"").unwrap();
            "empty.txt (byte 0)".into()
        }),
    ];
    for (name, write) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in");
        fs::create_dir(&input).unwrap();
        let position = write(&input);
        // The damaged file alone: one task (see the test below for several).
        assert_strict_stops(
            &input.join(name),
            &tmp.path().join("strict"),
            name,
            &position,
        );
    }
}

/// With several input files (several tasks), the input error must still be what `--strict`
/// reports, never the "stopped" of a task that saw the stop flag.
#[test]
fn strict_with_several_files_reports_the_input_error() {
    let (tmp, input) = setup();
    for i in 0..4 {
        fs::write(
            input.join(format!("more-{i}.jsonl")),
            jsonl_doc(&format!("more-{i}"), &story(950 + i)) + "\n",
        )
        .unwrap();
    }
    let (lying_at, _) = write_lying_warc(&input);
    for round in 0..30 {
        let out = tmp.path().join(format!("strict-{round}"));
        assert_strict_stops(
            &input,
            &out,
            "crawl.warc",
            &format!("crawl.warc (byte {lying_at})"),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, input) = setup();
    let locked = input.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(
        locked.join("inside.jsonl"),
        jsonl_doc("inside-1", &story(801)) + "\n",
    )
    .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in CI containers) reads it anyway; then it is an ordinary folder.
    let blocked = fs::read_dir(&locked).is_err();

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let strict_out = tmp.path().join("strict");
    let strict = refine(&[&input], &strict_out, &["--stages", STAGES, "--strict"]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();

    if blocked {
        let err = error_for(&run, "locked");
        assert_eq!(err["kind"], "unreadable", "{err}");
        assert!(run.article("inside-1").is_none());
        assert_eq!(strict.code, EXIT_STRICT, "stderr:\n{}", strict.stderr);
        assert!(strict.stderr.contains("locked"), "{}", strict.stderr);
    } else {
        assert!(run.errors().is_empty(), "{:#?}", run.errors());
        assert!(
            run.article("inside-1").is_some(),
            "the folder is readable here, yet not read"
        );
        assert_eq!(strict.code, 0, "stderr:\n{}", strict.stderr);
        unreadable_folder_as_nobody();
    }
}

/// As root, permissions do not stop reads; where `setpriv` exists, run the binary as `nobody`
/// so that the unreadable-folder path is exercised anyway.
#[cfg(unix)]
fn unreadable_folder_as_nobody() {
    use std::os::unix::fs::PermissionsExt;
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(setpriv) = setpriv else {
        eprintln!("no setpriv: the unreadable-folder path is not exercised as root");
        return;
    };
    let as_nobody = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_newsmill"))
            .args(args)
            .output()
            .unwrap()
    };
    if !as_nobody(&["--version".as_ref()]).status.success() {
        eprintln!("the binary cannot run as nobody here; unreadable-folder path not exercised");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    write_good(&input);
    let locked = input.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(
        locked.join("inside.jsonl"),
        jsonl_doc("inside-1", &story(801)) + "\n",
    )
    .unwrap();
    for p in [
        &input,
        &input.join("good.jsonl"),
        &locked.join("inside.jsonl"),
    ] {
        let mode = if p.is_dir() { 0o755 } else { 0o644 };
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let out = tmp.path().join("out");
    let strict_out = tmp.path().join("strict");
    let refine_args = |out: &Path, strict: bool| {
        let mut v: Vec<std::ffi::OsString> =
            vec!["refine".into(), input.clone().into(), "-o".into()];
        v.push(out.into());
        v.extend(["--threads", "2", "-q", "--stages", STAGES].map(Into::into));
        if strict {
            v.push("--strict".into());
        }
        v
    };
    let args = refine_args(&out, false);
    let output = as_nobody(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    let args = refine_args(&strict_out, true);
    let strict = as_nobody(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();

    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        out,
    };
    run.assert_ok();
    assert_accounting(&run);
    let err = error_for(&run, "locked");
    assert_eq!(err["kind"], "unreadable", "{err}");
    assert!(run.article("good-1").is_some() && run.article("inside-1").is_none());
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert_eq!(strict.status.code(), Some(EXIT_STRICT), "stderr:\n{stderr}");
    assert!(stderr.contains("locked"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    let (tmp, input) = setup();
    let sub = input.join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(
        sub.join("deep.jsonl"),
        jsonl_doc("deep-1", &story(901)) + "\n",
    )
    .unwrap();
    // A link from inside the tree back to its top, and a link to itself.
    std::os::unix::fs::symlink(&input, sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(input.join("self"), input.join("self")).unwrap();

    let run = run_ok(&input, &tmp.path().join("out"), &[]);
    let err = error_for(&run, "loop");
    assert_eq!(err["kind"], "symlink_loop", "{err}");
    error_for(&run, "self");
    // Everything is read exactly once (assert_accounting checked no id repeats).
    assert!(run.article("deep-1").is_some());
    assert_eq!(run.report()["accounting"]["records_in"].as_u64(), Some(4));

    let strict = refine(
        &[&input],
        &tmp.path().join("strict"),
        &["--stages", STAGES, "--strict"],
    );
    assert_eq!(strict.code, EXIT_STRICT, "stderr:\n{}", strict.stderr);
    assert!(
        strict.stderr.contains("loop") || strict.stderr.contains("self"),
        "{}",
        strict.stderr
    );
}

#[test]
fn a_missing_or_remote_input_stops_the_run_before_it_starts() {
    let (tmp, input) = setup();
    let missing = tmp.path().join("no-such-file.jsonl");
    let remote = Path::new("s3://bucket/crawl.warc.gz");
    let run = refine(
        &[&input, &missing, remote],
        &tmp.path().join("out"),
        &["--stages", STAGES, "-q"],
    );
    assert_eq!(run.code, EXIT_FATAL, "stderr:\n{}", run.stderr);
    // Named on stderr even with -q, and nothing was written.
    assert!(run.stderr.contains("no-such-file.jsonl"), "{}", run.stderr);
    assert!(
        run.stderr.contains("s3://bucket/crawl.warc.gz"),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("out/report.json").exists());
}

#[test]
fn a_run_that_reads_nothing_is_no_success() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let run = refine(&[&input], &tmp.path().join("out"), &["-q"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert!(
        run.stderr.contains("read no input records"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_output_folder_that_holds_or_is_an_input_is_refused() {
    let (tmp, input) = setup();
    let inside = input.join("out");
    let run = refine(&[&input], &inside, &["-q"]);
    assert_eq!(run.code, EXIT_FATAL, "stderr:\n{}", run.stderr);
    assert!(!inside.exists(), "nothing is written");
    // An input inside the output folder: the output's old files are left alone.
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("articles.jsonl"), "keep me").unwrap();
    let run = refine(&[&out.join("articles.jsonl"), &input], &out, &["-q"]);
    assert_eq!(run.code, EXIT_FATAL, "stderr:\n{}", run.stderr);
    assert_eq!(
        fs::read_to_string(out.join("articles.jsonl")).unwrap(),
        "keep me"
    );
}

#[test]
fn per_document_size_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    let small = story(1001);
    assert!(small.len() < 1500);
    let big = (0..6)
        .map(|i| story(1010 + i))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(big.len() > 3000);
    fs::write(input.join("small.txt"), &small).unwrap();
    fs::write(input.join("big.txt"), &big).unwrap();
    let lines = [
        jsonl_doc("lim-small", &story(1002)),
        jsonl_doc("lim-big", &big.replace("Councillors", "Aldermen")),
        jsonl_doc("lim-small-2", &story(1003)),
    ];
    fs::write(input.join("docs.jsonl"), lines.join("\n") + "\n").unwrap();
    let config = tmp.path().join("run.toml");
    fs::write(&config, "[limits]\nmax_doc_bytes = 2000\n").unwrap();

    let run = refine(
        &[&input],
        &tmp.path().join("out"),
        &[
            "--config",
            config.to_str().unwrap(),
            "--stages",
            STAGES,
            "-q",
        ],
    );
    run.assert_ok();
    assert_accounting(&run);
    let too_large: Vec<Value> = run
        .rejects()
        .into_iter()
        .filter(|r| r["reason"] == "doc_too_large")
        .collect();
    assert_eq!(too_large.len(), 2, "{:#?}", run.rejects());
    // The over-limit line, named by its input id or, unparsed, by file and record.
    assert!(
        too_large.iter().any(|r| r["id"] == "lim-big"
            || (r["details"]["location"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("docs.jsonl"))
                && r["details"]["location"]["line"] == 2)),
        "{too_large:#?}"
    );
    assert!(
        too_large.iter().any(|r| r["details"]["location"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("big.txt"))),
        "{too_large:#?}"
    );
    for id in ["lim-small", "lim-small-2"] {
        assert!(run.article(id).is_some(), "{id} lost");
    }
    assert_eq!(run.articles().len(), 3, "small.txt, lim-small, lim-small-2");
}

#[test]
fn fatal_errors_exit_with_2() {
    let (tmp, input) = setup();
    let out = tmp.path().join("out");
    // Unknown stage.
    let run = refine(&[&input], &out, &["--stages", "normalize,no_such_stage"]);
    assert_eq!(run.code, EXIT_FATAL, "stderr:\n{}", run.stderr);
    assert!(run.stderr.contains("no_such_stage"), "{}", run.stderr);
    // A config that does not parse, and one with an unknown key.
    for (name, text) in [
        ("broken.toml", "[limits\n"),
        ("unknown.toml", "[limits]\nmax_doc_kb = 3\n"),
    ] {
        let config = tmp.path().join(name);
        fs::write(&config, text).unwrap();
        let run = refine(&[&input], &out, &["--config", config.to_str().unwrap()]);
        assert_eq!(run.code, EXIT_FATAL, "{name}: stderr:\n{}", run.stderr);
    }
    // An output folder that cannot be created (a file is in the way).
    let blocker = tmp.path().join("file");
    fs::write(&blocker, b"x").unwrap();
    let run = refine(&[&input], &blocker.join("out"), &["--stages", STAGES]);
    assert_eq!(run.code, EXIT_FATAL, "stderr:\n{}", run.stderr);
}

#[test]
fn reused_ids_are_warned_about_and_listed() {
    let (tmp, input) = setup();
    // A second file that reuses "good-2" for a different story.
    fs::write(
        input.join("more.jsonl"),
        jsonl_doc("good-2", &story(40)) + "\n",
    )
    .unwrap();
    // Not `run_ok`: its accounting helper rightly refuses an id seen twice in the outputs.
    let run = refine(
        &[&input],
        &tmp.path().join("out"),
        &["--stages", STAGES, "-q"],
    );
    run.assert_ok();
    let report = run.report();
    assert_eq!(report["accounting"]["ok"], true);
    assert_eq!(run.articles().len() + run.rejects().len(), 4);
    let dup = &report["duplicate_ids"];
    assert_eq!(dup["count"], 1, "{dup}");
    assert_eq!(dup["first"][0]["id"], "good-2");
    assert!(dup["first"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("more.jsonl"));
    // -q silences the warning; without it the run says so.
    let loud = refine(&[&input], &tmp.path().join("loud"), &["--stages", STAGES]);
    loud.assert_ok();
    assert!(
        loud.stderr.contains("reuse an id") && loud.stderr.contains("good-2"),
        "{}",
        loud.stderr
    );
}
