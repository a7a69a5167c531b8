"""PyRadiomics (pyradiomics-bhklab 3.1.4) with several wavelet levels (`level` > 1, with and
without `start_level`, 3D, force2D and 2D) on the random cases of ../random/ (vol3d, odd_signed).
Writes cases.json: {case: {"image": stem, "settings": {...}, "classes": [...], "features": {...}}}.
Run: python3 make_wavelet_levels.py
"""
import json
import logging
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
cases = {}


def run(name, stem, settings, classes):
    ext = featureextractor.RadiomicsFeatureExtractor(**settings)
    ext.disableAllImageTypes()
    ext.enableImageTypeByName("Wavelet")
    ext.disableAllFeatures()
    for c in classes:
        ext.enableFeatureClassByName(c)
    r = ext.execute(f"../random/{stem}_image.nrrd", f"../random/{stem}_mask.nrrd")
    feats = {k: float(v) for k, v in r.items() if not k.startswith("diagnostics")}
    cases[name] = {"image": stem, "settings": settings, "classes": classes, "features": feats}


run("vol3d_level2", "vol3d", {"binWidth": 10, "level": 2}, ["firstorder", "glcm"])
run("vol3d_level2_start1_force2D", "vol3d", {"binWidth": 10, "level": 2, "start_level": 1, "force2D": True},
    ["firstorder", "glszm"])
run("odd_signed_level3", "odd_signed", {"binWidth": 20, "level": 3}, ["firstorder", "glrlm"])

with open("cases.json", "w") as f:
    json.dump(cases, f, indent=1, sort_keys=True)
