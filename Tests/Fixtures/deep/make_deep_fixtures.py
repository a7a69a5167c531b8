"""Writes the deep-feature fixtures of Tests/SentinelImagingTests (run from this folder):

  resnet18_w8.safetensors  seeded ResNet18 of base width 8 (channels 8/16/32/64, torchvision keys),
                           non-trivial batch norms, mixed F32/F16/BF16 tensors, I64
                           num_batches_tracked, an ignored fc, __metadata__, data not in key order
  resnet18_w8.json         network outputs from onnxruntime for formula-defined NCHW inputs, and
                           end-to-end cases (image + mask → crop box → 64 features)
  layers.json              convolution / max-pool / batch-norm fold cases computed directly
                           (float64 loops) and bilinear resize cases (PyTorch formula, cross-checked
                           with onnxruntime's Resize)
  dtypes.safetensors/.json small F32/F16/BF16/F64/I64 container with expected float values

python3 make_deep_fixtures.py   (numpy, onnx, onnxruntime)
"""
import json

import numpy as np

from resnet_reference import (expected_shapes, write_safetensors, read_safetensors, resnet18_onnx,
                              session, bilinear_torch, bilinear_onnx, preprocess)

BASE = 8
rng = np.random.default_rng(20260611)


def floats(a):
    return [float(f"{v:.9g}") for v in np.asarray(a, np.float64).ravel()]  # 9 digits round-trip Float32


# ---- the reduced network -------------------------------------------------------------------
def make_weights():
    tensors = {}
    for name, shape in expected_shapes(BASE):
        if name.endswith(".weight") and len(shape) == 4:
            fan_in = shape[1] * shape[2] * shape[3]
            arr = rng.normal(0, np.sqrt(2.0 / fan_in), shape)
        elif name.endswith(".weight"):
            arr = rng.uniform(0.6, 1.2, shape)
        elif name.endswith(".bias"):
            arr = rng.normal(0, 0.1, shape)
        elif name.endswith(".running_mean"):
            arr = rng.normal(0, 0.2, shape)
        else:
            arr = rng.uniform(0.5, 2.0, shape)
        if name.startswith("layer1."):
            dtype = "F16"
        elif name.startswith("layer2.0.conv1") or name.startswith("layer3.1.bn2"):
            dtype = "BF16"
        else:
            dtype = "F32"
        tensors[name] = (dtype, arr.astype(np.float32))
        if name.endswith("running_var"):
            tensors[name.replace("running_var", "num_batches_tracked")] = ("I64", np.array(1234, np.int64))
    tensors["fc.weight"] = ("BF16", rng.normal(0, 0.01, (10, 8 * BASE)).astype(np.float32))
    tensors["fc.bias"] = ("F32", np.zeros(10, np.float32))
    order = list(tensors)
    rng.shuffle(order)
    write_safetensors("resnet18_w8.safetensors", tensors, order=order, metadata={"format": "pt", "note": "Sentinel test fixture"})
    return read_safetensors("resnet18_w8.safetensors")  # values after F16/BF16 rounding


def formula_input(n, h, w, offset):
    i = np.arange(n * 3 * h * w, dtype=np.int64) + offset
    return ((((i * 7919) % 2003).astype(np.float32) / np.float32(1001.5)) - np.float32(1)).reshape(n, 3, h, w)


def formula_image(spec):
    y, x = np.mgrid[0:spec["height"], 0:spec["width"]].astype(np.int64)
    a, b, c, d, e, m = spec["coefficients"]
    pixels = ((a * x * x + b * y * y + c * x * y + d * x + e * y) % m).astype(np.float32)
    mask = np.zeros_like(x, dtype=np.int64)
    cx, cy, rx, ry, lab = spec["ellipse"]
    mask[(x - cx) ** 2 * ry ** 2 + (y - cy) ** 2 * rx ** 2 <= rx ** 2 * ry ** 2] = lab
    r0, r1, c0, c1, lab2 = spec["rectangle"]
    mask[r0:r1 + 1, c0:c1 + 1] = lab2
    return pixels, mask


