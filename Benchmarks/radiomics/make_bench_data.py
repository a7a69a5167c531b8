"""Synthetic mammogram-sized benchmark data for `sentinel extract` vs PyRadiomics.

Writes to OUT (default .bench/radiomics-data): 4 images of 3000 x 2400 pixels, 16-bit
PNG (a breast-like gradient with fibroglandular texture, 12-bit-like range 0..4095 scaled to
0..16383), 4 lesion masks (an irregular ~300 x 300 pixel blob), and manifest.csv with 100 ROIs
(50 patients x CC/MLO, cycling through the 4 image/mask pairs).
"""
import os, sys
import numpy as np
import SimpleITK as sitk
from scipy import ndimage

out = sys.argv[1] if len(sys.argv) > 1 else ".bench/radiomics-data"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
H, W = 3000, 2400
yy, xx = np.mgrid[0:H, 0:W]
for k in range(4):
    breast = np.clip(1 - ((yy - H / 2) / (H * 0.48)) ** 2 - (xx / (W * 0.9)) ** 2, 0, 1)
    tex = ndimage.gaussian_filter(rng.normal(size=(H // 4, W // 4)), 3)
    tex = ndimage.zoom(tex, 4, order=1)[:H, :W]
    img = 2000 * breast + 900 * tex * breast + rng.normal(0, 40, size=(H, W))
    cy, cx = 1200 + 150 * k, 700 + 100 * k
    blob = ndimage.gaussian_filter(rng.normal(size=(300, 300)), 12)
    r = np.hypot(*np.mgrid[-150:150, -150:150])
    lesion = (r < 120 + 400 * blob)
    img[cy - 150:cy + 150, cx - 150:cx + 150] += 600 * lesion * (1 + 0.5 * ndimage.gaussian_filter(rng.normal(size=(300, 300)), 2))
    img = np.clip(img * 4, 0, 16383).astype(np.uint16)
    mask = np.zeros((H, W), np.uint8); mask[cy - 150:cy + 150, cx - 150:cx + 150] = lesion
    for name, arr in [(f"img{k}.png", img), (f"mask{k}.png", mask)]:
        im = sitk.GetImageFromArray(arr)
        sitk.WriteImage(im, os.path.join(out, name))
with open(os.path.join(out, "manifest.csv"), "w") as f:
    f.write("id,view,image,mask,label\n")
    for p in range(50):
        for v, view in enumerate(["CC", "MLO"]):
            k = (2 * p + v) % 4
            f.write(f"P{p:03d},{view},img{k}.png,mask{k}.png,1\n")
with open(os.path.join(out, "manifest1.csv"), "w") as f:
    f.write("id,view,image,mask,label\nP000,CC,img0.png,mask0.png,1\n")
with open(os.path.join(out, "params.yaml"), "w") as f:
    f.write("imageType:\n  Original: {}\n  Wavelet: {}\nfeatureClass:\n  shape2D:\n  firstorder:\n  glcm:\n  glrlm:\n  glszm:\n  gldm:\n  ngtdm:\nsetting:\n  binWidth: 25\n  label: 1\n")
print("written to", out)
