"""Checks that DuckDB, Polars and pyarrow read articles.parquet as it is, with the values that
went in. Manual (not CI: it needs those packages): run from the repository root with

    cargo build --release -p newsmill-parquet --example jsonl_to_parquet
    bench/.venv/bin/python crates/newsmill-parquet/scripts/check_readers.py \
        target/release/examples/jsonl_to_parquet

It writes a few Doc records (every field, nulls and empty lists included) as JSONL, converts them
with the example, reads the file with each library and compares to the input. Exits non-zero on
the first mismatch.
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path


def docs():
    full = {
        "id": "a1",
        "url": "https://example.com/a1",
        "title": "Minister speaks",
        "date": "2024-03-01T10:00:00Z",
        "author": "Ann Lee",
        "site": "Example News",
        "canonical_url": "https://example.com/c/a1",
        "source": "Reuters",
        "page_type": "article",
        "text": "«Ça va», a dit le ministre.\nSecond paragraph.",
        "language": {"code": "fr", "confidence": 0.875},
        "removed": [{"text": "Share this", "reason": "share"}, {"text": "Read more", "reason": "teaser"}],
        "quality": {"word_count": 7.0, "stop_word_ratio": 0.25},
        "quotes": [
            {"contents": [{"start": 1, "end": 7}, {"start": 30, "end": 40}], "type": "direct",
             "cue": {"start": 11, "end": 14}, "speaker": "Jean Dupont",
             "speaker_mention": {"start": 15, "end": 26}, "role": "minister"},
            {"contents": [{"start": 0, "end": 5}], "type": "indirect", "cue": None,
             "speaker": None, "speaker_mention": None, "role": None},
        ],
        "people": [{"name": "Jean Dupont", "role": "minister", "mentions": 2},
                   {"name": "Ann Lee", "role": None, "mentions": 1}],
        "cluster": {"id": "c1", "size": 3, "original": "a0"},
        "extra": {"crawl": "CC-2024", "tags": ["x", "y"], "n": 1},
    }
    bare = {"id": "b2", "text": "Only text."}
    return [full, bare]


def expect(name, got, want):
    if got != want:
        print(f"MISMATCH {name}: got {got!r}, want {want!r}")
        sys.exit(1)


def check_duckdb(path, src):
    import duckdb

    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_parquet('{path}')")
    print("duckdb", duckdb.__version__, "types:", dict(zip(rel.columns, map(str, rel.types))))
    rows = con.sql(
        f"""SELECT id, title, language.code, language.confidence, quality['word_count'],
                   len(removed), quotes[1].contents[2]."end", quotes[1].speaker,
                   quotes[2].cue IS NULL, people[2].role IS NULL, cluster.original,
                   json_extract_string(extra, '$.crawl'), page_type
            FROM read_parquet('{path}') ORDER BY id"""
    ).fetchall()
    a, b = rows
    expect("duckdb a", a[:4], ("a1", "Minister speaks", "fr", 0.875))
    # quality['k'] is the value in DuckDB >= 1.1 and a one-element list before it.
    q = a[4][0] if isinstance(a[4], list) else a[4]
    expect("duckdb quality", q, 7.0)
    expect("duckdb a rest", a[5:], (2, 40, "Jean Dupont", True, True, "a0", "CC-2024", "article"))
    expect("duckdb b", (b[0], b[1], b[2], b[5], b[10], b[12]), ("b2", None, None, 0, None, None))


def check_polars(path, src):
    import polars as pl

    df = pl.read_parquet(path)
    print("polars", pl.__version__, "schema:", dict(df.schema))
    rows = df.to_dicts()
    a, b = rows
    expect("polars text", a["text"], src[0]["text"])
    expect("polars language", a["language"], src[0]["language"])
    # Polars >= 2 has a Map type (a dict in Python); older ones read MAP as list[struct{key, value}].
    as_dict = lambda q: q if isinstance(q, dict) else {e["key"]: e["value"] for e in q}
    expect("polars quality", as_dict(a["quality"]), src[0]["quality"])
    expect("polars quality key", df.select(pl.col("quality").map.get("word_count")).item(0, 0)
           if hasattr(pl.col("quality"), "map") else 7.0, 7.0)
    expect("polars quotes", a["quotes"], src[0]["quotes"])
    expect("polars people", a["people"], src[0]["people"])
    expect("polars cluster", a["cluster"], src[0]["cluster"])
    expect("polars removed", a["removed"], src[0]["removed"])
    expect("polars extra", json.loads(a["extra"]), src[0]["extra"])
    expect("polars bare", (b["url"], b["language"], b["cluster"], b["quotes"], as_dict(b["quality"])),
           (None, None, None, [], {}))
    expect("polars bare extra", json.loads(b["extra"]), {})


def check_pyarrow(path, src):
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    print("pyarrow schema:\n" + str(t.schema))
    a = t.to_pylist()[0]
    expect("pyarrow quality", dict(a["quality"]), src[0]["quality"])
    expect("pyarrow quotes", a["quotes"], src[0]["quotes"])


def main():
    exe = sys.argv[1]
    src = docs()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "articles.parquet"
        lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in src)
        subprocess.run([exe, str(out)], input=lines.encode(), check=True)
        for name, check in [("duckdb", check_duckdb), ("polars", check_polars),
                            ("pyarrow", check_pyarrow)]:
            try:
                check(str(out), src)
                print(f"ok: {name}")
            except ImportError as e:
                print(f"skipped: {name} ({e})")


if __name__ == "__main__":
    main()
