import Foundation
import SentinelNumerics
@testable import SentinelStudy
import XCTest

/// The parallel split of large unquoted files must give exactly the serial split's table
/// (cells, row numbers) and the same first error.
final class CSVTableParallelTests: XCTestCase {
    private func both(_ text: String, pieces: Int, allowNoRows: Bool = false) -> (Result<CSVTable, Error>, Result<CSVTable, Error>) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            (Result { try CSVTable.parseUnquotedSerially(buffer, source: "t.csv", allowNoRows: allowNoRows) },
             Result { try CSVTable.parseUnquotedInPieces(buffer, pieces: pieces, source: "t.csv", allowNoRows: allowNoRows) })
        }
    }

    private func assertSame(_ text: String, _ message: String, allowNoRows: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        for pieces in [1, 2, 3, 5, 8, 64] {
            let (serial, parallel) = both(text, pieces: pieces, allowNoRows: allowNoRows)
            switch (serial, parallel) {
            case let (.success(a), .success(b)):
                XCTAssertEqual(a, b, "\(message), \(pieces) pieces", file: file, line: line)
                XCTAssertEqual(a.rowNumbers, b.rowNumbers, "\(message), \(pieces) pieces", file: file, line: line)
            case let (.failure(a), .failure(b)):
                XCTAssertEqual(a as? DataError, b as? DataError, "\(message), \(pieces) pieces", file: file, line: line)
            default:
                XCTFail("\(message), \(pieces) pieces: serial \(serial), parallel \(parallel)", file: file, line: line)
            }
        }
    }

    /// A table of `rows` records with mixed line ends and blank lines.
    private func text(rows: Int, columns: Int, seed: UInt64) -> String {
        var generator = SeededGenerator(seed: seed)
        var out = (0 ..< columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        let ends = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
        for r in 0 ..< rows {
            out += (0 ..< columns).map { c in c == 0 ? "P\(r)" : (Int.random(in: 0 ..< 7, using: &generator) == 0 ? "" : "\(Double.random(in: -5 ..< 5, using: &generator))") }
                .joined(separator: ",")
            out += ends[Int.random(in: 0 ..< ends.count, using: &generator)]
        }
        return out
    }

    func testPiecesGiveTheSerialTable() throws {
        for seed in 0 ..< 6 {
            assertSame(text(rows: 40 + 37 * Int(seed), columns: 1 + Int(seed), seed: seed), "seed \(seed)")
        }
        assertSame("\n\n\na,b\n\n1,2\n3,4", "leading blank lines, no final newline")
        assertSame("a,b\r\n1,2\r\n3,4\r\n", "CRLF")
        assertSame("a,b\r1,2\r3,4\r", "lone CR (no cut points)")
        assertSame("a\n\n\n\n\n\n\n\n\n\n1\n", "single column, blank lines")
        assertSame("a,b\n", "header only", allowNoRows: true)
        assertSame("a,b\n", "header only, rows required")
        assertSame("\n\n\n", "only blank lines")
        assertSame("", "empty")
    }

    func testPiecesGiveTheSerialFirstError() {
        var big = text(rows: 400, columns: 4, seed: 9)
        assertSame(big + "x,y\n" + big.split(separator: "\n").dropFirst().joined(separator: "\n"), "ragged row late in the file")
        big = text(rows: 300, columns: 3, seed: 10)
        assertSame("a,,b\n" + big, "empty header name")
        assertSame("a,a,b\n1,2\n" + big, "duplicate header and a ragged row")
        let lines = big.split(separator: "\n", omittingEmptySubsequences: false)
        let broken = lines.enumerated().map { $0.offset % 97 == 50 ? $0.element + ",extra" : String($0.element) }.joined(separator: "\n")
        assertSame(broken, "several ragged rows: the first one is reported")
    }

    func testLargeUnquotedFileIsReadInPiecesWithTheSameCells() throws {
        let body = text(rows: 6000, columns: 30, seed: 3)
        XCTAssertGreaterThan(body.utf8.count, CSVTable.parallelThreshold)
        let table = try CSVTable(text: body, source: "big.csv")
        let serial = try Array(body.utf8).withUnsafeBufferPointer { try CSVTable.parseUnquotedSerially($0, source: "big.csv", allowNoRows: false) }
        XCTAssertEqual(table, serial)
        XCTAssertEqual(table.rowCount, 6000)
    }
}
