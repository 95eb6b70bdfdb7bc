//! Development and benchmark driver: dedups a JSONL file (`id`, `text`, optional `url`, `site`,
//! `date`, `source`) streamed from disk in byte-range shards (never all in memory, like the
//! runner's shard files), writes `id<TAB>cluster` for `score_dedup.py`, and prints the report and
//! throughput on stderr.
//!
//! IN may also be a directory of `part-*.jsonl[.zst]` files (as `gen_corpus --parts` writes), one
//! shard per part.
//!
//! `cargo run --release -p newsmill-dedup --example dedup_dev -- IN.jsonl [--shards N]
//!  [--threads N] [--work DIR] [--config dedup.toml] [--out PRED.tsv] [--dump CLEANED.jsonl] [--keep]`
//!
//! `--keep` leaves the work directory in place (to inspect the phases' files).

use anyhow::{Context, Result};
use newsmill_core::{Doc, Outcome, Position, ShardSource, WorkDir};
use newsmill_dedup::{run_dedup, Decision, DedupConfig, ShardDecisions};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

/// A JSONL file split into `n` byte ranges that start at line starts.
struct JsonlSource {
    path: PathBuf,
    bounds: Vec<u64>,
}

impl JsonlSource {
    fn new(path: PathBuf, n: usize) -> Result<Self> {
        let len = std::fs::metadata(&path)?.len();
        let mut f = File::open(&path)?;
        let mut bounds = vec![0u64];
        for i in 1..n.max(1) {
            let target = len * i as u64 / n as u64;
            let prev = *bounds.last().unwrap_or(&0);
            if target <= prev {
                bounds.push(prev);
                continue;
            }
            f.seek(SeekFrom::Start(target - 1))?;
            let mut r = BufReader::new(&mut f);
            let mut skip = Vec::new();
            let k = r.read_until(b'\n', &mut skip)?;
            bounds.push((target - 1 + k as u64).min(len));
        }
        bounds.push(len);
        Ok(JsonlSource { path, bounds })
    }
}

/// The fields dedup reads; the others (`cluster`, `kind`, ...) are skipped by the parser without
/// being built, which is most of the saving over parsing into a `serde_json::Value`.
#[derive(serde::Deserialize)]
struct Record {
    id: Option<String>,
    #[serde(default)]
    text: String,
    url: Option<String>,
    site: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

fn parse(line: &[u8], shard: usize, ord: u64) -> newsmill_core::Result<Doc> {
    let r: Record = serde_json::from_slice(line)?;
    let mut d = Doc::new(r.id.unwrap_or_else(|| format!("{shard}-{ord}")), r.text);
    d.pos = Position {
        file: shard as u32,
        record: ord,
    };
    d.url = r.url;
    d.site = r.site;
    d.date = r.date;
    d.source = r.source;
    Ok(d)
}

/// Non-blank lines of a byte range, read into one reused buffer (no `String` per line).
struct JsonLines<R> {
    r: R,
    buf: Vec<u8>,
    shard: usize,
    ord: u64,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = newsmill_core::Result<Doc>;
    fn next(&mut self) -> Option<newsmill_core::Result<Doc>> {
        loop {
            self.buf.clear();
            match self.r.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e.into())),
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let d = parse(&self.buf, self.shard, self.ord);
            self.ord += 1;
            return Some(d);
        }
    }
}

type DocIter<'a> = Box<dyn Iterator<Item = newsmill_core::Result<Doc>> + Send + 'a>;

/// A directory of JSONL parts (`*.jsonl`, or zstd-compressed `*.jsonl.zst`, sniffed by content),
/// one shard per part: how the 10-million-document corpus is stored.
struct DirSource {
    files: Vec<PathBuf>,
}

impl DirSource {
    fn new(dir: &std::path::Path) -> Result<Self> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.starts_with("part-") && (name.ends_with(".jsonl") || name.ends_with(".zst"))
            })
            .collect();
        files.sort();
        anyhow::ensure!(!files.is_empty(), "no part-* files in {}", dir.display());
        Ok(DirSource { files })
    }
}

