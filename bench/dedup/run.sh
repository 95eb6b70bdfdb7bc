#!/usr/bin/env bash
# One command for the dedup benchmark: generates a news-like corpus with planted duplicates, runs
# newsmill-dedup, datatrove's MinHash pipeline and rensa on it in the same run, and prints CPU
# throughput, peak RSS and quality of each (bench/dedup/work/results.jsonl, and a table).
#
#   bench/dedup/run.sh [DOCS] [COMPARE_DOCS]
#
# DOCS (default 1,000,000) documents are generated; newsmill-dedup runs on all of them. The Python
# tools and a second newsmill-dedup run use the first COMPARE_DOCS (default: DOCS) documents, so
# that all three are compared on the same input even when datatrove (about 0.4 MB/s) cannot finish
# the full corpus in the time at hand. THREADS (default 1) is the newsmill thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=${1:-1000000}
CMP=${2:-$DOCS}
THREADS=${THREADS:-1}
B=bench/dedup
W=$B/work
mkdir -p "$W"

if [ ! -x $B/.venv/bin/python ]; then
  python3 -m venv $B/.venv
  $B/.venv/bin/pip install -q "datatrove==0.10.1" "rensa==0.5.0" "xxhash<4" orjson regex nltk tokenizers spacy numpy
fi
cargo build --release -q -p newsmill-dedup --example gen_corpus --example dedup_dev
BIN=${CARGO_TARGET_DIR:-target}/release/examples

$BIN/gen_corpus "$DOCS" "$W/corpus.jsonl"
if [ "$CMP" != "$DOCS" ]; then
  head -n "$CMP" "$W/corpus.jsonl" > "$W/compare.jsonl"
  python3 - "$W/compare.jsonl" <<'PY'
import json, sys
p = sys.argv[1]; n = b = 0
for line in open(p, encoding="utf-8"):
    n += 1; b += len(json.loads(line)["text"].encode())
json.dump({"docs": n, "text_bytes": b}, open(p + ".stats.json", "w"))
PY
else
  cp "$W/corpus.jsonl.stats.json" "$W/compare.jsonl.stats.json"
  ln -sf corpus.jsonl "$W/compare.jsonl"
fi

R=$W/results.jsonl
: > "$R"
python3 $B/measure.py "$R" newsmill-dedup "$W/compare.jsonl" "$W/ours-compare.tsv" -- \
  $BIN/dedup_dev "$W/compare.jsonl" --shards 8 --threads "$THREADS" --work "$W/nm-work" --out "$W/ours-compare.tsv"
python3 $B/measure.py "$R" rensa-20x5 "$W/compare.jsonl" "$W/rensa.tsv" -- \
  $B/.venv/bin/python $B/rensa_dedup.py "$W/compare.jsonl" "$W/rensa.tsv"
python3 $B/measure.py "$R" datatrove-14x8 "$W/compare.jsonl" "$W/datatrove.tsv" -- \
  $B/.venv/bin/python $B/dt_minhash.py "$W/compare.jsonl" "$W/dt-work" "$W/datatrove.tsv"
if [ "$CMP" != "$DOCS" ]; then
  python3 $B/measure.py "$R" newsmill-dedup "$W/corpus.jsonl" "$W/ours.tsv" -- \
    $BIN/dedup_dev "$W/corpus.jsonl" --shards 32 --threads "$THREADS" --work "$W/nm-work" --out "$W/ours.tsv"
fi
python3 $B/table.py "$R"
