import SentinelLearn
import SentinelNumerics
@testable import SentinelStudy
import SentinelTestSupport
import XCTest

/// Fixed-threshold evaluation, case-mix statistics and site screening.
final class ValidationTests: XCTestCase {
    func randomInput(seed: UInt64) -> EvaluationInput {
        var g = SeededGenerator(seed: seed)
        let cohorts = ["train", "validation", "test"].enumerated().map { index, name -> EvaluationInput.Cohort in
            let n = 40 + 15 * index
            let labels = (0 ..< n).map { _ in g.nextDouble() < 0.4 }
            var scores: [[Double]] = [[], []]
            for k in 0 ..< 2 {
                for y in labels {
                    let z: Double = (y ? 1.2 : 0) - 0.5 + Double(k) * 0.3 + g.nextGaussian()
                    scores[k].append(1 / (1 + exp(-z)))
                }
            }
            return EvaluationInput.Cohort(name: name, labels: labels, scores: scores)
        }
        return EvaluationInput(modelNames: ["A", "B"], cohorts: cohorts, thresholdCohort: 0)
    }

    /// A cohort evaluated alone with the development thresholds and its development bootstrap
    /// stream reproduces the development evaluation of that cohort exactly (every field).
    func testFixedThresholdsReproduceDevelopmentCohortExactly() throws {
        let input = randomInput(seed: 11)
        let evaluator = PredictionEvaluator(settings: EvaluationSettings(bootstrapReplicates: 200, seed: 99), toolName: "t")
        let development = try evaluator.evaluate(input)
        let thresholds = development.cohorts[0].models.map(\.threshold)
        for index in 1 ... 2 {
            let alone = EvaluationInput(modelNames: input.modelNames, cohorts: [input.cohorts[index]], thresholdCohort: 0)
            let site = try evaluator.evaluate(alone, fixedThresholds: thresholds, thresholdSource: "dev",
                                              bootstrapStreams: [UInt64(index)])
            XCTAssertEqual(site.cohorts[0], development.cohorts[index])
            XCTAssertEqual(site.thresholdCohort, "dev")
        }
        // Another stream changes the bootstrap CIs only.
        let alone = EvaluationInput(modelNames: input.modelNames, cohorts: [input.cohorts[1]], thresholdCohort: 0)
        let other = try evaluator.evaluate(alone, fixedThresholds: thresholds, thresholdSource: "dev")
        XCTAssertEqual(other.cohorts[0].models[0].aucCI, development.cohorts[1].models[0].aucCI)
        XCTAssertNotEqual(other.cohorts[0].models[0].aucCIBootstrap, development.cohorts[1].models[0].aucCIBootstrap)
    }

    func testFixedThresholdsMustMatchModels() {
        let evaluator = PredictionEvaluator(settings: EvaluationSettings(bootstrapReplicates: 0), toolName: "t")
        XCTAssertThrowsError(try evaluator.evaluate(randomInput(seed: 1), fixedThresholds: [0.5], thresholdSource: "dev"))
        XCTAssertThrowsError(try evaluator.evaluate(randomInput(seed: 1), fixedThresholds: [0.5, .nan], thresholdSource: "dev"))
    }

    struct SMDCase: Decodable {
        var name: String
        var development: [Double]
        var site: [Double]
        var development_mean, development_sd, site_mean, site_sd, smd: Double
    }

    /// Against numpy (Tests/Fixtures/validation/make_smd.py).
    func testStandardizedMeanDifferencesMatchNumpy() throws {
        for c in try Fixtures.load([SMDCase].self, "validation/smd.json") {
            let d = CaseMix.difference("x", c.development, c.site)
            assertClose(d.developmentMean, c.development_mean, relative: 1e-12, absolute: 1e-12)
            assertClose(d.developmentSD, c.development_sd, relative: 1e-12, absolute: 1e-12)
            assertClose(d.siteMean, c.site_mean, relative: 1e-12, absolute: 1e-12)
            assertClose(d.siteSD, c.site_sd, relative: 1e-12, absolute: 1e-12)
            assertClose(try XCTUnwrap(d.smd), c.smd, relative: 1e-10, absolute: 1e-12)
        }
        XCTAssertNil(CaseMix.difference("x", [1, 1, 1], [1, 1]).smd, "zero pooled SD")
        XCTAssertEqual(CaseMix.difference("x", [1, 2, 3], [0.5, 1, 3, 3.5, 2]).outsideDevelopmentRange, 2)
        XCTAssertNil(CaseMix.difference("x", [1], [1, 2]).smd, "one development value")
    }

    struct MembershipCase: Decodable {
        var name: String
        var x: [[Double]]
        var labels: [Int]
        var folds: [Int]
        var auc: Double
    }

