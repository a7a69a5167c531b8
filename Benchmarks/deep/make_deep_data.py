"""Synthetic mammograms for the whole-process `sentinel extract --deep` benchmark.

Writes to OUT (default .bench/deep-data) 32 DISTINCT 3000 x 2400 16-bit images (a breast-like
gradient with fibroglandular texture and pixel noise, 0..16383, 14 bits stored), each both as
PNG (img{k}.png) and as uncompressed explicit-VR little-endian DICOM (img{k}.dcm, MONOCHROME2,
the same pixels), 32 lesion masks (8-bit PNG, an irregular ~300 x 300 blob at a different place
in each image), and two manifests of 32 ROIs (16 patients x CC/MLO), one image per ROI, no
file used twice: manifest_png.csv and manifest_dcm.csv. Deterministic (seeded); files already
there are kept.
Usage: python3 make_deep_data.py [OUT]   (numpy, scipy, Pillow)
"""
import os, struct, sys
import numpy as np
from PIL import Image
from scipy import ndimage

out = sys.argv[1] if len(sys.argv) > 1 else ".bench/deep-data"
os.makedirs(out, exist_ok=True)
H, W, N = 3000, 2400, 32
yy, xx = np.mgrid[0:H, 0:W]
breast = np.clip(1 - ((yy - H / 2) / (H * 0.48)) ** 2 - (xx / (W * 0.9)) ** 2, 0, 1)
del yy, xx

def el(tag, vr, value):
    g, e = tag
    if isinstance(value, str):
        value = value.encode()
        if len(value) % 2: value += b"\0" if vr == "UI" else b" "
    if vr in ("OB", "OW", "SQ", "UN", "UT"):
        return struct.pack("<HH2sHI", g, e, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", g, e, vr.encode(), len(value)) + value

def write_dicom(path, pixels):
    meta = el((2, 0x10), "UI", "1.2.840.10008.1.2.1")
    meta = el((2, 0), "UL", struct.pack("<I", len(meta))) + meta
    body = el((0x8, 0x60), "CS", "MG")
    body += el((0x28, 0x2), "US", struct.pack("<H", 1))
    body += el((0x28, 0x4), "CS", "MONOCHROME2")
    body += el((0x28, 0x10), "US", struct.pack("<H", pixels.shape[0]))
    body += el((0x28, 0x11), "US", struct.pack("<H", pixels.shape[1]))
    body += el((0x28, 0x30), "DS", "0.07\\0.07")
    body += el((0x28, 0x100), "US", struct.pack("<H", 16))
    body += el((0x28, 0x101), "US", struct.pack("<H", 14))
    body += el((0x28, 0x102), "US", struct.pack("<H", 13))
    body += el((0x28, 0x103), "US", struct.pack("<H", 0))
    body += el((0x7FE0, 0x10), "OW", pixels.astype("<u2").tobytes())
    with open(path, "wb") as f:
        f.write(b"\0" * 128 + b"DICM" + meta + body)

for k in range(N):
    names = [os.path.join(out, f"img{k}.png"), os.path.join(out, f"img{k}.dcm"), os.path.join(out, f"mask{k}.png")]
    if all(os.path.exists(n) for n in names):
        continue
    rng = np.random.default_rng(1000 + k)
    tex = ndimage.gaussian_filter(rng.normal(size=(H // 4, W // 4)), 3)
    tex = np.kron(tex, np.ones((4, 4)))[:H, :W]
    img = 2000 * breast + 900 * tex * breast + rng.normal(0, 40, size=(H, W))
    cy, cx = 900 + 45 * k, 500 + 30 * k
    blob = ndimage.gaussian_filter(rng.normal(size=(300, 300)), 12)
    r = np.hypot(*np.mgrid[-150:150, -150:150])
    lesion = r < 120 + 400 * blob
    img[cy - 150:cy + 150, cx - 150:cx + 150] += 600 * lesion
    img = np.clip(img * 4, 0, 16383).astype(np.uint16)
    mask = np.zeros((H, W), np.uint8)
    mask[cy - 150:cy + 150, cx - 150:cx + 150] = lesion
    Image.fromarray(img).save(names[0])
    write_dicom(names[1], img)
    Image.fromarray(mask).save(names[2])
for ext in ["png", "dcm"]:
    with open(os.path.join(out, f"manifest_{ext}.csv"), "w") as f:
        f.write("id,view,image,mask,label\n")
        for k in range(N):
            f.write(f"P{k // 2:03d},{['CC', 'MLO'][k % 2]},img{k}.{ext},mask{k}.png,1\n")
print("written to", out)
