//! Runs one existing Rust extractor over an evaluation set and writes `{id: text}` JSON for
//! `extract_eval.py --predictions`, with the CPU time of the extraction calls alone (pages are
//! decompressed and decoded before the clock starts, as the scorer does for the Python anchors).
//!
//! Usage: `extraction-rust-anchors dom_smoothie|trafilatura DATASET_DIR OUT.json`
//! Prints one JSON line to stdout: `{"extractor", "pages", "cpu_s", "errors"}`.

use std::io::Read;

/// CPU time of this process, in seconds, at nanosecond resolution (so that single calls can be
/// timed and the decompression between them left out).
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn gunzip(path: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    let file = std::fs::File::open(path).expect("open page");
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .expect("gunzip page");
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: extraction-rust-anchors dom_smoothie|trafilatura DATASET_DIR OUT.json");
        std::process::exit(2);
    }
    let (which, dir, out) = (&args[1], std::path::Path::new(&args[2]), &args[3]);
    let gt_path = dir.join("ground-truth.json");
    let gt: serde_json::Map<String, serde_json::Value> = if gt_path.exists() {
        serde_json::from_slice(&std::fs::read(&gt_path).expect("read ground truth"))
    } else {
        serde_json::from_slice(&gunzip(&dir.join("ground-truth.json.gz")))
    }
    .expect("parse ground truth");
    // One page in memory at a time: decompressed and decoded outside the timed call.
    let mut preds = serde_json::Map::new();
    let (mut errors, mut pages, mut cpu) = (0usize, 0usize, 0f64);
    for (id, rec) in &gt {
        let bytes = gunzip(&dir.join("html").join(format!("{id}.html.gz")));
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let url = rec.get("url").and_then(|u| u.as_str());
        let t0 = cpu_seconds();
        let text = match which.as_str() {
            "dom_smoothie" => dom_smoothie::Readability::new(html.as_str(), url, None)
                .and_then(|mut r| r.parse())
                .map(|a| a.text_content.to_string())
                .map_err(|e| e.to_string()),
            "trafilatura" => trafilatura::extract(&html, &trafilatura::Options::default())
                .map(|r| r.content_text)
                .map_err(|e| e.to_string()),
            other => {
                eprintln!("unknown extractor {other}");
                std::process::exit(2);
            }
        };
        cpu += cpu_seconds() - t0;
        pages += 1;
        let text = text.unwrap_or_else(|_| {
            errors += 1;
            String::new()
        });
        preds.insert(id.clone(), serde_json::Value::String(text));
    }
    std::fs::write(out, serde_json::to_vec(&preds).expect("json")).expect("write predictions");
    println!(
        "{}",
        serde_json::json!({"extractor": which, "pages": pages, "cpu_s": cpu, "errors": errors})
    );
}
