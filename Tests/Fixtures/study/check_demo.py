"""Rough check of the demo cohort's single-modal AUCs (not a test; used to tune
data/demo-cohort.yaml). Reads folders written by DemoCohort.write(to:) (what
`sentinel demo` writes before running the study) and runs a
paper-like pipeline in Python: the reference pipeline's univariate filter, correlation filter
and LassoCV (from ../shared/reference/pipeline.py), then z-scored L2 logistic regression with C
chosen by 5-fold CV AUC, and post-fusion SVM on out-of-fold probabilities.
Usage: python3 check_demo.py DIR [DIR...]
"""
import sys, warnings
import numpy as np, pandas as pd
sys.path.insert(0, "/work/shared/reference")
import pipeline as ref
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score
from sklearn.svm import SVC
warnings.filterwarnings("ignore")

def run(d, seed=0):
    clin = pd.read_csv(f"{d}/clinical.csv")
    rad = pd.read_csv(f"{d}/radiomics.csv").set_index("patient_id").loc[clin.patient_id]
    dl = pd.read_csv(f"{d}/deep.csv").set_index("patient_id").loc[clin.patient_id]
    y = clin.sln.to_numpy(); coh = clin.cohort.to_numpy(); tr = coh == "train"
    cont = ["age", "diameter", "weight", "height", "bmi", "nlr"]
    cats = [c for c in clin.columns[3:] if c not in cont]
    enc = pd.get_dummies(clin[cats], drop_first=True).astype(float)
    C = pd.concat([clin[cont], enc], axis=1)
    blocks = {"Clinical": (C.to_numpy(float), list(C.columns), np.array([False] * len(cont) + [True] * enc.shape[1])),
              "Rad": (rad.to_numpy(float), list(rad.columns), np.zeros(rad.shape[1], bool)),
              "DL": (dl.to_numpy(float), list(dl.columns), np.zeros(dl.shape[1], bool))}
    out, probs, oof = {}, {}, {}
    for name, (X, names, iscat) in blocks.items():
        p, _ = ref.univariate_filter(X[tr], y[tr], iscat)
        sig = np.flatnonzero(p < 0.05)
        if sig.size == 0: sig = np.array([int(np.argmin(p))])
        kept = sig[ref.correlation_filter(X[tr][:, sig], p[sig])]
        nz, alpha, coef = ref.lasso_select(X[tr][:, kept], y[tr], seed)
        if nz.size == 0: nz = np.array([0])
        final = kept[nz]
        model = make_pipeline(StandardScaler(), LogisticRegressionCV(Cs=10, cv=5, scoring="roc_auc", max_iter=5000))
        Xf = X[:, final]
        model.fit(Xf[tr], y[tr])
        probs[name] = model.predict_proba(Xf)[:, 1]
        oof[name] = cross_val_predict(model, Xf[tr], y[tr], cv=StratifiedKFold(5, shuffle=True, random_state=seed), method="predict_proba")[:, 1]
        out[name] = (sig.size, kept.size, final.size,
                     *[roc_auc_score(y[coh == c], probs[name][coh == c]) for c in ("train", "validation", "test")])
    svm = SVC(probability=True, random_state=seed).fit(np.column_stack([oof[k] for k in blocks]), y[tr])
    pf = svm.predict_proba(np.column_stack([probs[k] for k in blocks]))[:, 1]
    out["Post C+R+D"] = (0, 0, 0, *[roc_auc_score(y[coh == c], pf[coh == c]) for c in ("train", "validation", "test")])
    return out

rows = []
for d in sys.argv[1:]:
    o = run(d)
    for k, v in o.items():
        print(f"{d:14s} {k:12s} uni={v[0]:4d} corr={v[1]:4d} lasso={v[2]:3d}  train={v[3]:.3f} val={v[4]:.3f} test={v[5]:.3f}")
        rows.append((k, v[3], v[4], v[5]))
df = pd.DataFrame(rows, columns=["model", "train", "val", "test"])
print(df.groupby("model", sort=False).mean().round(3))
