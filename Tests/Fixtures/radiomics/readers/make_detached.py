"""Detached-header NRRD (.nhdr + one data file, raw and gzip) written by SimpleITK, and the
values SimpleITK reads back from them: detached.json (same record layout as readers.json)."""
import json
import numpy as np
import SimpleITK as sitk

rng = np.random.default_rng(11)
out = {}

def record(name):
    img = sitk.ReadImage(name)
    arr = sitk.GetArrayFromImage(img)
    n = img.GetDimension()
    d = np.array(img.GetDirection()).reshape(n, n)
    D = np.eye(3); D[:n, :n] = d
    out[name] = dict(size=list(img.GetSize()) + [1] * (3 - n), spacing=list(img.GetSpacing()) + [1.0] * (3 - n),
                     origin=list(img.GetOrigin()) + [0.0] * (3 - n), direction=D.ravel().tolist(),
                     values=arr.astype(float).ravel().tolist())

a = rng.integers(-1000, 3000, size=(3, 4, 5)).astype(np.int16)
img = sitk.GetImageFromArray(a); img.SetSpacing((0.7, 0.8, 2.5)); img.SetOrigin((-10, 5, 3.5))
img.SetDirection((0, 1, 0, -1, 0, 0, 0, 0, 1))
sitk.WriteImage(img, "detached_gzip.nhdr", useCompression=True); record("detached_gzip.nhdr")
b = rng.integers(0, 65535, size=(6, 7)).astype(np.uint16)
img = sitk.GetImageFromArray(b); img.SetSpacing((0.1, 0.2)); img.SetOrigin((1, 2))
sitk.WriteImage(img, "detached_raw.nhdr", useCompression=False); record("detached_raw.nhdr")
json.dump(out, open("detached.json", "w"), indent=1)
