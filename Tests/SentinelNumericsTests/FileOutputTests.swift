import Foundation
import SentinelNumerics
import SentinelTestSupport
import XCTest

/// `FileOutput`: whole files written, existing ones truncated, failures named.
final class FileOutputTests: XCTestCase {
    func testWritesAndTruncates() throws {
        let file = try makeTemporaryFolder(prefix: "sentinel-fileoutput").appendingPathComponent("a b.txt")
        let long = Data((0 ..< 100_000).map { UInt8($0 % 251) })
        try FileOutput.write(long, to: file)
        XCTAssertEqual(try Data(contentsOf: file), long)
        try FileOutput.write(Data("short".utf8), to: file)
        XCTAssertEqual(try Data(contentsOf: file), Data("short".utf8), "an existing file is truncated")
        try FileOutput.write(Data(), to: file)
        XCTAssertEqual(try Data(contentsOf: file).count, 0)
    }

    func testStreamedHandle() throws {
        let file = try makeTemporaryFolder(prefix: "sentinel-fileoutput").appendingPathComponent("streamed.txt")
        do {
            let handle = try FileOutput.create(file)
            try handle.write(contentsOf: Data("one,".utf8))
            try handle.write(contentsOf: Data("two".utf8))
        }
        XCTAssertEqual(String(decoding: try Data(contentsOf: file), as: UTF8.self), "one,two")
    }

    func testFailureNamesThePathAndTheReason() throws {
        let missing = try makeTemporaryFolder(prefix: "sentinel-fileoutput").appendingPathComponent("no-such-folder/x.txt")
        XCTAssertThrowsError(try FileOutput.write(Data("x".utf8), to: missing)) { error in
            let failure = error as? FileOutputError
            XCTAssertEqual(failure?.path, missing.path)
            XCTAssertEqual(error.localizedDescription, "No such file or directory")
            XCTAssertTrue("\(error)".hasPrefix("cannot write \(missing.path): "), "\(error)")
        }
    }
}
