#!/usr/bin/env python3
"""Prints the rows of a results JSONL (from measure.py) as a Markdown table."""
import json
import sys

print("| tool | docs | text MB | CPU s | MB/s per CPU-s | docs/s per CPU-s | peak RSS MB | P | R | F1 | brief R |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(f"| {r['tool']} | {r['docs']:,} | {r['text_mb']:,} | {r['cpu_s']} | {r['mb_per_cpu_s']} | "
          f"{r['docs_per_cpu_s']:,} | {r['peak_rss_mb']:,} | {r['precision']:.4f} | {r['recall']:.4f} | "
          f"{r['f1']:.4f} | {r['brief_recall']} |")
