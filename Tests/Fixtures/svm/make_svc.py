#!/usr/bin/env python3
"""scikit-learn (libsvm) references for SentinelLearn.SVC: decision values of
SVC(kernel="rbf", C=1, gamma="scale") fitted to a tight tolerance (so both solvers sit at
the unique optimum), gamma "scale", and Platt sigmoids fitted to given decision values
(sklearn.calibration._sigmoid_calibration, the same regularised targets as libsvm).
Run: python3 make_svc.py > svc.json"""
import json
import numpy as np
from sklearn.svm import SVC
from sklearn.calibration import _sigmoid_calibration

rng = np.random.default_rng(7)
cases = []
specs = [(203, 2, 0.9), (203, 3, 0.6), (60, 2, 2.0), (120, 3, 0.0), (40, 1, 1.2), (150, 2, 3.5)]
for n, p, sep in specs:
    y = (rng.random(n) < 0.3).astype(int)
    if y.sum() < 3:
        y[:3] = 1
    # stacked-probability-like inputs in (0, 1)
    z = rng.standard_normal((n, p)) + sep * y[:, None]
    X = 1 / (1 + np.exp(-(z - 0.8)))
    Xt = 1 / (1 + np.exp(-(rng.standard_normal((25, p)) - 0.5)))
    svc = SVC(kernel="rbf", C=1.0, gamma="scale", tol=1e-10).fit(X, y)
    dec = svc.decision_function(Xt)
    f = rng.standard_normal(n) * 1.5 + (y - 0.5) * sep
    a, b = _sigmoid_calibration(f, y)
    cases.append({"X": X.tolist(), "y": y.tolist(), "Xtest": Xt.tolist(),
                  "gamma": float(1.0 / (p * X.var())), "decision": dec.tolist(),
                  "n_support": int(svc.support_.size),
                  "platt_f": f.tolist(), "platt_a": float(a), "platt_b": float(b)})
print(json.dumps({"source": "scikit-learn SVC (libsvm), sklearn.calibration._sigmoid_calibration", "cases": cases}))