    /// Against scikit-learn with the same folds (Tests/Fixtures/validation/make_membership.py).
    func testMembershipAUCMatchesScikitLearn() throws {
        for c in try Fixtures.load([MembershipCase].self, "validation/membership.json") {
            let splits = try FoldSplit.splits(fromAssignment: c.folds)
            let auc = try CaseMix.crossValidatedAUC(rows: c.x, labels: c.labels, splits: splits)
            XCTAssertEqual(auc, c.auc, accuracy: 1e-12, c.name)
        }
    }

    func table(_ rows: [(String, Double, String)]) throws -> JoinedTable {
        let csv = try CSVTable(source: "t.csv", header: ["id", "y", "x", "g"],
                               rows: rows.enumerated().map { i, r in [r.0, i % 2 == 0 ? "1" : "0", "\(r.1)", r.2] })
        return try JoinedTable(tables: [csv], idColumn: "id")
    }

    func testMembershipAUCSeparatesShiftedCaseMixOnly() throws {
        var g = SeededGenerator(seed: 5)
        let dev = try table((0 ..< 80).map { ("d\($0)", g.nextGaussian(), $0 % 3 == 0 ? "a" : "b") })
        let same = try table((0 ..< 60).map { ("s\($0)", g.nextGaussian(), $0 % 3 == 0 ? "a" : "b") })
        let shifted = try table((0 ..< 60).map { ("t\($0)", 4 + g.nextGaussian(), "a") })
        let modality = Cohort.Modality(name: "M", features: [.init(name: "x", kind: .continuous), .init(name: "g", kind: .categorical)])
        let pre = try Preprocessor.fit(data: dev, modalities: [modality], rows: Array(0 ..< 80))
        let predictors = pre.modalities[0].columnNames
        let near = try CaseMix.compare(development: dev, developmentRows: Array(0 ..< 80), site: same, siteRows: Array(0 ..< 60),
                                       preprocessor: pre, predictors: predictors, seed: 3)
        let far = try CaseMix.compare(development: dev, developmentRows: Array(0 ..< 80), site: shifted, siteRows: Array(0 ..< 60),
                                      preprocessor: pre, predictors: predictors, seed: 3)
        XCTAssertLessThan(try XCTUnwrap(near.membershipAUC), 0.7)
        XCTAssertGreaterThan(try XCTUnwrap(far.membershipAUC), 0.95)
        XCTAssertGreaterThan(try XCTUnwrap(far.differences.first?.smd), 2)
        XCTAssertEqual(far.differences.map(\.column), ["x"])
        let again = try CaseMix.compare(development: dev, developmentRows: Array(0 ..< 80), site: shifted, siteRows: Array(0 ..< 60),
                                        preprocessor: pre, predictors: predictors, seed: 3)
        XCTAssertEqual(again, far, "deterministic")
    }

    func testScreeningCountsReasonsAndImputations() throws {
        let dev = try table([("a", 1, "p"), ("b", 2, "q"), ("c", 3, "p"), ("d", 4, "q")])
        let modality = Cohort.Modality(name: "M", features: [.init(name: "x", kind: .continuous), .init(name: "g", kind: .categorical)])
        let pre = try Preprocessor.fit(data: dev, modalities: [modality], rows: Array(0 ..< 4))
        let csv = try CSVTable(source: "site.csv", header: ["id", "y", "x", "g"], rows: [
            ["s1", "1", "2.5", "p"], ["s2", "0", "", "q"], ["s3", "1", "abc", "r"], ["s4", "", "1", "p"],
            ["s5", "0", "NA", "NA"], ["s6", "2", "x", "p"],
        ])
        let s = try SiteScreening.screen(try JoinedTable(tables: [csv], idColumn: "id"), preprocessor: pre, outcomeColumn: "y")
        XCTAssertEqual(s.scoredRows, [0, 1, 4])
        XCTAssertEqual(s.labels, [true, false, false])
        XCTAssertEqual(s.patientsExcluded, 3)
        XCTAssertEqual(s.exclusions.map { "\($0.reason.rawValue)/\($0.column)/\($0.patients)" },
                       ["missing_or_invalid_outcome/y/2", "non_numeric_value/x/2", "unseen_category_level/g/1"])
        XCTAssertEqual(s.imputations.map { "\($0.column)/\($0.imputedValues)" }, ["g/1", "x/2"])
        XCTAssertEqual(s.rowProblems.map { "\($0.row):\($0.reason.rawValue):\($0.column)" },
                       ["2:unseen_category_level:g", "2:non_numeric_value:x", "3:missing_or_invalid_outcome:y",
                        "5:non_numeric_value:x", "5:missing_or_invalid_outcome:y"])
        XCTAssertThrowsError(try SiteScreening.screen(try JoinedTable(tables: [csv], idColumn: "id"), preprocessor: pre, outcomeColumn: "missing"))
    }
}
