//! Development driver: dedups a JSONL file (`id`, `text`, optional `url`, `site`, `date`,
//! `source`) and prints `id<TAB>cluster` for `score_dedup.py`, plus the report on stderr.
//!
//! `cargo run --release -p newsmill-dedup --example dedup_dev -- IN.jsonl [--shards N]
//!  [--threads N] [--work DIR] [--config dedup.toml] [--out PRED.tsv] [--dump CLEANED.jsonl]`

use anyhow::{Context, Result};
use newsmill_core::{Doc, Position};
use newsmill_dedup::{run_dedup, DedupConfig, MemorySource, ShardDecisions};
use std::io::{BufRead, BufReader, Write};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut input = None;
    let (mut shards, mut threads) = (4usize, 2usize);
    let mut work = std::env::temp_dir().join(format!("newsmill-dedup-dev-{}", std::process::id()));
    let mut config = DedupConfig::default();
    let mut out: Option<String> = None;
    let mut dump: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let val = || args.get(i + 1).cloned().context("missing value");
        match args[i].as_str() {
            "--shards" => shards = val()?.parse()?,
            "--threads" => threads = val()?.parse()?,
            "--work" => work = val()?.into(),
            "--config" => config = toml::from_str(&std::fs::read_to_string(val()?)?)?,
            "--out" => out = Some(val()?),
            "--dump" => dump = Some(val()?),
            a => {
                input = Some(a.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let input = input.context("usage: dedup_dev IN.jsonl [options]")?;
    let t0 = std::time::Instant::now();
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    let f = std::fs::File::open(&input).with_context(|| input.clone())?;
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("line {}", n + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let mut d = Doc::new(
            s("id").unwrap_or_else(|| n.to_string()),
            s("text").unwrap_or_default(),
        );
        bytes += d.text.len() as u64;
        d.pos = Position {
            file: 0,
            record: n as u64,
        };
        d.url = s("url");
        d.site = s("site");
        d.date = s("date");
        d.source = s("source");
        docs.push(d);
    }
    let load = t0.elapsed().as_secs_f64();
    let source = MemorySource::split(docs, shards);
    let _ = std::fs::remove_dir_all(&work);
    let t1 = std::time::Instant::now();
    let report = run_dedup(&source, &work, &config, threads)?;
    let secs = t1.elapsed().as_secs_f64();
    let mut w: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    writeln!(w, "id\tcluster")?;
    let mut dump_w = match &dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    for (s, shard) in source.shards().iter().enumerate() {
        let mut dec = ShardDecisions::open(&work, s)?;
        for d in shard {
            let mut d = d.clone();
            let outcome = dec.apply(&mut d)?;
            if let Some(dw) = dump_w.as_mut() {
                let mut v = serde_json::to_value(&d)?;
                if let newsmill_core::Outcome::Drop(r) = outcome {
                    v["rejection"] = serde_json::to_value(&r)?;
                }
                serde_json::to_writer(&mut *dw, &v)?;
                writeln!(dw)?;
            }
            let c = d.cluster.context("no cluster")?;
            writeln!(w, "{}\t{}", d.id, c.id)?;
        }
    }
    w.flush()?;
    eprintln!("{}", serde_json::to_string_pretty(&report)?);
    eprintln!(
        "load {load:.2}s dedup {secs:.2}s {:.1} MB/s wall ({} bytes)",
        bytes as f64 / 1e6 / secs,
        bytes
    );
    std::fs::remove_dir_all(&work).ok();
    Ok(())
}
