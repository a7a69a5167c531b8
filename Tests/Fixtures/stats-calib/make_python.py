#!/usr/bin/env python3
"""Python reference values for Sentinel calibration and decision curves. Reads cases.json, writes python.json.

- logistic recalibration: statsmodels GLM Binomial on logit(clip(p, 1e-8, 1 - 1e-8)), exactly as
  shared/reference/pipeline.py `calibration_intercept_slope` (y ~ 1 + logit p, and
  y ~ 1 + offset(logit p)), fitted to tol 1e-13; estimates, model-based SEs and 95% Wald CIs;
- binned curve: pipeline.py `calibration_bins` (== sklearn calibration_curve(strategy='quantile')),
  counts and per-bin events; Wilson 95% CIs from statsmodels proportion_confint(method='wilson');
- Brier and scaled Brier (numpy);
- decision curves: dcurves.dca (nper = 100) and pipeline.py `net_benefit` / `net_benefit_all`.
Run: python3 make_python.py   (statsmodels 0.15, dcurves 1.1.7, scikit-learn)
"""
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint
from sklearn.calibration import calibration_curve

# The reference pipeline lives in shared/reference beside the repository; override with
# SENTINEL_REFERENCE=/path/to/reference.
_here = os.path.dirname(os.path.abspath(__file__))
_candidates = [os.environ.get("SENTINEL_REFERENCE", ""),
               os.path.join(_here, "..", "..", "..", "..", "shared", "reference"),
               os.path.join(_here, "..", "..", "..", "..", "..", "shared", "reference")]
sys.path.insert(0, next(c for c in _candidates if c and os.path.exists(os.path.join(c, "pipeline.py"))))
import pipeline  # noqa: E402
from dcurves import dca  # noqa: E402

EPS = 1e-8
data = json.load(open("cases.json"))


def separated(lp, y):
    """No overlap of logit(p) between classes: the slope MLE does not exist."""
    pos, neg = lp[y == 1], lp[y == 0]
    return not (neg.max() > pos.min() and pos.max() > neg.min())


def glm(y, X, offset=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = sm.GLM(y, X, family=sm.families.Binomial(), offset=offset).fit(tol=1e-13, maxiter=200)
    ci = m.conf_int(alpha=0.05)
    return {"params": m.params.tolist(), "bse": m.bse.tolist(), "ci": np.asarray(ci).tolist(),
            "deviance": float(m.deviance)}


def logistic(p, y):
    pc = np.clip(p, EPS, 1 - EPS)
    lp = np.log(pc / (1 - pc))
    out = {}
    if y.min() == y.max():
        return None
    out["citl"] = glm(y, np.ones_like(lp), offset=lp)
    if separated(lp, y):
        out["slope"] = "not_estimable"
    else:
        out["slope"] = glm(y, sm.add_constant(lp, has_constant="add"))
    # The reference pipeline's own function, for the record.
    out["pipeline"] = pipeline.calibration_intercept_slope(y, p)
    return out


def bins(p, y):
    b = pipeline.calibration_bins(y, p, 10)
    edges = np.percentile(p, np.linspace(0, 100, 11))
    ids = np.searchsorted(edges[1:-1], p)
    count = np.bincount(ids, minlength=10)
    events = np.bincount(ids, weights=y, minlength=10).astype(int)
    wilson = []
    for k in range(10):
        if count[k] == 0:
            wilson.append(None)
        else:
            lo, hi = proportion_confint(events[k], count[k], alpha=0.05, method="wilson")
            wilson.append([float(lo), float(hi)])
    pt, pp = calibration_curve(y, p, n_bins=10, strategy="quantile")
    assert np.allclose(pt, b["frac_pos"], atol=1e-15) and np.allclose(pp, b["mean_pred"], atol=1e-15)
    return {"edges": edges.tolist(), "count": count.tolist(), "events": events.tolist(), "wilson": wilson,
            "nonempty_bin": b["bin"].tolist(), "mean_pred": b["mean_pred"].tolist(), "frac_pos": b["frac_pos"].tolist()}


def decision(p, y, thresholds, key):
    df = pd.DataFrame({"y": y, "model": p})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = dca(data=df, outcome="y", modelnames=["model"], thresholds=list(thresholds), nper=100)
    res = {"thresholds": list(map(float, thresholds))}
    for m in ("model", "all", "none"):
        s = d[d["model"] == m].sort_values("threshold")
        res[m] = {"net_benefit": s["net_benefit"].astype(float).tolist(),
                  "net_intervention_avoided": s["net_intervention_avoided"].astype(float).tolist()}
    th = np.asarray(thresholds, float)
    res["pipeline_model"] = pipeline.net_benefit(y, p, th).tolist()
    res["pipeline_all"] = pipeline.net_benefit_all(y, th).tolist()
    return res


out = []
custom = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9]
for c in data["cases"]:
    p = np.asarray(c["p"], float)
    y = np.asarray(c["y"], int)
    prev = y.mean()
    brier = float(np.mean((p - y) ** 2))
    entry = {"name": c["name"], "brier": brier,
             "scaled_brier": (1 - brier / (prev * (1 - prev))) if 0 < prev < 1 else None,
             "logistic": logistic(p, y), "bins": bins(p, y),
             "dca": decision(p, y, pipeline.DCA_THRESHOLDS, "default")}
    if c["name"] in ("paper_val_n87", "ties_one_decimal_n200", "edges_exact_0_1_n300"):
        entry["dca_custom"] = decision(p, y, custom, "custom")
    out.append(entry)

# Generic logistic regressions for LogisticRegressionIRLS (several predictors, offsets, no intercept).
reg_rng = np.random.default_rng(7)
regressions = []
for name, n, k, intercept, use_offset in [("three_predictors_n300", 300, 3, True, False),
                                          ("offset_two_predictors_n150", 150, 2, True, True),
                                          ("no_intercept_n80", 80, 2, False, False),
                                          ("small_n12", 12, 1, True, False),
                                          ("offset_only_intercept_n200", 200, 0, True, True)]:
    X = np.round(reg_rng.normal(0, 1, (n, k)), 6)
    off = np.round(reg_rng.normal(0, 0.5, n), 6) if use_offset else None
    eta = (0.3 if intercept else 0) + X @ np.linspace(0.8, -0.5, k) + (off if off is not None else 0)
    yy = (reg_rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    D = sm.add_constant(X, has_constant="add") if intercept else X
    fit = glm(yy, D, offset=off)
    regressions.append({"name": name, "columns": X.T.tolist(), "y": yy.tolist(), "intercept": intercept,
                        "offset": off.tolist() if off is not None else None, "fit": fit})


# Chi-square upper tail for the Hosmer-Lemeshow p-value (integer df): scipy.stats.chi2.sf.
from scipy.stats import chi2  # noqa: E402
chi2_sf = [[x, k, float(chi2.sf(x, k))] for k in (1, 2, 3, 4, 5, 7, 8, 9, 18)
           for x in (1e-6, 0.3, 1.0, 2.5, 7.9, 15.0, 40.0, 120.0, 700.0)]


def clean(o):
    """NaN (e.g. the pipeline's output for a failed fit) becomes null."""
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, list):
        return [clean(v) for v in o]
    if isinstance(o, float) and not np.isfinite(o):
        return None
    return o


with open("python.json", "w") as f:
    json.dump({"cases": clean(out), "regressions": regressions, "chi2_sf": chi2_sf}, f, separators=(",", ":"), allow_nan=False)
print("wrote python.json")
