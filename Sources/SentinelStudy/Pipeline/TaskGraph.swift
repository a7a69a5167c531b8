import Dispatch
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A pool of dependent tasks run on every core: a task starts as soon as the tasks it
/// depends on have finished (no barrier between phases), the ready task with the highest
/// priority first (ties: the lower index). Each task must be a pure function of its index
/// and of the results of the tasks it depends on, so results do not depend on the
/// schedule; results are stored by index (`Slots`).
struct TaskGraph: Sendable {
    /// `dependencies[t]`: the tasks that must finish before task t starts (indices < count).
    var dependencies: [[Int]]
    /// `priority[t]`: larger runs first among ready tasks.
    var priority: [Int]

    /// Runs every task once (`body(t)`), returning when all have finished. The dependencies
    /// must be acyclic.
    func run(_ body: @Sendable (Int) -> Void) {
        let count = dependencies.count
        guard count > 0 else { return }
        let state = State(dependencies: dependencies, priority: priority)
        let workers = min(count, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        if workers == 1 {
            while let t = state.next() { body(t); state.finish(t) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let t = state.next() {
                body(t)
                state.finish(t)
            }
        }
    }

    /// The ready list and the remaining-dependency counts, behind one mutex; a worker that
    /// finds nothing ready while tasks are still running waits on the condition variable.
    /// (Nothing ready with tasks left implies some task is running: the graph is acyclic.)
    final class State: @unchecked Sendable {
        private var mutex = pthread_mutex_t()
        private var condition = pthread_cond_t()
        private var waiting: [Int]
        private var dependents: [[Int]]
        private var ready: [Int] = []
        private var unfinished: Int
        private let priority: [Int]

        init(dependencies: [[Int]], priority: [Int]) {
            let count = dependencies.count
            self.priority = priority
            waiting = dependencies.map(\.count)
            dependents = [[Int]](repeating: [], count: count)
            for (t, deps) in dependencies.enumerated() { for d in deps { dependents[d].append(t) } }
            ready = (0..<count).filter { dependencies[$0].isEmpty }
            unfinished = count
            pthread_mutex_init(&mutex, nil)
            pthread_cond_init(&condition, nil)
        }

        deinit {
            pthread_cond_destroy(&condition)
            pthread_mutex_destroy(&mutex)
        }

        /// The next task to run, or nil once every task has finished.
        func next() -> Int? {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            while true {
                if let best = ready.indices.max(by: { (priority[ready[$0]], -ready[$0]) < (priority[ready[$1]], -ready[$1]) }) {
                    return ready.remove(at: best)
                }
                if unfinished == 0 { return nil }
                pthread_cond_wait(&condition, &mutex)
            }
        }

        /// Marks task t finished and releases the tasks waiting only for it.
        func finish(_ t: Int) {
            pthread_mutex_lock(&mutex)
            unfinished -= 1
            for d in dependents[t] {
                waiting[d] -= 1
                if waiting[d] == 0 { ready.append(d) }
            }
            pthread_cond_broadcast(&condition)
            pthread_mutex_unlock(&mutex)
        }
    }
}
