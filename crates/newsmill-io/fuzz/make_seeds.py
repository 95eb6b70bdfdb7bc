#!/usr/bin/env python3
"""Writes the seed corpora for the fuzz targets (small, hand-made inputs; no crawl data).

Run from this folder: python3 make_seeds.py. Needs the `zstd` command for the zstd seeds.
"""
import gzip
import os
import subprocess


def warc_record(kind, headers, block):
    head = f"WARC/1.0\r\nWARC-Type: {kind}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def response(rid, url, body, extra=b""):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n" + extra + b"\r\n" + body
    return warc_record("response", [("WARC-Record-ID", f"<urn:uuid:{rid}>"), ("WARC-Target-URI", url),
                                    ("Content-Type", "application/http; msgtype=response")], http)


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout


def write(target, name, data):
    os.makedirs(f"corpus/{target}", exist_ok=True)
    with open(f"corpus/{target}/{name}", "wb") as f:
        f.write(data)


page = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Story text.</p></body></html>"
warc = [
    warc_record("warcinfo", [("Content-Type", "application/warc-fields")], b"software: seed\r\n"),
    warc_record("request", [("WARC-Target-URI", "https://a.test/")], b"GET / HTTP/1.1\r\n\r\n"),
    response("1", "https://a.test/", page),
    warc_record("metadata", [], b"fetchTimeMs: 3\r\n"),
]
chunked = b"Transfer-Encoding: chunked\r\n"
write("warc", "basic", b"".join(warc))
write("warc", "chunked", response("2", "https://b.test/", b"5\r\n<p>ab\r\n4\r\n</p>\r\n0\r\n\r\n", chunked))
write("warc", "gzip-body", response("3", "https://c.test/", gzip.compress(page, mtime=0), b"Content-Encoding: gzip\r\n"))
write("warc", "redirect", warc_record("response", [], b"HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n"))
lie = response("4", "https://d.test/", page).replace(b"Content-Length: 1", b"Content-Length: 2", 1)
write("warc", "length-lie", lie + b"".join(warc))
write("warc", "resource", warc_record("resource", [("Content-Type", "text/html")], page))

jsonl = (b'{"id":"a","text":"First.","url":"https://a.test/","lang":"en"}\n'
         b'\n{"doc_id":7,"html":"<p>x</p>","title":"T","meta":{"k":[1,2]}}\n'
         b'{"text":"caf\xe9"}\n{"text":null}\n[1]\n{"text":"unterminated\n')
write("jsonl", "mixed", jsonl)
write("jsonl", "escapes", b'{"t\\u0065xt":"\\ud83d\\ude00 \\"q\\" \\n","id":""}\r\n')
write("jsonl", "bom", b'\xef\xbb\xbf{"text":"bom"}\n')

write("text", "plain", b"A story.\nSecond paragraph with \xc3\xbcmlaut.\n")
write("text", "html", b"\x01" + page)
write("text", "latin1", b"caf\xe9 \x0c page")

write("framing", "gzip-jsonl", b"\x02" + gzip.compress(jsonl, mtime=0))
write("framing", "gzip-members-warc", b"\x02" + b"".join(gzip.compress(r, mtime=0) for r in warc))
write("framing", "zstd-warc", b"\x02" + zstd(b"".join(warc)))
write("framing", "zstd-text", b"\x02" + zstd(b"plain text body"))
write("framing", "gzip-raw-deflate", b"\x00" + gzip.compress(page, mtime=0)[4:])
write("framing", "html", b"\x02" + page)
write("framing", "empty", b"\x02")
members = [bytearray(gzip.compress(r, mtime=0)) for r in warc]
members[2][2] = 0x09  # a damaged member header in the middle
write("framing", "gzip-members-damaged", b"\x02" + b"".join(bytes(m) for m in members))
write("framing", "gzip-trailing-garbage", b"\x02" + gzip.compress(jsonl, mtime=0) + b"\0\0junk")
