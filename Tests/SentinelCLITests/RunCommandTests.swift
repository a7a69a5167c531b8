import Foundation
import SentinelTestSupport
import XCTest

/// `sentinel run` and `sentinel predict` on the synthetic study of
/// Tests/Fixtures/pipeline/study (made by make_selection.py).
final class RunCommandTests: CLITestCase {
    private let studyFiles = ["study.yaml", "clinical.csv", "rad.csv", "dl.csv"]

    /// A private copy of the study folder, optionally with one file's text rewritten.
    private func studyCopy(_ edit: (_ file: String, _ text: String) -> String = { $1 }) throws -> URL {
        let folder = try temporaryDirectory().appendingPathComponent("study")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in studyFiles {
            let text = try String(contentsOf: Fixtures.url("pipeline/study/\(file)"), encoding: .utf8)
            try write(edit(file, text), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    private func csvRows(_ text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testRunIsDeterministicAndPredictReproducesTheEvaluationCohorts() throws {
        let study = try studyCopy()
        let base = try temporaryDirectory()
        let a = base.appendingPathComponent("a"), b = base.appendingPathComponent("b")
        for out in [a, b] {
            let run = try sentinel(["run", study.appendingPathComponent("study.yaml").path, "--out", out.path, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        for file in ["results.json", "model.json", "predictions.csv"] {
            let first = try Data(contentsOf: a.appendingPathComponent(file))
            let second = try Data(contentsOf: b.appendingPathComponent(file))
            XCTAssertFalse(first.isEmpty, file)
            XCTAssertEqual(first, second, "\(file) differs between two runs")
        }

        let predicted = base.appendingPathComponent("predicted.csv")
        let predict = try sentinel(["predict", a.appendingPathComponent("model.json").path]
            + ["clinical.csv", "rad.csv", "dl.csv"].map { study.appendingPathComponent($0).path } + ["--out", predicted.path])
        XCTAssertEqual(predict.status, 0, predict.stderr)
        let pipeline = csvRows(try String(contentsOf: a.appendingPathComponent("predictions.csv"), encoding: .utf8))
        let scored = csvRows(try String(contentsOf: predicted, encoding: .utf8))
        XCTAssertEqual(pipeline.first, scored.first)
        XCTAssertEqual(pipeline.first?.count, 3 + 9)
        let header = pipeline[0]
        let byID = Dictionary(uniqueKeysWithValues: scored.dropFirst().map { ($0[0], $0) })
        XCTAssertEqual(byID.count, 120)
        var evaluationRows = 0
        for row in pipeline.dropFirst() {
            guard let other = byID[row[0]] else { XCTFail("predict lost \(row[0])"); continue }
            if row[1] == "train" {
                // Training post-fusion probabilities in the pipeline stack out-of-fold scores; the rest match.
                for (c, name) in header.enumerated() where !name.hasPrefix("Post-fusion") {
                    XCTAssertEqual(row[c], other[c], "\(row[0]) \(name)")
                }
            } else {
                evaluationRows += 1
                XCTAssertEqual(row, other, "evaluation patient \(row[0])")
            }
        }
        XCTAssertEqual(evaluationRows, 50)
    }

    /// A training cohort not called "train" whose rows come after the evaluation rows: it is
    /// still the first cohort of the results and the source of the thresholds, and the
    /// predictions file lists it first, so `evaluate` on that file uses the same thresholds.
    func testTrainingCohortWithAnyNameAndRowOrderGivesTheThresholds() throws {
        let study = try studyCopy { file, text in
            switch file {
            case "study.yaml": return text.replacingOccurrences(of: "training: train", with: "training: derivation")
            case "clinical.csv":
                let lines = text.split(separator: "\n").map(String.init)
                return ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n")
                    .replacingOccurrences(of: ",train,", with: ",derivation,") + "\n"
            default: return text
            }
        }
        let out = try temporaryDirectory().appendingPathComponent("out")
        let run = try sentinel(["run", study.appendingPathComponent("study.yaml").path, "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        func results(_ url: URL) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        }
        func thresholds(_ json: [String: Any]) -> [[Double?]] {
            ((json["cohorts"] as? [[String: Any]]) ?? []).map { (($0["models"] as? [[String: Any]]) ?? []).map { $0["threshold"] as? Double } }
        }
        let ran = try results(out.appendingPathComponent("results.json"))
        XCTAssertEqual(ran["threshold_cohort"] as? String, "derivation")
        XCTAssertEqual((ran["cohorts"] as? [[String: Any]])?.first?["name"] as? String, "derivation")
        let predictions = csvRows(try String(contentsOf: out.appendingPathComponent("predictions.csv"), encoding: .utf8))
        XCTAssertEqual(predictions[1][1], "derivation")
        let evaluated = try temporaryDirectory().appendingPathComponent("evaluated")
        let evaluate = try sentinel(["evaluate", out.appendingPathComponent("predictions.csv").path, "--out", evaluated.path,
                                     "--bootstrap", "0", "--results-only", "--quiet"])
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let again = try results(evaluated.appendingPathComponent("results.json"))
        XCTAssertEqual(again["threshold_cohort"] as? String, "derivation")
        XCTAssertEqual(thresholds(again), thresholds(ran))
    }

    /// Runs a broken study; checks the exit code, that the message names the file and the
    /// key or column, and that no output folder was written.
    private func assertRunFails(code: Int32, mentions: [String], file: StaticString = #filePath, line: UInt = #line,
                                _ edit: @escaping (_ file: String, _ text: String) -> String) throws {
        let study = try studyCopy(edit)
        let out = try temporaryDirectory().appendingPathComponent("out")
        let run = try sentinel(["run", study.appendingPathComponent("study.yaml").path, "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, code, run.stderr, file: file, line: line)
        for text in mentions {
            XCTAssertTrue(run.stderr.contains(text), "stderr lacks \(text): \(run.stderr)", file: file, line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "an output folder was written", file: file, line: line)
    }

    private func replacing(_ target: String, _ old: String, _ new: String) -> (String, String) -> String {
        { file, text in file == target ? text.replacingOccurrences(of: old, with: new) : text }
    }

    /// Rewrites one row's cell of clinical.csv (row by id, column by header name).
    private func clinicalCell(_ ids: Set<String>, column: String, value: String) -> (String, String) -> String {
        { file, text in
            guard file == "clinical.csv" else { return text }
            var lines = text.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            guard let c = header.firstIndex(of: column) else { return text }
            for i in 1..<lines.count {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if ids.contains(fields[0]) { fields[c] = value }
                lines[i] = fields.joined(separator: ",")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    func testUnknownColumnExits78() throws {
        try assertRunFails(code: 78, mentions: ["study.yaml", "modalities[0].continuous", "agee"],
                           replacing("study.yaml", "continuous: [age,", "continuous: [agee,"))
    }

    func testGlobMatchingNothingExits78() throws {
        try assertRunFails(code: 78, mentions: ["study.yaml", "modalities[2].columns", "deep_*"],
                           replacing("study.yaml", "columns: [\"dl_*\"]", "columns: [\"deep_*\"]"))
    }

    func testModalityWithoutColumnsExits78() throws {
        try assertRunFails(code: 78, mentions: ["study.yaml", "modalities[2]"],
                           replacing("study.yaml", "    columns: [\"dl_*\"]\n", ""))
    }

    func testOutcomeNotZeroOneExits65() throws {
        try assertRunFails(code: 65, mentions: ["clinical.csv", "sln", "2"], clinicalCell(["S005"], column: "sln", value: "2"))
    }

    func testDuplicatedIDExits65() throws {
        try assertRunFails(code: 65, mentions: ["dl.csv", "S004"]) { file, text in
            guard file == "dl.csv" else { return text }
            return text.replacingOccurrences(of: "\nS005,", with: "\nS004,")
        }
    }

    func testUnmatchedIDExits65() throws {
        try assertRunFails(code: 65, mentions: ["rad.csv", "S007"]) { file, text in
            guard file == "rad.csv" else { return text }
            return text.split(separator: "\n").filter { !$0.hasPrefix("S007,") }.joined(separator: "\n") + "\n"
        }
    }

    /// Every column of a modality constant in training: a data error (65) naming the feature set
    /// (was 70, an "internal error").
    func testConstantModalityExits65() throws {
        try assertRunFails(code: 65, mentions: ["Clinical", "constant"]) { file, text in
            switch file {
            case "study.yaml":
                return text.replacingOccurrences(of: "continuous: [age, size, nlr]\n    categorical: [margin, lateral]",
                                                 with: "continuous: [flat]")
            case "clinical.csv":
                return text.split(separator: "\n").enumerated().map { $0.element + ($0.offset == 0 ? ",flat" : ",1") }
                    .joined(separator: "\n") + "\n"
            default:
                return text
            }
        }
    }

    func testFewerThanTenTrainingEventsExits65() throws {
        // 30 training events; recode 21 of them as non-events.
        let text = try String(contentsOf: Fixtures.url("pipeline/study/clinical.csv"), encoding: .utf8)
        var events: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields[1] == "train" && fields[2] == "1" { events.append(String(fields[0])) }
        }
        XCTAssertEqual(events.count, 30)
        try assertRunFails(code: 65, mentions: ["clinical.csv", "sln", "train"],
                           clinicalCell(Set(events.prefix(21)), column: "sln", value: "0"))
    }
}
