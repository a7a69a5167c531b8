"""Reference fixture for SentinelStudy's decimal-to-double parser (DecimalText + strtod).

decimal_cases.json: decimal strings that are hard to round correctly, each with the bits of
Python's float() of it (David Gay's correctly rounded algorithm, as CPython uses):
- exact halfway cases between two adjacent doubles (round half to even), and the decimals
  just below and above them, at 17, 19, 20 and 40 significant digits;
- subnormals and the normal/subnormal boundary, the largest finite double and beyond;
- 2^53 + 1 and friends, 19/20-digit significands, long runs of leading zeros;
- Python's repr and '%.17g' of random doubles across the whole exponent range.
Run: python3 make_decimal_cases.py  (writes next to this script)
"""
import json, os, random, struct
from decimal import Decimal, getcontext

HERE = os.path.dirname(os.path.abspath(__file__))
getcontext().prec = 1200
rng = random.Random(20251127)

def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]

def next_up(x):
    return struct.unpack("<d", struct.pack("<Q", bits(x) + 1))[0]

def digits(d, n):
    """Decimal d with n significant digits, truncated (no rounding), as text."""
    sign, ds, exp = d.as_tuple()
    ds = list(ds) + [0] * max(0, n - len(ds))
    kept = ds[:n]
    e = exp + len(d.as_tuple().digits) - n
    return ("-" if sign else "") + "".join(map(str, kept)) + "e" + str(e)

texts = set()
# Halfway cases: the exact midpoint of two adjacent doubles, and its neighbours.
for _ in range(700):
    e = rng.choice([rng.randint(-1074, 1023), rng.randint(-30, 30), rng.randint(-320, -300)])
    x = abs(rng.uniform(1, 2) * 2.0 ** e) if e > -1022 else rng.randint(1, 2 ** 52) * 2.0 ** -1074
    if x == 0 or x != x or x == float("inf"):
        continue
    y = next_up(x)
    if y == float("inf"):
        continue
    mid = (Decimal(x) + Decimal(y)) / 2
    exact = format(mid, "e")  # every digit of the midpoint (cells are at most 399 bytes)
    if len(exact) < 400:
        texts.add(exact)
    for n in (17, 19, 20, 40):
        t = digits(mid, n)
        texts.add(t)
        sign, ds, exp = Decimal(t).as_tuple()
        last = int("".join(map(str, ds)))
        texts.add(f"{last + 1}e{exp}")
        if last > 1:
            texts.add(f"{last - 1}e{exp}")
# Boundaries.
texts.update(["4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
              "2.2250738585072011e-308", "2.2250738585072014e-308", "2.2250738585072012e-308",
              "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
              "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
              "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
              "1234567890123456789", "12345678901234567890", "0.1234567890123456789", "0.12345678901234567890",
              "0." + "0" * 30 + "1234567890123456789", "0." + "0" * 30 + "12345678901234567891",
              "1" + "0" * 30, "1" + "0" * 22, "1" + "0" * 23, "1e22", "1e23", "8.98846567431158e307",
              "0.30000000000000004", "0.1", "0.2", "0.3", "7e-27", "7e27", "123456789e-27", "1e-28", "1e28",
              "5e-324", "1e-400", "1e-320", "3e-310", "0.5e-323", "2.5e-324", "2.47e-324"])
# Random doubles: repr and %.17g, plus short decimals.
for _ in range(1500):
    x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
    if x != x or x == float("inf"):
        continue
    texts.add(repr(x))
    texts.add("%.17g" % x)
    texts.add("%.*e" % (rng.randint(0, 24), x))
for _ in range(800):
    texts.add("%.*f" % (rng.randint(0, 20), rng.uniform(-1e6, 1e6)))
    texts.add("%.17g" % (rng.uniform(-1, 1) * 10 ** rng.randint(-12, 12)))

cases = []
for t in sorted(texts):
    v = float(t)
    if v == float("inf"):
        continue  # the parser refuses an overflow; strtod agrees (checked in the test)
    cases.append({"text": t, "bits": bits(v)})
json.dump(cases, open(os.path.join(HERE, "decimal_cases.json"), "w"), separators=(",", ":"))
print(len(cases), "cases")
