import Foundation
@testable import SentinelReport
import XCTest

/// `Base64` (the report's figure encoder) gives Foundation's bytes at every length remainder.
final class Base64Tests: XCTestCase {
    func testBase64IsFoundations() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for count in Array(0...40) + [255, 256, 257, 3000, 65_537] {
            let bytes = (0..<count).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            XCTAssertEqual(Base64.encode(bytes), [UInt8](Data(bytes).base64EncodedData()), "\(count) bytes")
        }
    }
}
