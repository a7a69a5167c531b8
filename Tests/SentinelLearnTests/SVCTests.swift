import SentinelLearn
import SentinelTestSupport
import XCTest

/// SVC against scikit-learn / libsvm (Tests/Fixtures/svm/make_svc.py).
final class SVCTests: XCTestCase {
    private struct Case: Decodable {
        let X: [[Double]], y: [Int], Xtest: [[Double]], gamma: Double, decision: [Double], n_support: Int
        let platt_f: [Double], platt_a: Double, platt_b: Double
    }
    private struct File: Decodable { let cases: [Case] }

    private func cases() throws -> [Case] { try Fixtures.load(File.self, "svm/svc.json").cases }

    func testGammaScaleMatchesScikitLearn() throws {
        for c in try cases() {
            assertClose(SVC.scaleGamma(try Matrix(c.X)), c.gamma, relative: 1e-12)
        }
    }

    func testDecisionValuesMatchLibsvmOptimum() throws {
        for (index, c) in try cases().enumerated() {
            let model = try SVC(tolerance: 1e-10).fitDecision(try Matrix(c.X), c.y)
            let f = try model.decisionFunction(try Matrix(c.Xtest))
            assertClose(f, c.decision, relative: 0, absolute: 1e-4, "case \(index)")
            XCTAssertEqual(model.supportVectors.count, c.n_support, "case \(index) support vectors")
        }
    }

    func testPlattSigmoidMatchesScikitLearn() throws {
        for (index, c) in try cases().enumerated() {
            let s = try PlattScaling.fit(decisionValues: c.platt_f, labels: c.y)
            assertClose(s.a, c.platt_a, relative: 0, absolute: 1e-4, "A, case \(index)")
            assertClose(s.b, c.platt_b, relative: 0, absolute: 1e-4, "B, case \(index)")
        }
    }

    func testProbabilitiesAreDeterministicAndOrdered() throws {
        let c = try cases()[0]
        let a = try SVC(seed: 3).fit(try Matrix(c.X), c.y)
        let b = try SVC(seed: 3).fit(try Matrix(c.X), c.y)
        XCTAssertEqual(a, b)
        let p = try a.predictProbability(try Matrix(c.Xtest))
        XCTAssertTrue(p.allSatisfy { $0 > 0 && $0 < 1 })
        let f = try a.decisionFunction(try Matrix(c.Xtest))
        // A < 0: probability increases with the decision value.
        XCTAssertLessThan(a.plattA, 0)
        let order = f.indices.sorted { f[$0] < f[$1] }
        for (u, v) in zip(order, order.dropFirst()) { XCTAssertLessThanOrEqual(p[u], p[v] + 1e-15) }
    }

    func testSingleClassIsAClearError() {
        XCTAssertThrowsError(try SVC().fit(try Matrix([[0.1], [0.2], [0.3]]), [1, 1, 1]))
    }
}
