import XCTest
@testable import SentinelRender

/// The sfnt table checksum read a word at a time equals the OpenType definition: the sum
/// (mod 2^32) of the table's big-endian 32-bit words, the last one zero-padded.
final class TrueTypeChecksumTests: XCTestCase {
    func testChecksumIsTheSumOfBigEndianWords() {
        func reference(_ data: [UInt8]) -> UInt32 {
            var padded = data
            while padded.count % 4 != 0 { padded.append(0) }
            var sum: UInt32 = 0
            for i in stride(from: 0, to: padded.count, by: 4) {
                sum &+= UInt32(padded[i]) << 24 | UInt32(padded[i + 1]) << 16 | UInt32(padded[i + 2]) << 8 | UInt32(padded[i + 3])
            }
            return sum
        }
        var state: UInt32 = 12345
        for count in 0...41 {
            let data = (0..<count).map { _ -> UInt8 in
                state = state &* 1_103_515_245 &+ 12_345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
            XCTAssertEqual(TrueTypeSubset.checksum(data), reference(data), "\(count) bytes")
        }
        XCTAssertEqual(TrueTypeSubset.checksum([0x12, 0x34, 0x56, 0x78, 0x9A]), 0x1234_5678 &+ 0x9A00_0000)
        XCTAssertEqual(TrueTypeSubset.checksum([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2]), 1)
    }
}
