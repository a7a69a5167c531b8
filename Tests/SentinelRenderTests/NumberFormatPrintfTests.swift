import Foundation
import XCTest
@testable import SentinelRender

/// `NumberFormat.printf` writes exactly what `String(format: "%.Nf")` (C's printf) writes:
/// on exact ties (half to even), values just beside them, negative zero and values rounding
/// to zero, subnormals, large values, and 200,000 random values at every precision used.
final class NumberFormatPrintfTests: XCTestCase {
    func assertSame(_ value: Double, _ decimals: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(NumberFormat.printf(value, decimals: decimals), String(format: "%.\(decimals)f", value),
                       "\(value) with \(decimals) decimals", file: file, line: line)
    }

    func testEdgeCases() {
        let values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.125, 0.145, 0.0005, 0.0015, 0.0025, -0.0004,
                                1e-300, -1e-300, 5e-324, .leastNormalMagnitude, 0.9995, 0.99949999999999994, 9.9995,
                                123456.789, 999999.9995, 1e14 + 0.5, 9.99e14, 1e15, 1e16, 1e300, -1e300, 4503599627370497,
                                0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, .pi, -.pi, 100, 0.05, 0.015, 0.025, 0.035, 1.005, 2.675]
        for value in values {
            for decimals in 0...18 { assertSame(value, decimals) }
        }
        XCTAssertEqual(NumberFormat.printf(.nan, decimals: 3), String(format: "%.3f", Double.nan))
        XCTAssertEqual(NumberFormat.printf(-.infinity, decimals: 2), String(format: "%.2f", -Double.infinity))
    }

    func testRandomValues() {
        var generator = SplitMix(state: 20250909)
        for i in 0..<200_000 {
            let decimals = i % 7
            let magnitude = Double.random(in: -12...9, using: &generator)
            var value = pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)
            // Every fourth value on a tie at the precision (or as near it as binary allows).
            if i % 4 == 0 { value = ((value * pow(10, Double(decimals))).rounded(.down) + 0.5) / pow(10, Double(decimals)) }
            assertSame(value, decimals)
        }
    }

    func testFixedKeepsItsConventions() {
        XCTAssertEqual(NumberFormat.fixed(-0.0004, decimals: 3), "0.000")
        XCTAssertEqual(NumberFormat.fixed(-0.25, decimals: 2), "−0.25")
        XCTAssertEqual(NumberFormat.fixed(0.125, decimals: 2), "0.12")
        XCTAssertEqual(NumberFormat.fixed(.nan, decimals: 2), "NA")
    }
}

/// SplitMix64: a fixed stream of test values.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
