import CCairo
import Foundation
import SentinelTestSupport
import XCTest
@testable import SentinelRender

/// `PDFWriter` (figure PDFs and `PDFDocument`'s native engine), read back with poppler-utils
/// (`pdftoppm`, `pdftotext`, `pdffonts`, `pdfinfo`; skipped when absent): the pages look like
/// Cairo's rendering of the same drawing, text is embedded as font subsets and extracts as
/// written, and the document structure is what viewers need.
final class PDFWriterTests: XCTestCase {
    @discardableResult
    private func run(_ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try ExternalTool.run(name, arguments, file: file, line: line)
    }

    private func temporaryFile(_ data: Data, _ ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func rasterise(_ pdf: Data, dpi: Int) throws -> RasterImage {
        let url = try temporaryFile(pdf, "pdf")
        let prefix = url.deletingPathExtension().path
        try run("pdftoppm", ["-r", "\(dpi)", "-png", "-singlefile", url.path, prefix])
        let rendered = URL(fileURLWithPath: prefix + ".png")
        addTeardownBlock { try? FileManager.default.removeItem(at: rendered) }
        return try RasterImage(contentsOf: rendered)
    }

    /// Every sample chart's PDF, rasterised by poppler at 150 dpi, is as close to Cairo's own
    /// 150-dpi PNG of the drawing as the PDF Cairo's surface makes of it (both differ from the
    /// PNG by antialiasing and sub-pixel glyph placement only; a missing clip, a wrong colour,
    /// alpha or transform, or misplaced text would differ on far more pixels).
    func testChartPagesLookLikeCairosRendering() throws {
        _ = try ExternalTool.url("pdftoppm")
        for (name, chart) in SampleCharts.all {
            let native = try rasterise(try chart.render(format: .pdf), dpi: 150)
            let cairoPDF = try rasterise(try Renderer.renderCairoPDF(size: chart.preferredSize, background: .white,
                                                                     metadata: DocumentMetadata()) { canvas in
                try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
            }, dpi: 150)
            let png = try RasterImage(png: try chart.render(format: .png, dpi: 150))
            guard let ours = native.difference(from: png), let theirs = cairoPDF.difference(from: png) else {
                XCTFail("\(name): sizes \(native.width)×\(native.height), \(cairoPDF.width)×\(cairoPDF.height), \(png.width)×\(png.height)")
                continue
            }
            XCTAssertLessThan(ours.meanAbsolute, theirs.meanAbsolute * 1.1 + 0.1, "\(name): \(ours) vs Cairo's PDF \(theirs)")
            XCTAssertLessThan(ours.fractionDiffering, theirs.fractionDiffering * 1.1 + 0.002, "\(name): \(ours) vs Cairo's PDF \(theirs)")
            XCTAssertGreaterThan(native.nonBackgroundFraction(), 0.02, "\(name): the page is blank")
        }
    }

    /// A chart of text lines only.
    private struct TextChart: Chart {
        var title = "Text"
        var altText = "Text lines"
        var preferredSize: Size { Size(width: 300, height: 120) }
        var lines: [String]
        var font = Font(size: 10)

        func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {
            for (i, line) in lines.enumerated() {
                try canvas.drawText(line, at: Point(x: 10, y: 20 + 18 * Double(i)), font: font)
            }
            try canvas.drawText("Rotated", at: Point(x: 280, y: 100), font: Font(size: 8, weight: .bold), rotation: -Double.pi / 2)
        }
    }

    /// Fonts are subsets embedded as CID TrueType with Identity-H and a ToUnicode map; the
    /// text extracts as drawn, including non-ASCII characters, kerned pairs and the "fi"
    /// ligature (one glyph for two characters).
    func testTextIsEmbeddedAsSubsetsAndExtracts() throws {
        let lines = ["Effiziente Prüfung: AUC ≥ 0.5 − λ", "Specificity, AVATAR, Type", "0.790 (0.690–0.880)"]
        let url = try temporaryFile(try TextChart(lines: lines).render(format: .pdf), "pdf")
        let fonts = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        XCTAssertEqual(fonts.count, 2, "regular and bold: \(fonts)")
        for line in fonts {
            XCTAssertTrue(line.contains("CID TrueType") && line.contains("Identity-H"), String(line))
            XCTAssertTrue(line.contains("yes yes yes"), "embedded, subset, ToUnicode: \(line)")
            XCTAssertNotNil(line.range(of: #"^[A-Z]{6}\+DejaVuSans"#, options: .regularExpression), String(line))
        }
        let text = try run("pdftotext", ["-enc", "UTF-8", url.path, "-"])
        for line in lines + ["Rotated"] { XCTAssertTrue(text.contains(line), "pdftotext lacks \(line): \(text)") }
        // The words end where HarfBuzz put them (widths and kerning exact to 0.01 pt).
        let boxes = try run("pdftotext", ["-bbox", url.path, "-"])
        let shaped = try TextShaper.shape("AVATAR,", font: Font(size: 10))
        let word = try XCTUnwrap(boxes.split(separator: "\n").first { $0.hasSuffix(">AVATAR,</word>") })
        let xMin = try XCTUnwrap(Double(word.split(separator: "\"")[1])), xMax = try XCTUnwrap(Double(word.split(separator: "\"")[5]))
        XCTAssertEqual(xMax - xMin, shaped.width, accuracy: 0.01, String(word))
    }

    /// Text in a face without TrueType outlines (a CFF OpenType font such as URW's) is not
    /// embedded by the writer: a figure PDF is drawn by Cairo's surface instead, and a native
    /// document reports that it needs Cairo.
    func testFacesWithoutTrueTypeOutlinesFallBackToCairo() throws {
        let font = Font(family: "Nimbus Sans", size: 10)
        guard let face = try? FontRegistry.shared.face(for: font), !face.hasTrueTypeOutlines else {
            throw XCTSkip("no CFF face installed for Nimbus Sans (fonts-urw-base35)")
        }
        let pdf = try TextChart(lines: ["Nimbus text 0.845"], font: font).render(format: .pdf)
        XCTAssertTrue(String(decoding: pdf, as: UTF8.self).contains("/Producer (cairo"), "drawn by Cairo's surface")
        let url = try temporaryFile(pdf, "pdf")
        XCTAssertTrue(try run("pdftotext", [url.path, "-"]).contains("Nimbus text 0.845"))

        let native = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        try native.addParagraph("Body in DejaVu.")
        XCTAssertFalse(native.needsCairo)
        try native.addParagraph("Nimbus text", font: font)
        XCTAssertTrue(native.needsCairo)
        XCTAssertThrowsError(try native.finish())
    }

    func testMetadataIsWritten() throws {
        let meta = DocumentMetadata(title: "ROC (test) \\ curves", author: "Ärztin", subject: "AUC", keywords: "roc",
                                    creator: "Sentinel 9.9", date: Date(timeIntervalSince1970: 1_700_000_000))
        let url = try temporaryFile(try SampleCharts.roc.render(format: .pdf, metadata: meta), "pdf")
        let info = try run("pdfinfo", [url.path])
        for line in ["Title:           ROC (test) \\ curves", "Author:          Ärztin", "Subject:         AUC",
                     "Keywords:        roc", "Creator:         Sentinel 9.9", "CreationDate:    Tue Nov 14 22:13:20 2023 UTC",
                     "ModDate:         Tue Nov 14 22:13:20 2023 UTC", "Pages:           1"] {
            XCTAssertTrue(info.contains(line), "pdfinfo lacks \(line):\n\(info)")
        }
    }

    /// Glyphs that map one-to-one to characters need no /ActualText; a cluster of two glyphs,
    /// or a glyph already standing for other text, does.
    func testRunsThatCannotBeMappedPerGlyphNeedActualText() throws {
        let face = try FontRegistry.shared.face(for: Font(size: 10))
        let font = PDFFont(face: face, index: 0)
        func glyphs(_ ids: [UInt]) -> [cairo_glyph_t] { ids.map { cairo_glyph_t(index: $0, x: 0, y: 0) } }
        let one = TextCluster(byteCount: 1, glyphCount: 1)
        XCTAssertFalse(font.map(glyphs([36, 37]), text: Array("AB".utf8)[...], clusters: [one, one], backward: false))
        // The same glyphs for the same text again, right to left (glyphs in visual order, the
        // first cluster the last glyph): still fine.
        XCTAssertFalse(font.map(glyphs([37, 36]), text: Array("AB".utf8)[...], clusters: [one, one], backward: true))
        // Glyph 36 already shows "A".
        XCTAssertTrue(font.map(glyphs([36]), text: Array("Z".utf8)[...], clusters: [one], backward: false))
        // Two glyphs for one character.
        XCTAssertTrue(font.map(glyphs([40, 41]), text: Array("e".utf8)[...], clusters: [TextCluster(byteCount: 1, glyphCount: 2)], backward: false))
        // No cluster map at all.
        XCTAssertTrue(font.map(glyphs([42]), text: Array("x".utf8)[...], clusters: [], backward: false))
        // Clusters that do not add up to the text are not trusted.
        XCTAssertTrue(font.map(glyphs([43]), text: Array("y".utf8)[...], clusters: [TextCluster(byteCount: 3, glyphCount: 1)], backward: false))
        let map = font.toUnicodeCMap()
        XCTAssertTrue(map.contains("<0024> <0041>"), map)
        XCTAssertTrue(map.contains("<0025> <0042>"), map)
        XCTAssertFalse(map.contains("<0024> <005A>"), map)
        XCTAssertEqual(font.widthsArray().hasPrefix("[ 36 ["), true, font.widthsArray())
    }

    /// A run drawn with /ActualText (a character no font has, drawn as the replacement glyph,
    /// twice: the glyph cannot stand for both) still extracts as its real text.
    func testActualTextKeepsTheRealText() throws {
        let writer = PDFWriter(pageSize: Size(width: 200, height: 50), metadata: DocumentMetadata(title: "t"))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)!
        defer { cairo_surface_destroy(surface) }
        let canvas = Canvas(surface: surface, size: Size(width: 200, height: 50), pdf: writer)
        let face = try FontRegistry.shared.face(for: Font(size: 12))
        guard let stand = face.nominalGlyph("?") else { throw XCTSkip("the face has no '?'") }
        let glyphs = [cairo_glyph_t(index: UInt(stand.id), x: 10, y: 30), cairo_glyph_t(index: UInt(stand.id), x: 20, y: 30)]
        writer.glyphs(canvas.context, face: face, fontSize: 12, glyphs, text: Array("☃★".utf8)[...],
                      clusters: [TextCluster(byteCount: 3, glyphCount: 1), TextCluster(byteCount: 3, glyphCount: 1)], backward: false)
        let bytes = Data(try writer.finish())
        let url = try temporaryFile(bytes, "pdf")
        let text = try run("pdftotext", ["-enc", "UTF-8", url.path, "-"])
        XCTAssertTrue(text.contains("☃★"), text)
    }

    /// The native document: outline (nested, in order), named destinations on the headings'
    /// pages, one link per contents line, and pages that look like those Cairo's surface makes
    /// of the same document.
    func testNativeDocumentMatchesTheCairoOne() throws {
        let first = try SampleDocument.build(contents: nil)
        let native = try SampleDocument.build(contents: first.headings).finish()
        let pdf = String(decoding: native, as: UTF8.self)
        XCTAssertTrue(pdf.contains("/Type /Outlines"))
        XCTAssertEqual(pdf.components(separatedBy: "/Subtype /Link").count - 1, first.headings.count)
        XCTAssertTrue(pdf.contains("/Title (1.1 Cohorts) /Parent"), "level-2 heading in the outline")
        let url = try temporaryFile(native, "pdf")
        let dests = try run("pdfinfo", ["-dests", url.path])
        for (i, h) in first.headings.enumerated() {
            XCTAssertTrue(dests.split(separator: "\n").contains {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(h.page) ") && $0.contains("\"heading-\(i + 1)\"")
            }, dests)
        }

        let cairoURL = try temporaryFile(try SampleDocument.build(contents: first.headings, engine: .cairo).finish(), "pdf")
        var pages: [[RasterImage]] = []
        for file in [url, cairoURL] {
            let prefix = file.deletingPathExtension().path
            try run("pdftoppm", ["-r", "60", "-png", file.path, prefix])
            var images: [RasterImage] = []
            for page in 1... {
                let png = URL(fileURLWithPath: prefix + (first.pageCount >= 10 ? String(format: "-%02d.png", page) : "-\(page).png"))
                guard FileManager.default.fileExists(atPath: png.path) else { break }
                addTeardownBlock { try? FileManager.default.removeItem(at: png) }
                images.append(try RasterImage(contentsOf: png))
            }
            pages.append(images)
        }
        XCTAssertEqual(pages[0].count, pages[1].count)
        XCTAssertGreaterThanOrEqual(pages[0].count, 4)
        for (page, (a, b)) in zip(pages[0], pages[1]).enumerated() {
            let difference = try XCTUnwrap(a.difference(from: b), "page \(page + 1) sizes")
            XCTAssertLessThan(difference.meanAbsolute, 2.5, "page \(page + 1): \(difference)")
            XCTAssertLessThan(difference.fractionDiffering, 0.03, "page \(page + 1): \(difference)")
        }
    }
}
