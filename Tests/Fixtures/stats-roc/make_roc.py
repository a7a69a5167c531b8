#!/usr/bin/env python3
"""Reference ROC curves, AUCs, Youden thresholds, threshold metrics and Wilson intervals.

- curves: sklearn.metrics.roc_curve(y, s, drop_intermediate=False) and roc_auc_score;
- youden: the exact maximiser of TP*controls - FP*cases over the distinct scores, ties to the
  highest threshold (computed here with integers), plus sklearn's float argmax for comparison;
- metrics: one cohort's Youden threshold applied to the next cohort (curves[i+1]) and a
  threshold above every score applied to the cohort itself; confusion counts by
  numpy and every proportion's Wilson interval by statsmodels proportion_confint(method="wilson")
  (None when the denominator is 0);
- wilson: a grid of (count, nobs, level) through statsmodels.
Run: python3 make_roc.py > roc.json
"""
import json
import numpy as np
import sklearn
import statsmodels
from sklearn.metrics import roc_auc_score, roc_curve
from statsmodels.stats.proportion import proportion_confint

rng = np.random.default_rng(20250909)


def num(x):
    x = float(x)
    return x if np.isfinite(x) else ("Inf" if x > 0 else "-Inf")


def sim(n, prev, shift, decimals=None):
    y = (rng.random(n) < prev).astype(int)
    y[:1] = 1
    y[1:2] = 0
    s = 1 / (1 + np.exp(-(shift * y + rng.normal(size=n) - 1)))
    if decimals is not None:
        s = np.round(s, decimals)
    return y, s


inputs = [
    ("1+1", np.array([0, 1]), np.array([0.2, 0.7])),
    ("1+1 tie", np.array([1, 0]), np.array([0.5, 0.5])),
    ("2+2 distinct", np.array([0, 1, 0, 1]), np.array([0.1, 0.4, 0.35, 0.8])),
    ("2+2 ties", np.array([1, 0, 1, 0]), np.array([0.5, 0.5, 0.7, 0.2])),
    ("constant", np.array([0, 1, 1, 0, 0]), np.array([0.3] * 5)),
    ("perfect", np.array([0, 0, 0, 1, 1]), np.array([0.1, 0.2, 0.3, 0.8, 0.9])),
    ("perfect reversed", np.array([1, 1, 0, 0, 0]), np.array([0.1, 0.2, 0.3, 0.8, 0.9])),
    ("binary scores", *(lambda y, s: (y, (s > 0.4).astype(float)))(*sim(150, 0.5, 1.0))),
    ("discrete 1-5", *(lambda y, s: (y, np.ceil(s * 5)))(*sim(200, 0.4, 1.2))),
    ("negative and zero scores", np.array([0, 1, 0, 1, 1, 0]), np.array([-2.0, 0.0, -0.0, 3.5, -1.0, 0.0])),
]
for name, n, prev, shift, dec in [("n=50", 50, 0.4, 1.5, None), ("n=87 paper", 87, 0.28, 2.0, None),
                                  ("n=203 paper", 203, 0.28, 1.7, None), ("n=500 2 decimals", 500, 0.3, 1.0, 2),
                                  ("n=1500", 1500, 0.25, 1.3, None), ("imbalance 1%", 600, 0.01, 2.0, None),
                                  ("imbalance 97%", 300, 0.97, 0.7, None), ("n=1000 1 decimal", 1000, 0.35, 0.8, 1),
                                  ("worse than chance", 120, 0.4, -1.2, None), ("n=30 ties", 30, 0.5, 0.5, 1),
                                  ("null model", 400, 0.3, 0.0, None), ("strong", 100, 0.3, 5.0, None)]:
    y, s = sim(n, prev, shift, dec)
    inputs.append((name, y, s))


def youden_exact(y, s):
    p, n = int(y.sum()), int((1 - y).sum())
    best, thr = None, None
    for t in sorted(set(s.tolist()), reverse=True):
        pred = s >= t
        j = int((pred & (y == 1)).sum()) * n - int((pred & (y == 0)).sum()) * p
        if best is None or j > best:
            best, thr = j, t
    return thr


def proportion(k, n, level):
    if n == 0:
        return None
    lo, hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
    return {"successes": int(k), "trials": int(n), "estimate": k / n, "lower": float(lo), "upper": float(hi)}


def metrics(y, s, thr, level):
    pred = s >= thr
    tp = int((pred & (y == 1)).sum()); fp = int((pred & (y == 0)).sum())
    tn = int((~pred & (y == 0)).sum()); fn = int((~pred & (y == 1)).sum())
    return {"threshold": thr, "level": level, "tp": tp, "fp": fp, "tn": tn, "fn": fn,
            "accuracy": proportion(tp + tn, tp + fp + tn + fn, level),
            "sensitivity": proportion(tp, tp + fn, level), "specificity": proportion(tn, tn + fp, level),
            "ppv": proportion(tp, tp + fp, level), "npv": proportion(tn, tn + fn, level)}


curves, youden, applied = [], [], []
for i, (name, y, s) in enumerate(inputs):
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    curves.append({"name": name, "labels": y.tolist(), "scores": s.tolist(), "fpr": fpr.tolist(),
                   "tpr": tpr.tolist(), "thresholds": [num(t) for t in thr],
                   "auc": float(roc_auc_score(y, s))})
    j = tpr - fpr
    youden.append({"curve": i, "threshold": youden_exact(y, s),
                   "sklearn_argmax_threshold": num(thr[int(np.argmax(j))])})
    # apply this cohort's threshold to the next cohort (a different sample), and to itself
    other_name, oy, os_ = inputs[(i + 1) % len(inputs)]
    level = [0.95, 0.9, 0.99][i % 3]
    t = youden_exact(y, s)
    applied.append({"name": f"{name} -> {other_name}", "curve": (i + 1) % len(inputs),
                    **metrics(oy, os_, t, level)})
    applied.append({"name": f"{name} above max", "curve": i, **metrics(y, s, float(s.max()) + 1.0, level)})

wilson = []
for k, n in [(0, 1), (1, 1), (0, 10), (10, 10), (3, 10), (5, 10), (1, 2), (7, 87), (24, 87), (56, 203),
             (150, 203), (1, 1000), (999, 1000), (500, 1000), (0, 5000), (12345, 20000), (2, 3), (19, 20),
             (33, 34), (1, 37)]:
    for level in (0.95, 0.9, 0.99):
        lo, hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
        wilson.append({"successes": k, "trials": n, "level": level, "lower": float(lo), "upper": float(hi)})

print(json.dumps({"reference": f"scikit-learn {sklearn.__version__}, statsmodels {statsmodels.__version__}",
                  "curves": curves, "youden": youden, "metrics": applied, "wilson": wilson}))
