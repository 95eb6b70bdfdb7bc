//! `newsmill quotes`: JSONL documents in, one line of attributed quotations per document out.

use crate::exit::{check_inputs, Exit, Outcome};
use anyhow::Context;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

/// Arguments of `newsmill quotes`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  newsmill quotes out/articles.jsonl            # every attribution, direct and reported
  newsmill quotes --quoted docs.jsonl           # only the quoted words, each with its speaker
  echo '{\"id\":\"1\",\"text\":\"\\\"Yes,\\\" said Ann Lee.\"}' | newsmill quotes -

Exit codes: 0 ok, 1 some line was not a JSON object with a text, 2 bad arguments or the input
missing (nothing run).")]
pub struct Args {
    /// JSONL with `text` and `id` or `doc_id`; `-` for stdin.
    pub input: PathBuf,
    /// Print only the quoted words (direct quotations and the quoted parts of mixed ones), each
    /// with its speaker, instead of every attribution (indirect speech included).
    #[arg(long)]
    pub quoted: bool,
}

/// One output line, serialized straight from the attribution (no intermediate JSON tree: a
/// document with a quarter of a million quotations must not need gigabytes).
#[derive(serde::Serialize)]
struct QuotesLine<'a, Q: serde::Serialize, P: serde::Serialize, S: serde::Serialize> {
    doc_id: &'a str,
    quotes: &'a Q,
    people: &'a P,
    source: &'a S,
}

/// Runs the command; returns the process exit code. Writes `{"doc_id", "quotes"}` per input line
/// (the format `quote_eval.py` reads); a line that is not a JSON object with a text is reported on
/// stderr with its line number and skipped, and the exit code is then 1.
pub fn run(args: Args) -> Outcome {
    check_inputs([args.input.as_path()])?;
    let reader: Box<dyn Read> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(&args.input)
                .with_context(|| format!("cannot open {}", args.input.display()))?,
        )
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0u64;
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}:{}: read error", args.input.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{}:{}: invalid_json: {e}", args.input.display(), n + 1);
                bad += 1;
                continue;
            }
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            eprintln!(
                "{}:{}: no_text: record has no string `text`",
                args.input.display(),
                n + 1
            );
            bad += 1;
            continue;
        };
        let id = v
            .get("doc_id")
            .or_else(|| v.get("id"))
            .map(|x| match x {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_else(|| format!("{}:{}", args.input.display(), n + 1));
        let a = newsmill_attrib::attribute(text);
        let quotes = if args.quoted {
            &a.quotations
        } else {
            &a.quotes
        };
        let rec = QuotesLine {
            doc_id: &id,
            quotes,
            people: &a.people,
            source: &a.source,
        };
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if bad > 0 { Exit::Incomplete } else { Exit::Ok })
}
