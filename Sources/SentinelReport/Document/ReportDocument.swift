import SentinelRender

/// The content of a report, independent of its output format.
///
/// The HTML writer renders it through the Mustache templates in `templates/`; the PDF
/// writer lays the same content out natively on A4 pages. Text fields hold plain text
/// (never markup): every writer escapes them, so text from input files cannot inject
/// markup into a report.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String
    /// Prominent notices shown under the title (e.g. "the demo data are simulated").
    public var notices: [String]
    public var sections: [ReportSection]
    /// Creator string for metadata, e.g. "Sentinel 0.1.0".
    public var generator: String
    /// The run date shown in the footer and PDF metadata (from SOURCE_DATE_EPOCH when set).
    public var date: String

    public init(title: String, subtitle: String, notices: [String] = [], sections: [ReportSection],
                generator: String, date: String) {
        self.title = title
        self.subtitle = subtitle
        self.notices = notices
        self.sections = sections
        self.generator = generator
        self.date = date
    }
}

/// One numbered section of a report: a pipeline step with its parameters and output.
public struct ReportSection: Sendable {
    /// The HTML anchor; unique in the document.
    public var id: String
    public var title: String
    public var paragraphs: [String]
    /// Monospaced parameter listing of the step, if any.
    public var parameters: String?
    public var keyValues: [(key: String, value: String)]
    public var blocks: [ReportBlock]

    public init(id: String, title: String, paragraphs: [String] = [], parameters: String? = nil,
                keyValues: [(key: String, value: String)] = [], blocks: [ReportBlock] = []) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.parameters = parameters
        self.keyValues = keyValues
        self.blocks = blocks
    }
}

/// A sub-heading with paragraphs, a table or a figure.
public struct ReportBlock: Sendable {
    public var heading: String?
    public var anchor: String?
    public var paragraphs: [String]
    public var table: ReportTable?
    public var figure: ReportFigure?

    public init(heading: String? = nil, anchor: String? = nil, paragraphs: [String] = [],
                table: ReportTable? = nil, figure: ReportFigure? = nil) {
        self.heading = heading
        self.anchor = anchor
        self.paragraphs = paragraphs
        self.table = table
        self.figure = figure
    }
}

/// A table cell: text, right-aligned when numeric, a row header when `header`.
public struct ReportCell: Sendable, Equatable {
    public var text: String
    public var numeric: Bool
    public var header: Bool
    public init(_ text: String, numeric: Bool = false, header: Bool = false) {
        self.text = text
        self.numeric = numeric
        self.header = header
    }
}

/// A table with a caption, header row, body rows and footnotes.
public struct ReportTable: Sendable {
    public var id: String
    public var caption: String
    public var headers: [ReportCell]
    public var rows: [[ReportCell]]
    public var footnotes: [String]
    /// Relative column widths for the PDF layout (nil: from the content).
    public var columnWeights: [Double]?
    /// Rows (by index) the PDF keeps on the same page as the row after them, e.g. a Table 1
    /// variable's name and its levels.
    public var rowsKeptWithNext: Set<Int>

    public init(id: String, caption: String, headers: [ReportCell], rows: [[ReportCell]],
                footnotes: [String] = [], columnWeights: [Double]? = nil, rowsKeptWithNext: Set<Int> = []) {
        self.id = id
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.footnotes = footnotes
        self.columnWeights = columnWeights
        self.rowsKeptWithNext = rowsKeptWithNext
    }
}

/// A figure: the chart itself (drawn natively into the PDF) and its SVG bytes for HTML.
public struct ReportFigure: Sendable {
    public var id: String
    public var caption: String
    /// Alternative text describing what the figure shows.
    public var alt: String
    /// The figure as SVG bytes (embedded in HTML as a data URI).
    public var svg: [UInt8]
    /// Size in points.
    public var width: Double
    public var height: Double
    /// The chart, drawn as vectors onto the PDF page.
    public var chart: any Chart

    public init(id: String, caption: String, alt: String, svg: [UInt8], width: Double, height: Double,
                chart: any Chart) {
        self.id = id
        self.caption = caption
        self.alt = alt
        self.svg = svg
        self.width = width
        self.height = height
        self.chart = chart
    }
}
