import Foundation
import XCTest

extension XCTestCase {
    /// A new, empty folder under the system temporary directory (`<prefix>-<UUID>`), removed
    /// with everything in it when the test ends.
    public func makeTemporaryFolder(prefix: String = "sentinel") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
