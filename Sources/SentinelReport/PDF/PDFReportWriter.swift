import Foundation
import SentinelRender

/// Lays a `ReportDocument` out natively on A4 pages (written by `PDFWriter`, or by Cairo's PDF
/// surface when the text needs a face without TrueType outlines): a title page, numbered
/// headings with PDF bookmarks, paragraphs, tables that break across pages with repeated
/// headers, vector figures, page numbers and fixed metadata (the report date, never the
/// clock), so the same inputs give a byte-identical PDF.
public struct PDFReportWriter {
    public init() {}

    /// The PDF bytes of `document`, with the page of every section heading in the table of
    /// contents after the title page. The native writer fills those pages in when it finishes
    /// (one build: `PDFDocument.addResolvedTableOfContents`); Cairo's PDF surface (for text in
    /// a face the native writer cannot embed) needs two builds: the first finds the pages, the
    /// second (identical apart from those numbers, so identically paginated) prints them.
    public func render(_ document: ReportDocument) throws -> Data {
        let planned = Self.plannedContents(document)
        let native = try build(document, contents: planned, resolvingContents: true)
        if !native.needsCairo { return try native.finish() }
        return try build(document, contents: contents(document), engine: .cairo).finish()
    }

    /// The table of contents' entries before layout: titles and levels, no pages.
    static func plannedContents(_ document: ReportDocument) -> [TableOfContentsEntry] {
        document.sections.enumerated().map {
            TableOfContentsEntry(title: heading($0.offset, $0.element), level: 1)
        }
    }

    /// The table of contents' entries with their pages, found by a layout pass. The layout pass
    /// only paginates: nothing is encoded, and placeholders stand in for the charts (a figure's
    /// place on the page depends only on its size and caption), so the pages are the same at a
    /// fraction of the cost.
    func contents(_ document: ReportDocument) throws -> [TableOfContentsEntry] {
        let planned = Self.plannedContents(document)
        let first = try build(document, contents: planned, layoutOnly: true)
        let located = first.headings.filter { $0.level == 1 }
        return located.count == planned.count ? located : planned
    }

    static func heading(_ index: Int, _ section: ReportSection) -> String {
        "\(index + 1). \(section.title)"
    }

    /// The document laid out with `contents` as its table of contents (with `resolvingContents`,
    /// pages filled in by `finish()` when the document can: see `addResolvedTableOfContents`).
    func build(_ document: ReportDocument, contents: [TableOfContentsEntry], layoutOnly: Bool = false,
               engine: PDFDocument.Engine = .native, resolvingContents: Bool = false) throws -> PDFDocument {
        let metadata = DocumentMetadata(title: document.title, subject: document.subtitle,
                                        creator: document.generator, date: Self.date(document.date))
        let pdf = try PDFDocument(metadata: metadata, footerText: document.title, layoutOnly: layoutOnly, engine: engine)
        try pdf.addTitlePage(title: document.title, subtitle: document.subtitle,
                             lines: ["\(document.generator)", "Report date \(document.date)"],
                             note: document.notices.isEmpty ? nil : document.notices.joined(separator: " "))
        if resolvingContents && pdf.resolvesTableOfContents {
            try pdf.addResolvedTableOfContents(contents)
        } else {
            try pdf.addTableOfContents(contents)
        }
        try pdf.startNewPage()
        for (number, section) in document.sections.enumerated() {
            try pdf.addHeading(Self.heading(number, section), level: 1)
            let followed = section.parameters != nil || !section.keyValues.isEmpty || !section.blocks.isEmpty
            try addParagraphs(section.paragraphs, to: pdf, keepingLastWithNext: followed)
            if let parameters = section.parameters { try pdf.addParagraph(parameters, font: Font(family: "DejaVu Sans Mono", size: 8.5)) }
            if !section.keyValues.isEmpty {
                try pdf.addTable(PDFTable(header: [["Item", "Value"]],
                                          rows: section.keyValues.map { PDFTableRow([$0.key, $0.value]) },
                                          alignments: [.left, .left], columnWeights: [1, 3]))
            }
            for block in section.blocks {
                if let heading = block.heading { try pdf.addHeading(heading, level: 2) }
                try addParagraphs(block.paragraphs, to: pdf, keepingLastWithNext: block.table != nil || block.figure != nil)
                if let table = block.table { try pdf.addTable(pdfTable(table)) }
                if let figure = block.figure {
                    let chart: any Chart = layoutOnly ? LayoutPlaceholder(of: figure.chart) : figure.chart
                    try pdf.addFigure(chart, caption: figure.caption, fit: .reflow)
                }
            }
        }
        return pdf
    }

    /// Body paragraphs; the last one, when it introduces what follows, is kept on the page
    /// where that starts.
    func addParagraphs(_ paragraphs: [String], to pdf: PDFDocument, keepingLastWithNext keep: Bool) throws {
        for (index, paragraph) in paragraphs.enumerated() {
            try pdf.addParagraph(paragraph, keepWithNext: keep && index == paragraphs.count - 1)
        }
    }

    func pdfTable(_ table: ReportTable) -> PDFTable {
        PDFTable(caption: table.caption, header: [table.headers.map(\.text)],
                 rows: table.rows.enumerated().map { PDFTableRow($0.element.map(\.text), keepsWithNext: table.rowsKeptWithNext.contains($0.offset)) },
                 alignments: table.headers.map { $0.numeric ? .right : .left },
                 columnWeights: table.columnWeights, footnotes: table.footnotes)
    }

    /// "YYYY-MM-DD..." → that day at 00:00 UTC (the epoch if unparsable).
    static func date(_ text: String) -> Date {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return Date(timeIntervalSince1970: 0) }
        var components = DateComponents()
        components.year = parts[0]; components.month = parts[1]; components.day = parts[2]
        components.hour = 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}

/// A chart's stand-in for the layout pass: the same size, drawing nothing.
struct LayoutPlaceholder: Chart {
    let title: String
    let altText: String
    let preferredSize: Size

    init(of chart: any Chart) {
        title = chart.title
        altText = chart.altText
        preferredSize = chart.preferredSize
    }

    func draw(in canvas: Canvas, region: Rect, style: ChartStyle) throws {}
}
