import Foundation
import SentinelPNG
import SentinelTestSupport
import XCTest

/// `PNGGrayDecoder` against the samples that make_png_fixtures.py wrote (and Pillow read back).
final class PNGGrayDecoderTests: XCTestCase {
    private struct Expected: Decodable {
        var width: Int
        var height: Int
        var samples: [Int]
    }

    private func expected(_ name: String) throws -> Expected {
        try Fixtures.load([String: Expected].self, "png/png_fixtures.json")[name]!
    }

    private func decoder(_ file: String) throws -> PNGGrayDecoder {
        try PNGGrayDecoder(contentsOf: Fixtures.url("png/\(file)"))
    }

    func testSixteenBitRowsAreTheStoredSamples() throws {
        let want = try expected("gray16")
        let png = try decoder("gray16.png")
        XCTAssertEqual([png.width, png.height, png.bitDepth], [want.width, want.height, 16])
        XCTAssertTrue(png.streams)
        XCTAssertFalse(png.isInterlaced)
        XCTAssertEqual(try png.readAll(as: UInt16.self).map(Int.init), want.samples)
    }

    func testImageDataSplitOverManyChunks() throws {
        let png = try decoder("gray16_split.png")
        XCTAssertTrue(png.streams)
        XCTAssertEqual(try png.readAll(as: UInt16.self).map(Int.init), try expected("gray16").samples)
    }

    func testEightBitRowsAreTheStoredSamples() throws {
        let want = try expected("gray8")
        let png = try PNGGrayDecoder(data: Array(try Data(contentsOf: Fixtures.url("png/gray8.png"))))
        XCTAssertEqual([png.width, png.height, png.bitDepth], [want.width, want.height, 8])
        XCTAssertEqual(try png.readAll(as: UInt8.self).map(Int.init), want.samples)
    }

    func testEarlyStopRowsEqualTheFullDecodeAndReadingContinues() throws {
        let want = try expected("gray16")
        let png = try decoder("gray16.png")
        var seen: [Int] = [], values: [Int] = []
        try png.readRows(through: 6) { (y, row: UnsafeBufferPointer<UInt16>) in
            seen.append(y)
            values += row.map(Int.init)
        }
        XCTAssertEqual(seen, Array(0...6))
        XCTAssertEqual(png.nextRow, 7)
        XCTAssertEqual(values, Array(want.samples[0..<(7 * want.width)]))
        // Asking again for rows already delivered does nothing; the rest continues from row 7.
        try png.readRows(through: 3) { (_, _: UnsafeBufferPointer<UInt16>) in XCTFail("row delivered twice") }
        XCTAssertEqual(try png.readAll(as: UInt16.self).map(Int.init), Array(want.samples[(7 * want.width)...]))
    }

    func testInterlacedFileIsDecodedWholeToTheSameRows() throws {
        let want = try expected("gray16")
        let png = try decoder("gray16_interlaced.png")
        XCTAssertTrue(png.isInterlaced)
        XCTAssertFalse(png.streams)
        var rows: [Int] = []
        try png.readRows(through: 4) { (_, row: UnsafeBufferPointer<UInt16>) in rows += row.map(Int.init) }
        XCTAssertEqual(rows, Array(want.samples[0..<(5 * want.width)]))
        XCTAssertEqual(try png.readAll(as: UInt16.self).map(Int.init), Array(want.samples[(5 * want.width)...]))
    }

    func testGammaTaggedFileGoesThroughTheSimplifiedAPIUnchanged() throws {
        let png = try decoder("gray16_linear_gamma.png")
        XCTAssertFalse(png.streams)
        XCTAssertEqual(try png.readAll(as: UInt16.self).map(Int.init), try expected("gray16").samples)
    }

    func testWrongSampleTypeAndCorruptFilesThrow() throws {
        XCTAssertThrowsError(try decoder("gray16.png").readAll(as: UInt8.self)) {
            XCTAssertTrue("\($0)".contains("16-bit"), "\($0)")
        }
        let truncated = try decoder("gray8_truncated.png")
        XCTAssertThrowsError(try truncated.readAll(as: UInt8.self)) { XCTAssertTrue($0 is PNGError) }
        // A flipped image-data bit: the chunk CRC no longer matches and libpng reports it.
        XCTAssertThrowsError(try decoder("gray16_bad_crc.png").readRows(through: 0) { (_, _: UnsafeBufferPointer<UInt16>) in }) {
            XCTAssertTrue("\($0)".contains("CRC"), "\($0)")
        }
        XCTAssertThrowsError(try PNGGrayDecoder(data: [UInt8]("not a png at all".utf8))) {
            XCTAssertTrue("\($0)".contains("signature"), "\($0)")
        }
        XCTAssertThrowsError(try PNGGrayDecoder(contentsOf: Fixtures.url("png/missing.png")))
    }
}
