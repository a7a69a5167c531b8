import CCairo
import Foundation

/// Renders one drawing to PNG, SVG or PDF bytes, deterministically.
///
/// - PNG: `size` points at `dpi` (pixel size `ceil(size × dpi / 72)` up to 1e-6), opaque RGB when the
///   background is opaque, with a `pHYs` chunk recording `dpi` (300 dpi → 11811 px/m).
/// - SVG: units of points, written by `SVGWriter` (glyphs as outlines defined once); ids carry
///   `svgIDPrefix` and are numbered in order of first use, so output is byte-identical across
///   renders and processes and several SVGs can be inlined in one HTML.
/// - PDF: one page written by `PDFWriter` (Cairo's PDF surface for text in faces without
///   TrueType outlines);
///   `/Title`, `/Author`, `/Creator` and both dates from `metadata`.
public enum Renderer {
    /// The largest side accepted, in points (200 inches).
    public static let maximumSide: Double = 14_400

    /// Draws with `draw` on a fresh canvas of `size` points and returns the encoded bytes.
    /// For PNG, `draw` is called once, on a recording surface replayed band by band when the
    /// image is larger than one band of pixel rows (see `pngBandBytes`).
    public static func render(
        format: ImageFormat, size: Size, dpi: Double = 300, background: Color? = .white,
        metadata: DocumentMetadata = DocumentMetadata(), svgIDPrefix: String = "",
        draw: (Canvas) throws -> Void
    ) throws -> Data {
        try validate(size)
        switch format {
        case .png: return try renderPNG(size: size, dpi: dpi, background: background, draw: draw)
        case .svg: return try renderSVG(size: size, background: background, idPrefix: svgIDPrefix, draw: draw)
        case .pdf: return try renderPDF(size: size, background: background, metadata: metadata, draw: draw)
        }
    }

    static func validate(_ size: Size) throws {
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0,
              size.width <= maximumSide, size.height <= maximumSide
        else { throw RenderError.invalidSize(width: size.width, height: size.height) }
    }

    /// Paints the whole surface (including a partly covered last pixel row or column).
    private static func paint(_ background: Color?, on canvas: Canvas) {
        if let background { canvas.paint(background) }
    }

    /// The most bytes of pixels a PNG render holds at once (one band of rows). A 300-dpi
    /// figure as wide as a page row is ~23 MB as one image; drawn in bands it needs at most
    /// 2 MB, which keeps several concurrent renders cheap (the report's double-column figures,
    /// 2125 × 1067–1217 px, take five or six bands of 1.5–1.8 MB). The drawing is recorded
    /// once and replayed per band, so more bands cost little: 2 MiB instead of 4 MiB bands
    /// lowered the demo's peak RSS by ~2 MiB at no measurable CPU cost.
    static let pngBandBytes = 2 << 20

