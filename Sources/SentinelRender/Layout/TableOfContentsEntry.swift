/// One heading of a `PDFDocument`: its text, level (1 = section), 1-based page and the
/// top-left of the heading on that page (points from the page's top-left corner).
public struct TableOfContentsEntry: Hashable, Sendable, Codable {
    public var title: String
    public var level: Int
    public var page: Int
    public var position: Point
    /// The PDF named destination of the heading (set by `PDFDocument`); nil draws no link.
    public var destination: String?

    public init(title: String, level: Int, page: Int = 0, position: Point = Point(x: 0, y: 0), destination: String? = nil) {
        self.title = title
        self.level = level
        self.page = page
        self.position = position
        self.destination = destination
    }
}
