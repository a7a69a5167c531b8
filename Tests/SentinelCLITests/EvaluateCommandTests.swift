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
