import Foundation
import XCTest
@testable import SentinelRender

final class CanvasTests: XCTestCase {
    private func sample(_ canvas: Canvas) throws {
        canvas.strokeLine(from: Point(x: 10, y: 10), to: Point(x: 190, y: 90),
                          style: StrokeStyle(color: Palette.color(forSeries: 0), width: 2, dash: [4, 2]))
        canvas.drawCircle(center: Point(x: 100, y: 50), radius: 20, fill: Palette.color(forSeries: 1).withAlpha(0.5),
                          stroke: StrokeStyle(color: .ink, width: 1))
        try canvas.drawText("AUC 0.845 (0.769–0.921) ≥ ± μ", at: Point(x: 100, y: 80),
                            font: Font(size: 9), horizontal: .center)
        try canvas.drawText("Sensitivity", at: Point(x: 8, y: 50), font: Font(size: 9).bold,
                            horizontal: .center, vertical: .middle, rotation: -Double.pi / 2)
    }

    func testEveryFormatIsByteIdenticalAcrossRenders() throws {
        for format in ImageFormat.allCases {
            let a = try Renderer.render(format: format, size: Size(width: 200, height: 100), dpi: 96,
                                        metadata: DocumentMetadata(title: "T", creator: "Sentinel 0.0"), draw: sample)
            // Another render in between advances Cairo's per-process counters.
            _ = try Renderer.render(format: .svg, size: Size(width: 50, height: 50), draw: sample)
            let b = try Renderer.render(format: format, size: Size(width: 200, height: 100), dpi: 96,
                                        metadata: DocumentMetadata(title: "T", creator: "Sentinel 0.0"), draw: sample)
            XCTAssertGreaterThan(a.count, 100, "\(format)")
            XCTAssertEqual(a, b, "\(format) output differs between two renders")
        }
    }

    func testPNGHasSizeAndResolution() throws {
        let png = try Renderer.render(format: .png, size: Size(width: 72, height: 36), dpi: 300, draw: sample)
        let bytes = [UInt8](png)
        XCTAssertEqual(Array(bytes[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(PNGEncoding.readBigEndian(bytes, at: 16), 300)
        XCTAssertEqual(PNGEncoding.readBigEndian(bytes, at: 20), 150)
        XCTAssertEqual(PNGEncoding.pixelsPerMetre(dpi: 300), 11811)
        let dpi = try XCTUnwrap(PNGEncoding.resolution(of: bytes))
        XCTAssertEqual(dpi, 300, accuracy: 0.01)
        XCTAssertEqual(PNGEncoding.crc32(Array("IEND".utf8)), 0xAE42_6082)
        // Every chunk's CRC is valid and pHYs comes before the image data.
        var offset = 8
        var types: [String] = []
        while offset + 12 <= bytes.count {
            let length = Int(PNGEncoding.readBigEndian(bytes, at: offset))
            let typed = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            XCTAssertEqual(PNGEncoding.crc32(typed), PNGEncoding.readBigEndian(bytes, at: offset + 8 + length))
            types.append(String(decoding: typed.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        XCTAssertEqual(types.first, "IHDR")
        XCTAssertEqual(types.last, "IEND")
        XCTAssertLessThan(try XCTUnwrap(types.firstIndex(of: "pHYs")), try XCTUnwrap(types.firstIndex(of: "IDAT")))
        XCTAssertEqual(bytes[25], 2, "opaque figures are written as 8-bit RGB")
    }

    func testTransparentPNGKeepsAlpha() throws {
        let png = try Renderer.render(format: .png, size: Size(width: 20, height: 20), dpi: 72, background: nil) { canvas in
            canvas.fillRect(Rect(x: 0, y: 0, width: 10, height: 20), color: Color(hex: 0x0072B2, alpha: 0.5))
        }
        XCTAssertEqual([UInt8](png)[25], 6, "RGBA")
        let image = try RasterImage(png: png)
        // Cairo stores premultiplied 8-bit values, so un-premultiplying may be off by one.
        for (got, want) in zip(image.rgba[0..<4], [0x00, 0x72, 0xB2, 128] as [Int]) { XCTAssertLessThanOrEqual(abs(Int(got) - want), 1) }
        XCTAssertEqual(Array(image.rgba[(15 * 4)..<(16 * 4)]), [0, 0, 0, 0])
    }

    func testSVGIdsArePrefixedAndResolve() throws {
        let svg = String(decoding: try Renderer.render(format: .svg, size: Size(width: 200, height: 100),
                                                       svgIDPrefix: "fig1-", draw: sample), as: UTF8.self)
        XCTAssertTrue(svg.contains("width=\"200pt\""), svg.prefix(300).description)
        let ids = matches(of: #" id="([^"]+)""#, in: svg)
        XCTAssertFalse(ids.isEmpty)
        XCTAssertTrue(ids.allSatisfy { $0.hasPrefix("fig1-") }, "\(ids)")
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate ids")
        for ref in matches(of: ##"href="#([^"]+)""##, in: svg) + matches(of: ##"url\(#([^)]+)\)"##, in: svg) {
            XCTAssertTrue(ids.contains(ref), "dangling reference \(ref)")
        }
    }

    func testInvalidSizeThrows() {
        XCTAssertThrowsError(try Renderer.render(format: .png, size: Size(width: 0, height: 10)) { _ in })
        XCTAssertThrowsError(try Renderer.render(format: .svg, size: Size(width: .nan, height: 10)) { _ in })
    }

    func testPaletteIsOkabeItoAndStable() {
        XCTAssertEqual(Palette.color(forSeries: 0).hexString, "#e69f00")
        XCTAssertEqual(Palette.color(forSeries: 3).hexString, "#0072b2")
        XCTAssertEqual(Palette.dash(forSeries: 3), [])
        XCTAssertEqual(Palette.dash(forSeries: 11), [6, 3])
        XCTAssertEqual(Palette.colorName(forSeries: 11), "olive dashed")
        XCTAssertEqual(Palette.color(forSeries: 25), Palette.color(forSeries: 1))
        XCTAssertEqual(Palette.color(forSeries: -1), Palette.color(forSeries: 23))
    }

    private func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

final class CanvasFailureTests: XCTestCase {
    private struct Boom: Error {}

    func testAThrowingDrawingLeavesNoBrokenState() throws {
        for format in ImageFormat.allCases {
            XCTAssertThrowsError(try Renderer.render(format: format, size: Size(width: 100, height: 100)) { canvas in
                try canvas.drawText("half", at: Point(x: 10, y: 10), font: Font(size: 9))
                throw Boom()
            }) { XCTAssertTrue($0 is Boom) }
        }
        // Rendering still works afterwards.
        XCTAssertGreaterThan(try SampleCharts.roc.render(format: .pdf).count, 1000)
    }

    func testUnfinishedDocumentCanBeDropped() throws {
        do {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "dropped"))
            try doc.addHeading("Never finished")
            try doc.addParagraph("text")
        }
        XCTAssertGreaterThan(try SampleCharts.forest.render(format: .svg).count, 1000)
    }
}
