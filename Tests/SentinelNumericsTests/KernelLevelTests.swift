import Foundation
import SentinelNumerics
import XCTest

/// `KernelLevel` and `KernelLevelSetting`: names, ordering, caps and the scoped override.
final class KernelLevelTests: XCTestCase {
    func testNamesAndOrder() {
        XCTAssertEqual(KernelLevel(name: "AVX2"), .avx2)
        XCTAssertEqual(KernelLevel(name: "portable"), .portable)
        XCTAssertEqual(KernelLevel(name: "avx512"), .avx512)
        XCTAssertNil(KernelLevel(name: "sse4"))
        XCTAssertEqual(KernelLevel.allCases.sorted(), [.portable, .avx2, .avx512])
    }

    func testRequiringFMANeverWidensTheLevel() {
        XCTAssertLessThanOrEqual(KernelLevel.widest(requiringFMA: true), KernelLevel.widest(requiringFMA: false))
    }

    func testCapAndScopedOverrideNeverExceedWhatIsSupported() {
        let capped = KernelLevelSetting(supported: .avx2, cap: .avx512)
        XCTAssertEqual(capped.processLevel, .avx2)
        let setting = KernelLevelSetting(supported: .avx512, cap: .portable)
        XCTAssertEqual(setting.level, .portable)
        XCTAssertEqual(setting.withLevel(.avx2) { setting.level }, .avx2)
        XCTAssertEqual(setting.level, .portable, "withLevel restores the level")
        XCTAssertEqual(capped.withLevel(.avx512) { capped.level }, .avx2)
        struct Thrown: Error {}
        XCTAssertThrowsError(try setting.withLevel(.avx512) { throw Thrown() })
        XCTAssertEqual(setting.level, .portable, "restored after a throw too")
    }

    func testCapFromTheEnvironment() {
        let name = "SENTINEL_TEST_KERNELS_CAP"
        defer { unsetenv(name) }
        setenv(name, "portable", 1)
        XCTAssertEqual(KernelLevelSetting(requiringFMA: false, capVariable: name).processLevel, .portable)
        setenv(name, "sse4", 1)
        XCTAssertEqual(KernelLevelSetting(requiringFMA: false, capVariable: name).processLevel,
                       KernelLevel.widest(requiringFMA: false), "a value naming no level is ignored")
        unsetenv(name)
        XCTAssertEqual(KernelLevelSetting(requiringFMA: true, capVariable: name).processLevel, KernelLevel.widest(requiringFMA: true))
    }
}
