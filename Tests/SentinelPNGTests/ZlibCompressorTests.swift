import Foundation
@testable import SentinelPNG
import XCTest

/// `ZlibCompressor` (the PDF writer's `/FlateDecode` streams): a zlib header, the Adler-32 of
/// the input as trailer, and a stream that inflates back to the input (read as the image data
/// of a PNG by `PNGGrayDecoder`).
final class ZlibCompressorTests: XCTestCase {
    func testStreamInflatesBackToTheInput() throws {
        let width = 97, height = 41
        var state: UInt64 = 7
        var raw: [UInt8] = []
        var samples: [UInt8] = []
        for y in 0..<height {
            raw.append(0)  // filter type None
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Repetitive rows with some noise: both matches and literals.
                let v = UInt8(truncatingIfNeeded: (x * 3 + y) % 17 == 0 ? Int(state >> 56) : x / 8 + y % 5)
                raw.append(v)
                samples.append(v)
            }
        }
        let compressor = try XCTUnwrap(ZlibCompressor(level: 6))
        let stream = compressor.compress(raw)
        XCTAssertLessThan(stream.count, raw.count)
        XCTAssertEqual(stream.first, 0x78, "zlib header: deflate, 32K window")
        XCTAssertEqual((UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31, 0, "header check bits")
        var adler = Adler32()
        raw.withUnsafeBufferPointer { adler.update($0.baseAddress!, count: $0.count) }
        let trailer = stream.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        XCTAssertEqual(trailer, adler.value)

        var png = PNGChunkWriter()
        var header: [UInt8] = []
        PNGChunkWriter.appendBigEndian(UInt32(width), to: &header)
        PNGChunkWriter.appendBigEndian(UInt32(height), to: &header)
        header += [8, 0, 0, 0, 0]
        png.append("IHDR", header)
        png.appendImageData(stream)
        png.append("IEND", [UInt8]())
        let decoded = try PNGGrayDecoder(data: png.bytes).readAll(as: UInt8.self)
        XCTAssertEqual(decoded, samples)
    }
}
