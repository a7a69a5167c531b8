import Foundation

/// A figure described by plain data that can draw itself into any rectangle of a canvas.
///
/// Charts know nothing of models or statistics: callers pass series, labels and numbers,
/// and a `colorIndex` per series (the same index → the same Okabe–Ito colour everywhere).
public protocol Chart: Sendable {
    /// The panel title drawn above the plot (may be empty).
    var title: String { get }
    /// A plain-language description of what is drawn, for `alt` attributes and screen readers.
    var altText: String { get }
    /// The size the chart is designed for, in points (default `Size.figure`).
    var preferredSize: Size { get }
    /// Draws the chart inside `region` of `canvas`. Throws `RenderError.invalidData` for
    /// data it cannot draw (empty series, mismatched lengths, non-finite values).
    func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws
}

extension Chart {
    public var preferredSize: Size { .figure }

    /// Encodes the chart alone as PNG (at `dpi`), SVG or PDF.
    public func render(format: ImageFormat, size: Size? = nil, dpi: Double = 300,
                       style: ChartStyle = .standard, metadata: DocumentMetadata? = nil,
                       svgIDPrefix: String = "") throws -> Data {
        let size = size ?? preferredSize
        let meta = metadata ?? DocumentMetadata(title: title, subject: altText)
        return try Renderer.render(format: format, size: size, dpi: dpi, metadata: meta, svgIDPrefix: svgIDPrefix) { canvas in
            try draw(in: canvas, region: canvas.bounds, style: style)
        }
    }

    /// Writes `<directory>/<name>.svg`, `.png` (at `dpi`) and `.pdf`, returning the three URLs
    /// in that order. The directory must exist. The SVG's ids are prefixed with `<name>-` and
    /// it carries the alt text as `<title>` and `aria-label`; the PDF's `/Subject` is the alt text.
    @discardableResult
    public func write(to directory: URL, name: String, size: Size? = nil, dpi: Double = 300,
                      style: ChartStyle = .standard, metadata: DocumentMetadata? = nil,
                      formats: [ImageFormat] = [.svg, .png, .pdf]) throws -> [URL] {
        try formats.map { format in
            let url = directory.appendingPathComponent("\(name).\(format.fileExtension)")
            var data = try render(format: format, size: size, dpi: dpi, style: style, metadata: metadata,
                                  svgIDPrefix: format == .svg ? "\(name)-" : "")
            if format == .svg {
                data = Data(SVGAccessibility.labelled(String(decoding: data, as: UTF8.self), altText: altText, dropProlog: false).utf8)
            }
            do {
                try data.write(to: url)
            } catch {
                throw RenderError.writeFailed(path: url.path, detail: "\(error)")
            }
            return url
        }
    }
}

/// Shared validation helpers for chart data.
enum ChartData {
    static func requireFinite(_ values: [Double], _ chart: String, _ what: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw RenderError.invalidData(chart: chart, detail: "\(what) contains the non-finite value \(bad); drop or impute it before drawing")
        }
    }

    static func requireSameLength(_ a: Int, _ b: Int, _ chart: String, _ what: String) throws {
        if a != b {
            throw RenderError.invalidData(chart: chart, detail: "\(what) have different lengths (\(a) and \(b)); pass one value per point")
        }
    }

    static func requireNonEmpty(_ count: Int, _ chart: String, _ what: String) throws {
        if count == 0 {
            throw RenderError.invalidData(chart: chart, detail: "\(what) is empty; pass at least one")
        }
    }

    /// "A, B and C".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
