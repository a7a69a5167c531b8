import Foundation
import XCTest
@testable import SentinelReport

/// The templates compiled into the executable are byte-identical to `templates/` and `site/`
/// (run `make templates` after editing those), and a binary with no templates folder on disk
/// still renders reports from them.
final class BundledTemplatesTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func assertBundled(_ bundled: [String: String], equal folder: String) throws {
        let directory = Self.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".mustache") || $0.hasSuffix(".css") }.sorted()
        XCTAssertFalse(names.isEmpty)
        XCTAssertEqual(bundled.keys.sorted(), names, "\(folder)/ and BundledTemplates list the same files; run make templates")
        for name in names {
            let disk = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(bundled[name], disk, "\(folder)/\(name) differs from its bundled copy; run make templates")
        }
    }

    func testBundledCopiesMatchTheFolders() throws {
        try assertBundled(BundledTemplates.report, equal: "templates")
        try assertBundled(BundledTemplates.site, equal: "site")
    }

    func testFallsBackToTheBundledCopiesOnlyWithoutAFolder() throws {
        // The test binary lives in the checkout's .build, so the folder is found first.
        XCTAssertEqual(try TemplateLocator.reportTemplates(environment: [:]).source,
                       .directory(try TemplateLocator.templatesDirectory(environment: [:])))
        // A SENTINEL_TEMPLATES that names no templates is an error, never a silent fallback.
        XCTAssertThrowsError(try TemplateLocator.reportTemplates(environment: ["SENTINEL_TEMPLATES": "/nonexistent"]))
        XCTAssertEqual(try SiteTemplates.files(environment: ["SENTINEL_TEMPLATES": "/nonexistent"]).source, .bundled)
    }

    func testBundledTemplatesRenderTheSameReport() throws {
        let document = ReportDocument(title: "T <&>", subtitle: "S", sections: [ReportSection(id: "a", title: "A", paragraphs: ["p & q"])],
                                      generator: "Sentinel test", date: "2026-01-01")
        let fromDisk = try HTMLReportWriter(templates: TemplateLocator.reportTemplates(environment: [:])).render(document)
        let fromBinary = try HTMLReportWriter(templates: .bundledReport).render(document)
        XCTAssertEqual(fromBinary, fromDisk)
        XCTAssertTrue(fromBinary.contains("T &lt;&amp;&gt;"))
    }
}
