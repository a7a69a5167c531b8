#!/usr/bin/env bash
# Regenerates the report fixtures: results.json (a `sentinel evaluate` run on the CLI tests'
# two-cohort predictions, 50 bootstrap replicates) and the reference PNGs of its charts.
# Review the PNGs before committing them.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ "${1:-}" = "--results" ]; then
  tmp="$(mktemp -d)"
  python3 - "$tmp/pred.csv" <<'PY'
import sys
state = 12345
def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 11) / float(1 << 53)
lines = ['id,cohort,label,Model A,"Model, B"']
for i in range(60):
    cohort = "train" if i < 30 else "validation"
    label = 1 if i % 3 == 0 else 0
    a = min(0.99, max(0.01, 0.3 + 0.3 * label + 0.3 * (nxt() - 0.5)))
    b = min(0.99, max(0.01, 0.35 + 0.2 * label + 0.4 * (nxt() - 0.5)))
    lines.append("P%d,%s,%d,%.4f,%.4f" % (i, cohort, label, a, b))
open(sys.argv[1], "w").write("\r\n".join(lines) + "\r\n")
PY
  SOURCE_DATE_EPOCH=1757376000 .build/debug/sentinel evaluate "$tmp/pred.csv" --out "$tmp/out" --bootstrap 50 --quiet
  cp "$tmp/out/results.json" Tests/Fixtures/report/results.json
  rm -rf "$tmp"
fi
SENTINEL_UPDATE_FIGURES=1 swift test --skip-build --disable-swift-testing --filter FigureReferenceTests
