import XCTest
@testable import SentinelRender

final class ColumnWidthsTests: XCTestCase {
    func testNaturalWidthsGetTheSpareSpaceEqually() {
        XCTAssertEqual(ColumnWidths.allocate(natural: [100, 50, 50], available: 230), [110, 60, 60])
    }

    func testWaterFillingKeepsNarrowColumnsAndSharesTheRest() {
        let w = ColumnWidths.allocate(natural: [300, 40, 250, 40], available: 400)
        XCTAssertEqual(w, [160, 40, 160, 40])
        XCTAssertEqual(w.reduce(0, +), 400, accuracy: 1e-9)
    }

    func testWeightsAreProportional() {
        XCTAssertEqual(ColumnWidths.allocate(natural: [1, 1], available: 300, weights: [2, 1]), [200, 100])
        XCTAssertEqual(ColumnWidths.allocate(natural: [], available: 300), [])
    }
}
