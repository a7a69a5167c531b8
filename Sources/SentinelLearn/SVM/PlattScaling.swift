#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// Platt's sigmoid P(y = 1 | f) = 1 / (1 + exp(A f + B)), fitted as in libsvm
/// (`sigmoid_train`, Lin, Lin & Weng 2007): regularised targets (N₊+1)/(N₊+2) and
/// 1/(N₋+2), Newton's method with backtracking line search, stopping when both gradient
/// components are below 1e-5 (at most 100 iterations).
public enum PlattScaling {
    public static func fit(decisionValues f: [Double], labels: [Int]) throws -> (a: Double, b: Double) {
        guard f.count == labels.count, !f.isEmpty else {
            throw LearnError.invalidParameter(name: "decision values", value: Double(f.count), requirement: "one per label, at least one")
        }
        let prior1 = Double(labels.filter { $0 == 1 }.count), prior0 = Double(labels.count) - Double(labels.filter { $0 == 1 }.count)
        let hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2)
        let t = labels.map { $0 == 1 ? hi : lo }
        var a = 0.0, b = log((prior0 + 1) / (prior1 + 1))
        func objective(_ a: Double, _ b: Double) -> Double {
            var value = 0.0
            for i in f.indices {
                let z = f[i] * a + b
                value += z >= 0 ? t[i] * z + log(1 + exp(-z)) : (t[i] - 1) * z + log(1 + exp(z))
            }
            return value
        }
        var fval = objective(a, b)
        for _ in 0..<100 {
            var h11 = 1e-12, h22 = 1e-12, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for i in f.indices {
                let z = f[i] * a + b
                let p: Double, q: Double
                if z >= 0 {
                    p = exp(-z) / (1 + exp(-z)); q = 1 / (1 + exp(-z))
                } else {
                    p = 1 / (1 + exp(z)); q = exp(z) / (1 + exp(z))
                }
                let d2 = p * q
                h11 += f[i] * f[i] * d2
                h22 += d2
                h21 += f[i] * d2
                let d1 = t[i] - p
                g1 += f[i] * d1
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
                let newF = objective(newA, newB)
                if newF < fval + 1e-4 * step * gd {
                    a = newA; b = newB; fval = newF
                    break
                }
                step /= 2
            }
            if step < 1e-10 { break }
        }
        return (a, b)
    }

    /// 1 / (1 + exp(a f + b)), evaluated without overflow.
    public static func probability(_ f: Double, a: Double, b: Double) -> Double {
        let z = f * a + b
        return z >= 0 ? exp(-z) / (1 + exp(-z)) : 1 / (1 + exp(z))
    }
}
