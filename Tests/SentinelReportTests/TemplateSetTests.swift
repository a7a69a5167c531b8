import Foundation
@testable import SentinelReport
import XCTest

/// `TemplateSet` renders exactly the bytes of the Mustache library (the reference) for the
/// report's templates and for templates exercising the library's standalone-line rules,
/// lookups and escaping; templates and values outside its part are left to the library.
final class TemplateSetTests: XCTestCase {
    static let templatesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    /// Renders `report` (with `section` as its partial) both ways and compares the bytes.
    func assertSameAsLibrary(_ report: String, partial: String = "", _ context: [String: TemplateValue],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let texts = ["report": report, "section": partial]
        guard let fast = TemplateSet(texts) else {
            return XCTFail("TemplateSet did not take \(report.debugDescription)", file: file, line: line)
        }
        let mine = try XCTUnwrap(try fast.render(.object(context), template: "report"), file: file, line: line)
        let library = try HTMLReportWriter.libraryPage(.object(context), templates: texts)
        XCTAssertEqual(String(decoding: mine, as: UTF8.self), String(decoding: library, as: UTF8.self),
                       "template \(report.debugDescription)", file: file, line: line)
    }

    let people: TemplateValue = .list([
        .object(["name": .text("Ann <a&b>"), "admin": .flag(true), "tags": .texts(["x", "y"])]),
        .object(["name": .text("Bo \"q\" 'r'"), "admin": .flag(false), "tags": .list([])]),
    ])

    func testStandaloneLinesAndWhitespaceAsTheLibrary() throws {
        let context: [String: TemplateValue] = ["title": .text("T"), "people": people, "empty": .list([]),
                                                "yes": .flag(true), "no": .flag(false)]
        let templates = [
            "<ul>\n{{#people}}\n  <li>{{name}}</li>\n{{/people}}\n</ul>\n",
            "<ul>\n  {{#people}}\n  <li>{{name}}</li>\n  {{/people}}\n</ul>\n",
            "\t{{#people}}  \n{{name}}\n\t {{/people}}\t\nend",
            "a {{#people}}{{name}}, {{/people}} b\n",
            "{{#people}}\n{{name}}{{/people}} after\n{{#yes}}\nY\n{{/yes}}\n",
            "  {{! a comment }}  \nline\n {{!inline}} x\n{{! last }}",
            "{{^empty}}\nnone\n{{/empty}}\n{{^no}}no{{/no}}{{^yes}}yes{{/yes}}{{^missing}}missing{{/missing}}{{^people}}p{{/people}}\n",
            "{{#people}}{{#admin}}[{{name}} admin]{{/admin}}{{^admin}}[{{name}}]{{/admin}}{{#tags}}<{{.}}>{{/tags}}{{/people}}",
            "{{#people}}{{title}}:{{name}};{{/people}}",
            "{{{title}}} {{&title}} {{ title }} {{#title}}({{.}}){{/title}}",
            "trailing spaces  \n   ",
            "brace { and }} and {x}\n{{\nafter",
            "{{#yes}}\n  indented {{title}}\n{{/yes}}",
            "{{#people}}\n{{name}}\n{{/people}}",
            "  {{#yes}}  x  {{/yes}}  \n",
            "{{yes}} {{no}} {{missing}}|",
        ]
        for template in templates { try assertSameAsLibrary(template, context) }
    }

    func testPartialsAsTheLibrary() throws {
        let context: [String: TemplateValue] = ["people": people, "title": .text("T & U")]
        try assertSameAsLibrary("<h1>{{title}}</h1>\n{{#people}}\n{{> section}}\n{{/people}}\n",
                                partial: "<p>{{name}}</p>\n{{#tags}}\n<i>{{.}}</i>\n{{/tags}}\n", context)
        try assertSameAsLibrary("a {{> section}} b {{>section}}\n", partial: "[{{title}}]", context)
        try assertSameAsLibrary("{{> nowhere}}x\n", context)
    }

