import Foundation
@testable import SentinelImaging
import SentinelNumerics
import SentinelTestSupport
import XCTest

/// The eigenvalue-only solver against LAPACK (dsyev via LinearAlgebra) on random symmetric,
/// PSD, diagonal, rank-deficient and 1x1/2x2 matrices.
final class SymmetricEigenvaluesTests: XCTestCase {
    func testAgainstLAPACK() throws {
        var g = SeededGenerator(seed: 9)
        for n in [1, 2, 3, 5, 17, 60] {
            for kind in 0..<4 {
                var a = [Double](repeating: 0, count: n * n)
                let b = (0..<(n * n)).map { _ in g.nextGaussian() }
                for i in 0..<n { for j in 0..<n {
                    switch kind {
                    case 0: a[i * n + j] = b[i * n + j] + b[j * n + i]
                    case 1: var s = 0.0; for k in 0..<n { s += b[i * n + k] * b[j * n + k] }; a[i * n + j] = s
                    case 2: a[i * n + j] = i == j ? Double(i % 3) : 0
                    default: a[i * n + j] = b[i] * b[j]  // rank one
                    }
                } }
                let ours = try XCTUnwrap(SymmetricEigenvalues.compute(a, n: n))
                let lapack = try XCTUnwrap(LinearAlgebra.symmetricEigen(a, n: n)).values.sorted()
                let scale = lapack.map(abs).max() ?? 1
                assertClose(ours, lapack, relative: 1e-10, absolute: 1e-11 * max(scale, 1), "n=\(n) kind=\(kind)")
            }
        }
    }
}

/// Lanczos MCC against the dense solver on random co-occurrence-like matrices.
final class MaximalCorrelationTests: XCTestCase {
    func testLanczosMatchesDense() throws {
        var g = SeededGenerator(seed: 21)
        for n in [2, 3, 4, 7, 30, 90, 150] {
            for symmetric in [true, false] {
                var p = (0..<(n * n)).map { _ in g.nextDouble() < 0.3 ? 0 : g.nextDouble() }
                for i in 0..<n { p[i * n + i] += 0.1 }
                if symmetric { for i in 0..<n { for j in 0..<i { p[i * n + j] = p[j * n + i] } } }
                let total = p.reduce(0, +)
                p = p.map { $0 / total }
                var px = [Double](repeating: 0, count: n), py = px
                for i in 0..<n { for j in 0..<n { px[i] += p[i * n + j]; py[j] += p[i * n + j] } }
                let fast = MaximalCorrelation.value(p, px: px, py: py)
                var a = [Double](repeating: 0, count: n * n)
                for i in 0..<n { for k in 0..<n { a[i * n + k] = p[i * n + k] / (px[i] * py[k]).squareRoot() } }
                let dense = MaximalCorrelation.dense(a, n: n)
                assertClose(fast, dense, relative: 1e-9, absolute: 1e-12, "n=\(n) symmetric=\(symmetric)")
            }
        }
    }
}
