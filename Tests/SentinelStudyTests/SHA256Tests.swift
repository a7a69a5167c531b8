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

    func testFilesOfSeveralChunksMatchHashlib() throws {
        // 4 MiB is exactly four 1 MiB reads, 5000011 bytes end in a partial one (hashlib values).
        let fixture = try Fixtures.load(LengthsFixture.self, "study/sha256_lengths.json")
        XCTAssertEqual(fixture.long.map(\.length), [4_194_304, 5_000_011])
        for item in fixture.long {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString).bin")
            try Data(pattern(item.length)).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            XCTAssertEqual(try SHA256.hash(fileAt: url).hex, item.hex, "length \(item.length)")
        }
    }

    private struct LengthsFixture: Decodable {
        struct Pattern: Decodable { let length: Int; let hex: String }
        struct Repeated: Decodable { let text: String; let `repeat`: Int; let hex: String }
        let lengths: [Pattern]
        let long: [Pattern]
        let nist: [Repeated]
    }

    private func digest(_ bytes: [UInt8], hardware: Bool) -> String {
        var hash = SHA256(hardware: hardware)
        hash.update(Data(bytes))
        return hash.finalize().hex
    }

    func testEveryLengthTo200MatchesHashlibOnBothPaths() throws {
        let fixture = try Fixtures.load(LengthsFixture.self, "study/sha256_lengths.json")
        XCTAssertEqual(fixture.lengths.map(\.length), Array(0 ... 200))
        for item in fixture.lengths {
            let bytes = pattern(item.length)
            XCTAssertEqual(digest(bytes, hardware: false), item.hex, "portable, length \(item.length)")
            XCTAssertEqual(digest(bytes, hardware: true), item.hex, "hardware, length \(item.length)")
        }
    }

    func testLongInputsAndNISTVectorsMatchOnBothPaths() throws {
        let fixture = try Fixtures.load(LengthsFixture.self, "study/sha256_lengths.json")
        XCTAssertEqual(fixture.nist.first?.hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        for item in fixture.nist {
            let bytes = Array(String(repeating: item.text, count: item.repeat).utf8)
            XCTAssertEqual(digest(bytes, hardware: false), item.hex, "portable, \(item.text.prefix(8)) x \(item.repeat)")
            XCTAssertEqual(digest(bytes, hardware: true), item.hex, "hardware, \(item.text.prefix(8)) x \(item.repeat)")
        }
        for item in fixture.long {
            let bytes = pattern(item.length)
            XCTAssertEqual(digest(bytes, hardware: false), item.hex, "portable, length \(item.length)")
            XCTAssertEqual(digest(bytes, hardware: true), item.hex, "hardware, length \(item.length)")
            // uneven chunks through the incremental interface, hardware path
            var hash = SHA256()
            var start = 0, step = 1
            while start < bytes.count {
                let end = min(bytes.count, start + step)
                hash.update(Data(bytes[start ..< end]))
                start = end
                step = step * 7 % 100_003 + 1
            }
            XCTAssertEqual(hash.finalize().hex, item.hex, "chunked, length \(item.length)")
        }
    }

    func testHardwarePathIsUsedWhenTheCPUHasSHAExtensions() throws {
        #if os(Linux) && arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let hasSHA = cpuinfo.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("sha_ni") }
        XCTAssertEqual(SHA256.hardwareAvailable, hasSHA)
        #else
        throw XCTSkip("CPU flags read from /proc/cpuinfo on x86-64 Linux only")
        #endif
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
