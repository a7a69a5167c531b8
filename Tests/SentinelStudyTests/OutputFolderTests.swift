import Foundation
import SentinelStudy
import SentinelTestSupport
import XCTest

final class OutputFolderTests: XCTestCase {
    func testCommitMovesStagingIntoPlace() throws {
        let root = try makeTemporaryFolder(prefix: "sentinel-out")
        let dest = root.appendingPathComponent("report")
        let folder = try OutputFolder(destination: dest, force: false)
        try folder.write("hello", to: "a/b.txt")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dest.path), "nothing visible before commit")
        try folder.commit()
        XCTAssertEqual(try String(contentsOf: dest.appendingPathComponent("a/b.txt"), encoding: .utf8), "hello")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["report"], "no staging left behind")
    }

    func testCannotCreateNamesTheDestinationInOneSentence() throws {
        // /proc takes no new folders, even for root: the staging folder cannot be made.
        let dest = URL(fileURLWithPath: "/proc/sentinel-output-\(UUID().uuidString)")
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: false)) { error in
            guard case let .cannotCreate(path, _)? = error as? OutputError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, dest.path, "the --out given, not the hidden staging folder")
        }
        let message = OutputError.cannotCreate(path: "/x", reason: "The file doesn’t exist.").description
        XCTAssertEqual(message, "cannot create /x: The file doesn’t exist. Check the path and its permissions.")
    }

    func testAbandonedStagingLeavesNothing() throws {
        let root = try makeTemporaryFolder(prefix: "sentinel-out")
        do {
            let folder = try OutputFolder(destination: root.appendingPathComponent("out"), force: false)
            try folder.write("partial", to: "x.txt")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [])
    }

    func testExistingDestinationNeedsForce() throws {
        let root = try makeTemporaryFolder(prefix: "sentinel-out")
        let dest = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
        try "old".write(to: dest.appendingPathComponent("old.txt"), atomically: true, encoding: .utf8)
        try "{}".write(to: dest.appendingPathComponent("results.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: false)) { error in
            XCTAssertTrue("\(error)".contains("--force"))
        }
        let folder = try OutputFolder(destination: dest, force: true)
        try folder.write("new", to: "new.txt")
        try folder.commit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dest.appendingPathComponent("old.txt").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dest.appendingPathComponent("new.txt").path))
    }

    /// `--force` replaces Sentinel's output folders (and empty ones), never a folder of other files.
    func testForceDoesNotReplaceAFolderThatIsNotSentinelOutput() throws {
        let root = try makeTemporaryFolder(prefix: "sentinel-out")
        let dest = root.appendingPathComponent("Documents")
        try FileManager.default.createDirectory(at: dest.appendingPathComponent("thesis"), withIntermediateDirectories: true)
        let precious = dest.appendingPathComponent("thesis/chapter1.txt")
        try "precious".write(to: precious, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: true)) { error in
            guard case .notSentinelOutput? = error as? OutputError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("results.json"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: precious, encoding: .utf8), "precious")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["Documents"], "no staging left behind")
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertNoThrow(try OutputFolder(destination: empty, force: true))
    }

    func testRefusesToReplaceAFolderHoldingAnInput() throws {
        let root = try makeTemporaryFolder(prefix: "sentinel-out")
        let dest = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
        let input = dest.appendingPathComponent("cohort.csv")
        try "id\n1\n".write(to: input, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: true, inputs: [input]))
        XCTAssertTrue(FileManager.default.fileExists(atPath: input.path), "input untouched")
        // An input folder that is the destination itself (`sentinel site PACKET --out PACKET --force`
        // replaced the packet), also through a symlink or a "/." spelling.
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: true, inputs: [dest])) { error in
            guard case .wouldOverwriteInput? = error as? OutputError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try OutputFolder(destination: URL(fileURLWithPath: dest.path + "/."), force: true, inputs: [dest]))
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dest)
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: true, inputs: [link]))
        XCTAssertTrue(FileManager.default.fileExists(atPath: input.path), "input untouched")
        // A folder beside the input is fine.
        XCTAssertNoThrow(try OutputFolder(destination: root.appendingPathComponent("out"), force: true, inputs: [dest, input]))
    }
}
