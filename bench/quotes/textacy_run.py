#!/usr/bin/env python3
"""textacy 0.13 direct quotations, run per paragraph (unbalanced quote marks in one paragraph make
textacy bail out for the whole text otherwise), written in quote_eval.py's prediction format with a
_meta line (elapsed seconds over the attribution work only, one process, one core).

  textacy_run.py --check     exits non-zero with a one-line reason when no spaCy pipeline loads
  textacy_run.py DEV.jsonl   prints predictions
"""
import json, os, sys, time

MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm")


def load():
    import spacy
    return spacy.load(MODEL)


def main():
    if sys.argv[1:] == ["--check"]:
        try:
            import textacy  # noqa: F401
            load()
        except Exception as e:  # any failure means: cannot run the baseline
            print(f"no spaCy pipeline {MODEL!r} loads ({type(e).__name__}); install one to run textacy", file=sys.stderr)
            sys.exit(1)
        return
    from textacy.extract.triples import direct_quotations
    nlp = load()
    docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    out = []
    t0 = time.perf_counter()
    for d in docs:
        text = d["text"]
        quotes = []
        off = 0
        for para in text.split("\n"):
            if para.strip():
                doc = nlp(para)
                try:
                    triples = list(direct_quotations(doc))
                except ValueError:
                    triples = []
                for tr in triples:
                    c = tr.content
                    sp = tr.speaker
                    s0 = min(t.idx for t in sp)
                    s1 = max(t.idx + len(t.text) for t in sp)
                    quotes.append({
                        "contents": [{"start": off + c.start_char, "end": off + c.end_char}],
                        "speaker": " ".join(t.text for t in sp),
                        "speaker_mention": {"start": off + s0, "end": off + s1},
                    })
            off += len(para) + 1
        out.append({"doc_id": d.get("doc_id") or d.get("id"), "quotes": quotes})
    elapsed = time.perf_counter() - t0
    for r in out:
        print(json.dumps(r))
    print(json.dumps({"_meta": {"system": "textacy 0.13 per paragraph", "elapsed_s": elapsed, "docs": len(docs)}}))


if __name__ == "__main__":
    main()
