#!/usr/bin/env python3
"""scikit-learn LogisticRegression(C = 1/(alpha*n)) optima for SentinelLearn
(Tests/Fixtures/learn/logistic.json): the exact L2 logistic solver must match within 1e-6 and
the SGD solver within 1e-3 relative. Features from fixture_data.matrix (z-scored in the test
and here with StandardScaler); labels stored. Run: python3 make_logistic.py"""
import json, warnings
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from fixture_data import matrix

warnings.filterwarnings("ignore")
rng = np.random.default_rng(7)
cases = []


def add(name, spec, y, alphas=(1e-4, 1e-2, 1.0)):
    X = StandardScaler().fit_transform(matrix(**spec))
    n = X.shape[0]
    fits = []
    for a in alphas:
        m = LogisticRegression(C=1.0 / (a * n), tol=1e-13, max_iter=100000).fit(X, y)
        fits.append({"alpha": a, "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]),
                     "proba_first": float(m.predict_proba(X[:1])[0, 1])})
    cases.append({"name": name, "data": spec, "y": [int(v) for v in y], "fits": fits})


def labels(spec, k, positives, noise=1.0):
    X = matrix(**spec)
    lat = X[:, :k].sum(1) + noise * rng.standard_normal(X.shape[0])
    y = np.zeros(X.shape[0], dtype=int); y[np.argsort(-lat, kind="stable")[:positives]] = 1
    return y


s = dict(seed=11, n=203, p=5, blocks=5, load=0.0); add("balanced_p5", s, labels(s, 2, 100))
s = dict(seed=12, n=203, p=12, blocks=3, load=1.0); add("paper_prevalence_p12_corr", s, labels(s, 3, 56))
s = dict(seed=13, n=203, p=8, blocks=8, load=0.0); add("imbalanced_20_of_203", s, labels(s, 2, 20))
s = dict(seed=14, n=60, p=3, blocks=3, load=0.0); add("perfectly_separable", s, labels(s, 1, 30, noise=0.0))
s = dict(seed=15, n=12, p=2, blocks=2, load=0.0); add("tiny_n12", s, labels(s, 1, 5))
s = dict(seed=16, n=203, p=30, blocks=6, load=1.5); add("p30_correlated", s, labels(s, 6, 56))
json.dump({"sklearn": sklearn.__version__, "cases": cases}, open("logistic.json", "w"))
