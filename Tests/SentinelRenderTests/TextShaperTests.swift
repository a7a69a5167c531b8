import XCTest
@testable import SentinelRender

final class TextShaperTests: XCTestCase {
    func testWidthsArePositiveAndScaleWithSize() throws {
        let small = try TextShaper.width(of: "Sensitivity", font: Font(size: 10))
        let large = try TextShaper.width(of: "Sensitivity", font: Font(size: 20))
        XCTAssertGreaterThan(small, 10)
        XCTAssertEqual(large, 2 * small, accuracy: 1e-9)
        XCTAssertEqual(try TextShaper.width(of: "", font: Font(size: 10)), 0)
    }

    func testBoldIsWiderThanRegularAndResolvesToAnotherFile() throws {
        let regular = try TextShaper.width(of: "Observed proportion", font: Font(size: 10))
        let bold = try TextShaper.width(of: "Observed proportion", font: Font(size: 10, weight: .bold))
        XCTAssertGreaterThan(bold, regular)
        let regularFace = try FontRegistry.shared.face(for: Font(size: 10))
        let boldFace = try FontRegistry.shared.face(for: Font(size: 10).bold)
        XCTAssertNotEqual(regularFace.path, boldFace.path)
        XCTAssertTrue(regularFace.path.contains("DejaVuSans"), regularFace.path)
    }

    func testControlCharactersAreShapedAsSpacesAndPrintableTextIsKept() throws {
        let font = Font(size: 10)
        for (text, spaced) in [("a\tb\nc", "a b c"), ("x\u{7F}y", "x y"), ("é\u{85}z", "é z")] {
            let shaped = try TextShaper.shapeUncached(text, font: font)
            let reference = try TextShaper.shapeUncached(spaced, font: font)
            XCTAssertEqual(shaped.text, spaced)
            XCTAssertEqual(shaped.glyphs, reference.glyphs)
            XCTAssertEqual(shaped.width, reference.width)
        }
        XCTAssertEqual(try TextShaper.shapeUncached("AUC 0.845 (0.769-0.921) ~", font: font).text, "AUC 0.845 (0.769-0.921) ~")
    }

    func testNonASCIIIsShapedWithRealGlyphs() throws {
        let shaped = try TextShaper.shape("≥ ± – μ χ² λ", font: Font(size: 10))
        XCTAssertEqual(shaped.glyphs.count, 12)
        XCTAssertFalse(shaped.glyphs.contains { $0.id == 0 }, "a character fell back to .notdef")
        XCTAssertGreaterThan(shaped.width, 0)
        XCTAssertEqual(shaped.clusters.reduce(0) { $0 + $1.byteCount }, "≥ ± – μ χ² λ".utf8.count)
        XCTAssertEqual(shaped.clusters.reduce(0) { $0 + $1.glyphCount }, shaped.glyphs.count)
        // Glyph x positions advance monotonically for left-to-right text.
        XCTAssertEqual(shaped.glyphs.map(\.x), shaped.glyphs.map(\.x).sorted())
    }

    func testMetricsAreThoseOfDejaVuSans() throws {
        // DejaVu Sans: ascender 1901, descender −483, 2048 units per em (hhea table).
        let (ascent, descent) = try TextShaper.verticalMetrics(for: Font(size: 10))
        XCTAssertEqual(ascent, 10 * 1901 / 2048, accuracy: 1e-9)
        XCTAssertEqual(descent, 10 * 483 / 2048, accuracy: 1e-9)
        // Digit advance is 1303 units: tabular figures line up in tables.
        XCTAssertEqual(try TextShaper.width(of: "0", font: Font(size: 10)), 10 * 1303 / 2048, accuracy: 1e-9)
        XCTAssertEqual(try TextShaper.width(of: "0.845", font: Font(size: 10)), try TextShaper.width(of: "0.123", font: Font(size: 10)), accuracy: 1e-9)
    }

    func testControlCharactersBecomeSpaces() throws {
        let shaped = try TextShaper.shape("a\tb\nc", font: Font(size: 10))
        XCTAssertEqual(shaped.text, "a b c")
    }

    func testWrapKeepsEveryLineWithinWidthAndKeepsAllWords() throws {
        let font = Font(size: 10)
        let text = "Calibration intercept and slope were estimated by logistic recalibration of the linear predictor in each cohort."
        for width in [60.0, 120, 200, 1000] {
            let lines = try TextShaper.wrap(text, font: font, width: width)
            for line in lines { XCTAssertLessThanOrEqual(try TextShaper.width(of: line, font: font), width + 1e-9, "\(width): \(line)") }
            XCTAssertEqual(lines.joined().filter { $0 != " " }, text.filter { $0 != " " })
            if width >= 120 { XCTAssertEqual(lines.joined(separator: " "), text) }
        }
        XCTAssertEqual(try TextShaper.wrap(text, font: font, width: 1000).count, 1)
    }

    func testWrapSplitsOverlongWordsAndHonoursNewlines() throws {
        let font = Font(size: 10)
        let lines = try TextShaper.wrap("SHA256:0123456789abcdef0123456789abcdef", font: font, width: 50)
        XCTAssertGreaterThan(lines.count, 2)
        XCTAssertEqual(lines.joined(), "SHA256:0123456789abcdef0123456789abcdef")
        for line in lines { XCTAssertLessThanOrEqual(try TextShaper.width(of: line, font: font), 50) }
        XCTAssertEqual(try TextShaper.wrap("a\n\nb", font: font, width: 100), ["a", "", "b"])
        XCTAssertEqual(try TextShaper.wrap("", font: font, width: 100), [""])
    }

    func testClusterGroupingRejectsNonMonotonicRuns() {
        XCTAssertEqual(TextShaper.clusters(from: [0, 1, 1, 3], byteCount: 4),
                       [TextCluster(byteCount: 1, glyphCount: 1), TextCluster(byteCount: 2, glyphCount: 2), TextCluster(byteCount: 1, glyphCount: 1)])
        XCTAssertEqual(TextShaper.clusters(from: [3, 1, 0], byteCount: 4), [])
        XCTAssertEqual(TextShaper.clusters(from: [], byteCount: 0), [])
    }

    func testUnknownFamilyFallsBackThroughFontconfig() throws {
        XCTAssertGreaterThan(try TextShaper.width(of: "x", font: Font(family: "No Such Family 123", size: 10)), 0)
    }
}
