"""PNGs for PNGGrayDecoder's partial decode (Tests/SentinelPNGTests/PNGPartialDecodeTests.swift).

Writes to partial_png/ (next to this script) grayscale non-interlaced PNGs whose samples follow
a formula the Swift test evaluates independently:
    v(y, x) = (y * 7919 + x * 104729 + ((x * x) % 613) * 31) % 65536   (16-bit)
    v(y, x) = that % 256                                                (8-bit)
Rows are filtered by this script (PNG filters 0-4, chosen per row so that rows 0-39 all read
the row above except row 0, and later rows mix all five), then deflated by zlib and split
into IDAT chunks of 5000 bytes:
  gray16_filters.png    16-bit, 120 x 400, zlib level 6 (Huffman blocks)
  gray16_stored.png     16-bit, 120 x 400, zlib level 0 (stored blocks of up to 64 KiB)
  gray8_filters.png      8-bit, 300 x 400, zlib level 9
  mask8_filters.png      8-bit, 301 x 400, zlib level 9: a label mask for PNGLabelScan
                         (Tests/SentinelPNGTests/PNGLabelScanTests.swift), the same filters:
      m(y, x) = 3 inside the ellipse (y - 200)^2 * 8100 + (x - 150)^2 * 3600 <= 3600 * 8100,
                3 in the rectangle rows 280-299, columns 40-60 (identical rows: Up-filtered
                to zeros below a non-zero row), 7 at (20, 300) and (399, 0), 0 elsewhere
Usage: python3 make_partial_png_fixtures.py   (numpy only)
"""
import os, struct, zlib
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "partial_png")
os.makedirs(out, exist_ok=True)

def samples(width, height, bits):
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    v = (y * 7919 + x * 104729 + ((x * x) % 613) * 31) % 65536
    return v if bits == 16 else v % 256

def filter_type(y):
    if y == 0:
        return 4           # Paeth with no row above: the left neighbour
    if y < 40:
        return [2, 3, 4][y % 3]
    return [1, 2, 3, 4, 4, 0, 3, 2, 4][y % 9]

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def filtered_rows(raw_rows, bpp):
    prior = bytes(len(raw_rows[0]))
    out = bytearray()
    for y, row in enumerate(raw_rows):
        t = filter_type(y)
        f = bytearray(len(row))
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][t]
            f[i] = (row[i] - pred) & 0xFF
        out += bytes([t]) + f
        prior = row
    return bytes(out)

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def mask_samples(width, height):
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    m = np.zeros((height, width), np.int64)
    m[(y - 200) ** 2 * 8100 + (x - 150) ** 2 * 3600 <= 3600 * 8100] = 3
    m[280:300, 40:61] = 3
    m[20, 300] = 7
    m[399, 0] = 7
    return m

def write(name, width, height, bits, level, values=None):
    v = samples(width, height, bits) if values is None else values
    dtype = ">u2" if bits == 16 else "u1"
    rows = [v[y].astype(dtype).tobytes() for y in range(height)]
    stream = zlib.compress(filtered_rows(rows, bits // 8), level)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, 0, 0, 0, 0))
    for i in range(0, len(stream), 5000):
        png += chunk(b"IDAT", stream[i:i + 5000])
    png += chunk(b"IEND", b"")
    with open(os.path.join(out, name), "wb") as f:
        f.write(png)

write("gray16_filters.png", 120, 400, 16, 6)
write("gray16_stored.png", 120, 400, 16, 0)
write("gray8_filters.png", 300, 400, 8, 9)
write("mask8_filters.png", 301, 400, 8, 9, mask_samples(301, 400))
print("written to", out)
