#!/usr/bin/env python3
"""Scores prediction files with shared/tools/quote_eval.py and prints the bench table.

Columns (all on the same gold file): direct-quote overlap F1 (subset `direct`), quote+speaker F1
(e2e, subset `direct`), full-name accuracy (subset `direct`), all-attributions overlap F1
(subset `all`), docs/s (from the prediction's _meta line). Our system is also scored with its
indirect predictions removed (its own `type` field), which is what a consumer that wants direct
quotations reads, because in the `direct` subset every unmatched indirect prediction counts as a
false positive.
"""
import argparse, importlib.util, json, os, sys


def load_eval(tools):
    spec = importlib.util.spec_from_file_location("quote_eval", os.path.join(tools, "quote_eval.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def row(qe, gold, path, name, drop_indirect=False):
    pred, meta = qe.load_jsonl(path)
    if drop_indirect:
        for r in pred.values():
            r["quotes"] = [q for q in r.get("quotes", []) if q.get("type") != "indirect"]
    d = qe.evaluate(gold, pred, "direct")
    a = qe.evaluate(gold, pred, "all")
    speed = (meta.get("docs") or len(pred)) / meta["elapsed_s"] if meta.get("elapsed_s") else None
    return {
        "system": name,
        "direct_f1": d["span_overlap50"]["f1"],
        "e2e_f1": d["e2e_overlap50_with_speaker"]["f1"],
        "name_full": d["name_full_acc"]["acc"],
        "all_f1": a["span_overlap50"]["f1"],
        "docs_per_s": speed,
        "direct": d,
        "all": a,
    }


def fmt(x, nd=3):
    return "-" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tools", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", action="append", default=[], help="NAME=PATH")
    ap.add_argument("--not-run", action="append", default=[], help="NAME=REASON")
    ap.add_argument("--seed-gold")
    ap.add_argument("--seed-pred")
    ap.add_argument("--json")
    a = ap.parse_args()
    qe = load_eval(a.tools)
    gold, _ = qe.load_jsonl(a.gold)
    rows = []
    for i, p in enumerate(a.pred):
        name, path = p.split("=", 1)
        rows.append(row(qe, gold, path, name))
        if i == 0:
            rows.append(row(qe, gold, path, name + ", indirect removed", drop_indirect=True))
    print(f"PolNeAR dev, {len(gold)} articles\n")
    print("| system | direct-quote overlap F1 | quote+speaker F1 | full-name accuracy | all attributions overlap F1 | docs/s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        sp = fmt(r["docs_per_s"], 0) if r["docs_per_s"] else "-"
        print(f"| {r['system']} | {fmt(r['direct_f1'])} | {fmt(r['e2e_f1'])} | {fmt(r['name_full'])} | {fmt(r['all_f1'])} | {sp} |")
    for nr in a.not_run:
        name, why = nr.split("=", 1)
        print(f"| {name} | not run: {why} | | | | |")
    if a.seed_gold and a.seed_pred:
        sg, _ = qe.load_jsonl(a.seed_gold)
        sp, _ = qe.load_jsonl(a.seed_pred)
        s = qe.evaluate(sg, sp, "all")
        g = next(iter(sg.values()))
        print(f"\nSeed page: {s['span_overlap50']['r'] * s['gold_units']:.0f}/{s['gold_units']} gold fragments found "
              f"(overlap), speaker accuracy {s['speaker_acc']['acc']}, full-name accuracy {s['name_full_acc']['acc']}, "
              f"role accuracy {s.get('role_acc', {}).get('acc')}, {len(g['quotes'])} gold attributions")
    if a.json:
        with open(a.json, "w") as f:
            json.dump([{k: v for k, v in r.items()} for r in rows], f, indent=1)


if __name__ == "__main__":
    main()
