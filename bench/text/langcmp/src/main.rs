//! Compares whatlang, whichlang and lingua on (1) hand-written news sentences in 12 languages
//! (`samples.tsv`, also cut to their first 4 words), (2) English article text (a JSONL of
//! `{"id","text"}`, e.g. the cleaned dedup dev set, all English BBC stories), and measures each
//! detector's single-thread throughput on that JSONL (first `max_chars` characters of each doc).
//!
//! cargo run --release --target-dir ../../../target/langcmp -- samples.tsv DOCS.jsonl [max_chars]

use lingua::{Language, LanguageDetectorBuilder};

/// CPU time of this thread in seconds (the machine is shared; wall time measures the neighbours).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn iso1_whatlang(l: whatlang::Lang) -> String {
    let c = l.code();
    match c {
        "eng" => "en",
        "deu" => "de",
        "spa" => "es",
        "fra" => "fr",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "pol" => "pl",
        "swe" => "sv",
        "tur" => "tr",
        other => other,
    }
    .to_string()
}

fn iso1_whichlang(l: whichlang::Lang) -> String {
    l.three_letter_code()
        .chars()
        .take(3)
        .collect::<String>()
        .replace("eng", "en")
        .replace("deu", "de")
        .replace("spa", "es")
        .replace("fra", "fr")
        .replace("ita", "it")
        .replace("por", "pt")
        .replace("nld", "nl")
        .replace("rus", "ru")
        .replace("swe", "sv")
        .replace("tur", "tr")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let samples = std::fs::read_to_string(&args[0]).expect("samples");
    let docs: Vec<String> = std::fs::read_to_string(&args[1])
        .expect("docs")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    let max_chars: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let lingua = LanguageDetectorBuilder::from_all_languages().build();
    let lingua_code = |t: &str| -> String {
        lingua
            .detect_language_of(t)
            .map(|l: Language| l.iso_code_639_1().to_string())
            .unwrap_or_else(|| "und".into())
    };
    type Det<'a> = (&'a str, Box<dyn Fn(&str) -> String + 'a>);
    let dets: Vec<Det> = vec![
        (
            "whatlang",
            Box::new(|t: &str| {
                whatlang::detect(t).map_or("und".into(), |i| iso1_whatlang(i.lang()))
            }),
        ),
        (
            "whichlang",
            Box::new(|t: &str| iso1_whichlang(whichlang::detect_language(t))),
        ),
        ("lingua (12 langs)", Box::new(lingua_code)),
    ];
    let rows: Vec<(&str, &str)> = samples.lines().filter_map(|l| l.split_once('\t')).collect();
    println!("| detector | sentences acc (n={}) | first-4-words acc | English docs acc (n={}) | MB/s (thread CPU time, first {} chars) |", rows.len(), docs.len(), max_chars);
    println!("|---|---|---|---|---|");
    for (name, det) in &dets {
        let full = rows.iter().filter(|(c, t)| det(t) == *c).count();
        let short = rows
            .iter()
            .filter(|(c, t)| det(&t.split_whitespace().take(4).collect::<Vec<_>>().join(" ")) == *c)
            .count();
        let cut: Vec<&str> = docs
            .iter()
            .map(|d| &d[..d.char_indices().nth(max_chars).map_or(d.len(), |(i, _)| i)])
            .collect();
        let en = cut.iter().filter(|t| det(t) == "en").count();
        let bytes: usize = cut.iter().map(|t| t.len()).sum();
        let t0 = thread_cpu();
        let mut n = 0;
        for _ in 0..3 {
            for t in &cut {
                n += det(t).len();
            }
        }
        let secs = thread_cpu() - t0;
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.1} |{}",
            full as f64 / rows.len() as f64,
            short as f64 / rows.len() as f64,
            en as f64 / docs.len().max(1) as f64,
            (bytes * 3) as f64 / 1e6 / secs,
            if n == 0 { " (empty)" } else { "" }
        );
        let misses: Vec<String> = rows
            .iter()
            .filter_map(|(c, t)| {
                let d = det(t);
                (d != *c).then(|| format!("{c}->{d}"))
            })
            .collect();
        println!("|  misses: {} | | | | |", misses.join(" "));
    }
}
