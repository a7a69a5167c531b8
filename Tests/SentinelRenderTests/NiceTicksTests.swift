import XCTest
@testable import SentinelRender

final class NiceTicksTests: XCTestCase {
    func testUnitInterval() {
        XCTAssertEqual(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 6), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 11), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        XCTAssertEqual(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 5), [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 3), [0, 0.5, 1])
    }

    func testTicksStayInsideTheInterval() {
        XCTAssertEqual(NiceTicks.ticks(lo: -0.05, hi: 0.3, maxCount: 8), [-0.05, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3])
        XCTAssertEqual(NiceTicks.ticks(lo: -7.2, hi: -0.8, maxCount: 8), [-7, -6, -5, -4, -3, -2, -1])
        XCTAssertEqual(NiceTicks.ticks(lo: 0.01, hi: 0.99, maxCount: 10), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        XCTAssertEqual(NiceTicks.ticks(lo: 1200, hi: 5100, maxCount: 5), [2000, 3000, 4000, 5000])
        XCTAssertEqual(NiceTicks.ticks(lo: 2, hi: 2, maxCount: 5), [2])
        XCTAssertEqual(NiceTicks.ticks(lo: .nan, hi: 1, maxCount: 5), [])
    }

    func testNiceDomainAndDecimals() {
        let d = NiceTicks.niceDomain(lo: 0.63, hi: 0.97, maxCount: 6)
        XCTAssertEqual(d.lo, 0.6, accuracy: 1e-12)
        XCTAssertEqual(d.hi, 1.0, accuracy: 1e-12)
        XCTAssertEqual(NiceTicks.decimals(forStep: 0.25), 2)
        XCTAssertEqual(NiceTicks.decimals(forStep: 0.2), 1)
        XCTAssertEqual(NiceTicks.decimals(forStep: 5), 0)
        XCTAssertEqual(NiceTicks.decimals(forStep: 0.005), 3)
    }

    func testNumberFormatUsesTrueMinusAndNoNegativeZero() {
        XCTAssertEqual(NumberFormat.fixed(-0.05, decimals: 2), "−0.05")
        XCTAssertEqual(NumberFormat.fixed(-0.0001, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormat.fixed(0.8449, decimals: 3), "0.845")
        XCTAssertEqual(NumberFormat.fixed(.nan, decimals: 3), "NA")
        XCTAssertEqual(NumberFormat.estimate(0.845, lower: 0.769, upper: 0.921), "0.845 (0.769–0.921)")
        XCTAssertEqual(NumberFormat.estimate(0.845, lower: nil, upper: nil), "0.845")
    }

    func testFittedTicksNeverCollide() throws {
        let font = Font(size: 8.5)
        for length in [40.0, 80, 150, 300, 600] {
            for (lo, hi) in [(0.0, 1.0), (-0.05, 0.31), (-9.3, -0.7), (0.0, 12345.0)] {
                let ticks = try CartesianFrame.fitTicks(lo: lo, hi: hi, length: length) { try TextShaper.width(of: $0, font: font) + 8 }
                XCTAssertGreaterThanOrEqual(ticks.count, 1)
                guard ticks.count >= 2 else { continue }
                let digits = CartesianFrame.decimals(of: ticks)
                let boxes = try ticks.map { t -> (Double, Double) in
                    let w = try TextShaper.width(of: NumberFormat.fixed(t, decimals: digits), font: font)
                    let x = (t - lo) / (hi - lo) * length
                    return (x - w / 2, x + w / 2)
                }
                if length >= 150 {
                    for k in 1..<boxes.count { XCTAssertLessThan(boxes[k - 1].1, boxes[k].0, "length \(length) [\(lo), \(hi)]: \(ticks)") }
                }
            }
        }
    }
}
