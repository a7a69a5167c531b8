"""Small grayscale PNG fixtures for SentinelPNGTests, written by hand with zlib (stdlib only).

    python3 make_png_fixtures.py        # writes *.png and png_fixtures.json here

- gray16.png: 37 x 23, 16-bit, every row filter type (None, Sub, Up, Average, Paeth in turn).
- gray16_interlaced.png: the same samples, Adam7-interlaced.
- gray16_split.png: the same samples, image data split over IDAT chunks of 300 bytes;
  gray16_bad_crc.png: that file with one image-data bit flipped.
- gray16_linear_gamma.png: the same samples with a gAMA chunk of 1.0 (decoded whole by libpng's
  simplified API, values unchanged).
- gray8.png: 41 x 19, 8-bit, rows filtered in turn.
- gray8_truncated.png: gray8.png cut in the middle of its image data.
- roi16.png / roi16_interlaced.png: 97 x 83, 16-bit texture; roi_mask.png: its 8-bit mask with
  label 1 on rows 30-49 and label 2 on rows 60-69; roi_mask_small.png: a mask of another size.
  (The deep-feature tests compare the streamed PNG crop with the full-image path.)
png_fixtures.json holds the samples (row-major) each file must decode to. The files are read
back with Pillow to check the writer.
"""
import json
import struct
import zlib

import numpy as np
from PIL import Image


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filtered(rows, bpp, first_filter=0):
    """Rows (lists of bytes) filtered with types cycling from first_filter."""
    out, prior = bytearray(), bytes(len(rows[0])) if rows else b""
    for k, row in enumerate(rows):
        ftype = (first_filter + k) % 5
        line = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
            line.append((x - pred) & 0xFF)
        out += bytes([ftype]) + line
        prior = row
    return bytes(out)


def row_bytes(samples, depth):
    return bytes(np.asarray(samples, dtype=">u2" if depth == 16 else "u1").tobytes())


def write_png(path, samples, depth, interlaced=False, extra=b"", idat_size=None):
    h, w = samples.shape
    bpp = depth // 8
    ihdr = struct.pack(">IIBBBBB", w, h, depth, 0, 0, 0, 1 if interlaced else 0)
    if not interlaced:
        raw = filtered([row_bytes(r, depth) for r in samples], bpp)
    else:
        raw = b""
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        for p, (x0, y0, dx, dy) in enumerate(passes):
            sub = samples[y0::dy, x0::dx]
            if sub.size:
                raw += filtered([row_bytes(r, depth) for r in sub], bpp, first_filter=p)
    stream = zlib.compress(raw, 9)
    size = idat_size or len(stream)
    idats = b"".join(chunk(b"IDAT", stream[i:i + size]) for i in range(0, len(stream), size))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + idats + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)
    back = np.asarray(Image.open(path))
    assert back.shape == samples.shape and (back.astype(np.int64) == samples).all(), path
    return data


rng = np.random.default_rng(11)
g16 = rng.integers(0, 65536, size=(23, 37))
g16[5:9, 10:20] = 40000  # a flat patch, as in masks
g8 = rng.integers(0, 256, size=(19, 41))
write_png("gray16.png", g16, 16)
write_png("gray16_interlaced.png", g16, 16, interlaced=True)
data16 = write_png("gray16_split.png", g16, 16, idat_size=300)
bad = bytearray(data16)
bad[len(bad) // 2] ^= 0x01  # inside an IDAT chunk: its CRC no longer matches
with open("gray16_bad_crc.png", "wb") as f:
    f.write(bytes(bad))
write_png("gray16_linear_gamma.png", g16, 16, extra=chunk(b"gAMA", struct.pack(">I", 100000)))
data8 = write_png("gray8.png", g8, 8)
with open("gray8_truncated.png", "wb") as f:
    f.write(data8[: len(data8) // 2])
yy, xx = np.mgrid[0:83, 0:97]
roi = (3000 + 20 * xx + 15 * yy + rng.integers(0, 400, size=(83, 97))).astype(np.int64)
mask = np.zeros((83, 97), np.int64)
mask[30:50, 20:45] = ((yy[30:50, 20:45] - 40) ** 2 + (xx[30:50, 20:45] - 32) ** 2 < 120)
mask[60:70, 50:90] = 2
write_png("roi16.png", roi, 16)
write_png("roi16_interlaced.png", roi, 16, interlaced=True)
write_png("roi_mask.png", mask, 8)
write_png("roi_mask_small.png", mask[:80], 8)
json.dump({
    "gray16": {"width": 37, "height": 23, "samples": g16.ravel().tolist()},
    "gray8": {"width": 41, "height": 19, "samples": g8.ravel().tolist()},
}, open("png_fixtures.json", "w"))
print("written")