def network_cases(weights):
    sess = session(resnet18_onnx(weights, BASE))
    cases = []
    for (n, h, w, offset) in [(2, 64, 48, 0), (1, 33, 37, 5), (3, 40, 40, 11)]:
        x = formula_input(n, h, w, offset)
        y = sess.run(None, {"input": x})[0]
        cases.append({"batch": n, "height": h, "width": w, "offset": offset, "features": [floats(r) for r in y]})
    images = [
        # enlarge, ROI touching the top-left corner (clamped margins), two labels present
        {"width": 48, "height": 40, "coefficients": [7, 5, 3, 11, 0, 1021], "ellipse": [6, 4, 8, 6, 1],
         "rectangle": [30, 35, 30, 44, 2], "label": 1},
        # shrink both axes (crop > 224), select label 2 of two
        {"width": 400, "height": 320, "coefficients": [3, 2, 5, 1, 7, 4093], "ellipse": [200, 150, 60, 40, 1],
         "rectangle": [20, 300, 10, 390, 2], "label": 2},
        # shrink in x, enlarge in y, ROI touching the right edge
        {"width": 300, "height": 60, "coefficients": [1, 9, 2, 0, 3, 997], "ellipse": [290, 30, 130, 12, 3],
         "rectangle": [0, 2, 0, 2, 1], "label": 3},
        # constant intensity inside the crop: an all-zero plane
        {"width": 30, "height": 30, "coefficients": [0, 0, 0, 0, 0, 7], "ellipse": [15, 15, 5, 5, 1],
         "rectangle": [0, 0, 0, 0, 0], "label": 1},
        # ROI box of 5 x 15 pixels: margins floor(0.5 + 0.5) = 1 and floor(1.5 + 0.5) = 2
        {"width": 64, "height": 64, "coefficients": [2, 3, 1, 5, 2, 509], "ellipse": [30, 30, 2, 7, 4],
         "rectangle": [0, 0, 0, 0, 0], "label": 4},
    ]
    batch, boxes = [], []
    for spec in images:
        pixels, mask = formula_image(spec)
        t, box = preprocess(pixels, mask, spec["label"])
        batch.append(t)
        spec["box"] = [int(v) for v in box]
        spec["plane_sum"] = float(np.float64(((t[0] * np.float32(0.229)) + np.float32(0.485))).sum())
    y = sess.run(None, {"input": np.stack(batch)})[0]
    for spec, f in zip(images, y):
        spec["features"] = floats(f)
    return cases, images


