import XCTest
@testable import SentinelPNG

/// The token writer stores the 64-bit bit buffer after every token (`cpk_deflate_write_tokens`):
/// the widest tokens must still fit and come out in order. The fixture tests pin the exact
/// bytes of ordinary pictures; these pictures make tokens of 40 bits and more (a rare length
/// and a rare distance, so both have long Huffman codes, plus 5 and 13 extra bits), which must
/// decode to their pixels.
final class TokenWriterTests: XCTestCase {
    /// Rows of 6000 RGB pixels (18 000 bytes): noise in which every 8 bytes end with 4 copied
    /// from a short distance that cycles through 4…2 000 (thousands of matches over most distance
    /// symbols), and, once per image, `length` bytes copied from the row above (one match at a
    /// distance of 18 001: distance symbol 28 with 13 extra bits, used once).
    static func rareWideToken(length: Int, seed: UInt64) -> FastPNGEncoderTests.Image {
        let width = 6000, height = 4, rowBytes = width * 3
        var pixels = FastPNGEncoderTests.noise(rowBytes * height, seed: seed)
        var k = 0
        for y in 0..<height {
            for start in stride(from: 2000, to: rowBytes - 8, by: 8) {
                let distance = 4 + (k * 37) % 1997
                k += 1
                for j in 0..<4 { pixels[y * rowBytes + start + 4 + j] = pixels[y * rowBytes + start + 4 + j - distance] }
            }
        }
        let at = 2 * rowBytes + 9001
        for j in 0..<length { pixels[at + j] = pixels[at + j - rowBytes] }
        return FastPNGEncoderTests.Image(width: width, height: height, channels: 3, pixels: pixels)
    }

    func testWidestTokensDecodeToTheImage() throws {
        for (length, seed) in [(240, UInt64(1)), (257, 2), (227, 3), (100, 4)] {
            let image = Self.rareWideToken(length: length, seed: seed)
            let png = try FastPNGEncoderTests.encode(image)
            let back = try FastPNGEncoderTests.decodeWithLibpng(png, channels: 3)
            XCTAssertTrue(back == image, "length \(length): decoded pixels differ")
            XCTAssertLessThan(png.count, image.pixels.count * 95 / 100, "length \(length): the copies were matched")
        }
    }
}
