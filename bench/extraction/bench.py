#!/usr/bin/env python3
"""Extraction benchmark: `newsmill extract` against the Python anchors on the same pages, same run.

For each data set under shared/data/extraction: pages are gunzipped once into bench/work (so that,
as in the scorer, decompression is not timed), `newsmill extract --json` runs over all of them in
one process (CPU time of that process = one core, start-up included), its output is scored with
shared/tools/extract_eval.py --predictions, and the anchors are run by extract_eval.py itself
(CPU time of the extraction calls), one scorer process per anchor; with --rust-anchors, the
existing Rust crates (dom_smoothie, the Rust trafilatura port) run over the same pages too. Peak RSS: of each of our
processes and of each anchor's scorer process (interpreter, library and pages held), from GNU
time when installed.
Prints one table and the pages/s and peak RSS ratios to each anchor.
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get('NEWSMILL_SHARED', ROOT.parent / 'shared'))
EVAL = SHARED / 'tools' / 'extract_eval.py'
DATA = SHARED / 'data' / 'extraction'
METRIC = {'scrapinghub-aeb': 'shingle', 'wcxb-article': 'bow', 'trafilatura-eval': 'snippet'}


def load_ids(d):
    p = d / 'ground-truth.json'
    gt = json.loads(p.read_bytes() if p.exists() else gzip.open(str(p) + '.gz').read())
    return sorted(gt)


def run_ours(binary, ds, work):
    d = DATA / ds
    out = work / ds
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in load_ids(d):
        f = out / f'{i}.html'
        if not f.exists():
            f.write_bytes(gzip.open(d / 'html' / f'{i}.html.gz').read())
        files.append(f)
    preds, cpu, wall, rss_kb = {}, 0.0, 0.0, 0
    for k in range(0, len(files), 400):  # keep argument lists short
        chunk = files[k:k + 400]
        w0 = time.perf_counter()
        out, ru, chunk_rss = run_measured([str(binary), 'extract', '--json', *map(str, chunk)])
        wall += time.perf_counter() - w0
        cpu += ru.ru_utime + ru.ru_stime
        rss_kb = max(rss_kb, chunk_rss)
        for line in out.decode('utf-8').splitlines():
            rec = json.loads(line)
            preds[Path(rec['path']).name[:-len('.html')]] = rec['text']
    pf = work / f'{ds}.predictions.json'
    pf.write_text(json.dumps(preds, ensure_ascii=False))
    return pf, len(files), cpu, wall, rss_kb


GNU_TIME = '/usr/bin/time' if os.path.exists('/usr/bin/time') else None


def run_measured(cmd, stdout=subprocess.PIPE):
    """Runs one command and returns (stdout, rusage, peak RSS in KB) of that process alone: CPU
    from os.wait4, peak RSS from GNU time's %M when it is installed. (wait4's own ru_maxrss
    would count this Python process's memory too: the child is forked from it, and Linux keeps
    the larger high-water mark across exec.)"""
    with tempfile.NamedTemporaryFile('r', suffix='.rss') as rss_file:
        full = [GNU_TIME, '-f', '%M', '-o', rss_file.name, *cmd] if GNU_TIME else cmd
        with subprocess.Popen(full, stdout=stdout) as p:
            out = p.stdout.read() if stdout == subprocess.PIPE else b''
            _, status, ru = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise subprocess.CalledProcessError(p.returncode, cmd)
        lines = rss_file.read().split()
        rss_kb = int(lines[-1]) if GNU_TIME and lines else ru.ru_maxrss
    return out, ru, rss_kb


def score(python, args, js):
    """Scores with extract_eval.py; returns its JSON and the scorer process's peak RSS in KB
    (for an anchor: the interpreter, the anchor library and the pages it holds)."""
    _, _, rss_kb = run_measured([python, str(EVAL), *args, '--json', str(js)], stdout=subprocess.DEVNULL)
    return json.loads(js.read_text()), rss_kb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=str(ROOT / 'target' / 'release' / 'newsmill'))
    ap.add_argument('--python', default=str(ROOT / 'bench' / '.venv' / 'bin' / 'python'))
    ap.add_argument('-d', '--dataset', action='append')
    ap.add_argument('-e', '--anchor', action='append')
    ap.add_argument('--work', default=str(ROOT / 'bench' / 'work' / 'extraction'))
    ap.add_argument('--rust-anchors', help='the bench/extraction/rust-crates binary (dom_smoothie and '
                    'the Rust trafilatura port on the same pages); omitted: those rows are skipped')
    a = ap.parse_args()
    datasets = a.dataset or list(METRIC)
    anchors = a.anchor if a.anchor is not None else ['trafilatura-fast', 'trafilatura', 'resiliparse']
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = {}  # extractor -> {ds: (f1, pages, cpu, peak RSS KB)}
    for ds in datasets:
        pf, n, cpu, wall, rss = run_ours(a.bin, ds, work)
        r, _ = score(a.python, ['-d', ds, '--predictions', str(pf), '--name', 'newsmill'], work / f'{ds}.newsmill.json')
        f1 = r[ds]['newsmill'][METRIC[ds]]['F1']
        rows.setdefault('newsmill', {})[ds] = (f1, n, cpu, rss)
        print(f'{ds}: newsmill F1={f1:.3f} pages={n} cpu_s={cpu:.2f} wall_s={wall:.2f} rss_mb={rss / 1024:.0f}',
              file=sys.stderr, flush=True)
        # The existing Rust crates, each in a process of its own (CPU of the extraction calls as
        # the runner reports it; peak RSS of that process).
        for crate, name in (('dom_smoothie', 'dom_smoothie 0.19 (Rust)'), ('trafilatura', 'trafilatura 0.6 (Rust)')):
            if not a.rust_anchors:
                break
            pf = work / f'{ds}.{crate}.predictions.json'
            out, _, crate_rss = run_measured([a.rust_anchors, crate, str(DATA / ds), str(pf)])
            info = json.loads(out.decode('utf-8').strip().splitlines()[-1])
            r, _ = score(a.python, ['-d', ds, '--predictions', str(pf), '--name', crate], work / f'{ds}.{crate}.json')
            f1 = r[ds][crate][METRIC[ds]]['F1']
            rows.setdefault(name, {})[ds] = (f1, info['pages'], info['cpu_s'], crate_rss)
            print(f"{ds}: {name} F1={f1:.3f} cpu_s={info['cpu_s']:.2f} errors={info['errors']} "
                  f"rss_mb={crate_rss / 1024:.0f}", file=sys.stderr, flush=True)
        # One scorer process per anchor, so that each one's peak RSS is its own.
        for e in anchors:
            r, rss = score(a.python, ['-d', ds, '-e', e], work / f'{ds}.anchor.{e}.json')
            x = r.get(ds, {}).get(e)
            if x is None:
                print(f'{ds}: anchor {e} unavailable', file=sys.stderr)
                continue
            rows.setdefault(e, {})[ds] = (x[METRIC[ds]]['F1'], x['pages'], x['cpu_seconds'], rss)
            print(f"{ds}: {e} F1={x[METRIC[ds]]['F1']:.3f} cpu_s={x['cpu_seconds']:.2f} rss_mb={rss / 1024:.0f}",
                  file=sys.stderr, flush=True)
    head = ' | '.join(f'{ds} {METRIC[ds]} F1' for ds in datasets)
    print(f'| extractor | {head} | pages/s (CPU, one core) | peak RSS (MB) |')
    print('|---|' + '---|' * len(datasets) + '---|---|')
    speed, mem = {}, {}
    for name, per in rows.items():
        cells = [f'{per[ds][0]:.3f}' if ds in per else '-' for ds in datasets]
        pages = sum(v[1] for v in per.values())
        cpu = sum(v[2] for v in per.values())
        speed[name] = pages / cpu if cpu else float('nan')
        mem[name] = max(v[3] for v in per.values()) / 1024
        print(f"| {name} | {' | '.join(cells)} | {speed[name]:.0f} | {mem[name]:.0f} |")
    if 'newsmill' in speed:
        for name, s in speed.items():
            if name != 'newsmill' and s:
                print(f'newsmill pages/s is {speed["newsmill"] / s:.1f}x {name}; '
                      f'peak RSS {mem["newsmill"]:.0f} MB vs {mem[name]:.0f} MB')


if __name__ == '__main__':
    main()
