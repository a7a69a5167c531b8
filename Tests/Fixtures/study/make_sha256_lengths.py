"""sha256_lengths.json: hashlib.sha256 digests pinning SentinelStudy's SHA256 (both the
SHA-NI and the portable compression paths).

- lengths: every length 0..200 of the patterned bytes (byte i = (31*i + 7) mod 256).
- long: longer patterned inputs (several MiB, odd sizes).
- nist: FIPS 180-4 / NIST CAVP example messages: "abc", the 448-bit and 896-bit two-block
  messages and one million "a".
Run: python3 make_sha256_lengths.py  (writes next to this script)
"""
import hashlib, json, os

HERE = os.path.dirname(os.path.abspath(__file__))

def pattern(n):
    return bytes((31 * i + 7) % 256 for i in range(n))

out = {
    "lengths": [{"length": n, "hex": hashlib.sha256(pattern(n)).hexdigest()} for n in range(201)],
    "long": [{"length": n, "hex": hashlib.sha256(pattern(n)).hexdigest()} for n in [4194304, 5000011]],
    "nist": [{"text": t, "repeat": r, "hex": hashlib.sha256((t * r).encode()).hexdigest()} for t, r in [
        ("abc", 1),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1),
        ("a", 1000000),
    ]],
}
json.dump(out, open(os.path.join(HERE, "sha256_lengths.json"), "w"), indent=1)
