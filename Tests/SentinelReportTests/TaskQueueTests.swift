import Dispatch
import Foundation
@testable import SentinelReport
import XCTest

/// The report's task queue hands out every task once, in order, and never runs more limited
/// tasks (PNG renders) at once than allowed while other tasks are waiting.
final class TaskQueueTests: XCTestCase {
    func testInOrderSkippingLimitedTasksWhileTheLimitIsReached() {
        let queue = TaskQueue(count: 6, limit: 1) { $0 < 3 }
        XCTAssertEqual(queue.next(), 0)
        XCTAssertEqual(queue.next(), 3, "task 0 is limited and running: the next unlimited task goes first")
        queue.finished(0)
        XCTAssertEqual(queue.next(), 1)
        queue.finished(3)
        XCTAssertEqual(queue.next(), 4)
        XCTAssertEqual(queue.next(), 5)
        XCTAssertEqual(queue.next(), 2, "only limited tasks are left: handed out anyway")
        XCTAssertNil(queue.next())
    }

    func testConcurrentWorkersRunEveryTaskOnceWithinTheLimit() {
        // Limited tasks (every third of the first 150) never outlast the others, so the limit
        // of 2 must hold throughout for 4 workers.
        let count = 200
        let limited: @Sendable (Int) -> Bool = { $0 % 3 == 0 && $0 < 150 }
        let queue = TaskQueue(count: count, limit: 2, limited: limited)
        let record = Record(count: count)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            while let task = queue.next() {
                record.start(task, limited: limited(task))
                usleep(200)
                record.end(limited: limited(task))
                queue.finished(task)
            }
        }
        XCTAssertEqual(record.seen, [Int](repeating: 1, count: count))
        XCTAssertLessThanOrEqual(record.most, 2)
        XCTAssertGreaterThan(record.most, 0)
    }
}

private final class Record: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var seen: [Int]
    private(set) var most = 0
    private var running = 0

    init(count: Int) { seen = [Int](repeating: 0, count: count) }

    func start(_ task: Int, limited: Bool) {
        lock.lock(); defer { lock.unlock() }
        seen[task] += 1
        if limited { running += 1; most = max(most, running) }
    }

    func end(limited: Bool) {
        lock.lock(); defer { lock.unlock() }
        if limited { running -= 1 }
    }
}
