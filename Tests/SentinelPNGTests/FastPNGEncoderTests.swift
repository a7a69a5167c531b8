import CPNG
import Foundation
import SentinelTestSupport
import XCTest
@testable import SentinelPNG

/// The `.fast` engine: every file decodes (libpng, libdeflate through `PNGGrayDecoder`, and
/// Python's zlib + PIL for the committed fixtures) to exactly the pixels written, for shapes
/// and contents that exercise each part of the deflate stream.
final class FastPNGEncoderTests: XCTestCase {
    /// An 8-bit RGB (3 channels) or RGBA (4) image, row-major.
    struct Image: Equatable {
        var width: Int
        var height: Int
        var channels: Int
        var pixels: [UInt8]
    }

    /// Pseudo-random bytes (64-bit LCG, top byte).
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// A chart-like picture: white background, grey grid lines, a blended diagonal curve, a
    /// coloured box and a few repeated "glyphs".
    static func chart(width: Int, height: Int, channels: Int) -> Image {
        var pixels = [UInt8](repeating: 255, count: width * height * channels)
        func set(_ x: Int, _ y: Int, _ rgb: (UInt8, UInt8, UInt8)) {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let o = (y * width + x) * channels
            pixels[o] = rgb.0; pixels[o + 1] = rgb.1; pixels[o + 2] = rgb.2
        }
        for y in stride(from: 10, to: height, by: 37) { for x in 0..<width { set(x, y, (200, 200, 200)) } }
        for x in stride(from: 15, to: width, by: 53) { for y in 0..<height { set(x, y, (200, 200, 200)) } }
        for x in 0..<width {
            let y = Double(height) * (1 - sqrt(Double(x) / Double(max(1, width))))
            let fraction = y - y.rounded(.down)
            set(x, Int(y), (31, 119, UInt8(180 + Int(fraction * 60))))
            set(x, Int(y) + 1, (UInt8(100 + Int(fraction * 100)), 160, 220))
        }
        for y in (height / 3)..<(height / 2) { for x in (width / 2)..<(width * 3 / 4) { set(x, y, (255, 127, 14)) } }
        for glyph in 0..<(width / 20) {
            for k in 0..<6 { set(glyph * 20 + k, height - 8 + k % 3, (20, 20, 20)) }
        }
        if channels == 4 {
            for p in 0..<(width * height) { pixels[4 * p + 3] = UInt8(truncatingIfNeeded: 255 - (p / width) % 7) }
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    static func encode(_ image: Image, engine: PNGEncoder.Engine = .fast, dpi: Double? = nil) throws -> [UInt8] {
        let rowBytes = image.width * image.channels
        return try PNGEncoder(engine: engine, dpi: dpi).encode(width: image.width, height: image.height,
                                                               colorType: image.channels == 3 ? .rgb : .rgba) { y, row in
            for i in 0..<rowBytes { row[i] = image.pixels[y * rowBytes + i] }
        }
    }

    /// Decodes with libpng's simplified API to RGB or RGBA (no conversion for 8-bit files).
    static func decodeWithLibpng(_ png: [UInt8], channels: Int) throws -> Image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png.withUnsafeBytes({ png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }) != 0 else {
            throw PNGError("libpng could not read the header")
        }
        defer { png_image_free(&image) }
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR) | (channels == 4 ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
        var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * channels)
        let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else {
            var copy = image.message
            throw PNGError(withUnsafeBytes(of: &copy) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        }
        return Image(width: Int(image.width), height: Int(image.height), channels: channels, pixels: pixels)
    }

    /// Encodes with the fast engine and checks libpng gives the pixels back.
    @discardableResult
    func assertRoundTrip(_ image: Image, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let png = try Self.encode(image)
        let back = try Self.decodeWithLibpng(png, channels: image.channels)
        XCTAssertEqual(back.width, image.width, label, file: file, line: line)
        XCTAssertEqual(back.height, image.height, label, file: file, line: line)
        if back.pixels != image.pixels {
            let first = back.pixels.indices.first { $0 >= image.pixels.count || back.pixels[$0] != image.pixels[$0] } ?? -1
            XCTFail("\(label): decoded pixels differ, first at byte \(first)", file: file, line: line)
        }
        return png
    }

    func testRandomImagesRoundTrip() throws {
        for (width, height, channels) in [(37, 23, 3), (37, 23, 4), (1, 1, 3), (1, 1, 4), (2, 2, 3), (129, 5, 4)] {
            let pixels = Self.noise(width * height * channels, seed: UInt64(width * 1000 + height * 10 + channels))
            try assertRoundTrip(Image(width: width, height: height, channels: channels, pixels: pixels),
                                "noise \(width)x\(height)x\(channels)")
        }
    }

    func testFlatImagesAndLongRuns() throws {
        for (width, height, channels) in [(1000, 700, 3), (3001, 4, 4), (259, 1, 3), (5000, 2, 3)] {
            var image = Image(width: width, height: height, channels: channels,
                              pixels: [UInt8](repeating: 0, count: width * height * channels))
            for p in 0..<(width * height) {
                image.pixels[p * channels] = 250; image.pixels[p * channels + 1] = 17; image.pixels[p * channels + 2] = 3
                if channels == 4 { image.pixels[p * channels + 3] = 128 }
            }
            let png = try assertRoundTrip(image, "flat \(width)x\(height)x\(channels)")
            if width * height >= 700_000 {
                // Runs of one colour and repeated rows cost a few bits per 258 bytes.
                XCTAssertLessThan(png.count, width * height * channels / 300, "flat \(width)x\(height) compresses")
            }
        }
    }

    func testSingleColumnsAndRowsAndOddWidths() throws {
        for (width, height) in [(1, 500), (500, 1), (13, 77), (257, 31), (1001, 9)] {
            for channels in [3, 4] {
                try assertRoundTrip(Self.chart(width: width, height: height, channels: channels), "chart \(width)x\(height)x\(channels)")
                var noisy = Self.chart(width: width, height: height, channels: channels)
                let sprinkle = Self.noise(noisy.pixels.count, seed: 7)
                for i in noisy.pixels.indices where sprinkle[i] < 8 { noisy.pixels[i] = sprinkle[i] }
                try assertRoundTrip(noisy, "sprinkled chart \(width)x\(height)x\(channels)")
            }
        }
    }

    func testAllDistinctPixels() throws {
        // 2^16 pixels, each a different colour: no 4-byte sequence repeats within a row.
        let (width, height) = (4096, 16)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for p in 0..<(width * height) {
            pixels[3 * p] = UInt8(p & 0xFF); pixels[3 * p + 1] = UInt8(p >> 8); pixels[3 * p + 2] = UInt8((p * 7) & 0xFF)
        }
        try assertRoundTrip(Image(width: width, height: height, channels: 3, pixels: pixels), "distinct")
    }

    func testLargeImagesSpanSeveralBlocks() throws {
        // Chart-like: several dynamic-Huffman blocks of ~1 MiB, matches reaching into the previous block.
        let chart = Self.chart(width: 2100, height: 600, channels: 3)
        let png = try assertRoundTrip(chart, "large chart")
        XCTAssertLessThan(png.count, chart.pixels.count / 20)
        // Noise: incompressible blocks are stored (pieces of at most 65535 bytes), never expanded much.
        let noise = Image(width: 700, height: 600, channels: 4, pixels: Self.noise(700 * 600 * 4, seed: 99))
        let stored = try assertRoundTrip(noise, "large noise")
        XCTAssertLessThan(stored.count, noise.pixels.count + noise.pixels.count / 1000 + 1024)
        // Rows longer than the 32 KiB window: no match one row up is possible.
        try assertRoundTrip(Self.chart(width: 12_000, height: 40, channels: 3), "rows wider than the window")
    }

    func testHeaderChunksAndGrayDecoder() throws {
        let (width, height) = (29, 17)
        let gray = (0..<(width * height)).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 5) }
        let image = Image(width: width, height: height, channels: 3, pixels: gray.flatMap { [$0, $0, $0] })
        let png = try Self.encode(image, dpi: 300)
        var types: [String] = [], offset = 8
        XCTAssertEqual(Array(png[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr: [UInt8] = [], phys: [UInt8] = []
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(png[(offset + 8)..<(offset + 8 + length)])
            if type == "IHDR" { ihdr = data }
            if type == "pHYs" { phys = data }
            types.append(type)
            offset += 12 + length
        }
        XCTAssertEqual(offset, png.count)
        XCTAssertEqual(types, ["IHDR", "pHYs", "IDAT", "IEND"])
        XCTAssertEqual(ihdr, [0, 0, 0, 29, 0, 0, 0, 17, 8, 2, 0, 0, 0])
        XCTAssertEqual(phys, [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1])
        // The grayscale fast path inflates with libdeflate and checks CRCs and Adler-32 itself.
        let back = try PNGGrayDecoder(data: png)
        XCTAssertEqual(try back.readAll(as: UInt8.self), gray)
    }

    func testSameFileEveryTimeAndSamePixelsAsLibpng() throws {
        let image = Self.chart(width: 640, height: 480, channels: 4)
        let first = try Self.encode(image)
        XCTAssertEqual(try Self.encode(image), first)
        let viaLibpng = try Self.encode(image, engine: .libpng)
        XCTAssertEqual(try Self.decodeWithLibpng(first, channels: 4), try Self.decodeWithLibpng(viaLibpng, channels: 4))
    }

    func testInvalidResolutionThrows() {
        let image = Image(width: 1, height: 1, channels: 3, pixels: [1, 2, 3])
        XCTAssertThrowsError(try Self.encode(image, dpi: -3))
        XCTAssertThrowsError(try Self.encode(image, dpi: .infinity))
    }

    func testChecksumsMatchKnownValues() {
        // RFC 1950 / ISO 3309 check values for "123456789" and the empty input.
        let digits = Array("123456789".utf8)
        digits.withUnsafeBytes { XCTAssertEqual(CRC32.checksum($0), 0xCBF4_3926) }
        XCTAssertEqual(CRC32.checksum(UnsafeRawBufferPointer(start: nil, count: 0)), 0)
        var adler = Adler32()
        digits.withUnsafeBufferPointer { adler.update($0.baseAddress!, count: $0.count) }
        XCTAssertEqual(adler.value, 0x091E_01DE)
        // Long input: the vector loop, its 1024-step reduction and the tail.
        let long = Self.noise(100_003, seed: 5)
        var whole = Adler32(), pieces = Adler32()
        long.withUnsafeBufferPointer { p in
            whole.update(p.baseAddress!, count: p.count)
            pieces.update(p.baseAddress!, count: 40_000)
            pieces.update(p.baseAddress! + 40_000, count: p.count - 40_000)
        }
        var scalarA: UInt64 = 1, scalarB: UInt64 = 0
        for byte in long { scalarA = (scalarA + UInt64(byte)) % 65521; scalarB = (scalarB + scalarA) % 65521 }
        XCTAssertEqual(whole.value, UInt32(scalarB << 16 | scalarA))
        XCTAssertEqual(pieces.value, whole.value)
    }

    func testAdlerSegmentsMatchTheirDefinition() {
        // sum = Σ bytes, weighted = Σ (count − index) × byte, both mod 65521, for lengths
        // around libdeflate's vector steps and past its 5552-byte reduction interval.
        let bytes = Self.noise(20_000, seed: 11).map { $0 | 0xF0 }
        for count in Array(0...70) + [255, 256, 5551, 5552, 5553, 11_105, 20_000] {
            var sum: UInt64 = 0, weighted: UInt64 = 0
            for (index, byte) in bytes.prefix(count).enumerated() {
                sum = (sum + UInt64(byte)) % 65521
                weighted = (weighted + UInt64(count - index) * UInt64(byte)) % 65521
            }
            let segment = bytes.withUnsafeBufferPointer { Adler32.Segment.of($0.baseAddress!, count: count) }
            XCTAssertEqual(segment, Adler32.Segment(sum: sum, weighted: weighted, count: count), "count \(count)")
        }
    }

    // MARK: - Fixtures checked by an independent decoder

    /// Images whose encodings are committed under Tests/Fixtures/png/fast/ and were decoded by
    /// Python's zlib and PIL (make_fast_png_fixtures.py) into fast_png.json.
    static let fixtureImages: [(name: String, image: Image)] = [
        ("chart_rgb", chart(width: 300, height: 200, channels: 3)),
        ("chart_rgba", chart(width: 211, height: 97, channels: 4)),
        ("noise_rgb", Image(width: 61, height: 37, channels: 3, pixels: noise(61 * 37 * 3, seed: 2025))),
        ("wide_flat", {
            var image = Image(width: 1000, height: 3, channels: 3, pixels: [UInt8](repeating: 240, count: 9000))
            image.pixels[4500] = 0
            return image
        }()),
    ]

    struct FixtureEntry: Decodable {
        var width: Int
        var height: Int
        var channels: Int
        var pixel_crc32: UInt32
        var pixel_adler32: UInt32
        var file_bytes: Int
    }

    func testFixturesDecodedByPythonMatchTheImages() throws {
        let record = ProcessInfo.processInfo.environment["SENTINEL_RECORD_FAST_PNG"] == "1"
        if record {
            try FileManager.default.createDirectory(at: Fixtures.url("png/fast"), withIntermediateDirectories: true)
        }
        let entries = record ? [:] : try Fixtures.load([String: FixtureEntry].self, "png/fast_png.json")
        for (name, image) in Self.fixtureImages {
            let png = try Self.encode(image, dpi: 300)
            let url = Fixtures.url("png/fast/\(name).png")
            if record {
                try Data(png).write(to: url)
                continue
            }
            let entry = try XCTUnwrap(entries[name], "\(name) missing from fast_png.json; run make_fast_png_fixtures.py")
            XCTAssertEqual([entry.width, entry.height, entry.channels], [image.width, image.height, image.channels], name)
            // Python decoded the committed file to exactly these pixels.
            image.pixels.withUnsafeBytes { XCTAssertEqual(CRC32.checksum($0), entry.pixel_crc32, name) }
            var adler = Adler32()
            image.pixels.withUnsafeBufferPointer { adler.update($0.baseAddress!, count: $0.count) }
            XCTAssertEqual(adler.value, entry.pixel_adler32, name)
            // And the encoder still writes that file, byte for byte.
            XCTAssertEqual(png.count, entry.file_bytes, name)
            XCTAssertEqual(png, [UInt8](try Data(contentsOf: url)), "\(name): output changed; re-record and re-run the script")
        }
    }
}
