import XCTest
import SentinelPNG

/// Cairo's native-endian xRGB pixels become R, G, B bytes, whatever the unused top byte holds:
/// the AVX2 (8 pixels a step), SSSE3 (4) and portable C kernels and the default choice all
/// write exactly the bytes of the pixel-by-pixel packing, and nothing past the row.
final class PackRGBTests: XCTestCase {
    /// Widths around every vector step and loop bound, and the report's figure widths.
    static let widths = Array(0...40) + [63, 64, 65, 1042, 2125]

    func testEveryLevelAndWidthMatchesThePixelByPixelPacking() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for level: Int32 in [0, 1, 2, 3] {
            for width in Self.widths {
                let pixels = (0..<width).map { _ -> UInt32 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt32(truncatingIfNeeded: state >> 32)
                }
                var expected: [UInt8] = []
                for p in pixels { expected += [UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF)] }
                var out = [UInt8](repeating: 0xAA, count: 3 * width + 32)
                pixels.withUnsafeBufferPointer { source in
                    out.withUnsafeMutableBufferPointer { buffer in
                        PNGPixelPacking.packRGB(source.baseAddress ?? UnsafePointer(bitPattern: 8)!, width: width,
                                                into: buffer.baseAddress!, level: level)
                    }
                }
                XCTAssertEqual(Array(out.prefix(3 * width)), expected, "level \(level), width \(width)")
                XCTAssertEqual(Array(out.suffix(32)), [UInt8](repeating: 0xAA, count: 32),
                               "nothing written past the row (level \(level), width \(width))")
            }
        }
    }
}
