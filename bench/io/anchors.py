#!/usr/bin/env python3
"""The Python readers newsmill-io is compared with, each doing what our reader does per record:
decode every record and hold its payload (WARC: the HTTP body of each response record; JSONL: the
parsed object's `text`).

Usage: anchors.py TOOL PATH   (TOOL: fastwarc | warcio | orjson-gzip | orjson-zstd)
Prints one line: TOOL PATH DOCS PAYLOAD_BYTES.
"""
import sys


def fastwarc(path):
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from fastwarc.stream_io import FileStream, GZipStream

    docs = payload = 0
    stream = GZipStream(FileStream(path, "rb")) if path.endswith(".gz") else FileStream(path, "rb")
    for rec in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
        body = rec.reader.read()
        docs += 1
        payload += len(body)
    return docs, payload


def warcio(path):
    from warcio.archiveiterator import ArchiveIterator

    docs = payload = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response":
                continue
            body = rec.content_stream().read()
            docs += 1
            payload += len(body)
    return docs, payload


def orjson_lines(lines):
    import orjson

    docs = payload = 0
    for line in lines:
        if not line.strip():
            continue
        d = orjson.loads(line)
        docs += 1
        payload += len(d.get("text", ""))
    return docs, payload


def orjson_gzip(path):
    import gzip

    with gzip.open(path, "rb") as f:
        return orjson_lines(f)


def orjson_zstd(path):
    import io
    import zstandard

    with open(path, "rb") as raw:
        reader = zstandard.ZstdDecompressor().stream_reader(raw)
        return orjson_lines(io.BufferedReader(reader, 1 << 20))


TOOLS = {"fastwarc": fastwarc, "warcio": warcio, "orjson-gzip": orjson_gzip, "orjson-zstd": orjson_zstd}

if __name__ == "__main__":
    tool, path = sys.argv[1], sys.argv[2]
    docs, payload = TOOLS[tool](path)
    print(tool, path, docs, payload)
