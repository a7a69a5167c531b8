import CCairo
import Foundation

/// Writes a canvas's drawing as SVG 1.1 itself, in the structure Cairo's SVG surface writes
/// (glyph outlines defined once as `<symbol>`s and placed with `<use>`, so the look does not
/// depend on installed fonts; clips as `<clipPath>`s; paths with Cairo's style properties),
/// at a fraction of the cost: Cairo's surface records the drawing, replays it and formats every
/// coordinate with `printf`.
///
/// The canvas keeps its Cairo context for the current transform, path and stroke and fill
/// parameters (on a surface nothing is drawn to); each stroke, fill, paint, clip and text run is
/// written from that state here instead of being drawn. Paths are written in user space with
/// the current transform as a `transform` attribute, so strokes are what Cairo would draw.
/// Numbers have at most 6 decimals (1e-6 pt). Ids are `<prefix>glyph<n>`, `<prefix>clip<n>` and
/// `<prefix>surface1`, numbered in order of first use, so the bytes depend only on the drawing.
final class SVGWriter {
    let size: Size
    let prefix: String
    private var defs: [UInt8] = []
    private var body: [UInt8] = []
    /// Glyph symbols by (font face, size, glyph index).
    private var glyphIDs: [GlyphKey: Int] = [:]
    private var clipCount = 0
    /// Per saved state, the clip groups opened in it.
    private var levels: [Int] = [0]
    /// A context for glyph outlines (identity transform, the canvas's font options).
    private var outlineContext: OpaquePointer?

    struct GlyphKey: Hashable {
        var face: UnsafeMutableRawPointer
        var size: Double
        var glyph: UInt32
    }

    /// `  <use xlink:href="#<prefix>glyph`.
    private let useOpening: [UInt8]

    init(size: Size, prefix: String) {
        self.size = size
        self.prefix = prefix
        useOpening = Array("  <use xlink:href=\"#\(prefix)glyph".utf8)
        body.reserveCapacity(1 << 16)
        defs.reserveCapacity(1 << 14)
    }

    deinit {
        if let outlineContext { cairo_destroy(outlineContext) }
    }

    // MARK: State

    func save() { levels.append(0) }

    func restore() {
        guard levels.count > 1 else { return }
        for _ in 0..<levels.removeLast() { append("</g>\n") }
    }

    /// Closes the clip groups of the current state (a clip set by an outer state stays).
    func resetClip() {
        for _ in 0..<levels[levels.count - 1] { append("</g>\n") }
        levels[levels.count - 1] = 0
    }

    // MARK: Drawing

    /// Intersects the clip with the current path of `cr` (which is then cleared).
    func clip(_ cr: OpaquePointer) {
        clipCount += 1
        append(&defs, "<clipPath id=\"")
        append(&defs, prefix)
        append(&defs, "clip")
        appendInt(&defs, clipCount)
        append(&defs, "\">\n  <path d=\"")
        let segments = writePath(cr, into: &defs)
        if segments == 0 { append(&defs, "M 0 0 Z") }
        append(&defs, "\"")
        writeTransform(cr, into: &defs)
        append(&defs, "/>\n</clipPath>\n")
        append("<g clip-path=\"url(#")
        append(prefix)
        append("clip")
        appendInt(&body, clipCount)
        append(")\">\n")
        levels[levels.count - 1] += 1
        cairo_new_path(cr)
    }

    /// Strokes the current path of `cr` with its stroke parameters and source colour.
    func stroke(_ cr: OpaquePointer) {
        guard beginPath(cr) else { return }
        let (color, alpha) = source(cr)
        var pattern: [Double] = []
        var offset = 0.0
        let dashes = Int(cairo_get_dash_count(cr))
        if dashes > 0 {
            pattern = [Double](repeating: 0, count: dashes)
            cairo_get_dash(cr, &pattern, &offset)
        }
        Self.writeStrokeStyle(width: cairo_get_line_width(cr), cap: cairo_get_line_cap(cr), join: cairo_get_line_join(cr),
                              color: color, alpha: alpha, dash: pattern, dashOffset: offset,
                              miter: cairo_get_miter_limit(cr), into: &body)
        writeTransform(cr, into: &body)
        append("/>\n")
    }

