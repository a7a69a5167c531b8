#!/usr/bin/env python3
"""scikit-learn Lasso / LassoCV reference values for SentinelLearn (Tests/Fixtures/learn/lasso.json).

Features come from fixture_data.matrix (regenerated bit-identically in Swift); targets and
explicit fold assignments are stored. LassoCV gets cv = the explicit folds.
Each case has two LassoCV references: at scikit-learn's defaults (tol 1e-4, max_iter 1000:
its iterations stop on a duality gap of 1e-4 ||y||^2, short of the optimum; SentinelLearn's
`.coordinateDescent` solver repeats them step for step) and, under "exact", run to the optimum
(tol 1e-12, max_iter 10^6; 1e-10 for the p > n case, whose coordinate descent needs over
two minutes for that: the answer SentinelLearn's default `.exact` solver computes directly by
its active-set step; the tests allow 1e-6).
Run: python3 make_lasso.py  (scikit-learn 1.9.1)"""
import json, warnings
import numpy as np
import sklearn
from sklearn.linear_model import Lasso, LassoCV
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler
from fixture_data import matrix

warnings.filterwarnings("ignore")
TIGHT = dict(tol=1e-10, max_iter=1_000_000)
EXACT = dict(tol=1e-12, max_iter=1_000_000)
cases = []


def binary(rng, X, k, positives):
    lat = X[:, :k].sum(1) + 1.5 * rng.standard_normal(X.shape[0])
    y = np.zeros(X.shape[0]); y[np.argsort(-lat, kind="stable")[:positives]] = 1
    return y


def add(name, spec, X, y, stratified, scale, default_tol=False, exact_tol=EXACT["tol"]):
    Z = StandardScaler().fit_transform(X) if scale else X
    n = X.shape[0]
    if stratified:
        cv = StratifiedKFold(5, shuffle=True, random_state=spec["seed"])
    else:
        cv = KFold(5, shuffle=True, random_state=spec["seed"])
    assign = np.zeros(n, dtype=int)
    folds = list(cv.split(Z, y))
    for f, (_, te) in enumerate(folds):
        assign[te] = f
    # LassoCV at scikit-learn's defaults (tol 1e-4, max_iter 1000), as the pipeline runs it:
    # the same coordinate-descent iterations and stopping rule must give the same path.
    params = dict(tol=1e-4, max_iter=1000)
    cvm = LassoCV(alphas=100, cv=folds, **params).fit(Z, y)
    exact = LassoCV(alphas=100, cv=folds, tol=exact_tol, max_iter=EXACT["max_iter"]).fit(Z, y)
    fixed = []
    for k in (5, 40, 90 if X.shape[1] < n else 60):
        a = float(cvm.alphas_[k])
        m = Lasso(alpha=a, **(params if default_tol else TIGHT)).fit(Z, y)
        fixed.append({"alpha": a, "coef": m.coef_.tolist(), "intercept": float(m.intercept_)})
    cases.append({"name": name, "data": spec, "standardize": scale, "y": y.tolist(),
                  "folds": assign.tolist(), "cv_tol": 1e-4, "cv_max_iter": 1000,
                  "tol": (params if default_tol else TIGHT)["tol"],
                  "max_iter": (params if default_tol else TIGHT)["max_iter"],
                  "x_checksum": float(X.sum()), "x_first": float(X[0, 0]), "x_last": float(X[-1, -1]),
                  "fixed": fixed, "alphas": cvm.alphas_.tolist(), "mse_path": cvm.mse_path_.tolist(),
                  "alpha": float(cvm.alpha_), "coef": cvm.coef_.tolist(), "intercept": float(cvm.intercept_),
                  "exact": {"tol": exact_tol, "max_iter": EXACT["max_iter"], "alphas": exact.alphas_.tolist(),
                            "mse_path": exact.mse_path_.tolist(), "alpha": float(exact.alpha_),
                            "coef": exact.coef_.tolist(), "intercept": float(exact.intercept_)}})


rng = np.random.default_rng(20250909)
spec = dict(seed=1, n=203, p=50, blocks=10, load=2.0)
X = matrix(**spec)
beta = np.zeros(50); beta[[0, 3, 11, 27]] = [1.0, -0.7, 0.5, 0.3]
add("continuous_p50_corr", spec, X, X @ beta + rng.standard_normal(203), False, False)

spec = dict(seed=2, n=203, p=120, blocks=20, load=3.0)
X = matrix(**spec)
add("binary_p120_highcorr_scaled", spec, X, binary(rng, X, 3, 56), True, True)

spec = dict(seed=3, n=203, p=300, blocks=30, load=1.5)
X = matrix(**spec)
add("binary_p300_p_gt_n_scaled", spec, X, binary(rng, X, 4, 56), True, True, exact_tol=1e-10)

spec = dict(seed=4, n=203, p=80, blocks=8, load=1.0)
X = matrix(**spec)
add("binary_p80_default_tol", spec, X, binary(rng, X, 2, 40), True, True, default_tol=True)

spec = dict(seed=5, n=40, p=6, blocks=2, load=0.5)
X = matrix(**spec)
y = X[:, 0] - X[:, 1] + 0.5 * rng.standard_normal(40)
X[:, 2] = 3.25  # constant column: scaled to 0, coefficient 0
add("small_constant_column", dict(spec, constant_column=[2, 3.25]), X, y, False, True)

json.dump({"sklearn": sklearn.__version__, "cases": cases}, open("lasso.json", "w"))
