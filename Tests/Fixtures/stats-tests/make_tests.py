#!/usr/bin/env python3
"""Reference values for SentinelStats hypothesis tests, correlations and descriptive
summaries. Run: python3 make_tests.py > tests.json   (needs Rscript with jsonlite)

Every two-sample and table case is computed by R `stats` (make_tests.R: wilcox.test,
t.test, shapiro.test, chisq.test(correct = FALSE), fisher.test) and by scipy.stats
(mannwhitneyu with R's exact/asymptotic choice, ttest_ind, shapiro,
chi2_contingency(correction = False), fisher_exact for 2x2); the script asserts that the two
agree (1e-9 relative, or 1e-12 absolute) wherever both define the value and stores both."""
import json
import os
import subprocess
import sys
import tempfile
import numpy as np
from scipy import stats

rng = np.random.default_rng(20251126)

def r2(a, d=3):
    return [float(round(v, d)) for v in a]

# ---------------------------------------------------------------- two-sample cases
two = []
def add(name, x, y):
    two.append({"name": name, "x": [float(v) for v in x], "y": [float(v) for v in y]})

add("tiny 1 vs 2", [1.2], [3.4, 5.1])
add("n=3 each, no ties", [0.31, 1.77, -0.4], [2.2, 3.9, 1.1])
add("n=2 vs 3", [5.0, 7.5], [1.0, 2.0, 9.0])
add("small with ties", [1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 7])
add("perfect separation 10 vs 12", np.arange(10) * 0.5, 10 + np.arange(12) * 0.3)
add("49 vs 49 no ties (exact boundary)", rng.normal(0, 1, 49), rng.normal(0.4, 1, 49))
add("50 vs 30 no ties (normal)", rng.normal(0, 1, 50), rng.normal(0.3, 1.5, 30))
add("imbalanced 5 vs 200", rng.normal(1, 1, 5), rng.normal(0, 1, 200))
add("large 300 vs 500 rounded (ties)", r2(rng.normal(0, 1, 300), 1), r2(rng.normal(0.1, 1, 500), 1))
add("heavy ties integers 0..3", rng.integers(0, 4, 40), rng.integers(0, 4, 35))
add("same distribution 20 vs 25", rng.normal(5, 2, 20), rng.normal(5, 2, 25))
add("one group constant", [3.0] * 8, rng.normal(3, 1, 9))
add("huge offset", 1e9 + rng.normal(0, 1, 15), 1e9 + 0.5 + rng.normal(0, 1, 17))
add("lognormal skewed 30 vs 40", rng.lognormal(0, 1, 30), rng.lognormal(0.5, 1, 40))
add("negative values 12 vs 9", -rng.exponential(2, 12), -rng.exponential(1, 9))
add("1 vs 40", [0.9], rng.normal(0, 1, 40))
add("identical samples 6 vs 6", [1.1, 2.3, 3.5, 4.7, 5.9, 6.1], [1.15, 2.35, 3.55, 4.75, 5.95, 6.15])
add("n=8 vs 7 no ties", rng.normal(0, 1, 8), rng.normal(1, 1, 7))
add("uniform 100 vs 120", rng.uniform(0, 1, 100), rng.uniform(0.05, 1, 120))
add("tiny scale 1e-8", 1e-8 * rng.normal(0, 1, 14), 1e-8 * rng.normal(1, 1, 16))
add("binary-like 0/1 60 vs 70", rng.integers(0, 2, 60), rng.integers(0, 2, 70))
add("normal 203-like 60 vs 143", rng.normal(10, 3, 60), rng.normal(11, 3, 143))
add("t-distributed heavy tails 25 vs 25", rng.standard_t(2, 25), rng.standard_t(2, 25) + 1)

# ---------------------------------------------------------------- Shapiro-Wilk samples
sw = []
sw.append([1.0, 2.0, 4.0])
sw.append([1.0, 2.0, 2.0000001])
sw.append([0.0, 1.0, 2.0])
for n in [4, 5, 6, 7, 11, 12, 20, 50, 100, 500, 2000, 5000]:
    sw.append([float(v) for v in rng.normal(0, 1, n)])
