#!/usr/bin/env python3
"""Writes a synthetic predictions file in the `sentinel evaluate` format for benchmarks:
three cohorts (train / validation / test) of the given sizes and prevalence 0.28, nine
models whose scores are noisy logistic transforms of a shared latent risk.

    make_predictions.py OUT.csv --sizes 203,87,82 [--seed 1]
"""
import argparse
import numpy as np

NAMES = ["Clinical", "Rad", "DL", "Pre-fusion Clinical+Rad", "Pre-fusion Clinical+DL",
         "Pre-fusion Clinical+Rad+DL", "Post-fusion Clinical+Rad", "Post-fusion Clinical+DL",
         "Post-fusion Clinical+Rad+DL"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sizes", default="203,87,82")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    sizes = [int(s) for s in a.sizes.split(",")]
    rows = []
    with open(a.out, "w") as f:
        f.write("id,cohort,label," + ",".join('"%s"' % n if "," in n else n for n in NAMES) + "\n")
        pid = 0
        for cohort, n in zip(["train", "validation", "test"], sizes):
            y = (rng.random(n) < 0.28).astype(int)
            latent = y * 1.0 + rng.standard_normal(n)
            cols = []
            for k in range(len(NAMES)):
                s = 0.6 + 0.08 * k
                z = s * latent + rng.standard_normal(n) * 0.9 - 1.0
                cols.append(np.round(1 / (1 + np.exp(-z)), 6))
            P = np.column_stack(cols)
            for i in range(n):
                pid += 1
                f.write(f"P{pid},{cohort},{y[i]}," + ",".join(repr(float(v)) for v in P[i]) + "\n")


if __name__ == "__main__":
    main()
