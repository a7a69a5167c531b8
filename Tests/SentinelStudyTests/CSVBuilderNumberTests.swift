import Foundation
import SentinelNumerics
@testable import SentinelStudy
import XCTest

/// `CSVBuilder`'s number cells: `Double.description` byte for byte (shortest round-trip),
/// NaN as an empty cell, infinities as `inf` / `-inf`.
final class CSVBuilderNumberTests: XCTestCase {
    func testCellsAreDescriptionsAndSpecials() {
        var csv = CSVBuilder(header: ["a", "b", "c", "d", "e"])
        csv.appendField(0.1)
        csv.appendField(Double.nan)
        csv.appendField(Double.infinity)
        csv.appendField(-Double.infinity)
        csv.appendField(-1.5e-300)
        csv.endRow()
        csv.appendField(0.30000000000000004)
        csv.appendField(1234.5678901234567)
        csv.appendField(1e16)
        csv.appendField(-0.0)
        csv.appendField(.leastNonzeroMagnitude)
        csv.endRow()
        XCTAssertEqual(csv.text, "a,b,c,d,e\n0.1,,inf,-inf,-1.5e-300\n0.30000000000000004,1234.5678901234567,1e+16,-0.0,5e-324\n")
    }

    /// Number cells are written without making a String per number: still `description`,
    /// byte for byte, over the whole range (random bit patterns: every exponent, subnormals)
    /// and the cases where the format switches (powers of ten, the 1e16 and 1e-4 boundaries,
    /// integers, signed zeros, extremes).
    func testCellsMatchDescriptionOnMillionsOfDoubles() {
        var edges: [Double] = [0, -0.0, 1, -1, 0.1, 0.5, 2, 10, 1e15, 9_999_999_999_999_998, 1e16, 1e16 + 2,
                               1e17, 0.0001, 0.00009999999999999999, 1e-5, 123_456_789_012_345_680,
                               .leastNonzeroMagnitude, .leastNormalMagnitude, .leastNormalMagnitude.nextDown,
                               .greatestFiniteMagnitude, .pi, .ulpOfOne, 4_503_599_627_370_496, 9_007_199_254_740_993]
        for e in -325 ... 308 {
            let p = Double("1e\(e)")!
            edges += [p, p.nextUp, p.nextDown, -p, 5 * p, 9.999999999999999 * p]
        }
        for i in -300 ... 300 { edges.append(Double(i)) }
        var generator = SeededGenerator(seed: 20250909)
        var values = edges + edges.map { -$0 }
        for _ in 0 ..< 1_000_000 { values.append(Double(bitPattern: generator.next())) }
        // Values like the demo's feature tables: a few significant decimal scales.
        for _ in 0 ..< 1_000_000 {
            values.append((generator.nextDouble() * 2 - 1) * Double(sign: .plus, exponent: generator.nextInt(below: 40) - 20, significand: 1))
        }
        values = values.filter(\.isFinite)
        var csv = CSVBuilder()
        var expected = [UInt8]()
        for value in values {
            csv.appendField(value)
            csv.endRow()
            expected += Array(value.description.utf8) + [UInt8(ascii: "\n")]
        }
        XCTAssertGreaterThan(values.count, 1_900_000)
        XCTAssertTrue(csv.data == Data(expected), "CSV number text differs from description")
    }

    /// `appendFields` (a row's numbers formatted into reserved room) writes the bytes of
    /// `appendField` for each value: descriptions, specials, separators after a text field
    /// or at the start of a row, over random bit patterns and the format's edge cases.
    func testAppendFieldsMatchesFieldByField() {
        var generator = SeededGenerator(seed: 7)
        var values: [Double] = [.nan, .infinity, -.infinity, -0.0, 0, -2.2250738585072014e-308,
                                -1.7976931348623157e308, .leastNonzeroMagnitude, -0.00012345678901234567, 1e16, 0.0001]
        for _ in 0 ..< 200_000 { values.append(Double(bitPattern: generator.next())) }
        var rowWise = CSVBuilder(header: ["id", "x"]), fieldWise = CSVBuilder(header: ["id", "x"])
        var start = 0
        while start < values.count {
            let count = min(values.count - start, generator.nextInt(below: 40))
            let leadingText = generator.nextInt(below: 2) == 0
            if leadingText {
                rowWise.appendField("P\(start)")
                fieldWise.appendField("P\(start)")
            }
            values.withUnsafeBufferPointer { rowWise.appendFields(UnsafeBufferPointer(rebasing: $0[start ..< start + count])) }
            for value in values[start ..< start + count] { fieldWise.appendField(value) }
            // Fields appended afterwards are separated as usual.
            rowWise.appendField(1)
            fieldWise.appendField(1)
            rowWise.endRow()
            fieldWise.endRow()
            start += count
        }
        XCTAssertEqual(rowWise.byteCount, fieldWise.byteCount)
        XCTAssertTrue(rowWise.data == fieldWise.data, "appendFields differs from appendField")
        XCTAssertTrue(rowWise.text.hasPrefix("id,x\n"))
    }
}
