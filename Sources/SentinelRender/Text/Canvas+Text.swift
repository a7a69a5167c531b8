import CCairo
import Foundation

extension Canvas {
    /// Draws already shaped text with its baseline origin at `origin`, run by run (each run
    /// in its own face, with its text so that PDF text can be selected and searched).
    public func draw(_ shaped: ShapedText, at origin: Point, color: Color = .ink) throws {
        guard !shaped.glyphs.isEmpty, !measuresTextOnly else { return }
        // The text's bytes go with the glyphs to the PDF writer and Cairo's text API (not to SVG).
        let utf8 = svg == nil ? Array(shaped.text.utf8) : []
        for run in shaped.runs where !run.glyphs.isEmpty {
            let face = try FontRegistry.shared.face(run.face)
            var glyphs = shaped.glyphs[run.glyphs].map {
                cairo_glyph_t(index: UInt($0.id), x: origin.x + $0.x, y: origin.y + $0.y)
            }
            withState {
                setColor(color)
                cairo_set_font_face(context, face.cairoFace)
                cairo_set_font_size(context, shaped.font.size)
                newPath()
                if let svg {
                    svg.glyphs(context, face: face.cairoFace, fontSize: shaped.font.size, glyphs)
                } else if let pdf {
                    pdf.glyphs(context, face: face, fontSize: shaped.font.size, glyphs, text: utf8[run.bytes],
                               clusters: run.clusters, backward: run.backward)
                } else if fillsGlyphOutlines {
                    cairo_glyph_path(context, &glyphs, Int32(glyphs.count))
                    cairo_fill(context)
                } else if run.clusters.isEmpty {
                    cairo_show_glyphs(context, &glyphs, Int32(glyphs.count))
                } else {
                    var clusters = run.clusters.map {
                        cairo_text_cluster_t(num_bytes: Int32($0.byteCount), num_glyphs: Int32($0.glyphCount))
                    }
                    utf8[run.bytes].withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { chars in
                            cairo_show_text_glyphs(context, chars.baseAddress, Int32(chars.count),
                                                   &glyphs, Int32(glyphs.count), &clusters, Int32(clusters.count),
                                                   run.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0))
                        }
                    }
                }
            }
        }
        // The message is built only on failure (most labels are drawn without one).
        if cairo_status(context) != CAIRO_STATUS_SUCCESS {
            try checkStatus("drawing text \"\(shaped.text.prefix(40))\"")
        }
    }

    /// Shapes and draws one line of `text` anchored at `point`, optionally rotated by
    /// `rotation` radians about the anchor (−π/2 reads bottom-to-top, for y-axis titles).
    /// Returns the unrotated line box relative to the anchor's frame.
    @discardableResult
    public func drawText(
        _ text: String, at point: Point, font: Font, color: Color = .ink,
        horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
        rotation: Double = 0
    ) throws -> Rect {
        let shaped = try TextShaper.shape(text, font: font)
        let dx = Self.offsetX(width: shaped.width, alignment: horizontal)
        let dy = Self.baselineOffset(ascent: shaped.ascent, descent: shaped.descent, alignment: vertical)
        if rotation == 0 {
            try draw(shaped, at: Point(x: point.x + dx, y: point.y + dy), color: color)
        } else {
            try withState {
                translate(x: point.x, y: point.y)
                rotate(radians: rotation)
                try draw(shaped, at: Point(x: dx, y: dy), color: color)
            }
        }
        let box = Rect(x: point.x + dx, y: point.y + dy - shaped.ascent, width: shaped.width, height: shaped.height)
        if textLog != nil, !shaped.text.trimmingCharacters(in: .whitespaces).isEmpty {
            textLog?.append((shaped.text, Self.rotatedBounds(box, about: point, by: rotation)))
        }
        return box
    }

    /// The axis-aligned bounds of `box` rotated by `angle` radians about `pivot`.
    static func rotatedBounds(_ box: Rect, about pivot: Point, by angle: Double) -> Rect {
        guard angle != 0 else { return box }
        let c = cos(angle), s = sin(angle)
        let corners = [Point(x: box.minX, y: box.minY), Point(x: box.maxX, y: box.minY),
                       Point(x: box.minX, y: box.maxY), Point(x: box.maxX, y: box.maxY)].map { p -> Point in
            let dx = p.x - pivot.x, dy = p.y - pivot.y
            return Point(x: pivot.x + dx * c - dy * s, y: pivot.y + dx * s + dy * c)
        }
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let minX = xs.min() ?? 0, minY = ys.min() ?? 0
        return Rect(x: minX, y: minY, width: (xs.max() ?? 0) - minX, height: (ys.max() ?? 0) - minY)
    }

    /// Draws several lines top-down from `origin` (top of the first line box) with `lineHeight`
    /// spacing (default: the font's). Returns the total height used.
    @discardableResult
    public func drawLines(_ lines: [String], at origin: Point, font: Font, color: Color = .ink,
                          horizontal: HorizontalAlignment = .left, lineHeight: Double? = nil) throws -> Double {
        let step = try lineHeight ?? TextShaper.lineHeight(for: font)
        let (ascent, _) = try TextShaper.verticalMetrics(for: font)
        for (i, line) in lines.enumerated() {
            try drawText(line, at: Point(x: origin.x, y: origin.y + ascent + Double(i) * step), font: font,
                         color: color, horizontal: horizontal, vertical: .baseline)
        }
        return Double(lines.count) * step
    }

    static func offsetX(width: Double, alignment: HorizontalAlignment) -> Double {
        switch alignment {
        case .left: return 0
        case .center: return -width / 2
        case .right: return -width
        }
    }

    static func baselineOffset(ascent: Double, descent: Double, alignment: VerticalAlignment) -> Double {
        switch alignment {
        case .baseline: return 0
        case .top: return ascent
        case .bottom: return -descent
        case .middle: return (ascent - descent) / 2
        }
    }
}
