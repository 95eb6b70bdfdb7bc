#!/usr/bin/env bash
# Extraction benchmark in one command: builds the release binary, installs the Python anchors
# (trafilatura 2.3.1, resiliparse 2.0.1) into bench/.venv, runs everything on the same pages and
# prints the table. Extra arguments go to bench.py (-d DATASET, -e ANCHOR, --bin PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " != *" --bin "* ]]; then
  cargo build --release -p newsmill-cli
fi
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c 'import trafilatura, resiliparse' 2>/dev/null ||
  bench/.venv/bin/pip install -q trafilatura==2.3.1 resiliparse==2.0.1
exec bench/.venv/bin/python bench/extraction/bench.py "$@"
