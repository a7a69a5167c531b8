#!/usr/bin/env python3
"""The Python peer of `sentinel evaluate`: the same evaluation work on the same predictions
file, with the vectorised numpy/scipy/statsmodels functions of the reference pipeline
(../shared/reference/pipeline.py): DeLong AUCs and CIs, every paired DeLong test, Youden
thresholds from the training cohort, stratified bootstrap CIs, calibration bins and
recalibration, decision curves. Used only by `make bench`.

    evaluate_reference.py PREDICTIONS.csv --reference-dir DIR [--bootstrap 2000] [--mode numpy|sklearn]
      [--sklearn-replicates N]   (sklearn mode: time N replicates, extrapolate to --bootstrap)

Prints one JSON line: {"seconds": wall time of the work, "import_seconds": ..., ...}.
"""
import time
T0 = time.perf_counter()
import argparse, json, sys, itertools  # noqa: E401,E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("predictions")
    ap.add_argument("--reference-dir", required=True)
    ap.add_argument("--bootstrap", type=int, default=2000)
    ap.add_argument("--mode", choices=["numpy", "sklearn"], default="numpy")
    ap.add_argument("--sklearn-replicates", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    sys.path.insert(0, a.reference_dir)
    import pipeline as ref  # noqa: E402
    t_import = time.perf_counter() - T0
    t1 = time.perf_counter()
    df = pd.read_csv(a.predictions)
    models = [c for c in df.columns if c not in ("id", "cohort", "label")]
    cohorts = list(dict.fromkeys(df["cohort"]))
    train = next((c for c in cohorts if c in ("train", "training")), cohorts[0])
    rng = np.random.default_rng(a.seed)
    d = df[df.cohort == train]
    thr = {m: ref.youden_threshold(d.label.to_numpy(), d[m].to_numpy()) for m in models}
    boot_seconds = 0.0
    replicates_timed = 0
    for c in cohorts:
        d = df[df.cohort == c]
        y = d.label.to_numpy().astype(int)
        P = d[models].to_numpy().T
        aucs, cov = ref.fast_delong(P, y)
        for k, m in enumerate(models):
            ref.delong_ci(aucs[k], cov[k, k])
        for i, j in itertools.combinations(range(len(models)), 2):
            ref.delong_test(P[i], P[j], y)
        n1, n0 = int(y.sum()), int((1 - y).sum())
        for k, m in enumerate(models):
            p = P[k]
            ref.threshold_metrics(y, p, thr[m])
            tb = time.perf_counter()
            if a.mode == "numpy":
                ip, ineg = ref.bootstrap_indices(rng, n1, n0, a.bootstrap)
                out = ref.bootstrap_numpy(p, y, thr[m], ip, ineg)
                replicates_timed += a.bootstrap
            else:
                B = a.sklearn_replicates or a.bootstrap
                ip, ineg = ref.bootstrap_indices(rng, n1, n0, B)
                out = ref.bootstrap_sklearn(p, y, thr[m], ip, ineg)
                replicates_timed += B
            for v in out.values():
                ref.percentile_ci(v)
            boot_seconds += time.perf_counter() - tb
            ref.calibration_bins(y, p)
            ref.calibration_intercept_slope(y, p)
            ref.net_benefit(y, p)
        ref.net_benefit_all(y)
    work = time.perf_counter() - t1
    total_replicates = a.bootstrap * len(models) * len(cohorts)
    extrapolated = work - boot_seconds + boot_seconds * total_replicates / max(replicates_timed, 1)
    print(json.dumps({"seconds": work, "import_seconds": t_import,
                      "process_seconds": time.perf_counter() - T0,
                      "bootstrap_seconds": boot_seconds, "replicates_timed": replicates_timed,
                      "replicates_total": total_replicates,
                      "extrapolated_process_seconds": t_import + extrapolated}))


if __name__ == "__main__":
    main()
