//! Helpers shared by the CLI integration tests: run the real `newsmill` binary, read its outputs,
//! and check the accounting invariant on them.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Exit code of a `--strict` stop.
pub const EXIT_STRICT: i32 = 3;
/// Exit code of a failed accounting check.
pub const EXIT_ACCOUNTING: i32 = 4;
/// Exit code of a fatal error.
pub const EXIT_FATAL: i32 = 2;

/// The binary under test.
pub fn newsmill() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsmill"));
    c.env_remove("RUST_LOG");
    c
}

/// What one `newsmill refine` run left behind.
pub struct Run {
    pub code: i32,
    pub stderr: String,
    pub out: PathBuf,
}

impl Run {
    /// `report.json`, parsed (panics with stderr when missing).
    pub fn report(&self) -> Value {
        let path = self.out.join("report.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}\nstderr:\n{}", path.display(), self.stderr));
        serde_json::from_str(&text).expect("report.json is JSON")
    }

    /// Lines of `articles.jsonl`.
    pub fn articles(&self) -> Vec<Value> {
        read_jsonl(&self.out.join("articles.jsonl"))
    }

    /// Lines of `rejects.jsonl`.
    pub fn rejects(&self) -> Vec<Value> {
        read_jsonl(&self.out.join("rejects.jsonl"))
    }

    /// The article with this id, if any.
    pub fn article(&self, id: &str) -> Option<Value> {
        self.articles().into_iter().find(|a| a["id"] == id)
    }

    /// The reject with this id, if any.
    pub fn reject(&self, id: &str) -> Option<Value> {
        self.rejects().into_iter().find(|a| a["id"] == id)
    }

    /// The input errors listed in the report.
    pub fn errors(&self) -> Vec<Value> {
        self.report()["errors"]["first"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Asserts a normal exit (0), with stderr in the message otherwise.
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "refine failed; stderr:\n{}", self.stderr);
        self
    }
}

/// Runs `newsmill refine INPUTS -o OUT ARGS...` with two threads, quietly.
pub fn refine(inputs: &[&Path], out: &Path, args: &[&str]) -> Run {
    let output = refine_output(inputs, out, args);
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        out: out.to_path_buf(),
    }
}

fn refine_output(inputs: &[&Path], out: &Path, args: &[&str]) -> Output {
    let mut c = newsmill();
    c.arg("refine");
    c.args(inputs);
    c.arg("-o").arg(out).args(["--threads", "2"]).args(args);
    c.output().expect("running newsmill")
}

/// The largest peak resident set size, in MB, of the child processes this test process has
/// waited for (Linux reports `ru_maxrss` in KiB). Under `cargo nextest` every test is its own
/// process, so this is the peak of this test's own `newsmill` runs.
pub fn peak_child_rss_mb() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage failed");
    usage.ru_maxrss as f64 / 1024.0
}

/// Reads a JSONL file into values (an empty list when the file is missing).
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}: bad line {l:?}: {e}", path.display()))
        })
        .collect()
}

/// The `id` of each record.
pub fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| match &r["id"] {
            Value::String(s) => s.clone(),
            other => panic!("record without a string id: {other}"),
        })
        .collect()
}

/// Checks the run's accounting from the outside: the report says it holds, its counts match the
/// output files, and no id appears twice across articles and rejects. Returns how often each id
/// was seen (always 1).
pub fn assert_accounting(run: &Run) -> BTreeMap<String, usize> {
    let report = run.report();
    let acc = &report["accounting"];
    let articles = run.articles();
    let rejects = run.rejects();
    assert_eq!(
        acc["ok"], true,
        "accounting not ok: {acc}\nstderr:\n{}",
        run.stderr
    );
    assert_eq!(
        acc["articles"].as_u64(),
        Some(articles.len() as u64),
        "{acc}"
    );
    assert_eq!(acc["rejects"].as_u64(), Some(rejects.len() as u64), "{acc}");
    assert_eq!(
        acc["records_in"].as_u64(),
        Some((articles.len() + rejects.len()) as u64),
        "{acc}"
    );
    let mut seen = BTreeMap::new();
    for id in ids(&articles).into_iter().chain(ids(&rejects)) {
        *seen.entry(id).or_insert(0usize) += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "ids in the outputs more than once: {twice:?}"
    );
    seen
}

/// Words for the filler sentences of [`story`].
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as",
    "by", "at", "from", "they", "this", "have", "but", "not", "their", "which", "new", "plan",
    "council", "river", "market", "school", "workers", "bridge", "budget", "residents", "station",
    "company", "minister", "report", "police", "hospital", "farmers", "prices", "weather", "court",
    "museum", "festival", "train", "harbour", "street", "village", "teachers", "students",
    "families", "season", "summer", "winter", "morning", "evening", "weeks", "months", "years",
    "million", "percent", "local", "national", "regional", "public", "private", "early", "late",
    "quickly", "slowly", "again", "still", "already", "never", "often", "agreed", "opened",
    "closed", "warned", "promised", "rejected", "approved", "delayed", "built", "moved", "raised",
    "cut", "found", "asked", "expected", "planned", "visited", "reported",
];

/// A news-like document, different for every `n`: a lede, a quotation with a named speaker and
/// "she added", and filler sentences drawn from a word list so that documents are not near
/// duplicates of one another.
pub fn story(n: usize) -> String {
    const PLACES: [&str; 6] = [
        "Portvale",
        "Greyford",
        "Kestrel Bay",
        "Riverbend",
        "Marlow",
        "Lindholm",
    ];
    let mut x = (n as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut sentence = |words: usize| {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[(next() % WORDS.len() as u64) as usize];
            if i == 0 {
                s.push_str(&w[..1].to_uppercase());
                s.push_str(&w[1..]);
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    };
    let place = PLACES[n % PLACES.len()];
    format!(
        "Councillors in {place} voted on Tuesday to spend {m} million crowns on item {n}. {f1} {f2}\n\
         \"This is money the town has waited {y} years for,\" said council leader Anna Berg. She \
         added that work would begin in the spring. {f3}\n\
         {f4} {f5} {f6}",
        m = 3 + n % 40,
        y = 2 + n % 9,
        f1 = sentence(12),
        f2 = sentence(14),
        f3 = sentence(11),
        f4 = sentence(13),
        f5 = sentence(15),
        f6 = sentence(10),
    )
}

/// A JSONL line for a document.
pub fn jsonl_doc(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "url": format!("https://news.example/{id}"), "text": text })
        .to_string()
}

/// CRC-32 (IEEE), for the hand-made gzip members.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One gzip member holding `data` in stored (uncompressed) deflate blocks of at most `block`
/// bytes: valid gzip that any decoder reads, where a cut at byte N loses only what follows it.
pub fn gzip_stored(data: &[u8], block: usize) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(block.clamp(1, 65535)).collect()
    };
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = c.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Path of the repository root (for `samples/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One zstd frame holding `data` in raw (uncompressed) blocks of 4 KiB: valid zstd that any
/// decoder reads, where a cut at byte N loses only what follows it.
pub fn zstd_raw(data: &[u8]) -> Vec<u8> {
    // Magic, frame header descriptor (no content size, no checksum, not single-segment), window
    // descriptor (2^(10+7) = 128 KiB).
    let mut out = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(4096).collect()
    };
    for (i, c) in chunks.iter().enumerate() {
        let last = u32::from(i + 1 == chunks.len());
        let header = last | ((c.len() as u32) << 3); // block type 0: raw
        out.extend_from_slice(&header.to_le_bytes()[..3]);
        out.extend_from_slice(c);
    }
    out
}
