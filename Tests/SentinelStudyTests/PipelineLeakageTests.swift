import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// Nothing is fitted on the evaluation cohorts: relabelling and perturbing their rows in
/// the data files changes neither the preprocessor nor any fitted model (byte-for-byte),
/// while changing one training label does change the fit.
final class PipelineLeakageTests: XCTestCase {
    private func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    private struct Fit {
        var preprocessor: Data
        var fitted: FittedStudy
        var json: Data
    }

    private func fit(folder: URL) throws -> Fit {
        let spec = try PipelineTestStudy.spec(in: folder)
        let cohort = try Cohort.load(spec: spec)
        let preprocessor = try Preprocessor.fit(cohort)
        let study = try EncodedStudy(cohort: cohort, preprocessor: preprocessor)
        let settings = PipelineSettings(pThreshold: spec.selection.p, correlationThreshold: spec.selection.correlation,
                                        lassoFolds: spec.selection.lassoFolds, seed: spec.seed)
        let fitted = try StudyPipeline(design: PipelineDesign(modalityNames: cohort.modalities.map(\.name)),
                                       settings: settings).fit(study)
        return Fit(preprocessor: try encode(preprocessor), fitted: fitted, json: try encode(fitted))
    }

    /// Copies the study folder, rewriting the rows that `rewrite` selects.
    private func perturbedCopy(_ rewrite: (_ file: String, _ header: [String], _ fields: inout [String], _ isTraining: Bool) -> Void) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-leak-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PipelineTestStudy.folder, to: target)
        addTeardownBlock { try? FileManager.default.removeItem(at: target) }
        let clinical = try String(contentsOf: target.appendingPathComponent("clinical.csv"), encoding: .utf8)
        var training = Set<String>()
        for line in clinical.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields[1] == "train" { training.insert(String(fields[0])) }
        }
        for file in ["clinical.csv", "rad.csv", "dl.csv"] {
            let url = target.appendingPathComponent(file)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            for i in 1..<lines.count {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                rewrite(file, header, &fields, training.contains(fields[0]))
                lines[i] = fields.joined(separator: ",")
            }
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        return target
    }

    func testEvaluationCohortsDoNotChangeAnythingFitted() throws {
        let original = try fit(folder: PipelineTestStudy.folder)
        var counter = 0
        let perturbed = try perturbedCopy { _, header, fields, isTraining in
            guard !isTraining else { return }
            counter += 1
            for (c, name) in header.enumerated() {
                switch name {
                case "id", "cohort": continue
                case "sln": fields[c] = fields[c] == "1" ? "0" : "1"
                case "margin", "lateral": fields[c] = fields[c] == "1" ? "0" : "1"
                case "size" where counter % 3 == 0: fields[c] = ""  // more missing values
                default:
                    if let v = Double(fields[c]) { fields[c] = String(-2.5 * v + Double(counter % 7)) }
                }
            }
        }
        let changed = try fit(folder: perturbed)
        XCTAssertEqual(original.preprocessor, changed.preprocessor)
        XCTAssertEqual(original.json, changed.json)
        XCTAssertEqual(original.fitted.trainingOutOfFold, changed.fitted.trainingOutOfFold)
        XCTAssertEqual(original.fitted.models.count, 9)
    }

    func testChangingTrainingRowsDoesChangeTheFit() throws {
        let original = try fit(folder: PipelineTestStudy.folder)
        var flipped = 0
        let perturbed = try perturbedCopy { file, header, fields, isTraining in
            guard isTraining, file == "clinical.csv", flipped < 3, let c = header.firstIndex(of: "sln") else { return }
            fields[c] = fields[c] == "1" ? "0" : "1"
            flipped += 1
        }
        let changed = try fit(folder: perturbed)
        XCTAssertNotEqual(original.json, changed.json)
    }
}
