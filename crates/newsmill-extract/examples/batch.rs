//! Batch runner for evaluation and benchmarks: extracts every page of an evaluation data set
//! (`<dir>/html/<id>.html.gz`) in one process and writes `{id: text}` JSON for
//! `extract_eval.py --predictions`, reporting CPU time of extraction alone (decompression and I/O
//! excluded) so that pages/s per core compares with the scorer's numbers.
//!
//! Usage: `cargo run --release -p newsmill-extract --example batch -- DATASET_DIR OUT.json [REPEAT]`

use std::io::Read;

fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15: utime, stime in clock ticks (100 Hz on Linux).
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ut: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    let st: f64 = f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    (ut + st) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: batch DATASET_DIR OUT.json [REPEAT]");
        std::process::exit(2);
    }
    let dir = std::path::Path::new(&args[1]);
    let repeat: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1);
    let gt_path = dir.join("ground-truth.json");
    let gt_raw = std::fs::read(&gt_path)
        .or_else(|_| std::fs::read(dir.join("ground-truth.json.gz")))
        .expect("ground truth");
    let gt_raw = newsmill_io::decompress_bytes(gt_raw, usize::MAX).expect("gunzip ground truth");
    let gt: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&gt_raw).expect("ground truth json");
    let mut pages = Vec::new();
    for (id, rec) in &gt {
        let mut f =
            std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).expect("page");
        let mut b = Vec::new();
        f.read_to_end(&mut b).expect("read");
        let b = newsmill_io::decompress_bytes(b, usize::MAX).expect("gunzip page");
        let url = rec.get("url").and_then(|u| u.as_str()).map(str::to_string);
        pages.push((id.clone(), b, url));
    }
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    // Threshold experiments without rebuilding: NM_MIN_PAR, NM_MAX_LD.
    let mut cfg = newsmill_extract::ExtractConfig::default();
    if let Some(v) = std::env::var("NM_MIN_PAR")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.min_paragraph_chars = v;
    }
    if let Some(v) = std::env::var("NM_MAX_LD").ok().and_then(|v| v.parse().ok()) {
        cfg.max_link_density = v;
    }
    let mut out = serde_json::Map::new();
    let c0 = cpu_seconds();
    let w0 = std::time::Instant::now();
    for _ in 0..repeat {
        for (id, b, url) in &pages {
            let x = newsmill_extract::extract_with(b, None, url.as_deref(), &cfg);
            out.insert(id.clone(), serde_json::Value::String(x.text));
        }
    }
    let cpu = cpu_seconds() - c0;
    let wall = w0.elapsed().as_secs_f64();
    let n = (pages.len() * repeat) as f64;
    std::fs::write(&args[2], serde_json::to_vec(&out).expect("json")).expect("write");
    eprintln!(
        "pages={} cpu_s={cpu:.3} wall_s={wall:.3} pages_per_cpu_s={:.1} pages_per_wall_s={:.1} MB_per_cpu_s={:.1}",
        n, n / cpu.max(1e-9), n / wall, bytes as f64 * repeat as f64 / 1e6 / cpu.max(1e-9)
    );
}
