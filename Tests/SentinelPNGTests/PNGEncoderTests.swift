import Foundation
import SentinelPNG
import XCTest

/// `PNGEncoder`: files decode back to the rows written, with the requested header chunks.
final class PNGEncoderTests: XCTestCase {
    /// The chunk types and payloads of a PNG file, in order.
    private func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var out: [(String, [UInt8])] = [], offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            out.append((String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self),
                        Array(png[(offset + 8)..<(offset + 8 + length)])))
            offset += 12 + length
        }
        return out
    }

    func testGrayRGBRoundTripAndHeader() throws {
        let (width, height) = (29, 17)
        let gray = (0..<(width * height)).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 5) }
        for filter in [PNGEncoder.RowFilter.none, .adaptive] {
            let encoder = PNGEncoder(compressionLevel: 3, filter: filter, dpi: 300)
            let png = try encoder.encode(width: width, height: height, colorType: .rgb) { y, row in
                for x in 0..<width { for c in 0..<3 { row[3 * x + c] = gray[y * width + x] } }
            }
            XCTAssertEqual(Array(png[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let list = chunks(png)
            XCTAssertEqual(list.map(\.type), ["IHDR", "pHYs", "IDAT", "IEND"])
            // IHDR: width, height, depth 8, colour type 2 (RGB), no interlace.
            XCTAssertEqual(list[0].data, [0, 0, 0, 29, 0, 0, 0, 17, 8, 2, 0, 0, 0])
            // pHYs: 11811 pixels per metre (300 dpi) both ways, unit metre.
            XCTAssertEqual(list[1].data, [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1])
            // Equal channels convert to gray unchanged.
            let back = try PNGGrayDecoder(data: png)
            XCTAssertEqual([back.width, back.height, back.bitDepth], [width, height, 8])
            XCTAssertEqual(try back.readAll(as: UInt8.self), gray)
        }
    }

    func testRGBAHeaderAndNoResolutionWithoutDPI() throws {
        let png = try PNGEncoder(compressionLevel: 9, filter: .none).encode(width: 3, height: 2, colorType: .rgba) { y, row in
            for i in row.indices { row[i] = UInt8(i + y) }
        }
        let list = chunks(png)
        XCTAssertEqual(list.map(\.type), ["IHDR", "IDAT", "IEND"])
        XCTAssertEqual(list[0].data, [0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0])
        XCTAssertEqual(PNGEncoder.pixelsPerMetre(dpi: 300), 11811)
    }

    func testInvalidRequestsThrow() {
        XCTAssertThrowsError(try PNGEncoder().encode(width: 0, height: 3, colorType: .rgb) { _, _ in })
        XCTAssertThrowsError(try PNGEncoder(compressionLevel: 12).encode(width: 1, height: 1, colorType: .rgb) { _, _ in })
    }
}
