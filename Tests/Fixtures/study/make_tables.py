"""Reference fixtures for SentinelStudy's tables and provenance code.

- sha256.json: hashlib.sha256 digests of ASCII strings and of patterned byte strings
  (byte i = (31*i + 7) mod 256) at lengths around the 64-byte block and padding boundaries.
- csv.json: RFC 4180 cases parsed by Python's csv module (BOM stripped first, blank
  records skipped, as SentinelStudy does); cells compared verbatim.
- numbers.json: repr() of varied doubles (Python's shortest round-trip repr), and
  float() of numeric cells as pandas parses them.
- quantiles.json: numpy.quantile (linear, the default) of varied samples.
Run: python3 make_tables.py  (writes next to this script)
"""
import csv, hashlib, io, json, os, random, struct
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

def pattern(n):
    return bytes((31 * i + 7) % 256 for i in range(n))

sha = {"strings": [], "patterns": []}
for s in ["", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "The quick brown fox jumps over the lazy dog", "é€😀 ünïcødé", "a" * 1000]:
    sha["strings"].append({"text": s, "hex": hashlib.sha256(s.encode()).hexdigest()})
for n in [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 65536, 1000003]:
    sha["patterns"].append({"length": n, "hex": hashlib.sha256(pattern(n)).hexdigest()})
json.dump(sha, open(os.path.join(HERE, "sha256.json"), "w"), indent=1)

CASES = {
    "plain_lf": "id,a,b\n1,2,3\n4,5,6\n",
    "crlf": "id,a,b\r\n1,2,3\r\n4,5,6\r\n",
    "bom_crlf_no_final_newline": "\ufeffid,a,b\r\n1,2,3\r\n4,5,6",
    "quoted_commas": 'id,name,x\n1,"Smith, John",0.5\n2,"a,b,c",0.25\n',
    "quoted_newlines": 'id,note,x\n1,"line one\nline two",1\n2,"crlf\r\ninside",2\n',
    "escaped_quotes": 'id,quote\n1,"He said ""hi"""\n2,""""\n3,""\n',
    "quoted_header": '"patient id","value, mg",label\n"p1",3.5,1\n',
    "empty_fields": "id,a,b\n1,,\n2,,3\n,4,\n",
    "blank_lines_skipped": "id,a\n\n1,2\n\n3,4\n\n",
    "unicode": "id,név,größe\nü1,ä,1.5\n日本,中文,2\n",
    "spaces_kept": "id, a ,b\n 1 , 2,3 \n",
    "lone_cr": "id,a\r1,2\r3,4\r",
    "mixed_quotes_crlf_bom": '\ufeffid,cohort,label,Model A\r\n"001","train",1,0.9\r\n"002","train, old",0,"0.1"\r\n',
}

def parse(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = [r for r in csv.reader(io.StringIO(text, newline=""))]
    numbers = []
    kept = []
    for i, r in enumerate(rows):
        if r == []:
            continue
        kept.append({"row": i + 1, "cells": r})
    return kept

out = []
for name, text in CASES.items():
    kept = parse(text)
    out.append({"name": name, "text": text, "header": kept[0]["cells"],
                "rows": [k["cells"] for k in kept[1:]], "row_numbers": [k["row"] for k in kept[1:]]})
json.dump(out, open(os.path.join(HERE, "csv.json"), "w"), indent=1, ensure_ascii=False)

rng = random.Random(7)
values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.30000000000000004, 1e-4, 1e-5, 9.999999999999999e-5,
          123456.0, 1e15, 1e16, 1e17, 1e22, 1e23, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          2 / 3, 1 / 3, 3.141592653589793, 100.0, 0.5, 12345678901234567890.0]
for _ in range(200):
    e = rng.uniform(-30, 30)
    values.append(rng.choice([-1, 1]) * 10 ** e)
for _ in range(100):
    values.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(62)))[0])
values = [v for v in values if np.isfinite(v)]
cells = ["1e-5", "-0", ".5", "5.", "+3", "1E3", "0.30000000000000004", " 2.5 ", "1.000", "-1.5e+10",
         "00012", "4.9406564584124654e-324", "1.7976931348623157e308", "123456789012345678901234567890"]
parsed = [float(pd_cell) for pd_cell in cells]
json.dump({"repr": [{"bits": struct.unpack("<Q", struct.pack("<d", v))[0], "text": repr(v)} for v in values],
           "cells": [{"text": c, "value": v} for c, v in zip(cells, parsed)]},
          open(os.path.join(HERE, "numbers.json"), "w"), indent=1)

nrng = np.random.default_rng(3)
qs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]
samples = [[1.0], [2.0, 1.0], [1, 2, 3, 4], [5, 5, 5, 1], list(range(10)),
           nrng.normal(size=7).tolist(), nrng.exponential(size=20).tolist(), nrng.integers(0, 4, 33).astype(float).tolist(),
           nrng.normal(50, 10, 203).tolist()]
json.dump([{"sample": s, "q": qs, "expected": np.quantile(np.array(s, float), qs).tolist()} for s in samples],
          open(os.path.join(HERE, "quantiles.json"), "w"), indent=1)
print("ok")
