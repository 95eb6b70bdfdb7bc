#!/usr/bin/env python3
"""Scores prediction files with shared/tools/quote_eval.py and prints the bench table.

Columns, all on the same gold file: direct-quote overlap F1 (subset `direct`), quote+speaker F1
(`e2e`, subset `direct`), full-name accuracy (subset `direct`), all-attributions overlap F1
(subset `all`), docs/s (from the prediction's _meta line).

Our main row takes the direct-subset columns from the quoted-words view (`newsmill quotes
--quoted`: direct quotations and the quoted words of mixed ones, each with its speaker) and the
`all` column from the full output (every attribution, indirect included). The second row scores
the full output on the direct subset too: there every indirect prediction that matches no gold
fragment counts as a false positive, which is why the two views are reported apart.
A quote-mark regex baseline (every balanced pair of double quotation marks in a paragraph, no
speaker) is computed here, in the same run, on the same articles.
"""
import argparse, importlib.util, json, os, re, time


def load_eval(tools):
    spec = importlib.util.spec_from_file_location("quote_eval", os.path.join(tools, "quote_eval.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


PAIR = re.compile(r'"[^"\n]+"|\u201c[^\u201c\u201d\n]+\u201d|``[^\n]+?\'\'')


def regex_baseline(gold):
    t0 = time.perf_counter()
    pred = {}
    for doc_id, g in gold.items():
        pred[doc_id] = {"doc_id": doc_id,
                        "quotes": [{"contents": [{"start": m.start(), "end": m.end()}]} for m in PAIR.finditer(g["text"])]}
    return pred, {"elapsed_s": time.perf_counter() - t0, "docs": len(gold)}


def scores(qe, gold, pred, meta):
    d = qe.evaluate(gold, pred, "direct")
    a = qe.evaluate(gold, pred, "all")
    speed = (meta.get("docs") or len(pred)) / meta["elapsed_s"] if meta.get("elapsed_s") else None
    return d, a, speed


def fmt(x, nd=3):
    return "-" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))


def line(name, d, a, speed, speaker=True):
    e2e = fmt(d["e2e_overlap50_with_speaker"]["f1"]) if speaker else "-"
    nf = fmt(d["name_full_acc"]["acc"]) if speaker else "-"
    sp = f"{speed:,.0f}" if speed else "-"
    return f"| {name} | {fmt(d['span_overlap50']['f1'])} | {e2e} | {nf} | {fmt(a['span_overlap50']['f1']) if a else '-'} | {sp} |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tools", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--ours-full", required=True)
    ap.add_argument("--ours-quoted", required=True)
    ap.add_argument("--ours-usage", help="measure.py's CPU time and peak RSS of the full-output run")
    ap.add_argument("--textacy")
    ap.add_argument("--textacy-not-run")
    ap.add_argument("--seed-gold")
    ap.add_argument("--seed-pred")
    ap.add_argument("--json")
    a = ap.parse_args()
    qe = load_eval(a.tools)
    gold, _ = qe.load_jsonl(a.gold)
    out = {}
    full, fmeta = qe.load_jsonl(a.ours_full)
    quoted, qmeta = qe.load_jsonl(a.ours_quoted)
    fd, fa, fspeed = scores(qe, gold, full, fmeta)
    qd, _, _ = scores(qe, gold, quoted, qmeta)
    rp, rmeta = regex_baseline(gold)
    rd, ra, rspeed = scores(qe, gold, rp, rmeta)
    print(f"PolNeAR dev, {len(gold)} articles\n")
    print("| system | direct-quote overlap F1 | quote+speaker F1 | full-name accuracy | all attributions overlap F1 | docs/s |")
    print("|---|---|---|---|---|---|")
    print(line("quote-mark regex (this run)", rd, ra, rspeed, speaker=False))
    if a.textacy:
        tp, tmeta = qe.load_jsonl(a.textacy)
        td, ta, tspeed = scores(qe, gold, tp, tmeta)
        print(line("textacy 0.13, per paragraph (this run)", td, ta, tspeed))
        out["textacy"] = {"direct": td, "all": ta, "docs_per_s": tspeed}
    elif a.textacy_not_run:
        print(f"| textacy 0.13, per paragraph | not run: {a.textacy_not_run} | | | | |")
    print(line("**newsmill-attrib** (direct columns: `--quoted` view; all: full output)", qd, fa, fspeed))
    print(line("newsmill-attrib, full output on every column", fd, fa, fspeed))
    out.update({"regex": {"direct": rd, "all": ra}, "ours_quoted": {"direct": qd},
                "ours_full": {"direct": fd, "all": fa, "docs_per_s": fspeed}})
    if a.ours_usage:
        with open(a.ours_usage) as f:
            u = json.load(f)
        mb = sum(len(g["text"].encode("utf-8")) for g in gold.values()) / 1e6
        print(f"\nnewsmill-attrib, full output, whole process (start-up, JSON in and out): "
              f"{len(gold) / u['cpu_s']:,.0f} docs/s and {mb / u['cpu_s']:.1f} MB of text/s per core "
              f"({mb:.1f} MB, {u['cpu_s']:.2f} CPU-s), peak RSS {u['peak_process_rss_mb']:.0f} MB")
        out["ours_full_process"] = {**u, "text_mb": mb}
    if a.seed_gold and a.seed_pred:
        sg, _ = qe.load_jsonl(a.seed_gold)
        sp, _ = qe.load_jsonl(a.seed_pred)
        s = qe.evaluate(sg, sp, "all")
        g = next(iter(sg.values()))
        found = round(s["span_overlap50"]["r"] * s["gold_units"])
        print(f"\nSeed page ({len(g['quotes'])} gold attributions, {s['gold_units']} fragments): {found}/{s['gold_units']} "
              f"fragments found, speaker accuracy {s['speaker_acc']['acc']}, full-name accuracy "
              f"{s['name_full_acc']['acc']}, role accuracy {s.get('role_acc', {}).get('acc')}")
        out["seed"] = s
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
