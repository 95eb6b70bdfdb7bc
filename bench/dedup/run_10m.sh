#!/usr/bin/env bash
# The 10-million-document run: generates the corpus as 64 zstd-compressed parts (about 5.9 GB
# instead of 24.5 GB of JSONL) plus a labels file, runs newsmill-dedup on it single-threaded under
# /usr/bin/time, scores it and appends the row to bench/dedup/work/results-10m.jsonl.
#
#   bench/dedup/run_10m.sh [DOCS]     (default 10,000,000)
#
# Disk: the corpus (about 5.9 GB) and the work directory (about 16 GB at its peak) live under
# bench/dedup/work/ (git-ignored); both are deleted at the end. Scoring holds the labels and the
# predictions in Python dictionaries (several GB of memory at 10M).
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=${1:-10000000}
B=bench/dedup
W=$B/work
mkdir -p "$W"
cargo build --release -q -p newsmill-dedup --example gen_corpus --example dedup_dev
BIN=${CARGO_TARGET_DIR:-target}/release/examples
rm -rf "$W/c10m"
$BIN/gen_corpus "$DOCS" "$W/c10m" --parts 64
python3 $B/measure.py "$W/results-10m.jsonl" newsmill-dedup "$W/c10m" "$W/ours-10m.tsv" -- \
  $BIN/dedup_dev "$W/c10m" --threads 1 --work "$W/nm-work-10m" --out "$W/ours-10m.tsv"
python3 $B/table.py "$W/results-10m.jsonl"
rm -rf "$W/c10m" "$W/nm-work-10m" "$W/ours-10m.tsv"
