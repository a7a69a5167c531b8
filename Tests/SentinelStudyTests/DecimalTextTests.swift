import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The cell number parser (`DecimalText` fast paths, `strtod` fallback) must give the correctly
/// rounded double of every decimal, as the C library's `strtod` and Python's `float` do.
final class DecimalTextTests: XCTestCase {
    private struct Case: Decodable { let text: String; let bits: UInt64 }

    private func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    func testHardCasesMatchPythonFloat() throws {
        let cases = try Fixtures.load([Case].self, "study/decimal_cases.json")
        XCTAssertGreaterThan(cases.count, 10_000)
        var mismatches = 0
        for item in cases {
            let parsed = CSVTable.parseNumber(item.text)
            if parsed?.bitPattern != item.bits {
                mismatches += 1
                if mismatches < 20 { XCTFail("\(item.text): \(String(describing: parsed)) != \(Double(bitPattern: item.bits))") }
            }
            // The fixture's value is strtod's too (the reference this parser falls back on).
            XCTAssertEqual(strtodValue(item.text).bitPattern, item.bits, item.text)
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testRandomDecimalsMatchStrtod() {
        var generator = SeededGenerator(seed: 20251127)
        var checked = 0, fast = 0
        for round in 0 ..< 120_000 {
            let text = randomDecimal(&generator, round)
            let expected = strtodValue(text)
            guard expected.isFinite else {
                XCTAssertNil(CSVTable.parseNumber(text), text)
                continue
            }
            let parsed = CSVTable.parseNumber(text)
            if parsed?.bitPattern != expected.bitPattern {
                XCTFail("\(text): \(String(describing: parsed)) != \(expected)")
                return
            }
            checked += 1
            if text.withCString({ DecimalText(UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: text.utf8.count)?.fastValue }) != nil {
                fast += 1
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
        // Many decimals take a fast path (else this test would not exercise it); the others
        // have over 19 digits or a far exponent.
        XCTAssertGreaterThan(fast, checked / 3)
    }

    /// Decimals of every shape: 1–25 significant digits (leading and trailing zeros too),
    /// with or without a point, sign and exponent, near halfway points, subnormal and huge.
    private func randomDecimal(_ g: inout SeededGenerator, _ round: Int) -> String {
        switch round % 6 {
        case 0:
            let value = Double(bitPattern: g.next() & 0x7FFF_FFFF_FFFF_FFFF)
            return value.isFinite ? value.description : "1"
        case 1:
            let value = (g.nextDouble() - 0.5) * pow(10, Double(g.nextInt(below: 40)) - 20)
            return String(format: "%.\(1 + g.nextInt(below: 20))g", value)
        case 2:
            // A double's exact halfway point to the next, cut to 17–21 digits (± one unit).
            let value = Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF)
            let text = String(format: "%.\(16 + g.nextInt(below: 5))e", (value + value.nextUp) / 2)
            return text
        default:
            var text = g.nextInt(below: 4) == 0 ? "-" : (g.nextInt(below: 8) == 0 ? "+" : "")
            let leading = g.nextInt(below: 3) == 0 ? g.nextInt(below: 25) : 0
            let count = 1 + g.nextInt(below: 25)
            let point = g.nextInt(below: count + 2)
            var digits = String(repeating: "0", count: leading)
            for _ in 0 ..< count { digits.append(Character(String(g.nextInt(below: 10)))) }
            if point < digits.count && g.nextInt(below: 4) != 0 {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            }
            text += digits
            if g.nextInt(below: 2) == 0 {
                text += (g.nextInt(below: 2) == 0 ? "e" : "E") + (g.nextInt(below: 3) == 0 ? "-" : "")
                    + String(g.nextInt(below: [30, 330, 400][g.nextInt(below: 3)]))
            }
            return text
        }
    }

    func testSyntaxAndMissingCells() {
        for (text, value) in [("12", 12.0), ("-0.5", -0.5), (".5", 0.5), ("5.", 5.0), ("1e-5", 1e-5), ("+3E2", 300.0),
                              (" 7 ", 7.0), ("\t-0\t", -0.0), ("00000000000000000000000001.5", 1.5),
                              ("1234567812345678", 1234567812345678.0), ("0.0000000000000000000000000000001", 1e-31),
                              ("12345678.87654321e-8", 12345678.87654321e-8)] {
            XCTAssertEqual(CSVTable.parseNumber(text)?.bitPattern, value.bitPattern, text)
        }
        for bad in ["", " ", ".", "-", "+.", "e5", "1e", "1e+", "1.2.3", "1e5.5", "12345678x", "1234567x8", "0x10",
                    "1_000", "NaN", "inf", "1e400", "-1e400", String(repeating: "1", count: 400)] {
            XCTAssertNil(CSVTable.parseNumber(bad), bad)
        }
        for missing in ["", "  ", "NA", "n/a", " N/A "] {
            XCTAssertTrue(CSVTable.cellNumber(missing).isNaN, missing)
        }
        XCTAssertEqual(CSVTable.cellNumber("x"), .infinity)
        XCTAssertEqual(CSVTable.cellNumber("1e999"), .infinity)
        XCTAssertEqual(CSVTable.cellNumber("2.5"), 2.5)
    }

    func testEightDigitSteps() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0 ..< 10_000 {
            let value = generator.nextInt(below: 100_000_000)
            let text = String(value)
            let padded = String(repeating: "0", count: 8 - text.count) + text
            let word = padded.utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            XCTAssertTrue(DecimalText.isEightDigits(word))
            XCTAssertEqual(DecimalText.eightDigits(word), UInt64(value))
            // Any non-digit byte in any position fails the test.
            let position = generator.nextInt(below: 8)
            for byte: UInt8 in [0x2F, 0x3A, 0x2E, 0x2C, 0x65, 0x00, 0xB0, 0xFF] {
                let other = word & ~(UInt64(0xFF) << (8 * position)) | UInt64(byte) << (8 * position)
                XCTAssertFalse(DecimalText.isEightDigits(other))
            }
        }
    }
}

extension CSVTable {
    /// `cellNumber` of a string (tests).
    static func cellNumber(_ text: String) -> Double {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return .nan }
            return cellNumber(base, count: bytes.count)
        }
    }
}
