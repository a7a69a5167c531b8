import Foundation
@testable import SentinelReport
import XCTest

/// Numbers written by `SortedJSONEncoder` straight from `Double.write(to:)` (no `String` per
/// number) and objects of any size are JSONEncoder's bytes.
final class JSONNumberTextTests: XCTestCase {
    func jsonEncoder(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    func testDoublesFromEveryRangeAreJSONEncoders() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        var values: [Double] = []
        while values.count < 3000 {
            let bits = Double(bitPattern: next())
            if bits.isFinite { values.append(bits) }
            // Everyday magnitudes too: probabilities, coefficients, counts.
            values.append(Double(next() % 2_000_001) / 1_000_000 - 1)
            values.append(Double(next() % 100_000))
        }
        XCTAssertEqual(try SortedJSONEncoder.encode(values), try jsonEncoder(values))
        XCTAssertEqual(try SortedJSONEncoder.encode(["x": values[0], "y": -0.0, "z": 1e300]),
                       try jsonEncoder(["x": values[0], "y": -0.0, "z": 1e300]))
    }

    func testObjectsOfManyKeysAreJSONEncoders() throws {
        for count in [0, 1, 7, 8, 9, 33] {
            let object = Dictionary(uniqueKeysWithValues: (0..<count).map { ("key\(($0 * 7919) % 101)", Double($0) / 3) })
            XCTAssertEqual(try SortedJSONEncoder.encode(object), try jsonEncoder(object), "\(count) keys")
            XCTAssertEqual(try SortedJSONEncoder.encode([object, object]), try jsonEncoder([object, object]), "\(count) keys")
        }
    }
}
