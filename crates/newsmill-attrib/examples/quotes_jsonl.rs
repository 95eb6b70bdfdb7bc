//! Attributes every document of a JSONL file (`text` and `doc_id`/`id`) and prints one
//! `{"doc_id", "quotes"}` line per document plus a `_meta` line with the elapsed time, the
//! format `quote_eval.py` reads. Used by `bench/quotes/run.sh`; the `newsmill quotes` command
//! does the same inside the main binary. `--quoted` prints the quoted-words view
//! (`Attribution::quotations`) instead of every attribution.

use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quoted = args.iter().any(|a| a == "--quoted");
    let path = args
        .iter()
        .find(|a| *a != "--quoted")
        .cloned()
        .unwrap_or_else(|| "-".into());
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        match std::fs::File::open(&path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("cannot open {path}: {e}");
                std::process::exit(2);
            }
        }
    };
    let mut docs = Vec::new();
    for line in reader.lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v
            .get("doc_id")
            .or_else(|| v.get("id"))
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        let text = v
            .get("text")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        docs.push((id, text));
    }
    let t0 = Instant::now();
    let results: Vec<_> = docs
        .iter()
        .map(|(_, t)| newsmill_attrib::attribute(t))
        .collect();
    let elapsed = t0.elapsed().as_secs_f64();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for ((id, _), a) in docs.iter().zip(&results) {
        let quotes = if quoted { &a.quotations } else { &a.quotes };
        let rec = serde_json::json!({"doc_id": id, "quotes": quotes, "people": a.people});
        let _ = writeln!(out, "{rec}");
    }
    let meta = serde_json::json!({"_meta": {"system": "newsmill-attrib (rules)", "elapsed_s": elapsed, "docs": docs.len()}});
    let _ = writeln!(out, "{meta}");
}
