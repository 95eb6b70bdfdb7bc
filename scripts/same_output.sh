#!/usr/bin/env bash
# Proves that a change leaves every output byte-identical: builds the release binary of BASE (a
# commit, default HEAD) in a worktree and of the working tree, runs both over the shared data sets
# (extraction pages of every suite, dedup dev, quotes dev and the seed page, language-ID dev, the
# repo's samples, the Zyte full-page texts), and compares every output file. Run it before each
# commit of a refactor; it exits 1 and names the files that differ.
#
#   scripts/same_output.sh [BASE]          # needs ../shared/data
#   KEEP=1 scripts/same_output.sh          # keep the outputs under target/same-output
#
# Timings in report.json differ from run to run, so report.json is compared with its time and
# throughput fields removed; every other file is compared byte for byte.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE="${1:-HEAD}"
DATA="$ROOT/../shared/data"
WORK="$ROOT/target/same-output"
[ -d "$DATA" ] || { echo "same_output.sh: $DATA not found" >&2; exit 2; }
log() { echo "[same_output $(date -u +%H:%M:%S)] $*" >&2; }

rm -rf "$WORK/base-src" "$WORK/out"
mkdir -p "$WORK/out"
git -C "$ROOT" worktree prune
log "building $BASE in a worktree"
git -C "$ROOT" worktree add -q --detach "$WORK/base-src" "$BASE"
trap 'git -C "$ROOT" worktree remove --force "$WORK/base-src" 2>/dev/null || true' EXIT
(cd "$WORK/base-src" && CARGO_TARGET_DIR="$WORK/target-base" cargo build --release -q -p newsmill-cli)
log "building the working tree"
(cd "$ROOT" && CARGO_TARGET_DIR="$WORK/target-head" cargo build --release -q -p newsmill-cli)

# Inputs that need preparing once: the Zyte full-page texts as JSONL, the page lists.
PREP="$WORK/prep"
mkdir -p "$PREP"
python3 - "$DATA" "$PREP" <<'PY'
import gzip, json, os, sys
data, prep = sys.argv[1], sys.argv[2]
full = json.load(gzip.open(os.path.join(data, "extraction/scrapinghub-aeb/fulltext.json.gz")))
with open(os.path.join(prep, "aeb_fulltext.jsonl"), "w") as f:
    for k in sorted(full):
        f.write(json.dumps({"id": k, "text": full[k]["text"]}) + "\n")
pages = []
for root, _, files in os.walk(os.path.join(data, "extraction")):
    pages += [os.path.join(root, n) for n in files if n.endswith(".html.gz")]
with open(os.path.join(prep, "pages.txt"), "w") as f:
    f.write("\n".join(sorted(pages)) + "\n")
PY

run_suite() {  # run_suite BIN OUTDIR
  local bin="$1" out="$2"
  mkdir -p "$out"
  xargs -a "$PREP/pages.txt" -d '\n' "$bin" extract --json > "$out/extract.jsonl" 2>/dev/null || true
  "$bin" quotes "$DATA/quotes/polnear/polnear_dev.jsonl" > "$out/quotes.jsonl" 2>/dev/null || true
  "$bin" quotes --quoted "$DATA/quotes/polnear/polnear_dev.jsonl" > "$out/quoted.jsonl" 2>/dev/null || true
  "$bin" quotes "$DATA/quotes/seed_cnn/seed_cnn_gold.jsonl" > "$out/seed_quotes.jsonl" 2>/dev/null || true
  "$bin" refine -q "$ROOT/samples/text" "$ROOT/samples/jsonl" "$ROOT/samples/html" "$ROOT/samples/warc" \
    -o "$out/samples" --format both >/dev/null 2>&1 || true
  "$bin" refine -q "$DATA/dedup/dev.jsonl" -o "$out/dedup" >/dev/null 2>&1 || true
  "$bin" refine -q "$DATA/langid/dev.jsonl" -o "$out/langid" --stages normalize,language >/dev/null 2>&1 || true
  "$bin" refine -q "$PREP/aeb_fulltext.jsonl" -o "$out/aeb" >/dev/null 2>&1 || true
  "$bin" refine -q "$DATA/quotes/polnear/polnear_dev.jsonl" -o "$out/polnear" --tasks 3 >/dev/null 2>&1 || true
  # report.json without the fields that time the run
  for r in "$out"/*/report.json; do
    python3 - "$r" <<'PY'
import json, sys
TIMED = {"seconds", "mb_per_second", "docs_per_second", "wall_seconds", "cpu_seconds", "started", "finished", "millis"}
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in TIMED and not k.endswith("_seconds") and not k.endswith("_per_second")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
p = sys.argv[1]
v = strip(json.load(open(p)))
json.dump(v, open(p + ".untimed", "w"), indent=1, sort_keys=True)
PY
    rm "$r"
  done
  rm -rf "$out"/*/.work
}

log "running $BASE"
run_suite "$WORK/target-base/release/newsmill" "$WORK/out/base"
log "running the working tree"
run_suite "$WORK/target-head/release/newsmill" "$WORK/out/head"

if diff -rq "$WORK/out/base" "$WORK/out/head"; then
  n=$(find "$WORK/out/head" -type f | wc -l)
  log "identical: $n files"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK/out"
else
  log "outputs differ (kept under $WORK/out)"
  exit 1
fi
