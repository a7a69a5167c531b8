import Dispatch
import Foundation

/// Per-worker im2col buffers, grown on demand and reused by every layer of a forward pass.
/// Worker `w` only ever touches slot `w`.
final class Workspace: @unchecked Sendable {
    let workers: Int
    /// Whether layers keep the Winograd-transformed weights they make for later passes
    /// (`TransformedWeights`), or make them in `sharedBuffer` each pass.
    let keepsTransformedWeights: Bool
    private let slots: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let capacities: UnsafeMutablePointer<Int>

    init(workers: Int = Parallel.workers, keepsTransformedWeights: Bool = true) {
        self.workers = max(1, workers)
        self.keepsTransformedWeights = keepsTransformedWeights
        slots = .allocate(capacity: 4 * self.workers + 1)
        slots.initialize(repeating: nil, count: 4 * self.workers + 1)
        capacities = .allocate(capacity: 4 * self.workers + 1)
        capacities.initialize(repeating: 0, count: 4 * self.workers + 1)
    }

    /// At least `count` floats of scratch shared by all workers (slot 4·workers), for one
    /// layer's transformed weights; only the thread that runs the layer asks for it.
    func sharedBuffer(count: Int) -> UnsafeMutablePointer<Float> {
        buffer(4 * workers, count: count)
    }

    /// At least `count` floats of scratch for `worker` (contents undefined).
    /// Slot layout: worker w owns entries w (im2col / Winograd input), workers + w (Winograd
    /// products; the stem's output band), 2·workers + w (Winograd row buffers and output-transform
    /// partials; the stem's pooling rows) and 3·workers + w (the stem's input image; a split-step
    /// F(4×4, 3×3) layer's row of transformed weights when they are not kept). When a
    /// Winograd layer splits its steps over the workers, the caller takes slots 0 and `workers`
    /// for the whole layer before the workers start.
    func buffer(_ worker: Int, count: Int) -> UnsafeMutablePointer<Float> {
        if let buffer = slots[worker], capacities[worker] >= count { return buffer }
        slots[worker]?.deallocate()
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        DeepKernels.populate(UnsafeMutableBufferPointer(start: buffer, count: count))
        slots[worker] = buffer
        capacities[worker] = count
        return buffer
    }

    deinit {
        for w in 0...(4 * workers) { slots[w]?.deallocate() }
        slots.deallocate()
        capacities.deallocate()
    }
}

/// A shared counter handing out work-item indices 0..<count to whichever worker asks first.
/// Which thread computes an item never changes its result.
final class WorkQueue: @unchecked Sendable {
    private let count: Int
    private var nextItem = 0
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextItem < count else { return nil }
        nextItem += 1
        return nextItem - 1
    }
}

/// A raw pointer that may cross into `concurrentPerform` workers, each touching a disjoint
/// part of the buffer.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
    init(_ pointer: UnsafePointer<Float>) { self.pointer = UnsafeMutablePointer(mutating: pointer) }
}

/// Data-parallel loops over all cores.
enum Parallel {
    /// Worker threads for data-parallel loops: the active processor count.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body(i)` for i in 0..<count, concurrently when count > 1.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 {
            body(0)
        } else if count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }
}
