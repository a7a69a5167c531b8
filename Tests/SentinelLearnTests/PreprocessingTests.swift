import SentinelLearn
import SentinelNumerics
import SentinelTestSupport
import XCTest

final class PreprocessingTests: XCTestCase {
    private struct Case: Decodable { let name: String; let x: [[Double]]; let mean: [Double]; let scale: [Double]; let z: [[Double]] }
    private struct File: Decodable { let scaler: [Case] }

    /// StandardScaler equals scikit-learn (ddof 0; constant column → scale 1).
    func testScalerMatchesScikitLearn() throws {
        for c in try Fixtures.load(File.self, "learn/preprocessing.json").scaler {
            let x = try Matrix(c.x)
            let fit = try StandardScaler().fit(x)
            assertClose(fit.mean, c.mean, relative: 1e-14, absolute: 1e-300, c.name)
            assertClose(fit.scale, c.scale, relative: 1e-13, c.name)
            let z = try fit.transform(x)
            for (a, e) in zip(z.rowArrays, c.z) { assertClose(a, e, relative: 1e-12, absolute: 1e-12, c.name) }
        }
    }

    /// Deviations of 1e300 squared overflow: the SD was infinity (model.json could not be
    /// written, exit 70); computed on rescaled deviations it is the exact finite value.
    func testScalerSDStaysFiniteForHugeValues() throws {
        let fit = try StandardScaler().fit(Matrix([[-3e300, 1], [1e300, 2], [2e300, 3]]))
        XCTAssertEqual(fit.mean[0], 0, accuracy: 1e285)
        // Population SD of (-3, 1, 2)e300 = sqrt(14/3)e300.
        assertClose([fit.scale[0]], [(14.0 / 3).squareRoot() * 1e300], relative: 1e-14)
        assertClose([fit.scale[1]], [(2.0 / 3).squareRoot()], relative: 1e-15)
        XCTAssertTrue(try fit.transform(Matrix([[1e300, 2]])).rowArrays[0].allSatisfy(\.isFinite))
    }

    func testScalerRejectsWrongWidthAndNaN() throws {
        let fit = try StandardScaler().fit(Matrix([[1, 2], [3, 4]]))
        XCTAssertThrowsError(try fit.transform(Matrix([[1, 2, 3]])))
        XCTAssertThrowsError(try StandardScaler().fit(Matrix([[1, .nan]])))
        XCTAssertThrowsError(try StandardScaler().fit(Matrix([])))
    }

    /// Stratified folds: balanced class counts, every sample once, reproducible, seed-dependent.
    func testStratifiedFoldsAreBalancedAndDeterministic() throws {
        let labels = (0..<203).map { $0 % 11 < 3 ? 1 : 0 }
        var g = SeededGenerator(seed: 9)
        let a = try StratifiedKFold(folds: 5).assignment(labels: labels, generator: &g)
        var g2 = SeededGenerator(seed: 9)
        XCTAssertEqual(a, try StratifiedKFold(folds: 5).assignment(labels: labels, generator: &g2))
        var g3 = SeededGenerator(seed: 10)
        XCTAssertNotEqual(a, try StratifiedKFold(folds: 5).assignment(labels: labels, generator: &g3))
        let positives = labels.filter { $0 == 1 }.count
        for f in 0..<5 {
            let members = a.indices.filter { a[$0] == f }
            let pos = members.filter { labels[$0] == 1 }.count
            XCTAssertTrue([positives / 5, positives / 5 + 1].contains(pos))
            XCTAssertTrue([203 / 5, 203 / 5 + 1].contains(members.count))
        }
        let splits = try FoldSplit.splits(fromAssignment: a)
        XCTAssertEqual(splits.flatMap(\.test).sorted(), Array(0..<203))
        for s in splits { XCTAssertEqual(Set(s.train).intersection(s.test).count, 0) }
    }

    func testFoldErrors() throws {
        var g = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try StratifiedKFold(folds: 5).assignment(labels: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1], generator: &g))
        XCTAssertThrowsError(try FoldSplit.splits(fromAssignment: [0, 0, 2, 2]))
        XCTAssertThrowsError(try FoldSplit.splits(fromAssignment: [0, 0, 0]))
    }
}
