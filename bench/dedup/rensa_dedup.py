#!/usr/bin/env python3
"""rensa (Rust MinHash, Python API) near-dup over one JSONL file: word 5-gram shingles of lowercased
word tokens, RMinHash with num_perm = bands * rows, RMinHashLSH candidates, union-find, then
`id<TAB>cluster` for score_dedup.py.

Usage: rensa_dedup.py INPUT.jsonl PRED.tsv [--bands 20 --rows 5 --threshold 0.55]
"""

import argparse
import json
import re
import sys

WORD = re.compile(r"\w+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("pred")
    ap.add_argument("--bands", type=int, default=20)
    ap.add_argument("--rows", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.55)
    a = ap.parse_args()
    from rensa import RMinHash, RMinHashLSH

    num_perm = a.bands * a.rows
    lsh = RMinHashLSH(threshold=a.threshold, num_perm=num_perm, num_bands=a.bands)
    ids, parent = [], []

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with open(a.input, encoding="utf-8") as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            ids.append(r["id"])
            parent.append(i)
            w = WORD.findall(r["text"].lower())
            sh = [" ".join(w[j:j + 5]) for j in range(max(1, len(w) - 4))]
            m = RMinHash(num_perm=num_perm, seed=42)
            m.update(sh)
            for c in lsh.query(m):
                ra, rb = find(i), find(c)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            lsh.insert(i, m)
    with open(a.pred, "w") as out:
        out.write("id\tcluster\n")
        for i, d in enumerate(ids):
            out.write(f"{d}\tr{find(i)}\n")
    print(json.dumps({"tool": "rensa", "docs": len(ids)}), file=sys.stderr)


if __name__ == "__main__":
    main()
