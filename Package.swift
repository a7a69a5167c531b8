// swift-tools-version: 6.0
// Sentinel: from a breast-cancer cohort to a validated prediction-model report.
//
// Modules follow the data flow; each depends only on the stages before it:
//   SentinelNumerics (BLAS/LAPACK wrapper, seeded RNG)
//   SentinelPNG (libpng wrapper: grayscale row decoding, RGB/RGBA encoding)
//   → SentinelStats (evaluation statistics, no I/O)
//   → SentinelLearn (selection and learners)
//   SentinelImaging (pixels → radiomics and deep features)
//   → SentinelStudy (study spec, cohorts, the nine-model pipeline)
//   SentinelRender (Cairo + HarfBuzz drawing, charts)
//   → SentinelReport (HTML and PDF documents)
//   → sentinel (the command line)
import PackageDescription

let package = Package(
    name: "Sentinel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sentinel", targets: ["sentinel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // C libraries: each imported only by the Swift module that wraps it (CPNG and CDeflate by SentinelPNG).
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo-ft",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CHarfBuzz", path: "Sources/CHarfBuzz", pkgConfig: "harfbuzz",
                       providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate", providers: [.apt(["libdeflate-dev"])]),
        // SHA-256 block compression with the x86 SHA instructions; imported only by SentinelStudy's SHA256.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        .target(name: "CCPUFeatures", path: "Sources/CCPUFeatures"),
        // ResNet18's Winograd transforms at AVX-512 / AVX2 / portable C, chosen at run time; imported
        // only by SentinelImaging's DeepKernels.
        .target(name: "CDeepKernels", path: "Sources/CDeepKernels"),
        // The solvers' inner loops (LASSO coordinate descent) at AVX-512 / AVX2 / portable C, chosen
        // at run time; imported only by SentinelLearn's LearnKernels.
        .target(name: "CLearnKernels", path: "Sources/CLearnKernels"),
        // The PNG writer's inner loops: pixel packing (xRGB -> RGB) at AVX2 / SSSE3 / portable C,
        // chosen at run time, and the deflate parse; imported only by SentinelRender's PNGWriter
        // and SentinelPNG's ScanlineDeflater.
        .target(name: "CPNGKernels", dependencies: ["CCPUFeatures"], path: "Sources/CPNGKernels"),
        // The CSV reader's separator scan at AVX2 / portable C, chosen at run time; imported only
        // by SentinelStudy's CSVKernels.
        .target(name: "CCSVKernels", path: "Sources/CCSVKernels"),

        .target(name: "SentinelNumerics", dependencies: ["CLapack", "CCPUFeatures"]),
        .target(name: "SentinelPNG", dependencies: ["CPNG", "CDeflate", "CPNGKernels"]),
        .target(name: "SentinelStats", dependencies: ["SentinelNumerics"]),
        // Optimised even in debug builds: the solvers' fixture tests (coordinate descent, SMO, SGD)
        // are 20-50x slower unoptimised.
        .target(name: "SentinelLearn", dependencies: ["SentinelStats", "SentinelNumerics", "CLearnKernels"],
                swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "SentinelImaging", dependencies: ["SentinelNumerics", "SentinelPNG", "CZlib", "CDeepKernels"]),
        .target(name: "SentinelStudy", dependencies: [
            "SentinelLearn", "SentinelStats", "SentinelImaging", "SentinelNumerics", "CSHA256", "CCSVKernels",
            .product(name: "Yams", package: "Yams"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "SentinelRender", dependencies: ["CCairo", "CHarfBuzz", "SentinelPNG"]),
        .target(name: "SentinelReport", dependencies: [
            "SentinelStudy", "SentinelRender", "SentinelStats",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "sentinel", dependencies: [
            "SentinelReport", "SentinelStudy", "SentinelImaging", "SentinelNumerics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),

        // Fixture loading and tolerance asserts shared by the test targets.
        .target(name: "SentinelTestSupport", path: "Tests/SentinelTestSupport"),
        // CPNG only for a libpng RGB/RGBA decoding helper that checks the fast encoder's files.
        .testTarget(name: "SentinelPNGTests", dependencies: ["SentinelPNG", "CPNG", "SentinelTestSupport"]),
        .testTarget(name: "SentinelNumericsTests", dependencies: ["SentinelNumerics", "SentinelTestSupport"]),
        .testTarget(name: "SentinelStatsTests", dependencies: ["SentinelStats", "SentinelTestSupport"]),
        .testTarget(name: "SentinelLearnTests", dependencies: ["SentinelLearn", "SentinelTestSupport"]),
        .testTarget(name: "SentinelImagingTests", dependencies: ["SentinelImaging", "SentinelTestSupport"]),
        .testTarget(name: "SentinelStudyTests", dependencies: ["SentinelStudy", "SentinelTestSupport"]),
        .testTarget(name: "SentinelRenderTests", dependencies: ["SentinelRender", "SentinelTestSupport"]),
        .testTarget(name: "SentinelReportTests", dependencies: ["SentinelReport", "SentinelTestSupport"]),
        .testTarget(name: "SentinelCLITests", dependencies: ["sentinel", "SentinelTestSupport"]),
    ]
)
