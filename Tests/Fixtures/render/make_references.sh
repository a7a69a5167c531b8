#!/usr/bin/env bash
# Regenerates the reference PNGs compared by Tests/SentinelRenderTests/ReferenceImageTests.swift.
# The references are renders of SampleCharts (Tests/SentinelRenderTests/SampleData.swift) at
# 96 dpi (333 x 253 px for the standard single-column figure, 250 x 190 pt) with Cairo 1.16 / FreeType / DejaVu Sans from
# Debian 12; each was inspected by eye before it was committed. Run from the package root.
set -euo pipefail
swift build --build-tests
SENTINEL_RECORD_REFERENCES=1 swift test --skip-build --disable-swift-testing \
  --filter ReferenceImageTests/testChartsMatchReferenceImages
ls -l Tests/Fixtures/render/*.png
