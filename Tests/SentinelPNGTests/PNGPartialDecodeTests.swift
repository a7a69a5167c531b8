import Foundation
@testable import SentinelPNG
import SentinelTestSupport
import XCTest

/// `PNGGrayDecoder`'s partial decode (inflate down to the last row asked for, unfilter up to
/// the last column, skip rows above a self-contained row) against the formula that
/// Tests/Fixtures/deep/make_partial_png_fixtures.py wrote its samples from (and Pillow reads
/// back): every filter type, stored and Huffman deflate blocks, 8 and 16 bits.
final class PNGPartialDecodeTests: XCTestCase {
    private let files = [("gray16_filters.png", 16), ("gray16_stored.png", 16), ("gray8_filters.png", 8)]

    private func decoder(_ file: String) throws -> PNGGrayDecoder {
        try PNGGrayDecoder(contentsOf: Fixtures.url("deep/partial_png/\(file)"))
    }

    /// The fixture script's formula.
    private func sample(_ y: Int, _ x: Int, bits: Int) -> Int {
        let v = (y * 7919 + x * 104_729 + ((x * x) % 613) * 31) % 65536
        return bits == 16 ? v : v % 256
    }

    /// Reads rows `rows` of `columns` (after skipping to the first row) and checks every sample.
    private func check(_ png: PNGGrayDecoder, rows: ClosedRange<Int>, columns: Range<Int>, bits: Int,
                       _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        png.skipRows(to: rows.lowerBound)
        var seen: [Int] = []
        func visit(_ y: Int, _ values: [Int]) {
            seen.append(y)
            let want = columns.map { sample(y, $0, bits: bits) }
            XCTAssertEqual(values, want, "\(message) row \(y)", file: file, line: line)
        }
        if bits == 16 {
            try png.readRows(through: rows.upperBound, columns: columns) { (y, row: UnsafeBufferPointer<UInt16>) in
                visit(y, row.map(Int.init))
            }
        } else {
            try png.readRows(through: rows.upperBound, columns: columns) { (y, row: UnsafeBufferPointer<UInt8>) in
                visit(y, row.map(Int.init))
            }
        }
        XCTAssertEqual(seen, Array(rows), message, file: file, line: line)
    }

    func testWindowsEqualTheWrittenSamples() throws {
        for (file, bits) in files {
            let width = try decoder(file).width
            XCTAssertEqual(try decoder(file).height, 400)
            // Top rows; rows 30-60 (no self-contained row above 40: unfiltered from row 0);
            // one sample; right-edge columns; a window reaching the last row (whole stream).
            let windows: [(ClosedRange<Int>, Range<Int>)] = [
                (0...5, 0..<width), (30...60, 17..<53), (45...45, 0..<1), (90...120, (width - 20)..<width),
                (130...131, 5..<9), (200...399, 3..<(width - 3)), (399...399, 0..<width),
            ]
            for (rows, columns) in windows {
                try check(decoder(file), rows: rows, columns: columns, bits: bits, "\(file) \(rows) \(columns)")
            }
        }
    }

    func testLaterRequestsForMoreRowsOrColumnsDecodeAgain() throws {
        for (file, bits) in files {
            let png = try decoder(file)
            let width = png.width
            try check(png, rows: 30...60, columns: 17..<53, bits: bits, "\(file) first window")
            // Wider columns than were unfiltered, then rows past those inflated.
            try check(png, rows: 61...70, columns: 0..<width, bits: bits, "\(file) wider")
            try check(png, rows: 300...399, columns: 0..<width, bits: bits, "\(file) lower")
            XCTAssertEqual(png.nextRow, 400)
        }
    }

    /// The partial inflate really stops early (and the whole stream is inflated, Adler-32
    /// checked, when the rows reach within 64 KiB of its end); rows hold the same bytes.
    func testInflateStopsAtTheLastRowAskedFor() throws {
        for (file, bits) in files {
            let data = try Data(contentsOf: Fixtures.url("deep/partial_png/\(file)"))
            let png = try decoder(file)
            try data.withUnsafeBytes { raw in
                let bpp = bits / 8
                let partial = try XCTUnwrap(PNGFilteredRows(png: raw, width: png.width, height: png.height,
                                                            bytesPerPixel: bpp, rows: 20, prefix: 10))
                XCTAssertEqual(partial.rowCount, 20, file)
                XCTAssertEqual(partial.rowPrefix, 10, file)
                XCTAssertTrue(partial.holds(19))
                XCTAssertFalse(partial.holds(20))
                let whole = try XCTUnwrap(PNGFilteredRows(png: raw, width: png.width, height: png.height, bytesPerPixel: bpp))
                XCTAssertEqual(whole.rowCount, 400, file)
                for y in 0..<20 {
                    let a = try XCTUnwrap(partial.row(y)), b = try XCTUnwrap(whole.row(y))
                    XCTAssertEqual(Array(UnsafeBufferPointer(start: a, count: 10)), Array(UnsafeBufferPointer(start: b, count: 10)),
                                   "\(file) row \(y)")
                }
                let nearEnd = try XCTUnwrap(PNGFilteredRows(png: raw, width: png.width, height: png.height,
                                                            bytesPerPixel: bpp, rows: 390))
                XCTAssertEqual(nearEnd.rowCount, 400, "\(file): within 64 KiB of the end, the whole stream")
            }
        }
    }

    func testCorruptDataIsStillReportedOnAPartialRead() throws {
        // A flipped image-data bit in the last IDAT chunk, far below the rows asked for (rows
        // 0-3 alone would decode): the chunk CRCs are checked over the whole stream, so the
        // file goes to libpng, which reports it.
        var data = try Data(contentsOf: Fixtures.url("deep/partial_png/gray16_filters.png"))
        data[data.count - 12 - 20] ^= 0x10
        let png = try PNGGrayDecoder(data: Array(data))
        XCTAssertThrowsError(try png.readRows(through: 3) { (_, _: UnsafeBufferPointer<UInt16>) in }) {
            XCTAssertTrue($0 is PNGError, "\($0)")
        }
    }
}
