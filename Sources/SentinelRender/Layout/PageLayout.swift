/// Page geometry and typography of a `PDFDocument`. Sizes are in points.
public struct PageLayout: Hashable, Sendable {
    public var pageSize: Size
    /// Space kept free on each side; the footer sits inside the bottom margin.
    public var margins: EdgeInsets
    public var bodyFont: Font
    /// Fonts of heading levels 1, 2, 3 (deeper levels use the last).
    public var headingFonts: [Font]
    public var tableFont: Font
    public var captionFont: Font
    public var footnoteFont: Font
    public var footerFont: Font
    /// Baseline-to-baseline distance as a multiple of the font size.
    public var lineSpacing: Double
    /// Space after a paragraph, table or figure.
    public var blockSpacing: Double

    public init(pageSize: Size = .a4, margins: EdgeInsets = EdgeInsets(top: 56.7, left: 56.7, bottom: 62, right: 56.7),
                bodyFont: Font = Font(size: 10),
                headingFonts: [Font] = [Font(size: 16, weight: .bold), Font(size: 13, weight: .bold), Font(size: 11, weight: .bold)],
                tableFont: Font = Font(size: 8), captionFont: Font = Font(size: 9, weight: .bold),
                footnoteFont: Font = Font(size: 7.5), footerFont: Font = Font(size: 8),
                lineSpacing: Double = 1.3, blockSpacing: Double = 8) {
        self.pageSize = pageSize
        self.margins = margins
        self.bodyFont = bodyFont
        self.headingFonts = headingFonts
        self.tableFont = tableFont
        self.captionFont = captionFont
        self.footnoteFont = footnoteFont
        self.footerFont = footerFont
        self.lineSpacing = lineSpacing
        self.blockSpacing = blockSpacing
    }

    /// A4 portrait with 2 cm margins, DejaVu Sans 10 pt body text.
    public static let a4 = PageLayout()

    /// The area available to content on every page.
    public var contentRect: Rect { Rect(size: pageSize).inset(by: margins) }

    func headingFont(level: Int) -> Font {
        headingFonts[min(max(level, 1), headingFonts.count) - 1]
    }

    func lineHeight(for font: Font) -> Double { font.size * lineSpacing }
}
