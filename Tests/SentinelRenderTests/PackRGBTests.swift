import XCTest
@testable import SentinelRender

/// Cairo's native-endian xRGB pixels become R, G, B bytes, four pixels at a time and one by
/// one for the rest, whatever the unused top byte holds.
final class PackRGBTests: XCTestCase {
    func testEveryWidthMatchesThePixelByPixelPacking() {
        var generator = SystemRandomNumberGenerator()
        for width in 0...13 {
            let pixels = (0..<width).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
            var expected: [UInt8] = []
            for p in pixels { expected += [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF)] }
            var out = [UInt8](repeating: 0xAA, count: 3 * width + 4)
            pixels.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { buffer in
                    PNGWriter.packRGB(source.baseAddress ?? UnsafePointer(bitPattern: 8)!, width: width, into: buffer.baseAddress!)
                }
            }
            XCTAssertEqual(Array(out.prefix(3 * width)), expected, "width \(width)")
            XCTAssertEqual(Array(out.suffix(4)), [0xAA, 0xAA, 0xAA, 0xAA], "nothing written past the row (width \(width))")
        }
    }
}