    /// Rasterises in horizontal bands of rows into one reused image surface and streams each
    /// band's rows to the encoder: the fewest bands of at most `bandBytes`, of equal height (the
    /// last one may be shorter), so no band is larger than the drawing needs. A picture that
    /// fits one band is drawn on it directly. Otherwise `draw` runs once, on a Cairo recording
    /// surface of the image's size, and each band replays the recording translated by whole
    /// pixel rows: Cairo skips the commands whose extents miss the band, and the paths, text and
    /// layout are built only once. Bands start at whole pixel rows, so the pixels are those of a
    /// single full-size render.
    static func renderPNG(size: Size, dpi: Double, background: Color?, bandBytes: Int = pngBandBytes,
                          draw: (Canvas) throws -> Void) throws -> Data {
        guard dpi.isFinite, dpi > 0 else { throw RenderError.invalidSize(width: size.width, height: size.height) }
        let scale = dpi / 72
        let width = Int32((size.width * scale - 1e-6).rounded(.up))
        let height = Int32((size.height * scale - 1e-6).rounded(.up))
        let opaque = (background?.alpha ?? 0) >= 1
        let format = opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32
        let stride = Int(cairo_format_stride_for_width(format, width))
        let rowsFitting = min(Int(height), max(1, bandBytes / max(stride, 1)))
        let bands = (Int(height) + rowsFitting - 1) / rowsFitting
        let bandRows = Int32((Int(height) + bands - 1) / bands)
        guard let surface = cairo_image_surface_create(format, width, bandRows)
        else { throw RenderError.cairo(operation: "cairo_image_surface_create", status: "no surface") }
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface, "cairo_image_surface_create")
        let recording = bands > 1 ? try record(width: width, height: height, like: surface, scale: scale, size: size,
                                               background: background, draw: draw) : nil
        defer { if let recording { cairo_surface_destroy(recording) } }
        var bandStart = -Int(bandRows)
        let bytes = try PNGWriter.encode(width: Int(width), height: Int(height), opaque: opaque, dpi: dpi) { y in
            if y >= bandStart + Int(bandRows) {
                bandStart = y
                if let recording {
                    try replay(recording, on: surface, firstRow: y)
                } else {
                    try drawBand(on: surface, firstRow: y, scale: scale, size: size, background: background, draw: draw)
                }
            }
            guard let pixels = cairo_image_surface_get_data(surface) else {
                throw RenderError.cairo(operation: "encoding PNG", status: "no pixel data")
            }
            return UnsafeRawPointer(pixels + (y - bandStart) * Int(cairo_image_surface_get_stride(surface)))
        }
        return Data(bytes)
    }

    /// Draws the whole picture once on a recording surface of `width × height` pixels (the
    /// background painted first, then `draw` at `scale` pixels per point); the caller destroys it.
    /// Text is set with the font options it gets on `image` (the band surface), the canvas's
    /// own taking precedence: on an image surface Cairo rounds glyph positions to whole pixels,
    /// on a recording surface it would not, and the replayed glyphs would then lose faint
    /// edge pixels to extents computed from the unrounded positions.
    private static func record(width: Int32, height: Int32, like image: OpaquePointer, scale: Double, size: Size,
                               background: Color?, draw: (Canvas) throws -> Void) throws -> OpaquePointer {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(width), height: Double(height))
        guard let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        else { throw RenderError.cairo(operation: "cairo_recording_surface_create", status: "no surface") }
        do {
            try checkSurface(recording, "cairo_recording_surface_create")
            let canvas = Canvas(surface: recording, size: size)
            let options = cairo_font_options_create(), own = cairo_font_options_create()
            defer {
                cairo_font_options_destroy(own)
                cairo_font_options_destroy(options)
            }
            cairo_surface_get_font_options(image, options)
            cairo_get_font_options(canvas.context, own)
            cairo_font_options_merge(options, own)
            cairo_set_font_options(canvas.context, options)
            canvas.scale(x: scale, y: scale)
            paint(background, on: canvas)
            try draw(canvas)
            try canvas.checkStatus("drawing the PNG")
            return recording
        } catch {
            cairo_surface_destroy(recording)
            throw error
        }
    }

    /// Replaces the band's pixels with the recording's rows from `firstRow` on (the band is
    /// cleared, then the recorded commands that reach it are drawn, translated by whole rows).
    private static func replay(_ recording: OpaquePointer, on surface: OpaquePointer, firstRow: Int) throws {
        guard let context = cairo_create(surface)
        else { throw RenderError.cairo(operation: "cairo_create", status: "no context") }
        defer { cairo_destroy(context) }
        cairo_set_operator(context, CAIRO_OPERATOR_SOURCE)
        cairo_set_source_surface(context, recording, 0, -Double(firstRow))
        cairo_paint(context)
        let status = cairo_status(context)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(operation: "drawing the PNG", status: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
    }

    /// Draws the rows from `firstRow` on into the band surface (cleared first).
    private static func drawBand(on surface: OpaquePointer, firstRow: Int, scale: Double, size: Size, background: Color?,
                                 draw: (Canvas) throws -> Void) throws {
        let canvas = Canvas(surface: surface, size: size)
        if (background?.alpha ?? 0) < 1 {
            // A transparent or translucent background: start each band from clear pixels.
            cairo_set_operator(canvas.context, CAIRO_OPERATOR_CLEAR)
            cairo_paint(canvas.context)
            cairo_set_operator(canvas.context, CAIRO_OPERATOR_OVER)
        }
        canvas.translate(x: 0, y: -Double(firstRow))
        canvas.scale(x: scale, y: scale)
        paint(background, on: canvas)
        try draw(canvas)
        try canvas.checkStatus("drawing the PNG")
        cairo_surface_flush(surface)
    }

    /// Runs `body` on a 1 × 1 surface nothing is drawn to: the Cairo state (transform, path,
    /// stroke and fill parameters) for the writers that emit their own bytes.
    private static func withStateSurface<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        else { throw RenderError.cairo(operation: "cairo_image_surface_create", status: "no surface") }
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface, "cairo_image_surface_create")
        return try body(surface)
    }

    /// SVG written by `SVGWriter` from the canvas's drawing commands (Cairo keeps the state on
    /// a 1 × 1 surface nothing is drawn to).
    private static func renderSVG(size: Size, background: Color?, idPrefix: String,
                                  draw: (Canvas) throws -> Void) throws -> Data {
        try withStateSurface { surface in
            let writer = SVGWriter(size: size, prefix: idPrefix)
            let canvas = Canvas(surface: surface, size: size, svg: writer)
            paint(background, on: canvas)
            try draw(canvas)
            try canvas.checkStatus("drawing the SVG")
            return Data(writer.finish())
        }
    }

    /// PDF written by `PDFWriter` from the canvas's drawing commands (Cairo keeps the state on
    /// a 1 × 1 surface nothing is drawn to); drawn again on Cairo's PDF surface when the text
    /// needs a face the writer does not embed (CFF or bitmap glyphs).
    private static func renderPDF(size: Size, background: Color?, metadata: DocumentMetadata,
                                  draw: (Canvas) throws -> Void) throws -> Data {
        let native: Data? = try withStateSurface { surface in
            let writer = PDFWriter(pageSize: size, metadata: metadata)
            let canvas = Canvas(surface: surface, size: size, pdf: writer)
            paint(background, on: canvas)
            try draw(canvas)
            try canvas.checkStatus("drawing the PDF")
            return writer.unsupportedFace ? nil : Data(try writer.finish())
        }
        if let native { return native }
        return try renderCairoPDF(size: size, background: background, metadata: metadata, draw: draw)
    }

    /// PDF drawn on Cairo's PDF surface.
    static func renderCairoPDF(size: Size, background: Color?, metadata: DocumentMetadata,
                               draw: (Canvas) throws -> Void) throws -> Data {
        let sink = ByteSink()
        return try withExtendedLifetime(sink) { try renderPDF(into: sink, size: size, background: background, metadata: metadata, draw: draw) }
    }

    private static func renderPDF(into sink: ByteSink, size: Size, background: Color?, metadata: DocumentMetadata,
                                  draw: (Canvas) throws -> Void) throws -> Data {
        guard let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, sink.closure, size.width, size.height)
        else { throw RenderError.cairo(operation: "cairo_pdf_surface_create_for_stream", status: "no surface") }
        defer { cairo_surface_destroy(surface) }
        try checkSurface(surface, "cairo_pdf_surface_create_for_stream")
        applyMetadata(metadata, to: surface)
        do {
            let canvas = Canvas(surface: surface, size: size)
            paint(background, on: canvas)
            try draw(canvas)
            try canvas.checkStatus("drawing the PDF")
        }
        cairo_surface_finish(surface)
        try checkSurface(surface, "finishing the PDF")
        return Data(sink.bytes)
    }

    /// Writes title, author, subject, keywords, creator and both dates into a PDF surface.
    static func applyMetadata(_ metadata: DocumentMetadata, to surface: OpaquePointer) {
        let date = metadata.cairoDate
        let entries: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title.isEmpty ? nil : metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries {
            if let value { cairo_pdf_surface_set_metadata(surface, key, value) }
        }
    }

    static func checkSurface(_ surface: OpaquePointer, _ operation: String) throws {
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }
}
