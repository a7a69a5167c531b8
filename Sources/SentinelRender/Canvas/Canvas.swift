import CCairo

/// A drawing context over one Cairo surface (PNG image, SVG, or a PDF page).
///
/// Coordinates are in points (1/72 inch) with the origin at the top-left and y pointing
/// down, whatever the output resolution; for PNG the pixel scale is applied before drawing.
/// State changes (colour, line width, dash, transforms, clip) persist until `restore()`;
/// `withState` brackets them. A `Canvas` is not thread-safe: draw from one thread.
public final class Canvas {
    /// The Cairo context (`cairo_t *`); owned and destroyed by this canvas.
    let context: OpaquePointer
    /// The drawable area in points.
    public let size: Size
    /// When non-nil, every `drawText` appends its text and bounding box (user space, after
    /// rotation; transforms set with `translate`/`scale` are not applied). Used by tests to
    /// check that no two labels overlap.
    var textLog: [(text: String, box: Rect)]?
    /// When true, text is shaped and measured (`drawText` returns the same boxes) but not
    /// drawn: for layout passes whose drawing is thrown away.
    var measuresTextOnly = false
    /// When set, strokes, fills, paints, clips and text are written as SVG by this writer
    /// instead of being drawn on the surface (which then only carries the Cairo state).
    var svg: SVGWriter?
    /// When set, the same drawing commands are written as PDF content by this writer instead
    /// (the surface again only carries the Cairo state).
    var pdf: PDFWriter?
    /// When true, text is drawn by filling its glyph outlines where they are (as an SVG viewer
    /// does) rather than as text, which on image surfaces Cairo snaps to the pixel grid.
    var fillsGlyphOutlines = false

    /// Wraps a Cairo surface; the canvas keeps its own reference to the context it creates.
    init(surface: OpaquePointer, size: Size, svg: SVGWriter? = nil, pdf: PDFWriter? = nil) {
        self.context = cairo_create(surface)
        self.size = size
        self.svg = svg
        self.pdf = pdf
        Self.applyFontOptions(context)
    }

    /// Unhinted outlines and metrics with grey antialiasing: the same glyph positions on
    /// every surface, and PNG pixels that do not depend on the desktop's font settings.
    static func applyFontOptions(_ context: OpaquePointer) {
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
    }

    deinit {
        cairo_destroy(context)
    }

    /// The full drawable area, origin at (0, 0).
    public var bounds: Rect { Rect(size: size) }

