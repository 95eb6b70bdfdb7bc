#!/usr/bin/env python3
"""Finds evaluation text that slipped into the project.

The evaluation data (../shared/data: extraction pages' ground truth and page text, PolNeAR
articles, the dedup set) may be used to measure, never committed: tests and docs use text we
write ourselves, and the seed page. This script indexes every run of WORDS consecutive words of
that data and reports each tracked file that shares a run with it (markup and escapes ignored).
Runs that are also in the seed page are allowed.

    python3 scripts/scan_eval_text.py [--words 8] [--shared ../shared]

Exit status 1 when a file shares a run, except the generic cookie-banner sentences every site
prints (listed in ALLOWED). Without the shared data (CI) it says so and exits 0.
"""
import argparse
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Sentences that thousands of sites print the same way; matching one proves nothing.
ALLOWED = ("cookie", "browse you agree")
SUFFIXES = (".rs", ".md", ".py", ".sh", ".toml", ".txt", ".json", ".jsonl", ".html", ".tsv")


def load_json(path):
    if path.suffix == ".gz":
        with gzip.open(path) as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def evaluation_texts(shared):
    data = shared / "data"
    for gt in sorted(data.glob("extraction/*/ground-truth.json*")):
        for rec in load_json(gt).values():
            yield rec.get("articleBody", "")
            yield from rec.get("with", [])
    for full in data.glob("extraction/*/fulltext.json*"):
        for rec in load_json(full).values():
            yield rec.get("text", "")
    for path in list(data.glob("quotes/polnear/*.jsonl")) + list(data.glob("dedup/*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line).get("text", "")


def runs(words, n):
    for i in range(len(words) - n + 1):
        yield " ".join(words[i:i + n])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=8)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    a = ap.parse_args()
    shared = Path(a.shared)
    if not (shared / "data").is_dir():
        print(f"no evaluation data under {shared}: nothing to scan")
        return 0
    seed_file = shared / "seed" / "crawled-news-page.txt"
    seed = set(runs(seed_file.read_text(encoding="utf-8").split(), a.words)) if seed_file.exists() else set()
    index = set()
    for text in evaluation_texts(shared):
        index.update(hash(r) for r in runs(text.split(), a.words))
    index.difference_update(hash(r) for r in seed)
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    bad = 0
    for name in files:
        if not name.endswith(SUFFIXES):
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        text = re.sub(r"<[^>]+>", " ", text).replace("\\n", " ").replace('\\"', '"')
        hits = [r for r in runs(text.split(), a.words) if hash(r) in index]
        flagged = [r for r in hits if not any(x in r.lower() for x in ALLOWED)]
        if hits:
            print(f"{name}: {len(hits)} run(s), e.g. {hits[0]!r}" + ("" if flagged else " (generic, allowed)"))
        bad += bool(flagged)
    print(f"{bad} file(s) share text with the evaluation data")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
