"""PyRadiomics (pyradiomics-bhklab 3.1.4, SimpleITK 2.5) with `resampledPixelSpacing`: nearest-neighbour,
linear and cubic B-spline (the default) image interpolation, anisotropic spacings, 0 (keep an axis), padDistance, a spacing equal to
the image's (crop only), float and 16-bit integer images (integer images stay integer: SimpleITK truncates
interpolated values), 2D and 3D, filtered images after resampling. Writes <name>_image.nrrd,
<name>_mask.nrrd and cases.json ({case: {"image": stem, "settings", "imageTypes", "classes", "features"}}).
Run: python3 make_resampling_cases.py
"""
import json
import logging
import numpy as np
import SimpleITK as sitk
from scipy import ndimage
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
rng = np.random.default_rng(20261127)


def texture(shape, lo, hi, smooth):
    a = ndimage.gaussian_filter(rng.normal(size=shape), smooth)
    a = (a - a.min()) / (a.max() - a.min())
    return lo + a * (hi - lo)


def save(name, arr, mask, spacing, origin):
    img = sitk.GetImageFromArray(arr); img.SetSpacing(spacing); img.SetOrigin(origin)
    msk = sitk.GetImageFromArray(mask.astype(np.uint8)); msk.SetSpacing(spacing); msk.SetOrigin(origin)
    sitk.WriteImage(img, f"{name}_image.nrrd", useCompression=True)
    sitk.WriteImage(msk, f"{name}_mask.nrrd", useCompression=True)


cases = {}


def run(name, stem, settings, image_types=("Original",), classes=("firstorder", "glcm", "shape")):
    ext = featureextractor.RadiomicsFeatureExtractor(**settings)
    ext.disableAllImageTypes()
    for t in image_types:
        ext.enableImageTypeByName(t)
    ext.disableAllFeatures()
    for c in classes:
        ext.enableFeatureClassByName(c)
    r = ext.execute(f"{stem}_image.nrrd", f"{stem}_mask.nrrd")
    feats = {k: float(v) for k, v in r.items() if not k.startswith("diagnostics")}
    cases[name] = {"image": stem, "settings": settings, "imageTypes": list(image_types), "classes": list(classes),
                   "features": feats}


# 3D float image, ROI off-centre and touching the x = 0 border.
shape = (11, 20, 23)  # z, y, x
a = texture(shape, -50, 400, 1.5)
m = ndimage.gaussian_filter(rng.normal(size=shape), 2.0) > 0.05
m[:, :, 8:] = False; m[:1] = False; m[-2:] = False
m[3:8, 6:12, 0:4] = True
save("float3d", a.astype(np.float64), m, (0.8, 0.9, 2.5), (-12.0, 30.5, 4.0))
run("float3d_linear", "float3d", {"resampledPixelSpacing": [1.1, 1.3, 1.7], "interpolator": "sitkLinear", "binWidth": 20})
run("float3d_nearest", "float3d", {"resampledPixelSpacing": [0.63, 1.27, 2.0], "interpolator": "sitkNearestNeighbor",
                                    "binWidth": 20})
run("float3d_keep_z_pad2", "float3d", {"resampledPixelSpacing": [1.05, 1.05, 0], "interpolator": "sitkLinear",
                                        "padDistance": 2, "binWidth": 20})
run("float3d_linear_filters", "float3d", {"resampledPixelSpacing": [1.1, 1.3, 1.7], "interpolator": "sitkLinear",
                                          "binWidth": 20, "sigma": [2.0]},
    image_types=("Original", "Wavelet", "LoG", "Square"), classes=("firstorder",))
run("float3d_bspline_default", "float3d", {"resampledPixelSpacing": [1.1, 1.3, 1.7], "binWidth": 20})
run("float3d_bspline_filters", "float3d", {"resampledPixelSpacing": [0.7, 0.7, 0.9], "interpolator": "sitkBSpline",
                                           "binWidth": 20}, image_types=("Original", "Wavelet"), classes=("firstorder",))
run("float3d_same_spacing", "float3d", {"resampledPixelSpacing": [0.8, 0.9, 2.5], "interpolator": "sitkLinear",
                                        "binWidth": 20}, image_types=("Original", "Wavelet"), classes=("firstorder",))

# 3D 16-bit image: interpolated values truncated to integers.
b = texture((9, 17, 15), 0, 3000, 1.2).round().astype(np.int16)
m = ndimage.gaussian_filter(rng.normal(size=(9, 17, 15)), 1.5) > 0.0
m[0] = False; m[-1] = False
save("int3d", b, m, (0.7, 0.7, 3.0), (0.0, 0.0, 0.0))
run("int3d_linear", "int3d", {"resampledPixelSpacing": [0.93, 0.93, 1.77], "interpolator": "sitkLinear", "binWidth": 50})
run("int3d_bspline", "int3d", {"resampledPixelSpacing": [0.93, 0.93, 1.77], "interpolator": "sitkBSpline", "binWidth": 50})
run("int3d_nearest", "int3d", {"resampledPixelSpacing": [1.5, 1.5, 1.5], "interpolator": "sitkNearestNeighbor",
                               "binWidth": 50})

# 2D float image.
c = texture((37, 41), 0, 255, 2.0)
m = ndimage.gaussian_filter(rng.normal(size=(37, 41)), 2.5) > 0.1
save("float2d", c.astype(np.float32), m, (0.31, 0.29), (5.0, -7.0))
run("float2d_linear", "float2d", {"resampledPixelSpacing": [0.47, 0.43], "interpolator": "sitkLinear", "binWidth": 10},
    classes=("firstorder", "glcm", "shape2D"))

run("float2d_bspline", "float2d", {"resampledPixelSpacing": [0.47, 0.43], "binWidth": 10},
    classes=("firstorder", "glcm", "shape2D"))

with open("cases.json", "w") as f:
    json.dump(cases, f, indent=1, sort_keys=True)
