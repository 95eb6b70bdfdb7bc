"""Per-page view of the scrapinghub plain-text task: which pages lose precision or recall, and
which predicted lines are not in the truth / truth lines missing from the prediction.

python3 bench/text/analyze.py PRED.json [--page ID] [--worst N]
"""
import gzip, json, re, sys
from collections import Counter

TOK = re.compile(r'\w+')
ROOT = '/work/shared/data/extraction/scrapinghub-aeb'


def sh(t, n=4):
    toks = TOK.findall(t or '')
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def prf(truth, pred):
    a, b = sh(truth), sh(pred)
    tp = sum((a & b).values())
    fp = sum(b.values()) - tp
    fn = sum(a.values()) - tp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def main():
    pred = json.load(open(sys.argv[1]))
    gt = json.load(open(f'{ROOT}/ground-truth.json'))
    args = sys.argv[2:]
    page = args[args.index('--page') + 1] if '--page' in args else None
    worst = int(args[args.index('--worst') + 1]) if '--worst' in args else 15
    rows = []
    for k, g in gt.items():
        p, r = prf(g['articleBody'], pred.get(k, ''))
        rows.append((min(p, r), p, r, k))
    rows.sort()
    if page is None:
        for m, p, r, k in rows[:worst]:
            print(f'{k[:12]} P={p:.2f} R={r:.2f}')
        return
    g = gt[[k for k in gt if k.startswith(page)][0]]
    pk = [k for k in gt if k.startswith(page)][0]
    truth = g['articleBody']
    tnorm = ' '.join(TOK.findall(truth))
    print('--- predicted lines not in truth:')
    for l in pred.get(pk, '').splitlines():
        if ' '.join(TOK.findall(l)) not in tnorm:
            print('  +', l[:200])
    pnorm = ' '.join(TOK.findall(pred.get(pk, '')))
    print('--- truth lines missing:')
    for l in truth.splitlines():
        if l.strip() and ' '.join(TOK.findall(l)) not in pnorm:
            print('  -', l[:200])


main()
