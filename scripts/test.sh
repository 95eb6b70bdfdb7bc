#!/usr/bin/env bash
# Runs every test of the workspace: formatting, lints, unit + integration + property tests, doc tests.
# Usage: scripts/test.sh            (from anywhere; installs nothing beyond the Rust toolchain's own parts)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: installing a Rust toolchain with rustup" >&2
  curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== no evaluation text in the project (needs ../shared/data; skipped where it is absent)"
python3 scripts/scan_eval_text.py

echo "== layout: functions <= 150 lines, files <= 1500 lines, no import cycles between files"
python3 scripts/check_layout.py

echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

if cargo nextest --version >/dev/null 2>&1; then
  echo "== doc tests"
  cargo test --workspace --doc
  echo "== python driver (task-split run through newsmill_ray's local executor)"
  cargo build -p newsmill-cli
  python3 -m unittest discover -s python/tests -v
  echo "== cargo nextest run"
  cargo nextest run --workspace --no-fail-fast
else
  echo "== python driver"
  cargo build -p newsmill-cli
  python3 -m unittest discover -s python/tests -v
  echo "== cargo test"
  cargo test --workspace --no-fail-fast
fi
