/// One body row of a `PDFTable`. A group heading row is set in bold on a tinted band
/// (e.g. "Validation cohort" above its models); its text may be in the first cell only.
///
/// A row that `keepsWithNext` is placed on the same page as the row after it (e.g. a Table 1
/// variable's name row and its levels), as long as such a chain of rows is at most half a page.
public struct PDFTableRow: Hashable, Sendable, Codable {
    public var cells: [String]
    public var isGroupHeading: Bool
    public var keepsWithNext: Bool

    public init(_ cells: [String], isGroupHeading: Bool = false, keepsWithNext: Bool = false) {
        self.cells = cells
        self.isGroupHeading = isGroupHeading
        self.keepsWithNext = keepsWithNext
    }

    private enum CodingKeys: String, CodingKey { case cells, isGroupHeading, keepsWithNext }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cells = try container.decode([String].self, forKey: .cells)
        isGroupHeading = try container.decodeIfPresent(Bool.self, forKey: .isGroupHeading) ?? false
        keepsWithNext = try container.decodeIfPresent(Bool.self, forKey: .keepsWithNext) ?? false
    }
}

/// A table for the PDF: caption above, header rows repeated on every page the table spans,
/// body rows that are never split across pages, footnotes below. Cells wrap to their column.
public struct PDFTable: Hashable, Sendable, Codable {
    public var caption: String?
    /// Header rows (usually one), set in bold and repeated after each page break.
    public var header: [[String]]
    public var rows: [PDFTableRow]
    /// Alignment per column; missing entries default to left for column 0 and right otherwise.
    public var alignments: [HorizontalAlignment]
    /// Relative column widths (any positive weights); nil sizes columns from their content.
    public var columnWeights: [Double]?
    public var footnotes: [String]

    public init(caption: String? = nil, header: [[String]], rows: [PDFTableRow], alignments: [HorizontalAlignment] = [],
                columnWeights: [Double]? = nil, footnotes: [String] = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.alignments = alignments
        self.columnWeights = columnWeights
        self.footnotes = footnotes
    }

    /// A table with one header row and plain body rows.
    public init(caption: String? = nil, header: [String], rows: [[String]], alignments: [HorizontalAlignment] = [],
                footnotes: [String] = []) {
        self.init(caption: caption, header: [header], rows: rows.map { PDFTableRow($0) }, alignments: alignments,
                  footnotes: footnotes)
    }

    /// The number of columns: the widest header or body row.
    public var columnCount: Int {
        max(header.map(\.count).max() ?? 0, rows.map(\.cells.count).max() ?? 0)
    }

    func alignment(ofColumn c: Int) -> HorizontalAlignment {
        c < alignments.count ? alignments[c] : (c == 0 ? .left : .right)
    }
}
