import Foundation
@testable import SentinelStudy
import SentinelTestSupport
import XCTest

/// `PendingProvenance(writing:)`: files made, fingerprinted from their bytes and written in
/// the background give what hashing the written files gives.
final class PendingProvenanceTests: XCTestCase {
    func testWrittenFilesAndFingerprintsAreThoseOfCollect() throws {
        let folder = try makeTemporaryFolder(prefix: "provenance")
        let contents: [(String, Data)] = [
            ("study.yaml", Data("title: x\n".utf8)),
            ("empty.csv", Data()),
            ("big.csv", Data((0 ..< 300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })),
        ]
        // The first is already on disk: it is fingerprinted, not written again.
        try contents[0].1.write(to: folder.appendingPathComponent(contents[0].0))
        let files = contents.enumerated().map { i, item in
            PendingProvenance.MadeFile(url: folder.appendingPathComponent(item.0), path: "data/\(item.0)", written: i == 0) { item.1 }
        }
        let made = try PendingProvenance(writing: files, seed: 9).wait()
        for (name, data) in contents {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(name)), data, name)
        }
        let collected = try Provenance.collect(files: contents.map { (folder.appendingPathComponent($0.0), "data/\($0.0)") }, seed: 9)
        XCTAssertEqual(made, collected)
        XCTAssertEqual(made.inputs.map(\.bytes), [9, 0, 300_000])
    }

    func testFailuresNameTheFileAndLeaveNothingHalfWritten() throws {
        let folder = try makeTemporaryFolder(prefix: "provenance")
        struct Broken: Error {}
        let unwritable = PendingProvenance(writing: [
            .init(url: folder.appendingPathComponent("missing/sub/a.csv"), path: "a.csv") { Data("1\n".utf8) },
        ], seed: 1)
        XCTAssertThrowsError(try unwritable.wait()) { error in
            guard case let .cannotCreate(path, _)? = error as? OutputError else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("missing/sub/a.csv"), path)
        }
        let failing = PendingProvenance(writing: [
            .init(url: folder.appendingPathComponent("b.csv"), path: "b.csv") { throw Broken() },
        ], seed: 1)
        XCTAssertThrowsError(try failing.wait()) { XCTAssertTrue($0 is Broken) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testStreamedFilesAreHashedAndWrittenChunkByChunk() throws {
        let folder = try makeTemporaryFolder(prefix: "provenance")
        let chunks = (0 ..< 5).map { k in Data((0 ..< 70_001 * (k + 1)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ k) }) }
        let whole = chunks.reduce(Data(), +)
        let url = folder.appendingPathComponent("streamed.csv")
        let made = try PendingProvenance(writing: [
            .init(url: url, path: "streamed.csv", stream: { emit in for chunk in chunks { try emit(chunk) } }),
        ], seed: 3).wait()
        XCTAssertEqual(try Data(contentsOf: url), whole)
        XCTAssertEqual(made, try Provenance.collect(files: [(url, "streamed.csv")], seed: 3))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["streamed.csv"])
    }

    func testAStreamFailingHalfwayLeavesNoFile() throws {
        let folder = try makeTemporaryFolder(prefix: "provenance")
        struct Broken: Error {}
        let failing = PendingProvenance(writing: [
            .init(url: folder.appendingPathComponent("c.csv"), path: "c.csv", stream: { emit in
                try emit(Data(repeating: 7, count: 100_000))
                throw Broken()
            }),
        ], seed: 1)
        XCTAssertThrowsError(try failing.wait()) { XCTAssertTrue($0 is Broken) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testDemoFilesStreamTheBytesOfTheWholeFile() throws {
        let spec = try DemoSpecification.bundled()
        let cohort = DemoSimulator(specification: spec, seed: 5).simulate()
        for name in [DemoCohort.radiomicsFile, DemoCohort.deepFile, DemoCohort.clinicalFile, DemoCohort.studyFile] {
            var chunks: [Data] = []
            XCTAssertTrue(try cohort.streamFile(named: name) { chunks.append($0) })
            XCTAssertEqual(chunks.reduce(Data(), +), cohort.fileBytes(named: name), name)
            if name == DemoCohort.radiomicsFile {
                XCTAssertGreaterThan(chunks.count, 2, "a feature table is emitted in several chunks")
                // The text a plain sequential pass writes: ids and names need no quoting here.
                let width = cohort.radiomicsNames.count
                var expected = ([spec.id] + cohort.radiomicsNames).joined(separator: ",") + "\n"
                for (row, id) in cohort.ids.enumerated() {
                    expected += ([id] + cohort.radiomics[row * width ..< (row + 1) * width].map(\.description)).joined(separator: ",") + "\n"
                }
                XCTAssertEqual(chunks.reduce(Data(), +), Data(expected.utf8))
            }
        }
        XCTAssertFalse(try cohort.streamFile(named: "other.csv") { _ in XCTFail("emitted for an unknown name") })
        XCTAssertNil(cohort.fileBytes(named: "other.csv"))
    }
}
