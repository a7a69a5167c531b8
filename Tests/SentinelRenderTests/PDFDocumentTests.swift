import Foundation
import SentinelTestSupport
import XCTest
@testable import SentinelRender

/// Reads the PDFs back with poppler-utils (`pdftotext`, `pdfinfo`; skipped when absent).
final class PDFDocumentTests: XCTestCase {
    @discardableResult
    private func run(_ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try ExternalTool.run(name, arguments, file: file, line: line)
    }

    private func temporaryPDF(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-\(UUID().uuidString).pdf")
        try data.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testMetadataAndPages() throws {
        let url = try temporaryPDF(try SampleDocument.build())
        let info = try run("pdfinfo", [url.path])
        XCTAssertTrue(info.contains("Title:           Sentinel validation report"), info)
        XCTAssertTrue(info.contains("Creator:         Sentinel 0.1.0"), info)
        XCTAssertTrue(info.contains("Author:          Sentinel demo"), info)
        XCTAssertTrue(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"), info)
        XCTAssertTrue(info.contains("595.276 x 841.89 pts (A4)"), info)
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { Int($0.split(separator: " ").last ?? "") ?? 0 } ?? 0
        XCTAssertGreaterThanOrEqual(pages, 4)
    }

    func testTableTextIsSelectableAndRowsAreNeverSplit() throws {
        let url = try temporaryPDF(try SampleDocument.build())
        let text = try run("pdftotext", ["-layout", url.path, "-"])
        for needle in ["Sentinel validation report", "The data in this report are simulated.", "1 Summary",
                       "Table 2. Discrimination of the nine models in every cohort (continued)",
                       "0.740 (0.660–0.820)", "≥ 0.9 ± 0.1 and μ", "Figure 1. ROC curves, validation cohort.",
                       "Clinical, AUC 0.731 (0.615–0.846)", "Page 2"] {
            XCTAssertTrue(text.contains(needle), "pdftotext lacks \(needle)")
        }
        // Each body row sits on one line of one page: model name, two CIs and three numbers.
        // (The tables fill pages 3 and 4; the forest plot on a later page has similar rows.)
        let tablePages = try run("pdftotext", ["-f", "3", "-l", "4", "-layout", url.path, "-"])
        let models = ["Clinical", "Rad", "DL", "Clinical+Rad", "Clinical+DL", "Rad+DL", "Pre-fusion", "Post-fusion", "All (post)"]
        let ci = try NSRegularExpression(pattern: #"\d\.\d{3} \(\d\.\d{3}–\d\.\d{3}\)"#)
        var rowsSeen = 0
        for line in tablePages.split(separator: "\n").map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let model = models.sorted(by: { $0.count > $1.count }).first(where: { trimmed.hasPrefix($0 + " ") }),
                  trimmed.contains("0.") else { continue }
            rowsSeen += 1
            let cis = ci.numberOfMatches(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed))
            XCTAssertEqual(cis, 2, "\(model) row split or garbled: \(trimmed)")
        }
        XCTAssertEqual(rowsSeen, 2 * 27, "every row of both tables found whole")
    }

    func testHeaderRowsRepeatOnContinuationPages() throws {
        let url = try temporaryPDF(try SampleDocument.build())
        let page3 = try run("pdftotext", ["-f", "4", "-l", "4", "-layout", url.path, "-"])
        XCTAssertTrue(page3.contains("(continued)"))
        let headers = page3.components(separatedBy: "Specificity").count - 1
        XCTAssertGreaterThanOrEqual(headers, 2, "continued table and second table both start with the header:\n\(page3)")
        XCTAssertTrue(page3.hasPrefix("Table 2.") || page3.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("Table 2."))
    }

    func testOutlineHasTheHeadingsInOrder() throws {
        let pdf = String(decoding: try SampleDocument.build(), as: UTF8.self)
        XCTAssertTrue(pdf.contains("/Outlines"))
        let titles = ["1 Summary", "1.1 Cohorts", "2 Discrimination", "3 Figures"].map { pdf.range(of: "/Title (\($0))")?.lowerBound }
        XCTAssertFalse(titles.contains(nil), "missing outline entries")
        let positions = titles.compactMap { $0 }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testTableOfContentsLinksToTheHeadings() throws {
        let first = try SampleDocument.build(contents: nil)
        let headings = first.headings
        XCTAssertEqual(headings.map(\.title), SampleDocument.headingTitles.map(\.0))
        XCTAssertEqual(headings.map(\.level), [1, 2, 1, 1])
        XCTAssertEqual(headings.map(\.page), [3, 3, 3, 5])
        let second = try SampleDocument.build(contents: headings)
        XCTAssertEqual(second.headings, headings, "both passes paginate identically")
        let url = try temporaryPDF(try second.finish())
        let contents = try run("pdftotext", ["-f", "2", "-l", "2", "-layout", url.path, "-"])
        XCTAssertTrue(contents.contains("Contents"))
        for h in headings {
            let line = contents.split(separator: "\n").first { $0.contains(h.title) }.map(String.init) ?? ""
            XCTAssertTrue(line.hasSuffix(" \(h.page)"), "TOC line for \(h.title): \(line)")
        }
        let dests = try run("pdfinfo", ["-dests", url.path])
        for (i, h) in headings.enumerated() {
            XCTAssertTrue(dests.split(separator: "\n").contains {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(h.page) ") && $0.contains("\"heading-\(i + 1)\"")
            }, "destination of \(h.title) on page \(h.page):\n\(dests)")
        }
        XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self).components(separatedBy: "/Subtype /Link").count - 1, 4)
    }

    func testChartPDFTextIsExtractable() throws {
        let url = try temporaryPDF(try SampleCharts.forest.render(format: .pdf))
        let text = try run("pdftotext", [url.path, "-"])
        XCTAssertTrue(text.contains("0.790 (0.690–0.880)"), text)
        XCTAssertTrue(text.contains("AUC across models and cohorts"))
    }

    /// Text DejaVu Sans lacks (CJK) is drawn in a fallback face that is embedded in the PDF,
    /// and CJK and Arabic text reads back in logical order.
    func testNonLatinTextIsEmbeddedWithAFallbackFaceAndExtractable() throws {
        guard try FontRegistry.shared.fallback(for: "训", font: Font(size: 10)) != nil else {
            throw XCTSkip("no installed font covers CJK (install fonts-noto-cjk)")
        }
        // As PDFReportWriter does: the native writer embeds TrueType faces; a CFF face (Noto CJK)
        // needs Cairo's surface.
        func build(_ engine: PDFDocument.Engine) throws -> PDFDocument {
            let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"), engine: engine)
            try doc.addParagraph("Cohort 训练集 (北京), model مدل عربي, ΑΒΓ.")
            try doc.addTable(PDFTable(header: [["Model", "AUC"]], rows: [PDFTableRow(["临床模型", "0.845"])], alignments: [.left, .right]))
            return doc
        }
        let native = try build(.native)
        let doc = native.needsCairo ? try build(.cairo) : native
        let url = try temporaryPDF(try doc.finish())
        let text = try run("pdftotext", [url.path, "-"])
        for needle in ["训练集 (北京)", "临床模型", "عربي", "ΑΒΓ"] { XCTAssertTrue(text.contains(needle), "pdftotext lacks \(needle): \(text)") }
        let fonts = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        XCTAssertTrue(fonts.contains { !$0.contains("DejaVuSans") }, "only DejaVu embedded: \(fonts)")
    }

    /// A footer text (the study title) too long for the footer ends in "…" rather than
    /// stopping mid-title without a mark.
    func testLongFooterTextIsEllipsised() throws {
        let title = "Four modalities: Clinical, CC, MLO and deep features, a long study title that goes on and on"
        let doc = try PDFDocument(metadata: DocumentMetadata(title: title))
        try doc.startNewPage()
        try doc.addParagraph("Body.")
        let url = try temporaryPDF(try doc.finish())
        let text = try run("pdftotext", [url.path, "-"])
        let footer = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Four modalities") }, text)
        XCTAssertTrue(footer.hasSuffix("…"), String(footer))
        XCTAssertTrue(title.hasPrefix(String(footer.dropLast())), String(footer))
    }

    /// The layout pass of the two-pass table of contents paginates exactly like the real build
    /// (same pages and positions of every heading) but encodes nothing.
    func testResolvedTableOfContentsIsTheTwoPassPDFInOneBuild() throws {
        let twoPass = try SampleDocument.build()
        let single = try SampleDocument.build(contents: nil, resolving: true)
        XCTAssertTrue(single.resolvesTableOfContents)
        XCTAssertEqual(single.headings.map(\.page), [3, 3, 3, 5])
        let bytes = try single.finish()
        XCTAssertEqual(bytes.count, twoPass.count)
        XCTAssertTrue(bytes == twoPass, "one build with the table of contents resolved at finish gives the two-pass PDF")
        // The placeholder table drawn first is replaced: its pages hold the real numbers.
        let pdf = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(pdf.components(separatedBy: "/Subtype /Link").count - 1, 4)
    }

    func testResolvedTableOfContentsOverManyPages() throws {
        // 120 entries: the table itself spans pages 2-4; the headings come after it.
        let titles = (1...120).map { "Section \($0) with a title long enough to need some width" }
        func document(resolving: Bool, contents: [TableOfContentsEntry]?) throws -> PDFDocument {
            let doc = try PDFDocument(metadata: SampleDocument.metadata)
            try doc.addTitlePage(title: "Many sections")
            let planned = contents ?? titles.map { TableOfContentsEntry(title: $0, level: 1) }
            if resolving { try doc.addResolvedTableOfContents(planned) } else { try doc.addTableOfContents(planned) }
            try doc.startNewPage()
            for title in titles {
                try doc.addHeading(title)
                try doc.addParagraph(String(repeating: "Text of \(title). ", count: 12))
            }
            return doc
        }
        let layout = try document(resolving: false, contents: nil)
        let twoPass = try document(resolving: false, contents: layout.headings).finish()
        let single = try document(resolving: true, contents: nil)
        XCTAssertEqual(single.headings, layout.headings)
        XCTAssertGreaterThan(single.headings.first?.page ?? 0, 3, "the table of contents takes more than one page")
        XCTAssertTrue(try single.finish() == twoPass)
    }

    func testResolvedTableOfContentsWithoutTheNativeWriterDrawsThePlannedEntries() throws {
        let layout = try SampleDocument.build(contents: nil, layoutOnly: true, resolving: true)
        XCTAssertFalse(layout.resolvesTableOfContents)
        XCTAssertEqual(layout.headings, try SampleDocument.build(contents: nil, layoutOnly: true).headings)
        XCTAssertEqual(try layout.finish(), Data())
    }

    func testLayoutOnlyBuildPaginatesLikeTheRealOne() throws {
        let layout = try SampleDocument.build(contents: nil, layoutOnly: true)
        let real = try SampleDocument.build(contents: nil)
        XCTAssertEqual(layout.headings, real.headings)
        XCTAssertEqual(layout.pageCount, real.pageCount)
        XCTAssertGreaterThan(real.pageCount, 2)
        XCTAssertEqual(try layout.finish(), Data())
        XCTAssertGreaterThan(try real.finish().count, 10_000)
    }

    func testFinishedDocumentRejectsContent() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        try doc.addParagraph("Only line.")
        _ = try doc.finish()
        XCTAssertThrowsError(try doc.addParagraph("late")) { XCTAssertEqual($0 as? RenderError, .documentFinished) }
        XCTAssertThrowsError(try doc.finish())
        XCTAssertEqual(doc.pageCount, 1)
    }

    func testEmptyTableIsRejected() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        XCTAssertThrowsError(try doc.addTable(PDFTable(header: [String](), rows: [[String]]())))
    }

    func testLongParagraphFlowsOntoNewPages() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        try doc.addParagraph(String(repeating: "Net benefit is computed at thresholds from 1% to 99%. ", count: 400))
        let data = try doc.finish()
        XCTAssertGreaterThanOrEqual(doc.pageCount, 3)
        let url = try temporaryPDF(data)
        XCTAssertTrue(try run("pdftotext", ["-f", "3", "-l", "3", url.path, "-"]).contains("Net benefit"))
    }
}

extension PDFDocumentTests {
    func testHeaderlessKeyValueTableAndLongCells() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "Provenance", creator: "Sentinel 0.1.0"))
        try doc.addHeading("Provenance")
        let sha = String(repeating: "0123456789abcdef", count: 4)
        try doc.addTable(PDFTable(caption: "Inputs", header: [[String]](), rows: [
            PDFTableRow(["Tool", "Sentinel 0.1.0"]),
            PDFTableRow(["study.yaml", "SHA-256 \(sha)"]),
        ], alignments: [.left, .left], columnWeights: [1, 3]))
        let url = try temporaryPDF(try doc.finish())
        let text = try run("pdftotext", [url.path, "-"]).replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(text.contains(sha), "a long hash wraps but every character is kept")
        XCTAssertTrue(text.contains("Sentinel 0.1.0"))
    }
}
