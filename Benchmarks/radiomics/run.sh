#!/usr/bin/env bash
# One-line radiomics benchmark for `make bench`: `sentinel extract` vs PyRadiomics
# (pyradiomics-bhklab) on mammogram-sized 16-bit PNGs (3000 x 2400) with ~300 x 300 lesion ROIs,
# Original + Wavelet + shape2D (474 features), in the same run. Prints one summary line:
#   radiomics: PyRadiomics X s/ROI, sentinel Y s/ROI (--jobs 1 over the manifest): Rx; one ROI as a whole
#   process; 100 ROIs on N cores: Z s (W ROIs/s, the scaling over --jobs 1)
# Usage: Benchmarks/radiomics/run.sh [DATA_DIR] [N_PYRADIOMICS_ROIS]   (needs a release build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-.bench/radiomics-data}"
n="${2:-2}"
sentinel="$here/../../.build/release/sentinel"
[ -x "$sentinel" ] || { echo "radiomics: no release build at $sentinel (run make release)"; exit 1; }
python3 -c "import radiomics, SimpleITK" 2>/dev/null || python3 -m pip install -q pyradiomics-bhklab SimpleITK >&2
[ -f "$data/manifest.csv" ] || python3 "$here/make_bench_data.py" "$data" >&2
py=$(python3 "$here/bench_pyradiomics.py" "$data" "$n" | sed -n 's/^pyradiomics CPU seconds per ROI:.* mean //p')
cd "$data"
t0=$(date +%s.%N)
for _ in 1 2 3; do "$sentinel" extract manifest1.csv --out one.csv --params params.yaml --jobs 1 2>/dev/null; done
one=$(echo "($(date +%s.%N) - $t0) / 3" | bc -l)
t0=$(date +%s.%N)
"$sentinel" extract manifest.csv --out all1.csv --params params.yaml --jobs 1 2>/dev/null
serial=$(echo "$(date +%s.%N) - $t0" | bc -l)
t0=$(date +%s.%N)
"$sentinel" extract manifest.csv --out all.csv --params params.yaml 2>/dev/null
all=$(echo "$(date +%s.%N) - $t0" | bc -l)
rois=$(($(wc -l < manifest.csv) - 1))
# PyRadiomics' figure is per ROI inside one Python process (reading included, start-up and imports
# excluded); the like-for-like Sentinel figure is the manifest run on one core divided by its ROIs.
per=$(echo "$serial / $rois" | bc -l)
printf "radiomics: PyRadiomics %.2f s/ROI (CPU, in process), sentinel %.3f s/ROI (--jobs 1 over %d ROIs): %.1fx; one ROI as a whole process %.3f s (%.1fx); %d ROIs on %d cores: %.1f s (%.1f ROIs/s, %.2fx the --jobs 1 rate)\n" \
  "$py" "$per" "$rois" "$(echo "$py / $per" | bc -l)" "$one" "$(echo "$py / $one" | bc -l)" "$rois" "$(nproc)" "$all" "$(echo "$rois / $all" | bc -l)" "$(echo "$serial / $all" | bc -l)"
