import Foundation

/// The Winograd-transformed weights of one 3×3 / stride 1 / pad 1 convolution (16 or 36
/// matrices, 1.8× or 4× its weights), made from its folded weights only when a pass first
/// needs them, never up front (a layer that always prefers im2col never makes them).
///
/// A pass whose `Workspace.keepsTransformedWeights` is true keeps them for the passes after it
/// (the default: each layer's transform then runs once per network); otherwise they are made
/// in the workspace's one shared buffer, reused by every layer, and not kept (a network that
/// runs once then holds no transformed weights at all: for ResNet18 168 MB less memory, and
/// no page faults for it). An F(4×4, 3×3) layer that splits its steps over the workers
/// (`WinogradPass.splitsSteps`) does not even use that buffer when not keeping: each worker
/// makes the weights of one row of the 6 × 6 tile (6 products) and multiplies with them
/// (`DeepKernels.winograd4WeightRow`; ResNet18's last stage at batch 32: 2 × 6.3 MB rather
/// than 37.7 MB). Either way the values are those of `WinogradF4.transformWeights` /
/// `Winograd.transformWeights`, bit for bit.
final class TransformedWeights: @unchecked Sendable {
    /// 2 for F(2×2, 3×3), 4 for F(4×4, 3×3).
    let tile: Int
    private let lock = NSLock()
    private var kept: [Float]?

    init(tile: Int) {
        precondition(tile == 2 || tile == 4, "Winograd tile 2 or 4")
        self.tile = tile
    }

    /// Floats of the transformed weights of an `outChannels × inChannels` layer.
    func count(outChannels: Int, inChannels: Int) -> Int {
        (tile == 4 ? 36 : 16) * outChannels * inChannels
    }

    /// Whether a transform is held for later passes.
    var isKept: Bool {
        lock.lock(); defer { lock.unlock() }
        return kept != nil
    }

    /// Runs `body` on the transformed `weights` (`outChannels × inChannels × 3 × 3`): the kept
    /// ones, else made now (F(4×4) split over the workspace's workers) and kept when
    /// `workspace.keepsTransformedWeights`, otherwise made in `workspace.sharedBuffer`.
    func withWeights<T>(_ weights: [Float], outChannels: Int, inChannels: Int, workspace: Workspace,
                        _ body: (UnsafePointer<Float>) -> T) -> T {
        let count = count(outChannels: outChannels, inChannels: inChannels)
        lock.lock()
        if kept == nil && workspace.keepsTransformedWeights {
            kept = tile == 4
                ? [Float](unsafeUninitializedCapacity: count) { u, initialized in
                    DeepKernels.populate(u)
                    Self.transform4(weights, outChannels: outChannels, inChannels: inChannels, into: u.baseAddress!,
                                    workers: workspace.workers)
                    initialized = count
                }
                : Winograd.transformWeights(weights, outChannels: outChannels, inChannels: inChannels)
        }
        let held = kept
        lock.unlock()
        if let held { return held.withUnsafeBufferPointer { body($0.baseAddress!) } }
        if tile == 2 {
            return Winograd.transformWeights(weights, outChannels: outChannels, inChannels: inChannels)
                .withUnsafeBufferPointer { body($0.baseAddress!) }
        }
        let u = workspace.sharedBuffer(count: count)
        Self.transform4(weights, outChannels: outChannels, inChannels: inChannels, into: u, workers: workspace.workers)
        return body(u)
    }

    /// `WinogradF4.transformWeights` into `u`, in runs of kernels of a size fixed by the shape
    /// (a multiple of 8, the widest vector) handed out to `workers` workers.
    private static func transform4(_ weights: [Float], outChannels: Int, inChannels: Int,
                                   into u: UnsafeMutablePointer<Float>, workers: Int) {
        let pairs = outChannels * inChannels
        precondition(weights.count == 9 * pairs, "3x3 weight count")
        let run = max(8, (pairs / 64 + 7) / 8 * 8)
        let queue = WorkQueue(count: (pairs + run - 1) / run)
        let level = DeepKernels.level
        let target = SendablePointer(u)
        weights.withUnsafeBufferPointer { w in
            let source = SendablePointer(w.baseAddress!)
            Parallel.forEach(min(workers, (pairs + run - 1) / run)) { _ in
                while let k = queue.next() {
                    DeepKernels.winograd4Weights(source.pointer, range: (k * run)..<min(pairs, (k + 1) * run), of: pairs,
                                                 into: target.pointer, level: level)
                }
            }
        }
    }
}
