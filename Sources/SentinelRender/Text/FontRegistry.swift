import CCairo
import CHarfBuzz
import Foundation

/// One resolved font file: a HarfBuzz font for shaping and a Cairo FreeType face for drawing.
///
/// Both are created once per (family, weight, slant) and kept for the life of the process.
/// HarfBuzz reads the file through its own blob (OpenType metrics, no hinting), so it never
/// touches the FreeType face that Cairo locks while rasterising.
final class LoadedFace: @unchecked Sendable {
    let path: String
    let hbFont: OpaquePointer
    let cairoFace: OpaquePointer
    let unitsPerEm: Double
    /// Ascender and descender (positive down) per unit of em size.
    let ascent: Double
    let descent: Double
    let lineGap: Double

    init(path: String, index: Int32) throws {
        self.path = path
        guard let blob = hb_blob_create_from_file(path), hb_blob_get_length(blob) > 0 else {
            throw RenderError.fontUnavailable(family: path, detail: "HarfBuzz could not read the file")
        }
        defer { hb_blob_destroy(blob) }
        let face = hb_face_create(blob, UInt32(index))
        defer { hb_face_destroy(face) }
        let upem = hb_face_get_upem(face)
        guard upem > 0, let font = hb_font_create(face) else {
            throw RenderError.fontUnavailable(family: path, detail: "not a usable OpenType face")
        }
        hb_font_set_scale(font, Int32(upem), Int32(upem))
        hb_font_make_immutable(font)
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(font, &extents)
        unitsPerEm = Double(upem)
        ascent = Double(extents.ascender) / Double(upem)
        descent = -Double(extents.descender) / Double(upem)
        lineGap = Double(extents.line_gap) / Double(upem)
        hbFont = font

        guard let pattern = FcPatternCreate() else {
            throw RenderError.fontUnavailable(family: path, detail: "fontconfig could not allocate a pattern")
        }
        defer { FcPatternDestroy(pattern) }
        _ = path.withCString { FcPatternAddString(pattern, "file", UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        FcPatternAddInteger(pattern, "index", index)
        guard let cairoFace = cairo_ft_font_face_create_for_pattern(pattern),
              cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.fontUnavailable(family: path, detail: "Cairo could not open the face")
        }
        self.cairoFace = cairoFace
    }
}

/// Resolves `Font` requests to files through fontconfig and caches the loaded faces.
/// Thread-safe: lookups are serialised by a lock; loaded faces are immutable.
final class FontRegistry: @unchecked Sendable {
    static let shared = FontRegistry()

    private let lock = NSLock()
    private var faces: [Font.FaceKey: LoadedFace] = [:]
    private var initialised = false

    func face(for font: Font) throws -> LoadedFace {
        lock.lock()
        defer { lock.unlock() }
        if let face = faces[font.faceKey] { return face }
        if !initialised {
            guard FcInit() != 0 else {
                throw RenderError.fontUnavailable(family: font.family, detail: "fontconfig failed to initialise")
            }
            initialised = true
        }
        let (path, index) = try match(font)
        let face = try LoadedFace(path: path, index: index)
        faces[font.faceKey] = face
        return face
    }

    /// The font file fontconfig picks for `font` (after its usual substitutions).
    private func match(_ font: Font) throws -> (String, Int32) {
        guard let pattern = FcPatternCreate() else {
            throw RenderError.fontUnavailable(family: font.family, detail: "fontconfig could not allocate a pattern")
        }
        defer { FcPatternDestroy(pattern) }
        _ = font.family.withCString {
            FcPatternAddString(pattern, "family", UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self))
        }
        FcPatternAddInteger(pattern, "weight", font.weight == .bold ? 200 : 80)
        FcPatternAddInteger(pattern, "slant", font.slant == .italic ? 100 : 0)
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let matched = FcFontMatch(nil, pattern, &result) else {
            throw RenderError.fontUnavailable(family: font.family, detail: "fontconfig found no match")
        }
        defer { FcPatternDestroy(matched) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(matched, "file", 0, &file) == FcResultMatch, let file else {
            throw RenderError.fontUnavailable(family: font.family, detail: "the match has no file")
        }
        var index: Int32 = 0
        if FcPatternGetInteger(matched, "index", 0, &index) != FcResultMatch { index = 0 }
        let path = String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
        return (path, index)
    }
}
