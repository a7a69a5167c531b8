"""Synthetic study for the pipeline tests, and the expected selection steps computed
independently with scipy.

Writes study/{study.yaml, clinical.csv, rad.csv, dl.csv} (120 patients: 70 training, two
evaluation cohorts of 25; Clinical 3 continuous + 2 binary, Rad 30, DL 20 columns) and
selection.json: per feature the univariate p-value and test, and per feature set the
features kept after the univariate step and after the correlation filter.

Rules (issue 3, as Sentinel implements them):
- continuous: Student t-test (pooled) when both outcome groups pass Shapiro-Wilk (p > 0.05),
  else Mann-Whitney as R wilcox.test: exact when both groups < 50 and no ties, else the
  normal approximation with tie and continuity correction;
- 0/1 columns: Fisher's exact test when any expected count < 5, else chi-square without
  continuity correction; constant columns are never selected;
- keep p < 0.05 (else the single lowest-p feature);
- correlation filter: greedy in ascending p (ties: column order), drop a feature whose
  |r| > 0.75 with an already kept one; Pearson when both features' pooled training values
  pass Shapiro-Wilk (categorical columns never do), else Spearman.
Missing continuous cells are imputed with the training median.
Then LASSO (scikit-learn LassoCV, 100 alphas, eps 1e-3) with explicit stratified folds, run to
the optimum (tol 1e-14, max_iter 10^6): Sentinel's LassoCV solves every alpha exactly (active-set
step), which scikit-learn's coordinate descent approaches as its tol goes to 0.
Run: python3 make_selection.py   (numpy, scipy, scikit-learn)
"""
import json
import os

import numpy as np
from scipy import stats
from sklearn.linear_model import LassoCV

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "study")
rng = np.random.default_rng(20250909)

N, N_TRAIN = 120, 70
cohort = ["train"] * N_TRAIN + ["internal"] * 25 + ["external"] * 25
latent = rng.normal(size=N)
logit = -0.4 + 2.5 * latent
sln = (rng.uniform(size=N) < 1 / (1 + np.exp(-logit))).astype(int)

clin = {
    "age": np.round(55 + 9 * rng.normal(size=N) + 6 * latent, 1),
    "size": np.round(np.exp(2.6 + 0.35 * rng.normal(size=N) + 0.2 * latent), 2),
    "nlr": rng.poisson(3 + 0.8 * (latent > 0.5), size=N).astype(float),  # ties -> normal approximation
    "margin": (rng.uniform(size=N) < 0.3 + 0.35 * (latent > 0)).astype(int),
    "lateral": (rng.uniform(size=N) < 0.08).astype(int),  # rare -> Fisher
}
size_missing = [3, 17, 40, 90]  # three training cells and one evaluation cell

factors = rng.normal(size=(N, 6))
rad = {}
for j in range(30):
    f = j % 6
    signal = 0.9 if j < 8 else (0.3 if j < 14 else 0.0)
    v = factors[:, f] * (1.0 if j < 18 else 0.4) + 0.5 * rng.normal(size=N) + signal * latent
    if j % 4 == 1:
        v = np.exp(0.8 * v)  # skewed -> Mann-Whitney / Spearman
    rad[f"rad_{j:03d}"] = v
dl = {}
dfac = rng.normal(size=(N, 4))
for j in range(20):
    v = dfac[:, j % 4] + 0.6 * rng.normal(size=N) + (1.0 if j < 6 else 0.2) * latent
    if j % 3 == 0:
        v = np.maximum(v, 0)  # ReLU: many tied zeros
    dl[f"dl_{j:02d}"] = np.round(v, 6)

os.makedirs(OUT, exist_ok=True)
ids = [f"S{i:03d}" for i in range(N)]


def fmt(x):
    return repr(float(x))


with open(os.path.join(OUT, "clinical.csv"), "w") as fh:
    fh.write("id,cohort,sln,age,size,nlr,margin,lateral\n")
    for i in range(N):
        size = "" if i in size_missing else fmt(clin["size"][i])
        fh.write(f"{ids[i]},{cohort[i]},{sln[i]},{fmt(clin['age'][i])},{size},{fmt(clin['nlr'][i])},"
                 f"{clin['margin'][i]},{clin['lateral'][i]}\n")
order = rng.permutation(N)  # the radiomics file lists patients in another order
with open(os.path.join(OUT, "rad.csv"), "w") as fh:
    fh.write("id," + ",".join(rad) + "\n")
    for i in order:
        fh.write(ids[i] + "," + ",".join(fmt(rad[k][i]) for k in rad) + "\n")
with open(os.path.join(OUT, "dl.csv"), "w") as fh:
    fh.write("id," + ",".join(dl) + "\n")
    for i in range(N):
        fh.write(ids[i] + "," + ",".join(fmt(dl[k][i]) for k in dl) + "\n")
with open(os.path.join(OUT, "study.yaml"), "w") as fh:
    fh.write("""title: Synthetic pipeline test study
data: [clinical.csv, rad.csv, dl.csv]
id: id
outcome: sln
cohort: {column: cohort, training: train}
modalities:
  - name: Clinical
    continuous: [age, size, nlr]
    categorical: [margin, lateral]
  - name: Rad
    columns: "rad_*"
  - name: DL
    columns: ["dl_*"]
selection: {p: 0.05, correlation: 0.75, lasso_folds: 5}
seed: 11
bootstrap: 200
""")

