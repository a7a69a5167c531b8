"""Prepares PyRadiomics' 3D baselines (brain1, brain2, breast1) for the tests.

- Crops brain1/brain2 image and mask to the mask's bounding box plus a 1-voxel margin
  (PyRadiomics crops to the bounding box before computing original-image features, so
  features are unchanged); breast1 is used whole (copied beside, as ../breast1_*.nrrd).
- Writes baseline3d.csv: PyRadiomics' expected values (baseline/baseline_<class>.csv of
  github.com/AIM-Harvard/pyradiomics, commit 8ed57938, BSD-3-Clause) for those three cases,
  rows named <class>_<feature>.
"""
import csv, glob, os
import numpy as np
import SimpleITK as sitk

SRC = "/work/shared/data/radiomics/pyradiomics"
for case in ["brain1", "brain2"]:
    img = sitk.ReadImage(f"{SRC}/{case}_image.nrrd"); msk = sitk.ReadImage(f"{SRC}/{case}_label.nrrd")
    m = sitk.GetArrayFromImage(msk)
    zz, yy, xx = np.where(m == 1)
    lo = [max(0, int(v.min()) - 1) for v in (xx, yy, zz)]
    hi = [min(s - 1, int(v.max()) + 1) for v, s in zip((xx, yy, zz), img.GetSize())]
    size = [h - l + 1 for l, h in zip(lo, hi)]
    sitk.WriteImage(sitk.RegionOfInterest(img, size, lo), f"{case}_crop_image.nrrd", useCompression=True)
    sitk.WriteImage(sitk.RegionOfInterest(msk, size, lo), f"{case}_crop_label.nrrd", useCompression=True)

cases = ["brain1", "brain2", "breast1"]
out = {}
columns = set()
for path in sorted(glob.glob(f"{SRC}/baseline/baseline_*.csv")):
    cls = os.path.basename(path)[len("baseline_"):-4]
    with open(path) as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [i for i, h in enumerate(header) if any(h == c or h.startswith(c + "_") for c in cases)]
    for row in rows[1:]:
        if row[0].startswith("diagnostics"):
            continue
        for i in keep:
            if row[i] != "":
                out.setdefault(f"{cls}_{row[0]}", {})[header[i]] = row[i]
                columns.add(header[i])
columns = sorted(columns)
with open("baseline3d.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["featureName"] + columns)
    for name in sorted(out):
        w.writerow([name] + [out[name].get(c, "") for c in columns])
