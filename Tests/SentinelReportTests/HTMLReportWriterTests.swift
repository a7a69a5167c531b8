import Foundation
import SentinelReport
import SentinelStudy
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The HTML report is well-formed, self-contained, escapes text from inputs, and every
/// internal reference resolves.
final class HTMLReportWriterTests: XCTestCase {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    func sampleDocument(hostileName: String) -> ReportDocument {
        ReportDocument(
            title: "Report on \(hostileName)", subtitle: "sub <b>bold</b>", notices: ["Simulated & not real"],
            sections: [
                ReportSection(id: "summary", title: "Summary", paragraphs: ["Model \(hostileName) did well."],
                              parameters: "p < 0.05", keyValues: [(key: "Seed", value: "1")]),
                ReportSection(id: "table2", title: "Table 2", blocks: [ReportBlock(heading: "Cohort", anchor: "t2h", table: ReportTable(
                    id: "t2", caption: "Caption", headers: [ReportCell("Model"), ReportCell("AUC", numeric: true)],
                    rows: [[ReportCell(hostileName, header: true), ReportCell("0.845 (0.769–0.921)", numeric: true)]],
                    footnotes: ["* test"]))]),
            ],
            generator: "Sentinel test", date: "2025-01-01")
    }

    func render(_ doc: ReportDocument) throws -> String {
        try HTMLReportWriter(templatesDirectory: Self.templates).render(doc)
    }

    func testWellFormedAndEscaped() throws {
        let hostile = "<script>alert('x')</script> & \"A\""
        let html = try render(sampleDocument(hostileName: hostile))
        XCTAssertFalse(html.contains("<script>"), "input text must be escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertFalse(html.contains("<b>bold</b>"))
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        XCTAssertTrue(parser.parse(), "report.html is not well-formed: \(String(describing: parser.parserError))")
    }

    func testSelfContainedAndReferencesResolve() throws {
        let html = try render(sampleDocument(hostileName: "Model A"))
        XCTAssertFalse(html.contains("http://"))
        XCTAssertFalse(html.contains("https://"))
        let ids = Set(matches(##"id="([^"]+)""##, in: html))
        let links = matches(##"href="#([^"]+)""##, in: html)
        XCTAssertFalse(links.isEmpty)
        for link in links { XCTAssertTrue(ids.contains(link), "dangling link #\(link)") }
        XCTAssertEqual(ids.count, matches(##"id="([^"]+)""##, in: html).count, "duplicate ids")
    }

    /// Names from input files may be in any script: the body's font stack names CJK, Arabic
    /// and Hebrew faces before the generic family (DejaVu Sans has none of them), so browsers
    /// pick a matching face for such text rather than whatever their default sans is.
    func testFontStackFallsBackToFacesForNonLatinScripts() throws {
        let html = try render(sampleDocument(hostileName: "临床模型 مدل"))
        let stack = try XCTUnwrap(matches(##"body \{ font-family: ([^;]+);"##, in: html).first)
        let families = stack.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(families.first, "\"DejaVu Sans\"")
        XCTAssertEqual(families.last, "sans-serif")
        for face in ["\"Noto Sans CJK SC\"", "\"Droid Sans Fallback\"", "\"Noto Sans Arabic\"", "\"Noto Sans Hebrew\""] {
            XCTAssertTrue(families.dropLast().contains(face), "\(face) missing from \(stack)")
        }
        XCTAssertTrue(html.contains("临床模型 مدل"), "non-Latin text is kept verbatim")
    }

    /// A model name without spaces (a 90-character column header of a predictions file) may
    /// break anywhere in its row-header cell, so the table keeps to the page width in print
    /// instead of widening its first column past it.
    func testRowHeaderCellsMayBreakLongNames() throws {
        let html = try render(sampleDocument(hostileName: String(repeating: "Supercalifragilistic", count: 5)))
        let rule = try XCTUnwrap(matches(##"(tbody th \{[^}]*\})"##, in: html).first)
        XCTAssertTrue(rule.contains("overflow-wrap: anywhere"), rule)
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
