#!/usr/bin/env python3
"""Independent Python implementation of SplitMix64-seeded xoshiro256** (Blackman & Vigna),
the generator behind SeededGenerator. Writes rng.json: the first raw outputs and derived
doubles for a few seeds. Run: python3 make_rng.py > rng.json"""
import json
M = (1 << 64) - 1
def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)
def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M
def stream(seed, n):
    st, s = seed, []
    for _ in range(4):
        st, z = splitmix(st); s.append(z)
    out = []
    for _ in range(n):
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        out.append(r)
    return out
cases = []
for seed in [0, 1, 42, 20250909, 2**64 - 1]:
    raw = stream(seed, 8)
    cases.append({"seed": str(seed), "raw": [str(r) for r in raw],
                  "doubles": [(r >> 11) * 2.0**-53 for r in raw]})
print(json.dumps({"generator": "xoshiro256** seeded by SplitMix64", "cases": cases}, indent=1))