# ---- independent selection -------------------------------------------------------------
train = np.arange(N_TRAIN)
y = sln[train].astype(bool)
size = clin["size"].copy()
size[size_missing] = np.nan
size[np.isnan(size)] = np.median(size[train][~np.isnan(size[train])])
columns = {"age": clin["age"], "size": size, "nlr": clin["nlr"],
           "margin": clin["margin"].astype(float), "lateral": clin["lateral"].astype(float)}
categorical = {"margin", "lateral"}
modality_of = {k: "Clinical" for k in columns}
for k, v in rad.items():
    columns[k], modality_of[k] = v, "Rad"
for k, v in dl.items():
    columns[k], modality_of[k] = v, "DL"
names = list(columns)


def shapiro_passes(v):
    if len(v) < 3 or np.all(v == v[0]):
        return False
    return stats.shapiro(v).pvalue > 0.05


def mann_whitney(a, b):
    pooled = np.concatenate([a, b])
    ties = len(np.unique(pooled)) < len(pooled)
    if len(a) < 50 and len(b) < 50 and not ties:
        return stats.mannwhitneyu(a, b, alternative="two-sided", method="exact").pvalue, "Mann-Whitney U (exact)"
    return (stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic", use_continuity=True).pvalue,
            "Mann-Whitney U (normal approximation)")


p, test, normal = {}, {}, {}
for k in names:
    v = columns[k][train]
    normal[k] = (k not in categorical) and shapiro_passes(v)
    if np.all(v == v[0]):
        p[k], test[k] = 1.0, "constant"
    elif k in categorical:
        table = np.array([[np.sum((v == lv) & (y == o)) for lv in (0.0, 1.0)] for o in (False, True)])
        expected = stats.contingency.expected_freq(table)
        if (expected < 5).any():
            p[k], test[k] = stats.fisher_exact(table).pvalue, "Fisher"
        else:
            p[k], test[k] = stats.chi2_contingency(table, correction=False).pvalue, "chi-square"
    else:
        pos, neg = v[y], v[~y]
        if shapiro_passes(pos) and shapiro_passes(neg):
            p[k], test[k] = stats.ttest_ind(pos, neg, equal_var=True).pvalue, "Student t"
        else:
            p[k], test[k] = mann_whitney(pos, neg)

fold_of = np.zeros(N_TRAIN, dtype=int)
for label in (True, False):
    members = np.flatnonzero(y == label)
    fold_of[members] = np.arange(len(members)) % 5
folds = [np.flatnonzero(fold_of == f) for f in range(5)]
margins = []
sets = {"Clinical": ["Clinical"], "Rad": ["Rad"], "DL": ["DL"], "Clinical+Rad": ["Clinical", "Rad"],
        "Clinical+DL": ["Clinical", "DL"], "Clinical+Rad+DL": ["Clinical", "Rad", "DL"]}
expected_sets = []
for set_name, mods in sets.items():
    cand = [k for k in names if modality_of[k] in mods and test[k] != "constant"]
    by_p = sorted(cand, key=lambda k: (p[k], names.index(k)))
    uni = [k for k in by_p if p[k] < 0.05] or by_p[:1]
    margins += [abs(p[k] - 0.05) for k in by_p]
    kept = []
    for k in uni:
        redundant = False
        for m in kept:
            a, b = columns[k][train], columns[m][train]
            r = stats.pearsonr(a, b)[0] if normal[k] and normal[m] else stats.spearmanr(a, b)[0]
            margins.append(abs(abs(r) - 0.75))
            if abs(r) > 0.75:
                redundant = True
                break
        if not redundant:
            kept.append(k)
    # LASSO on the z-scored decorrelated features (population SD, as StandardScaler), with
    # explicit stratified folds: the i-th event / non-event of the training rows goes to fold i % 5.
    X = np.column_stack([columns[k][train] for k in kept])
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    lasso = LassoCV(cv=[(np.setdiff1d(train, f), f) for f in folds], eps=1e-3, alphas=100, tol=1e-14,
                    max_iter=1_000_000).fit(Z, y.astype(float))
    final = [k for k, c in zip(kept, lasso.coef_) if c != 0] or kept[:1]
    expected_sets.append({"name": set_name, "univariate": uni, "correlation": kept, "lasso": final,
                          "lasso_alpha": lasso.alpha_, "lasso_coefficients": list(lasso.coef_),
                          "lasso_mean_mse": list(lasso.mse_path_.mean(axis=1))})

print("closest p or |r| to its threshold:", min(margins))
assert min(margins) > 1e-6, "a decision is too close to its threshold; change the seed"
with open(os.path.join(HERE, "selection.json"), "w") as fh:
    json.dump({"features": [{"name": k, "p": p[k], "test": test[k], "normal": bool(normal[k])} for k in names],
               "lasso_folds": [f.tolist() for f in folds], "feature_sets": expected_sets}, fh, indent=1)
    fh.write("\n")
