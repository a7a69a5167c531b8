"""Reference cross-validated membership-model AUCs for CaseMix.crossValidatedAUC (scikit-learn).

Run from this folder: python3 make_membership.py  -> membership.json
Per fold: StandardScaler fitted on the training fold, LogisticRegression(C = 1/(1e-4 * n_train),
lbfgs, tight tolerance), out-of-fold probabilities pooled, roc_auc_score over all rows.
"""
import json
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(7)
cases = []
for name, n0, n1, p, shift in [("overlap", 50, 40, 3, 0.2), ("shifted", 60, 30, 2, 1.5),
                               ("separable", 25, 25, 1, 6.0), ("wide", 80, 20, 6, 0.5)]:
    x = np.vstack([rng.normal(0, 1, (n0, p)), rng.normal(shift, 1, (n1, p))])
    x[:, 0] = np.round(x[:, 0], 3)  # ties
    y = np.array([0] * n0 + [1] * n1)
    folds = rng.permutation(np.arange(len(y)) % 5)
    oof = np.zeros(len(y))
    for k in range(5):
        tr, te = folds != k, folds == k
        sc = StandardScaler().fit(x[tr])
        m = LogisticRegression(C=1 / (1e-4 * tr.sum()), tol=1e-12, max_iter=10000).fit(sc.transform(x[tr]), y[tr])
        oof[te] = m.predict_proba(sc.transform(x[te]))[:, 1]
    cases.append(dict(name=name, x=x.tolist(), labels=y.tolist(), folds=folds.tolist(), auc=roc_auc_score(y, oof)))
json.dump(cases, open("membership.json", "w"))
