import Foundation
import Mustache
import XCTest
@testable import SentinelReport

/// The table context's row and cell objects render through the Mustache library exactly as
/// dictionaries of the same values do (the way the context was built before them).
final class TemplateContextTests: XCTestCase {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    static let table = ReportTable(
        id: "t1", caption: "Table 1 <caption> & \"quotes\"",
        headers: [ReportCell("Characteristic"), ReportCell("Training (n = 203)", numeric: true), ReportCell("p", numeric: true)],
        rows: [
            [ReportCell("Age, years", header: true), ReportCell("56 (48–63)", numeric: true), ReportCell("0.412", numeric: true)],
            [ReportCell("  mean (SD)", header: true), ReportCell("55.1 (9.8)", numeric: true), ReportCell("", numeric: true)],
            [ReportCell("<script>alert('x')</script> & 'A'", header: true), ReportCell("a < b > c", numeric: false),
             ReportCell("\u{4E2D}\u{6587} \u{05E2}\u{05D1}", numeric: true)],
            [ReportCell("Margin", header: false), ReportCell("   spaced", header: true), ReportCell("x", numeric: true)],
        ],
        footnotes: ["IQR: interquartile range.", "<b>not bold</b>"])

    /// The context the cells had as dictionaries: text (a sub-row's without its leading
    /// spaces), numeric, header, sub.
    static func dictionary(_ cell: ReportCell) -> TemplateObject {
        let sub = cell.header && cell.text.hasPrefix(" ")
        let text = sub ? String(cell.text.drop { $0 == " " }) : cell.text
        return TemplateObject(["text": text, "numeric": cell.numeric, "header": cell.header, "sub": sub])
    }

    func render(_ context: [String: Any]) throws -> String {
        var library = MustacheLibrary()
        try library.register(try String(contentsOf: Self.templates.appendingPathComponent("table.mustache"), encoding: .utf8),
                             named: "table")
        return try XCTUnwrap(library.render(TemplateObject(context), withTemplate: "table"))
    }

    func testRowsAndCellsRenderAsDictionaries() throws {
        let objects = HTMLReportWriter.context(Self.table)
        var dictionaries = objects
        dictionaries["headers"] = Self.table.headers.map(Self.dictionary)
        dictionaries["rows"] = Self.table.rows.map { TemplateObject(["cells": $0.map(Self.dictionary)]) }
        let expected = try render(dictionaries)
        XCTAssertEqual(try render(objects), expected)
        XCTAssertTrue(expected.contains("<th scope=\"row\" class=\"sub\">mean (SD)</th>"))
        XCTAssertTrue(expected.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#39;A&#39;"))
        XCTAssertTrue(expected.contains("<td>a &lt; b &gt; c</td>"))
        XCTAssertFalse(expected.contains("<script>"))
    }

    func testCellValuesByName() {
        let cell = TemplateCell(ReportCell("  level", header: true))
        XCTAssertEqual((cell.child(named: "text") as? TemplateText)?.renderText, "level")
        XCTAssertEqual(cell.child(named: "sub") as? Bool, true)
        XCTAssertEqual(cell.child(named: "header") as? Bool, true)
        XCTAssertEqual(cell.child(named: "numeric") as? Bool, false)
        XCTAssertNil(cell.child(named: "cells"))
        XCTAssertNil(TemplateRow(cells: [cell]).child(named: "text"))
        XCTAssertEqual((TemplateRow(cells: [cell]).child(named: "cells") as? [TemplateCell])?.count, 1)
    }
}
