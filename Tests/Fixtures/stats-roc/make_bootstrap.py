#!/usr/bin/env python3
"""Independent re-implementation of Sentinel's stratified bootstrap, replicate for replicate.

Resampling (as documented on StratifiedBootstrap): replicate r uses g = parent.derived(r);
it draws m case indices g.nextInt(below: m), then n control indices g.nextInt(below: n)
(cases and controls numbered in input order). The generator is SeededGenerator
(xoshiro256** seeded by SplitMix64; code from ../numerics/make_rng.py, wrapped in a class,
plus Lemire's bounded draw and `derived` exactly as documented in SeededGenerator.swift).

Per replicate the statistics are computed here differently from Sentinel: the AUC by the
O(m n) pairwise kernel weighted by multiplicities (w_P K w_N / (m n), K = 1[>] + 1/2 1[=]),
the threshold metrics by weighted sums of indicator vectors. Percentile intervals are
numpy.quantile(method="linear") of the defined (non-NaN) replicate values at
q = (1 - level)/2 and 1 - q; standard errors are numpy.std(ddof=1).
Run: python3 make_bootstrap.py > bootstrap.json
"""
import json
import numpy as np

M = (1 << 64) - 1


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class SeededGenerator:
    def __init__(self, seed):
        st, self.s = seed & M, []
        for _ in range(4):
            st, z = splitmix(st)
            self.s.append(z)

    def next(self):
        s = self.s
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return r

    def next_int(self, bound):  # Lemire 2019
        m = self.next() * bound
        if (m & M) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (m & M) < threshold:
                m = self.next() * bound
        return m >> 64

    def derived(self, index):
        copy = SeededGenerator(0)
        copy.s = list(self.s)
        a = copy.next()
        return SeededGenerator(a ^ ((index * 0xD1B54A32D192ED03) & M))


def bootstrap(models, labels, thresholds, seed, B, level):
    y = np.asarray(labels, dtype=bool)
    m, n = int(y.sum()), int((~y).sum())
    parent = SeededGenerator(seed)
    W_P = np.zeros((B, m)); W_N = np.zeros((B, n))
    for r in range(B):
        g = parent.derived(r)
        for _ in range(m):
            W_P[r, g.next_int(m)] += 1
        for _ in range(n):
            W_N[r, g.next_int(n)] += 1
    out = []
    for s, thr in zip(models, thresholds):
        s = np.asarray(s, dtype=float)
        sp, sn = s[y], s[~y]
        K = (sp[:, None] > sn[None, :]) + 0.5 * (sp[:, None] == sn[None, :])
        auc = np.einsum("bi,ij,bj->b", W_P, K, W_N) / (m * n)
        tp = W_P @ (sp >= thr).astype(float); fp = W_N @ (sn >= thr).astype(float)
        tn = n - fp; fn = m - tp
        with np.errstate(invalid="ignore", divide="ignore"):
            values = {"auc": auc, "accuracy": (tp + tn) / (m + n), "sensitivity": tp / m,
                      "specificity": tn / n,
                      "ppv": np.where(tp + fp > 0, tp / np.where(tp + fp > 0, tp + fp, 1), np.nan),
                      "npv": np.where(tn + fn > 0, tn / np.where(tn + fn > 0, tn + fn, 1), np.nan)}
        q = (1 - level) / 2
        summary = {}
        for key, v in values.items():
            d = v[~np.isnan(v)]
            entry = {"valid": int(d.size)}
            if d.size:
                lo, hi = np.quantile(d, [q, 1 - q], method="linear")
                entry.update(lower=float(lo), upper=float(hi))
            if d.size >= 2:
                entry["se"] = float(np.std(d, ddof=1))
            summary[key] = entry
        summary["auc_replicates"] = auc[:50].tolist()
        out.append(summary)
    return out


rng = np.random.default_rng(7)


def sim(n, prev, shifts, decimals=None):
    y = rng.random(n) < prev
    y[:2] = True; y[2:4] = False
    ms = []
    for sh in shifts:
        s = 1 / (1 + np.exp(-(sh * y + rng.normal(size=n) - 1)))
        ms.append(np.round(s, decimals) if decimals is not None else s)
    return y, ms


cases = []


def add(name, y, models, thresholds, seed, B, level=0.95):
    y = [bool(v) for v in y]
    models = [[float(v) for v in s] for s in models]
    cases.append({"name": name, "labels": [int(v) for v in y], "models": models, "thresholds": thresholds,
                  "seed": str(seed), "replicates": B, "level": level,
                  "results": bootstrap(models, y, thresholds, seed, B, level)})


y = np.array([True] * 24 + [False] * 63)
ms = [1 / (1 + np.exp(-(sh * y + rng.normal(size=87) - 1))) for sh in (2.0, 1.5, 1.0)]
add("paper size 87/24, 3 models", y, ms, [0.45, 0.5, 0.4], 20250909, 2000)
add("tiny 2+2", [0, 1, 0, 1], [[0.1, 0.4, 0.35, 0.8], [0.5, 0.5, 0.2, 0.5]], [0.4, 0.5], 1, 2000)
y, ms = sim(200, 0.4, (1.0, 0.5), decimals=1)
add("discrete n=200", y, ms, [0.3, 0.3], 42, 1000, 0.9)
y = np.array([True] * 3 + [False] * 200)
add("imbalance 3 vs 200", y, [np.where(y, 0.6, 0.3) + rng.normal(0, 0.15, 203)], [0.62], 2**64 - 1, 2000, 0.99)
y, ms = sim(120, 0.3, (1.5, 1.5))
add("threshold above every score", y, ms, [0.5, 2.0], 0, 1000)
y, ms = sim(1000, 0.3, (1.2, 1.0))
add("n=1000", y, ms, [0.35, 0.3], 123456789, 300)
y = np.array([False] * 30 + [True] * 20)
add("perfect separation and constant", y, [np.where(y, 0.8, 0.2) + rng.uniform(-0.1, 0.1, 50), np.full(50, 0.5)],
    [0.5, 0.5], 99, 500)
y, ms = sim(40, 0.5, (0.0,), decimals=2)
add("null model with ties n=40", y, ms, [0.27], 5, 2000, 0.8)

print(json.dumps({"generator": "SeededGenerator (xoshiro256** + SplitMix64), derived(r) per replicate",
                  "numpy": np.__version__, "cases": cases}))
