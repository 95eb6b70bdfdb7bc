//! Runs the four text stages (default settings) over a JSONL file of `{"id", "text"}` records and
//! reports drops by reason, removed lines by reason and per-stage throughput. Used to check that
//! defaults reject no document of the dedup dev set, to score the clean stage on the scrapinghub
//! plain-text task, and as the release-mode micro benchmark.
//!
//! ```text
//! cargo run --release -p newsmill-text --example text_stages -- IN.jsonl \
//!     [--predictions OUT.json] [--repeat N] [--stages normalize,clean] [--clean-json '{...}'] [--show-drops]
//!     [--show-removed REASON]
//! ```

use newsmill_core::Stage;
use newsmill_core::{Counters, Doc, Outcome};
use newsmill_text::{default_stages, CleanConfig, CleanStage};
use std::collections::BTreeMap;

/// CPU time of this thread in seconds: the machine is shared, so wall time would measure the
/// neighbours' load rather than the stage.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .ok_or("usage: text_stages IN.jsonl [--predictions OUT.json] [--repeat N]")?;
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let repeat: usize = opt("--repeat").map_or(Ok(1), |s| s.parse())?;
    let show_drops = args.iter().any(|a| a == "--show-drops");
    let show_removed = opt("--show-removed");
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(input)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().unwrap_or_default().to_string();
        docs.push(Doc::new(id, text));
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let only: Option<Vec<String>> =
        opt("--stages").map(|s| s.split(',').map(String::from).collect());
    let clean_cfg: Option<CleanConfig> = opt("--clean-json")
        .map(|j| serde_json::from_str(&j))
        .transpose()?;
    let stages: Vec<Box<dyn Stage>> = default_stages()
        .into_iter()
        .map(|s| match (&clean_cfg, s.name()) {
            (Some(c), "clean") => Box::new(CleanStage::new(c.clone())) as Box<dyn Stage>,
            _ => s,
        })
        .filter(|s| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|n| n == s.name()))
        })
        .collect();
    let mut secs = vec![0.0f64; stages.len()];
    let mut stage_bytes = vec![0usize; stages.len()];
    let mut drops: BTreeMap<String, usize> = BTreeMap::new();
    let mut removed: BTreeMap<String, usize> = BTreeMap::new();
    let mut preds = serde_json::Map::new();
    let mut counters = Counters::default();
    for round in 0..repeat {
        for doc0 in &docs {
            let mut doc = doc0.clone();
            let mut dropped = None;
            for (k, st) in stages.iter().enumerate() {
                stage_bytes[k] += doc.text.len();
                let t = thread_cpu();
                let out = st.process(&mut doc, &mut counters);
                secs[k] += thread_cpu() - t;
                if let Outcome::Drop(r) = out {
                    dropped = Some(r);
                    break;
                }
            }
            if round > 0 {
                continue;
            }
            for r in &doc.removed {
                *removed.entry(r.reason.clone()).or_default() += 1;
                if show_removed.as_deref() == Some(r.reason.as_str()) {
                    println!("REMOVED {} [{}] {}", doc.id, r.reason, r.text);
                }
            }
            match dropped {
                Some(r) => {
                    *drops.entry(r.reason.clone()).or_default() += 1;
                    if show_drops {
                        println!(
                            "DROP {} {} {:?}\n{}\n---",
                            doc.id, r.reason, r.details, doc.text
                        );
                    }
                    preds.insert(doc.id.clone(), serde_json::Value::String(String::new()));
                }
                None => {
                    preds.insert(doc.id.clone(), serde_json::Value::String(doc.text.clone()));
                }
            }
        }
    }
    println!("docs {} ({} bytes), repeat {}", docs.len(), bytes, repeat);
    println!("dropped: {drops:?}");
    println!("removed lines by reason: {removed:?}");
    for (k, st) in stages.iter().enumerate() {
        println!(
            "stage {:<10} {:>8.1} MB/s (input bytes seen by the stage / thread CPU time in the stage)",
            st.name(),
            stage_bytes[k] as f64 / 1e6 / secs[k].max(1e-12)
        );
    }
    let total: f64 = secs.iter().sum();
    println!(
        "all four       {:>8.1} MB/s of original input",
        (bytes * repeat) as f64 / 1e6 / total.max(1e-12)
    );
    println!("counters: {:?}", counters.iter().collect::<Vec<_>>());
    if let Some(p) = opt("--predictions") {
        std::fs::write(p, serde_json::to_string(&preds)?)?;
    }
    Ok(())
}
