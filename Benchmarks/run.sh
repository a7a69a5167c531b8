#!/usr/bin/env bash
# `make bench`: release-build benchmarks, each timed beside the Python peer doing the same
# work in the same run, printing the ratio. Needs python3 with the reference pipeline's
# requirements (installed with pip when missing). Results also go to .bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN="$ROOT/.build/release/sentinel"
REF="${SENTINEL_REFERENCE:-$ROOT/../shared/reference}"
WORK="$ROOT/.bench"
mkdir -p "$WORK"
OUT="$WORK/results.txt"
: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }

if ! python3 -c "import numpy, scipy, sklearn, pandas, statsmodels, matplotlib, dcurves" 2>/dev/null; then
  echo "bench: installing the Python peer's requirements" >&2
  python3 -m pip install -q -r "$REF/requirements.txt" >&2
fi

# wall seconds and peak RSS (MiB) of a command, via GNU time when present
measure() {
  local log="$WORK/time.log"
  local t0 t1
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then /usr/bin/time -f "%M" -o "$log" "$@" >/dev/null 2>"$WORK/stderr.log"; else "$@" >/dev/null 2>"$WORK/stderr.log"; echo 0 > "$log"; fi
  t1=$(date +%s.%N)
  echo "$(python3 -c "print(round($t1 - $t0, 4))") $(( $(tail -1 "$log") / 1024 ))"
}
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

bench_cmd() {  # name, then command; prints "seconds mib" (median of 3 runs)
  local name=$1; shift
  local a b c
  a=$(measure "$@"); b=$(measure "$@"); c=$(measure "$@")
  echo "$(median3 "${a% *}" "${b% *}" "${c% *}") $(printf '%s\n' "${a#* }" "${b#* }" "${c#* }" | sort -g | tail -1)"
}

ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }

say "== Sentinel benchmarks ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores)"

# (1) evaluation of 9 models on 3 cohorts of the paper's size
python3 Benchmarks/python/make_predictions.py "$WORK/pred_paper.csv" --sizes 203,87,82
read -r s_sec s_mib < <(bench_cmd sentinel "$BIN" evaluate "$WORK/pred_paper.csv" --out "$WORK/eval_paper" --force --results-only --quiet)
read -r p_sec p_mib < <(bench_cmd python python3 Benchmarks/python/evaluate_reference.py "$WORK/pred_paper.csv" --reference-dir "$REF")
say "evaluate, paper size (9 models x 203/87/82, 2000 bootstrap): sentinel ${s_sec}s ${s_mib}MiB | python ${p_sec}s ${p_mib}MiB | ratio $(ratio "$p_sec" "$s_sec")x (target >= 20x)"

# (2) n = 100,000 per cohort against the per-replicate roc_auc_score bootstrap
python3 Benchmarks/python/make_predictions.py "$WORK/pred_100k.csv" --sizes 100000,100000,100000
read -r s_sec s_mib < <(bench_cmd sentinel "$BIN" evaluate "$WORK/pred_100k.csv" --out "$WORK/eval_100k" --force --results-only --quiet)
PYJSON=$(python3 Benchmarks/python/evaluate_reference.py "$WORK/pred_100k.csv" --reference-dir "$REF" --mode sklearn --sklearn-replicates 10)
p_sec=$(echo "$PYJSON" | python3 -c "import json,sys; print(json.load(sys.stdin)['extrapolated_process_seconds'])")
say "evaluate, n = 100,000 per cohort (9 models x 3 cohorts, 2000 bootstrap): sentinel ${s_sec}s ${s_mib}MiB | python per-replicate roc_auc_score ${p_sec}s (10 replicates per model timed, extrapolated to 2000) | ratio $(ratio "$p_sec" "$s_sec")x (target >= 50x)"

# (3) growth of DeLong and bootstrap cost with n
say "scaling (DeLong for 2 models + 200-replicate bootstrap, one cohort):"
"$BIN" bench-stats --sizes 1000,10000,100000,1000000 --replicates 200 | tee -a "$OUT"

