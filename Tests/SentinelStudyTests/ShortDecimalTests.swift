import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// Rounding to few significant digits and writing such values: the text is `description`'s,
/// byte for byte, and reads back to the same double.
final class ShortDecimalTests: XCTestCase {
    /// Values of every magnitude the demo makes and beyond (both signs, 1e-25 ... 1e20),
    /// with values right at and next to powers of ten.
    private func randomValues(_ count: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        var values = [Double]()
        for k in 0 ..< count {
            let sign: Double = g.nextInt(below: 2) == 0 ? -1 : 1
            switch k % 4 {
            case 0:
                let power = pow(10, Double(g.nextInt(below: 46) - 25))
                values.append(sign * [power, power.nextUp, power.nextDown, power * 9.999995, power * 0.99999949999][g.nextInt(below: 5)])
            default:
                values.append(sign * g.nextDouble() * pow(10, Double(g.nextInt(below: 46) - 25)))
            }
        }
        return values
    }

    func testRoundingIsTheNearestSixDigitDecimal() {
        var ties = 0
        for x in randomValues(100_000, seed: 1) {
            let q = ShortDecimal.rounded(x)
            // glibc's printf rounds the exact binary value correctly; the quantiser rounds the
            // product x·10^s, so only values within a hair of a tie may differ (by one unit).
            let reference = CSVTable.parseNumber(String(format: "%.5e", x))!
            if q != reference {
                // Then x is a hair from the tie between the two neighbouring decimals.
                XCTAssertLessThanOrEqual(abs(x - (q + reference) / 2), 8 * x.ulp, "\(x): \(q) vs \(reference)")
                ties += 1
            }
            // q is the double nearest to its own 6-digit decimal, which reads back to q.
            let digits = String(format: "%.5e", q)
            XCTAssertEqual(CSVTable.parseNumber(digits), q, "\(x)")
            XCTAssertEqual(q.sign, x.sign)
        }
        XCTAssertLessThan(ties, 2_000)  // values made next to ties: x = 10^k·9.999995, 10^k·0.99999949999
        for x in [0.0, -0.0, .infinity, -.infinity, 1e-310, 1e305] {
            XCTAssertEqual(ShortDecimal.rounded(x).bitPattern, x == 1e-310 || x == 1e305
                           ? CSVTable.parseNumber(String(format: "%.5e", x))!.bitPattern : x.bitPattern)
        }
        XCTAssertTrue(ShortDecimal.rounded(.nan).isNaN)
        XCTAssertEqual(ShortDecimal.rounded(0.1234565000001), 0.123457)
        XCTAssertEqual(ShortDecimal.rounded(999_999.6), 1_000_000)
        XCTAssertEqual(ShortDecimal.rounded(-0.000_099_999_97), -0.0001)
        XCTAssertEqual(ShortDecimal.rounded(2.5, significantDigits: 1), 3)
        XCTAssertEqual(ShortDecimal.rounded(123_456_789, significantDigits: 3), 123_000_000)
    }

    func testWrittenTextIsDescription() {
        var buffer = [UInt8](repeating: 0, count: 32)
        var written = 0
        for x in randomValues(100_000, seed: 2) {
            for digits in [1, 3, 6, 7] {
                let q = ShortDecimal.rounded(x, significantDigits: digits)
                let count = buffer.withUnsafeMutableBufferPointer { ShortDecimal.write(q, to: $0.baseAddress!) }
                guard let count else {
                    XCTAssertTrue(abs(q) < 1e-15 || abs(q) >= 1e15, "\(q) not written")
                    continue
                }
                XCTAssertEqual(String(decoding: buffer[..<count], as: UTF8.self), q.description)
                XCTAssertEqual(CSVTable.parseNumber(String(decoding: buffer[..<count], as: UTF8.self)), q)
                written += 1
            }
        }
        XCTAssertGreaterThan(written, 240_000)  // 1e-15 ... 1e15 of 1e-25 ... 1e20
        // Values with more digits are left to `description`.
        for x in [0.1 + 0.2, 1.0 / 3, 12345678.9, Double.pi, 1e-5 + 1e-20, 0.0, -0.0] {
            XCTAssertNil(buffer.withUnsafeMutableBufferPointer { ShortDecimal.write(x, to: $0.baseAddress!) }, "\(x)")
        }
    }

    func testNearestIntegerIsRounded() {
        var g = SeededGenerator(seed: 9)
        var values: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370495.5, 0x1p52, 0x1p53 + 2, 1e300]
        for _ in 0 ..< 100_000 {
            let y = g.nextDouble() * pow(2, Double(g.nextInt(below: 60)))
            values += [y, y.rounded(.down) + 0.5, (y.rounded(.down) + 0.5).nextDown, (y.rounded(.down) + 0.5).nextUp]
        }
        for y in values where y >= 0 { XCTAssertEqual(ShortDecimal.nearestInteger(y), y.rounded(), "\(y)") }
    }

    func testEightDigitsInLanes() {
        var g = SeededGenerator(seed: 8)
        for k in 0 ..< 200_000 {
            let m = k < 1000 ? UInt64(k) : (k < 2000 ? UInt64(99_999_999 - (k - 1000)) : UInt64(g.nextInt(below: 100_000_000)))
            let text = String(m)
            let padded = Array((String(repeating: "0", count: 8 - text.count) + text).utf8)
            let expected = padded.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element - 0x30) << (8 * $1.offset) }
            XCTAssertEqual(ShortDecimal.eightDigitValues(m), expected, text)
        }
    }

    func testShortFieldsAreTheBytesOfAppendFields() {
        var values = randomValues(20_000, seed: 3).map { ShortDecimal.rounded($0) }
        values += randomValues(2_000, seed: 4)
        values += [.nan, .infinity, -.infinity, 0, -0.0, 1e300, 5e-324, 0.0001, 9.99999e-05, 1e15, 999999900000000]
        var random = SeededRandom()
        values.shuffle(using: &random)
        var plain = CSVBuilder(header: ["a"]), short = CSVBuilder(header: ["a"])
        for start in stride(from: 0, to: values.count, by: 97) {
            values[start ..< min(values.count, start + 97)].withUnsafeBufferPointer {
                plain.appendFields($0)
                short.appendShortFields($0)
            }
            plain.endRow()
            short.endRow()
        }
        XCTAssertEqual(plain.data, short.data)
    }
}

/// A fixed-seed `RandomNumberGenerator` for shuffles in tests.
private struct SeededRandom: RandomNumberGenerator {
    private var generator = SeededGenerator(seed: 77)
    mutating func next() -> UInt64 { generator.next() }
}
