#!/usr/bin/env bash
# One command for the reader benchmark: newsmill-io against the Python readers a corpus builder
# would otherwise use, on the same generated files, in the same run.
#
#   bench/io/run.sh [MB]        # MB of uncompressed input per file (default 200)
#   BASE=<commit> bench/io/run.sh [MB]   # also measures read_bench built at <commit> (in a git
#                                        # worktree under target/bench-base) in the same run, as
#                                        # the row newsmill@base: the check that a change keeps
#                                        # the readers' speed
#
# Builds `read_bench` (release); generates JSONL.gz, JSONL.zst and WARC.gz (one gzip member per
# record, like Common Crawl) of MB megabytes each under bench/work/io (git-ignored; kept between
# runs); creates bench/.venv/io with fastwarc (resiliparse's C++ WARC reader), warcio and orjson
# (once); runs every reader on every file it can read, single-threaded, under
# bench/measure.py (CPU = user + system of the process; peak RSS of the process by GNU
# time, /usr/bin/time -f %M, so the measuring Python is not counted; measure.py prints a note and
# falls back to an upper bound without it), then prints the table: MB/s decompressed per
# CPU-second, docs/s per CPU-second, peak RSS, and our ratio. CARGO_TARGET_DIR is honoured.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MB="${1:-200}"
WORK="$ROOT/bench/work/io"
VENV="$ROOT/bench/.venv/io"
MEASURE="$ROOT/bench/measure.py"
mkdir -p "$WORK"
log() { echo "[io/run.sh $(date -u +%H:%M:%S)] $*" >&2; }

log "building read_bench (release)"
(cd "$ROOT" && cargo build --release -q -p newsmill-io --example read_bench)
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BENCH="$TARGET_DIR/release/examples/read_bench"
BASE_BENCH=""
if [ -n "${BASE:-}" ]; then
  log "building read_bench at $BASE (release, worktree)"
  tree="$ROOT/target/bench-base/tree"
  rm -rf "$tree"; git -C "$ROOT" worktree prune
  git -C "$ROOT" worktree add -q --detach "$tree" "$BASE"
  (cd "$tree" && CARGO_TARGET_DIR="$ROOT/target/bench-base/target" cargo build --release -q -p newsmill-io --example read_bench)
  BASE_BENCH="$ROOT/target/bench-base/target/release/examples/read_bench"
  git -C "$ROOT" worktree remove --force "$tree"
fi

for f in jsonl.gz jsonl.zst warc.gz; do
  path="$WORK/bench-$MB.$f"
  if [ ! -s "$path" ]; then
    log "generating $path"
    case "$f" in
      jsonl.*) "$BENCH" gen-jsonl "$path.tmp.$f" "$MB" ;;
      warc.gz) "$BENCH" gen-warc "$path.tmp.$f" "$MB" ;;
    esac
    mv "$path.tmp.$f" "$path"
  fi
done

if ! "$VENV/bin/python" -c "import fastwarc, warcio, orjson, zstandard" 2>/dev/null; then
  log "creating $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "fastwarc==0.15.2" "warcio==1.7.5" orjson zstandard
fi
PY="$VENV/bin/python"

run() {  # run NAME FILE OUTJSON -- CMD...
  local name="$1" file="$2" out="$3"; shift 4
  log "$name on $(basename "$file")"
  python3 "$MEASURE" "$out" -- "$@" > "$out.stdout" 2>/dev/null || { echo "$name failed" >&2; return 0; }
}

for f in jsonl.gz jsonl.zst warc.gz; do
  path="$WORK/bench-$MB.$f"
  run newsmill "$path" "$WORK/newsmill.$f.json" -- "$BENCH" read "$path"
  if [ -n "$BASE_BENCH" ]; then
    run newsmill@base "$path" "$WORK/newsmill@base.$f.json" -- "$BASE_BENCH" read "$path"
  fi
  case "$f" in
    jsonl.gz) run orjson-gzip "$path" "$WORK/orjson-gzip.$f.json" -- "$PY" "$ROOT/bench/io/anchors.py" orjson-gzip "$path" ;;
    jsonl.zst) run orjson-zstd "$path" "$WORK/orjson-zstd.$f.json" -- "$PY" "$ROOT/bench/io/anchors.py" orjson-zstd "$path" ;;
    warc.gz)
      run fastwarc "$path" "$WORK/fastwarc.$f.json" -- "$PY" "$ROOT/bench/io/anchors.py" fastwarc "$path"
      run warcio "$path" "$WORK/warcio.$f.json" -- "$PY" "$ROOT/bench/io/anchors.py" warcio "$path" ;;
  esac
done

python3 - "$WORK" "$MB" "${BASE:-}" <<'PY'
import json, os, re, sys
work, mb, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for f in ["jsonl.gz", "jsonl.zst", "warc.gz"]:
    path = os.path.join(work, f"bench-{mb}.{f}")
    stored = os.path.getsize(path) / 1e6
    ours = None
    tools = ["newsmill"] + (["newsmill@base"] if base else []) + ["orjson-gzip", "orjson-zstd", "fastwarc", "warcio"]
    for tool in tools:
        m = os.path.join(work, f"{tool}.{f}.json")
        if not os.path.exists(m) or os.path.getmtime(m) < os.path.getmtime(path):
            continue
        r = json.load(open(m))
        out = open(m + ".stdout").read()
        if tool.startswith("newsmill"):
            g = re.search(r"(\d+) docs .*?([\d.]+) MB decompressed,", out)
            docs, dec = int(g.group(1)), float(g.group(2)) * (1 << 20) / 1e6
        else:
            docs = int(out.split()[2])
            dec = None
        cpu = max(r["cpu_s"], 1e-3)
        row = {"input": f, "tool": tool, "docs": docs, "stored_mb": stored, "cpu": cpu,
               "rss": r["peak_process_rss_mb"], "rc": r["rc"]}
        if tool == "newsmill":
            ours = row
            ours["dec"] = dec
        rows.append(row)
    for row in rows:
        if row["input"] == f and ours:
            row["dec"] = ours["dec"]
            row["ratio"] = row["cpu"] / ours["cpu"] if row is not ours else 1.0
print(f"\nReader benchmark, {mb} MB uncompressed per file, single thread, CPU seconds (user+sys)\n")
print("| input | reader | docs | stored MB | CPU s | MB/s decompressed per CPU-s | docs/s per CPU-s | peak RSS MB | newsmill speed-up |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    dec = r.get("dec") or 0
    print(f"| {r['input']} | {r['tool']} | {r['docs']:,} | {r['stored_mb']:.1f} | {r['cpu']:.2f} | "
          f"{dec / r['cpu']:.1f} | {r['docs'] / r['cpu']:,.0f} | {r['rss']:.0f} | "
          f"{'-' if r['tool'] == 'newsmill' else '%.1fx' % r.get('ratio', 0)} |")
PY
