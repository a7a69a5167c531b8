import Foundation
import XCTest
@testable import SentinelRender

final class ColumnWidthsTests: XCTestCase {
    func testNaturalWidthsGetTheSpareSpaceEqually() {
        XCTAssertEqual(ColumnWidths.allocate(natural: [100, 50, 50], available: 230), [110, 60, 60])
    }

    func testWaterFillingKeepsNarrowColumnsAndSharesTheRest() {
        let w = ColumnWidths.allocate(natural: [300, 40, 250, 40], available: 400)
        XCTAssertEqual(w, [160, 40, 160, 40])
        XCTAssertEqual(w.reduce(0, +), 400, accuracy: 1e-9)
    }

    func testWeightsAreProportional() {
        XCTAssertEqual(ColumnWidths.allocate(natural: [1, 1], available: 300, weights: [2, 1]), [200, 100])
        XCTAssertEqual(ColumnWidths.allocate(natural: [], available: 300), [])
    }

    /// Weighted columns narrower than their minimum (a header's longest word) are widened; the
    /// others give up the difference in proportion to their spare width; the total is kept.
    func testWeightedColumnsAreRaisedToTheirMinimums() {
        let w = ColumnWidths.allocate(natural: [0, 0, 0], available: 300, weights: [1, 1, 1], minimums: [40, 40, 130])
        XCTAssertEqual(w[2], 130, accuracy: 1e-9)
        XCTAssertEqual(w[0], 85, accuracy: 1e-9)
        XCTAssertEqual(w[1], 85, accuracy: 1e-9)
        XCTAssertEqual(w.reduce(0, +), 300, accuracy: 1e-9)
        XCTAssertEqual(ColumnWidths.allocate(natural: [0, 0], available: 300, weights: [2, 1], minimums: [10, 10]), [200, 100])
        // Minimums that do not fit: proportional to them.
        XCTAssertEqual(ColumnWidths.allocate(natural: [0, 0], available: 100, weights: [1, 1], minimums: [150, 50]), [75, 25])
    }

    /// The report's calibration table header "Spiegelhalter p" no longer breaks inside the word.
    func testHeaderWordsAreNotSplitInAWeightedTable() throws {
        let doc = try PDFDocument(metadata: DocumentMetadata(title: "x"))
        try doc.addTable(PDFTable(header: [["Model", "Intercept (95% CI)", "Slope (95% CI)", "Brier", "Scaled Brier", "ICI", "E90", "Spiegelhalter p"]],
                                  rows: [PDFTableRow(["Clinical", "−0.954 (−1.294 to −0.614)", "0.957 (0.596–1.317)", "0.203", "−0.002", "0.175", "0.237", "0.585"])],
                                  alignments: [.left] + Array(repeating: .right, count: 7), columnWeights: [2.2, 1.7, 1.7, 0.8, 0.9, 0.8, 0.8, 1]))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-\(UUID().uuidString).pdf")
        try doc.finish().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { throw XCTSkip("pdftotext is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertTrue(text.contains("Spiegelhalter"), text)
    }
}
