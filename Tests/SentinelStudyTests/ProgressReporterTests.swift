import Foundation
@testable import SentinelStudy
import XCTest

/// `ProgressReporter`'s timings: one wall-clock and one CPU figure per finished stage.
final class ProgressReporterTests: XCTestCase {
    func testTimingsJSONHasWallAndCPUSecondsPerStage() throws {
        let reporter = ProgressReporter(enabled: false)
        reporter.stage("busy")
        var sink = 0.0
        for i in 0 ..< 2_000_000 { sink += Double(i).squareRoot() }
        XCTAssertGreaterThan(sink, 0)
        reporter.stage("idle")
        reporter.finish()
        XCTAssertEqual(reporter.timings.map(\.stage), ["busy", "idle"])
        XCTAssertEqual(reporter.cpuTimings.count, 2)
        XCTAssertGreaterThan(reporter.cpuTimings[0], 0, "the busy stage used CPU time")
        let json = try JSONSerialization.jsonObject(with: Data(reporter.timingsJSON().utf8)) as? [String: Any]
        let stages = try XCTUnwrap(json?["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.count, 2)
        for stage in stages {
            XCTAssertNotNil(stage["seconds"] as? Double)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(stage["cpu_seconds"] as? Double), 0)
        }
        let totalCPU = try XCTUnwrap(json?["total_cpu_seconds"] as? Double)
        XCTAssertEqual(totalCPU, reporter.cpuTimings.reduce(0, +), accuracy: 2e-6)
    }
}
