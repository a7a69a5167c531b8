#!/usr/bin/env bash
# Benchmark of `sentinel extract` against PyRadiomics (pyradiomics-bhklab) on mammogram-sized
# images (3000 x 2400, 16-bit PNG) with ~300 x 300 lesion ROIs, Original + Wavelet + shape2D
# (474 features). Needs python3 with numpy, scipy, SimpleITK and pyradiomics-bhklab, and a
# release build of sentinel. Usage: Benchmarks/radiomics/run_radiomics_bench.sh [DATA_DIR] [N_PYRADIOMICS_ROIS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-.bench/radiomics-data}"
n="${2:-2}"
sentinel="$here/../../.build/release/sentinel"
[ -f "$data/manifest.csv" ] || python3 "$here/make_bench_data.py" "$data"
python3 "$here/bench_pyradiomics.py" "$data" "$n"
cd "$data"
/usr/bin/time -f "sentinel, 1 ROI, --jobs 1: %e s wall, %U s user" "$sentinel" extract manifest1.csv --out one.csv --params params.yaml --jobs 1
for jobs in 1 2 4; do
  /usr/bin/time -f "sentinel, 100 ROIs, --jobs $jobs: %e s wall, %U s user" "$sentinel" extract manifest.csv --out all_$jobs.csv --params params.yaml --jobs $jobs 2>&1 | grep sentinel
done
cmp all_1.csv all_2.csv && echo "outputs identical across --jobs"
python3 - <<'PY'
import csv
ours = next(csv.DictReader(open("one.csv")))
py = next(csv.DictReader(open("pyradiomics_features.csv")))
diffs = [abs(float(ours["CC_" + k]) - float(v)) / max(abs(float(v)), 1e-12) for k, v in py.items() if k not in ("id", "view")]
print(f"{len(diffs)} features, worst relative difference vs PyRadiomics: {max(diffs):.2e}")
PY
