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

    /// The word-at-a-time reading of plain decimals (`init(_:count:readable:)`, as cells inside a
    /// file are read) gives exactly the general reader's sign, significand, exponent and
    /// verdict, whatever the bytes after the text: every digit count 1–25, the point anywhere
    /// or absent, signs, leading zeros, and texts of other shapes.
    func testPlainReadingMatchesTheGeneralReader() {
        var texts = ["", ".", "-", "+", "+.", "-.", ".5", "5.", "-.5", "+5.", "0", "-0", "0.", "inf", "-inf", "nan", "NaN",
                     "NA", "n/a", "x", "1e5", "1.5e-3", "-2E+7", "1.", "12345678.9", "123456789.5", "12345678", "123456789",
                     "1.2.3", "--1", "1-", "1+1", "1,5", " 5", "5 ", "0x10", "1_000", "١", "5\u{00e9}", "9999999999999999999",
                     "18446744073709551615", "0.0000000000000000001", "00000000000000000000000001.5", "1234567.123456789012"]
        var g = SeededGenerator(seed: 2026)
        for count in 1 ... 25 {
            for point in -1 ... count {
                for sign in ["", "-", "+"] {
                    for _ in 0 ..< 3 {
                        var digits = (0 ..< count).map { _ in Character(String(g.nextInt(below: 10))) }
                        if g.nextInt(below: 3) == 0 { for k in 0 ..< min(count, g.nextInt(below: 6)) { digits[k] = "0" } }
                        var text = String(digits)
                        if point >= 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
                        texts.append(sign + text)
                    }
                }
            }
        }
        let fillers: [[UInt8]] = [Array(",,,,,,,,".utf8), Array("99999999".utf8), Array(".5e5.5e5".utf8),
                                  [0, 0, 0, 0, 0, 0, 0, 0], [0xFF, 0x80, 0x30, 0x39, 0x2F, 0x3A, 0x2E, 0x0A]]
        var plain = 0
        for text in texts {
            for filler in fillers {
                let bytes = Array(text.utf8) + filler
                let count = bytes.count - filler.count
                bytes.withUnsafeBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    let general = DecimalText(base, count: count)
                    let words = DecimalText(base, count: count, readable: base + buffer.count)
                    XCTAssertEqual(words.map(describe), general.map(describe), text.debugDescription)
                    XCTAssertEqual(CSVTable.classify(base, count: count, readable: base + buffer.count),
                                   CSVTable.classify(base, count: count), text.debugDescription)
                    if count > 0, DecimalText.readPlain(base, count: count) != nil { plain += 1 }
                    // With fewer than 8 bytes after the text the general reader is used as is.
                    let short = DecimalText(base, count: count, readable: base + buffer.count - 1)
                    XCTAssertEqual(short.map(describe), general.map(describe), text.debugDescription)
                }
            }
        }
        // The plain shapes: up to 19 digits with the point (if any) in the first nine bytes after the sign.
        let plainShapes = texts.filter { text in
            let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            let digits = body.filter { $0 != "." }
            let point = body.firstIndex(of: ".").map { body.distance(from: body.startIndex, to: $0) }
            return !digits.isEmpty && digits.count <= 19 && digits.allSatisfy { "0123456789".contains($0) }
                && body.count(where: { $0 == "." }) <= 1 && (point ?? 0) <= 8 && (point != nil || digits.count <= 8)
        }
        XCTAssertEqual(plain, plainShapes.count * fillers.count)
        XCTAssertGreaterThan(plainShapes.count, 800)
        // And every value is strtod's.
        for text in texts {
            let expected = strtodValue(text)
            guard let parsed = CSVTable.parseNumber(text) else { continue }
            XCTAssertEqual(parsed.bitPattern, expected.bitPattern, text)
        }
    }

    private func describe(_ d: DecimalText) -> String {
        "\(d.negative) \(d.significand) \(d.truncated) \(d.exponent)"
    }

    func testNonDigitMaskFindsTheFirstOtherByte() {
        var g = SeededGenerator(seed: 8)
        for position in 0 ... 8 {
            for byte in 0 ... 255 where !(0x30 ... 0x39).contains(byte) || position == 8 {
                for _ in 0 ..< 4 {
                    // Digits before `position`, then the byte, then anything.
                    var bytes = (0 ..< 8).map { _ in UInt8(truncatingIfNeeded: g.next()) }
                    for k in 0 ..< min(position, 8) { bytes[k] = UInt8(0x30 + g.nextInt(below: 10)) }
                    if position < 8 { bytes[position] = UInt8(byte) }
                    let word = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    XCTAssertEqual(DecimalText.nonDigits(word).trailingZeroBitCount >> 3, position, "\(bytes)")
                }
            }
        }
    }

    func testPowerTablesAreExact() {
        #if arch(x86_64) && !os(Windows)
        var power: Float80 = 1
        for k in 0 ... 27 {
            XCTAssertEqual(DecimalText.powersOfTen[k], power, "10^\(k)")
            power *= 10
        }
        XCTAssertEqual(DecimalText.powersOfTen.count, 28)
        #endif
        var double = 1.0
        for k in 0 ... 22 {
            XCTAssertEqual(DecimalText.powersOfTenDouble[k], double, "10^\(k)")
            double *= 10
        }
        XCTAssertEqual(DecimalText.powersOfTenDouble.count, 23)
        XCTAssertEqual(DecimalText.powersOfTenInteger, (0 ... 8).map { k in (0 ..< k).reduce(UInt64(1)) { p, _ in p * 10 } })
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
