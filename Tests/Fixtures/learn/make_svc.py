#!/usr/bin/env python3
"""scikit-learn SVC(kernel="rbf", C=1, gamma="scale", probability=True) references for
SentinelLearn (Tests/Fixtures/learn/svc.json).

Besides dual coefficients, decision values and probabilities, it stores libsvm's internal
Platt cross-validation permutation, reconstructed from scikit-learn's RNG: the libsvm seed is
RandomState(random_state).randint(2**31 - 1), libsvm draws from std::mt19937 (re-implemented
below) through scikit-learn's `bounded_rand_int` (Lemire), and shuffles the class-grouped rows
(class 0 first). The script checks the reconstruction by re-deriving probA_/probB_ from
cross-validated decision values computed with scikit-learn SVC on those folds.
Run: python3 make_svc.py"""
import json, math, warnings
import numpy as np
import sklearn
from sklearn.svm import SVC

warnings.filterwarnings("ignore")


class MT19937:
    def __init__(self, seed):
        self.mt = [0] * 624
        self.mt[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            self.mt[i] = (1812433253 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
        self.i = 624

    def next(self):
        if self.i >= 624:
            for k in range(624):
                y = (self.mt[k] & 0x80000000) | (self.mt[(k + 1) % 624] & 0x7FFFFFFF)
                self.mt[k] = self.mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self.i = 0
        y = self.mt[self.i]; self.i += 1
        y ^= y >> 11; y ^= (y << 7) & 0x9D2C5680; y ^= (y << 15) & 0xEFC60000; y ^= y >> 18
        return y & 0xFFFFFFFF


def bounded(mt, rng):
    x = mt.next(); m = x * rng; l = m & 0xFFFFFFFF
    if l < rng:
        t = (-rng) & 0xFFFFFFFF
        if t >= rng:
            t -= rng
            if t >= rng:
                t %= rng
        while l < t:
            x = mt.next(); m = x * rng; l = m & 0xFFFFFFFF
    return m >> 32


def platt_permutation(n, random_state):
    seed = np.random.RandomState(random_state).randint(np.iinfo("i").max)
    mt = MT19937(int(seed))
    perm = list(range(n))
    for i in range(n):
        j = i + bounded(mt, n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def sigmoid_train(dec, labels):  # libsvm's Newton method, used only to verify the permutation
    prior1 = sum(1 for v in labels if v > 0); prior0 = len(labels) - prior1
    hi, lo = (prior1 + 1.0) / (prior1 + 2.0), 1 / (prior0 + 2.0)
    t = [hi if v > 0 else lo for v in labels]
    A, B = 0.0, math.log((prior0 + 1.0) / (prior1 + 1.0))
    def fv(A, B):
        s = 0.0
        for d, ti in zip(dec, t):
            z = d * A + B
            s += ti * z + math.log1p(math.exp(-z)) if z >= 0 else (ti - 1) * z + math.log1p(math.exp(z))
        return s
    f = fv(A, B)
    for _ in range(100):
        h11 = h22 = 1e-12; h21 = g1 = g2 = 0.0
        for d, ti in zip(dec, t):
            z = d * A + B
            p, q = (math.exp(-z) / (1 + math.exp(-z)), 1 / (1 + math.exp(-z))) if z >= 0 else \
                   (1 / (1 + math.exp(z)), math.exp(z) / (1 + math.exp(z)))
            h11 += d * d * p * q; h22 += p * q; h21 += d * p * q; g1 += d * (ti - p); g2 += ti - p
        if abs(g1) < 1e-5 and abs(g2) < 1e-5:
            break
        det = h11 * h22 - h21 * h21
        dA = -(h22 * g1 - h21 * g2) / det; dB = -(-h21 * g1 + h11 * g2) / det; gd = g1 * dA + g2 * dB
        s = 1.0
        while s >= 1e-10:
            nf = fv(A + s * dA, B + s * dB)
            if nf < f + 1e-4 * s * gd:
                A, B, f = A + s * dA, B + s * dB, nf; break
            s /= 2
        if s < 1e-10:
            break
    return A, B


def cv_decisions(X, y, perm, gamma):
    """libsvm's CV decision values (orientation: positive towards class 0), rows grouped."""
    n = len(y); dec = np.zeros(n)
    for k in range(5):
        b, e = k * n // 5, (k + 1) * n // 5
        tr = perm[:b] + perm[e:]; te = perm[b:e]
        ytr = y[tr]
        if ytr.min() == ytr.max():
            dec[te] = 1.0 if ytr[0] == 0 else -1.0; continue
        # libsvm's sub-problem labels are +1 (class 0) / -1 (class 1), sorted -> class 1 first
        m = SVC(gamma=gamma).fit(X[tr], 1 - ytr)
        dec[te] = m.decision_function(X[te])
    return dec


cases = []
rng = np.random.default_rng(20250909)


def add(name, X, y, random_state, Xtest, gamma="scale"):
    m = SVC(kernel="rbf", C=1.0, gamma=gamma, probability=True, random_state=random_state).fit(X, y)
    order = np.concatenate([np.flatnonzero(y == 0), np.flatnonzero(y == 1)])
    perm = platt_permutation(len(y), random_state)
    dec = cv_decisions(X[order], y[order], perm, m._gamma)
    A, B = sigmoid_train(list(dec), [1 if v == 0 else -1 for v in y[order]])
    assert abs(A - m.probA_[0]) < 1e-9 and abs(B - m.probB_[0]) < 1e-9, (name, A, m.probA_, B, m.probB_)
    cases.append({"name": name, "x": X.tolist(), "y": y.tolist(), "x_test": Xtest.tolist(),
                  "gamma_param": gamma if gamma != "scale" else None, "gamma": float(m._gamma),
                  "random_state": random_state, "platt_permutation": perm,
                  "cv_decision_libsvm_orientation": dec.tolist(),
                  "support": m.support_.tolist(), "dual_coef": m.dual_coef_[0].tolist(),
                  "intercept": float(m.intercept_[0]), "prob_a": float(m.probA_[0]), "prob_b": float(m.probB_[0]),
                  "decision_train": m.decision_function(X).tolist(),
                  "decision_test": m.decision_function(Xtest).tolist(),
                  "proba_train": m.predict_proba(X)[:, 1].tolist(),
                  "proba_test": m.predict_proba(Xtest)[:, 1].tolist()})


def oof_like(n, pos, k, sep):
    y = np.zeros(n, dtype=int); y[rng.permutation(n)[:pos]] = 1
    lat = sep * (y[:, None] - 0.5) + rng.standard_normal((n, k))
    return np.round(1 / (1 + np.exp(-lat)), 6), y


grid = np.round(rng.random((25, 2)), 4)
X, y = oof_like(203, 56, 2, 1.2); add("postfusion_2d_n203", X, y, 20250909, grid)
X, y = oof_like(203, 56, 3, 0.8); add("postfusion_3d_n203_weak", X, y, 0, np.round(rng.random((25, 3)), 4))
X, y = oof_like(60, 30, 2, 4.0); add("nearly_separable_n60", X, y, 1, grid)
X, y = oof_like(40, 10, 2, 1.0); X[5] = X[6]; X[7] = X[6]; add("small_n40_duplicates", X, y, 5, grid)
X = np.round(rng.standard_normal((120, 4)) * [1, 10, 0.1, 3], 5); y = (X[:, 0] + X[:, 1] / 10 + rng.standard_normal(120) > 0.8).astype(int)
add("raw_scales_gamma_fixed", X, y, 3, np.round(rng.standard_normal((20, 4)), 4), gamma=0.2)
X, y = oof_like(150, 15, 2, 1.5); add("imbalanced_15_of_150", X, y, 11, grid)
X, y = oof_like(100, 40, 2, 1.0); X = np.round(X, 1); add("heavy_ties_rounded_0.1", X, y, 2, np.round(grid, 1))
json.dump({"sklearn": sklearn.__version__, "cases": cases}, open("svc.json", "w"))
