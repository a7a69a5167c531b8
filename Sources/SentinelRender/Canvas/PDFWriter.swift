import CCairo
import Foundation
import SentinelPNG

/// Writes a canvas's drawing as PDF 1.5 itself, in the way `SVGWriter` writes SVG: the canvas
/// keeps its Cairo context for the current transform, path and stroke and fill parameters (on
/// a surface nothing is drawn to), and each stroke, fill, paint, clip and glyph run is written
/// from that state here as PDF content operators. This replaces Cairo's PDF surface, which
/// records the drawing, replays it twice (analysis, then output) and formats every number
/// with `printf`.
///
/// Pages are in Cairo's coordinates (points, y down; the content stream starts with the flip
/// `1 0 0 -1 0 height cm`). Paths are written in user space, under their transform (`cm`
/// inside `q`…`Q`) when it is not the identity; clips are written in device space inside a
/// `q` that the canvas state's `restore` closes. Numbers have at most 3 decimals (colours 6).
/// Text is shown as glyph ids of a Type 0 font per face (`Identity-H`; a TrueType subset made
/// by hb-subset keeping the original glyph ids, embedded as `/FontFile2`) with a `/ToUnicode`
/// map, so it stays selectable and extractable; a run whose glyphs do not map one-to-one to
/// its characters carries its text as `/ActualText`. Faces without TrueType outlines (CFF, bitmap
/// emoji) are not handled
/// (`unsupportedFace` is set; the caller renders with Cairo instead). Streams are compressed
/// with libdeflate. The bytes depend only on the drawing and the metadata.
final class PDFWriter {
    let pageSize: Size
    let metadata: DocumentMetadata
    /// Set when a glyph run used a face this writer cannot embed (no TrueType outlines); nothing
    /// is written for it.
    private(set) var unsupportedFace = false

    private var content: [UInt8] = []
    private var pageOpen = false
    private var pages: [Page] = []
    private var links: [Link] = []
    private var outlines: [OutlineItem] = []
    private var destinations: [Destination] = []
    /// The PDF graphics state as written (nil: unknown), one per open `q`.
    private var states: [GraphicsState] = [GraphicsState()]
    /// Per saved canvas state, the clip `q`s opened in it.
    private var levels: [Int] = [0]
    private var fonts: [PDFFont] = []
    private var fontIndex: [ObjectIdentifier: Int] = [:]
    /// ExtGState index by alpha bit pattern, in order of first use.
    private var alphas: [UInt64: Int] = [:]
    private var alphaValues: [Double] = []
    private let compressor: ZlibCompressor?

    struct Page {
        var stream: [UInt8]
        var compressed: Bool
        var links: [Link]
    }

    /// A link annotation: `rect` (points, y down) going to the named destination.
    struct Link {
        var rect: Rect
        var destination: String
    }

    struct OutlineItem {
        var title: String
        /// 1-based id of the parent item, 0 for the top level.
        var parent: Int
        var page: Int
        var point: Point
        var open: Bool
    }

    struct Destination {
        var name: String
        var page: Int
        var point: Point
    }

    struct GraphicsState {
        var fill: RGB?
        var stroke: RGB?
        var alpha: Double?
        var lineWidth: Double?
        var cap: UInt32?
        var join: UInt32?
        var miter: Double?
        var dash: [Double]?
        var dashOffset: Double = 0
    }

    struct RGB: Equatable {
        var r: Double, g: Double, b: Double
    }

    init(pageSize: Size, metadata: DocumentMetadata) {
        self.pageSize = pageSize
        self.metadata = metadata
        // Level 1 (libdeflate's hash-table matcher): 57% of the instructions of level 2 on the
        // demo's PDFs (report and figures: 70 M against 122 M) for files 3% larger (report.pdf
        // 261 kB against 250 kB); level 2 took half the time of level 6 for streams ~10% larger.
        compressor = ZlibCompressor(level: 1)
        content.reserveCapacity(1 << 16)
    }

    /// Pages written so far, the open one included.
    var pageCount: Int { pages.count + (pageOpen ? 1 : 0) }

