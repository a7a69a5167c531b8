import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The word-at-a-time split of files without quotes, in any number of stretches, gives the
/// cells, row numbers, errors and numbers of the CSV library's parse of the same text.
final class UnquotedScanTests: XCTestCase {
    /// A random quote-free CSV text: numbers, text, missing markers, spaces, LF / CRLF / lone
    /// CR line ends, blank lines, with or without a final line end.
    private func randomCSV(_ g: inout SeededGenerator, rows: Int, columns: Int) -> String {
        let ends = ["\n", "\r\n", "\r"]
        let end = ends[g.nextInt(below: 3)]
        var text = (0 ..< columns).map { "c\($0)" }.joined(separator: ",") + end
        for _ in 0 ..< rows {
            if g.nextInt(below: 15) == 0 { text += g.nextInt(below: 2) == 0 ? end : ends[g.nextInt(below: 3)] }
            let cells = (0 ..< columns).map { _ -> String in
                switch g.nextInt(below: 10) {
                case 0: return ""
                case 1: return ["NA", "n/a", " ", "x", "abc", "1e400", "NaN", "-", "1.2.3", "ünï"][g.nextInt(below: 10)]
                case 2: return " \(g.nextInt(below: 1000)) "
                case 3: return String(format: "%.\(g.nextInt(below: 20))e", (g.nextDouble() - 0.5) * 1e6)
                default: return ((g.nextDouble() - 0.5) * pow(10, Double(g.nextInt(below: 12)) - 6)).description
                }
            }
            text += cells.joined(separator: ",") + end
        }
        if g.nextInt(below: 2) == 0 { text.removeLast() }  // no final line end (CRLF is one Character)
        return text
    }

    func testStretchesGiveTheLibrarysCellsAndNumbers() throws {
        var g = SeededGenerator(seed: 41)
        for round in 0 ..< 60 {
            let text = randomCSV(&g, rows: 1 + g.nextInt(below: 40), columns: 1 + g.nextInt(below: 6))
            let bytes = Array(text.utf8)
            // A quoted first header cell sends the same cells through the CSV library.
            let library = try CSVTable(text: "\"c0\"" + text.dropFirst(2), source: "t.csv")
            for stretches in [1, 2, 3, 7, 50] {
                let table = try CSVTable(bytes: bytes, source: "t.csv", allowNoRows: false, stretches: stretches)
                XCTAssertEqual(table, library, "round \(round), \(stretches) stretches")
                XCTAssertEqual(table.rowNumbers, library.rowNumbers)
                for column in 0 ..< table.columnCount {
                    for row in 0 ..< table.rowCount {
                        let fast = Result { try table.optionalNumber(row: row, column: column) }
                        let slow = Result { try library.optionalNumber(row: row, column: column) }
                        switch (fast, slow) {
                        case let (.success(a), .success(b)): XCTAssertEqual(a?.bitPattern, b?.bitPattern)
                        case let (.failure(a), .failure(b)): XCTAssertEqual("\(a)", "\(b)")
                        default: XCTFail("\(table.cell(row: row, column: column)): \(fast) vs \(slow)")
                        }
                    }
                    let rows = Array((0 ..< table.rowCount).reversed())
                    let fast = Result { try table.optionalNumbers(rows: rows, column: column).map { $0?.bitPattern } }
                    let slow = Result { try library.optionalNumbers(rows: rows, column: column).map { $0?.bitPattern } }
                    XCTAssertEqual("\(fast)", "\(slow)")
                }
            }
        }
    }

    func testErrorsAreThoseOfOnePass() throws {
        let cases: [(String, String)] = [
            ("a,b\n1,2\n3\n4,5,6\n", "\(DataError.raggedRow(file: "e.csv", row: 3, fields: 1, expected: 2))"),
            ("a,b\r\n\r\n1,2\r\n3,4,5", "\(DataError.raggedRow(file: "e.csv", row: 4, fields: 3, expected: 2))"),
            ("a;b;c\n1;2,5;3\n", "\(DataError.wrongDelimiter(file: "e.csv", delimiter: ";"))"),
            ("a,,b\n1,2,3\n", "\(DataError.emptyHeader(file: "e.csv", position: 2))"),
            ("a,b,a\n1,2,3\n", "\(DataError.duplicateHeader(file: "e.csv", column: "a", positions: [1, 3]))"),
            ("\n\n", "\(DataError.emptyFile(file: "e.csv"))"),
            ("", "\(DataError.emptyFile(file: "e.csv"))"),
            ("a,b\n", "\(DataError.noRows(file: "e.csv"))"),
            ("\r\na,b\n\n\n1,2\n\n", "[5]"),
        ]
        for (text, expected) in cases {
            for stretches in [1, 2, 5] {
                let result = Result { try CSVTable(bytes: Array(text.utf8), source: "e.csv", allowNoRows: false, stretches: stretches) }
                switch result {
                case let .success(table): XCTAssertEqual("\(table.rowNumbers)", expected, text)
                case let .failure(error): XCTAssertEqual("\(error)", expected, text)
                }
            }
        }
    }

    func testCutsFallRightAfterLineFeeds() {
        let text = Array("h1,h2\r\n1,2\r\n3,4\n5,6\r7,8\n\n9,10".utf8)
        text.withUnsafeBufferPointer { buffer in
            for parts in 1 ... 12 {
                let cuts = UnquotedScan.cuts(buffer.baseAddress!, from: 0, to: buffer.count, parts: parts)
                XCTAssertEqual(cuts.first, 0)
                XCTAssertEqual(cuts.last, buffer.count)
                XCTAssertEqual(cuts, cuts.sorted())
                XCTAssertEqual(Set(cuts).count, cuts.count)
                for cut in cuts.dropFirst().dropLast() { XCTAssertEqual(buffer[cut - 1], UInt8(ascii: "\n")) }
            }
        }
    }

    func testLargeFileIsScannedInStretches() throws {
        var csv = CSVBuilder(header: ["id"] + (0 ..< 30).map { "x\($0)" })
        var g = SeededGenerator(seed: 3)
        var values = [Double]()
        for row in 0 ..< 12_000 {
            csv.appendField("p\(row)")
            for _ in 0 ..< 30 {
                let value = (g.nextDouble() - 0.5) * pow(10, Double(g.nextInt(below: 10)) - 5)
                values.append(value)
                csv.appendField(value)
            }
            csv.endRow()
        }
        let bytes = Array(csv.data)
        XCTAssertGreaterThan(bytes.count, 4 << 20)
        let table = try CSVTable(bytes: bytes, source: "big.csv")
        XCTAssertEqual(table.rowCount, 12_000)
        for column in 1 ... 30 {
            let read = try table.optionalNumbers(rows: Array(0 ..< 12_000), column: column)
            XCTAssertEqual(read.map { $0!.bitPattern }, (0 ..< 12_000).map { values[$0 * 30 + column - 1].bitPattern })
        }
        XCTAssertEqual(table.rowNumbers.last, 12_001)
    }
}
