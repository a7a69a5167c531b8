import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// Claims generated from a results.json must pass the audit, internally and against the results.
final class AuditResultsTests: XCTestCase {
    /// Three cohorts, three models of different strength on the same patients (seeded); a shared
    /// patient effect makes the models' AUCs positively correlated, as real models on one cohort are.
    static func results() throws -> StudyResults {
        var generator = SeededGenerator(seed: 7)
        let sizes = [(name: "train", n: 203, cases: 56), (name: "validation", n: 87, cases: 24), (name: "test", n: 82, cases: 23)]
        let cohorts = sizes.map { size -> EvaluationInput.Cohort in
            let labels = (0..<size.n).map { $0 < size.cases }
            let shared = labels.map { _ in generator.nextGaussian() }
            let scores = [1.0, 1.5, 0.6].map { shift in
                zip(labels, shared).map { label, common in
                    let logit = (label ? shift : 0) + 1.2 * common + generator.nextGaussian() - 1
                    return 1 / (1 + exp(-logit))
                }
            }
            return EvaluationInput.Cohort(name: size.name, labels: labels, scores: scores)
        }
        let input = EvaluationInput(modelNames: ["Clinical", "Post-fusion Clinical+Rad+DL", "DL"], cohorts: cohorts, thresholdCohort: 0)
        return try PredictionEvaluator(settings: EvaluationSettings(bootstrapReplicates: 50, seed: 1, includeCurves: false),
                                       toolName: "test").evaluate(input)
    }

    func testGeneratedClaimsPassEveryCheck() throws {
        let results = try Self.results()
        // The audit's premise: every pair's DeLong correlation lies in the stated [0, 0.9].
        for cohort in results.cohorts {
            for comparison in cohort.comparisons {
                guard let a = cohort.models.first(where: { $0.name == comparison.a }), let b = cohort.models.first(where: { $0.name == comparison.b }),
                      let z = comparison.z, z != 0 else { continue }
                let varianceOfDifference = pow(comparison.aucDifference / z, 2)
                let r = (a.aucSE * a.aucSE + b.aucSE * b.aucSE - varianceOfDifference) / (2 * a.aucSE * b.aucSE)
                XCTAssertTrue((0...0.9).contains(r), "\(cohort.name) \(comparison.a) vs \(comparison.b): r = \(r)")
            }
        }
        let claims = ClaimsFile.from(results: results)
        XCTAssertEqual(claims.performance.count, 9)
        XCTAssertEqual(claims.comparisons.count, results.cohorts.map(\.comparisons.count).reduce(0, +))
        let verdicts = ClaimsAuditor(claims: claims, results: results).audit()
        XCTAssertFalse(verdicts.isEmpty)
        for verdict in verdicts {
            XCTAssertEqual(verdict.verdict, .pass, verdict.id)
            for finding in verdict.findings where finding.verdict != .pass {
                XCTFail("\(verdict.id) \(finding.check): \(finding.verdict.rawValue), \(finding.reason)")
            }
        }
        XCTAssertTrue(verdicts.flatMap(\.findings).contains { $0.check == "results-auc" })
        XCTAssertTrue(verdicts.flatMap(\.findings).contains { $0.check == "delong-p" })
    }

    func testPerturbedClaimsFailAgainstResults() throws {
        let results = try Self.results()
        var claims = ClaimsFile.from(results: results)
        let original = claims.performance[0].auc!
        claims.performance[0].auc = ReportedNumber(value: original.value + 0.02, decimals: 3)
        claims.cohorts[0].n = (claims.cohorts[0].n ?? 0) + 1
        let verdicts = Dictionary(uniqueKeysWithValues: ClaimsAuditor(claims: claims, results: results).audit().map { ($0.id, $0) })
        let auc = verdicts[claims.performance[0].id]?.findings.first { $0.check == "results-auc" }
        XCTAssertEqual(auc?.verdict, .fail)
        XCTAssertEqual(verdicts["cohort/train"]?.findings.first { $0.check == "results-n" }?.verdict, .fail)
        XCTAssertEqual(verdicts["cohort/train"]?.findings.first { $0.check == "counts-sum" }?.verdict, .fail)
        // Within tolerance: 0.004 off still passes.
        claims = ClaimsFile.from(results: results)
        claims.performance[0].auc = ReportedNumber(value: original.value + 0.004, decimals: 3)
        let close = ClaimsAuditor(claims: claims, results: results).audit().first { $0.id == claims.performance[0].id }
        XCTAssertEqual(close?.findings.first { $0.check == "results-auc" }?.verdict, .pass)
    }

    func testResultsWithoutTheCohortCannotCheck() throws {
        let results = try Self.results()
        var claims = ClaimsFile.from(results: results)
        claims.cohorts[2].resultsName = "external"
        let verdict = ClaimsAuditor(claims: claims, results: results).audit().first { $0.id == "cohort/test" }
        XCTAssertEqual(verdict?.findings.first { $0.check == "results-cohort" }?.verdict, .cannotCheck)
    }
}
