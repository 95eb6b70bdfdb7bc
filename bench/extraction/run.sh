#!/usr/bin/env bash
# Extraction benchmark in one command: builds the release binary, installs the Python anchors
# (trafilatura 2.3.1, resiliparse 2.0.1) into their own venv under bench/work (git-ignored; not the
# shared bench/.venv, whose pins other benchmarks own), runs everything on the same pages and
# prints the table, with the existing Rust crates (dom_smoothie, the Rust trafilatura port) built
# from bench/extraction/rust-crates as two more rows. Extra arguments go to bench.py (-d DATASET,
# -e ANCHOR, --bin PATH).
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
# The existing Rust extractors (a package of its own under bench/extraction/rust-crates, never
# built by the project's own builds); NO_RUST_ANCHORS=1 skips them.
RUST_ARGS=()
if [ -z "${NO_RUST_ANCHORS:-}" ]; then
  ANCHOR_TARGET="${CARGO_TARGET_DIR:-$PWD/target}/rust-anchors"
  CARGO_TARGET_DIR="$ANCHOR_TARGET" cargo build --release -q --manifest-path bench/extraction/rust-crates/Cargo.toml
  RUST_ARGS=(--rust-anchors "$ANCHOR_TARGET/release/extraction-rust-anchors")
fi
exec "$VENV/bin/python" bench/extraction/bench.py --python "$VENV/bin/python" "${RUST_ARGS[@]}" "$@"
