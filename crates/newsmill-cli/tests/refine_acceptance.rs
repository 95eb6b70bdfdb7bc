//! Acceptance runs of the real binary: the seed page (issue #2) and the shipped `samples/`.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/seed-crawled-news-page.txt"
);

const TEASERS: [&str; 4] = [
    "The Democrat MPs accused the Minister of having frozen relations with Greece",
    "Democrat MP Arben Ristani requested Taulant Balla to leave the duty",
    "In October 2016, authorities in Austria, Croatia, Denmark, Germany",
    "Gjosha put emphasis on intensification of cooperation in areas such as waters",
];

#[test]
fn seed_page_is_cleaned_attributed_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let run = refine(&[Path::new(SEED)], &tmp.path().join("out"), &["-q"]);
    run.assert_ok();
    assert_accounting(&run);
    let articles = run.articles();
    assert_eq!(articles.len(), 1, "rejects: {:#?}", run.rejects());
    let a = &articles[0];
    let text = a["text"].as_str().unwrap();

    // The four trailing teasers from other stories are gone, each with a reason.
    let removed = a["removed"].as_array().expect("removed is a list");
    for teaser in TEASERS {
        assert!(!text.contains(teaser), "teaser still in the text: {teaser}");
        let r = removed
            .iter()
            .find(|r| r["text"].as_str().is_some_and(|t| t.contains(teaser)))
            .unwrap_or_else(|| panic!("teaser not in removed: {teaser}\nremoved: {removed:#?}"));
        assert!(r["reason"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
    }

    // The CNN body is intact.
    for line in [
        "Russia hopes to resume dialogue and bring relations with the US \"back to a constructive course,\" according to Kremlin spokesman Dmitri Peskov, who said it would be \"hard to make them worse.\"",
        "\"I'd like to remind you of President Putin's words -- numerous times he has talked about his wish to build good, mutually beneficial relations based on mutual respect and equality.\"",
        "\"The President always said he expected a reciprocity from Washington,\" Peskov added.",
        "Improving US ties with Russia was a key plank of US President-elect Donald Trump's foreign policy during the election campaign.",
        "Asked about Trump's comments, Peskov referred to Clinton's previous ill-fated attempt to \"reset\" relations while serving as Secretary of State.",
        "\"The term doesn't matter. It's about a will and showing the readiness for normalizing the relations -- these are the most important things.\"",
    ] {
        assert!(text.contains(line), "body line lost or changed: {line}\ntext:\n{text}");
    }
    let paragraphs: Vec<&str> = text.split('\n').map(str::trim).collect();
    let i = paragraphs
        .iter()
        .position(|p| p.ends_with("to sweep to victory on November 8."))
        .unwrap_or_else(|| panic!("no paragraph ends with \"November 8.\":\n{text}"));
    assert!(
        paragraphs
            .get(i + 1)
            .is_some_and(|p| p.starts_with("Following Trump's unexpected win")),
        "\"Following Trump's unexpected win\" does not start the next paragraph:\n{text}"
    );

    assert_eq!(a["source"], "CNN", "{a}");
    assert_eq!(a["language"]["code"], "en", "{a}");
}

fn find<'a>(records: &'a [Value], id_suffix: &str) -> Option<&'a Value> {
    records
        .iter()
        .find(|r| r["id"].as_str().is_some_and(|id| id.ends_with(id_suffix)))
}

/// Of two copies, exactly one is an article and the other a reject pointing at it.
fn assert_duplicate_pair(articles: &[Value], rejects: &[Value], a: &str, b: &str) {
    let (kept, dropped) = match (find(articles, a), find(articles, b)) {
        (Some(k), None) => (k, find(rejects, b)),
        (None, Some(k)) => (k, find(rejects, a)),
        other => panic!("{a} / {b}: expected exactly one article, got {other:?}"),
    };
    let dropped = dropped.unwrap_or_else(|| panic!("{a} / {b}: the copy is not in the rejects"));
    assert_eq!(dropped["duplicate_of"], kept["id"], "{dropped}");
}

