#!/usr/bin/env bash
# Regenerates the reference PNGs compared by Tests/SentinelRenderTests/ReferenceImageTests.swift.
# The references are renders of SampleCharts (Tests/SentinelRenderTests/SampleData.swift) at
# 96 dpi (600 x 450 px for the standard figure) with Cairo 1.16 / FreeType / DejaVu Sans from
# Debian 12; each was inspected by eye before it was committed. Run from the package root.
set -euo pipefail
swift build --build-tests
SENTINEL_RECORD_REFERENCES=1 swift test --skip-build --disable-swift-testing \
  --filter ReferenceImageTests/testChartsMatchReferenceImages
ls -l Tests/Fixtures/render/*.png
