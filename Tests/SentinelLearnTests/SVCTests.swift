import SentinelLearn
import SentinelNumerics
import SentinelTestSupport
import XCTest

final class SVCTests: XCTestCase {
    private struct Case: Decodable {
        let name: String
        let x: [[Double]]
        let y: [Int]
        let x_test: [[Double]]
        let gamma_param: Double?
        let gamma: Double
        let platt_permutation: [Int]
        let cv_decision_libsvm_orientation: [Double]
        let support: [Int]
        let dual_coef: [Double]
        let intercept: Double
        let prob_a: Double
        let prob_b: Double
        let decision_train: [Double]
        let decision_test: [Double]
        let proba_train: [Double]
        let proba_test: [Double]
    }
    private struct File: Decodable { let cases: [Case] }

    private func svc(_ c: Case) -> SVC {
        SVC(gamma: c.gamma_param.map { .value($0) } ?? .scale)
    }

    /// SMO solution and decision values equal scikit-learn SVC (libsvm) within 1e-4.
    func testDecisionValuesMatchScikitLearn() throws {
        for c in try Fixtures.load(File.self, "learn/svc.json").cases {
            let x = try Matrix(c.x)
            let fit = try svc(c).fit(x, labels: c.y, plattPermutation: c.platt_permutation)
            assertClose(fit.gamma, c.gamma, relative: 1e-14, c.name)
            XCTAssertEqual(fit.supportIndices, c.support, c.name)
            assertClose(fit.dualCoefficients, c.dual_coef, relative: 0, absolute: 1e-4, c.name)
            assertClose(fit.intercept, c.intercept, relative: 0, absolute: 1e-4, c.name)
            assertClose(try fit.decisionFunction(x), c.decision_train, relative: 0, absolute: 1e-4, c.name)
            assertClose(try fit.decisionFunction(Matrix(c.x_test)), c.decision_test, relative: 0, absolute: 1e-4, c.name)
        }
    }

    /// With libsvm's Platt folds reproduced, probA_/probB_ and predict_proba match within 1e-4.
    func testPlattProbabilitiesMatchScikitLearn() throws {
        for c in try Fixtures.load(File.self, "learn/svc.json").cases {
            let x = try Matrix(c.x)
            let fit = try svc(c).fit(x, labels: c.y, plattPermutation: c.platt_permutation)
            let platt = try XCTUnwrap(fit.platt)
            assertClose(platt.a, c.prob_a, relative: 0, absolute: 1e-4, c.name)
            assertClose(platt.b, c.prob_b, relative: 0, absolute: 1e-4, c.name)
            assertClose(try fit.predictProbability(x), c.proba_train, relative: 0, absolute: 1e-4, c.name)
            assertClose(try fit.predictProbability(Matrix(c.x_test)), c.proba_test, relative: 0, absolute: 1e-4, c.name)
        }
    }

    /// The sigmoid fitted on given CV decision values reproduces probA_/probB_.
    func testSigmoidOnGivenDecisionValues() throws {
        for c in try Fixtures.load(File.self, "learn/svc.json").cases {
            let grouped = c.y.filter { $0 == 0 } + c.y.filter { $0 == 1 }
            let f = c.cv_decision_libsvm_orientation.map { -$0 }
            let platt = try PlattScaling().fit(decisionValues: f, labels: grouped)
            assertClose(platt.a, c.prob_a, relative: 1e-9, absolute: 1e-12, c.name)
            assertClose(platt.b, c.prob_b, relative: 1e-9, absolute: 1e-12, c.name)
        }
    }

    func testSeededFitIsDeterministicAndCodable() throws {
        let c = try Fixtures.load(File.self, "learn/svc.json").cases[3]
        let x = try Matrix(c.x)
        var g1 = SeededGenerator(seed: 8), g2 = SeededGenerator(seed: 8)
        let a = try SVC().fit(x, labels: c.y, generator: &g1)
        XCTAssertEqual(a, try SVC().fit(x, labels: c.y, generator: &g2))
        let decoded = try JSONDecoder().decode(SVC.Fitted.self, from: JSONEncoder().encode(a))
        XCTAssertEqual(try decoded.predictProbability(x), try a.predictProbability(x))
        // Same SVM as with scikit-learn's folds; only the Platt sigmoid depends on the seed.
        assertClose(try a.decisionFunction(x), c.decision_train, relative: 0, absolute: 1e-4)
    }

    func testDegenerateInputs() throws {
        var g = SeededGenerator(seed: 1)
        let x = try Matrix((0..<12).map { [Double($0)] })
        XCTAssertThrowsError(try SVC().fit(x, labels: [Int](repeating: 1, count: 12), generator: &g))
        XCTAssertThrowsError(try SVC().fit(x, labels: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], generator: &g)) { e in
            XCTAssertEqual(e as? LearnError, .tooFewSamples(what: "class 1 for Platt scaling's 5-fold CV", needed: 5, found: 4))
        }
        // Constant features: gamma falls back to 1 and the fit still works without probabilities.
        let constant = try Matrix([[Double]](repeating: [2, 2], count: 6))
        let fit = try SVC(probability: false).fit(constant, labels: [0, 1, 0, 1, 0, 1], generator: &g)
        XCTAssertEqual(fit.gamma, 1)
        XCTAssertThrowsError(try fit.predictProbability(constant))
    }
}
