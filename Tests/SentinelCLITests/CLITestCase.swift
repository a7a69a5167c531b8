import Foundation
import SentinelTestSupport
import XCTest

/// Runs the built `sentinel` executable as a user would.
class CLITestCase: XCTestCase {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        let directory = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        return directory.appendingPathComponent("sentinel")
    }

    func sentinel(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1757376000"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL { try makeTemporaryFolder(prefix: "sentinel-cli") }

    func write(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A small predictions file: two cohorts, two models, seeded.
    func predictionsCSV(rows: Int = 60, extraHeader: String = "", badRow: String? = nil) -> String {
        var lines = ["id,cohort,label,Model A,\"Model, B\"" + extraHeader]
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<rows {
            let cohort = i < rows / 2 ? "train" : "validation"
            let label = i % 3 == 0 ? 1 : 0
            let a = min(0.99, max(0.01, 0.3 + 0.3 * Double(label) + 0.3 * (next() - 0.5)))
            let b = min(0.99, max(0.01, 0.35 + 0.2 * Double(label) + 0.4 * (next() - 0.5)))
            lines.append("P\(i),\(cohort),\(label),\(String(format: "%.4f", a)),\(String(format: "%.4f", b))")
        }
        if let badRow { lines.append(badRow) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
