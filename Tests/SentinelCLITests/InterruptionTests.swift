import Foundation
import XCTest

/// An interrupted command (Ctrl-C, `kill`) leaves neither its output nor its hidden staging
/// folder behind, and ends by the signal.
final class InterruptionTests: CLITestCase {
    func testInterruptedDemoLeavesNoStagingFolder() throws {
        for (signalNumber, send) in [(SIGINT, { (p: Process) in p.interrupt() }), (SIGTERM, { (p: Process) in p.terminate() })] {
            let dir = try temporaryDirectory()
            let out = dir.appendingPathComponent("report")
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = ["demo", "--out", out.path, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Interrupt once the staging folder exists (the demo is still simulating or fitting).
            let deadline = Date().addingTimeInterval(60)
            var staged = false
            while Date() < deadline, process.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                if names.contains(where: { $0.hasPrefix(".report.partial-") }) { staged = true; break }
                usleep(2_000)
            }
            XCTAssertTrue(staged, "the staging folder appeared before the demo finished")
            send(process)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "signal \(signalNumber)")
            XCTAssertEqual(process.terminationStatus, signalNumber)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            XCTAssertEqual(left, [], "signal \(signalNumber) left \(left)")
        }
    }
}
