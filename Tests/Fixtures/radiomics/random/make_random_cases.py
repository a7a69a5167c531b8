"""Extra PyRadiomics reference cases (pyradiomics-bhklab 3.1.4, SimpleITK, numpy):
random textures with irregular masks (holes, several components, ROIs touching the image
border), 16-bit and negative values, odd image sizes (wavelet wrap padding), 2D and 3D,
and non-default settings. Writes <case>_image.nrrd, <case>_mask.nrrd and cases.json
({case: {"settings": {...}, "features": {name: value}}}); diagnostics are dropped.
Run: python3 make_random_cases.py
"""
import json
import logging
import numpy as np
import SimpleITK as sitk
from scipy import ndimage
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
rng = np.random.default_rng(20251126)

def texture(shape, lo, hi, smooth):
    a = ndimage.gaussian_filter(rng.normal(size=shape), smooth)
    a = (a - a.min()) / (a.max() - a.min())
    return lo + a * (hi - lo)

def blob(shape, threshold, smooth):
    return ndimage.gaussian_filter(rng.normal(size=shape), smooth) > threshold

def save(name, arr, mask, spacing):
    img = sitk.GetImageFromArray(arr); img.SetSpacing(spacing)
    msk = sitk.GetImageFromArray(mask.astype(np.uint8)); msk.SetSpacing(spacing)
    sitk.WriteImage(img, f"{name}_image.nrrd", useCompression=True)
    sitk.WriteImage(msk, f"{name}_mask.nrrd", useCompression=True)
    return img, msk

ALL2D = {"Original": {}, "Wavelet": {}, "Square": {}, "SquareRoot": {}, "Logarithm": {}, "Exponential": {}, "Gradient": {}}
cases = {}

def run(name, img, msk, image_types, settings, classes=None):
    ext = featureextractor.RadiomicsFeatureExtractor(**settings)
    ext.disableAllImageTypes()
    for t, opts in image_types.items():
        ext.enableImageTypeByName(t, customArgs=opts)
    if classes is not None:
        ext.disableAllFeatures()
        for c in classes:
            ext.enableFeatureClassByName(c)
    result = ext.execute(img, msk)
    feats = {k: float(v) for k, v in result.items() if not k.startswith("diagnostics")}
    cases[name] = {"settings": settings, "imageTypes": list(image_types), "classes": classes, "features": feats}

# 1. 16-bit 2D texture, mask touching the top and left borders, holes.
# (max + 2·binWidth must stay below 65536: PyRadiomics computes it in uint16 and would wrap)
a = texture((48, 64), 0, 60000, 2.0).round().astype(np.uint16)
m = blob((48, 64), 0.0, 4.0); m[:6, :] |= True; m[:, :5] |= True; m[20:23, 30:33] = False
img, msk = save("u16_border", a, m, (0.085, 0.085))
run("u16_border_bw500", img, msk, ALL2D, {"binWidth": 500})
run("u16_border_bc32", img, msk, {"Original": {}, "Wavelet": {}}, {"binCount": 32})

# 2. Odd-sized signed 2D image, two components, touching the bottom-right corner.
b = texture((27, 33), -300, 700, 1.0).round().astype(np.int16)
m = np.zeros((27, 33), bool); m[3:10, 4:12] = True; m[15:, 20:] = blob((12, 13), -0.3, 1.5); m[26, 32] = True
img, msk = save("odd_signed", b, m, (0.5, 0.7))
run("odd_signed_default", img, msk, {"Original": {}, "Wavelet": {}, "Gradient": {}}, {})
run("odd_signed_options", img, msk, {"Original": {}}, {"binWidth": 10, "distances": [1, 2], "symmetricalGLCM": False, "gldm_a": 2})

# 3. Odd-sized 3D volume (no shape: 3D shape is computed elsewhere).
c = texture((9, 15, 17), 0, 400, 1.2)
m = blob((9, 15, 17), -0.1, 1.5); m[0, :, :] = False
img, msk = save("vol3d", c, m, (0.8, 0.9, 2.0))
tex = ["firstorder", "glcm", "glrlm", "glszm", "gldm", "ngtdm"]
run("vol3d_wavelet", img, msk, {"Original": {}, "Wavelet": {}}, {"binWidth": 20}, tex)
run("vol3d_force2D", img, msk, {"Original": {}}, {"binWidth": 20, "force2D": True}, tex)
run("vol3d_weighted", img, msk, {"Original": {}}, {"binCount": 16, "weightingNorm": "euclidean"}, tex)

# 4. Resegmentation that collapses the ROI to one row (PyRadiomics re-crops to the new box).
d = texture((20, 24), 0, 300, 1.0).round().astype(np.int16)
d[8, :] += 1000
m = np.zeros((20, 24), bool); m[6:11, 3:20] = True
img, msk = save("reseg", d, m, (0.5, 0.5))
run("reseg_collapse", img, msk, {"Original": {}, "Wavelet": {}}, {"resegmentRange": [900], "minimumROIDimensions": 1},
    ["firstorder", "glcm", "glrlm", "glszm", "gldm", "ngtdm"])

json.dump(cases, open("cases.json", "w"), indent=0, sort_keys=True)
print({k: len(v["features"]) for k, v in cases.items()})
