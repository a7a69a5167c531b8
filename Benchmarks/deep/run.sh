#!/usr/bin/env bash
# One-line deep-feature benchmark for `make bench`: the whole `sentinel extract --deep
# --no-radiomics` process on a 32-ROI manifest of 3000 x 2400 16-bit PNG mammograms (weights
# loading, image reading and preprocessing included) against onnxruntime's CPU inference alone
# (batch 32, 224 x 224) with the same full-width ResNet18 weights, in the same run. Prints:
#   deep: sentinel extract X images/s (Y GMAC/s incl. I/O) vs onnxruntime Z images/s (batch 32): Rx
# Usage: Benchmarks/deep/run.sh [DATA_DIR]   (needs a release build; python3 with numpy, onnx, onnxruntime)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../../Tests/Fixtures/deep"
data="${1:-.bench/radiomics-data}"
sentinel="$here/../../.build/release/sentinel"
[ -x "$sentinel" ] || { echo "deep: no release build at $sentinel (run swift build -c release)"; exit 1; }
python3 -c "import onnx, onnxruntime" 2>/dev/null || python3 -m pip install -q onnx onnxruntime >&2
[ -f "$data/manifest.csv" ] || python3 "$here/../radiomics/make_bench_data.py" "$data" >&2
head -33 "$data/manifest.csv" > "$data/manifest32.csv"
weights="$data/resnet18_random.safetensors"
[ -f "$weights" ] || (cd "$fixtures" && python3 - "$weights" <<'PY'
# Seeded He-initialised full-width ResNet18 in torchvision's key layout, as safetensors.
import json, struct, sys
import numpy as np
from resnet_reference import expected_shapes
rng = np.random.default_rng(7)
tensors = {}
for name, shape in expected_shapes(64):
    if name.endswith("running_var"):
        a = rng.uniform(0.5, 1.5, shape)
    elif name.endswith(".weight") and len(shape) == 4:
        a = rng.normal(0, np.sqrt(2 / (shape[1] * shape[2] * shape[3])), shape)
    elif name.endswith(".weight") and len(shape) == 1:
        a = rng.uniform(0.8, 1.2, shape)
    else:
        a = rng.normal(0, 0.05, shape)
    tensors[name] = np.ascontiguousarray(a, dtype="<f4")
header, offset, blobs = {}, 0, []
for name, a in tensors.items():
    header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
    offset += a.nbytes; blobs.append(a.tobytes())
h = json.dumps(header).encode(); h += b" " * (-len(h) % 8)
open(sys.argv[1], "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
PY
)
ort=$(cd "$fixtures" && python3 bench_onnxruntime.py "$weights" | sed -n 's/^batch 32: \([0-9.]*\) images.*/\1/p')
cd "$data"
"$sentinel" extract manifest32.csv --deep "$weights" --no-radiomics --out deep32.csv 2>/dev/null  # warm the file cache
best=""
for _ in 1 2 3; do
  t0=$(date +%s.%N)
  "$sentinel" extract manifest32.csv --deep "$weights" --no-radiomics --out deep32.csv 2>/dev/null
  t=$(echo "$(date +%s.%N) - $t0" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
ips=$(echo "32 / $best" | bc -l)
printf "deep: sentinel extract --deep %.1f images/s (32 ROIs in %.2f s, %.0f GMAC/s incl. I/O) vs onnxruntime %.1f images/s (batch 32, inference only): %.2fx\n" \
  "$ips" "$best" "$(echo "$ips * 1.814" | bc -l)" "$ort" "$(echo "$ips / $ort" | bc -l)"
