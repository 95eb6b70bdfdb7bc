#!/usr/bin/env bash
# One command for the clean benchmark: newsmill normalize+clean and the harness's C4-style line
# filter (the anchor) on the same Zyte AEB full-page texts, in the same run, scored by
# shared/tools/extract_eval.py --input text. Also the stage speeds (MB per CPU-second).
#
#   bench/text/score_clean.sh ['{"clean":"json"}']     # optional clean-config JSON for ablations
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${SHARED:-../shared}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
mkdir -p bench/work
echo "== building text_stages (release)" >&2
cargo build --release -q -p newsmill-text --example text_stages
[ -f bench/work/aeb_fulltext.jsonl ] || python3 -c "
import gzip,json
d=json.load(gzip.open('$SHARED/data/extraction/scrapinghub-aeb/fulltext.json.gz'))
with open('bench/work/aeb_fulltext.jsonl','w') as f:
    [f.write(json.dumps({'id':k,'text':v['text']})+'\n') for k,v in d.items()]"
echo "== newsmill normalize+clean" >&2
"$TARGET_DIR/release/examples/text_stages" bench/work/aeb_fulltext.jsonl --stages normalize,clean \
    --clean-json "${1:-{\}}" --predictions bench/work/aeb_pred.json >&2
python3 "$SHARED/tools/extract_eval.py" --input text -d scrapinghub-aeb \
    --predictions bench/work/aeb_pred.json --name newsmill-text | tail -1
echo "== anchor: C4-style line filter (same pages)" >&2
python3 "$SHARED/tools/extract_eval.py" --input text -d scrapinghub-aeb -e linefilter | tail -1
