import SentinelLearn
import SentinelNumerics
import XCTest

/// Fitted models are plain data: a JSON round trip gives equal values and equal predictions.
final class CodableTests: XCTestCase {
    private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        let decoded = try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        XCTAssertEqual(decoded, value)
        return decoded
    }

    func testFittedModelsRoundTrip() throws {
        var rows: [[Double]] = []
        var labels: [Int] = []
        for i in 0..<40 {
            let a = Double(i % 7)
            let b = Double((i * 3) % 11) / 2
            let c: Double = i % 2 == 0 ? 1 : 0.5
            rows.append([a, b, c])
            labels.append(a + b > 6 ? 1 : 0)
        }
        let x = try Matrix(rows)
        let scaler = try roundTrip(StandardScaler().fit(x))
        let z = try scaler.transform(x)
        let lasso = try roundTrip(Lasso(alpha: 0.01).fit(z, labels.map(Double.init)))
        XCTAssertEqual(try lasso.predict(z), try Lasso(alpha: 0.01).fit(z, labels.map(Double.init)).predict(z))
        let logistic = try roundTrip(LogisticRegression(alpha: 0.01).fit(z, labels: labels))
        XCTAssertEqual(try logistic.predictProbability(z).count, 40)
        var g = SeededGenerator(seed: 4)
        let sgd = try roundTrip(SGDLogisticRegression(alpha: 0.01).fit(z, labels: labels, generator: &g))
        XCTAssertTrue(sgd.converged)
        var g2 = SeededGenerator(seed: 4)
        let svc = try roundTrip(SVC().fit(z, labels: labels, generator: &g2))
        XCTAssertEqual(svc.supportVectors.rows, svc.dualCoefficients.count)
        _ = try roundTrip(FoldSplit(train: [1, 2], test: [0]))
        _ = try roundTrip(SVC(gamma: .value(0.5)))
    }
}