    // MARK: Pages

    private func openPageIfNeeded() {
        guard !pageOpen else { return }
        pageOpen = true
        content.removeAll(keepingCapacity: true)
        append("1 0 0 -1 0 ")
        number(pageSize.height)
        append(" cm\n")
        // `levels` stays: the canvas may have saved states before the page's first drawing.
        states = [GraphicsState()]
    }

    /// Ends the current page (an empty one if nothing was drawn since the last). Clips still
    /// open are closed; the next drawing starts a new page without them.
    func endPage() {
        openPageIfNeeded()
        for _ in 0..<(states.count - 1) { append("Q\n") }
        let stream: [UInt8]
        let compressed: Bool
        if let compressor {
            stream = compressor.compress(content)
            compressed = true
        } else {
            stream = content
            compressed = false
        }
        let page = Page(stream: stream, compressed: compressed, links: links)
        if let index = replacing, index < pages.count {
            pages[index] = page
            replacing = index + 1
            replaced += 1
        } else {
            pages.append(page)
        }
        links = []
        pageOpen = false
        states = [GraphicsState()]
        levels = levels.map { _ in 0 }
    }

    /// Pages are written over the stored ones from this index on (see `beginReplacingPages`).
    private var replacing: Int?
    private var replaced = 0
    /// While replacing pages: the number of alpha states known when they were first drawn.
    private var alphasWhenDrawn: Int?

    /// The number of alpha states (ExtGStates) used so far; pass it to `beginReplacingPages`
    /// for pages drawn from now on.
    var alphaCount: Int { alphaValues.count }

    /// From now on each page ended replaces a page already ended, starting with the one at
    /// 0-based `index` (e.g. a table of contents drawn again with its page numbers), until
    /// `endReplacingPages()`; a page past the last is appended. `alphaCount` is `alphaCount`
    /// when those pages were first drawn: opaque drawing is written as it was then (with no
    /// ExtGState while none was in use), so the same drawing gives the same content.
    func beginReplacingPages(at index: Int, alphaCount: Int) {
        replacing = index
        replaced = 0
        alphasWhenDrawn = alphaCount
    }

    /// Ends replacing pages; returns how many were replaced.
    func endReplacingPages() -> Int {
        replacing = nil
        alphasWhenDrawn = nil
        defer { replaced = 0 }
        return replaced
    }

    // MARK: Navigation

    /// Adds an outline (bookmark) item under `parent` (an earlier item's id, 0 for the top
    /// level) going to `point` (points, y down) of the current page; returns its id.
    func addOutline(_ title: String, parent: Int, at point: Point, open: Bool) -> Int {
        openPageIfNeeded()
        outlines.append(OutlineItem(title: title, parent: parent, page: pageCount, point: point, open: open))
        return outlines.count
    }

    /// A named destination at `point` of the current page.
    func addDestination(_ name: String, at point: Point) {
        openPageIfNeeded()
        destinations.append(Destination(name: name, page: pageCount, point: point))
    }

    /// A link over `rect` of the current page to the named destination.
    func addLink(_ rect: Rect, to destination: String) {
        openPageIfNeeded()
        links.append(Link(rect: rect, destination: destination))
    }

    // MARK: State

    func save() { levels.append(0) }

    func restore() {
        guard levels.count > 1 else { return }
        for _ in 0..<levels.removeLast() { popState() }
    }

    /// Closes the clips of the current state (a clip set by an outer state stays).
    func resetClip() {
        for _ in 0..<levels[levels.count - 1] { popState() }
        levels[levels.count - 1] = 0
    }

    private func pushState() {
        append("q\n")
        states.append(states[states.count - 1])
    }

    private func popState() {
        guard states.count > 1 else { return }
        append("Q\n")
        states.removeLast()
    }

    // MARK: Drawing

    /// Intersects the clip with the current path of `cr` (which is then cleared).
    func clip(_ cr: OpaquePointer) {
        openPageIfNeeded()
        let path = PathData(cr)
        pushState()
        levels[levels.count - 1] += 1
        if path.segments == 0 {
            append("0 0 0 0 re W n\n")
        } else {
            var m = cairo_matrix_t()
            cairo_get_matrix(cr, &m)
            writePath(path, transform: m.isIdentity ? nil : m)
            append(cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD ? "W* n\n" : "W n\n")
        }
        cairo_new_path(cr)
    }

