#!/usr/bin/env python3
"""Decodes the PNG files written by Sentinel's fast encoder (Tests/Fixtures/png/fast/*.png,
recorded by `SENTINEL_RECORD_FAST_PNG=1 swift test --filter FastPNGEncoderTests`) with two
decoders independent of Sentinel: Python's zlib plus a PNG unfilter written here, and PIL.
Both must give the same pixels; their CRC-32 and Adler-32 (zlib's) go to fast_png.json,
which FastPNGEncoderTests compares with the images it meant to encode.

Run from the package root: python3 Tests/Fixtures/png/make_fast_png_fixtures.py
"""
import glob
import json
import os
import struct
import zlib

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def decode_with_zlib(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    offset, idat, header = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, (path, kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        offset += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(idat)  # checks the Adler-32 trailer
    stride = width * channels
    assert len(raw) == height * (stride + 1), path
    rows, prior = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prior[i]
            c = prior[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            else:
                assert kind == 0, (path, y, kind)
        rows.append(bytes(line))
        prior = line
    return width, height, channels, b"".join(rows)


def main():
    out = {}
    for path in sorted(glob.glob(os.path.join(HERE, "fast", "*.png"))):
        width, height, channels, pixels = decode_with_zlib(path)
        pil = np.asarray(Image.open(path))
        assert pil.shape == (height, width, channels) and pil.tobytes() == pixels, path
        name = os.path.splitext(os.path.basename(path))[0]
        out[name] = {
            "width": width, "height": height, "channels": channels,
            "pixel_crc32": zlib.crc32(pixels), "pixel_adler32": zlib.adler32(pixels),
            "file_bytes": os.path.getsize(path),
        }
    with open(os.path.join(HERE, "fast_png.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