sw.append([float(v) for v in rng.exponential(1, 30)])
sw.append([float(v) for v in rng.uniform(0, 1, 25)])
sw.append(r2(rng.normal(0, 1, 40), 0))  # heavy ties
sw.append([float(v) for v in 1e6 + rng.normal(0, 1, 15)])
sw.append([float(v) for v in rng.lognormal(0, 2, 60)])
sw.append([1.0, 1.0, 1.0, 1.0, 10.0])
sw.append([float(v) for v in np.concatenate([rng.normal(0, 1, 30), rng.normal(6, 1, 30)])])

# ---------------------------------------------------------------- contingency tables
tables = [
    [[10, 12], [15, 9]], [[3, 1], [1, 3]], [[0, 5], [6, 0]], [[20, 30], [25, 25]],
    [[1, 9], [11, 3]], [[50, 40], [30, 60]], [[2, 0], [0, 2]], [[7, 8, 9], [10, 2, 4]],
    [[1, 2, 30], [4, 40, 3]], [[12, 5, 7, 3], [20, 11, 2, 1]], [[0, 3, 2, 1, 0], [5, 1, 0, 2, 9]],
    [[60, 25, 10, 4, 1], [120, 70, 40, 20, 13]], [[3, 4, 5], [6, 7, 1], [2, 9, 4]],
    [[10, 1, 0], [2, 12, 3], [1, 2, 15]], [[25, 30, 15], [20, 35, 10], [30, 20, 25]],
    [[5, 3, 2, 1], [1, 4, 3, 2], [2, 1, 6, 3]], [[4, 2, 1, 0, 3], [1, 5, 2, 2, 1], [0, 1, 6, 3, 2], [2, 2, 1, 5, 4]],
    [[40, 3], [30, 9], [20, 12], [10, 20], [2, 25]], [[0, 0, 0], [3, 4, 5], [6, 2, 1]],
    [[100, 90], [85, 110]], [[1, 0], [0, 1]], [[30, 2, 1], [28, 3, 2], [25, 1, 4], [20, 5, 3], [22, 2, 2]],
    [[70, 12, 6, 2], [60, 20, 8, 4], [55, 25, 9, 3]],
    [[50000, 49000], [49500, 50500]], [[3, 0, 1, 2, 0, 4], [20, 31, 12, 8, 15, 2]],
]

inputs = {"two_sample": two, "shapiro": sw, "tables": tables}
with tempfile.TemporaryDirectory() as d:
    fin, fout = os.path.join(d, "in.json"), os.path.join(d, "out.json")
    json.dump(inputs, open(fin, "w"))
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run(["Rscript", os.path.join(here, "make_tests.R"), fin, fout], check=True)
    R = json.load(open(fout))

def fl(v):
    """R numbers arrive as "%.17g" strings (null when undefined)."""
    if isinstance(v, dict):
        return {k: fl(u) for k, u in v.items()}
    if isinstance(v, list):
        return [fl(u) for u in v]
    if isinstance(v, str):
        return float(v)
    return v

R = fl(R)

def agree(a, b, what):
    if a is None or b is None:
        return
    if not (abs(a - b) <= 1e-12 + 1e-9 * abs(b)):
        print(f"R/scipy disagree on {what}: {a!r} vs {b!r}", file=sys.stderr)

