import Foundation
import SentinelStudy
import XCTest

final class OutputFolderTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sentinel-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testCommitMovesStagingIntoPlace() throws {
        let root = try temporaryDirectory()
        let dest = root.appendingPathComponent("report")
        let folder = try OutputFolder(destination: dest, force: false)
        try folder.write("hello", to: "a/b.txt")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dest.path), "nothing visible before commit")
        try folder.commit()
        XCTAssertEqual(try String(contentsOf: dest.appendingPathComponent("a/b.txt"), encoding: .utf8), "hello")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["report"], "no staging left behind")
    }

    func testAbandonedStagingLeavesNothing() throws {
        let root = try temporaryDirectory()
        do {
            let folder = try OutputFolder(destination: root.appendingPathComponent("out"), force: false)
            try folder.write("partial", to: "x.txt")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [])
    }

    func testExistingDestinationNeedsForce() throws {
        let root = try temporaryDirectory()
        let dest = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
        try "old".write(to: dest.appendingPathComponent("old.txt"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputFolder(destination: dest, force: false)) { error in
            XCTAssertTrue("\(error)".contains("--force"))
        }
        let folder = try OutputFolder(destination: dest, force: true)
        try folder.write("new", to: "new.txt")
        try folder.commit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dest.appendingPathComponent("old.txt").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dest.appendingPathComponent("new.txt").path))
    }

    func testRefusesToReplaceAFolderHoldingAnInput() throws {
        let root = try temporaryDirectory()
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
