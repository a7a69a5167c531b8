import Foundation
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

final class SHA256Tests: XCTestCase {
    private struct Fixture: Decodable {
        struct Text: Decodable { let text: String; let hex: String }
        struct Pattern: Decodable { let length: Int; let hex: String }
        let strings: [Text]
        let patterns: [Pattern]
    }

    private func pattern(_ n: Int) -> [UInt8] {
        (0 ..< n).map { UInt8((31 * $0 + 7) % 256) }
    }

    func testStringsMatchHashlib() throws {
        let fixture = try Fixtures.load(Fixture.self, "study/sha256.json")
        for item in fixture.strings {
            XCTAssertEqual(SHA256.hash(Data(item.text.utf8)).hex, item.hex, item.text)
        }
    }

    func testBlockBoundariesMatchHashlib() throws {
        let fixture = try Fixtures.load(Fixture.self, "study/sha256.json")
        XCTAssertGreaterThan(fixture.patterns.count, 15)
        for item in fixture.patterns {
            XCTAssertEqual(SHA256.hash(Data(pattern(item.length))).hex, item.hex, "length \(item.length)")
        }
    }

    func testIncrementalUpdatesInOddChunksGiveTheSameDigest() throws {
        let fixture = try Fixtures.load(Fixture.self, "study/sha256.json")
        for item in fixture.patterns where item.length <= 65536 {
            let bytes = pattern(item.length)
            var byData = SHA256(), bySequence = SHA256()
            var start = 0, step = 1
            while start < bytes.count {
                let end = min(bytes.count, start + step)
                byData.update(Data(bytes[start ..< end]))
                bySequence.update(bytes[start ..< end])
                start = end
                step = step * 3 % 97 + 1
            }
            XCTAssertEqual(byData.finalize().hex, item.hex, "Data chunks, length \(item.length)")
            XCTAssertEqual(bySequence.finalize().hex, item.hex, "sequence chunks, length \(item.length)")
        }
    }

    func testFileHashAndMissingFile() throws {
        let fixture = try Fixtures.load(Fixture.self, "study/sha256.json")
        guard let item = fixture.patterns.first(where: { $0.length == 1000003 }) else { return XCTFail("fixture") }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString).bin")
        try Data(pattern(item.length)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertEqual(try SHA256.hash(fileAt: url).hex, item.hex)
        XCTAssertThrowsError(try SHA256.hash(fileAt: url.appendingPathExtension("missing"), name: "x.bin")) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(file: "x.bin"))
            XCTAssertEqual((error as? DataError)?.exitCode, 66)
        }
    }

    func testRunDateHonoursSourceDateEpoch() throws {
        let fixed = try Provenance.runDate(environment: ["SOURCE_DATE_EPOCH": "1757376000"])
        XCTAssertEqual(fixed.source, "SOURCE_DATE_EPOCH")
        XCTAssertEqual(Provenance.iso8601(fixed.date), "2025-09-09T00:00:00Z")
        let now = Date(timeIntervalSince1970: 86400)
        let clock = try Provenance.runDate(environment: [:], now: now)
        XCTAssertEqual(clock.source, "clock")
        XCTAssertEqual(Provenance.iso8601(clock.date), "1970-01-02T00:00:00Z")
        XCTAssertThrowsError(try Provenance.runDate(environment: ["SOURCE_DATE_EPOCH": "yesterday"])) { error in
            XCTAssertEqual((error as? ProvenanceError)?.exitCode, 78)
        }
    }
}
