#!/usr/bin/env python3
"""Runs one dedup tool under bench/measure.py (the benchmarks' one measuring script), scores its `id<TAB>cluster` output with
score_dedup.py, and appends one JSON line (CPU seconds, MB/s and docs/s per CPU-second, peak RSS,
quality) to RESULTS_JSONL.

Usage: measure.py RESULTS_JSONL TOOL CORPUS.jsonl PRED.tsv -- COMMAND...
CORPUS.jsonl.stats.json (written by gen_corpus) gives the document count and text bytes. CORPUS may
be a directory of parts (gen_corpus --parts); then CORPUS/labels.jsonl is what gets scored.
"""

import json
import os
import subprocess
import sys
import time

SCORER = os.environ.get("SCORER", "/work/shared/tools/score_dedup.py")


def main():
    results, tool, corpus, pred = sys.argv[1:5]
    assert sys.argv[5] == "--"
    cmd = sys.argv[6:]
    stats = json.load(open(corpus + ".stats.json"))
    usage_file = pred + ".measure.json"
    measure = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "measure.py")
    t0 = time.time()
    p = subprocess.run([sys.executable, measure, usage_file, "--"] + cmd)
    wall = time.time() - t0
    if p.returncode != 0:
        sys.exit(f"{tool} failed with status {p.returncode}")
    usage = json.load(open(usage_file))
    cpu = usage["cpu_s"]
    # The whole tree's peak: datatrove forks workers; for one process it is that process's peak.
    rss_mb = usage["peak_tree_rss_mb"]
    gold = os.path.join(corpus, "labels.jsonl") if os.path.isdir(corpus) else corpus
    q = json.loads(subprocess.run([sys.executable, SCORER, gold, pred, "--json"],
                                  capture_output=True, text=True, check=True).stdout)
    mb = stats["text_bytes"] / 1e6
    row = {
        "tool": tool, "docs": stats["docs"], "text_mb": round(mb, 1),
        "cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
        "mb_per_cpu_s": round(mb / cpu, 2) if cpu else None,
        "docs_per_cpu_s": round(stats["docs"] / cpu) if cpu else None,
        "peak_rss_mb": round(rss_mb, 1),
        "precision": q["precision"], "recall": q["recall"], "f1": q["f1"],
        "brief_recall": q["recall_by_kind"].get("syndicated_brief"),
        "recall_by_kind": q["recall_by_kind"],
        "command": " ".join(cmd),
    }
    with open(results, "a") as f:
        f.write(json.dumps(row) + "\n")
    print(json.dumps(row))


if __name__ == "__main__":
    main()
