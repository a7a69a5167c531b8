"""Writes small images in every supported format and the values SimpleITK (ITK's readers,
as PyRadiomics uses) reads from them: readers.json. DICOM files are written byte by byte
here (implicit and explicit VR little endian, MONOCHROME1, a JPEG transfer syntax)."""
import json, struct
import numpy as np
import SimpleITK as sitk
from PIL import Image

rng = np.random.default_rng(5)
out = {}

def record(name, img=None, values=None, size=None, spacing=None, origin=None, direction=None):
    if img is not None:
        arr = sitk.GetArrayFromImage(img)  # z,y,x
        values = arr.astype(float).ravel().tolist()
        size = list(img.GetSize()) + [1] * (3 - img.GetDimension())
        spacing = list(img.GetSpacing()) + [1.0] * (3 - img.GetDimension())
        origin = list(img.GetOrigin()) + [0.0] * (3 - img.GetDimension())
        d = np.array(img.GetDirection()).reshape(img.GetDimension(), img.GetDimension())
        D = np.eye(3); D[:d.shape[0], :d.shape[1]] = d
        direction = D.ravel().tolist()
    out[name] = dict(size=size, spacing=spacing, origin=origin, direction=direction, values=values)

# NRRD 3D gzip int16 with direction, NRRD 2D raw uint16
a = rng.integers(-1000, 3000, size=(3, 4, 5)).astype(np.int16)
img = sitk.GetImageFromArray(a); img.SetSpacing((0.7, 0.8, 2.5)); img.SetOrigin((-10, 5, 3.5))
img.SetDirection((0, 1, 0, -1, 0, 0, 0, 0, 1))
sitk.WriteImage(img, "vol3d_gzip.nrrd", useCompression=True); record("vol3d_gzip.nrrd", sitk.ReadImage("vol3d_gzip.nrrd"))
b = rng.integers(0, 65535, size=(6, 7)).astype(np.uint16)
img = sitk.GetImageFromArray(b); img.SetSpacing((0.1, 0.2)); img.SetOrigin((1, 2))
sitk.WriteImage(img, "plane2d_raw.nrrd", useCompression=False); record("plane2d_raw.nrrd", sitk.ReadImage("plane2d_raw.nrrd"))
# NIfTI 3D gz float32 and 2D uint8
c = rng.normal(size=(2, 3, 4)).astype(np.float32)
img = sitk.GetImageFromArray(c); img.SetSpacing((1.5, 1.25, 3.0)); img.SetOrigin((-4, 6, 8))
img.SetDirection((-1, 0, 0, 0, 1, 0, 0, 0, 1))
sitk.WriteImage(img, "vol3d.nii.gz"); record("vol3d.nii.gz", sitk.ReadImage("vol3d.nii.gz"))
d = rng.integers(0, 255, size=(5, 6)).astype(np.uint8)
img = sitk.GetImageFromArray(d); img.SetSpacing((0.5, 0.25))
sitk.WriteImage(img, "plane2d.nii"); record("plane2d.nii", sitk.ReadImage("plane2d.nii"))
# PNG 8 and 16 bit
e = rng.integers(0, 255, size=(5, 9)).astype(np.uint8)
Image.fromarray(e).save("gray8.png"); record("gray8.png", sitk.ReadImage("gray8.png"))
f = rng.integers(0, 65535, size=(4, 6)).astype(np.uint16)
sitk.WriteImage(sitk.GetImageFromArray(f), "gray16.png"); record("gray16.png", sitk.ReadImage("gray16.png"))

# DICOM, hand-written
def el(tag, vr, value, explicit):
    g, e = tag
    if isinstance(value, str):
        value = value.encode()
        if len(value) % 2: value += b"\0" if vr == "UI" else b" "
    if explicit:
        if vr in ("OB", "OW", "SQ", "UN", "UT"):
            return struct.pack("<HH2sHI", g, e, vr.encode(), 0, len(value)) + value
        return struct.pack("<HH2sH", g, e, vr.encode(), len(value)) + value
    return struct.pack("<HHI", g, e, len(value)) + value

def dicom(path, pixels, syntax, photometric, spacing="0.07\\0.05", slope=None, withseq=True):
    explicit = syntax != "1.2.840.10008.1.2"
    meta = el((2, 0x10), "UI", syntax, True)
    meta = el((2, 0), "UL", struct.pack("<I", len(meta)), True) + meta
    body = b""
    body += el((0x8, 0x60), "CS", "MG", explicit)
    if withseq:  # an undefined-length sequence with one undefined-length item
        item = el((0x8, 0x100), "SH", "CODE", explicit)
        seq = struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF) + item + struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
        seq += struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
        if explicit:
            body += struct.pack("<HH2sHI", 0x8, 0x2218, b"SQ", 0, 0xFFFFFFFF) + seq
        else:
            body += struct.pack("<HHI", 0x8, 0x2218, 0xFFFFFFFF) + seq
    body += el((0x28, 0x2), "US", struct.pack("<H", 1), explicit)
    body += el((0x28, 0x4), "CS", photometric, explicit)
    body += el((0x28, 0x10), "US", struct.pack("<H", pixels.shape[0]), explicit)
    body += el((0x28, 0x11), "US", struct.pack("<H", pixels.shape[1]), explicit)
    body += el((0x28, 0x30), "DS", spacing, explicit)
    body += el((0x28, 0x100), "US", struct.pack("<H", 16), explicit)
    body += el((0x28, 0x101), "US", struct.pack("<H", 16), explicit)
    body += el((0x28, 0x103), "US", struct.pack("<H", 0), explicit)
    if slope:
        body += el((0x28, 0x1052), "DS", str(slope[1]), explicit)
        body += el((0x28, 0x1053), "DS", str(slope[0]), explicit)
    body += el((0x7FE0, 0x10), "OW", pixels.astype("<u2").tobytes(), explicit)
    open(path, "wb").write(b"\0" * 128 + b"DICM" + meta + body)

g = rng.integers(0, 4095, size=(4, 5)).astype(np.uint16)
dicom("explicit_mono2.dcm", g, "1.2.840.10008.1.2.1", "MONOCHROME2")
record("explicit_mono2.dcm", values=g.astype(float).ravel().tolist(), size=[5, 4, 1], spacing=[0.05, 0.07, 1],
       origin=[0, 0, 0], direction=np.eye(3).ravel().tolist())
dicom("implicit_mono1.dcm", g, "1.2.840.10008.1.2", "MONOCHROME1", slope=(2, -5))
inv = g.min() + g.max() - g.astype(float)
record("implicit_mono1.dcm", values=(inv * 2 - 5).ravel().tolist(), size=[5, 4, 1], spacing=[0.05, 0.07, 1],
       origin=[0, 0, 0], direction=np.eye(3).ravel().tolist())
dicom("jpeg2000.dcm", g, "1.2.840.10008.1.2.4.90", "MONOCHROME2")
json.dump(out, open("readers.json", "w"), indent=1)
