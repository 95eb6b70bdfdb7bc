#!/usr/bin/env bash
# Extraction benchmark in one command: builds the release binary, installs the Python anchors
# (trafilatura 2.3.1, resiliparse 2.0.1) into their own venv under bench/work (git-ignored; not the
# shared bench/.venv, whose pins other benchmarks own), runs everything on the same pages and
# prints the table. Extra arguments go to bench.py (-d DATASET, -e ANCHOR, --bin PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " != *" --bin "* ]]; then
  cargo build --release -p newsmill-cli
fi
VENV=bench/work/venv-extraction
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" - <<'PY' 2>/dev/null || "$VENV/bin/pip" install -q trafilatura==2.3.1 resiliparse==2.0.1 lxml_html_clean
from importlib.metadata import version
assert version("trafilatura") == "2.3.1" and version("resiliparse") == "2.0.1"
import lxml_html_clean  # trafilatura 2.x needs it; the lxml[html_clean] extra is not always there
PY
exec "$VENV/bin/python" bench/extraction/bench.py --python "$VENV/bin/python" "$@"
