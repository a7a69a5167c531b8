import SentinelNumerics
import SentinelTestSupport
import XCTest

final class LinearAlgebraTests: XCTestCase {
    func testSolveMatchesHandComputedSystem() throws {
        // 2x + y = 5, x + 3y = 10 → x = 1, y = 3
        let x = try XCTUnwrap(LinearAlgebra.solve([2, 1, 1, 3], n: 2, [5, 10]))
        assertClose(x, [1, 3], relative: 1e-14, absolute: 1e-14)
    }

    func testSingularSystemReturnsNil() {
        XCTAssertNil(LinearAlgebra.solve([1, 2, 2, 4], n: 2, [1, 1]))
    }

    func testCholeskySolveMatchesHandComputedSystem() throws {
        // [[4, 2], [2, 3]] x = [2, 5] → x = [−0.5, 2]
        let x = try XCTUnwrap(LinearAlgebra.choleskySolve([4, 2, 2, 3], n: 2, [2, 5]))
        assertClose(x, [-0.5, 2], relative: 1e-15, absolute: 1e-15)
    }

    func testCholeskySolveAgreesWithLUOnRandomSPDSystems() throws {
        var generator = SeededGenerator(seed: 11)
        for n in [1, 3, 17, 40] {
            // A = MᵀM + I (SPD), b random.
            let m = (0 ..< n * n).map { _ in generator.nextDouble() - 0.5 }
            var a = LinearAlgebra.dgemm(m: n, n: n, k: n, a: m, transposeA: true, b: m)
            for i in 0 ..< n { a[i * n + i] += 1 }
            let b = (0 ..< n).map { _ in generator.nextDouble() * 4 - 2 }
            let lu = try XCTUnwrap(LinearAlgebra.solve(a, n: n, b))
            let cholesky = try XCTUnwrap(LinearAlgebra.choleskySolve(a, n: n, b))
            assertClose(cholesky, lu, relative: 1e-11, absolute: 1e-12)
        }
    }

    func testCholeskySolveRefusesWhatIsNotPositiveDefinite() {
        XCTAssertNil(LinearAlgebra.choleskySolve([1, 2, 2, 1], n: 2, [1, 1]), "indefinite")
        XCTAssertNil(LinearAlgebra.choleskySolve([1, 1, 1, 1], n: 2, [1, 1]), "singular")
        XCTAssertNil(LinearAlgebra.choleskySolve([0], n: 1, [1]), "zero pivot")
        XCTAssertNil(LinearAlgebra.choleskySolve([.nan], n: 1, [1]), "NaN")
        XCTAssertEqual(LinearAlgebra.choleskySolve([], n: 0, []), [])
    }

    func testSgemmRowMajorProduct() {
        let a: [Float] = [1, 2, 3, 4, 5, 6]        // 2×3
        let b: [Float] = [7, 8, 9, 10, 11, 12]     // 3×2
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    LinearAlgebra.sgemm(m: 2, n: 2, k: 3, a: pa.baseAddress!, lda: 3,
                                        b: pb.baseAddress!, ldb: 2, c: pc.baseAddress!, ldc: 2)
                }
            }
        }
        XCTAssertEqual(c, [58, 64, 139, 154])
    }

    func testSymmetricEigen() throws {
        let r = try XCTUnwrap(LinearAlgebra.symmetricEigen([2, 1, 1, 2], n: 2))
        assertClose(r.values, [1, 3], relative: 1e-14)
    }
}
