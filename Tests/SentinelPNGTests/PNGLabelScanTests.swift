import Foundation
@testable import SentinelPNG
import SentinelTestSupport
import XCTest

/// `PNGGrayDecoder.scanLabel(_:)` (one-pass decode and label bounding box into a reused
/// buffer) against the formulas Tests/Fixtures/deep/make_partial_png_fixtures.py wrote its
/// files from (every filter type, a mask whose zero rows sit below non-zero ones and whose
/// identical rows are Up-filtered to zeros), and against `readRows`.
final class PNGLabelScanTests: XCTestCase {
    private func decoder(_ file: String) throws -> PNGGrayDecoder {
        try PNGGrayDecoder(contentsOf: Fixtures.url("deep/partial_png/\(file)"))
    }

    /// The fixture script's mask formula.
    private func mask(_ y: Int, _ x: Int) -> UInt8 {
        if (y - 200) * (y - 200) * 8100 + (x - 150) * (x - 150) * 3600 <= 3600 * 8100 { return 3 }
        if (280..<300).contains(y) && (40...60).contains(x) { return 3 }
        if (y, x) == (20, 300) || (y, x) == (399, 0) { return 7 }
        return 0
    }

    /// The bounding box of `value` by brute force over `sample`.
    private func box(of value: UInt8, width: Int, height: Int, _ sample: (Int, Int) -> UInt8)
        -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>)? {
        var r0 = Int.max, r1 = -1, c0 = Int.max, c1 = -1
        for y in 0..<height {
            for x in 0..<width where sample(y, x) == value {
                r0 = min(r0, y); r1 = y; c0 = min(c0, x); c1 = max(c1, x)
            }
        }
        return r1 < 0 ? nil : (r0...r1, c0...c1)
    }

    private func assertBox(_ got: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?,
                           _ want: (rows: ClosedRange<Int>, columns: ClosedRange<Int>)?, _ message: String,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got?.rows, want?.rows, message, file: file, line: line)
        XCTAssertEqual(got?.columns, want?.columns, message, file: file, line: line)
    }

    func testMaskRowsAndBoxesEqualTheFormula() throws {
        let png = try decoder("mask8_filters.png")
        XCTAssertEqual([png.width, png.height], [301, 400])
        for value: UInt8 in [3, 7, 0, 9] {
            let scan = try XCTUnwrap(png.scanLabel(value), "value \(value)")
            assertBox(scan.box, box(of: value, width: 301, height: 400, mask), "value \(value)")
            for y in 0..<400 {
                XCTAssertEqual(Array(scan.row(y)), (0..<301).map { mask(y, $0) }, "value \(value) row \(y)")
            }
        }
        // Hand-checked: the ellipse spans rows 140...260 and columns 60...240; the rectangle
        // adds rows up to 299; 7 sits in the top-right and bottom-left corners.
        assertBox(png.scanLabel(3)?.box, (140...299, 40...240), "label 3 by hand")
        assertBox(png.scanLabel(7)?.box, (20...399, 0...300), "label 7 by hand")
        XCTAssertNil(png.scanLabel(9)?.box)
        XCTAssertEqual(png.nextRow, 0, "the scan leaves the row cursor")
    }

    func testNonMaskImageRowsEqualReadRows() throws {
        let scan = try XCTUnwrap(decoder("gray8_filters.png").scanLabel(171))
        var rows: [[UInt8]] = []
        try decoder("gray8_filters.png").readRows(through: 399) { (_, row: UnsafeBufferPointer<UInt8>) in rows.append(Array(row)) }
        for y in 0..<400 { XCTAssertEqual(Array(scan.row(y)), rows[y], "row \(y)") }
        assertBox(scan.box, box(of: 171, width: 300, height: 400) { rows[$0][$1] }, "value 171")
    }

    /// Repeated scans reuse the pooled buffer and give the same result each time.
    func testRepeatedScansAgree() throws {
        let png = try decoder("mask8_filters.png")
        let first = try XCTUnwrap(png.scanLabel(3))
        let kept = (0..<400).map { Array(first.row($0)) }
        for _ in 0..<3 {
            let again = try XCTUnwrap(png.scanLabel(3))
            assertBox(again.box, first.box, "again")
            XCTAssertEqual((0..<400).map { Array(again.row($0)) }, kept)
        }
    }

    /// Files off the fast path, or whose data are not clean, give nil (readRows reports them).
    func testOtherFilesGiveNil() throws {
        XCTAssertNil(try decoder("gray16_filters.png").scanLabel(3), "16-bit")
        XCTAssertNil(try PNGGrayDecoder(contentsOf: Fixtures.url("png/gray8_truncated.png")).scanLabel(3), "truncated")
        // A flipped byte inside the image data: the chunk CRC no longer matches.
        var bytes = [UInt8](try Data(contentsOf: Fixtures.url("deep/partial_png/mask8_filters.png")))
        bytes[bytes.count - 40] ^= 0x55
        let corrupt = try PNGGrayDecoder(data: bytes)
        XCTAssertNil(corrupt.scanLabel(3), "CRC mismatch")
        XCTAssertThrowsError(try corrupt.readAll(as: UInt8.self))
    }
}
