import Foundation
import XCTest

/// `sentinel demo` hands the simulated tables to the study in memory and writes (and
/// fingerprints) its data files in the background: the study must be exactly the one
/// `sentinel run` gives on the files it wrote.
final class DemoCommandTests: CLITestCase {
    func testRunOnTheWrittenFilesGivesTheDemosResults() throws {
        let base = try temporaryDirectory()
        let demo = base.appendingPathComponent("demo"), rerun = base.appendingPathComponent("rerun")
        let first = try sentinel(["demo", "--out", demo.path, "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        // Nothing half-written or staged is left beside the output.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base.path), ["demo"])
        let data = demo.appendingPathComponent("data")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data.path).sorted(),
                       ["clinical.csv", "deep.csv", "radiomics.csv", "study.yaml"])

        let second = try sentinel(["run", data.appendingPathComponent("study.yaml").path, "--out", rerun.path, "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        // results.json and model.json carry the inputs' SHA-256 (hashed from the files by
        // `run`, from the bytes as they were made by `demo`).
        for file in ["results.json", "model.json", "predictions.csv"] {
            let a = try Data(contentsOf: demo.appendingPathComponent(file))
            let b = try Data(contentsOf: rerun.appendingPathComponent(file))
            XCTAssertFalse(a.isEmpty, file)
            XCTAssertTrue(a == b, "\(file): demo and run on its files differ")
        }
    }

    /// A failure while the data files are still being written in the background (here the
    /// provenance's bad SOURCE_DATE_EPOCH, met when the files are fingerprinted) exits with
    /// its code and leaves nothing: no output folder, no staging folder, no stray file.
    func testFailureWhileWritingLeavesNothing() throws {
        let base = try temporaryDirectory()
        let outcome = try sentinel(["demo", "--out", base.appendingPathComponent("demo").path, "--quiet"],
                                   environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        XCTAssertEqual(outcome.status, 78, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("SOURCE_DATE_EPOCH"), outcome.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base.path), [])
    }
}