out_two = []
for case, r in zip(two, R["two_sample"]):
    x, y = np.array(case["x"]), np.array(case["y"])
    m = "exact" if r["mw_exact"] else "asymptotic"
    s = stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method=m)
    agree(float(s.statistic), r["mw_w"], case["name"] + " U")
    agree(float(s.pvalue), r["mw_p"], case["name"] + " MW p")
    row = dict(case, mw_u=r["mw_w"], mw_p=r["mw_p"], mw_exact=r["mw_exact"], mw_p_scipy=float(s.pvalue))
    sa = stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method="asymptotic")
    row["mw_p_asymptotic_scipy"] = float(sa.pvalue)
    for key, ev in (("student", True), ("welch", False)):
        rr = r[key]
        if rr is not None and np.isfinite(rr["t"]):
            t = stats.ttest_ind(x, y, equal_var=ev)
            agree(float(t.statistic), rr["t"], case["name"] + " " + key + " t")
            agree(float(t.pvalue), rr["p"], case["name"] + " " + key + " p")
            row[key] = {"t": rr["t"], "p": rr["p"], "df": rr["df"]}
        else:
            row[key] = None
    row["shapiro_x"], row["shapiro_y"] = r["shapiro_x"], r["shapiro_y"]
    normal = all(v is not None and v > 0.05 for v in (r["shapiro_x"], r["shapiro_y"]))
    row["continuous_uses_t"] = bool(normal and row["student"] is not None)
    out_two.append(row)

out_sw = []
for x, r in zip(sw, R["shapiro"]):
    s = stats.shapiro(x)
    agree(float(s.statistic), r["w"], f"shapiro W n={len(x)}")
    agree(float(s.pvalue), r["p"], f"shapiro p n={len(x)}")
    out_sw.append({"x": x, "w": r["w"], "p": r["p"], "w_scipy": float(s.statistic), "p_scipy": float(s.pvalue)})

out_tab = []
for t, r in zip(tables, R["tables"]):
    a = np.array(t)
    a = a[a.sum(1) > 0][:, a.sum(0) > 0]
    c = stats.chi2_contingency(a, correction=False)
    agree(float(c.statistic), r["chi2"], f"chi2 {t}")
    agree(float(c.pvalue), r["chi2_p"], f"chi2 p {t}")
    row = {"table": t, "chi2": r["chi2"], "chi2_df": r["chi2_df"], "chi2_p": r["chi2_p"], "fisher_p": r["fisher_p"],
           "expected": c.expected_freq.tolist(), "any_expected_below_5": bool((c.expected_freq < 5).any())}
    if a.shape == (2, 2):
        f = stats.fisher_exact(a)
        agree(float(f.pvalue), r["fisher_p"], f"fisher {t}")
        row["fisher_p_scipy"] = float(f.pvalue)
    out_tab.append(row)

