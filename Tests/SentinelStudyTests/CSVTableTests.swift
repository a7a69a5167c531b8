import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class CSVTableTests: XCTestCase {
    private struct Case: Decodable {
        let name: String
        let text: String
        let header: [String]
        let rows: [[String]]
        let row_numbers: [Int]
    }

    private struct Numbers: Decodable {
        struct Repr: Decodable { let bits: UInt64; let text: String }
        struct Cell: Decodable { let text: String; let value: Double }
        let repr: [Repr]
        let cells: [Cell]
    }

    func testParsingMatchesPythonCSVModule() throws {
        let cases = try Fixtures.load([Case].self, "study/csv.json")
        XCTAssertGreaterThan(cases.count, 10)
        for item in cases {
            let table = try CSVTable(text: item.text, source: item.name)
            XCTAssertEqual(table.header, item.header, item.name)
            XCTAssertEqual((0 ..< table.rowCount).map { table.row($0) }, item.rows, item.name)
            XCTAssertEqual(table.rowNumbers, item.row_numbers, item.name)
        }
    }

    func testUnquotedFastPathAgreesWithCSVLibrary() throws {
        // The same cells with one harmless quoted header cell force the CSV.swift path.
        let body = "1,2.5,x\r\n3,,y\n\n4,5,z\r6,7,w"
        let fast = try CSVTable(text: "id,a,b\n" + body, source: "f")
        let library = try CSVTable(text: "\"id\",a,b\n" + body, source: "f")
        XCTAssertEqual(fast, library)
        XCTAssertEqual(fast.rowNumbers, [2, 3, 5, 6])
    }

    func testQuotesAndNonASCIIAreFoundAnywhereInALongFile() throws {
        // The byte scan that picks the parser (in concurrent parts for files over 2 MiB) must
        // see a quote or a non-ASCII byte at any offset: the start, inside or at the edge of a
        // part, the end.
        let rows = (0 ..< 70_000).map { ["p\($0)", "\(Double($0) / 7)", "text\($0)"] }
        var csv = CSVBuilder(header: ["id", "x", "label"])
        for row in rows { csv.appendRow(row) }
        let bytes = Array(csv.data)
        XCTAssertGreaterThan(bytes.count, 2 << 20)
        let plain = try CSVTable(bytes: bytes, source: "long")
        XCTAssertEqual((0 ..< plain.rowCount).map { plain.row($0) }, rows)
        let count = bytes.count, parts = min(8, count >> 20)
        for offset in [40, count / parts - 1, count / parts, count / 2 + 7, count - 3] {
            let cut = bytes[..<offset].lastIndex(of: UInt8(ascii: ",")).map { $0 + 1 } ?? 0
            let end = bytes[cut...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") } ?? bytes.count
            // A byte that is not UTF-8 is only caught when the scan sees a non-ASCII byte.
            var invalid = bytes
            invalid.insert(0xFF, at: offset)
            XCTAssertThrowsError(try CSVTable(bytes: invalid, source: "long"), "0xFF at \(offset)") { error in
                XCTAssertEqual(error as? DataError, DataError.notUTF8(file: "long"))
            }
            // A quoted cell is unquoted only when the scan sees the quote (the quoted parser is
            // slower: two offsets).
            guard offset == count / parts || offset == count - 3 else { continue }
            var quoted = bytes
            quoted.insert(UInt8(ascii: "\""), at: end)
            quoted.insert(UInt8(ascii: "\""), at: cut)
            let table = try CSVTable(bytes: quoted, source: "long")
            XCTAssertEqual(table.rowCount, rows.count)
            let row = (0 ..< table.rowCount).first { table.row($0).contains { $0.contains("\"") } }
            XCTAssertNil(row, "quote at \(cut)")
        }
    }

    func testWriterRoundTripsTrickyCells() throws {
        let rows = [["1", "Smith, John", "say \"hi\"", " padded ", "two\nlines", "", "crlf\r\nx", "é😀"],
                    ["2", "plain", "", "", "", "a", "b", "c"]]
        let header = ["id", "name, full", "quote", "pad", "nl", "empty", "crlf", "unicode"]
        var csv = CSVBuilder(header: header)
        for row in rows { csv.appendRow(row) }
        let back = try CSVTable(data: csv.data, source: "round")
        XCTAssertEqual(back.header, header)
        XCTAssertEqual([back.row(0), back.row(1)], rows)
        XCTAssertEqual(back, try CSVTable(source: "round", header: header, rows: rows))
    }

    func testNumericColumnsReadLikeTheirWrittenFile() throws {
        let numbers: [Double] = [0.1, -0.0, .nan, 1e-300, 0.30000000000000004, -.infinity, 5e-324, 12]
        let header = ["id", "a", "b"]
        let table = try CSVTable(source: "n.csv", header: header, text: [["p1"], ["p2"], ["p3"], ["p4"]], numbers: numbers)
        var csv = CSVBuilder(header: header)
        for row in 0 ..< 4 {
            csv.appendField("p\(row + 1)")
            csv.appendField(numbers[2 * row])
            csv.appendField(numbers[2 * row + 1])
            csv.endRow()
        }
        let read = try CSVTable(data: csv.data, source: "n.csv")
        XCTAssertEqual(table, read)
        XCTAssertEqual(table.row(1), ["p2", "", "1e-300"])
        XCTAssertEqual(try table.optionalNumbers(column: 1).map { $0?.bitPattern }, try read.optionalNumbers(column: 1).map { $0?.bitPattern })
        XCTAssertEqual(try table.optionalNumber(row: 0, column: 2)?.bitPattern, (-0.0).bitPattern)
        // An infinity is invalid and a NaN missing, exactly as in the file.
        for source in [table, read] {
            XCTAssertThrowsError(try source.optionalNumber(row: 2, column: 2)) { error in
                XCTAssertEqual("\(error)", "\(DataError.invalidNumber(file: "n.csv", row: 4, column: "b", value: "-inf"))")
            }
            XCTAssertThrowsError(try source.number(row: 1, column: 1))
        }
    }

    func testFileChunksAreTheFileInOrder() throws {
        let bytes = (0 ..< 1000).map { UInt8(($0 * 37 + 11) % 256) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for size in [1, 7, 500, 1000, 4096] {
            var seen: [UInt8] = [], sizes: [Int] = []
            try FileBytes.forEachChunk(of: url, chunkSize: size) { seen += $0; sizes.append($0.count) }
            XCTAssertEqual(seen, bytes, "chunk size \(size)")
            XCTAssertTrue(sizes.dropLast().allSatisfy { $0 == size } && sizes.last! <= size, "chunk size \(size): \(sizes.suffix(3))")
        }
        XCTAssertThrowsError(try FileBytes.forEachChunk(of: url.appendingPathExtension("missing")) { _ in }) {
            XCTAssertEqual(($0 as? FileBytes.ReadError)?.opening, true)
        }
    }

    func testFileBytesAreTheCellStorage() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bom-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0xEF, 0xBB, 0xBF] + Array("id,x\r\n\r\na,1\r\nb,\r\n".utf8)).write(to: url)
        let table = try CSVTable.read(contentsOf: url, name: "bom.csv")
        XCTAssertEqual(table.header, ["id", "x"])
        XCTAssertEqual([table.row(0), table.row(1)], [["a", "1"], ["b", ""]])
        XCTAssertEqual(table.rowNumbers, [3, 4])
    }

    func testNumberFormatMatchesPythonReprAndRoundTrips() throws {
        let numbers = try Fixtures.load(Numbers.self, "study/numbers.json")
        XCTAssertGreaterThan(numbers.repr.count, 300)
        var csv = CSVBuilder(header: ["x"])
        for item in numbers.repr {
            let value = Double(bitPattern: item.bits)
            XCTAssertEqual(CSVBuilder.format(value), item.text)
            csv.appendField(value)
            csv.endRow()
        }
        let back = try CSVTable(data: csv.data, source: "n").numbers(column: 0)
        XCTAssertEqual(back.map(\.bitPattern), numbers.repr.map(\.bits))
        XCTAssertEqual(CSVBuilder.format(.nan), "")
        XCTAssertEqual(CSVBuilder.format(-.infinity), "-inf")
    }

    func testNumericCellsParseLikePandas() throws {
        let numbers = try Fixtures.load(Numbers.self, "study/numbers.json")
        for item in numbers.cells {
            XCTAssertEqual(CSVTable.parseNumber(item.text), item.value, item.text)
        }
        for bad in ["", " ", "abc", "NaN", "nan", "inf", "-Infinity", "0x10", "1_000", "1,5", "1.2.3", "5%"] {
            XCTAssertNil(CSVTable.parseNumber(bad), bad)
        }
    }

    func testFastNumberPathAgreesWithStrtod() {
        func strtodValue(_ text: String) -> Double {
            text.withCString { strtod($0, nil) }
        }
        var generator = SeededGenerator(seed: 99)
        var texts = ["9007199254740993", "9007199254740995", "2.2250738585072011e-308", "1.7976931348623157e308",
                     "4.9406564584124654e-324", "0.1", "0.30000000000000004", "123456789012345678", "1e27", "1e-27",
                     "18446744073709551615", "9999999999999999999", "0.000000000000000000000000001234", "-0.0", "7e22"]
        for _ in 0 ..< 20000 {
            let bits = generator.next() & 0x7FFF_FFFF_FFFF_FFFF
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            texts.append(value.description)
            let scaled = (generator.nextDouble() - 0.5) * pow(10, Double(generator.nextInt(below: 12)) - 4)
            texts.append(scaled.description)
            texts.append(String(format: "%.\(1 + generator.nextInt(below: 19))g", scaled))
        }
        for text in texts {
            let expected = strtodValue(text)
            guard expected.isFinite else { continue }
            XCTAssertEqual(CSVTable.parseNumber(text)?.bitPattern, expected.bitPattern, text)
        }
    }

    func testNumberErrorsNameFileRowAndColumn() throws {
        let table = try CSVTable(text: "id,x,y\na,1,2\nb,NaN,3\nc,,4\nd,1e400,x\n", source: "data.csv")
        XCTAssertThrowsError(try table.numbers(column: 1)) { error in
            XCTAssertEqual(error as? DataError, .invalidNumber(file: "data.csv", row: 3, column: "x", value: "NaN"))
            XCTAssertTrue("\(error)".contains("data.csv, row 3, column \"x\""))
        }
        XCTAssertThrowsError(try table.numbers(column: 2)) { error in
            XCTAssertEqual(error as? DataError, .invalidNumber(file: "data.csv", row: 5, column: "y", value: "x"))
        }
        let partial = try CSVTable(text: "id,x\na,1\nb,NA\nc, \nd,2.5\n", source: "d.csv")
        XCTAssertEqual(try partial.optionalNumbers(column: 1), [1, nil, nil, 2.5])
        XCTAssertThrowsError(try table.optionalNumbers(column: 1)) // NaN is not a missing marker
    }

    func testStructuralErrors() throws {
        func error(_ text: String) -> DataError? {
            do { _ = try CSVTable(text: text, source: "f.csv"); return nil } catch { return error as? DataError }
        }
        XCTAssertEqual(error(""), .emptyFile(file: "f.csv"))
        XCTAssertEqual(error("\u{FEFF}\r\n\n"), .emptyFile(file: "f.csv"))
        XCTAssertEqual(error("id,a\n"), .noRows(file: "f.csv"))
        XCTAssertEqual(error("id,a\n1,2\n3,4,5\n"), .raggedRow(file: "f.csv", row: 3, fields: 3, expected: 2))
        XCTAssertEqual(error("id,a\n\"1\",\"2,\n3\"\n5\n"), .raggedRow(file: "f.csv", row: 3, fields: 1, expected: 2))
        XCTAssertEqual(error("id,a,id\n1,2,3\n"), .duplicateHeader(file: "f.csv", column: "id", positions: [1, 3]))
        XCTAssertEqual(error("id,,b\n1,2,3\n"), .emptyHeader(file: "f.csv", position: 2))
        XCTAssertEqual(try CSVTable(text: "id,a\n", source: "f", allowNoRows: true).rowCount, 0)
        // A stray opening quote read the rest of the file into one cell: rows 4 and 5 vanished.
        XCTAssertEqual(error("id,a,note\n1,2,ok\n3,4,\"big\n5,6,ok\n7,8,ok\n"),
                       .unclosedQuote(file: "f.csv", row: 3, column: "note"))
        XCTAssertEqual(error("id,note,a\r\n1,\"x,\"\"y\"\"\",2\r\n3,\"z\r\n4,w,5\r\n"),
                       .unclosedQuote(file: "f.csv", row: 3, column: "note"))
        // Text after a closing quote also swallowed the rest of the file (rows 3 and 4 vanished).
        XCTAssertEqual(error("id,note,a\n1,\"ab\"c,2\n3,x,4\n5,y,6\n"),
                       .textAfterQuote(file: "f.csv", row: 2, column: "note"))
        XCTAssertEqual(error("id,note,a\r\n\r\n1,x,2\r\n3,\"a\r\nb\" c,4\r\n"),
                       .textAfterQuote(file: "f.csv", row: 4, column: "note"))
        let closed = try CSVTable(text: "id,note\n1,\"x \"\"y\"\"\"\n2,\"a\nb\"\n", source: "f.csv")
        XCTAssertEqual([closed.rowCount, closed.cell(row: 1, column: 1).count], [2, 3])
        for e in [DataError.raggedRow(file: "f.csv", row: 3, fields: 3, expected: 2), .noRows(file: "f.csv")] {
            XCTAssertEqual(e.exitCode, 65)
        }
    }

    func testFileErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csvtable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try CSVTable.read(contentsOf: dir.appendingPathComponent("none.csv"), name: "none.csv")) {
            XCTAssertEqual($0 as? DataError, .fileNotFound(file: "none.csv"))
            XCTAssertEqual(($0 as? DataError)?.exitCode, 66)
        }
        XCTAssertThrowsError(try CSVTable.read(contentsOf: dir, name: "dir")) {
            XCTAssertEqual(($0 as? DataError)?.exitCode, 66)
        }
        let latin1 = dir.appendingPathComponent("latin1.csv")
        try Data([0x69, 0x64, 0x0A, 0xE9, 0x0A]).write(to: latin1)
        XCTAssertThrowsError(try CSVTable.read(contentsOf: latin1, name: "latin1.csv")) {
            XCTAssertEqual($0 as? DataError, .notUTF8(file: "latin1.csv"))
        }
        let good = dir.appendingPathComponent("good.csv")
        try Data("\u{FEFF}id,x\r\n1,0.5\r\n".utf8).write(to: good)
        let table = try CSVTable.read(contentsOf: good, name: "good.csv")
        XCTAssertEqual(table.header, ["id", "x"])
        XCTAssertEqual(try table.numbers(column: 1), [0.5])
    }
}