    /// ` style="fill:none;stroke-width:…;"` with the stroke parameters, in Cairo's order.
    private static func writeStrokeStyle(width: Double, cap: cairo_line_cap_t, join: cairo_line_join_t,
                                         color: (Double, Double, Double), alpha: Double, dash: [Double], dashOffset: Double,
                                         miter: Double, into out: inout [UInt8]) {
        put(" style=\"fill:none;stroke-width:", &out)
        SVGNumber.append(&out, width)
        put(";stroke-linecap:", &out)
        switch cap {
        case CAIRO_LINE_CAP_ROUND: put("round", &out)
        case CAIRO_LINE_CAP_SQUARE: put("square", &out)
        default: put("butt", &out)
        }
        put(";stroke-linejoin:", &out)
        switch join {
        case CAIRO_LINE_JOIN_ROUND: put("round", &out)
        case CAIRO_LINE_JOIN_BEVEL: put("bevel", &out)
        default: put("miter", &out)
        }
        put(";stroke:", &out)
        writeColor(color, into: &out)
        put(";stroke-opacity:", &out)
        SVGNumber.append(&out, alpha)
        if !dash.isEmpty {
            put(";stroke-dasharray:", &out)
            for (i, d) in dash.enumerated() {
                if i > 0 { put(",", &out) }
                SVGNumber.append(&out, d)
            }
            put(";stroke-dashoffset:", &out)
            SVGNumber.append(&out, dashOffset)
        }
        put(";stroke-miterlimit:", &out)
        SVGNumber.append(&out, miter)
        put(";\"", &out)
    }

    /// Fills the current path of `cr` with its fill rule and source colour.
    func fill(_ cr: OpaquePointer) {
        guard beginPath(cr) else { return }
        append(" style=\"stroke:none;fill-rule:")
        append(cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD ? "evenodd" : "nonzero")
        append(";")
        appendFillAndTransform(cr)
        append("/>\n")
    }

    /// Writes `<path d="…"` for the current path of `cr`; false (and nothing written) when the
    /// path draws nothing.
    private func beginPath(_ cr: OpaquePointer) -> Bool {
        let mark = body.count
        append("<path d=\"")
        guard writePath(cr, into: &body) > 0 else {
            body.removeSubrange(mark...)
            return false
        }
        append("\"")
        return true
    }

    /// Paints the source colour of `cr` over the whole surface (within the clip).
    func paint(_ cr: OpaquePointer) {
        append("<rect x=\"0\" y=\"0\" width=\"")
        appendNumber(&body, size.width)
        append("\" height=\"")
        appendNumber(&body, size.height)
        append("\" style=\"fill:")
        let (color, alpha) = source(cr)
        appendColor(color)
        append(";fill-opacity:")
        appendNumber(&body, alpha)
        append(";stroke:none;\"/>\n")
    }

    /// Places `glyphs` (user-space positions) of `face` at `fontSize` in the source colour of `cr`.
    func glyphs(_ cr: OpaquePointer, face: OpaquePointer, fontSize: Double, _ glyphs: [cairo_glyph_t]) {
        guard !glyphs.isEmpty else { return }
        var ids: [Int] = []
        ids.reserveCapacity(glyphs.count)
        for g in glyphs {
            let key = GlyphKey(face: UnsafeMutableRawPointer(face), size: fontSize, glyph: UInt32(g.index))
            if let id = glyphIDs[key] {
                ids.append(id)
            } else {
                let id = glyphIDs.count + 1
                glyphIDs[key] = id
                defineGlyph(id, face: face, fontSize: fontSize, index: g.index)
                ids.append(id)
            }
        }
        append("<g style=\"")
        appendFillAndTransform(cr)
        append(">\n")
        Self.writeUses(glyphs, ids: ids, opening: useOpening, into: &body)
        append("</g>\n")
    }

    /// A `<use>` of each glyph's symbol at its position, into `out` (one access to the body
    /// for the whole run).
    private static func writeUses(_ glyphs: [cairo_glyph_t], ids: [Int], opening: [UInt8], into out: inout [UInt8]) {
        for (g, id) in zip(glyphs, ids) {
            out.append(contentsOf: opening)
            SVGNumber.appendInteger(&out, UInt64(id))
            put("\" x=\"", &out)
            SVGNumber.append(&out, g.x)
            put("\" y=\"", &out)
            SVGNumber.append(&out, g.y)
            put("\"/>\n", &out)
        }
    }

