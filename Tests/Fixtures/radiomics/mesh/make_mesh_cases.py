"""Reference values for the mesh-based 3D shape features (pyradiomics-bhklab 3.1.4, SimpleITK,
numpy, scipy): random irregular 3D masks (holes, several components, diagonal-only contacts,
ROIs touching the image border, anisotropic spacing) and PyRadiomics' brain1, brain2 and breast1
cases. Writes cases.json: {"cases": [{"name", "size": [x, y, z], "spacing": [x, y, z],
"mask": "0101..." (x fastest), "features": {name: value}}], "files": {case: {name: value}}}.
Every `shape` feature is requested by name, so the deprecated Compactness1, Compactness2 and
SphericalDisproportion are included.
Run: python3 make_mesh_cases.py
"""
import json
import logging
import numpy as np
import SimpleITK as sitk
from scipy import ndimage
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
rng = np.random.default_rng(20261126)
SHAPE = ["MeshVolume", "VoxelVolume", "SurfaceArea", "SurfaceVolumeRatio", "Sphericity", "Compactness1",
         "Compactness2", "SphericalDisproportion", "Maximum3DDiameter", "Maximum2DDiameterSlice",
         "Maximum2DDiameterColumn", "Maximum2DDiameterRow", "MajorAxisLength", "MinorAxisLength",
         "LeastAxisLength", "Elongation", "Flatness"]


def extractor():
    ext = featureextractor.RadiomicsFeatureExtractor(minimumROIDimensions=1)
    ext.disableAllFeatures()
    ext.enableFeaturesByName(shape=SHAPE)
    return ext


def features(img, msk):
    r = extractor().execute(img, msk)
    return {k: float(v) for k, v in r.items() if k.startswith("original_shape_")}


cases = []


def add(name, mask, spacing):
    """mask indexed [z, y, x]; spacing (x, y, z)."""
    img = sitk.GetImageFromArray(rng.integers(0, 100, mask.shape).astype(np.int16))
    msk = sitk.GetImageFromArray(mask.astype(np.uint8))
    img.SetSpacing(spacing); msk.SetSpacing(spacing)
    cases.append({"name": name, "size": list(mask.shape[::-1]), "spacing": list(spacing),
                  "mask": "".join("1" if v else "0" for v in mask.ravel()), "features": features(img, msk)})


def blob(shape, threshold, smooth):
    return ndimage.gaussian_filter(rng.normal(size=shape), smooth) > threshold


# Smooth blobs, isotropic and anisotropic.
add("blob_iso", blob((12, 14, 16), 0.0, 2.0), (1.0, 1.0, 1.0))
add("blob_aniso", blob((10, 16, 13), 0.05, 1.8), (0.7, 0.55, 2.5))
# Salt-and-pepper masks: every cube configuration, incl. all ambiguous faces, occurs.
for k, p in enumerate([0.3, 0.5, 0.7]):
    add(f"noise{k}", rng.random((7, 8, 9)) < p, (0.9, 1.3, 1.7))
# Touching every border of the image (the mesh closes over the padding).
m = blob((9, 11, 10), -0.2, 1.5); m[0, :, :] = True; m[:, -1, :] |= True; m[:, :, 0] |= True
add("border", m, (1.2, 0.8, 3.0))
# The whole image is the ROI.
add("full", np.ones((4, 5, 6), bool), (0.5, 0.6, 0.7))
# Holes and several components, voxels touching only at edges or corners.
m = np.zeros((8, 9, 10), bool); m[1:7, 1:8, 1:9] = True; m[3:5, 3:6, 3:7] = False
m[0, 0, 0] = True; m[1, 1, 1] |= True
m2 = np.zeros((6, 6, 6), bool); m2[2, 2, 2] = m2[3, 3, 3] = m2[3, 2, 2] = m2[2, 3, 4] = True
add("holes_components", m, (1.0, 1.0, 2.0))
add("diagonal_contacts", m2, (0.6, 0.6, 0.6))
# A thin plate (single slice thick) and a single line of voxels.
m = np.zeros((3, 12, 12), bool); m[1] = blob((12, 12), 0.0, 1.5)
add("plate", m, (0.7, 0.7, 5.0))

files = {}
DATA = "/work/shared/data/radiomics/pyradiomics"
for case in ["brain1", "brain2", "breast1"]:
    files[case] = features(f"{DATA}/{case}_image.nrrd", f"{DATA}/{case}_label.nrrd")

with open("cases.json", "w") as f:
    json.dump({"cases": cases, "files": files}, f, indent=1, sort_keys=True)
