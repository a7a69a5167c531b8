import Foundation

/// Platt scaling of SVM decision values by libsvm's method (Lin, Lin & Weng 2007, "A note on
/// Platt's probabilistic outputs for support vector machines"), as in scikit-learn's libsvm.
///
/// The sigmoid is fitted in libsvm's orientation: with g = −f (positive towards class 0) and
/// targets t = (N₀+1)/(N₀+2) for class 0 and 1/(N₁+2) for class 1, Newton's method with
/// backtracking (σ = 1e-12 ridge, stop when both gradient entries are < 1e-5, ≤ 100
/// iterations) minimises the cross-entropy of P₀(g) = 1 / (1 + exp(A·g + B)). A and B are
/// scikit-learn's `probA_` and `probB_`. `probability(f)` then reproduces scikit-learn's
/// `predict_proba[:, 1]`: P₀ clipped to [1e-7, 1 − 1e-7] and passed through libsvm's pairwise
/// coupling (`multiclass_probability`, which for two classes stops within 0.0025 of the sigmoid;
/// it is reproduced, not skipped).
public struct PlattScaling: Codable, Sendable, Equatable {
    public init() {}

    /// Fits the sigmoid to decision values `f` (positive towards class 1) and 0/1 labels.
    /// - Throws: `LearnError` when sizes differ, a value is not finite, or a label is not 0/1.
    public func fit(decisionValues f: [Double], labels: [Int]) throws -> Fitted {
        try InputCheck.targets(f, rows: labels.count)
        for (i, v) in labels.enumerated() where v != 0 && v != 1 { throw LearnError.labelNotBinary(index: i, value: v) }
        let g = f.map { -$0 }
        let positive = labels.map { $0 == 0 }  // libsvm's +1 class is class 0
        let prior1 = Double(positive.filter { $0 }.count), prior0 = Double(positive.count) - prior1
        let hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2)
        let t = positive.map { $0 ? hi : lo }
        var a = 0.0, b = log((prior0 + 1) / (prior1 + 1))
        func value(_ a: Double, _ b: Double) -> Double {
            var s = 0.0
            for i in g.indices {
                let z = g[i] * a + b
                s += z >= 0 ? t[i] * z + log(1 + exp(-z)) : (t[i] - 1) * z + log(1 + exp(z))
            }
            return s
        }
        var fval = value(a, b)
        for _ in 0..<100 {
            var h11 = 1e-12, h22 = 1e-12, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in g.indices {
                let z = g[i] * a + b
                let p: Double, q: Double
                if z >= 0 {
                    p = exp(-z) / (1 + exp(-z)); q = 1 / (1 + exp(-z))
                } else {
                    p = 1 / (1 + exp(z)); q = exp(z) / (1 + exp(z))
                }
                let d2 = p * q
                h11 += g[i] * g[i] * d2
                h22 += d2
                h21 += g[i] * d2
                let d1 = t[i] - p
                g1 += g[i] * d1
                g2 += d1
            }
            if abs(g1) < 1e-5 && abs(g2) < 1e-5 { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            while step >= 1e-10 {
                let newA = a + step * dA, newB = b + step * dB
                let newF = value(newA, newB)
                if newF < fval + 0.0001 * step * gd {
                    a = newA; b = newB; fval = newF
                    break
                }
                step /= 2
            }
            if step < 1e-10 { break }
        }
        return Fitted(a: a, b: b)
    }

    /// libsvm's internal 5-fold CV decision values (positive towards class 1) for the rows of
    /// `x`, which must already be grouped class 0 first. Fold k holds positions
    /// ⌊k·n/5⌋ ..< ⌊(k+1)·n/5⌋ of `permutation`; each fold's SVM is trained on the other rows in
    /// permutation order. A training part with one class gives ±1 as libsvm.
    static func crossValidatedDecisionValues(svc: SVC, gamma: Double, x: Matrix, labels: [Int],
                                             permutation: [Int]) throws -> [Double] {
        let n = x.rows, folds = 5
        var decisions = [Double](repeating: 0, count: n)
        for k in 0..<folds {
            let begin = k * n / folds, end = (k + 1) * n / folds
            let trainRows = Array(permutation[0..<begin]) + Array(permutation[end..<n])
            let trainLabels = trainRows.map { labels[$0] }
            let ones = trainLabels.filter { $0 == 1 }.count
            let testRows = Array(permutation[begin..<end])
            if ones == 0 || ones == trainLabels.count {
                for r in testRows { decisions[r] = ones == 0 ? -1 : 1 }
                continue
            }
            // Inside libsvm the sub-problem's labels are ±1 and scikit-learn sorts them, so the
            // class-1 rows (label −1) come first in the fold's SMO.
            let model = try svc.train(x.selectingRows(trainRows), labels: trainLabels, gamma: gamma,
                                      classOneFirst: true)
            let values = try model.decisionFunction(x.selectingRows(testRows))
            for (r, v) in zip(testRows, values) { decisions[r] = v }
        }
        return decisions
    }

    /// The fitted sigmoid: plain data (scikit-learn `probA_`, `probB_`).
    public struct Fitted: Codable, Sendable, Equatable {
        public var a: Double
        public var b: Double

        public init(a: Double, b: Double) {
            self.a = a
            self.b = b
        }

        /// P(class 1 | decision value f), as scikit-learn `SVC.predict_proba[:, 1]`.
        public func probability(_ f: Double) -> Double {
            let z = -f * a + b
            let p0 = z >= 0 ? exp(-z) / (1 + exp(-z)) : 1 / (1 + exp(z))
            let r01 = min(max(p0, 1e-7), 1 - 1e-7)
            return Self.pairwiseCoupling(r01)
        }

        /// libsvm `multiclass_probability` for k = 2; returns p[1].
        static func pairwiseCoupling(_ r01: Double) -> Double {
            let r10 = 1 - r01
            let q = [[r10 * r10, -r10 * r01], [-r10 * r01, r01 * r01]]
            var p = [0.5, 0.5]
            var qp = [0.0, 0.0]
            let eps = 0.005 / 2
            for _ in 0..<100 {
                var pQp = 0.0
                for t in 0..<2 {
                    qp[t] = q[t][0] * p[0] + q[t][1] * p[1]
                    pQp += p[t] * qp[t]
                }
                let maxError = max(abs(qp[0] - pQp), abs(qp[1] - pQp))
                if maxError < eps { break }
                for t in 0..<2 {
                    let diff = (-qp[t] + pQp) / q[t][t]
                    p[t] += diff
                    pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff)
                    for j in 0..<2 {
                        qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff)
                        p[j] /= (1 + diff)
                    }
                }
            }
            return p[1]
        }
    }
}
