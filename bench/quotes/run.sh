#!/usr/bin/env bash
# Quotations + speaker attribution: newsmill-attrib (ours) and textacy 0.13 (per paragraph) on the
# same articles in the same run, scored by shared/tools/quote_eval.py; prints the table.
#
#   bench/quotes/run.sh            # from anywhere; SHARED=/path/to/shared to override
#
# Outputs go to bench/work/quotes/ (git-ignored). Our system runs single-threaded, so its docs/s is
# per core. textacy needs a spaCy English pipeline (SPACY_MODEL, default en_core_web_sm) inside
# bench/.venv/quotes-textacy; model weights cannot be downloaded on this project's machines, so
# when none is installed its row says "not run" instead of inventing numbers.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SHARED="${SHARED:-$ROOT/../shared}"
DATA="$SHARED/data/quotes"
OUT="$ROOT/bench/work/quotes"
mkdir -p "$OUT"
DEV="$DATA/polnear/polnear_dev.jsonl"
SEED="$DATA/seed_cnn/seed_cnn_gold.jsonl"

echo "== building ours (release)" >&2
cargo build --release -q -p newsmill-attrib --example quotes_jsonl
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET_DIR/release/examples/quotes_jsonl"

echo "== running ours" >&2
python3 "$ROOT/bench/measure.py" "$OUT/ours_dev.usage.json" --stdout "$OUT/ours_dev.jsonl" -- "$BIN" "$DEV"
"$BIN" --quoted "$DEV" > "$OUT/ours_dev_quoted.jsonl"
"$BIN" "$SEED" > "$OUT/ours_seed.jsonl"

echo "== textacy venv" >&2
VENV="$ROOT/bench/.venv/quotes-textacy"
TEXTACY_ARGS=()
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import textacy" 2>/dev/null; then
  "$VENV/bin/pip" install -q "textacy==0.13.0" || echo "textacy install failed" >&2
fi
if "$VENV/bin/python" "$ROOT/bench/quotes/textacy_run.py" --check 2>"$OUT/textacy_check.txt"; then
  echo "== running textacy" >&2
  "$VENV/bin/python" "$ROOT/bench/quotes/textacy_run.py" "$DEV" > "$OUT/textacy_dev.jsonl"
  TEXTACY_ARGS=(--textacy "$OUT/textacy_dev.jsonl")
else
  echo "textacy not run: $(tail -1 "$OUT/textacy_check.txt")" >&2
  TEXTACY_ARGS=(--textacy-not-run "$(tail -1 "$OUT/textacy_check.txt")")
fi

echo "== scoring" >&2
python3 "$ROOT/bench/quotes/table.py" --tools "$SHARED/tools" --gold "$DEV" \
  --ours-full "$OUT/ours_dev.jsonl" --ours-usage "$OUT/ours_dev.usage.json" --ours-quoted "$OUT/ours_dev_quoted.jsonl" "${TEXTACY_ARGS[@]}" \
  --seed-gold "$SEED" --seed-pred "$OUT/ours_seed.jsonl" --json "$OUT/scores.json"

echo "== single-output ceiling (oracle ranking of indirect reports by cue word, see frontier.py)" >&2
python3 "$ROOT/bench/quotes/frontier.py" --tools "$SHARED/tools" --gold "$DEV" --work "$OUT" --steps 8