    /// Strokes the current path of `cr` with its stroke parameters and source colour.
    func stroke(_ cr: OpaquePointer) {
        paintPath(cr, stroking: true) { path in
            writeStrokeParameters(cr)
            writePath(path, transform: nil)
            append("S\n")
        }
    }

    /// The line width, cap, join, miter limit and dash of `cr`, each written when it differs
    /// from the current graphics state's.
    private func writeStrokeParameters(_ cr: OpaquePointer) {
        let width = cairo_get_line_width(cr)
        if states[states.count - 1].lineWidth != width {
            number(width); append(" w\n"); states[states.count - 1].lineWidth = width
        }
        let cap = cairo_get_line_cap(cr).rawValue
        if states[states.count - 1].cap != cap {
            // Cairo's butt, round, square are PDF's 0, 1, 2.
            integer(Int(cap)); append(" J\n"); states[states.count - 1].cap = cap
        }
        let join = cairo_get_line_join(cr).rawValue
        if states[states.count - 1].join != join {
            integer(Int(join)); append(" j\n"); states[states.count - 1].join = join
        }
        let miter = cairo_get_miter_limit(cr)
        if states[states.count - 1].miter != miter {
            number(miter); append(" M\n"); states[states.count - 1].miter = miter
        }
        let count = Int(cairo_get_dash_count(cr))
        var pattern = [Double](repeating: 0, count: count)
        var offset = 0.0
        if count > 0 { cairo_get_dash(cr, &pattern, &offset) }
        if states[states.count - 1].dash != pattern || states[states.count - 1].dashOffset != offset {
            append("[")
            for (i, d) in pattern.enumerated() {
                if i > 0 { append(" ") }
                number(d)
            }
            append("] ")
            number(offset)
            append(" d\n")
            states[states.count - 1].dash = pattern
            states[states.count - 1].dashOffset = offset
        }
    }

    /// Fills the current path of `cr` with its fill rule and source colour.
    func fill(_ cr: OpaquePointer) {
        paintPath(cr, stroking: false) { path in
            writePath(path, transform: nil)
            append(cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD ? "f*\n" : "f\n")
        }
    }

    /// Paints the current path of `cr`, nothing when it is empty: opens the page, applies the
    /// path's transform, sets the source colour (stroking or non-stroking) and alpha, lets
    /// `body` write the path and its painting operator, then pops the transform's state.
    private func paintPath(_ cr: OpaquePointer, stroking: Bool, _ body: (PathData) -> Void) {
        let path = PathData(cr)
        guard path.segments > 0 else { return }
        openPageIfNeeded()
        let transformed = beginTransform(cr)
        let (color, alpha) = source(cr)
        if stroking { setStrokeColor(color) } else { setFillColor(color) }
        setAlpha(alpha)
        body(path)
        if transformed { popState() }
    }

    /// Paints the source colour of `cr` over the whole page (within the clip).
    func paint(_ cr: OpaquePointer) {
        openPageIfNeeded()
        let (color, alpha) = source(cr)
        setFillColor(color)
        setAlpha(alpha)
        append("0 0 ")
        number(pageSize.width)
        append(" ")
        number(pageSize.height)
        append(" re f\n")
    }