/// The four input folders of `samples/`, without its README and generator script, as the
/// README's command gives them.
fn sample_inputs() -> Vec<std::path::PathBuf> {
    let samples = repo_root().join("samples");
    ["text", "jsonl", "html", "warc"]
        .iter()
        .map(|d| samples.join(d))
        .collect()
}

#[test]
fn sample_corpus_gives_the_expected_articles_and_rejects() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = sample_inputs();
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let run = refine(&inputs, &tmp.path().join("out"), &["-q"]);
    run.assert_ok();
    assert_accounting(&run);
    let report = run.report();
    assert_eq!(report["errors"]["count"], 0, "{:#}", report["errors"]);
    // 41 documents (see samples/README.md); WARC requests, metadata and warcinfo are skipped.
    assert_eq!(
        report["accounting"]["records_in"], 41,
        "{:#}",
        report["accounting"]
    );
    let skipped = &report["inputs"]["skipped"];
    assert_eq!(skipped["request"], 8, "{skipped}");
    assert_eq!(skipped["metadata"], 4, "{skipped}");
    assert_eq!(skipped["warcinfo"], 1, "{skipped}");

    let articles = run.articles();
    let rejects = run.rejects();
    assert_duplicate_pair(
        &articles,
        &rejects,
        "harbor-bridge-vote.txt#0",
        "harbor-bridge-vote-copy.txt#0",
    );
    assert_duplicate_pair(&articles, &rejects, "nw-20260410-014", "mt-lopez-rates");
    assert_duplicate_pair(
        &articles,
        &rejects,
        "hd-2026-0614-drought",
        "calder-drought.txt#0",
    );
    assert_duplicate_pair(
        &articles,
        &rejects,
        "northern-star-comet.html#0",
        "urn:uuid:c0def4d2-e39b-5e9a-b41e-a1ad3222a062",
    );
    // The wire original is kept (it is the first and earliest); its two copies point at it.
    let lithium = find(&articles, "nw-20260507-001").expect("lithium original is an article");
    assert_eq!(
        lithium["cluster"]["original"], "nw-20260507-001",
        "{lithium}"
    );
    assert_eq!(lithium["cluster"]["size"], 3, "{lithium}");
    for copy in [
        "coastal-herald-lithium-mine.html#0",
        "urn:uuid:133598ab-c5ae-54b0-91c2-cea9d4fea1ef",
    ] {
        let r = find(&rejects, copy).unwrap_or_else(|| panic!("{copy} not rejected"));
        assert_eq!(r["duplicate_of"], "nw-20260507-001", "{r}");
    }

    let empty = find(&rejects, "vt-paywalled").expect("empty record rejected");
    assert_eq!(empty["reason"], "no_text", "{empty}");
    let junk = find(&rejects, "junk-page.txt#0").expect("junk page rejected");
    assert_eq!(junk["stage"], "quality", "{junk}");

    // Fields newsmill does not interpret come through.
    let rates = find(&articles, "nw-20260410-014").unwrap();
    assert_eq!(rates["feed"], "northwire-economy", "{rates}");
    // Languages.
    let lang = |suffix: &str| find(&articles, suffix).map(|a| a["language"]["code"].clone());
    assert_eq!(lang("de-lindenau-radwege.txt#0"), Some("de".into()));
    assert_eq!(lang("es-valdoria-lluvias.txt#0"), Some("es".into()));
    // The windows-1252 page, declared only in the HTTP header, is decoded by that charset.
    let bakery = articles
        .iter()
        .find(|a| {
            a["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("bakery-turns-100"))
        })
        .expect("bakery page is an article");
    let text = bakery["text"].as_str().unwrap();
    assert!(text.contains("Rösner"), "{text}");
    assert!(!text.contains('\u{FFFD}') && !text.contains('Ã'), "{text}");
}

/// The whole `samples/` folder, README and generator script included (read as text documents).
#[test]
fn whole_samples_folder_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let run = refine(
        &[&repo_root().join("samples")],
        &tmp.path().join("out"),
        &["-q"],
    );
    run.assert_ok();
    assert_accounting(&run);
    let report = run.report();
    assert_eq!(report["errors"]["count"], 0, "{:#}", report["errors"]);
    let records = report["accounting"]["records_in"].as_u64().unwrap();
    assert!((41..=43).contains(&records), "{records} records");
}

