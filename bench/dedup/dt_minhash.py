#!/usr/bin/env python3
"""datatrove 0.10.1 MinHash dedup (FineWeb settings: 5-gram shingles, 14 buckets x 8 hashes) over one
JSONL file, all four stages in this process, then `id<TAB>cluster` for score_dedup.py.

Usage: dt_minhash.py INPUT.jsonl WORK_DIR PRED.tsv [--buckets 14 --per-bucket 8]
"""

import argparse
import json
import os
import shutil
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("work")
    ap.add_argument("pred")
    ap.add_argument("--buckets", type=int, default=14)
    ap.add_argument("--per-bucket", type=int, default=8)
    a = ap.parse_args()

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    cfg = MinhashConfig(
        n_grams=5,
        num_buckets=a.buckets,
        hashes_per_bucket=a.per_bucket,
        hash_config=HashConfig(precision=64),
    )
    data_dir, name = os.path.split(os.path.abspath(a.input))

    def reader():
        return JsonlReader(data_dir, glob_pattern=name, text_key="text", id_key="id")

    w = a.work
    LocalPipelineExecutor(
        pipeline=[reader(), MinhashDedupSignature(output_folder=f"{w}/sigs", config=cfg)],
        tasks=1, workers=1, logging_dir=f"{w}/logs/1",
    ).run()
    LocalPipelineExecutor(
        pipeline=[MinhashDedupBuckets(input_folder=f"{w}/sigs", output_folder=f"{w}/buckets", config=cfg)],
        tasks=cfg.num_buckets, workers=1, logging_dir=f"{w}/logs/2",
    ).run()
    LocalPipelineExecutor(
        pipeline=[MinhashDedupCluster(input_folder=f"{w}/buckets", output_folder=f"{w}/remove",
                                      config=cfg, save_cluster_id=True)],
        tasks=1, workers=1, logging_dir=f"{w}/logs/3",
    ).run()
    LocalPipelineExecutor(
        pipeline=[
            reader(),
            MinhashDedupFilter(input_folder=f"{w}/remove", load_cluster_ids=True,
                               exclusion_writer=JsonlWriter(f"{w}/removed", compression=None)),
            JsonlWriter(f"{w}/kept", compression=None),
        ],
        tasks=1, workers=1, logging_dir=f"{w}/logs/4",
    ).run()

    n = 0
    with open(a.pred, "w") as out:
        out.write("id\tcluster\n")
        for sub in ("kept", "removed"):
            for fn in sorted(os.listdir(f"{w}/{sub}")):
                with open(f"{w}/{sub}/{fn}") as f:
                    for line in f:
                        r = json.loads(line)
                        # Documents in no cluster carry -1 (or nothing): singletons.
                        c = r.get("metadata", {}).get("minhash_cluster_id")
                        lab = f"dt{c}" if c is not None and c != -1 else f"own-{r['id']}"
                        out.write(f"{r['id']}\t{lab}\n")
                        n += 1
    print(json.dumps({"tool": "datatrove", "docs": n}), file=sys.stderr)


if __name__ == "__main__":
    main()
