import Foundation
import SentinelStats
import SentinelTestSupport
@testable import SentinelStudy
import XCTest

/// The pipeline's scheduling helpers: the task graph runs every task once, each after the
/// tasks it depends on; the one-sort univariate screen equals the tests run one by one.
final class PipelineSchedulingTests: XCTestCase {
    func testTaskGraphRunsEveryTaskOnceAfterItsDependencies() {
        // A layered graph: 40 roots, 20 tasks on pairs of roots, 5 on groups of those, 1 on all.
        var dependencies: [[Int]] = Array(repeating: [], count: 40)
        for i in 0..<20 { dependencies.append([2 * i, 2 * i + 1]) }
        for i in 0..<5 { dependencies.append((0..<4).map { 40 + 4 * i + $0 }) }
        dependencies.append(Array(60..<65))
        let priority = dependencies.indices.map { ($0 * 7919) % 13 }
        for _ in 0..<20 {
            let log = EventLog()
            TaskGraph(dependencies: dependencies, priority: priority).run { t in
                log.record(.started(t))
                usleep(UInt32(50 + (t % 5) * 20))
                log.record(.finished(t))
            }
            let events = log.events
            XCTAssertEqual(events.count, 2 * dependencies.count)
            var finishedAt: [Int: Int] = [:], startedAt: [Int: Int] = [:]
            for (position, event) in events.enumerated() {
                switch event {
                case .started(let t): XCTAssertNil(startedAt.updateValue(position, forKey: t), "task \(t) ran twice")
                case .finished(let t): finishedAt[t] = position
                }
            }
            for (t, deps) in dependencies.enumerated() {
                guard let start = startedAt[t] else { XCTFail("task \(t) never ran"); continue }
                for d in deps { XCTAssertLessThan(finishedAt[d] ?? .max, start, "task \(t) started before \(d) finished") }
            }
        }
        let none = EventLog()
        TaskGraph(dependencies: [], priority: []).run { none.record(.started($0)) }
        XCTAssertTrue(none.events.isEmpty)
    }

    /// The screen sorts each continuous feature once for Shapiro-Wilk (pooled and per group),
    /// Mann-Whitney and the midranks; the result is that of the tests run one by one.
    func testOneSortScreenEqualsTheTestsRunOneByOne() throws {
        var g = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let n = [12, 40, 203][trial % 3]
            let labels = (0..<n).map { i in i % 4 == 0 || (i % 7 == 0) }
            let shift = Double(trial % 5) * 0.2
            let values: [Double] = (0..<n).map { i in
                switch trial % 4 {
                case 0: return Double(Int.random(in: 0...6, using: &g))  // many ties: normal approximation
                case 1: return (0..<6).map { _ in Double.random(in: 0...1, using: &g) }.reduce(0, +) + (labels[i] ? shift : 0)
                case 2: return exp(Double.random(in: -2...2, using: &g)) + (labels[i] ? shift : 0)  // skewed
                default: return i % 9 == 0 ? -0.0 : (i % 11 == 0 ? 0 : Double.random(in: -1...1, using: &g))
                }
            }
            let screened = UnivariateScreen.screen(values: values, labels: labels, categorical: false)
            let positives = zip(values, labels).filter { $0.1 }.map(\.0), negatives = zip(values, labels).filter { !$0.1 }.map(\.0)
            let reference = try HypothesisTests.continuousTest(positives, negatives)
            XCTAssertEqual(screened.p, reference.p, "trial \(trial)")
            XCTAssertEqual(screened.test, reference.method, "trial \(trial)")
            XCTAssertEqual(screened.normal, ((try? HypothesisTests.shapiroWilk(values))?.p ?? 0) > 0.05, "trial \(trial)")
            XCTAssertEqual(screened.midranks, Ranking.midranks(values), "trial \(trial)")
        }
    }
}

private final class EventLog: @unchecked Sendable {
    enum Event { case started(Int), finished(Int) }
    private let lock = NSLock()
    private var list: [Event] = []
    func record(_ event: Event) { lock.lock(); list.append(event); lock.unlock() }
    var events: [Event] { lock.lock(); defer { lock.unlock() }; return list }
}