/// Mojibake in the samples: the full three-character forms (`â€™`, `â€œ`, `â€` + U+009D, `Ã©`)
/// and the form a crawl leaves when the invisible U+009D of `”` was dropped (`â€` alone).
#[test]
fn sample_mojibake_is_repaired() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = repo_root().join("samples");
    let inputs = [samples.join("jsonl"), samples.join("text")];
    let run = refine(
        &[inputs[0].as_path(), inputs[1].as_path()],
        &tmp.path().join("out"),
        &["--stages", "normalize", "-q"],
    );
    run.assert_ok();
    let text_of = |suffix: &str| {
        let articles = run.articles();
        let a = find(&articles, suffix).unwrap_or_else(|| panic!("{suffix} missing"));
        a["text"].as_str().unwrap().to_string()
    };
    let review = text_of("mt-caf\u{e9}-review");
    for good in [
        "caf\u{e9} that",
        "Caf\u{e9} Marin",
        "Ren\u{e9}e",
        "grandmother\u{2019}s",
        "\u{201c}We change nothing, ever,\u{201d}",
    ] {
        assert!(review.contains(good), "{good:?} not in {review}");
    }
    let strike = text_of("marlow-transit-strike.txt#0");
    for good in [
        "city\u{2019}s 140 routes",
        "\u{201c}Nobody wants",
        "Caf\u{e9} Lumi\u{e8}re",
        "MARLOW CITY \u{2013} Thousands",
    ] {
        assert!(strike.contains(good), "{good:?} not in {strike}");
    }
    assert!(!strike.contains('\u{e2}'), "mojibake left: {strike}");
}

/// Outputs are in input order and byte-identical however the run is split into tasks.
#[test]
fn sample_outputs_do_not_depend_on_the_task_count() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = sample_inputs();
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let mut outputs = Vec::new();
    for tasks in ["1", "3", "7"] {
        let out = tmp.path().join(format!("out-{tasks}"));
        refine(&inputs, &out, &["--tasks", tasks, "-q"]).assert_ok();
        let read = |name: &str| std::fs::read(out.join(name)).unwrap();
        outputs.push((tasks, read("articles.jsonl"), read("rejects.jsonl")));
    }
    for (tasks, articles, rejects) in &outputs[1..] {
        assert!(
            articles == &outputs[0].1,
            "articles.jsonl differs with --tasks {tasks}"
        );
        assert!(
            rejects == &outputs[0].2,
            "rejects.jsonl differs with --tasks {tasks}"
        );
    }
}

/// A plain-text page starts with its headline: that line becomes the title, not a timestamp or
/// byline line below it.
#[test]
fn sample_text_headlines_become_titles() {
    let tmp = tempfile::tempdir().unwrap();
    let text = repo_root().join("samples/text");
    let run = refine(
        &[text.as_path()],
        &tmp.path().join("out"),
        &["--stages", "normalize,clean", "-q"],
    );
    run.assert_ok();
    let articles = run.articles();
    for (file, title) in [
        (
            "harbor-bridge-vote.txt#0",
            "Portvale council approves new harbour bridge after marathon session",
        ),
        (
            "calder-drought.txt#0",
            "Wheat farmers in Calder Valley count losses as drought enters third month",
        ),
        (
            "marlow-transit-strike.txt#0",
            "Marlow bus drivers walk out over pay, leaving commuters stranded",
        ),
        (
            "de-lindenau-radwege.txt#0",
            "Lindenau baut sein Radwegenetz aus",
        ),
        (
            "redfern-wildfire.txt#0",
            "Crews contain Redfern Hills wildfire after three days",
        ),
    ] {
        let a = find(&articles, file).unwrap_or_else(|| panic!("{file} missing"));
        assert_eq!(a["title"], title, "{file}: removed {:#}", a["removed"]);
        let text = a["text"].as_str().unwrap();
        assert!(
            !text.contains(title),
            "{file}: the headline is still in the body"
        );
    }
    let fire = find(&articles, "redfern-wildfire.txt#0").unwrap();
    assert_eq!(fire["author"], "Samuel Okoro", "{fire}");
}
