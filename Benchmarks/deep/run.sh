#!/usr/bin/env bash
# Deep-feature benchmark for `make bench`, all in the same run on the same machine:
#   - onnxruntime's CPU inference alone (224 x 224, batch 1 and 32) with the full-width ResNet18
#     weights below (Tests/Fixtures/deep/bench_onnxruntime.py);
#   - Sentinel's inference alone on the same weights and input (`sentinel bench-deep`);
#   - the whole `sentinel extract --deep --no-radiomics` process on two 32-ROI manifests of
#     3000 x 2400 16-bit mammograms, 32 distinct images each (no file read twice, so no cache
#     inflates the figure): the same pixels as PNG, then as uncompressed DICOM (weights loading,
#     decoding and preprocessing included; best of 3 runs after one that warms the file cache);
#   - reading those ROI crops alone (`sentinel bench-deep --reading`), and from it the bound
#     1 / (1/reading + 1/inference) that a process doing only these two steps could reach.
# Prints each rate in images/s and GMAC/s (ResNet18 is 1.814 G multiply-adds per image) and the
# ratios to onnxruntime's batch-32 inference rate; the last line is the one-line summary.
# Usage: Benchmarks/deep/run.sh [DATA_DIR]   (needs a release build; python3 with numpy, scipy, Pillow,
#        onnx, onnxruntime; the data, made once by make_deep_data.py, default to .bench/deep-data)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../../Tests/Fixtures/deep"
data="${1:-.bench/deep-data}"
mkdir -p "$data" && data="$(cd "$data" && pwd)"  # absolute: the steps below change folder
sentinel="$here/../../.build/release/sentinel"
[ -x "$sentinel" ] || { echo "deep: no release build at $sentinel (run make release)"; exit 1; }
python3 -c "import onnx, onnxruntime" 2>/dev/null || python3 -m pip install -q onnx onnxruntime >&2
[ -f "$data/manifest_png.csv" ] && [ -f "$data/manifest_dcm.csv" ] || python3 "$here/make_deep_data.py" "$data" >&2
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
ort_out=$(cd "$fixtures" && python3 bench_onnxruntime.py "$weights")
ort1=$(echo "$ort_out" | sed -n 's/^batch 1: \([0-9.]*\) images.*/\1/p')
ort=$(echo "$ort_out" | sed -n 's/^batch 32: \([0-9.]*\) images.*/\1/p')
net_out=$("$sentinel" bench-deep "$weights" --reading "$data/manifest_png.csv" --reading "$data/manifest_dcm.csv")
net1=$(echo "$net_out" | sed -n 's/^batch 1: \([0-9.]*\) images.*/\1/p')
net32=$(echo "$net_out" | sed -n 's/^batch 32: \([0-9.]*\) images.*/\1/p')
read_png=$(echo "$net_out" | sed -n 's/^reading manifest_png.csv: \([0-9.]*\) ROIs.*/\1/p')
read_dcm=$(echo "$net_out" | sed -n 's/^reading manifest_dcm.csv: \([0-9.]*\) ROIs.*/\1/p')
cd "$data"
# Seconds of the fastest of 3 whole runs on manifest $1, after one that warms the file cache.
whole() {
  "$sentinel" extract "$1" --deep "$weights" --no-radiomics --out deep32.csv 2>/dev/null
  local best="" t0 t
  for _ in 1 2 3; do
    t0=$(date +%s.%N)
    "$sentinel" extract "$1" --deep "$weights" --no-radiomics --out deep32.csv 2>/dev/null
    t=$(echo "$(date +%s.%N) - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
png_s=$(whole manifest_png.csv)
dcm_s=$(whole manifest_dcm.csv)
png=$(echo "32 / $png_s" | bc -l)
dcm=$(echo "32 / $dcm_s" | bc -l)
line() { printf "deep: %-48s %6.1f images/s %5.0f GMAC/s  %5.2fx onnxruntime batch 32\n" "$1" "$2" "$(echo "$2 * 1.814" | bc -l)" "$(echo "$2 / $ort" | bc -l)"; }
line "onnxruntime inference, batch 1" "$ort1"
line "onnxruntime inference, batch 32" "$ort"
line "sentinel inference, batch 1" "$net1"
line "sentinel inference, batch 32" "$net32"
line "sentinel extract --deep, 32 PNG ROIs (whole)" "$png"
line "sentinel extract --deep, 32 DICOM ROIs (whole)" "$dcm"
# Reading the crops alone (decoding, label box, crop; all cores, file cache warm) and the rate
# the whole process could reach if it did nothing but that reading and batch-32 inference one
# after the other on the same cores: 1 / (1/reading + 1/inference).
bound() { echo "1 / (1 / $1 + 1 / $net32)" | bc -l; }
reading() { printf "deep: %-48s %6.1f ROIs/s\n" "$1" "$2"; }
reading "reading 32 PNG crops alone (decode, box, crop)" "$read_png"
reading "reading 32 DICOM crops alone (decode, box, crop)" "$read_dcm"
line "bound for PNG: reading + inference" "$(bound "$read_png")"
line "bound for DICOM: reading + inference" "$(bound "$read_dcm")"
echo "deep: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf "deep: sentinel extract --deep %.1f images/s on PNG (%.2fx; %.0f%% of its reading + inference bound), %.1f on DICOM (%.2fx; %.0f%% of its bound; 32 distinct ROIs, whole process, %.0f / %.0f GMAC/s) vs onnxruntime %.1f images/s (batch 32, inference only)\n" \
  "$png" "$(echo "$png / $ort" | bc -l)" "$(echo "100 * $png / $(bound "$read_png")" | bc -l)" \
  "$dcm" "$(echo "$dcm / $ort" | bc -l)" "$(echo "100 * $dcm / $(bound "$read_dcm")" | bc -l)" \
  "$(echo "$png * 1.814" | bc -l)" "$(echo "$dcm * 1.814" | bc -l)" "$ort"