    /// Throws if Cairo has entered an error state (errors are sticky in Cairo).
    public func checkStatus(_ operation: String) throws {
        let status = cairo_status(context)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    // MARK: State and transforms

    public func save() {
        cairo_save(context)
        svg?.save()
        pdf?.save()
    }

    public func restore() {
        svg?.restore()
        pdf?.restore()
        cairo_restore(context)
    }

    /// Runs `body` between `save()` and `restore()`.
    public func withState<T>(_ body: () throws -> T) rethrows -> T {
        save()
        defer { restore() }
        return try body()
    }

    public func translate(x: Double, y: Double) { cairo_translate(context, x, y) }
    public func scale(x: Double, y: Double) { cairo_scale(context, x, y) }
    /// Rotates user space by `radians` (positive turns x toward y, i.e. clockwise on screen).
    public func rotate(radians: Double) { cairo_rotate(context, radians) }

    /// Restricts drawing to `rect` (intersected with any existing clip) until `restore()`.
    public func clip(to rect: Rect) {
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        if let svg { svg.clip(context) } else if let pdf { pdf.clip(context) } else { cairo_clip(context) }
    }

    public func resetClip() {
        if let svg { svg.resetClip() } else if let pdf { pdf.resetClip() } else { cairo_reset_clip(context) }
    }

    // MARK: Source and stroke parameters

    public func setColor(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    public func setLineWidth(_ width: Double) { cairo_set_line_width(context, width) }

    /// Sets the dash pattern (on/off lengths in points); an empty array means a solid line.
    public func setDash(_ pattern: [Double], offset: Double = 0) {
        pattern.withUnsafeBufferPointer { buffer in
            cairo_set_dash(context, buffer.baseAddress, Int32(buffer.count), offset)
        }
    }

    public func setLineCap(_ cap: LineCap) {
        switch cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
    }

    public func setLineJoin(_ join: LineJoin) {
        switch join {
        case .miter: cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(context, CAIRO_LINE_JOIN_BEVEL)
        }
    }

    /// Applies colour, width, dash, cap and join of `style`.
    public func setStroke(_ style: StrokeStyle) {
        setColor(style.color)
        setLineWidth(style.width)
        setDash(style.dash)
        setLineCap(style.cap)
        setLineJoin(style.join)
    }

    // MARK: Paths

    public func newPath() { cairo_new_path(context) }
    public func move(to p: Point) { cairo_move_to(context, p.x, p.y) }
    public func line(to p: Point) { cairo_line_to(context, p.x, p.y) }
    public func curve(to p: Point, control1 c1: Point, control2 c2: Point) {
        cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
    }
    public func closePath() { cairo_close_path(context) }

    /// Adds a closed rectangle sub-path.
    public func addRect(_ rect: Rect) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
    }

    /// Adds a closed circle sub-path.
    public func addCircle(center: Point, radius: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_close_path(context)
    }

    /// Adds an open polyline through `points` (nothing for fewer than two points).
    public func addPolyline(_ points: [Point]) {
        guard let first = points.first, points.count > 1 else { return }
        cairo_move_to(context, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(context, p.x, p.y) }
    }

    /// Adds a closed polygon through `points`.
    public func addPolygon(_ points: [Point]) {
        addPolyline(points)
        if points.count > 1 { cairo_close_path(context) }
    }

    public func stroke() {
        if let svg { svg.stroke(context); cairo_new_path(context) } else if let pdf { pdf.stroke(context); cairo_new_path(context) } else { cairo_stroke(context) }
    }

    public func fill() {
        if let svg { svg.fill(context); cairo_new_path(context) } else if let pdf { pdf.fill(context); cairo_new_path(context) } else { cairo_fill(context) }
    }

    public func strokePreserve() {
        if let svg { svg.stroke(context) } else if let pdf { pdf.stroke(context) } else { cairo_stroke_preserve(context) }
    }

    public func fillPreserve() {
        if let svg { svg.fill(context) } else if let pdf { pdf.fill(context) } else { cairo_fill_preserve(context) }
    }

    // MARK: Shapes in one call

    /// Strokes a straight segment with `style`; the canvas state is left unchanged.
    public func strokeLine(from a: Point, to b: Point, style: StrokeStyle) {
        withState {
            setStroke(style)
            newPath()
            move(to: a)
            line(to: b)
            stroke()
        }
    }

    /// Strokes a polyline with `style`; the canvas state is left unchanged.
    public func strokePolyline(_ points: [Point], style: StrokeStyle) {
        withState {
            setStroke(style)
            newPath()
            addPolyline(points)
            stroke()
        }
    }

    /// Paints `color` over the whole clip region (the whole surface when unclipped).
    public func paint(_ color: Color) {
        withState {
            setColor(color)
            if let svg { svg.paint(context) } else if let pdf { pdf.paint(context) } else { cairo_paint(context) }
        }
    }

    /// Fills `rect` with `color`.
    public func fillRect(_ rect: Rect, color: Color) {
        withState {
            setColor(color)
            newPath()
            addRect(rect)
            fill()
        }
    }

    /// Strokes the outline of `rect` with `style`.
    public func strokeRect(_ rect: Rect, style: StrokeStyle) {
        withState {
            setStroke(style)
            newPath()
            addRect(rect)
            stroke()
        }
    }

    /// Fills a circle with `fill` and optionally outlines it with `stroke`.
    public func drawCircle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle? = nil) {
        withState {
            newPath()
            addCircle(center: center, radius: radius)
            if let fill {
                setColor(fill)
                if stroke != nil { fillPreserve() } else { fill_() }
            }
            if let stroke {
                setStroke(stroke)
                self.stroke()
            }
            newPath()
        }
    }

    /// Fills a closed polygon with `color`.
    public func fillPolygon(_ points: [Point], color: Color) {
        withState {
            setColor(color)
            newPath()
            addPolygon(points)
            fill_()
        }
    }

    private func fill_() { fill() }
}
