import Foundation
@testable import SentinelReport
import SentinelStudy
import XCTest

/// `SortedJSONEncoder` writes exactly JSONEncoder's bytes (pretty, sorted keys, slashes
/// unescaped): on a study's results and on values built to hit every rule (escapes, unicode,
/// key order, duplicate keys, empty containers, extreme numbers, nested and super encoders),
/// and it fails like JSONEncoder on values JSON cannot hold.
final class SortedJSONEncoderTests: XCTestCase {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    func assertSameBytes<T: Encodable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try Self.foundation(value)
        let actual = try SortedJSONEncoder.encode(value)
        XCTAssertEqual(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
        XCTAssertEqual(actual, expected, file: file, line: line)
    }

    func testStudyResultsFixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/report/results.json")
        var results = try JSONDecoder().decode(StudyResults.self, from: Data(contentsOf: url))
        try assertSameBytes(results)
        results.models = [ModelSummary(name: "A/B \"q\"", kind: "L2 logistic regression (SGD)", inputs: ["x", "é"],
                                       hyperparameters: ["alpha": 0.01, "Beta": 1e-300, "gamma": 123456789012345680000.0])]
        results.selection = [SelectionTrail(featureSet: "Rad", candidates: 3, steps: [.init(name: "LASSO", kept: [], fallback: true)])]
        try assertSameBytes(results)
        XCTAssertEqual(try ResultsJSON.encode(results), String(decoding: try Self.foundation(results), as: UTF8.self) + "\n")
    }

    struct Edge: Encodable {
        var text = "quote \" backslash \\ slash / tab \t newline \n cr \r bs \u{8} ff \u{c} nul \u{0} us \u{1f} del \u{7f} é ≥ 𝔸 👍🏽"
        var keys: [String: Int] = ["b": 1, "B": 2, "a10": 3, "a2": 4, "_x": 5, "é": 6, "e": 7, "": 8, "a": 9, "ab": 10, "a b": 11]
        var numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1e16, 1e-5, 5e-324, .greatestFiniteMagnitude, -.leastNormalMagnitude,
                                 123456789012345680000, 0.30000000000000004, 2.5e-7, 1e22, 1e21, 100]
        var floats: [Float] = [0.1, 3, 1e-7, .greatestFiniteMagnitude]
        var integers: [Int] = [0, -1, .max, .min]
        var wide: [UInt64] = [.max]
        var small: [Int8] = [-128, 127]
        var optionals: [Double?] = [nil, 1.5, nil]
        var nothing: Double? = nil
        var flags = [true, false]
        var emptyArray: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[String: [Double]]] = [["x": [], "y": [1, 2]], [:]]
        var intKeys: [Int: String] = [3: "c", 10: "j", 1: "a"]

        enum CodingKeys: String, CodingKey {
            case text, keys, numbers, floats, integers, wide, small, optionals, nothing, flags
            case emptyArray = "empty_array", emptyObject = "empty_object", nested, intKeys = "Int keys"
            case manual, list, again
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(keys, forKey: .keys)
            try c.encode(numbers, forKey: .numbers)
            try c.encode(floats, forKey: .floats)
            try c.encode(integers, forKey: .integers)
            try c.encode(wide, forKey: .wide)
            try c.encode(small, forKey: .small)
            try c.encode(optionals, forKey: .optionals)
            try c.encode(nothing, forKey: .nothing)
            try c.encodeIfPresent(nothing, forKey: .again)
            try c.encode(flags, forKey: .flags)
            try c.encode(emptyArray, forKey: .emptyArray)
            try c.encode(emptyObject, forKey: .emptyObject)
            try c.encode(nested, forKey: .nested)
            try c.encode(intKeys, forKey: .intKeys)
            var manual = c.nestedContainer(keyedBy: CodingKeys.self, forKey: .manual)
            try manual.encode(Float(2.5), forKey: .floats)
            try manual.encodeNil(forKey: .nothing)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(UInt8(7))
            try list.encode("s")
            var inner = list.nestedUnkeyedContainer()
            try inner.encode(Int16(-3))
            var object = list.nestedContainer(keyedBy: CodingKeys.self)
            try object.encode(true, forKey: .flags)
            // The same key twice: the last value is written.
            try c.encode("first", forKey: .again)
            try c.encode("second", forKey: .again)
        }
    }

    func testEdgeCases() throws {
        try assertSameBytes(Edge())
        try assertSameBytes([Edge(), Edge()])
        try assertSameBytes(["top": "level"])
        try assertSameBytes([1.5, 2])
        try assertSameBytes("fragment / \"x\"")
        try assertSameBytes(42)
    }

    struct Inherits: Encodable {
        enum CodingKeys: String, CodingKey { case own, other }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .own)
            var parent = c.superEncoder().container(keyedBy: CodingKeys.self)
            try parent.encode("p", forKey: .own)
            var keyed = c.superEncoder(forKey: .other).singleValueContainer()
            try keyed.encode([3, 4])
        }
    }

    struct Dated: Encodable {
        var date = Date(timeIntervalSince1970: 1_700_000_000)
        var data = Data([1, 2, 3])
        var url = URL(string: "https://example.org/a/b")!
    }

    func testSuperEncodersAndSpecialTypes() throws {
        try assertSameBytes(Inherits())
        try assertSameBytes(Dated())
    }

    func testNonFiniteNumbersFailLikeJSONEncoder() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            XCTAssertThrowsError(try Self.foundation(["x": bad]))
            XCTAssertThrowsError(try SortedJSONEncoder.encode(["x": bad])) { error in
                guard case EncodingError.invalidValue = error else { return XCTFail("unexpected \(error)") }
            }
        }
    }
}
