import Foundation
import XCTest
@testable import SentinelRender

/// Page breaks that would strand a block: an introduction apart from its figure, a table's
/// footnotes apart from its rows, a last row or a group heading alone. Each case is swept over
/// every amount of preceding filler, so the break falls at every possible place.
extension PDFDocumentTests {
    /// Text of each page of `data` (pdftotext's form feeds split the pages).
    private func pages(_ data: Data) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-\(UUID().uuidString).pdf")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/pdftotext") {
            process.executableURL = URL(fileURLWithPath: dir + "/pdftotext")
        }
        guard process.executableURL != nil else { throw XCTSkip("pdftotext is not installed (apt-get install poppler-utils)") }
        process.arguments = [url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: text, as: UTF8.self).components(separatedBy: "\u{0C}")
    }

    private func page(of needle: String, in pages: [String]) -> Int? {
        pages.firstIndex { $0.contains(needle) }
    }

    private func filler(_ lines: Int, in doc: PDFDocument) throws {
        for line in 0 ..< lines { try doc.addParagraph("Filler line \(line).") }
    }

    func testIntroductionStaysWithItsFigure() throws {
        var moved = 0
        for lines in stride(from: 20, through: 52, by: 2) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(lines, in: doc)
            try doc.addHeading("Forest plot")
            try doc.addParagraph("Introduction of the forest plot.", keepWithNext: true)
            try doc.addFigure(SampleCharts.forest, caption: "Caption of the forest plot.")
            let text = try pages(try doc.finish())
            let intro = try XCTUnwrap(page(of: "Introduction of the forest plot.", in: text))
            XCTAssertEqual(intro, page(of: "AUC across models and cohorts", in: text), "\(lines) filler lines")
            XCTAssertEqual(intro, page(of: "Forest plot", in: text), "\(lines) filler lines: heading with its text")
            if intro > 0 { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0, "the sweep reaches a page break")
    }

    /// A section heading straight followed by a subsection heading (the report's "5. Table 3"
    /// then "train cohort"), or with a short introduction between them ("10. Calibration",
    /// its paragraph, "train cohort"), goes to the page where the subsection's table starts.
    func testStackedHeadingsStayWithTheTableTheyIntroduce() throws {
        var moved = 0
        for (lines, introduced) in stride(from: 30, through: 56, by: 1).flatMap({ [($0, false), ($0, true)] }) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(lines, in: doc)
            try doc.addHeading("Section heading", level: 1)
            if introduced { try doc.addParagraph("Introduction of the section, two lines or so.", keepWithNext: true) }
            try doc.addHeading("Subsection heading", level: 2)
            let rows = (0 ..< 12).map { PDFTableRow(["Row \($0) label", "0.\($0)"]) }
            try doc.addTable(PDFTable(caption: "Table caption", header: [["Model", "AUC"]], rows: rows, alignments: [.left, .right]))
            let text = try pages(try doc.finish())
            let table = try XCTUnwrap(page(of: "Row 0 label", in: text))
            XCTAssertEqual(page(of: "Section heading", in: text), table, "\(lines) filler lines, introduced \(introduced)")
            XCTAssertEqual(page(of: "Subsection heading", in: text), table, "\(lines) filler lines, introduced \(introduced)")
            if introduced { XCTAssertEqual(page(of: "Introduction of the section", in: text), table, "\(lines) filler lines") }
            if table > 0 { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0, "the sweep reaches a page break")
    }

    /// A table with a header and no rows keeps its footnote on its page (it used to start the
    /// next page alone).
    func testEmptyTableKeepsItsFootnote() throws {
        var moved = 0
        // 3-pt steps: the footnote is one line, so the break must be swept finely.
        for space in stride(from: 0.0, through: 30, by: 3) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(38, in: doc)
            try doc.addSpace(space)
            try doc.addTable(PDFTable(caption: "Empty table", header: [["Comparison", "p"]], rows: [], alignments: [.left, .right],
                                      footnotes: ["Footnote of the empty table."]))
            let text = try pages(try doc.finish())
            let header = try XCTUnwrap(page(of: "Comparison", in: text))
            XCTAssertEqual(page(of: "Footnote of the empty table.", in: text), header, "38 filler lines and \(space) pt")
            if header > 0 { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0, "the sweep reaches a page break")
    }

    /// Rows chained with `keepsWithNext` (a Table 1 variable's name row and its levels) are
    /// never split across pages; the table still breaks between variables.
    func testRowsKeptWithNextShareAPage() throws {
        var broken = 0
        for lines in stride(from: 20, through: 50, by: 1) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(lines, in: doc)
            var rows: [PDFTableRow] = []
            for v in 0 ..< 6 {
                rows.append(PDFTableRow(["Variable \(v), n (%)", ""], keepsWithNext: true))
                for level in 0 ..< 3 { rows.append(PDFTableRow(["Level \(v).\(level)", "12 (40%)"], keepsWithNext: level < 2)) }
            }
            try doc.addTable(PDFTable(caption: "Table 1", header: [["Characteristic", "n (%)"]], rows: rows, alignments: [.left, .right]))
            let text = try pages(try doc.finish())
            for v in 0 ..< 6 {
                let head = try XCTUnwrap(page(of: "Variable \(v), n (%)", in: text))
                for level in 0 ..< 3 {
                    XCTAssertEqual(page(of: "Level \(v).\(level)", in: text), head, "\(lines) filler lines, variable \(v)")
                }
            }
            if page(of: "Variable 0,", in: text) != page(of: "Variable 5,", in: text) { broken += 1 }
        }
        XCTAssertGreaterThan(broken, 0, "the sweep breaks the table itself")
    }

    func testLongIntroductionMayStillBreak() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        try filler(30, in: doc)
        let long = (0 ..< 40).map { "Sentence \($0) of a long introduction." }.joined(separator: " ")
        try doc.addParagraph(long, keepWithNext: true)
        try doc.addFigure(SampleCharts.forest)
        let text = try pages(try doc.finish())
        XCTAssertEqual(page(of: "Sentence 0 of", in: text), 0, "more than \(PDFDocument.keepWithNextMaximumLines) lines are not held back")
        XCTAssertEqual(page(of: "AUC across models and cohorts", in: text), 1, "the figure itself did not fit on the first page")
    }

    func testLastRowsAndFootnotesShareAPage() throws {
        var broken = 0
        for lines in stride(from: 20, through: 56, by: 1) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(lines, in: doc)
            let rows = (0 ..< 12).map { PDFTableRow(["Row \($0) label", "0.\($0)"]) }
            try doc.addTable(PDFTable(caption: "Table", header: [["Model", "AUC"]], rows: rows,
                                      alignments: [.left, .right], footnotes: ["Footnote of the table."]))
            let text = try pages(try doc.finish())
            let last = try XCTUnwrap(page(of: "Row 11 label", in: text))
            XCTAssertEqual(last, page(of: "Footnote of the table.", in: text), "\(lines) filler lines")
            XCTAssertEqual(last, page(of: "Row 10 label", in: text), "\(lines) filler lines: the last row is not alone")
            if page(of: "Row 0 label", in: text) != last { broken += 1 }
        }
        XCTAssertGreaterThan(broken, 0, "the sweep breaks the table itself")
    }

    func testGroupHeadingStaysWithItsFirstRow() throws {
        for lines in stride(from: 30, through: 56, by: 1) {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
            try filler(lines, in: doc)
            var rows: [PDFTableRow] = []
            for group in 0 ..< 3 {
                rows.append(PDFTableRow(["Group \(group)"], isGroupHeading: true))
                rows += (0 ..< 4).map { PDFTableRow(["G\(group) row \($0)", "1"]) }
            }
            try doc.addTable(PDFTable(header: [["Item", "n"]], rows: rows, alignments: [.left, .right]))
            let text = try pages(try doc.finish())
            for group in 0 ..< 3 {
                XCTAssertEqual(page(of: "Group \(group)", in: text), page(of: "G\(group) row 0", in: text), "\(lines) filler lines")
            }
        }
    }
}
