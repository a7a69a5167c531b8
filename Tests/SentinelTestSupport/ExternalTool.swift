import Foundation
import XCTest

/// Command-line tools the tests read outputs back with (poppler-utils' `pdftotext`, `pdfinfo`,
/// `pdffonts`, `pdftoppm`), found in the usual install folders.
public enum ExternalTool {
    /// The executable `name`; skips the calling test (`XCTSkip`) when it is not installed.
    public static func url(_ name: String) throws -> URL {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("\(name) is not installed (apt-get install poppler-utils)")
    }

    /// Runs `name` with `arguments` and returns its standard output (standard error is
    /// discarded); a non-zero exit status is a test failure at the caller's line.
    @discardableResult
    public static func run(_ name: String, _ arguments: [String],
                           file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let process = Process()
        process.executableURL = try url(name)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(name) \(arguments)", file: file, line: line)
        return String(decoding: data, as: UTF8.self)
    }
}
