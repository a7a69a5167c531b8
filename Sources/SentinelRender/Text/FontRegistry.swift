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
    let index: Int32
    let hbFont: OpaquePointer
    let cairoFace: OpaquePointer
    let unitsPerEm: Double
    /// Ascender and descender (positive down) per unit of em size.
    let ascent: Double
    let descent: Double
    let lineGap: Double
    /// True when the glyphs are TrueType outlines (`glyf` and `loca` tables), the faces
    /// `PDFWriter` embeds; false for CFF (PostScript) outlines and bitmap-only faces.
    let hasTrueTypeOutlines: Bool

    init(path: String, index: Int32) throws {
        self.path = path
        self.index = index
        guard let blob = hb_blob_create_from_file(path), hb_blob_get_length(blob) > 0 else {
            throw RenderError.fontUnavailable(family: path, detail: "HarfBuzz could not read the file")
        }
        defer { hb_blob_destroy(blob) }
        let face = hb_face_create(blob, UInt32(index))
        defer { hb_face_destroy(face) }
        let upem = hb_face_get_upem(face)
        hasTrueTypeOutlines = ["glyf", "loca"].allSatisfy { tag in
            guard let table = hb_face_reference_table(face, PDFFont.tag(tag)) else { return false }
            defer { hb_blob_destroy(table) }
            return hb_blob_get_length(table) > 0
        }
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

    deinit {
        hb_font_destroy(hbFont)
        cairo_font_face_destroy(cairoFace)
    }

    /// Whether the face has a glyph of its own for `scalar` (its cmap maps it to a glyph other
    /// than .notdef).
    func covers(_ scalar: Unicode.Scalar) -> Bool {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0 && glyph != 0
    }

    /// The glyph and advance (in em units) of `scalar`, nil when the face has none.
    func nominalGlyph(_ scalar: Unicode.Scalar) -> (id: UInt32, advance: Double)? {
        var glyph: hb_codepoint_t = 0
        guard hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0, glyph != 0 else { return nil }
        return (glyph, Double(hb_font_get_glyph_h_advance(hbFont, glyph)))
    }
}

/// A font file and face index: how a shaped run names the face it was shaped with.
struct FaceID: Hashable, Sendable {
    var path: String
    var index: Int32
}

/// Resolves `Font` requests to files through fontconfig and caches the loaded faces.
/// Thread-safe: lookups are serialised by a lock; loaded faces are immutable.
final class FontRegistry: @unchecked Sendable {
    static let shared = FontRegistry()

    private let lock = NSLock()
    private var faces: [Font.FaceKey: LoadedFace] = [:]
    /// Every face loaded, by file: requested ones and fallbacks share one `LoadedFace` per file.
    private var files: [FaceID: LoadedFace] = [:]
    /// Per requested face and character the primary lacks: the fallback face, or nil when no
    /// installed font covers the character.
    private var fallbacks: [FallbackKey: FaceID?] = [:]
    private var initialised = false
    private var warnedUncovered = false

    private struct FallbackKey: Hashable {
        var face: Font.FaceKey
        var scalar: UInt32
    }

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
        let face = try loaded(FaceID(path: path, index: index))
        faces[font.faceKey] = face
        return face
    }

    /// The face already loaded from `id` (by `face(for:)` or `fallback(for:font:)`).
    func face(_ id: FaceID) throws -> LoadedFace {
        lock.lock()
        defer { lock.unlock() }
        return try loaded(id)
    }

    /// Loads `id` once; the caller holds the lock.
    private func loaded(_ id: FaceID) throws -> LoadedFace {
        if let face = files[id] { return face }
        let face = try LoadedFace(path: id.path, index: id.index)
        files[id] = face
        return face
    }

    /// A face that covers `scalar` for text requested in `font`, when `font`'s own face does
    /// not: the first of fontconfig's sorted candidates for the request (same family, weight
    /// and slant preferences, plus the character) whose cmap has the character. Nil when no
    /// installed font covers it. Results are cached per face and character.
    func fallback(for scalar: Unicode.Scalar, font: Font) throws -> LoadedFace? {
        let key = FallbackKey(face: font.faceKey, scalar: scalar.value)
        lock.lock()
        defer { lock.unlock() }
        if let known = fallbacks[key] { return try known.map { try loaded($0) } }
        var found: LoadedFace?
        for candidate in try candidates(for: scalar, font: font) {
            guard let face = try? loaded(candidate), face.covers(scalar) else { continue }
            found = face
            break
        }
        fallbacks[key] = found.map { FaceID(path: $0.path, index: $0.index) }
        return found
    }

    /// True the first time it is called in the process, false afterwards: the missing-glyph
    /// warning is printed once.
    func claimUncoveredWarning() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if warnedUncovered { return false }
        warnedUncovered = true
        return true
    }

    /// Fontconfig's candidate files for `font` that claim to cover `scalar`, best first.
    private func candidates(for scalar: Unicode.Scalar, font: Font) throws -> [FaceID] {
        guard let pattern = FcPatternCreate(), let charset = FcCharSetCreate() else {
            throw RenderError.fontUnavailable(family: font.family, detail: "fontconfig could not allocate a pattern")
        }
        defer { FcPatternDestroy(pattern); FcCharSetDestroy(charset) }
        _ = font.family.withCString {
            FcPatternAddString(pattern, "family", UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self))
        }
        FcPatternAddInteger(pattern, "weight", font.weight == .bold ? 200 : 80)
        FcPatternAddInteger(pattern, "slant", font.slant == .italic ? 100 : 0)
        FcCharSetAddChar(charset, scalar.value)
        FcPatternAddCharSet(pattern, "charset", charset)
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let set = FcFontSort(nil, pattern, 1, nil, &result) else { return [] }
        defer { FcFontSetDestroy(set) }
        var ids: [FaceID] = []
        for i in 0..<Int(set.pointee.nfont) {
            guard let candidate = set.pointee.fonts[i] else { continue }
            var coverage: OpaquePointer?
            guard FcPatternGetCharSet(candidate, "charset", 0, &coverage) == FcResultMatch, let coverage,
                  FcCharSetHasChar(coverage, scalar.value) != 0 else { continue }
            var file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(candidate, "file", 0, &file) == FcResultMatch, let file else { continue }
            var index: Int32 = 0
            if FcPatternGetInteger(candidate, "index", 0, &index) != FcResultMatch { index = 0 }
            ids.append(FaceID(path: String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self)), index: index))
        }
        return ids
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
