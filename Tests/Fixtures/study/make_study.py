"""A small study (mini/) and the encoding pandas gives it, for Preprocessor tests.

mini/clinical.csv: id, cohort, outcome, age (missing cells), grade (3 levels, missing),
  margin (2 levels), site (1 level); mini/rad.csv: id + rad_a_*, rad_b_* (rows shuffled).
mini/expected.json: training medians/modes (numpy/pandas), and the encoded matrix for all
  rows in clinical.csv order, via pandas: fillna(median / mode) then get_dummies over the
  sorted training levels with the first level dropped (binary -> one column named after the
  feature).
Run: python3 make_study.py
"""
import json, os
import numpy as np
import pandas as pd

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mini")
rng = np.random.default_rng(11)
n = 60
ids = [f"P{i:03d}" for i in range(n)]
cohort = np.array(["train"] * 40 + ["val"] * 20)
rng.shuffle(cohort)
outcome = rng.integers(0, 2, n)
outcome[:12] = 1; outcome[12:24] = 0  # enough of each class
age = np.round(rng.normal(55, 10, n), 0)
grade = rng.choice(["I", "II", "III"], n, p=[0.2, 0.5, 0.3])
margin = rng.choice(["Non-spiculated", "Spiculated"], n)
site = np.array(["left"] * n, dtype=object)
age_s = pd.Series(age).astype(object)
age_s[rng.choice(n, 6, replace=False)] = "NA"
grade_s = pd.Series(grade).astype(object)
grade_s[rng.choice(n, 5, replace=False)] = ""
clin = pd.DataFrame({"id": ids, "cohort": cohort, "outcome": outcome, "age": age_s, "grade": grade_s,
                     "margin": margin, "site": site})
# make sure val has >= 2 of each class
clin.to_csv(os.path.join(HERE, "clinical.csv"), index=False)
rad = pd.DataFrame({"id": ids})
for k in range(3):
    rad[f"rad_a_{k}"] = rng.normal(0, 1, n) * 10 ** k
for k in range(2):
    rad[f"rad_b_{k}"] = rng.exponential(1, n)
rad = rad.sample(frac=1, random_state=3)
rad.to_csv(os.path.join(HERE, "rad.csv"), index=False, float_format="%.17g")

# reference encoding, fitted on training rows only
clin = pd.read_csv(os.path.join(HERE, "clinical.csv"), keep_default_na=False, dtype=str)
tr = clin["cohort"] == "train"
age_num = pd.to_numeric(clin["age"].replace({"NA": np.nan, "": np.nan}))
med = float(np.median(age_num[tr].dropna()))
age_f = age_num.fillna(med)
out = {"age_median": med, "columns": {}, "modes": {}}
out["columns"]["age"] = age_f.tolist()
for col in ["grade", "margin", "site"]:
    v = clin[col].replace({"": np.nan, "NA": np.nan})
    counts = v[tr].value_counts()
    levels = sorted(counts.index)
    top = counts.max()
    mode = [l for l in levels if counts[l] == top][0]
    out["modes"][col] = mode
    filled = v.fillna(mode)
    dummies = pd.get_dummies(pd.Categorical(filled, categories=levels), drop_first=True).astype(float)
    if dummies.shape[1] == 1:
        out["columns"][col] = dummies.iloc[:, 0].tolist()
    else:
        for lv in dummies.columns:
            out["columns"][f"{col}={lv}"] = dummies[lv].tolist()
out["clinical_order"] = ["age", "grade=II", "grade=III", "margin"]
rad_sorted = rad.set_index("id").loc[clin["id"]]
out["rad"] = {c: rad_sorted[c].tolist() for c in rad_sorted.columns}
out["missing"] = {"age": [int(((age_num.isna()) & (clin.cohort == c)).sum()) for c in ["train", "val"]],
                  "grade": [int(((clin.grade == "") & (clin.cohort == c)).sum()) for c in ["train", "val"]]}
json.dump(out, open(os.path.join(HERE, "expected.json"), "w"), indent=1)
print(clin.groupby("cohort").outcome.value_counts())
