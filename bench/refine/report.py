#!/usr/bin/env python3
"""Prints the refine benchmark table from the files run.sh leaves in its work folder.

Usage: report.py WORK_DIR

Reads, for each run NAME in (ours_prefix, ours_full, datatrove_prefix): NAME.measure.json (from
measure.py), NAME.input (the input folder) and NAME.out (documents written, counted by run.sh).
Rates per core are input MB (or documents) per CPU second (user+sys of the whole process tree),
so they do not depend on how loaded the machine was; docs/s is per wall second.
"""

import json
import sys
from pathlib import Path


def load(work: Path, name: str):
    m = work / f"{name}.measure.json"
    if not m.exists():
        return None
    r = json.loads(m.read_text())
    inp = Path((work / f"{name}.input").read_text().strip())
    files = sorted(inp.glob("shard-*.jsonl"))
    r["input_mb"] = sum(f.stat().st_size for f in files) / 1e6
    r["docs_in"] = sum(sum(1 for _ in open(f, "rb")) for f in files)
    out = work / f"{name}.out"
    r["docs_out"] = int(out.read_text().strip()) if out.exists() else None
    return r


def main():
    work = Path(sys.argv[1])
    runs = {n: load(work, n) for n in ("ours_prefix", "datatrove_prefix", "ours_full")}
    hdr = (f"{'run':<18} {'input MB':>9} {'docs in':>9} {'docs out':>9} {'wall s':>8} {'CPU s':>8} "
           f"{'docs/s':>9} {'docs/CPU-s':>10} {'MB/CPU-s':>9} {'peak RSS MB':>11} {'rc':>3}")
    lines = [hdr, "-" * len(hdr)]
    for name, r in runs.items():
        if r is None:
            continue
        cpu = max(r["cpu_s"], 1e-9)
        lines.append(
            f"{name:<18} {r['input_mb']:>9.1f} {r['docs_in']:>9} {str(r['docs_out']):>9} {r['wall_s']:>8.1f} "
            f"{r['cpu_s']:>8.1f} {r['docs_in'] / r['wall_s']:>9.0f} {r['docs_in'] / cpu:>10.0f} "
            f"{r['input_mb'] / cpu:>9.2f} {r['peak_tree_rss_mb']:>11.0f} {r['rc']:>3}"
        )
    a, b = runs["ours_prefix"], runs["datatrove_prefix"]
    if a and b:
        ratio = (a["input_mb"] / a["cpu_s"]) / (b["input_mb"] / b["cpu_s"])
        lines.append("")
        lines.append(f"per-core throughput ratio ours/datatrove on the same input (MB per CPU second): {ratio:.1f}x")
        lines.append(f"wall-clock ratio on the same input: {b['wall_s'] / a['wall_s']:.1f}x")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
