import Foundation
import SentinelTestSupport
import SentinelLearn
@testable import SentinelStudy
import XCTest

/// The three selection steps (univariate screen, correlation filter, LASSO-CV with explicit
/// folds) against an independent
/// scipy / scikit-learn implementation on the synthetic study (Tests/Fixtures/pipeline/make_selection.py).
final class PipelineSelectionTests: XCTestCase {
    private struct Expected: Decodable {
        struct Feature: Decodable { let name: String; let p: Double; let test: String; let normal: Bool }
        struct FeatureSet: Decodable {
            let name: String; let univariate: [String]; let correlation: [String]; let lasso: [String]
            let lasso_alpha: Double; let lasso_coefficients: [Double]; let lasso_mean_mse: [Double]
        }
        let features: [Feature]
        let lasso_folds: [[Int]]
        let feature_sets: [FeatureSet]
    }

    func testSelectionStepsMatchScipyAndScikitLearn() throws {
        let expected = try Fixtures.load(Expected.self, "pipeline/selection.json")
        let study = try PipelineTestStudy.encoded()
        let train = study.rows(of: study.trainingCohort)
        let screen = try UnivariateScreen(study: study, trainingRows: train)

        XCTAssertEqual(study.featureNames, expected.features.map(\.name))
        for (j, feature) in expected.features.enumerated() {
            assertClose(screen.p[j], feature.p, relative: 1e-8, absolute: 1e-14)
            XCTAssertEqual(screen.isNormal[j], feature.normal, feature.name)
            let test = screen.test[j].lowercased()
            switch feature.test {
            case "Student t": XCTAssertTrue(test.contains("t-test") || test.contains("student"), "\(feature.name): \(test)")
            case "Mann-Whitney U (exact)": XCTAssertTrue(test.contains("mann") && test.contains("exact"), "\(feature.name): \(test)")
            case "Mann-Whitney U (normal approximation)": XCTAssertTrue(test.contains("mann") && !test.contains("exact"), "\(feature.name): \(test)")
            case "Fisher": XCTAssertTrue(test.contains("fisher"), "\(feature.name): \(test)")
            default: XCTAssertTrue(test.contains("chi"), "\(feature.name): \(test)")
            }
        }

        let design = PipelineDesign(modalityNames: ["Clinical", "Rad", "DL"])
        XCTAssertEqual(design.featureSets.map(\.name), expected.feature_sets.map(\.name))
        let settings = PipelineSettings(seed: 11)
        let splits = expected.lasso_folds.map { test in
            FoldSplit(train: train.indices.filter { !test.contains($0) }, test: test)
        }
        for (s, set) in design.featureSets.enumerated() {
            let candidates = study.featureModality.indices.filter { set.modalities.contains(study.featureModality[$0]) }
            var selector = FeatureSetSelector(settings: settings, seed: 1)
            selector.lassoSplits = splits
            let result = try selector.select(name: set.name, candidates: candidates, study: study, trainingRows: train,
                                             univariate: screen)
            let reference = expected.feature_sets[s]
            XCTAssertEqual(result.trail.steps[0].kept, reference.univariate, set.name)
            XCTAssertEqual(result.trail.steps[1].kept, reference.correlation, set.name)
            XCTAssertEqual(result.trail.steps[2].kept, reference.lasso, set.name)
            XCTAssertEqual(result.features.map { study.featureNames[$0] }, reference.lasso, set.name)
            assertClose(result.trail.lassoLambda ?? .nan, reference.lasso_alpha, relative: 1e-10)
            assertClose(result.trail.lassoCVMean ?? [], reference.lasso_mean_mse, relative: 1e-6, absolute: 1e-9)
            let coefficients = reference.correlation.map { result.trail.lassoCoefficients?[$0] ?? 0 }
            assertClose(coefficients, reference.lasso_coefficients, relative: 1e-6, absolute: 1e-8)
        }
    }

    /// When no feature passes the screen, the note names the kept feature and its p to 3
    /// significant digits (it is printed in the report as it stands).
    func testFallbackNoteGivesThePValueToThreeDigits() throws {
        let study = try PipelineTestStudy.encoded()
        let train = study.rows(of: study.trainingCohort)
        let screen = try UnivariateScreen(study: study, trainingRows: train)
        var settings = PipelineSettings(seed: 11)
        settings.pThreshold = 1e-300
        let candidates = Array(study.featureNames.indices).filter { !screen.isConstant[$0] }
        let selector = FeatureSetSelector(settings: settings, seed: 1)
        let result = try selector.select(
            name: "All", candidates: candidates, study: study, trainingRows: train, univariate: screen)
        let best = candidates.min { (screen.p[$0], $0) < (screen.p[$1], $1) }!
        let note = result.trail.steps[0].note ?? ""
        XCTAssertTrue(note.hasSuffix("(\(study.featureNames[best]), p = \(String(format: "%.3g", screen.p[best])))"), note)
        XCTAssertLessThanOrEqual(note.split(separator: "=").last!.count, 12, note)
    }
}

/// The synthetic study of Tests/Fixtures/pipeline/study (120 patients, 70 training).
enum PipelineTestStudy {
    static var folder: URL { Fixtures.url("pipeline/study") }

    static func spec(in folder: URL = folder) throws -> StudySpec {
        try StudySpec.load(contentsOf: folder.appendingPathComponent("study.yaml"), name: "study.yaml")
    }

    static func encoded(in folder: URL = folder) throws -> EncodedStudy {
        let cohort = try Cohort.load(spec: spec(in: folder))
        return try EncodedStudy(cohort: cohort, preprocessor: Preprocessor.fit(cohort))
    }
}
