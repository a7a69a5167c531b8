#!/usr/bin/env python3
"""scikit-learn StandardScaler reference (Tests/Fixtures/learn/preprocessing.json).
Run: python3 make_preprocessing.py"""
import json
import numpy as np
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(3)
mats = {
    "mixed_scales_with_constant_column": np.column_stack([
        rng.normal(50, 10, 25), np.full(25, 7.5), rng.lognormal(0, 1, 25) * 1e4, rng.integers(0, 2, 25)]),
    "single_row": np.array([[1.0, -2.0, 3.0]]),
    "tiny_values_and_ties": np.array([[1e-12, 5.0], [2e-12, 5.0], [2e-12, 6.0], [3e-12, 5.0]]),
    "large_offset": rng.normal(1e6, 1.0, (30, 2)),
}
out = []
for name, X in mats.items():
    s = StandardScaler().fit(X)
    out.append({"name": name, "x": X.tolist(), "mean": s.mean_.tolist(), "scale": s.scale_.tolist(),
                "z": s.transform(X).tolist()})
json.dump({"scaler": out}, open("preprocessing.json", "w"))
