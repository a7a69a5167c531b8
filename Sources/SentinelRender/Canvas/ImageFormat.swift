/// The three figure encodings: raster PNG, vector SVG and vector PDF.
public enum ImageFormat: String, CaseIterable, Sendable, Codable {
    case png, svg, pdf

    /// The file extension without a dot (`"png"`, `"svg"`, `"pdf"`).
    public var fileExtension: String { rawValue }
}
