//! Reader throughput on generated input (no crawl data).
//!
//! ```text
//! cargo run --release -p newsmill-io --example read_bench -- gen-jsonl /tmp/b.jsonl.gz 200
//! cargo run --release -p newsmill-io --example read_bench -- read /tmp/b.jsonl.gz
//! cargo run --release -p newsmill-io --example read_bench -- decompress /tmp/b.jsonl.gz
//! ```
//! `gen-jsonl PATH MB` writes about MB megabytes of uncompressed JSONL (news-like generated
//! text, ~3 KB a doc), gzip or zstd by the extension (`.gz`, `.zst`); `gen-warc` writes WARC
//! (one gzip member per record for `.gz`). `read` times `open_input` over the file;
//! `decompress` times decompression alone, for comparison; `shard IN OUT` times the doc shard
//! writer and reader on the docs of IN.

use newsmill_io::{open_input, InputFile, ReadEvent, ReadOptions};
use std::io::{Read, Write};
use std::time::Instant;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "tuesday",
    "that",
    "government",
    "would",
    "review",
    "plans",
    "for",
    "new",
    "housing",
    "in",
    "city",
    "council",
    "members",
    "voted",
    "against",
    "proposal",
    "after",
    "months",
    "of",
    "debate",
    "residents",
    "told",
    "reporters",
    "they",
    "were",
    "worried",
    "about",
    "rising",
    "costs",
    "and",
    "traffic",
    "officials",
    "expect",
    "decision",
    "by",
    "end",
    "year",
    "spokesman",
    "declined",
    "to",
    "comment",
    "further",
    "police",
    "investigation",
    "is",
    "ongoing",
    "according",
    "statement",
    "company",
    "shares",
    "fell",
    "percent",
    "market",
];

/// A deterministic pseudo-random generator (xorshift), so runs write identical files.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn word(&mut self) -> &'static str {
        WORDS[(self.next() % WORDS.len() as u64) as usize]
    }
}

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.word());
        if rng.next() % 12 == 0 {
            s.push('.');
        }
    }
    s.push('.');
    s
}

fn writer(path: &str) -> Box<dyn Write> {
    let f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    if path.ends_with(".gz") {
        Box::new(flate2::write::GzEncoder::new(
            f,
            flate2::Compression::default(),
        ))
    } else if path.ends_with(".zst") {
        Box::new(zstd::Encoder::new(f, 3).unwrap().auto_finish())
    } else {
        Box::new(f)
    }
}

fn gen_jsonl(path: &str, mb: u64) {
    let mut out = writer(path);
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut written = 0u64;
    let mut i = 0u64;
    while written < mb << 20 {
        let text: Vec<String> = (0..6).map(|_| paragraph(&mut rng, 80)).collect();
        let rec = serde_json::json!({
            "id": format!("doc-{i}"),
            "url": format!("https://news{}.example/{}/{}", i % 50, i % 7, i),
            "date": "2024-03-01",
            "title": paragraph(&mut rng, 8),
            "lang": "en",
            "text": text.join("\n"),
        });
        let mut line = serde_json::to_vec(&rec).unwrap();
        line.push(b'\n');
        out.write_all(&line).unwrap();
        written += line.len() as u64;
        i += 1;
    }
    out.flush().unwrap();
    drop(out);
    eprintln!("wrote {i} docs, {} MB uncompressed", written >> 20);
}

fn gen_warc(path: &str, mb: u64) {
    let f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut f: Box<dyn Write> = Box::new(f);
    let gz = path.ends_with(".gz");
    let mut rng = Rng(0x2545f4914f6cdd1d);
    let (mut written, mut i) = (0u64, 0u64);
    while written < mb << 20 {
        let body: String = (0..6)
            .map(|_| format!("<p>{}</p>\n", paragraph(&mut rng, 80)))
            .collect();
        let html =
            format!("<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>");
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Target-URI: https://n.example/{i}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        if gz {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(rec.as_bytes()).unwrap();
            f.write_all(&e.finish().unwrap()).unwrap();
        } else {
            f.write_all(rec.as_bytes()).unwrap();
        }
        written += rec.len() as u64;
        i += 1;
    }
    f.flush().unwrap();
    eprintln!("wrote {i} records, {} MB uncompressed", written >> 20);
}

