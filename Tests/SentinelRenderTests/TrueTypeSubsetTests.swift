import CCairo
import CHarfBuzz
import Foundation
import XCTest
@testable import SentinelRender

/// `TrueTypeSubset`, read back by FreeType (through Cairo): the glyphs kept, composite ones
/// with their components, have exactly the outlines and advances of the original face, at
/// their original ids; the glyphs left out are empty.
final class TrueTypeSubsetTests: XCTestCase {
    private func outline(_ face: OpaquePointer, _ glyph: UInt32) -> [Double] {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        Canvas.applyFontOptions(cr)
        cairo_set_font_face(cr, face)
        cairo_set_font_size(cr, 100)
        var g = cairo_glyph_t(index: UInt(glyph), x: 0, y: 0)
        cairo_glyph_path(cr, &g, 1)
        var extents = cairo_text_extents_t()
        cairo_glyph_extents(cr, &g, 1, &extents)
        let path = cairo_copy_path(cr)!
        defer { cairo_path_destroy(path) }
        var values = [extents.x_advance]
        var i = 0
        while i < Int(path.pointee.num_data) {
            let header = path.pointee.data[i].header
            values.append(Double(header.type.rawValue))
            for k in 1..<max(1, Int(header.length)) {
                values.append(path.pointee.data[i + k].point.x)
                values.append(path.pointee.data[i + k].point.y)
            }
            i += max(1, Int(header.length))
        }
        return values
    }

    func testKeptGlyphsHaveTheOriginalOutlinesAtTheirIds() throws {
        let face = try FontRegistry.shared.face(for: Font(size: 10))
        let hbFace = try XCTUnwrap(hb_font_get_face(face.hbFont))
        // "Ä" is a composite glyph in DejaVu Sans (A and the dieresis).
        let letters = ["A", "g", "Ä", "λ", "≥", "%"].compactMap { face.nominalGlyph(Unicode.Scalar($0)!)?.id }
        XCTAssertEqual(letters.count, 6)
        let bytes = try TrueTypeSubset.make(face: hbFace, glyphs: letters)
        XCTAssertLessThan(bytes.count, 200_000)
        XCTAssertEqual(TrueTypeSubset.checksum(bytes), 0xB1B0_AFBA, "whole-font checksum with head's adjustment")

        var library: FT_Library?
        XCTAssertEqual(FT_Init_FreeType(&library), 0)
        defer { FT_Done_FreeType(library) }
        var ftFace: FT_Face?
        let error = bytes.withUnsafeBufferPointer { FT_New_Memory_Face(library, $0.baseAddress, FT_Long($0.count), 0, &ftFace) }
        XCTAssertEqual(error, 0, "FreeType reads the subset")
        let subset = try XCTUnwrap(cairo_ft_font_face_create_for_ft_face(ftFace, 0))
        defer { cairo_font_face_destroy(subset); FT_Done_Face(ftFace) }
        // The font ends at the highest glyph kept (a component may come after the letters).
        let count = Int(ftFace?.pointee.num_glyphs ?? 0)
        XCTAssertGreaterThanOrEqual(count, Int(letters.max()!) + 1)
        XCTAssertLessThanOrEqual(count, Int(hb_face_get_glyph_count(hbFace)))
        for glyph in letters {
            let original = outline(face.cairoFace, glyph)
            XCTAssertGreaterThan(original.count, 10)
            XCTAssertEqual(outline(subset, glyph), original, "glyph \(glyph)")
        }
        // A glyph not asked for (and no component of one) is empty.
        let b = try XCTUnwrap(face.nominalGlyph("B")?.id)
        XCTAssertLessThan(outline(subset, b).count, 3)
    }
}
