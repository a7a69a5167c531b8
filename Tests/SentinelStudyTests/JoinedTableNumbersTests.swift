import Foundation
import SentinelNumerics
@testable import SentinelStudy
import XCTest

/// `JoinedTable.optionalNumbers` reads a column of numbers held in memory straight from them:
/// the same values (bit for bit, missing as nil) and the same error as the table's text read
/// cell by cell, in joined-row order.
final class JoinedTableNumbersTests: XCTestCase {
    private func tables(_ cells: [Double]) throws -> (memory: JoinedTable, text: JoinedTable) {
        let ids = ["P3", "P1", "P4", "P2", "P0"]
        let clinical = try CSVTable(source: "clinical.csv", header: ["id", "age"],
                                    rows: ids.reversed().map { [$0, "50"] })  // another row order
        let header = ["id", "a", "b"]
        let memory = try CSVTable(source: "features.csv", header: header, text: ids.map { [$0] }, numbers: cells)
        var csv = CSVBuilder(header: header)
        for (r, id) in ids.enumerated() {
            csv.appendField(id)
            for c in 0 ..< 2 { csv.appendField(cells[r * 2 + c]) }
            csv.endRow()
        }
        let text = try CSVTable(text: csv.text, source: "features.csv")
        return (try JoinedTable(tables: [clinical, memory], idColumn: "id"),
                try JoinedTable(tables: [clinical, text], idColumn: "id"))
    }

    func testInMemoryColumnsReadAsTheirText() throws {
        var g = SeededGenerator(seed: 5)
        let cells: [Double] = [0.1, .nan, -0.0, 1e-300, 3, -2.5e17, .nan, 7, 0, Double(bitPattern: g.next() >> 2)]
        let (memory, text) = try tables(cells)
        for column in ["a", "b", "age"] {
            let fast = try memory.optionalNumbers(column).map { $0?.bitPattern }
            XCTAssertEqual(fast, try text.optionalNumbers(column).map { $0?.bitPattern }, column)
        }
        XCTAssertEqual(try memory.optionalNumbers("a").map { $0 == nil }, [false, true, false, false, false])
    }

    func testInfiniteCellIsTheTextsError() throws {
        let (memory, text) = try tables([1, 2, 3, .infinity, 5, 6, 7, 8, 9, 10])
        var fast: Error?, expected: Error?
        XCTAssertThrowsError(try memory.optionalNumbers("b")) { fast = $0 }
        XCTAssertThrowsError(try text.optionalNumbers("b")) { expected = $0 }
        XCTAssertEqual(fast as? DataError, expected as? DataError)
        XCTAssertTrue("\(String(describing: fast))".contains("features.csv"))
        XCTAssertNoThrow(try memory.optionalNumbers("a"))
    }
}
