/// Errors raised while drawing or encoding figures and documents.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// Cairo reported a failure; `status` is Cairo's own description.
    case cairo(operation: String, status: String)
    /// No font matched through fontconfig, or the matched file could not be read.
    case fontUnavailable(family: String, detail: String)
    /// The requested size cannot be drawn (zero, negative, non-finite or too large).
    case invalidSize(width: Double, height: Double)
    /// A chart or table received data it cannot draw (empty, mismatched lengths, non-finite).
    case invalidData(chart: String, detail: String)
    /// The document was already finished; no more content can be added.
    case documentFinished
    /// Writing an output file failed.
    case writeFailed(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cairo(operation, status):
            return "Cairo failed in \(operation): \(status). Check the output size and that the surface is still open."
        case let .fontUnavailable(family, detail):
            return "No usable font for family '\(family)': \(detail). Install fonts-dejavu-core or pick an installed family (see `fc-list`)."
        case let .invalidSize(width, height):
            return "Cannot draw a \(width) × \(height) pt canvas: both sides must be finite, positive and at most 14400 pt."
        case let .invalidData(chart, detail):
            return "\(chart): \(detail)."
        case .documentFinished:
            return "The PDF document is already finished; create a new PDFDocument to add content."
        case let .writeFailed(path, detail):
            return "Could not write \(path): \(detail). Check that the folder exists and is writable."
        }
    }
}
