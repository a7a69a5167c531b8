"""DICOM crops for DeepDICOMCropTests: the 97 x 83 texture of ../png/roi16.png written as
uncompressed DICOM in the pixel encodings mammograms use, and the pixel values a full reader
must produce from each (numpy, float64), in dicom_crop.json.

- roi_u16_bits12.dcm: explicit VR LE, MONOCHROME2, 16 bits allocated, 12 stored (values are
  taken modulo 4096), no rescale;
- roi_u16_mono1_rescale.dcm: implicit VR LE, MONOCHROME1 (inverted over the stored range:
  min + max - v), rescale slope 2, intercept -5;
- roi_s16_rescale.dcm: explicit VR LE, signed 16-bit (texture - 5000, negative values),
  slope 0.5, intercept -1024;
- roi_u8_mono1.dcm: explicit VR LE, MONOCHROME1, 8 bits (texture >> 5), odd pixel-data length
  padded to even;
- roi_truncated.dcm: roi_u16_bits12.dcm with its pixel data cut short (an error).
DICOM files are written byte by byte (as ../radiomics/readers/make_readers.py).
Run: python3 make_dicom_crop_fixtures.py (numpy, Pillow)."""
import json, struct
import numpy as np
from PIL import Image

roi = np.array(Image.open("../png/roi16.png")).astype(np.int64)  # 83 rows x 97 columns
assert roi.shape == (83, 97)

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

def dicom(path, stored, bits, bits_stored, signed, syntax, photometric, rescale=None, cut=0):
    explicit = syntax != "1.2.840.10008.1.2"
    meta = el((2, 0x10), "UI", syntax, True)
    meta = el((2, 0), "UL", struct.pack("<I", len(meta)), True) + meta
    body = el((0x8, 0x60), "CS", "MG", explicit)
    body += el((0x28, 0x2), "US", struct.pack("<H", 1), explicit)
    body += el((0x28, 0x4), "CS", photometric, explicit)
    body += el((0x28, 0x10), "US", struct.pack("<H", stored.shape[0]), explicit)
    body += el((0x28, 0x11), "US", struct.pack("<H", stored.shape[1]), explicit)
    body += el((0x28, 0x30), "DS", "0.07\\0.07", explicit)
    body += el((0x28, 0x100), "US", struct.pack("<H", bits), explicit)
    body += el((0x28, 0x101), "US", struct.pack("<H", bits_stored), explicit)
    body += el((0x28, 0x103), "US", struct.pack("<H", 1 if signed else 0), explicit)
    if rescale:
        body += el((0x28, 0x1052), "DS", str(rescale[1]), explicit)
        body += el((0x28, 0x1053), "DS", str(rescale[0]), explicit)
    dtype = {(8, False): "u1", (16, False): "<u2", (16, True): "<i2"}[(bits, signed)]
    data = stored.astype(dtype).tobytes()
    if len(data) % 2: data += b"\0"
    if cut: data = data[:-cut]
    body += el((0x7FE0, 0x10), "OB" if bits == 8 else "OW", data, explicit)
    open(path, "wb").write(b"\0" * 128 + b"DICM" + meta + body)

def full_values(stored, bits, bits_stored, signed, photometric, rescale=None):
    v = stored.astype(np.float64)
    if bits_stored < bits and not signed:
        v = np.fmod(v, float(1 << bits_stored))
    if photometric == "MONOCHROME1":
        v = v.min() + v.max() - v
    if rescale and (rescale[0] != 1 or rescale[1] != 0):
        v = v * rescale[0] + rescale[1]
    return v.ravel().tolist()

explicit, implicit = "1.2.840.10008.1.2.1", "1.2.840.10008.1.2"
cases = [
    ("roi_u16_bits12.dcm", roi, 16, 12, False, explicit, "MONOCHROME2", None),
    ("roi_u16_mono1_rescale.dcm", roi, 16, 16, False, implicit, "MONOCHROME1", (2, -5)),
    ("roi_s16_rescale.dcm", roi - 5000, 16, 16, True, explicit, "MONOCHROME2", (0.5, -1024)),
    ("roi_u8_mono1.dcm", roi >> 5, 8, 8, False, explicit, "MONOCHROME1", None),
]
out = {}
for name, stored, bits, bits_stored, signed, syntax, photometric, rescale in cases:
    dicom(name, stored, bits, bits_stored, signed, syntax, photometric, rescale)
    out[name] = {"width": 97, "height": 83,
                 "values": full_values(stored, bits, bits_stored, signed, photometric, rescale)}
dicom("roi_truncated.dcm", roi, 16, 12, False, explicit, "MONOCHROME2", None, cut=100)
json.dump(out, open("dicom_crop.json", "w"))
