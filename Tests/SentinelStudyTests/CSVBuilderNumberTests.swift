import Foundation
@testable import SentinelStudy
import XCTest

/// `CSVBuilder`'s number cells: `Double.description` byte for byte (shortest round-trip),
/// NaN as an empty cell, infinities as `inf` / `-inf`.
final class CSVBuilderNumberTests: XCTestCase {
    func testCellsAreDescriptionsAndSpecials() {
        var csv = CSVBuilder(header: ["a", "b", "c", "d", "e"])
        csv.appendField(0.1)
        csv.appendField(Double.nan)
        csv.appendField(Double.infinity)
        csv.appendField(-Double.infinity)
        csv.appendField(-1.5e-300)
        csv.endRow()
        csv.appendField(0.30000000000000004)
        csv.appendField(1234.5678901234567)
        csv.appendField(1e16)
        csv.appendField(-0.0)
        csv.appendField(.leastNonzeroMagnitude)
        csv.endRow()
        XCTAssertEqual(csv.text, "a,b,c,d,e\n0.1,,inf,-inf,-1.5e-300\n0.30000000000000004,1234.5678901234567,1e+16,-0.0,5e-324\n")
    }
}
