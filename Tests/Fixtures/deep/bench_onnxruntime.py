"""onnxruntime side of the ResNet18 speed and accuracy comparison (not used by the tests).

    python3 bench_onnxruntime.py WEIGHTS.safetensors [SWIFT_FEATURES.bin]

Builds the full-width ResNet18 graph from the safetensors weights (torchvision keys), runs
onnxruntime's CPU execution provider at 224 x 224 on the same formula input the Swift benchmark
uses (x_i = ((i·7919) mod 2003) / 1001.5 − 1 over a 32 x 3 x 224 x 224 NCHW batch), reports
images/s at batch 1 and 32 and, given the Swift features of that batch (32 x 512 Float32,
raw little-endian), the largest absolute difference.
"""
import sys
import time

import numpy as np

from resnet_reference import read_safetensors, resnet18_onnx, session

weights = read_safetensors(sys.argv[1])
base = weights["conv1.weight"].shape[0]
sess = session(resnet18_onnx(weights, base))
n, size = 32, 224
i = np.arange(n * 3 * size * size, dtype=np.int64)
x = ((((i * 7919) % 2003).astype(np.float32) / np.float32(1001.5)) - np.float32(1)).reshape(n, 3, size, size)
sess.run(None, {"input": x[:1]})
reps = 16
t, c = time.perf_counter(), time.process_time()
for r in range(reps):
    sess.run(None, {"input": x[r % n:r % n + 1]})
b1, c1 = reps / (time.perf_counter() - t), reps / (time.process_time() - c)
sess.run(None, {"input": x})
t, c = time.perf_counter(), time.process_time()
for _ in range(2):
    y = sess.run(None, {"input": x})[0]
b32, c32 = 2 * n / (time.perf_counter() - t), 2 * n / (time.process_time() - c)
print(f"batch 1: {b1:.1f} images/s ({b1 * 1.814:.0f} GMAC/s), {c1:.1f} images per CPU-second")
print(f"batch 32: {b32:.1f} images/s ({b32 * 1.814:.0f} GMAC/s), {c32:.1f} images per CPU-second")
if len(sys.argv) > 2:
    s = np.fromfile(sys.argv[2], dtype="<f4").reshape(n, 8 * base)
    d = np.abs(s - y)
    print(f"max |swift - onnxruntime| = {d.max():.3g} (max |feature| {np.abs(y).max():.3g}, mean |feature| {np.abs(y).mean():.3g})")