    /// Shows `glyphs` (user-space positions) of `face` at `fontSize` in the source colour of
    /// `cr`. `text` is the UTF-8 text the glyphs show, mapped by `clusters` (in text order; with
    /// `backward` the first cluster's glyphs are the last ones); when the glyphs cannot carry
    /// the text one by one (see `PDFFont.map`), the run is wrapped in an `/ActualText` span.
    func glyphs(_ cr: OpaquePointer, face: LoadedFace, fontSize: Double, _ glyphs: [cairo_glyph_t],
                text: ArraySlice<UInt8>, clusters: [TextCluster], backward: Bool) {
        guard !glyphs.isEmpty else { return }
        if !face.hasTrueTypeOutlines {
            unsupportedFace = true
            return
        }
        openPageIfNeeded()
        let font = self.font(for: face)
        let actualText = font.map(glyphs, text: text, clusters: clusters, backward: backward)
        let transformed = beginTransform(cr)
        let (color, alpha) = source(cr)
        setFillColor(color)
        setAlpha(alpha)
        if actualText {
            append("/Span << /ActualText ")
            append(PDFText.utf16Hex(String(decoding: text, as: UTF8.self)))
            append(" >> BDC\n")
        }
        append("BT\n/F")
        integer(font.index + 1)
        append(" ")
        number(fontSize)
        append(" Tf\n")
        Self.writeGlyphRun(glyphs, widths: font.widths(of: glyphs), scale: fontSize / 1000, into: &content)
        append("ET\n")
        if actualText { append("EMC\n") }
        if transformed { popState() }
    }

    /// The `Tm` and `TJ` operators showing `glyphs` (one `Tm` per baseline; `widths` are their
    /// `/W` widths), into `out` (one access to the page's content for the whole run).
    private static func writeGlyphRun(_ glyphs: [cairo_glyph_t], widths: [Double], scale: Double, into out: inout [UInt8]) {
        var penX = 0.0, lineY = Double.nan
        var inString = false, inArray = false
        for (g, width) in zip(glyphs, widths) {
            let glyph = UInt32(g.index)
            if g.y != lineY {
                if inString { append(">", to: &out) ; inString = false }
                if inArray { append("] TJ\n", to: &out); inArray = false }
                append("1 0 0 -1 ", to: &out)
                PDFNumber.append(&out, g.x, decimals: 3)
                append(" ", to: &out)
                PDFNumber.append(&out, g.y, decimals: 3)
                append(" Tm\n", to: &out)
                lineY = g.y
                penX = g.x
            }
            if !inArray { append("[", to: &out); inArray = true }
            // Offsets below 0.05 thousandths of the em (rounding noise) are not written; the pen
            // follows what is written, so they never accumulate.
            let shift = ((penX - g.x) / scale * 1000).rounded() / 1000
            if abs(shift) >= 0.05 {
                if inString { append(">", to: &out); inString = false }
                PDFNumber.append(&out, shift, decimals: 3)
                penX -= shift * scale
            }
            if !inString { append("<", to: &out); inString = true }
            hex4(glyph, to: &out)
            penX += width * scale
        }
        if inString { append(">", to: &out) }
        if inArray { append("] TJ\n", to: &out) }
    }

    private func font(for face: LoadedFace) -> PDFFont {
        let key = ObjectIdentifier(face)
        if let index = fontIndex[key] { return fonts[index] }
        let font = PDFFont(face: face, index: fonts.count)
        fontIndex[key] = fonts.count
        fonts.append(font)
        return font
    }

    // MARK: The document

