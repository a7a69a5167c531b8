import Foundation
import XCTest

/// `sentinel evaluate` end to end: outputs, determinism, and bad input with exit codes.
final class EvaluateCommandTests: CLITestCase {
    func testWritesResultsReportAndTablesDeterministically() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(), to: input)
        let first = try sentinel(["evaluate", input.path, "--out", dir.appendingPathComponent("a").path, "--bootstrap", "200", "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try sentinel(["evaluate", input.path, "--out", dir.appendingPathComponent("b").path, "--bootstrap", "200", "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        for file in ["results.json", "report.html", "report.pdf", "tables/table2.csv", "tables/table3.csv",
                     "figures/roc-validation.svg", "figures/roc-validation.png", "figures/calibration-train.pdf"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("b/\(file)"))
            XCTAssertEqual(a, b, "\(file) differs between two runs with the same seed")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("a/results.json"))) as? [String: Any]
        XCTAssertEqual(json?["schema"] as? String, "sentinel.results/1")
        let cohorts = json?["cohorts"] as? [[String: Any]]
        XCTAssertEqual(cohorts?.map { $0["name"] as? String }, ["train", "validation"])
        let models = cohorts?.first?["models"] as? [[String: Any]]
        XCTAssertEqual(models?.map { $0["name"] as? String }, ["Model A", "Model, B"])
        for key in ["auc", "auc_ci", "auc_ci_method", "auc_ci_bootstrap", "threshold", "accuracy", "sensitivity",
                    "specificity", "accuracy_ci", "sensitivity_ci", "specificity_ci", "brier",
                    "calibration_intercept", "calibration_slope"] {
            XCTAssertNotNil(models?.first?[key], "results.json lacks \(key)")
        }
        let comparisons = cohorts?.first?["comparisons"] as? [[String: Any]]
        XCTAssertEqual(comparisons?.count, 1)
        XCTAssertEqual(comparisons?.first?["method"] as? String, "delong")
        let html = try String(contentsOf: dir.appendingPathComponent("a/report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Model, B"))
        XCTAssertFalse(html.contains("https://"))
    }

    func testPredictionsOfExactlyZeroOrOneAreNotedInResultsAndReport() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV() + "Z1,validation,1,1,0.5\r\nZ2,validation,0,0,0.5\r\n", to: input)
        let out = dir.appendingPathComponent("out")
        let r = try sentinel(["evaluate", input.path, "--out", out.path, "--bootstrap", "0", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json"))) as? [String: Any]
        let cohorts = try XCTUnwrap(json?["cohorts"] as? [[String: Any]])
        let validation = try XCTUnwrap(cohorts.first { $0["name"] as? String == "validation" }?["models"] as? [[String: Any]])
        let notesA = try XCTUnwrap(validation.first { $0["name"] as? String == "Model A" }?["calibration_notes"] as? [String])
        XCTAssertTrue(notesA.contains { $0.hasPrefix("2 predictions are exactly 0 or 1 (of 32)") }, "\(notesA)")
        let notesB = try XCTUnwrap(validation.first { $0["name"] as? String == "Model, B" }?["calibration_notes"] as? [String])
        XCTAssertFalse(notesB.contains { $0.contains("exactly 0 or 1") }, "\(notesB)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Model A: 2 predictions are exactly 0 or 1 (of 32)"), "the calibration table's footnote")
    }

    func testExistingOutputNeedsForce() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(), to: input)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let r = try sentinel(["evaluate", input.path, "--out", out.path, "--bootstrap", "0", "--quiet"])
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.stderr.contains("--force"), r.stderr)
    }

    /// `--bootstrap 99999999` ran for hours towards an out-of-memory end; the study file's
    /// limit (1000000) now holds for the command too, as a usage error before any work.
    func testBootstrapBeyondTheLimitIsAUsageError() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(), to: input)
        let out = dir.appendingPathComponent("out")
        let r = try sentinel(["evaluate", input.path, "--out", out.path, "--bootstrap", "99999999", "--quiet"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("--bootstrap must be from 0 to 1000000"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testMissingFileIs66() throws {
        let dir = try temporaryDirectory()
        let r = try sentinel(["evaluate", dir.appendingPathComponent("nope.csv").path, "--out", dir.appendingPathComponent("o").path])
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("nope.csv"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
    }

    func testBadDataIs65AndWritesNothing() throws {
        let cases: [(String, String)] = [
            (predictionsCSV(badRow: "X1,train,2,0.5,0.5"), "label"),
            (predictionsCSV(badRow: "X1,train,1,abc,0.5"), "Model A"),
            (predictionsCSV(badRow: "X1,train,1,1.5,0.5"), "Model A"),
            (predictionsCSV(badRow: "X1,train,1,NaN,0.5"), "Model A"),
            (predictionsCSV(badRow: "P3,train,1,0.5,0.5"), "P3"),
            (predictionsCSV(badRow: "X1,train,1,0.5"), "row"),
            ("id,cohort,label\nA,train,1\n", "model"),
            ("", "empty"),
        ]
        for (index, (text, mention)) in cases.enumerated() {
            let dir = try temporaryDirectory()
            let input = dir.appendingPathComponent("pred.csv")
            try write(text, to: input)
            let out = dir.appendingPathComponent("out")
            let r = try sentinel(["evaluate", input.path, "--out", out.path, "--quiet"])
            XCTAssertEqual(r.status, 65, "case \(index): \(r.stderr)")
            XCTAssertTrue(r.stderr.lowercased().contains(mention.lowercased()), "case \(index): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("pred.csv"), "case \(index) names the file: \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "case \(index) wrote output")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["pred.csv"], "case \(index) left files")
        }
    }

    /// A file with its own column names and an extra non-model column, read with the column
    /// options, gives the same results as the documented format; a cohort-less file is one
    /// cohort named "all"; a column named for two roles is a usage error.
    func testColumnOptionsAndFileWithoutCohorts() throws {
        let dir = try temporaryDirectory()
        let standard = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(), to: standard)
        let renamed = predictionsCSV(extraHeader: ",age")
            .replacingOccurrences(of: "id,cohort,label,", with: "Patient,Site,SLN,")
            .split(separator: "\r\n").enumerated()
            .map { $0.offset == 0 ? String($0.element) : "\($0.element),\(40 + $0.offset)" }
            .joined(separator: "\r\n") + "\r\n"
        let custom = dir.appendingPathComponent("custom.csv")
        try write(renamed, to: custom)
        let a = try sentinel(["evaluate", standard.path, "--out", dir.appendingPathComponent("a").path,
                              "--bootstrap", "100", "--results-only", "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try sentinel(["evaluate", custom.path, "--out", dir.appendingPathComponent("b").path,
                              "--bootstrap", "100", "--results-only", "--quiet", "--id-column", "Patient",
                              "--cohort-column", "Site", "--label-column", "SLN", "--model", "Model A", "--model", "Model, B"])
        XCTAssertEqual(b.status, 0, b.stderr)
        func cohorts(_ folder: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: dir.appendingPathComponent("\(folder)/results.json"))
            return try XCTUnwrap((JSONSerialization.jsonObject(with: data) as? [String: Any])?["cohorts"] as? [[String: Any]])
        }
        let standardAUC = try cohorts("a").map { ($0["models"] as? [[String: Any]])?.map { $0["auc"] as? Double } }
        XCTAssertEqual(try cohorts("b").map { ($0["models"] as? [[String: Any]])?.map { $0["auc"] as? Double } }, standardAUC)
        // Without the model list, "age" is read as a model and rejected, naming the column.
        let c = try sentinel(["evaluate", custom.path, "--out", dir.appendingPathComponent("c").path, "--quiet",
                              "--id-column", "Patient", "--cohort-column", "Site", "--label-column", "SLN"])
        XCTAssertEqual(c.status, 65)
        XCTAssertTrue(c.stderr.contains("\"age\""), c.stderr)
        // No cohort column: one cohort, "all".
        let single = predictionsCSV().replacingOccurrences(of: ",train,", with: ",")
            .replacingOccurrences(of: ",validation,", with: ",").replacingOccurrences(of: "id,cohort,", with: "id,")
        let singleFile = dir.appendingPathComponent("single.csv")
        try write(single, to: singleFile)
        let d = try sentinel(["evaluate", singleFile.path, "--out", dir.appendingPathComponent("d").path,
                              "--bootstrap", "0", "--results-only", "--quiet"])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertEqual(try cohorts("d").map { $0["name"] as? String }, ["all"])
        let e = try sentinel(["evaluate", custom.path, "--out", dir.appendingPathComponent("e").path,
                              "--id-column", "Patient", "--label-column", "SLN", "--model", "SLN"])
        XCTAssertEqual(e.status, 64, e.stderr)
        XCTAssertTrue(e.stderr.contains("two roles"), e.stderr)
    }

    func testUsageErrorIs64() throws {
        let r = try sentinel(["evaluate"])
        XCTAssertEqual(r.status, 64)
    }

    /// Report templates that cannot be found are a configuration problem (78), not an internal
    /// error (70); nothing is written.
    func testMissingTemplatesAre78() throws {
        let dir = try temporaryDirectory()
        let input = dir.appendingPathComponent("pred.csv")
        try write(predictionsCSV(), to: input)
        let out = dir.appendingPathComponent("out")
        let r = try sentinel(["evaluate", input.path, "--out", out.path, "--bootstrap", "0", "--quiet"],
                             environment: ["SENTINEL_TEMPLATES": dir.appendingPathComponent("none").path])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains("SENTINEL_TEMPLATES"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