    /// Character-wise escaping: a `<` joined to a combining mark, or after a prepended mark, is
    /// not escaped by the library; plain ASCII, Latin, CJK and emoji text is.
    func testEscapingAsTheLibrary() throws {
        let texts = ["<b>&amp;\"'", "≥ 0.5 – é 中文 <x>", "<\u{0338}> a<\u{301}", "\u{0600}<", "😀<>&", "", "plain", "a\u{0}b\n\t"]
        for text in texts {
            try assertSameAsLibrary("{{v}}|{{{v}}}", ["v": .text(text)])
        }
    }

    func testTheReportTemplatesAreTakenAndRenderAsTheLibrary() throws {
        let files = TemplateFiles(directory: Self.templatesFolder)
        var texts: [String: String] = [:]
        for name in HTMLReportWriter.templateNames { texts[name] = try files.text("\(name).mustache") }
        XCTAssertNotNil(TemplateSet(texts), "the report's templates must take the fast path")
        XCTAssertNotNil(TemplateSet(BundledTemplates.report.filter { $0.key.hasSuffix(".mustache") }
                                        .reduce(into: [:]) { $0[String($1.key.dropLast(9))] = $1.value }))
        let document = ReportDocument(title: "A <b> report", subtitle: "n = 3 & more", notices: ["Simulated data."], sections: [
            ReportSection(id: "s1", title: "First", paragraphs: ["p1 < p2", "it's \"quoted\""],
                          parameters: "alpha = 0.05", keyValues: [("Key", "Value <v>")], blocks: [
                ReportBlock(heading: "Sub", anchor: "sub", paragraphs: ["x"],
                            table: ReportTable(id: "t1", caption: "Table <1>",
                                               headers: [ReportCell("Name", header: true), ReportCell("AUC", numeric: true)],
                                               rows: [[ReportCell("Clinical", header: true), ReportCell("0.81", numeric: true)],
                                                      [ReportCell("  level", header: true), ReportCell("—")]],
                                               footnotes: ["note & note"])),
            ]),
            ReportSection(id: "s2", title: "Second", paragraphs: []),
        ], generator: "Sentinel test", date: "2025-01-01")
        var context = HTMLReportWriter.context(document) { _ in "" }
        context["css"] = .text("body { color: red; } a > b")
        let fast = try XCTUnwrap(try TemplateSet(texts)?.render(.object(context), template: "report"))
        let library = try HTMLReportWriter.libraryPage(.object(context), templates: texts)
        XCTAssertEqual(String(decoding: fast, as: UTF8.self), String(decoding: library, as: UTF8.self))
    }

    /// Tags outside the supported part, and malformed templates, are left to the library.
    func testTemplatesOutsideThePartAreLeftToTheLibrary() {
        let outside = [
            "{{a.b}}", "{{uppercased(a)}}", "{{=<% %>=}}", "{{$block}}x{{/block}}", "{{<parent}}{{/parent}}",
            "{{%CONTENT_TYPE:TEXT}}", "{{> *dynamic}}", "  {{> section}}\n", "é {{a}}", "a\r\nb", "{{}}", "{{*a}}",
            "{{#a}}unclosed", "{{#a}}{{/b}}", "{{a b}}", "{{{a}}", "{{! no end", "{{.a}}",
        ]
        for template in outside {
            XCTAssertNil(TemplateParser.parse(Array(template.utf8)), template)
        }
    }

    /// A value the library prints with `String(describing:)` is rendered by the library.
    func testListAsAVariableFallsBackToTheLibrary() throws {
        let texts = ["report": "{{items}} and {{#yes}}{{.}}{{/yes}}"]
        let context: TemplateValue = .object(["items": .texts(["a", "b"]), "yes": .flag(true)])
        XCTAssertThrowsError(try TemplateSet(texts)?.render(context, template: "report"))
        XCTAssertEqual(try HTMLReportWriter.page(context, templates: texts), try HTMLReportWriter.libraryPage(context, templates: texts))
    }

    func testBase64IsFoundations() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for count in Array(0...40) + [255, 256, 257, 3000, 65_537] {
            let bytes = (0..<count).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            XCTAssertEqual(Base64.encode(bytes), [UInt8](Data(bytes).base64EncodedData()), "\(count) bytes")
        }
    }
}
