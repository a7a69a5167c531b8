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