    @inline(__always)
    private static func put(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// The document: prolog, `<defs>` (glyphs, clips), then the drawing.
    func finish() -> [UInt8] {
        for level in levels.reversed() {
            for _ in 0..<level { append("</g>\n") }
        }
        levels = [0]
        var out: [UInt8] = []
        out.reserveCapacity(defs.count + body.count + 512)
        append(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
        appendNumber(&out, size.width)
        append(&out, "pt\" height=\"")
        appendNumber(&out, size.height)
        append(&out, "pt\" viewBox=\"0 0 ")
        appendNumber(&out, size.width)
        append(&out, " ")
        appendNumber(&out, size.height)
        append(&out, "\" version=\"1.1\">\n<defs>\n")
        out.append(contentsOf: defs)
        append(&out, "</defs>\n<g id=\"")
        append(&out, prefix)
        append(&out, "surface1\">\n")
        out.append(contentsOf: body)
        append(&out, "</g>\n</svg>\n")
        return out
    }

    // MARK: Pieces

    private func defineGlyph(_ id: Int, face: OpaquePointer, fontSize: Double, index: UInt) {
        let key = GlyphKey(face: UnsafeMutableRawPointer(face), size: fontSize, glyph: UInt32(truncatingIfNeeded: index))
        let outline = GlyphOutlineCache.shared.outline(key) {
            let cr = outlineContext ?? makeOutlineContext()
            cairo_set_font_face(cr, face)
            cairo_set_font_size(cr, fontSize)
            cairo_new_path(cr)
            var glyph = cairo_glyph_t(index: index, x: 0, y: 0)
            cairo_glyph_path(cr, &glyph, 1)
            var data: [UInt8] = []
            writePath(cr, into: &data)
            cairo_new_path(cr)
            return data
        }
        append(&defs, "<symbol overflow=\"visible\" id=\"")
        append(&defs, prefix)
        append(&defs, "glyph")
        appendInt(&defs, id)
        append(&defs, "\">\n<path style=\"stroke:none;\" d=\"")
        defs.append(contentsOf: outline)
        append(&defs, "\"/>\n</symbol>\n")
    }

    private func makeOutlineContext() -> OpaquePointer {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        let cr = cairo_create(surface)!
        cairo_surface_destroy(surface)
        Canvas.applyFontOptions(cr)
        outlineContext = cr
        return cr
    }

    /// The source colour of `cr` (a solid colour; black otherwise) and its opacity.
    /// `fill:…;fill-opacity:…;"` (closing the style attribute) from the source of `cr`, then
    /// its transform attribute, if any.
    private func appendFillAndTransform(_ cr: OpaquePointer) {
        append("fill:")
        let (color, alpha) = source(cr)
        appendColor(color)
        append(";fill-opacity:")
        appendNumber(&body, alpha)
        append(";\"")
        writeTransform(cr, into: &body)
    }

    private func source(_ cr: OpaquePointer) -> ((Double, Double, Double), Double) {
        var r = 0.0, g = 0.0, b = 0.0, a = 1.0
        if let pattern = cairo_get_source(cr) {
            _ = cairo_pattern_get_rgba(pattern, &r, &g, &b, &a)
        }
        return ((r, g, b), a)
    }

    private func appendColor(_ c: (Double, Double, Double)) {
        Self.writeColor(c, into: &body)
    }

    /// `rgb(r%,g%,b%)`.
    private static func writeColor(_ c: (Double, Double, Double), into out: inout [UInt8]) {
        put("rgb(", &out)
        SVGNumber.append(&out, c.0 * 100)
        put("%,", &out)
        SVGNumber.append(&out, c.1 * 100)
        put("%,", &out)
        SVGNumber.append(&out, c.2 * 100)
        put("%)", &out)
    }

    /// ` transform="matrix(…)"` unless the current transform of `cr` is the identity.
    private func writeTransform(_ cr: OpaquePointer, into out: inout [UInt8]) {
        var m = cairo_matrix_t()
        cairo_get_matrix(cr, &m)
        if m.xx == 1, m.yx == 0, m.xy == 0, m.yy == 1, m.x0 == 0, m.y0 == 0 { return }
        append(&out, " transform=\"matrix(")
        for (i, v) in [m.xx, m.yx, m.xy, m.yy, m.x0, m.y0].enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendNumber(&out, v)
        }
        append(&out, ")\"")
    }

    /// Writes the current path of `cr` (user space) as SVG path data; returns the number of
    /// drawing segments (lines, curves, closes).
    @discardableResult
    private func writePath(_ cr: OpaquePointer, into out: inout [UInt8]) -> Int {
        guard let path = cairo_copy_path(cr) else { return 0 }
        defer { cairo_path_destroy(path) }
        guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else { return 0 }
        var segments = 0
        var i = 0
        let count = Int(path.pointee.num_data)
        var first = true
        func separator(_ out: inout [UInt8]) {
            if first { first = false } else { out.append(0x20) }
        }
        func point(_ k: Int, _ out: inout [UInt8]) {
            SVGNumber.append(&out, data[k].point.x, spaced: true)
            SVGNumber.append(&out, data[k].point.y, spaced: true)
        }
        while i < count {
            let header = data[i].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO:
                separator(&out); out.append(UInt8(ascii: "M")); point(i + 1, &out)
            case CAIRO_PATH_LINE_TO:
                separator(&out); out.append(UInt8(ascii: "L")); point(i + 1, &out); segments += 1
            case CAIRO_PATH_CURVE_TO:
                separator(&out); out.append(UInt8(ascii: "C")); point(i + 1, &out); point(i + 2, &out); point(i + 3, &out)
                segments += 1
            case CAIRO_PATH_CLOSE_PATH:
                separator(&out); out.append(UInt8(ascii: "Z")); segments += 1
            default:
                break
            }
            i += max(1, Int(header.length))
        }
        return segments
    }

