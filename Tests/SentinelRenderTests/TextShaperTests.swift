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

    /// A model name with no spaces breaks after a "+" (or "/", "-", ")" ...) rather than inside
    /// a word ("Clinical+Radiomics+De" / "epLearning" in a narrow table column before).
    func testLongWordsBreakAfterSeparatorsWhenTheyCan() throws {
        let font = Font(size: 8)
        let name = "Post-fusion Clinical+Radiomics+DeepLearning"
        let width = try TextShaper.width(of: "Clinical+Radiomics+Dee", font: font)
        let lines = try TextShaper.wrap(name, font: font, width: width)
        XCTAssertEqual(lines, ["Post-fusion", "Clinical+Radiomics+", "DeepLearning"])
        XCTAssertTrue(lines.contains("Clinical+Radiomics+"), "\(lines)")
        XCTAssertEqual(lines.joined(separator: " ").replacingOccurrences(of: "+ ", with: "+"), name)
        for line in lines { XCTAssertLessThanOrEqual(try TextShaper.width(of: line, font: font), width + 1e-9, line) }
        // No separator: split between characters as before, each piece within the width.
        let hash = try TextShaper.splitLongWord("0123456789abcdef0123456789abcdef", font: font, width: 40)
        XCTAssertGreaterThan(hash.count, 2)
        XCTAssertEqual(hash.joined(), "0123456789abcdef0123456789abcdef")
        for piece in hash { XCTAssertLessThanOrEqual(try TextShaper.width(of: piece, font: font), 40) }
        // A separator too early in the piece (short first part) is not used.
        XCTAssertEqual(try TextShaper.splitLongWord("a+bcdefghijklmnop", font: font, width: try TextShaper.width(of: "a+bcdefg", font: font)).first,
                       "a+bcdefg")
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

    // MARK: Font fallback and right-to-left runs

    /// A face other than the primary that covers `text`'s first character, or a skip when no
    /// installed font does (the machine lacks e.g. fonts-noto-cjk / fonts-droid-fallback).
    private func requireFallback(for text: String, font: Font) throws -> LoadedFace {
        let scalar = try XCTUnwrap(text.unicodeScalars.first)
        guard let face = try FontRegistry.shared.fallback(for: scalar, font: font) else {
            throw XCTSkip("no installed font covers U+\(String(scalar.value, radix: 16)) (install fonts-noto-cjk)")
        }
        return face
    }

    func testCJKIsShapedWithAFallbackFaceThatHasItsGlyphs() throws {
        let font = Font(size: 10)
        let primary = try FontRegistry.shared.face(for: font)
        XCTAssertFalse(primary.covers("训"), "DejaVu Sans has no CJK: the test would not exercise the fallback")
        let fallback = try requireFallback(for: "训", font: font)
        XCTAssertNotEqual(fallback.path, primary.path)
        let text = "训练集 AUC 0.845"
        let shaped = try TextShaper.shapeUncached(text, font: font)
        XCTAssertFalse(shaped.glyphs.contains { $0.id == 0 }, "a character fell back to .notdef")
        XCTAssertEqual(shaped.runs.count, 2, "\(shaped.runs)")
        XCTAssertEqual(shaped.runs[0].face, FaceID(path: fallback.path, index: fallback.index))
        XCTAssertEqual(shaped.runs[1].face, FaceID(path: primary.path, index: primary.index))
        // The runs cover the text's bytes and glyphs once, in order; the Latin part measures as it does alone.
        XCTAssertEqual(shaped.runs.map(\.bytes.count).reduce(0, +), text.utf8.count)
        XCTAssertEqual(shaped.runs.flatMap { $0.clusters }.map(\.byteCount).reduce(0, +), text.utf8.count)
        XCTAssertEqual(shaped.runs.last?.glyphs.upperBound, shaped.glyphs.count)
        let latin = try TextShaper.shapeUncached("AUC 0.845", font: font)
        let tail = Array(shaped.glyphs.suffix(latin.glyphs.count))
        XCTAssertEqual(tail.map(\.id), latin.glyphs.map(\.id))
        XCTAssertEqual(shaped.width - (tail.first?.x ?? 0), latin.width, accuracy: 1e-9)
        // Three CJK characters are each about one em wide (plus the space).
        XCTAssertEqual(tail.first?.x ?? 0, 3 * 10 + (try TextShaper.width(of: " ", font: font)), accuracy: 3)
        // The line box is the requested font's, so mixed text stacks like Latin text.
        XCTAssertEqual(shaped.ascent, latin.ascent)
        XCTAssertEqual(shaped.descent, latin.descent)
    }

    func testArabicIsShapedRightToLeftInsideALeftToRightLabel() throws {
        let font = Font(size: 10)
        let text = "مدل عربي, AUC 0.5"
        let shaped = try TextShaper.shapeUncached(text, font: font)
        XCTAssertFalse(shaped.glyphs.contains { $0.id == 0 })
        let rtl = try XCTUnwrap(shaped.runs.first)
        XCTAssertTrue(rtl.backward, "\(shaped.runs)")
        XCTAssertEqual(rtl.bytes, 0..<"مدل عربي".utf8.count)
        XCTAssertEqual(rtl.clusters.map(\.byteCount).reduce(0, +), rtl.bytes.count, "text kept for extraction")
        // The label reads "<Arabic>, AUC 0.5" left to right: the Latin part follows the Arabic
        // glyphs and is shaped exactly as on its own.
        let latin = try TextShaper.shapeUncached(", AUC 0.5", font: font)
        XCTAssertEqual(Array(shaped.glyphs.suffix(latin.glyphs.count)).map(\.id), latin.glyphs.map(\.id))
        let arabicRight = shaped.glyphs[rtl.glyphs].map(\.x).max() ?? 0
        XCTAssertLessThan(arabicRight, shaped.glyphs[rtl.glyphs.upperBound].x + 1e-9)
        // Alone, the Arabic word is the same glyphs HarfBuzz gives for the right-to-left run.
        let alone = try TextShaper.shapeUncached("مدل عربي", font: font)
        XCTAssertEqual(alone.glyphs.map(\.id), shaped.glyphs[rtl.glyphs].map(\.id))
    }

    func testSegmentsKeepMarksWithTheirBaseAndSpacesBetweenRightToLeftWords() throws {
        let font = Font(size: 10)
        let primary = try FontRegistry.shared.face(for: font)
        // e + combining acute stays one left-to-right run of the primary face.
        XCTAssertEqual(try TextShaper.segments(of: "Cafe\u{301} x", font: font, primary: primary).count, 1)
        let pieces = try TextShaper.segments(of: "ab שלום עולם cd", font: font, primary: primary)
        XCTAssertEqual(pieces.map(\.rightToLeft), [false, true, false])
        XCTAssertEqual(pieces[1].bytes, 3..<(3 + "שלום עולם".utf8.count), "the inner space joins the Hebrew run, the outer ones do not")
        let order = TextShaper.visualOrder([
            .init(face: primary, rightToLeft: false, bytes: 0..<1), .init(face: primary, rightToLeft: true, bytes: 1..<2),
            .init(face: nil, rightToLeft: true, bytes: 2..<3), .init(face: primary, rightToLeft: false, bytes: 3..<4),
        ])
        XCTAssertEqual(order.map(\.bytes.lowerBound), [0, 2, 1, 3])
    }

    func testCharacterNoFontCoversIsDrawnAsTheReplacementGlyphAndKeepsItsText() throws {
        let font = Font(size: 10)
        let missing = "\u{10FFFD}"  // private use, plane 16: no font has it
        XCTAssertNil(try FontRegistry.shared.fallback(for: "\u{10FFFD}", font: font))
        let shaped = try TextShaper.shapeUncached("a\(missing)b", font: font)
        let replacement = try TextShaper.shapeUncached("a\u{FFFD}b", font: font)
        XCTAssertEqual(shaped.glyphs.map(\.id), replacement.glyphs.map(\.id))
        XCTAssertEqual(shaped.width, replacement.width, accuracy: 1e-9)
        XCTAssertNotEqual(shaped.glyphs[1].id, 0, "not the .notdef box")
        XCTAssertEqual(shaped.text, "a\(missing)b")
        XCTAssertEqual(shaped.runs.flatMap(\.clusters).map(\.byteCount).reduce(0, +), shaped.text.utf8.count)
    }
}