impl ShardSource for DirSource {
    fn shard_count(&self) -> usize {
        self.files.len()
    }
    fn open(&self, shard: usize) -> newsmill_core::Result<DocIter<'_>> {
        let path = &self.files[shard];
        let mut f = BufReader::with_capacity(1 << 20, File::open(path)?);
        let zstd = f.fill_buf()?.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
        let r: Box<dyn BufRead + Send> = if zstd {
            Box::new(BufReader::with_capacity(
                1 << 20,
                zstd::Decoder::with_buffer(f)?,
            ))
        } else {
            Box::new(f)
        };
        Ok(Box::new(JsonLines {
            r,
            buf: Vec::new(),
            shard,
            ord: 0,
        }))
    }
}

impl ShardSource for JsonlSource {
    fn shard_count(&self) -> usize {
        self.bounds.len() - 1
    }
    fn open(&self, shard: usize) -> newsmill_core::Result<DocIter<'_>> {
        let (start, end) = (self.bounds[shard], self.bounds[shard + 1]);
        let mut f = File::open(&self.path)?;
        f.seek(SeekFrom::Start(start))?;
        Ok(Box::new(JsonLines {
            r: BufReader::with_capacity(1 << 20, f.take(end - start)),
            buf: Vec::new(),
            shard,
            ord: 0,
        }))
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut input = None;
    let (mut shards, mut threads) = (4usize, 2usize);
    let mut work = std::env::temp_dir().join(format!("newsmill-dedup-dev-{}", std::process::id()));
    let mut config = DedupConfig::default();
    let mut out: Option<String> = None;
    let mut dump: Option<String> = None;
    let mut keep = false;
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
            "--keep" => {
                keep = true;
                i += 1;
                continue;
            }
            a => {
                input = Some(a.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let input = input.context("usage: dedup_dev IN.jsonl [options]")?;
    let input = PathBuf::from(input);
    let source: Box<dyn ShardSource> = if input.is_dir() {
        Box::new(DirSource::new(&input)?)
    } else {
        Box::new(JsonlSource::new(input, shards)?)
    };
    let source = source.as_ref();
    let _ = std::fs::remove_dir_all(&work);
    let t1 = std::time::Instant::now();
    let report = run_dedup(source, &WorkDir::new(&work), &config, threads)?;
    let dedup_dir = WorkDir::new(&work).step("dedup");
    let secs = t1.elapsed().as_secs_f64();
    let mut w: Box<dyn Write> = match &out {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(std::io::stdout())),
    };
    writeln!(w, "id\tcluster")?;
    let mut dump_w = match &dump {
        Some(p) => Some(BufWriter::new(File::create(p)?)),
        None => None,
    };
    let t2 = std::time::Instant::now();
    let mut bytes = 0u64;
    let dumping = dump_w.is_some();
    if !dumping {
        // Clusters straight from the decision files: no need to re-read the corpus for them.
        for s in 0..source.shard_count() {
            let f = File::open(dedup_dir.join("decisions").join(format!("s{s:05}.jsonl")))?;
            for line in BufReader::new(f).lines() {
                let d: Decision = serde_json::from_str(&line?)?;
                writeln!(w, "{}\t{}", d.id, d.cluster)?;
            }
        }
    }
    for s in (0..source.shard_count()).filter(|_| dumping) {
        let mut dec = ShardDecisions::open(&dedup_dir, s)?;
        for d in source.open(s)? {
            let mut d = d?;
            bytes += d.text.len() as u64;
            let outcome = dec.apply(&mut d)?;
            let c = d.cluster.as_ref().context("no cluster")?;
            writeln!(w, "{}\t{}", d.id, c.id)?;
            if let Some(dw) = dump_w.as_mut() {
                let mut v = serde_json::to_value(&d)?;
                if let Outcome::Drop(r) = outcome {
                    v["rejection"] = serde_json::to_value(&r)?;
                }
                serde_json::to_writer(&mut *dw, &v)?;
                writeln!(dw)?;
            }
        }
    }
    w.flush()?;
    if let Some(mut dw) = dump_w {
        dw.flush()?;
    }
    let apply = t2.elapsed().as_secs_f64();
    eprintln!("{}", serde_json::to_string_pretty(&report)?);
    eprintln!(
        "{{\"dumped_text_bytes\": {bytes}, \"docs\": {}, \"dedup_wall_s\": {secs:.3}, \"output_wall_s\": {apply:.3}}}",
        report.docs
    );
    if !keep {
        std::fs::remove_dir_all(&work).ok();
    }
    Ok(())
}