    /// The PDF file: ends the open page (or writes one empty page if none was drawn).
    func finish() throws -> [UInt8] {
        if pageOpen || pages.isEmpty { endPage() }
        let fontStreams = try fonts.map { try $0.embedding() }
        var file = PDFFileBuilder()
        let pageCount = pages.count
        // Objects: 1 catalog, 2 page tree, 3 info, 4 resources, then per page the page and its
        // content, then five per font, then the outline root and items, then the named
        // destinations.
        let firstPage = 5
        let firstFont = firstPage + 2 * pageCount
        let outlineRoot = firstFont + 5 * fonts.count
        let firstOutline = outlineRoot + (outlines.isEmpty ? 0 : 1)
        let names = firstOutline + outlines.count
        let objectCount = names + (destinations.isEmpty ? 0 : 1)
        file.begin(objectCount: objectCount)

        // 1: catalog
        file.object(1) { out in
            out += "<< /Type /Catalog /Pages 2 0 R"
            if !outlines.isEmpty { out += " /Outlines \(outlineRoot) 0 R /PageMode /UseOutlines" }
            if !destinations.isEmpty { out += " /Names << /Dests \(names) 0 R >>" }
            out += " >>"
        }
        // 2: pages
        file.object(2) { out in
            out += "<< /Type /Pages /Kids ["
            for p in 0..<pageCount { out += " \(firstPage + 2 * p) 0 R" }
            out += " ] /Count \(pageCount) >>"
        }
        // 3: info
        file.object(3) { out in
            out += "<< /Producer (Sentinel PDF writer)"
            if !metadata.title.isEmpty { out += " /Title " + PDFText.string(metadata.title) }
            if let author = metadata.author { out += " /Author " + PDFText.string(author) }
            if let subject = metadata.subject { out += " /Subject " + PDFText.string(subject) }
            if let keywords = metadata.keywords { out += " /Keywords " + PDFText.string(keywords) }
            out += " /Creator " + PDFText.string(metadata.creator)
            let date = metadata.pdfDate
            out += " /CreationDate (\(date)) /ModDate (\(date)) >>"
        }
        // 4: resources
        file.object(4) { out in
            out += "<< /ProcSet [/PDF /Text]"
            if !alphaValues.isEmpty {
                out += " /ExtGState <<"
                for (i, a) in alphaValues.enumerated() {
                    out += " /a\(i) << /CA \(PDFText.number(a)) /ca \(PDFText.number(a)) >>"
                }
                out += " >>"
            }
            if !fonts.isEmpty {
                out += " /Font <<"
                for f in fonts { out += " /F\(f.index + 1) \(firstFont + 5 * f.index) 0 R" }
                out += " >>"
            }
            out += " >>"
        }
        let width = PDFText.number(pageSize.width), height = PDFText.number(pageSize.height)
        for (p, page) in pages.enumerated() {
            let pageObject = firstPage + 2 * p
            file.object(pageObject) { out in
                out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)] /Resources 4 0 R /Contents \(pageObject + 1) 0 R"
                if !page.links.isEmpty {
                    out += " /Annots ["
                    for link in page.links {
                        let r = link.rect
                        out += " << /Type /Annot /Subtype /Link /Border [0 0 0] /Rect ["
                        out += "\(PDFText.number(r.minX)) \(PDFText.number(pageSize.height - r.maxY)) "
                        out += "\(PDFText.number(r.maxX)) \(PDFText.number(pageSize.height - r.minY))]"
                        out += " /Dest " + PDFText.string(link.destination) + " >>"
                    }
                    out += " ]"
                }
                out += " >>"
            }
            file.stream(pageObject + 1, page.stream, dictionary: page.compressed ? "/Filter /FlateDecode" : "")
        }
        for (f, font) in fonts.enumerated() {
            let base = firstFont + 5 * f
            let embedded = fontStreams[f]
            let name = embedded.subsetName
            // Type 0 font, CIDFont, descriptor, font file, ToUnicode.
            file.object(base) { out in
                out += "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H"
                out += " /DescendantFonts [\(base + 1) 0 R] /ToUnicode \(base + 4) 0 R >>"
            }
            file.object(base + 1) { out in
                out += "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name)"
                out += " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                out += " /FontDescriptor \(base + 2) 0 R /CIDToGIDMap /Identity /DW 0 /W "
                out += font.widthsArray()
                out += " >>"
            }
            file.object(base + 2) { out in
                let m = embedded.metrics
                out += "<< /Type /FontDescriptor /FontName /\(name) /Flags 4"
                out += " /FontBBox [\(m.bbox.map(PDFText.number).joined(separator: " "))]"
                out += " /ItalicAngle 0 /Ascent \(PDFText.number(m.ascent)) /Descent \(PDFText.number(m.descent))"
                out += " /CapHeight \(PDFText.number(m.capHeight)) /StemV 80 /FontFile2 \(base + 3) 0 R >>"
            }
            let fontFile = compressor?.compress(embedded.file)
            file.stream(base + 3, fontFile ?? embedded.file,
                        dictionary: (fontFile != nil ? "/Filter /FlateDecode " : "") + "/Length1 \(embedded.file.count)")
            let cmap = Array(font.toUnicodeCMap().utf8)
            let compressedMap = compressor?.compress(cmap)
            file.stream(base + 4, compressedMap ?? cmap, dictionary: compressedMap != nil ? "/Filter /FlateDecode" : "")
        }
        if !outlines.isEmpty {
            writeOutlines(into: &file, root: outlineRoot, first: firstOutline, firstPage: firstPage)
        }
        if !destinations.isEmpty {
            file.object(names) { out in
                out += "<< /Names ["
                for d in destinations.sorted(by: { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }) {
                    out += " " + PDFText.string(d.name) + " [\(firstPage + 2 * (d.page - 1)) 0 R /XYZ "
                    out += "\(PDFText.number(d.point.x)) \(PDFText.number(pageSize.height - d.point.y)) 0]"
                }
                out += " ] >>"
            }
        }
        return file.finish(root: 1, info: 3)
    }

    private func writeOutlines(into file: inout PDFFileBuilder, root: Int, first: Int, firstPage: Int) {
        // Children per parent (0: the root), in order.
        var children: [Int: [Int]] = [:]
        for (i, item) in outlines.enumerated() { children[item.parent, default: []].append(i + 1) }
        func object(_ id: Int) -> Int { id == 0 ? root : first + id - 1 }
        /// Visible descendants: all of an open item's, counted through open children.
        func visible(_ id: Int) -> Int {
            (children[id] ?? []).reduce(0) { $0 + 1 + (outlines[$1 - 1].open ? visible($1) : 0) }
        }
        let top = children[0] ?? []
        file.object(root) { out in
            out += "<< /Type /Outlines"
            if let f = top.first, let l = top.last { out += " /First \(object(f)) 0 R /Last \(object(l)) 0 R /Count \(visible(0))" }
            out += " >>"
        }
        for (i, item) in outlines.enumerated() {
            let id = i + 1
            let siblings = children[item.parent] ?? []
            let position = siblings.firstIndex(of: id) ?? 0
            file.object(object(id)) { out in
                out += "<< /Title " + PDFText.string(item.title) + " /Parent \(object(item.parent)) 0 R"
                if position > 0 { out += " /Prev \(object(siblings[position - 1])) 0 R" }
                if position + 1 < siblings.count { out += " /Next \(object(siblings[position + 1])) 0 R" }
                if let kids = children[id], let f = kids.first, let l = kids.last {
                    let count = visible(id)
                    out += " /First \(object(f)) 0 R /Last \(object(l)) 0 R /Count \(item.open ? count : -count)"
                }
                out += " /Dest [\(firstPage + 2 * (item.page - 1)) 0 R /XYZ \(PDFText.number(item.point.x)) "
                out += "\(PDFText.number(pageSize.height - item.point.y)) 0] >>"
            }
        }
    }

    // MARK: Pieces

    /// Opens `q` and writes the current transform of `cr` as `cm` unless it is the identity.
    private func beginTransform(_ cr: OpaquePointer) -> Bool {
        var m = cairo_matrix_t()
        cairo_get_matrix(cr, &m)
        if m.isIdentity { return false }
        pushState()
        Self.writeMatrix(m, into: &content)
        return true
    }

    /// `a b c d e f cm`.
    private static func writeMatrix(_ m: cairo_matrix_t, into out: inout [UInt8]) {
        for v in [m.xx, m.yx, m.xy, m.yy, m.x0, m.y0] {
            PDFNumber.append(&out, v, decimals: 3)
            out.append(0x20)
        }
        append("cm\n", to: &out)
    }

    private func source(_ cr: OpaquePointer) -> (RGB, Double) {
        var r = 0.0, g = 0.0, b = 0.0, a = 1.0
        if let pattern = cairo_get_source(cr) {
            _ = cairo_pattern_get_rgba(pattern, &r, &g, &b, &a)
        }
        return (RGB(r: r, g: g, b: b), a)
    }

    private func setFillColor(_ c: RGB) {
        guard states[states.count - 1].fill != c else { return }
        color(c)
        append(" rg\n")
        states[states.count - 1].fill = c
    }

    private func setStrokeColor(_ c: RGB) {
        guard states[states.count - 1].stroke != c else { return }
        color(c)
        append(" RG\n")
        states[states.count - 1].stroke = c
    }

    /// Selects the ExtGState of `alpha` (both stroke and fill), added on first use.
    private func setAlpha(_ alpha: Double) {
        guard states[states.count - 1].alpha != alpha else { return }
        // The initial state is opaque: no ExtGState needed until some alpha is not 1.
        if states[states.count - 1].alpha == nil, alpha == 1, (alphasWhenDrawn ?? alphaValues.count) == 0 {
            states[states.count - 1].alpha = 1
            return
        }
        let index: Int
        if let known = alphas[alpha.bitPattern] {
            index = known
        } else {
            index = alphaValues.count
            alphas[alpha.bitPattern] = index
            alphaValues.append(alpha)
        }
        append("/a")
        integer(index)
        append(" gs\n")
        states[states.count - 1].alpha = alpha
    }

    private func color(_ c: RGB) {
        Self.color(c, to: &content)
    }

    private static func color(_ c: RGB, to out: inout [UInt8]) {
        PDFNumber.append(&out, c.r, decimals: 6)
        out.append(0x20)
        PDFNumber.append(&out, c.g, decimals: 6)
        out.append(0x20)
        PDFNumber.append(&out, c.b, decimals: 6)
    }

    /// Writes `path` (user space, or mapped to device space by `transform`).
    private func writePath(_ path: PathData, transform: cairo_matrix_t?) {
        // One access to `content` for the whole path, not one per number.
        Self.writePath(path, transform: transform, into: &content)
    }

    private static func writePath(_ path: PathData, transform: cairo_matrix_t?, into out: inout [UInt8]) {
        guard let data = path.data else { return }
        var i = 0
        func point(_ k: Int, _ out: inout [UInt8]) {
            var x = data[k].point.x, y = data[k].point.y
            if let m = transform {
                (x, y) = (m.xx * x + m.xy * y + m.x0, m.yx * x + m.yy * y + m.y0)
            }
            PDFNumber.append(&out, x, decimals: 3)
            out.append(0x20)
            PDFNumber.append(&out, y, decimals: 3)
            out.append(0x20)
        }
        func operator2(_ a: UInt8, _ out: inout [UInt8]) {
            out.append(a)
            out.append(0x0A)
        }
        while i < path.count {
            let header = data[i].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO: point(i + 1, &out); operator2(UInt8(ascii: "m"), &out)
            case CAIRO_PATH_LINE_TO: point(i + 1, &out); operator2(UInt8(ascii: "l"), &out)
            case CAIRO_PATH_CURVE_TO:
                point(i + 1, &out); point(i + 2, &out); point(i + 3, &out); operator2(UInt8(ascii: "c"), &out)
            case CAIRO_PATH_CLOSE_PATH: operator2(UInt8(ascii: "h"), &out)
            default: break
            }
            i += max(1, Int(header.length))
        }
    }

    @inline(__always)
    private func append(_ s: StaticString) {
        Self.append(s, to: &content)
    }

    @inline(__always)
    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private func append(_ s: String) {
        content.append(contentsOf: s.utf8)
    }

    private func number(_ v: Double) {
        PDFNumber.append(&content, v, decimals: 3)
    }

    private func integer(_ n: Int) {
        SVGNumber.appendInteger(&content, UInt64(max(0, n)))
    }

    /// Four uppercase hex digits of `v`.
    @inline(__always)
    private static func hex4(_ v: UInt32, to out: inout [UInt8]) {
        @inline(__always) func digit(_ d: UInt32) -> UInt8 { UInt8(truncatingIfNeeded: d < 10 ? 48 + d : 55 + d) }
        let packed = UInt32(digit(v >> 12 & 0xF)) | UInt32(digit(v >> 8 & 0xF)) << 8
            | UInt32(digit(v >> 4 & 0xF)) << 16 | UInt32(digit(v & 0xF)) << 24
        withUnsafeBytes(of: packed.littleEndian) { out.append(contentsOf: $0) }
    }
}