# ---------------------------------------------------------------- correlations
pairs = []
def addpair(name, x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    pairs.append({"name": name, "x": x.tolist(), "y": y.tolist(),
                  "pearson": float(stats.pearsonr(x, y).statistic), "spearman": float(stats.spearmanr(x, y).statistic),
                  "pearson_numpy": float(np.corrcoef(x, y)[0, 1])})
addpair("n=2", [1.0, 2.0], [3.0, 1.0])
addpair("n=3", [1.0, 2.0, 4.0], [1.0, 3.0, 2.0])
addpair("perfect positive", np.arange(10.0), 3 * np.arange(10.0) + 1)
addpair("perfect negative", np.arange(7.0), -2 * np.arange(7.0))
z = rng.normal(0, 1, 200)
addpair("correlated n=200", z, 0.6 * z + 0.8 * rng.normal(0, 1, 200))
addpair("independent n=1000", rng.normal(0, 1, 1000), rng.normal(0, 1, 1000))
addpair("ties both", rng.integers(0, 5, 50), rng.integers(0, 3, 50))
addpair("monotone nonlinear", np.arange(1.0, 21.0), np.exp(np.arange(1.0, 21.0) / 3))
addpair("huge offset", 1e9 + rng.normal(0, 1, 30), 1e9 + rng.normal(0, 1, 30))
addpair("tiny scale", 1e-9 * rng.normal(0, 1, 30), 1e-9 * rng.normal(0, 1, 30))
addpair("binary vs continuous", rng.integers(0, 2, 40), rng.normal(0, 1, 40))
w = rng.lognormal(0, 1.5, 80)
addpair("skewed", w, w ** 2 + rng.normal(0, 1, 80))
addpair("outlier", list(range(19)) + [100.0], list(range(20)))
for k in range(8):
    n = int(rng.integers(4, 60))
    a = rng.normal(0, 1, n)
    addpair(f"random {k} n={n}", a, rng.uniform(-1, 1) * a + rng.normal(0, 1, n))

rows, cols = 60, 25
M = rng.normal(0, 1, (rows, cols))
M[:, 1] = M[:, 0] * 0.9 + 0.1 * M[:, 1]
M[:, 2] = np.round(M[:, 2])           # ties
M[:, 3] = rng.integers(0, 2, rows)     # binary
M[:, 4] = np.exp(M[:, 5])              # monotone transform
M[:, 6] = 1e6 + M[:, 6]                # offset
M[:, 7] = -M[:, 0]
matrix = {"rows": rows, "columns": cols, "data": M.ravel().tolist(),
          "pearson": np.corrcoef(M, rowvar=False).ravel().tolist(),
          "spearman": stats.spearmanr(M).statistic.ravel().tolist()}

# ---------------------------------------------------------------- descriptive summaries
samples = [
    [1.0], [2.0, 5.0], [3.0, 1.0, 2.0], [1.0, float("nan"), 3.0, 2.0, float("nan")],
    [4.0, 4.0, 4.0, 4.0], list(range(10)), [0.1] * 7 + [0.2],
]
for n in [5, 11, 50, 203, 1000]:
    samples.append(rng.normal(50, 10, n).tolist())
samples.append(rng.lognormal(0, 2, 99).tolist())
samples.append((1e9 + rng.normal(0, 1, 25)).tolist())
samples.append(np.round(rng.normal(0, 3, 40)).tolist())
samples.append((-rng.exponential(3, 17)).tolist())
s = rng.normal(0, 1, 30); s[[2, 7, 19]] = np.nan
samples.append(s.tolist())
samples.append([1e-300, 2e-300, 5e-300])
samples.append(rng.integers(0, 100, 64).astype(float).tolist())
samples.append([-1.5, 7.25])
desc = []
for v in samples:
    a = np.array(v, float)
    p = a[~np.isnan(a)]
    desc.append({"x": [None if np.isnan(t) else t for t in a.tolist()], "n": int(p.size), "missing": int(np.isnan(a).sum()),
                 "mean": float(np.mean(p)), "sd": float(np.std(p, ddof=1)) if p.size > 1 else None,
                 "median": float(np.percentile(p, 50)), "q1": float(np.percentile(p, 25)),
                 "q3": float(np.percentile(p, 75)), "min": float(p.min()), "max": float(p.max())})
ranks = []
rank_inputs = [[3.0, 1.0, 2.0], [1.0, 1.0, 1.0], [2.0, 1.0, 2.0, 3.0, 1.0], np.round(rng.normal(0, 2, 30)).tolist(), [5.0], []]
rank_inputs += [rng.integers(0, k, n).astype(float).tolist() for k, n in [(2, 10), (3, 25), (10, 50), (100, 60), (5, 200)]]
rank_inputs += [rng.normal(0, 1, n).tolist() for n in [2, 7, 40, 500]]
rank_inputs += [[-0.0, 0.0, 1e-300, -1e-300], [1e308, -1e308, 1e308], [2.5, 2.5, 1.5, 1.5, 3.5, 3.5, 3.5], list(range(15, 0, -1)),
                [0.1 + 0.2, 0.3, 0.30000000000000004], [7.0] * 12]
for v in rank_inputs:
    ranks.append({"x": list(map(float, v)), "ranks": stats.rankdata(v).tolist() if len(v) else []})

print(json.dumps({"two_sample": out_two, "shapiro": out_sw, "tables": out_tab, "pairs": pairs,
                  "matrix": matrix, "summaries": desc, "ranks": ranks}))
