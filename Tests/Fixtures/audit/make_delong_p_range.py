"""Reference values for ConsistencyChecks.deLongPRange (Sentinel audit).

Independent of the Swift closed form: the extreme variances of AUC1 - AUC2 over the unknown
correlation r and the rounding box of the two SEs are found numerically (dense grid refined by
scipy.optimize L-BFGS-B), and p = 2 * scipy.stats.norm.sf(z).

    python3 make_delong_p_range.py > delong_p_range.json
"""
import json
import numpy as np
from scipy.optimize import minimize
from scipy.stats import norm

Z = norm.ppf(0.975)


def half_unit(text):
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** -decimals


def p_range(auc1, ci1, auc2, ci2, rlo, rhi, rounding):
    a1, a2 = float(auc1), float(auc2)
    l1, u1 = map(float, ci1)
    l2, u2 = map(float, ci2)
    dh = half_unit(auc1) + half_unit(auc2) if rounding else 0.0
    h1 = half_unit(ci1[0]) + half_unit(ci1[1]) if rounding else 0.0
    h2 = half_unit(ci2[0]) + half_unit(ci2[1]) if rounding else 0.0
    box = [(max(0, (u1 - l1 - h1) / (2 * Z)), max(0, (u1 - l1 + h1) / (2 * Z))),
           (max(0, (u2 - l2 - h2) / (2 * Z)), max(0, (u2 - l2 + h2) / (2 * Z))),
           (rlo, rhi)]

    def var(x):
        s1, s2, r = x
        return s1 * s1 + s2 * s2 - 2 * r * s1 * s2

    grids = [np.linspace(lo, hi, 41) for lo, hi in box]
    pts = np.array(np.meshgrid(*grids)).reshape(3, -1).T
    values = np.array([var(p) for p in pts])
    results = []
    for sign in (1, -1):  # 1: minimise, -1: maximise
        best = pts[np.argmin(sign * values)]
        res = minimize(lambda x: sign * var(x), best, bounds=box, method="L-BFGS-B",
                       options={"ftol": 1e-15, "gtol": 1e-12})
        results.append(min(sign * res.fun, sign * var(best)) * sign)
    vmin, vmax = results
    d = abs(a1 - a2)

    def p(diff, v):
        if v <= 0:
            return 0.0 if diff > 0 else 1.0
        return min(1.0, 2 * norm.sf(diff / np.sqrt(v)))

    return p(d + dh, vmin), p(max(0.0, d - dh), vmax)


cases = [
    # Liu et al. 2025 Table 3 pairs (Table 2 AUCs and CIs)
    ("0.797", ["0.741", "0.852"], "0.873", ["0.827", "0.919"]),
    ("0.797", ["0.741", "0.852"], "0.881", ["0.836", "0.925"]),
    ("0.873", ["0.827", "0.919"], "0.881", ["0.836", "0.925"]),
    ("0.732", ["0.639", "0.825"], "0.776", ["0.688", "0.863"]),
    ("0.732", ["0.639", "0.825"], "0.845", ["0.769", "0.921"]),
    ("0.776", ["0.688", "0.863"], "0.845", ["0.769", "0.921"]),
    # edge cases: equal AUCs, very unequal widths (edge minimum), two decimals, wide CIs
    ("0.80", ["0.70", "0.90"], "0.80", ["0.72", "0.88"]),
    ("0.700", ["0.690", "0.710"], "0.750", ["0.600", "0.900"]),
    ("0.61", ["0.50", "0.72"], "0.93", ["0.89", "0.97"]),
    ("0.5", ["0.3", "0.7"], "0.9", ["0.8", "1.0"]),
]
out = []
for auc1, ci1, auc2, ci2 in cases:
    for rlo, rhi in [(0.0, 0.9), (0.2, 0.8)]:
        for rounding in (False, True):
            lo, hi = p_range(auc1, ci1, auc2, ci2, rlo, rhi, rounding)
            out.append({"auc1": auc1, "ci1": ci1, "auc2": auc2, "ci2": ci2, "correlation": [rlo, rhi],
                        "rounding": rounding, "p_min": lo, "p_max": hi})
print(json.dumps({"generator": "make_delong_p_range.py (scipy.stats.norm, scipy.optimize)", "cases": out}, indent=1))
