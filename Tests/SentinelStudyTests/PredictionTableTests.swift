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
        XCTAssertEqual(error(header + ok + "a,t,1,\n"), .missingPrediction(file: "pred.csv", row: 6, column: "A", id: "a"))
        XCTAssertEqual(error(header + ok + "a,t,1, \n"), .missingPrediction(file: "pred.csv", row: 6, column: "A", id: "a"))
        XCTAssertTrue("\(error(header + ok + "a,t,1,\n")!)".contains("--model"))
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

    func testNoCohortColumnIsOneCohortNamedAll() throws {
        let table = try parse("id,label,A\na,0,0.1\nb,0,0.2\nc,1,0.9\nd,1,0.8\n")
        XCTAssertEqual(table.cohortNames, [PredictionColumns.allPatientsCohort])
        XCTAssertEqual(table.thresholdCohort, "all")
        XCTAssertEqual(table.modelNames, ["A"])
        // A cohort column spelt in another case is not read as a model: said so.
        XCTAssertEqual(error("id,Cohort,label,A\na,t,0,0.1\n"),
                       .missingColumn(file: "pred.csv", column: "cohort", available: ["id", "Cohort", "label", "A"]))
        XCTAssertTrue("\(error("id,Cohort,label,A\na,t,0,0.1\n")!)".contains("\"Cohort\" differs only in case"))
    }

    func testNamedColumnsAndModels() throws {
        let text = "Patient,Site,y,age,M1,M2\n"
            + "a,s,0,61,0.1,0.4\nb,s,0,50,0.2,0.3\nc,s,1,70,0.9,0.6\nd,s,1,44,0.8,0.7\n"
        let columns = PredictionColumns(id: "Patient", cohort: "Site", cohortRequired: true, label: "y", models: ["M2", "M1"])
        let table = try PredictionTable(table: CSVTable(text: text, source: "pred.csv"), columns: columns)
        XCTAssertEqual(table.ids, ["a", "b", "c", "d"])
        XCTAssertEqual(table.cohortNames, ["s"])
        XCTAssertEqual(table.labels, [0, 0, 1, 1])
        XCTAssertEqual(table.modelNames, ["M2", "M1"])
        XCTAssertEqual(table.models[1].probabilities, [0.1, 0.2, 0.9, 0.8])
        // Without the model list the age column would be a model, and 61 is no probability.
        var everyColumn = columns
        everyColumn.models = nil
        XCTAssertThrowsError(try PredictionTable(table: CSVTable(text: text, source: "pred.csv"), columns: everyColumn)) {
            XCTAssertEqual($0 as? DataError, .probabilityOutOfRange(file: "pred.csv", row: 2, column: "age", value: 61))
            // The message points at --model, the way to keep such a column in the file.
            XCTAssertTrue("\($0)".contains("if \"age\" is not a model, leave it out by naming the model columns with --model"), "\($0)")
        }
        // A required cohort column that is absent, and a listed model that is absent.
        var required = columns
        required.cohort = "Centre"
        XCTAssertThrowsError(try PredictionTable(table: CSVTable(text: text, source: "pred.csv"), columns: required)) {
            XCTAssertEqual($0 as? DataError, .missingColumn(file: "pred.csv", column: "Centre",
                                                            available: ["Patient", "Site", "y", "age", "M1", "M2"]))
        }
        var unknownModel = columns
        unknownModel.models = ["M3"]
        XCTAssertThrowsError(try PredictionTable(table: CSVTable(text: text, source: "pred.csv"), columns: unknownModel)) {
            XCTAssertEqual($0 as? DataError, .missingColumn(file: "pred.csv", column: "M3",
                                                            available: ["Patient", "Site", "y", "age", "M1", "M2"]))
        }
        XCTAssertNil(columns.nameUsedTwice)
        XCTAssertEqual(PredictionColumns(label: "y", models: ["y"]).nameUsedTwice, "y")
        XCTAssertEqual(PredictionColumns(id: "cohort").nameUsedTwice, "cohort")
    }
}
