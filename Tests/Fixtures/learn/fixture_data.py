"""Deterministic test matrices shared by the make_*.py scripts and the Swift tests.

The features are generated from SplitMix64-seeded xoshiro256** (the algorithm of
SentinelNumerics.SeededGenerator, re-implemented independently here) using only
`nextDouble()` and exactly rounded + and *, so the Swift tests regenerate bit-identical
matrices (`FixtureData.matrix` in Tests/SentinelLearnTests) and the JSON fixtures stay small.

Recipe `matrix(seed, n, p, blocks, load)`: for each row i, first `blocks` factors
F_k = u1+u2+u3-1.5, then for each column j, e = u1+u2+u3-1.5 and
x_ij = load * F_(j mod blocks) + e  (within-block correlation load^2/(load^2+1)).
"""
M = (1 << 64) - 1


class Xoshiro:
    def __init__(self, seed):
        st = seed & M
        s = []
        for _ in range(4):
            st = (st + 0x9E3779B97F4A7C15) & M
            z = st
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            s.append(z ^ (z >> 31))
        self.s = s

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return r

    def double(self):
        return (self.next() >> 11) * 2.0 ** -53


def matrix(seed, n, p, blocks=1, load=0.0):
    import numpy as np
    g = Xoshiro(seed)
    tri = lambda: ((g.double() + g.double()) + g.double()) - 1.5
    X = np.zeros((n, p))
    for i in range(n):
        F = [tri() for _ in range(blocks)]
        for j in range(p):
            e = tri()
            X[i, j] = load * F[j % blocks] + e
    return X
