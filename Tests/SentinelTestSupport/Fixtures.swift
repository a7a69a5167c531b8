import Foundation
import XCTest

/// Locates and decodes the committed reference fixtures under `Tests/Fixtures/`.
///
/// Fixtures are JSON written by the `make_*.py` / `make_*.R` scripts beside them, which ran
/// the reference implementations (scipy, scikit-learn, statsmodels, R). Tests read only
/// these files, so CI needs neither Python nor R.
public enum Fixtures {
    /// The `Tests/Fixtures` folder of this checkout.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SentinelTestSupport
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// URL of `Tests/Fixtures/<path>`.
    public static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// Decodes `Tests/Fixtures/<path>` as `T`.
    public static func load<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        let data = try Data(contentsOf: url(path))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// The raw JSON object of `Tests/Fixtures/<path>`.
    public static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url(path)))
    }
}

/// Asserts |actual - expected| ≤ absolute + relative·|expected| (NaN equals NaN,
/// infinities must match exactly).
public func assertClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    if expected.isNaN {
        XCTAssertTrue(actual.isNaN, "expected NaN, got \(actual) \(message())", file: file, line: line)
        return
    }
    if expected.isInfinite {
        XCTAssertEqual(actual, expected, message(), file: file, line: line)
        return
    }
    let tolerance = absolute + relative * abs(expected)
    XCTAssertTrue(abs(actual - expected) <= tolerance,
                  "\(actual) is not within \(tolerance) of \(expected) \(message())",
                  file: file, line: line)
}

/// Element-wise `assertClose` with a length check.
public func assertClose(
    _ actual: [Double], _ expected: [Double], relative: Double = 1e-9, absolute: Double = 0,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "length \(message())", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, relative: relative, absolute: absolute, "[\(i)] \(message())", file: file, line: line)
    }
}
