import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The documents of a real `sentinel evaluate` run: report.html is well-formed XHTML, every
/// internal reference resolves, nothing is fetched from the network, every model and Tables
/// 2-3 are present and text from the input file is escaped; report.pdf reads back (poppler's
/// `pdftotext`/`pdfinfo`) with the title, Table 2's numbers as in the HTML, page numbers and
/// the metadata; two runs are byte-identical, figures included.
final class ReportTests: CLITestCase {
    static let hostileModel = "<b>x</b> & \"y\""

    /// The predictions file with its second model renamed to the hostile name (CSV-quoted).
    func hostilePredictions() -> String {
        predictionsCSV().replacingOccurrences(of: "\"Model, B\"", with: "\"<b>x</b> & \"\"y\"\"\"")
    }

    struct Run {
        var folder: URL
        var html: String
        var results: [String: Any]
    }

    func evaluate(into dir: URL, name: String) throws -> Run {
        let input = dir.appendingPathComponent("pred.csv")
        if !FileManager.default.fileExists(atPath: input.path) { try write(hostilePredictions(), to: input) }
        let out = dir.appendingPathComponent(name)
        let r = try sentinel(["evaluate", input.path, "--out", out.path, "--bootstrap", "100", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
        return Run(folder: out, html: html, results: json as? [String: Any] ?? [:])
    }

    func modelNames(_ run: Run) -> [String] {
        let cohorts = run.results["cohorts"] as? [[String: Any]] ?? []
        let models = cohorts.first?["models"] as? [[String: Any]] ?? []
        return models.compactMap { $0["name"] as? String }
    }

    // MARK: HTML

    func testHTMLIsWellFormedSelfContainedAndEscaped() throws {
        let run = try evaluate(into: try temporaryDirectory(), name: "out")
        let html = run.html
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let collector = IDCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "report.html is not well-formed XHTML: \(String(describing: parser.parserError))")

        XCTAssertEqual(Set(collector.ids).count, collector.ids.count, "duplicate ids: \(collector.duplicates)")
        XCTAssertFalse(collector.references.isEmpty, "no internal links (table of contents missing?)")
        for reference in collector.references {
            XCTAssertTrue(collector.ids.contains(reference), "dangling reference #\(reference)")
        }
        for resource in collector.resources {
            XCTAssertFalse(resource.hasPrefix("http://") || resource.hasPrefix("https://") || resource.hasPrefix("//"),
                           "external resource \(resource)")
        }
        XCTAssertFalse(html.contains("http://"), "report.html mentions http://")
        XCTAssertFalse(html.contains("https://"), "report.html mentions https://")
        XCTAssertFalse(html.contains("<script"), "report.html needs no scripts")

        let names = modelNames(run)
        XCTAssertEqual(names, ["Model A", Self.hostileModel])
        for name in names { XCTAssertTrue(collector.text.contains(name), "model \(name) missing from the HTML text") }
        XCTAssertFalse(html.contains("<b>x</b>"), "model name from the input file was not escaped")
        XCTAssertTrue(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"), "escaped model name not found")
        for table in ["Table 2", "Table 3"] { XCTAssertTrue(collector.text.contains(table), "\(table) missing") }
        XCTAssertFalse(collector.text.contains("Table 1"), "predictions alone have no Table 1")
        XCTAssertTrue(collector.tableIDs.contains { $0.hasPrefix("table2-") })
        XCTAssertTrue(collector.tableIDs.contains { $0.hasPrefix("table3-") })
        XCTAssertGreaterThanOrEqual(collector.figures, 6, "ROC, calibration and decision figures for both cohorts")
        XCTAssertEqual(collector.imagesWithoutAlt, 0, "every figure has alt text")
    }

    /// A small `sentinel run` (the mini study, its grade level "III" renamed to markup): the
    /// study report also has Table 1, the selection trail and the frozen models.
    func testStudyRunReport() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/study/mini")
        let dir = try temporaryDirectory()
        for file in ["study.yaml", "rad.csv"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let clinical = try String(contentsOf: source.appendingPathComponent("clinical.csv"), encoding: .utf8)
        try write(clinical.replacingOccurrences(of: ",III,", with: ",\"<i>III</i> & \"\"3\"\"\","), to: dir.appendingPathComponent("clinical.csv"))
        let out = dir.appendingPathComponent("out")
        let r = try sentinel(["run", dir.appendingPathComponent("study.yaml").path, "--out", out.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json")))
        let run = Run(folder: out, html: html, results: json as? [String: Any] ?? [:])

        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let collector = IDCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "report.html is not well-formed XHTML: \(String(describing: parser.parserError))")
        XCTAssertEqual(Set(collector.ids).count, collector.ids.count, "duplicate ids: \(collector.duplicates)")
        for reference in collector.references { XCTAssertTrue(collector.ids.contains(reference), "dangling #\(reference)") }
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        let names = modelNames(run)
        XCTAssertGreaterThanOrEqual(names.count, 4)
        for name in names { XCTAssertTrue(collector.text.contains(name), "model \(name) missing") }
        for table in ["Table 1 (train)", "Table 2 (train)", "Table 3 (train)", "Feature selection", "The frozen models",
                      "Stacking (post-fusion)", "<i>III</i> & \"3\""] {
            XCTAssertTrue(collector.text.contains(table), "\(table) missing from the study report")
        }
        XCTAssertFalse(html.contains("<i>III</i>"), "a category level from the input was not escaped")
        XCTAssertTrue(collector.tableIDs.contains { $0.hasPrefix("table1-") })
        for file in ["tables/table1.csv", "tables/table2.csv", "tables/table3.csv", "model.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        if let pdftotext = Self.tool("pdftotext") {
            let text = try Self.output(of: pdftotext, ["-enc", "UTF-8", out.appendingPathComponent("report.pdf").path, "-"])
            for needed in ["Table 1 (train)", "<i>III</i> & \"3\"", "Contents"] {
                XCTAssertTrue(text.contains(needed), "PDF lacks \(needed)")
            }
        }
    }

    // MARK: PDF

    func testPDFReadsBackWithTitleTablesPagesAndMetadata() throws {
        guard let pdftotext = Self.tool("pdftotext"), let pdfinfo = Self.tool("pdfinfo") else {
            throw XCTSkip("poppler-utils (pdftotext, pdfinfo) not installed; `make test` installs them")
        }
        let run = try evaluate(into: try temporaryDirectory(), name: "out")
        let pdf = run.folder.appendingPathComponent("report.pdf").path
        let text = try Self.output(of: pdftotext, ["-enc", "UTF-8", pdf, "-"])
        // Table cells may wrap inside their column: compare with whitespace runs as one space.
        let flatText = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let info = try Self.output(of: pdfinfo, [pdf])
        let version = try sentinel(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(version.isEmpty)

        XCTAssertTrue(text.contains("Validation report: pred.csv"), "title missing from the PDF text")
        XCTAssertTrue(text.contains(Self.hostileModel), "the model name appears verbatim as PDF text")
        XCTAssertTrue(text.contains("Table 2"))
        XCTAssertTrue(text.contains("Table 3"))
        XCTAssertTrue(text.contains("Contents"), "the PDF has a table of contents")
        // Table 2's AUCs with their DeLong CIs, formatted exactly as in the HTML.
        let cohorts = run.results["cohorts"] as? [[String: Any]] ?? []
        var checked = 0
        for cohort in cohorts {
            for model in cohort["models"] as? [[String: Any]] ?? [] {
                guard let auc = model["auc"] as? Double, let ci = model["auc_ci"] as? [Double], ci.count == 2 else { continue }
                let cell = String(format: "%.3f (%.3f–%.3f)", auc, ci[0], ci[1])
                XCTAssertTrue(run.html.contains(">\(cell)<"), "HTML Table 2 lacks \(cell)")
                XCTAssertTrue(flatText.contains(cell), "PDF Table 2 lacks \(cell)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 4)

        let pages = Int(Self.field("Pages", in: info) ?? "") ?? 0
        XCTAssertGreaterThan(pages, 2)
        // Page numbers in the footers (the title page has none), the last page's included.
        XCTAssertTrue(text.contains("Page 2"), "no page number on page 2")
        XCTAssertTrue(text.contains("Page \(pages)"), "no page number \(pages) in the PDF text")
        // The table of contents' page numbers are where the headings are.
        let entries = try NSRegularExpression(pattern: #"^(\d+\. [^\n]*?)(?: \.)+ (\d+)$"#, options: .anchorsMatchLines)
            .matches(in: text, range: NSRange(text.startIndex..., in: text))
            .compactMap { m -> (String, Int)? in
                guard let t = Range(m.range(at: 1), in: text), let p = Range(m.range(at: 2), in: text), let page = Int(text[p]) else { return nil }
                return (String(text[t]), page)
            }
        XCTAssertEqual(entries.first?.0, "1. Summary")
        XCTAssertGreaterThanOrEqual(entries.count, 8)
        for (title, page) in entries {
            let pageText = try Self.output(of: pdftotext, ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
            XCTAssertTrue(pageText.split(whereSeparator: \.isNewline).contains { $0 == title },
                          "contents say \(title) is on page \(page), but it is not")
        }
        XCTAssertEqual(Self.field("Title", in: info), "Validation report: pred.csv")
        XCTAssertEqual(Self.field("Creator", in: info), version.hasPrefix("Sentinel") ? version : "Sentinel \(version)")
    }

    // MARK: Determinism

    func testTwoRunsAreByteIdentical() throws {
        let dir = try temporaryDirectory()
        let a = try evaluate(into: dir, name: "a")
        let b = try evaluate(into: dir, name: "b")
        let fm = FileManager.default
        let figures = try fm.contentsOfDirectory(atPath: a.folder.appendingPathComponent("figures").path).sorted()
        XCTAssertEqual(figures, try fm.contentsOfDirectory(atPath: b.folder.appendingPathComponent("figures").path).sorted())
        XCTAssertGreaterThanOrEqual(figures.count, 18)
        for file in ["report.html", "report.pdf", "results.json"] + figures.map({ "figures/\($0)" }) {
            let x = try Data(contentsOf: a.folder.appendingPathComponent(file))
            let y = try Data(contentsOf: b.folder.appendingPathComponent(file))
            XCTAssertEqual(x, y, "\(file) differs between two runs with the same seed")
        }
    }

    // MARK: Helpers

    static func tool(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    static func output(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The value of `Key:   value` in pdfinfo's output.
    static func field(_ key: String, in info: String) -> String? {
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("\(key):") {
            return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// Collects ids, internal references, resource URLs and text while parsing the HTML.
private final class IDCollector: NSObject, XMLParserDelegate {
    var ids: [String] = []
    var references: [String] = []
    var resources: [String] = []
    var tableIDs: [String] = []
    var text = ""
    var figures = 0
    var imagesWithoutAlt = 0
    var duplicates: [String] { Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.map(\.key) }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if let id = attributes["id"] {
            ids.append(id)
            if element == "table" { tableIDs.append(id) }
        }
        if let href = attributes["href"] {
            if href.hasPrefix("#") { references.append(String(href.dropFirst())) } else { resources.append(href) }
        }
        for key in ["aria-labelledby", "aria-describedby"] {
            if let value = attributes[key] { references += value.split(separator: " ").map(String.init) }
        }
        if let src = attributes["src"] { resources.append(src) }
        if element == "figure" { figures += 1 }
        if element == "img", (attributes["alt"] ?? "").isEmpty { imagesWithoutAlt += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
