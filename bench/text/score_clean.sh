#!/usr/bin/env bash
# Scores normalize+clean on the scrapinghub plain-text task. Usage: bench/text/score_clean.sh ['{"clean":"json"}']
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/work
[ -f bench/work/aeb_fulltext.jsonl ] || python3 -c "
import gzip,json
d=json.load(gzip.open('../shared/data/extraction/scrapinghub-aeb/fulltext.json.gz'))
with open('bench/work/aeb_fulltext.jsonl','w') as f:
    [f.write(json.dumps({'id':k,'text':v['text']})+'\n') for k,v in d.items()]"
./target/release/examples/text_stages bench/work/aeb_fulltext.jsonl --stages normalize,clean \
    --clean-json "${1:-{\}}" --predictions bench/work/aeb_pred.json >/dev/null
python3 ../shared/tools/extract_eval.py --input text -d scrapinghub-aeb \
    --predictions bench/work/aeb_pred.json --name newsmill-text | tail -1
