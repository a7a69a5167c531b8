#!/usr/bin/env python3
"""Inputs shared by the calibration / decision-curve fixtures (deterministic, numpy seed 20261126).

Run from this folder, in order:
    python3 make_cases.py          # -> cases.json  (probabilities + labels per case)
    Rscript make_r.R               # -> r.json      (R lowess, rms::val.prob, Hosmer-Lemeshow)
    python3 make_python.py         # -> python.json (statsmodels GLM, Wilson, pipeline.py bins, dcurves)
Probabilities are rounded to 12 significant digits so that JSON round-trips exactly.
"""
import json
import numpy as np

rng = np.random.default_rng(20261126)


def expit(x):
    return 1 / (1 + np.exp(-x))


def draw(n, prevalence=0.3, scale=1.0, shift=0.0, sep=1.5):
    """Labels from a latent logistic model, predictions a (mis)calibrated version of the truth."""
    y = (rng.random(n) < prevalence).astype(int)
    if y.min() == y.max():
        y[0] = 1 - y[0]
    lp = np.log(prevalence / (1 - prevalence)) + sep * (y - prevalence) + rng.normal(0, 1.0, n)
    p = expit(scale * lp + shift)
    return p, y


def r12(p):
    return [float(f"{v:.12g}") for v in p]


cases = []


def add(name, p, y, note):
    p = np.asarray(p, float)
    y = np.asarray(y, int)
    cases.append({"name": name, "note": note, "p": r12(p), "y": [int(v) for v in y]})


add("tiny_n5", [0.1, 0.4, 0.35, 0.8, 0.6], [0, 0, 1, 1, 0], "smallest mixed case")
add("n2", [0.2, 0.7], [1, 0], "one case one control, reversed")
p, y = draw(10); add("n10", p, y, "small n")
p, y = draw(30, prevalence=0.4); add("n30", p, y, "small n")
p, y = draw(87, prevalence=24 / 87); add("paper_val_n87", p, y, "paper validation size")
p, y = draw(203, prevalence=56 / 203); add("paper_train_n203", p, y, "paper training size")
p, y = draw(500, scale=2.0); add("overconfident_n500", p, y, "slope < 1")
p, y = draw(500, scale=0.4); add("underconfident_n500", p, y, "slope > 1")
p, y = draw(400, shift=1.0); add("overpredicting_n400", p, y, "calibration-in-the-large < 0")
p, y = draw(2000, prevalence=0.2); add("n2000", p, y, "moderate n")
p, y = draw(10000, prevalence=0.35, sep=2.0); add("large_n10000", p, y, "large n")
p, y = draw(400, prevalence=0.05); add("rare_events_n400", p, y, "5% prevalence")
p, y = draw(300, prevalence=0.95); add("common_events_n300", p, y, "95% prevalence")
p, y = draw(200); add("ties_one_decimal_n200", np.round(p, 1), y, "many ties: one decimal")
p, y = draw(150); q = np.select([p < 0.25, p < 0.5], [0.2, 0.4], 0.7); add("three_values_n150", q, y, "three distinct values")
p, y = draw(120); q = np.where(p < np.median(p), 0.25, 0.6); add("two_values_n120", q, y, "two distinct values")
p, y = draw(300); p[:6] = 0.0; p[6:12] = 1.0; y[:6] = [0, 0, 0, 1, 0, 0]; y[6:12] = [1, 1, 0, 1, 1, 1]
add("edges_exact_0_1_n300", p, y, "predictions exactly 0 and 1 (clipped at eps for the logistic fits)")
p, y = draw(250, scale=4.0); p[:5] = 1e-12; p[5:10] = 1 - 1e-11; add("near_edges_n250", p, y, "predictions within 1e-11 of 0/1")
y = (rng.random(100) < 0.3).astype(int); add("constant_0.3_n100", np.full(100, 0.3), y, "constant predictions")
y = (rng.random(60) < 0.5).astype(int); add("constant_0.5_n60", np.full(60, 0.5), y, "constant 0.5: Spiegelhalter undefined")
y = np.r_[np.zeros(40, int), np.ones(20, int)]; p = np.r_[rng.uniform(0.05, 0.45, 40), rng.uniform(0.55, 0.95, 20)]
add("perfect_separation_n60", p, y, "complete separation: slope not estimable")
y = np.r_[np.zeros(30, int), np.ones(30, int)]; p = np.r_[rng.uniform(0.1, 0.5, 30), rng.uniform(0.5, 0.9, 30)]; p[29] = 0.5; p[30] = 0.5
add("quasi_separation_n60", p, y, "quasi-complete separation (tie at the boundary)")
p, y = draw(200); add("anti_informative_n200", 1 - p, y, "reversed predictions, negative slope")
p, y = draw(1000, prevalence=0.5, sep=0.2); add("uninformative_n1000", p, y, "weak signal, slope near 0")
p = rng.uniform(0, 1, 700); y = (rng.random(700) < p).astype(int); add("uniform_calibrated_n700", p, y, "perfectly calibrated by construction")

# Generic smoother inputs (not probabilities): continuous y, outliers, ties in x.
smooth = []
x = np.sort(rng.uniform(0, 10, 80)); yy = np.sin(x) + rng.normal(0, 0.3, 80); yy[[5, 40, 70]] += [4, -5, 3]
smooth.append({"name": "sine_outliers_n80", "x": r12(x), "y": r12(yy)})
x = np.round(rng.uniform(0, 5, 150), 1); yy = x ** 2 / 5 + rng.normal(0, 0.5, 150)
smooth.append({"name": "tied_x_n150", "x": r12(x), "y": r12(yy)})
x = rng.normal(0, 1, 40); yy = 2 * x + rng.standard_t(2, 40)
smooth.append({"name": "unsorted_heavy_tails_n40", "x": r12(x), "y": r12(yy)})
smooth.append({"name": "n3", "x": [0.0, 1.0, 2.0], "y": [1.0, 3.0, 2.0]})
smooth.append({"name": "n1", "x": [0.5], "y": [2.0]})
smooth.append({"name": "constant_y_n20", "x": r12(np.arange(20.0)), "y": [1.5] * 20})

with open("cases.json", "w") as f:
    json.dump({"cases": cases, "smooth": smooth}, f, separators=(",", ":"))
print(len(cases), "cases,", len(smooth), "smoother cases")