# ---- per-layer cases -------------------------------------------------------------------------
def conv_direct(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.zeros((n, c, h + 2 * pad, wd + 2 * pad))
    xp[:, :, pad:pad + h, pad:pad + wd] = x
    ho, wo = (h + 2 * pad - k) // stride + 1, (wd + 2 * pad - k) // stride + 1
    out = np.zeros((n, o, ho, wo))
    for oy in range(ho):
        for ox in range(wo):
            patch = xp[:, :, oy * stride:oy * stride + k, ox * stride:ox * stride + k]
            out[:, :, oy, ox] = np.einsum("ncij,ocij->no", patch, w) + b
    return out


def maxpool_direct(x, k, s, p):
    n, c, h, w = x.shape
    ho, wo = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    out = np.zeros((n, c, ho, wo))
    for oy in range(ho):
        for ox in range(wo):
            y0, y1 = max(0, oy * s - p), min(h, oy * s - p + k)
            x0, x1 = max(0, ox * s - p), min(w, ox * s - p + k)
            out[:, :, oy, ox] = x[:, :, y0:y1, x0:x1].max(axis=(2, 3))
    return out


def layer_cases():
    convs = []
    for (cin, cout, k, s, p, h, w, n, residual_relu) in [
        (3, 4, 7, 2, 3, 13, 11, 2, False),   # stem-like 7x7/2
        (3, 2, 7, 2, 3, 3, 4, 1, False),     # 7x7 on an image smaller than the kernel
        (5, 6, 3, 1, 1, 9, 8, 2, False),     # 3x3/1
        (4, 5, 3, 2, 1, 10, 7, 1, True),     # 3x3/2 with residual + ReLU
        (6, 3, 1, 2, 0, 9, 11, 2, False),    # 1x1/2 downsample
        (3, 2, 1, 1, 0, 5, 4, 2, True),      # 1x1/1 (direct GEMM path)
        (2, 3, 3, 2, 1, 1, 1, 3, False),     # 1x1 image
        (8, 4, 3, 1, 1, 30, 29, 2, True),    # several column chunks, straddling images
        (3, 2, 7, 1, 3, 5, 6, 2, False),     # 7x7/1 "same": shifts beyond the image
        (2, 3, 3, 1, 1, 1, 1, 2, True),      # 3x3/1 on 1x1 images
        (4, 3, 5, 1, 2, 4, 9, 3, False),     # 5x5/1 "same", wide rows
    ]:
        x = rng.normal(0, 1, (n, cin, h, w)).astype(np.float32)
        wt = rng.normal(0, 0.5, (cout, cin, k, k)).astype(np.float32)
        b = rng.normal(0, 0.5, cout).astype(np.float32)
        y = conv_direct(x.astype(np.float64), wt.astype(np.float64), b.astype(np.float64), s, p)
        case = {"in_channels": cin, "out_channels": cout, "kernel": k, "stride": s, "padding": p,
                "batch": n, "height": h, "width": w, "input": floats(x), "weights": floats(wt), "bias": floats(b),
                "out_height": y.shape[2], "out_width": y.shape[3]}
        if residual_relu:
            r = rng.normal(0, 1, y.shape).astype(np.float32)
            case["residual"] = floats(r)
            y = np.maximum(y + r, 0)
        case["output"] = floats(y)
        convs.append(case)
    # 3x3/1 layers at network-like scale (He-initialised weights, ReLU-like input) for the
    # Winograd F(4x4, 3x3) error: 32 channels with partial edge tiles (one chunk, steps split over
    # the workers), then a 126 x 132 image of > 1024 tiles (chunks of tile rows).
    # Own generator, so the cases above stay unchanged.
    wide = np.random.default_rng(20261127)
    for (cin, cout, h, w, n) in [(32, 24, 13, 18, 2), (1, 1, 126, 132, 1)]:
        x = np.maximum(wide.normal(0, 1, (n, cin, h, w)), 0).astype(np.float32)
        wt = wide.normal(0, np.sqrt(2.0 / (9 * cin)), (cout, cin, 3, 3)).astype(np.float32)
        b = wide.normal(0, 0.1, cout).astype(np.float32)
        r = wide.normal(0, 1, (n, cout, h, w)).astype(np.float32)
        y = np.maximum(conv_direct(x.astype(np.float64), wt.astype(np.float64), b.astype(np.float64), 1, 1) + r, 0)
        convs.append({"in_channels": cin, "out_channels": cout, "kernel": 3, "stride": 1, "padding": 1,
                      "batch": n, "height": h, "width": w, "input": floats(x), "weights": floats(wt),
                      "bias": floats(b), "out_height": h, "out_width": w, "residual": floats(r), "output": floats(y)})
    pools = []
    for (c, n, h, w) in [(2, 2, 9, 8), (1, 1, 1, 1), (3, 1, 2, 5), (2, 3, 12, 13)]:
        x = rng.normal(-1, 1, (n, c, h, w)).astype(np.float32)
        y = maxpool_direct(x.astype(np.float64), 3, 2, 1)
        pools.append({"channels": c, "batch": n, "height": h, "width": w, "input": floats(x), "output": floats(y),
                      "out_height": y.shape[2], "out_width": y.shape[3]})
    folds = []
    for (cin, cout, k, s, p) in [(3, 4, 3, 1, 1), (4, 6, 1, 2, 0), (3, 5, 7, 2, 3)]:
        x = rng.normal(0, 1, (2, cin, 11, 10)).astype(np.float32)
        wt = rng.normal(0, 0.5, (cout, cin, k, k)).astype(np.float32)
        g, beta = rng.uniform(0.2, 2, cout).astype(np.float32), rng.normal(0, 1, cout).astype(np.float32)
        mu, var = rng.normal(0, 1, cout).astype(np.float32), rng.uniform(0.01, 3, cout).astype(np.float32)
        var[0] = 0.0  # eps alone keeps it finite
        y = conv_direct(x.astype(np.float64), wt.astype(np.float64), np.zeros(cout), s, p)
        y = (y - mu[None, :, None, None]) / np.sqrt(var[None, :, None, None].astype(np.float64) + 1e-5) \
            * g[None, :, None, None] + beta[None, :, None, None]
        folds.append({"in_channels": cin, "out_channels": cout, "kernel": k, "stride": s, "padding": p,
                      "batch": 2, "height": 11, "width": 10, "input": floats(x), "weights": floats(wt),
                      "gamma": floats(g), "beta": floats(beta), "mean": floats(mu), "variance": floats(var),
                      "out_height": y.shape[2], "out_width": y.shape[3], "output": floats(y)})
    resizes = []
    for (w, h, ow, oh) in [(7, 5, 16, 13), (50, 40, 9, 11), (1, 1, 4, 3), (3, 1, 1, 1), (10, 10, 10, 10),
                           (13, 3, 5, 17), (300, 2, 224, 3), (2, 260, 1, 224)]:
        img = rng.uniform(0, 1, (h, w)).astype(np.float32)
        y = bilinear_torch(img, oh, ow)
        check = bilinear_onnx(img, oh, ow)
        # onnxruntime maps coordinates as (d + 0.5) / (out / in) - 0.5, PyTorch as (in / out) * (d + 0.5) - 0.5:
        # the Float32 roundings differ by up to one ulp of the coordinate (≈ 2e-5 on [0, 1] data at 300 → 224).
        assert np.abs(y - check).max() < 5e-5, ("resize disagrees with onnxruntime", w, h, ow, oh)
        resizes.append({"width": w, "height": h, "out_width": ow, "out_height": oh,
                        "input": floats(img), "output": floats(y)})
    return {"convolutions": convs, "max_pools": pools, "batch_norm_folds": folds, "resizes": resizes}


def dtype_fixture():
    tensors = {
        "z_f32": ("F32", np.array([[1.5, -2.25, 3.0e-8], [0.0, -0.0, 65504.0]], np.float32)),
        "a_f16": ("F16", np.array([1.0, -2.5, 6.1035156e-05, 5.9604645e-08, 65504.0, -0.0], np.float32)),
        "m_bf16": ("BF16", np.array([[1.0, -3.140625], [1.0e30, -2.0e-30]], np.float32)),
        "q_f64": ("F64", np.array([0.1, -1e-3, 12345.678], np.float64)),
        "num_batches_tracked": ("I64", np.array(7, np.int64)),
        "scalar": ("F32", np.array(42.0, np.float32)),
    }
    write_safetensors("dtypes.safetensors", tensors, order=["m_bf16", "num_batches_tracked", "z_f32", "scalar", "q_f64", "a_f16"],
                      metadata={"format": "pt"})
    back = read_safetensors("dtypes.safetensors")
    return {k: {"shape": list(v.shape), "values": floats(v)} for k, v in back.items()}


if __name__ == "__main__":
    weights = make_weights()
    cases, images = network_cases(weights)
    json.dump({"base_width": BASE, "network_cases": cases, "images": images}, open("resnet18_w8.json", "w"))
    json.dump(layer_cases(), open("layers.json", "w"))
    json.dump(dtype_fixture(), open("dtypes.json", "w"))
    for i in images:
        print(i["box"], "max |f|", max(abs(v) for v in i["features"]), "plane sum", i["plane_sum"])
    for c in cases:
        print("network case max |f|", max(abs(v) for r in c["features"] for v in r))