# (4) the whole demo against the reference pipeline
if "$BIN" demo --help >/dev/null 2>&1; then
  read -r s_sec s_mib < <(bench_cmd sentinel "$BIN" demo --out "$WORK/demo" --force --quiet)
  read -r ref_sec ref_mib < <(bench_cmd python python3 "$REF/pipeline.py" --seed 0 --out "$WORK/ref_out")
  say "demo, whole process incl. report: sentinel ${s_sec}s ${s_mib}MiB | reference pipeline.py ${ref_sec}s ${ref_mib}MiB | time ratio $(ratio "$ref_sec" "$s_sec")x (target >= 20x), memory ratio $(ratio "$ref_mib" "$s_mib")x (target >= 5x)"
  # (4b) the report's drawing stages in that demo against the reference pipeline's figure stage
  python3 "$REF/pipeline.py" --seed 0 --out "$WORK/ref_out" > "$WORK/ref_timings.txt" 2>/dev/null
  p_fig=$(awk '$1 == "figures" { print $2 }' "$WORK/ref_timings.txt")
  s_fig=$(python3 -c "import json, sys; t = json.load(open(sys.argv[1])); print(round(sum(s['seconds'] for s in t['stages'] if s['stage'] in ('drawing figures', 'writing report.html', 'writing report.pdf', 'drawing figures and writing the report', 'writing results, figures and the report')), 4))" "$WORK/demo/timings.json")
  if [ -n "$p_fig" ]; then
    say "report drawing (demo: 16 figures as SVG, 300-dpi PNG and PDF, report.html, report.pdf): sentinel ${s_fig}s | reference pipeline.py figures stage (3 figures as 300-dpi PNG and PDF) ${p_fig}s | ratio $(ratio "$p_fig" "$s_fig")x"
  fi
fi

# (4c) PNG encoding of one 300-dpi demo figure: SentinelPNG's fast engine and libpng/zlib
# level 3 (PNGWriter's previous setting) against Pillow writing the same pixels (zlib level 6,
# its default, and level 1).
if [ -f "$WORK/demo/figures/roc-test.png" ]; then
  say "PNG encoding, demo roc-test.png (median of 9 encodes):"
  "$BIN" bench-png "$WORK/demo/figures/roc-test.png" --repeats 9 | tee -a "$OUT"
  python3 - "$WORK/demo/figures/roc-test.png" <<'PY' | tee -a "$OUT"
import io, sys, time
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
image.load()
for level in (6, 1):
    times = []
    for _ in range(9):
        buffer = io.BytesIO()
        t0 = time.perf_counter()
        image.save(buffer, format="PNG", compress_level=level)
        times.append(time.perf_counter() - t0)
    print(f"pillow level {level}: {sorted(times)[4]:.4f} s per encode (median of 9), {buffer.tell()} bytes")
PY
fi

# (4b) `sentinel run` at the paper's size (issue #3) on the reference pipeline's own cohort:
# pipeline.py --export-data writes data.csv (cohort, label, 17 clinical, 1726 rad_*, 1024 dl_*
# columns; 203/87/82 patients) without an id column, so one is added; the study file names
# its modalities. Both sides then run the whole study with 2000 bootstrap replicates.
mkdir -p "$WORK/paper_run"
python3 "$REF/pipeline.py" --seed 0 --out "$WORK/ref_export" --export-data >/dev/null 2>&1
awk 'NR == 1 { print "id," $0; next } { print "P" NR - 1 "," $0 }' "$WORK/ref_export/data.csv" > "$WORK/paper_run/data.csv"
cat > "$WORK/paper_run/study.yaml" <<'YAML'
title: "Reference pipeline cohort (pipeline.py --seed 0 --export-data)"
data: [data.csv]
id: id
outcome: label
cohort: {column: cohort, training: train}
modalities:
  - name: Clinical
    continuous: [age, diameter, weight, height, BMI, NLR]
    categorical: [breast_composition, density, shape, margin, calcification, MG_reported_LN, ER, PR, HER2, Ki67, grade]
  - name: Rad
    columns: "rad_*"
  - name: DL
    columns: "dl_*"
selection: {p: 0.05, correlation: 0.75, lasso_folds: 5}
seed: 0
bootstrap: 2000
YAML
read -r s_sec s_mib < <(bench_cmd sentinel "$BIN" run "$WORK/paper_run/study.yaml" --out "$WORK/run_paper" --force --quiet)
if [ -z "${ref_sec:-}" ]; then
  read -r ref_sec ref_mib < <(bench_cmd python python3 "$REF/pipeline.py" --seed 0 --out "$WORK/ref_out")
fi
say "run, paper size (203/87/82 patients, 17 clinical + 1726 rad + 1024 DL columns, 9 models, 2000 bootstrap), whole process incl. report: sentinel ${s_sec}s ${s_mib}MiB | reference pipeline.py ${ref_sec}s ${ref_mib}MiB | time ratio $(ratio "$ref_sec" "$s_sec")x (target >= 20x), memory ${s_mib}MiB (target < 200 MiB)"
# (5) radiomics and deep features, when their benchmark scripts are present
for part in radiomics deep; do
  if [ -x "Benchmarks/$part/run.sh" ]; then bash "Benchmarks/$part/run.sh" | tee -a "$OUT"; fi
done
say "results in $OUT"