fn read(path: &str) {
    let start = Instant::now();
    let mut r = open_input(&InputFile::from_path(path), 0, &ReadOptions::default());
    let (mut docs, mut other, mut text_bytes) = (0u64, 0u64, 0u64);
    for ev in r.by_ref() {
        match ev {
            ReadEvent::Doc(d) => {
                docs += 1;
                text_bytes += (d.text.len() + d.html.map_or(0, |h| h.bytes.len())) as u64;
            }
            _ => other += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let s = r.stats().snapshot();
    let mb = |b: u64| b as f64 / (1u64 << 20) as f64;
    println!(
        "read {path}: {docs} docs ({other} other events), {:.1} MB stored, {:.1} MB decompressed, \
         {:.1} MB text/html in {secs:.2} s = {:.1} MB/s stored, {:.1} MB/s decompressed, {:.0} docs/s",
        mb(s.compressed_bytes),
        mb(s.decompressed_bytes),
        mb(text_bytes),
        mb(s.compressed_bytes) / secs,
        mb(s.decompressed_bytes) / secs,
        docs as f64 / secs
    );
}

fn decompress(path: &str) {
    let start = Instant::now();
    let f = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path).unwrap());
    let mut r: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::bufread::MultiGzDecoder::new(f))
    } else if path.ends_with(".zst") {
        Box::new(zstd::Decoder::with_buffer(f).unwrap())
    } else {
        Box::new(f)
    };
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "decompress {path}: {:.1} MB in {secs:.2} s = {:.1} MB/s decompressed",
        total as f64 / (1u64 << 20) as f64,
        total as f64 / (1u64 << 20) as f64 / secs
    );
}

/// Writes every doc of a JSONL input into a doc shard, then reads the shard back; times both.
fn shard(input: &str, out: &str) {
    let docs: Vec<newsmill_core::Doc> =
        open_input(&InputFile::from_path(input), 0, &ReadOptions::default())
            .filter_map(|e| match e {
                ReadEvent::Doc(d) => Some(d),
                _ => None,
            })
            .collect();
    let json_bytes: usize = docs
        .iter()
        .map(|d| serde_json::to_vec(d).unwrap().len() + 1)
        .sum();
    let mb = json_bytes as f64 / (1u64 << 20) as f64;
    let start = Instant::now();
    let mut w = newsmill_io::DocShardWriter::create(out).unwrap();
    for d in &docs {
        w.write(d).unwrap();
    }
    let n = w.finish().unwrap();
    let write_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut back = 0u64;
    for d in newsmill_io::read_doc_shard(out) {
        d.unwrap();
        back += 1;
    }
    let read_s = start.elapsed().as_secs_f64();
    let stored = std::fs::metadata(out).unwrap().len() as f64 / (1u64 << 20) as f64;
    println!(
        "shard {out}: {n} docs, {mb:.1} MB JSON, {stored:.1} MB zstd; write {write_s:.2} s = {:.1} MB/s, \
         read {back} docs {read_s:.2} s = {:.1} MB/s (JSON MB)",
        mb / write_s,
        mb / read_s
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["gen-jsonl", path, mb] => gen_jsonl(path, mb.parse().unwrap()),
        ["gen-warc", path, mb] => gen_warc(path, mb.parse().unwrap()),
        ["read", paths @ ..] => paths.iter().for_each(|p| read(p)),
        ["decompress", paths @ ..] => paths.iter().for_each(|p| decompress(p)),
        ["shard", input, out] => shard(input, out),
        _ => eprintln!(
            "usage: read_bench gen-jsonl|gen-warc PATH MB | read PATH.. | decompress PATH.."
        ),
    }
}
