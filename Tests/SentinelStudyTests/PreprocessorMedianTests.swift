import Foundation
import SentinelNumerics
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The imputation median (found by selection, not a full sort) against numpy.median
/// (Tests/Fixtures/study/make_median.py), and bit for bit against the middle of the sorted
/// sample (so -0.0 and 0.0 come out as the sort leaves them).
final class PreprocessorMedianTests: XCTestCase {
    private struct Fixture: Decodable {
        struct Case: Decodable { let values: [String]; let median: String }
        let cases: [Case]
    }

    private func sortedMedian(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    func testMatchesNumpy() throws {
        let fixture = try Fixtures.load(Fixture.self, "study/median.json")
        XCTAssertEqual(fixture.cases.count, 48)
        for (index, item) in fixture.cases.enumerated() {
            let values = item.values.map { Double($0)! }
            let median = Preprocessor.median(values)
            XCTAssertEqual(median, Double(item.median)!, "case \(index)")
            XCTAssertEqual(median.bitPattern, sortedMedian(values).bitPattern, "case \(index)")
        }
    }

    func testIsTheMiddleOfTheSortedSampleBitForBit() {
        var generator = SeededGenerator(seed: 7)
        let pool: [Double] = [0, -0.0, 1, -1, 2, 2, 3.5, -7, 1e-300, .leastNonzeroMagnitude, -.greatestFiniteMagnitude]
        for trial in 0 ..< 20_000 {
            let n = 1 + generator.nextInt(below: 60)
            let values = (0 ..< n).map { _ -> Double in
                trial % 2 == 0 ? pool[generator.nextInt(below: pool.count)] : Double(generator.nextInt(below: 9)) - 4
            }
            XCTAssertEqual(Preprocessor.median(values).bitPattern, sortedMedian(values).bitPattern, "\(values)")
        }
        for _ in 0 ..< 200 {
            let values = (0 ..< 1 + generator.nextInt(below: 600)).map { _ in generator.nextDouble() * 2 - 1 }
            XCTAssertEqual(Preprocessor.median(values).bitPattern, sortedMedian(values).bitPattern)
        }
    }
}
