import Foundation
import XCTest
@testable import SentinelRender

/// Figures may be rendered in parallel (one canvas per thread): the results equal serial ones.
final class ConcurrencyTests: XCTestCase {
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Data] = [:]
        func set(_ i: Int, _ d: Data) { lock.lock(); values[i] = d; lock.unlock() }
        func get(_ i: Int) -> Data? { lock.lock(); defer { lock.unlock() }; return values[i] }
    }

    func testParallelRendersMatchSerialRenders() throws {
        let jobs: [(any Chart, ImageFormat)] = SampleCharts.all.flatMap { _, chart in
            [ImageFormat.png, .svg, .pdf].map { (chart, $0) }
        }
        let serial = try jobs.map { try $0.0.render(format: $0.1, dpi: 72) }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            if let data = try? jobs[i].0.render(format: jobs[i].1, dpi: 72) { results.set(i, data) }
        }
        for i in jobs.indices {
            XCTAssertEqual(results.get(i), serial[i], "job \(i) (\(jobs[i].1))")
        }
    }
}
