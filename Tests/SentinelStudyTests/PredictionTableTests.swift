import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class PredictionTableTests: XCTestCase {
    private let good = "\u{FEFF}id,cohort,label,\"Model, A\",B\r\n"
        + "p1,validation,1,0.9,0.2\r\np2,validation,0,0.1,0.3\r\np3,validation,1,0.8,1\r\np4,validation,0,0,0.4\r\n"
        + "p5,train,1,0.7,0.5\r\np6,train,0,0.3,0.6\r\np7,train,1,0.6,0.7\r\np8,train,0,0.2,0.8\r\n"

    private func parse(_ text: String) throws -> PredictionTable {
        try PredictionTable(table: CSVTable(text: text, source: "pred.csv"))
    }

    private func error(_ text: String) -> DataError? {
        do { _ = try parse(text); return nil } catch { return error as? DataError }
    }

    func testReadsModelsCohortsAndThresholdCohort() throws {
        let table = try parse(good)
        XCTAssertEqual(table.modelNames, ["Model, A", "B"])
        XCTAssertEqual(table.cohortNames, ["validation", "train"])
        XCTAssertEqual(table.thresholdCohort, "train")
        XCTAssertEqual(table.rows(inCohort: "train"), [4, 5, 6, 7])
        XCTAssertEqual(table.labels, [1, 0, 1, 0, 1, 0, 1, 0])
        XCTAssertEqual(table.models[1].probabilities[2], 1)
    }

    /// "train " (a trailing space from a spreadsheet) was a cohort of its own beside "train".
    func testCohortNamesAreTrimmedAsInRun() throws {
        let table = try parse(good.replacingOccurrences(of: "p6,train,", with: "p6, train ,"))
        XCTAssertEqual(table.cohortNames, ["validation", "train"])
        XCTAssertEqual(table.rows(inCohort: "train"), [4, 5, 6, 7])
    }

    func testThresholdCohortRule() {
        XCTAssertEqual(PredictionTable.thresholdCohort(among: ["val", "training", "train"]), "train")
        XCTAssertEqual(PredictionTable.thresholdCohort(among: ["val", "training"]), "training")
        XCTAssertEqual(PredictionTable.thresholdCohort(among: ["derivation", "test"]), "derivation")
        XCTAssertEqual(PredictionTable.thresholdCohort(among: ["Train", "test"]), "Train")
    }

    func testColumnsInAnyOrderAndWriterRoundTrip() throws {
        let table = try parse("m1,label,id,cohort\n0.1,0,a,c\n0.2,0,b,c\n0.9,1,c,c\n0.8,1.0,d,c\n")
        XCTAssertEqual(table.modelNames, ["m1"])
        XCTAssertEqual(table.ids, ["a", "b", "c", "d"])
        let back = try PredictionTable(table: CSVTable(data: table.csvData(), source: "back.csv"))
        XCTAssertEqual(back, table)
        let full = try parse(good)
        XCTAssertEqual(try PredictionTable(table: CSVTable(data: full.csvData(), source: "x")), full)
        let unlabelled = PredictionTable.csvData(ids: ["a"], cohorts: nil, labels: nil,
                                                 models: [.init(name: "M", probabilities: [0.25])])
        XCTAssertEqual(String(decoding: unlabelled, as: UTF8.self), "id,M\na,0.25\n")
    }

    func testBadInputNamesFileRowAndColumn() {
        let header = "id,cohort,label,A\n"
        let ok = "q1,t,1,0.5\nq2,t,1,0.5\nq3,t,0,0.5\nq4,t,0,0.5\n"
        XCTAssertEqual(error("cohort,label,A\nt,1,0.5\n"),
                       .missingColumn(file: "pred.csv", column: "id", available: ["cohort", "label", "A"]))
        XCTAssertEqual(error("id,cohort,label\na,t,1\n"), .noModelColumns(file: "pred.csv"))
        XCTAssertEqual(error(header + ok + "a,t,2,0.5\n"), .invalidLabel(file: "pred.csv", row: 6, column: "label", value: "2"))
        XCTAssertEqual(error(header + ok + "a,t,yes,0.5\n"), .invalidLabel(file: "pred.csv", row: 6, column: "label", value: "yes"))
        XCTAssertEqual(error(header + ok + "a,t,1,\n"), .invalidNumber(file: "pred.csv", row: 6, column: "A", value: ""))
        XCTAssertEqual(error(header + ok + "a,t,1,high\n"), .invalidNumber(file: "pred.csv", row: 6, column: "A", value: "high"))
        XCTAssertEqual(error(header + ok + "a,t,1,NaN\n"), .invalidNumber(file: "pred.csv", row: 6, column: "A", value: "NaN"))
        XCTAssertEqual(error(header + ok + "a,t,1,1.5\n"), .probabilityOutOfRange(file: "pred.csv", row: 6, column: "A", value: 1.5))
        XCTAssertEqual(error(header + ok + "a,t,1,-0.1\n"), .probabilityOutOfRange(file: "pred.csv", row: 6, column: "A", value: -0.1))
        XCTAssertEqual(error(header + ok + "q2,t,1,0.5\n"), .duplicateID(file: "pred.csv", column: "id", id: "q2", rows: [3, 6]))
        XCTAssertEqual(error(header + ok + "a,t,1,0.5\n1,2,3\n"), .raggedRow(file: "pred.csv", row: 7, fields: 3, expected: 4))
        XCTAssertEqual(error(header + ok + "a,v,1,0.5\nb,v,0,0.5\nc,v,0,0.5\n"),
                       .tooFewCases(file: "pred.csv", cohort: "v", cases: 1, controls: 2))
        XCTAssertEqual(error(header + ok + ",t,1,0.5\n"), .emptyID(file: "pred.csv", row: 6, column: "id"))
        XCTAssertEqual(error(""), .emptyFile(file: "pred.csv"))
        XCTAssertTrue("\(error(header + ok + "a,t,1,1.5\n")!)".contains("pred.csv, row 6, column \"A\""))
        // A semicolon- or tab-separated export: said so, rather than "no column id (columns: "id;cohort;...")".
        XCTAssertEqual(error("id;cohort;label;A\nq1;t;1;0,5\n"), .wrongDelimiter(file: "pred.csv", delimiter: ";"))
        XCTAssertEqual(error("id\tcohort\tlabel\tA\nq1\tt\t1\t0.5\n"), .wrongDelimiter(file: "pred.csv", delimiter: "\t"))
        XCTAssertTrue("\(error("id;cohort;label;A\nq1;t;1;0,5\n")!)".contains("not comma-separated"))
    }
}