    // MARK: Bytes

    @inline(__always)
    private func append(_ s: StaticString) {
        Self.put(s, &body)
    }

    @inline(__always)
    private func append(_ s: String) {
        body.append(contentsOf: s.utf8)
    }

    @inline(__always)
    private func append(_ out: inout [UInt8], _ s: StaticString) {
        Self.put(s, &out)
    }

    @inline(__always)
    private func append(_ out: inout [UInt8], _ s: String) {
        out.append(contentsOf: s.utf8)
    }

    private func appendInt(_ out: inout [UInt8], _ n: Int) {
        SVGNumber.appendInteger(&out, UInt64(n))
    }

    private func appendNumber(_ out: inout [UInt8], _ v: Double) {
        SVGNumber.append(&out, v)
    }
}

/// The SVG path data of glyph outlines (a face at a size), shared by every `SVGWriter` of the
/// process: the report's figures draw the same few dozen glyphs, and each SVG defines the ones
/// it uses, so an outline is extracted from Cairo and formatted once, not once per figure.
/// Thread-safe; bounded (cleared wholesale when full). Faces live as long as the process
/// (`FontRegistry`), so their addresses identify them.
final class GlyphOutlineCache: @unchecked Sendable {
    static let shared = GlyphOutlineCache()
    static let capacity = 20_000

    private let lock = NSLock()
    private var outlines: [SVGWriter.GlyphKey: [UInt8]] = [:]

    /// The path data of `key`, made by `make` (outside the lock) the first time.
    func outline(_ key: SVGWriter.GlyphKey, make: () -> [UInt8]) -> [UInt8] {
        lock.lock()
        let known = outlines[key]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        if outlines.count >= Self.capacity { outlines.removeAll(keepingCapacity: true) }
        outlines[key] = made
        lock.unlock()
        return made
    }

    /// The number of outlines held.
    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return outlines.count
    }

    /// Forgets every outline (the next SVG extracts its glyphs from Cairo again).
    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        outlines.removeAll()
    }
}

/// Decimal text of coordinates for SVG: rounded to 6 decimals, trailing zeros and a trailing
/// point dropped, no exponent, "-" only for values below zero after rounding.
enum SVGNumber {
    /// Appends the text of `value`, preceded by a space when `spaced` (PDF content numbers at
    /// 6 decimals: `PDFNumber`).
    static func append(_ out: inout [UInt8], _ value: Double, spaced: Bool = false) {
        if spaced { out.append(0x20) }
        PDFNumber.append(&out, value, decimals: 6)
    }

    static func appendInteger(_ out: inout [UInt8], _ n: UInt64) {
        var n = n
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var k = 20
            repeat {
                k -= 1
                buffer[k] = UInt8(truncatingIfNeeded: 48 + n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k..<20]))
        }
    }
}
