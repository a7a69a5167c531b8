#!/usr/bin/env bash
# ResNet18 speed and accuracy vs onnxruntime, in the same run, then the per-layer timing of the
# 3x3 stride-1 convolutions by im2col, Winograd F(2x2, 3x3) and F(4x4, 3x3) (bench_layers/):
#   bash Tests/Fixtures/deep/bench_deep.sh [WORKDIR]
# Builds bench/main.swift in a scratch release package that links this checkout's
# SentinelNumerics and Deep/ sources, then runs it and bench_onnxruntime.py on the same weights
# and input. Needs python3 with numpy, onnx, onnxruntime.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="${1:-/tmp/sentinel-deep-bench}"
pkg="$work/package"
mkdir -p "$pkg/Sources/bench" "$pkg/Sources/layers"
ln -sfn "$root/Sources/CLapack" "$pkg/Sources/CLapack"
ln -sfn "$root/Sources/CDeepKernels" "$pkg/Sources/CDeepKernels"
ln -sfn "$root/Sources/CCPUFeatures" "$pkg/Sources/CCPUFeatures"
ln -sfn "$root/Sources/SentinelNumerics" "$pkg/Sources/SentinelNumerics"
ln -sfn "$root/Sources/SentinelImaging/Deep" "$pkg/Sources/SentinelImaging"
cp "$here/bench/main.swift" "$pkg/Sources/bench/main.swift"
cp "$here/bench_layers/main.swift" "$pkg/Sources/layers/main.swift"
cat > "$pkg/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(name: "DeepBench", targets: [
    .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
    .target(name: "CDeepKernels", path: "Sources/CDeepKernels"),
    .target(name: "CCPUFeatures", path: "Sources/CCPUFeatures"),
    .target(name: "SentinelNumerics", dependencies: ["CLapack", "CCPUFeatures"]),
    .target(name: "SentinelImaging", dependencies: ["SentinelNumerics", "CDeepKernels"]),
    .executableTarget(name: "bench", dependencies: ["SentinelImaging"]),
    .executableTarget(name: "layers", dependencies: ["SentinelImaging"]),
])
SWIFT
(cd "$pkg" && swift build -c release 2>&1 | grep -E "error|Compiling|Build complete" | tail -3)
echo "== Sentinel"
"$pkg/.build/release/bench" "$work"
echo "== onnxruntime"
(cd "$here" && python3 bench_onnxruntime.py "$work/resnet18_seed7.safetensors" "$work/swift_features.bin")
echo "== Sentinel per layer (3x3 stride 1, bias + residual + ReLU)"
"$pkg/.build/release/layers" all 1 10
"$pkg/.build/release/layers" all 32 3
