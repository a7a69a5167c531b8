import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// Selection steps 1 and 2 (univariate screen, correlation filter) against an independent
/// scipy implementation on the synthetic study (Tests/Fixtures/pipeline/make_selection.py).
final class PipelineSelectionTests: XCTestCase {
    private struct Expected: Decodable {
        struct Feature: Decodable { let name: String; let p: Double; let test: String; let normal: Bool }
        struct FeatureSet: Decodable { let name: String; let univariate: [String]; let correlation: [String] }
        let features: [Feature]
        let feature_sets: [FeatureSet]
    }

    func testUnivariateAndCorrelationStepsMatchScipy() throws {
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
        for (s, set) in design.featureSets.enumerated() {
            let candidates = study.featureModality.indices.filter { set.modalities.contains(study.featureModality[$0]) }
            let result = try FeatureSetSelector(settings: settings, seed: 1)
                .select(name: set.name, candidates: candidates, study: study, trainingRows: train, univariate: screen)
            XCTAssertEqual(result.trail.steps[0].kept, expected.feature_sets[s].univariate, set.name)
            XCTAssertEqual(result.trail.steps[1].kept, expected.feature_sets[s].correlation, set.name)
            // LASSO keeps a non-empty subset of the decorrelated features.
            XCTAssertFalse(result.features.isEmpty)
            XCTAssertTrue(Set(result.trail.steps[2].kept).isSubset(of: Set(expected.feature_sets[s].correlation)))
        }
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
