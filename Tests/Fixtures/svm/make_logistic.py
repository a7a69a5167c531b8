#!/usr/bin/env python3
"""scikit-learn references for SentinelLearn's logistic learners: the unique optimum of
the L2-penalised log loss, LogisticRegression(C = 1/(alpha*n)) fitted to a tight
tolerance, on z-scored features of varied data (n = 203 like the paper's training
cohort, small n, imbalance, collinear pairs). Run: python3 make_logistic.py > logistic.json"""
import json
import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(11)
cases = []
for n, p, prev, alpha, collinear in [(203, 5, 0.28, 1e-2, False), (203, 12, 0.28, 1e-3, False),
                                     (203, 3, 0.28, 1e-1, True), (60, 4, 0.4, 1e-2, False),
                                     (203, 20, 0.1, 3e-2, False), (100, 2, 0.5, 1.0, False),
                                     (203, 8, 0.28, 3e-3, True)]:
    X = rng.standard_normal((n, p))
    if collinear:
        X[:, 1] = X[:, 0] * 0.9 + 0.1 * rng.standard_normal(n)
    beta = rng.standard_normal(p) * 0.8
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ beta + np.log(prev / (1 - prev)))))).astype(int)
    X = (X - X.mean(0)) / X.std(0)
    m = LogisticRegression(C=1.0 / (alpha * n), tol=1e-12, max_iter=100000).fit(X, y)
    cases.append({"X": X.tolist(), "y": y.tolist(), "alpha": alpha,
                  "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})
print(json.dumps({"source": "scikit-learn LogisticRegression(C=1/(alpha*n)), lbfgs, tol 1e-12", "cases": cases}))
