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


# --- ARC (v1 and v2, plain and one gzip member per record) ---
def arc_record(url, date, ctype, block, v2=False):
    fields = [url, "10.0.0.1", date, ctype]
    if v2:
        fields += ["200", "ABCDEF", "-", "0", "f.arc"]
    return (" ".join(fields + [str(len(block))]) + "\n").encode() + block + b"\n"


filedesc_body = b"1 0 seed\nURL IP-address Archive-date Content-type Archive-length\n"
arc_v1 = [arc_record("filedesc://seed.arc", "20040501100000", "text/plain", filedesc_body),
          arc_record("http://a.test/", "20040501100001", "text/html",
                     b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page)]
write("arc", "v1", b"".join(arc_v1))
arc_v2 = arc_record("http://b.test/", "20040501100002", "text/html",
                    b"HTTP/1.1 200 OK\r\n\r\n" + page, v2=True)
write("arc", "v2", arc_v1[0] + arc_v2)
write("arc", "length-lie", arc_v1[0] + arc_v2.replace(b" " + str(len(page) + 19).encode() + b"\n", b" 9999\n", 1) + arc_v2)
write("arc", "short-date", arc_record("http://c.test/", "200405011000", "text/html", b"HTTP/1.0 200 OK\r\n\r\n<p>x</p>"))
write("framing", "gzip-members-arc", b"\x02" + b"".join(gzip.compress(r, mtime=0) for r in arc_v1))


# --- brotli (no magic: the framing target names the input .br when its first byte is 3) ---
class Bits:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, value, width):
        self.acc |= value << self.n
        self.n += width
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def align(self):
        if self.n:
            self.put(0, 8 - self.n)


def brotli_stored(data):
    """A valid brotli stream of uncompressed meta-blocks (RFC 7932 section 9.2)."""
    b = Bits()
    b.put(0, 1)  # WBITS = 16
    for i in range(0, len(data), 65536):
        chunk = data[i:i + 65536]
        b.put(0, 1)  # ISLAST = 0
        b.put(0, 2)  # MNIBBLES = 4
        b.put(len(chunk) - 1, 16)
        b.put(1, 1)  # ISUNCOMPRESSED
        b.align()
        b.out += chunk
    b.put(1, 1)  # ISLAST
    b.put(1, 1)  # ISLASTEMPTY
    b.align()
    return bytes(b.out)


write("framing", "brotli-jsonl", b"\x03" + brotli_stored(jsonl))
write("framing", "brotli-warc", b"\x03" + brotli_stored(b"".join(warc)))
write("framing", "brotli-truncated", b"\x03" + brotli_stored(b"".join(warc))[:-40])


# --- Content-Encoding quirks: bodies that are (or are not) what the header says ---
import zlib
write("warc", "gzip-header-plain-body", response("5", "https://e.test/", page, b"Content-Encoding: gzip\r\n"))
write("warc", "deflate-body", response("6", "https://f.test/", zlib.compress(page), b"Content-Encoding: deflate\r\n"))
write("warc", "raw-deflate-body", response("7", "https://g.test/", zlib.compress(page)[2:-4], b"Content-Encoding: deflate\r\n"))
write("warc", "br-body", response("8", "https://h.test/", brotli_stored(page), b"Content-Encoding: br\r\n"))
write("warc", "zstd-body", response("9", "https://i.test/", zstd(page), b"Content-Encoding: zstd\r\n"))
write("warc", "nul-in-page", response("10", "https://j.test/", page.replace(b"Story", b"St\0ory")))

# --- WARC framing errors ---
crlf_counted = response("11", "https://k.test/", page)
length = len(crlf_counted.split(b"\r\n\r\n", 1)[1]) - 4
crlf_counted = crlf_counted.replace(f"Content-Length: {length}".encode(), f"Content-Length: {length + 4}".encode(), 1)
write("warc", "length-counts-crlf", crlf_counted + warc[2])
long_lie = response("12", "https://l.test/", page).replace(f"Content-Length: {length}".encode(), b"Content-Length: 99999", 1)
write("warc", "length-swallows-next", long_lie + b"".join(warc))
write("warc", "no-trailing-crlf", warc[2][:-4] + warc[2])
write("framing", "gzip-truncated-member", b"\x02" + gzip.compress(b"".join(warc), mtime=0)[:-30])

# --- JSON documents and arrays, not lines ---
write("jsonl", "pretty-object", b'{\n  "title": "T",\n  "maintext": "Body text.",\n  "date_publish": "2020-01-02 03:04:05"\n}\n')
write("jsonl", "array", b'[{"id": "a", "content": "One."},\n {"id": "b", "raw_content": "Two."}, {"x": 1}]')
write("jsonl", "deep", b"[" * 5000 + b"]" * 5000)
write("jsonl", "nul", b'{"text": "a\\u0000b"}\n')
