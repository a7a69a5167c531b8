import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The separator scan (`CSVKernels.separators`) at every level this CPU runs gives the
/// positions and flags of a byte-by-byte reference, wherever the bytes fall in a 64-byte block
/// and whatever the length, start and room; and `UnquotedScan` at every level splits like a
/// byte-by-byte reference, with each cell's number that of the general reader.
final class CSVKernelsTests: XCTestCase {
    private var levels: [KernelLevel] { KernelLevel.allCases.filter { $0 <= CSVKernels.supported } }

    /// Offsets of `,`, LF and CR in `bytes[from ..< to]`, whether a byte is 0x80 or above,
    /// whether one is `"`: one byte at a time.
    private func reference(_ bytes: [UInt8], from: Int, to: Int) -> (positions: [UInt32], nonASCII: Bool, quote: Bool) {
        var positions = [UInt32](), nonASCII = false, quote = false
        for i in from ..< to {
            switch bytes[i] {
            case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): positions.append(UInt32(i))
            case UInt8(ascii: "\""): quote = true
            case 0x80...: nonASCII = true
            default: break
            }
        }
        return (positions, nonASCII, quote)
    }

    /// All of `bytes[from ..< to]` through `CSVKernels.separators` in calls with room for
    /// `capacity` positions, checking each call's progress.
    private func scan(_ bytes: [UInt8], from: Int, to: Int, capacity: Int, level: KernelLevel)
        -> (positions: [UInt32], nonASCII: Bool, quote: Bool, stop: Int) {
        var positions = [UInt32](), nonASCII = false, i = from
        let room = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer { room.deallocate() }
        return bytes.withUnsafeBufferPointer { buffer in
            while i < to {
                let found = CSVKernels.separators(buffer.baseAddress!, from: i, to: to, into: room, capacity: capacity, level: level)
                XCTAssertGreaterThan(found.next, i, "progress")
                XCTAssertLessThanOrEqual(found.next, to)
                XCTAssertLessThanOrEqual(found.count, capacity)
                nonASCII = nonASCII || found.nonASCII
                if found.quote { return (positions, nonASCII, true, found.next) }
                positions.append(contentsOf: UnsafeBufferPointer(start: room, count: found.count))
                i = found.next
            }
            return (positions, nonASCII, false, i)
        }
    }

    func testRandomBytesMatchTheByteByByteScan() {
        var g = SeededGenerator(seed: 7)
        // Mostly digits and separators, sometimes a non-ASCII byte or a quote.
        let alphabet = Array("0123456789.-e,,,\n\r x".utf8)
        for round in 0 ..< 1500 {
            let count = g.nextInt(below: round < 500 ? 200 : 3000)
            var bytes = (0 ..< count).map { _ in alphabet[g.nextInt(below: alphabet.count)] }
            if count > 0 && g.nextInt(below: 4) == 0 { bytes[g.nextInt(below: count)] = [0x80, 0xC3, 0xFF][g.nextInt(below: 3)] }
            if count > 0 && g.nextInt(below: 6) == 0 { bytes[g.nextInt(below: count)] = UInt8(ascii: "\"") }
            let from = count > 0 ? g.nextInt(below: min(count, 70)) : 0
            let to = from + g.nextInt(below: count - from + 1)
            let expected = reference(bytes, from: from, to: to)
            let capacity = [64, 65, 100, 127, 4096][g.nextInt(below: 5)]
            for level in levels {
                let found = scan(bytes, from: from, to: to, capacity: capacity, level: level)
                XCTAssertEqual(found.quote, expected.quote, "round \(round) \(level)")
                if expected.quote {
                    // The scan stops at the end of the first quote's block (or at `to`).
                    let first = bytes[from ..< to].firstIndex(of: UInt8(ascii: "\""))!
                    XCTAssertGreaterThan(found.stop, first, "round \(round) \(level)")
                    XCTAssertLessThanOrEqual(found.stop, min(to, first + 64), "round \(round) \(level)")
                } else {
                    XCTAssertEqual(found.positions, expected.positions, "round \(round) \(level)")
                    XCTAssertEqual(found.nonASCII, expected.nonASCII, "round \(round) \(level)")
                    XCTAssertEqual(found.stop, to)
                }
            }
        }
    }

    func testEveryOffsetOfABlockAndEveryTailLength() {
        for level in levels {
            for length in [1, 2, 31, 32, 33, 63, 64, 65, 127, 128, 129, 191, 200] {
                let filler = [UInt8](repeating: UInt8(ascii: "7"), count: length)
                XCTAssertEqual(scan(filler, from: 0, to: length, capacity: 64, level: level).positions, [], "\(level) \(length)")
                for offset in 0 ..< length {
                    for byte in [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")] {
                        var bytes = filler
                        bytes[offset] = byte
                        let found = scan(bytes, from: 0, to: length, capacity: 64, level: level)
                        XCTAssertEqual(found.positions, [UInt32(offset)], "\(level) \(length) at \(offset)")
                        XCTAssertFalse(found.nonASCII || found.quote)
                    }
                    var high = filler
                    high[offset] = 0xE9
                    XCTAssertTrue(scan(high, from: 0, to: length, capacity: 64, level: level).nonASCII, "\(level) \(length) at \(offset)")
                    var quoted = filler
                    quoted[offset] = UInt8(ascii: "\"")
                    XCTAssertTrue(scan(quoted, from: 0, to: length, capacity: 64, level: level).quote, "\(level) \(length) at \(offset)")
                    // A separator, quote or high byte just outside the range is not seen.
                    var outside = filler + [UInt8(ascii: "\""), 0xFF, UInt8(ascii: ",")]
                    outside[offset] = UInt8(ascii: ",")
                    let inside = scan(outside, from: offset, to: length, capacity: 64, level: level)
                    XCTAssertEqual(inside.positions, [UInt32(offset)])
                    XCTAssertFalse(inside.nonASCII || inside.quote)
                }
            }
            // Every byte a separator: a full block needs all 64 entries of room.
            let commas = [UInt8](repeating: UInt8(ascii: ","), count: 1000)
            XCTAssertEqual(scan(commas, from: 3, to: 1000, capacity: 64, level: level).positions, (3 ..< 1000).map { UInt32($0) })
        }
    }

    /// A byte-by-byte split of a quote-free stretch as `UnquotedScan` documents it, each cell's
    /// number from the general reader (no bytes read past the cell).
    private func referenceSplit(_ bytes: [UInt8], from: Int, to: Int)
        -> (starts: [UInt32], numbers: [UInt64], recordFirst: [Int], recordEnd: [UInt32]) {
        var starts = [UInt32(from)], numbers = [UInt64](), recordFirst = [0], recordEnd = [UInt32]()
        var fieldStart = from, i = from
        // Whether a record is open: bytes follow the last line end (or there is none).
        var open = true
        func number(_ start: Int, _ end: Int) -> UInt64 {
            CSVTable.cellNumber(String(decoding: bytes[start ..< end], as: UTF8.self)).bitPattern
        }
        while i < to {
            let byte = bytes[i]
            if byte == UInt8(ascii: ",") {
                numbers.append(number(fieldStart, i))
                fieldStart = i + 1
                starts.append(UInt32(fieldStart))
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                numbers.append(number(fieldStart, i))
                recordEnd.append(UInt32(i))
                if byte == UInt8(ascii: "\r"), i + 1 < to, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                fieldStart = i + 1
                open = fieldStart < to
                if open {
                    recordFirst.append(starts.count)
                    starts.append(UInt32(fieldStart))
                }
            }
            i += 1
        }
        if open {
            numbers.append(number(fieldStart, to))
            recordEnd.append(UInt32(to))
        }
        return (starts, numbers, recordFirst, recordEnd)
    }

    func testScanAtEveryLevelSplitsLikeTheReference() {
        var g = SeededGenerator(seed: 11)
        let special = ["", "NA", "n/a", " N/A ", "nan", "NaN", "inf", "-inf", "x", ".", "-", "+.", ".5", "5.", "-.5e3", "1e400",
                       "00000000000000000000000001.5", "0.000000000000000000001234", " 7 ", "\t-0\t", "1.2.3", "12345678.9",
                       "123456789.5", "99999999999999999999", String(repeating: "9", count: 30) + ".5",
                       String(repeating: "1", count: 500), String(repeating: "x", count: 150)]
        for round in 0 ..< 400 {
            let ends = ["\n", "\r\n", "\r"]
            var text = ""
            let rows = 1 + g.nextInt(below: 12), columns = 1 + g.nextInt(below: 8)
            for _ in 0 ..< rows {
                let cells = (0 ..< columns).map { _ -> String in
                    switch g.nextInt(below: 8) {
                    case 0: return special[g.nextInt(below: special.count)]
                    case 1: return randomPlainDecimal(&g)
                    case 2: return String(format: "%.\(g.nextInt(below: 20))e", (g.nextDouble() - 0.5) * 1e6)
                    default: return String(format: "%.17g", (g.nextDouble() - 0.5) * pow(10, Double(g.nextInt(below: 12)) - 6))
                    }
                }
                text += cells.joined(separator: ",") + ends[g.nextInt(below: 3)]
            }
            if g.nextInt(below: 2) == 0 { text.removeLast() }
            let bytes = Array(text.utf8)
            // A stretch ends at the file's end or right after an LF.
            let to = g.nextInt(below: 3) == 0 ? (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count) : bytes.count
            let expected = referenceSplit(bytes, from: 0, to: to)
            for level in levels {
                let scan = bytes.withUnsafeBufferPointer { UnquotedScan($0.baseAddress!, from: 0, to: to, level: level) }
                XCTAssertFalse(scan.hasQuote)
                XCTAssertEqual(scan.starts, expected.starts, "round \(round) \(level): \(text.debugDescription)")
                XCTAssertEqual(scan.numbers.map(\.bitPattern), expected.numbers, "round \(round) \(level): \(text.debugDescription)")
                XCTAssertEqual(scan.recordFirst, expected.recordFirst, "round \(round) \(level)")
                XCTAssertEqual(scan.recordEnd, expected.recordEnd, "round \(round) \(level)")
            }
        }
    }

    func testManyTinyCellsGrowTheSeparatorRoom() {
        // 2 bytes per cell, far more separators than the first guess of one per 16 bytes.
        let text = (0 ..< 40_000).map { "\($0 % 10)" }.joined(separator: ",") + "\n" + String(repeating: "5\r\n", count: 3000)
        let bytes = Array(text.utf8)
        let expected = referenceSplit(bytes, from: 0, to: bytes.count)
        for level in levels {
            let scan = bytes.withUnsafeBufferPointer { UnquotedScan($0.baseAddress!, from: 0, to: $0.count, level: level) }
            XCTAssertEqual(scan.starts, expected.starts)
            XCTAssertEqual(scan.numbers.map(\.bitPattern), expected.numbers)
            XCTAssertEqual(scan.recordCount, 3001)
        }
    }

    func testQuoteOrNonASCIIAnywhereIsReported() {
        let base = Array(String(repeating: "1.25,-3,x\n", count: 30).utf8)
        for level in levels {
            for offset in stride(from: 0, to: base.count, by: 7) {
                var quoted = base
                quoted[offset] = UInt8(ascii: "\"")
                let q = quoted.withUnsafeBufferPointer { UnquotedScan($0.baseAddress!, from: 0, to: $0.count, level: level) }
                XCTAssertTrue(q.hasQuote, "\(level) \(offset)")
                var high = base
                high[offset] = 0xC3
                let h = high.withUnsafeBufferPointer { UnquotedScan($0.baseAddress!, from: 0, to: $0.count, level: level) }
                XCTAssertFalse(h.isASCII, "\(level) \(offset)")
                XCTAssertFalse(h.hasQuote)
            }
        }
    }

    /// `[+-]? digits? ('.' digits?)?` with 0–25 digits, leading zeros sometimes.
    private func randomPlainDecimal(_ g: inout SeededGenerator) -> String {
        var text = ["", "", "-", "+"][g.nextInt(below: 4)]
        let count = g.nextInt(below: 26)
        var digits = String(repeating: "0", count: g.nextInt(below: 3) == 0 ? g.nextInt(below: 4) : 0)
        for _ in 0 ..< count { digits.append(Character(String(g.nextInt(below: 10)))) }
        if g.nextInt(below: 4) != 0 {
            digits.insert(".", at: digits.index(digits.startIndex, offsetBy: g.nextInt(below: digits.count + 1)))
        }
        text += digits
        return text
    }
}
