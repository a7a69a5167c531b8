import Dispatch
import Foundation
import SentinelNumerics

/// A 2-D convolution with bias (square kernel, equal stride and zero padding on both axes),
/// optionally fused with a residual addition and a ReLU, evaluated as im2col + SGEMM.
///
/// `weights` are in PyTorch's OIHW order, i.e. an `outChannels × (inChannels·k·k)` row-major
/// matrix. Output size per axis is `(n + 2·padding − k) / stride + 1` (floor), as
/// `torch.nn.Conv2d`. Inputs outside the image are zeros.
public struct Convolution: Sendable, Equatable {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let weights: [Float]
    public let bias: [Float]
    /// Winograd F(2×2, 3×3) transformed weights for 3×3 / stride 1 / pad 1 layers, else nil.
    let winogradWeights: [Float]?

    /// - Parameter winograd: evaluate 3×3 / stride 1 / pad 1 layers by Winograd F(2×2, 3×3)
    ///   (2.25× fewer multiplies; Float32 results within ~1e-6 relative of im2col).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int,
                weights: [Float], bias: [Float]? = nil, winograd: Bool = true) {
        precondition(weights.count == outChannels * inChannels * kernelSize * kernelSize, "weight count")
        precondition(kernelSize > 0 && stride > 0 && padding >= 0, "kernel, stride, padding")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.weights = weights
        self.bias = bias ?? [Float](repeating: 0, count: outChannels)
        precondition(self.bias.count == outChannels, "bias count")
        winogradWeights = winograd && kernelSize == 3 && stride == 1 && padding == 1
            ? Winograd.transformWeights(weights, outChannels: outChannels, inChannels: inChannels) : nil
    }

    /// Output height and width for an input of `height × width`.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        ((height + 2 * padding - kernelSize) / stride + 1, (width + 2 * padding - kernelSize) / stride + 1)
    }

    /// `relu(conv(x) + bias + residual)` (ReLU and residual optional).
    ///
    /// The output columns (batch · rows · columns) are cut into chunks of whole output rows of a
    /// size fixed by the layer shape only, so the result does not depend on the number of
    /// threads; chunks run in parallel (first come, first served), each with its worker's
    /// im2col buffer and its own SGEMM call. (Splitting the output channels as well, to
    /// occupy more cores on the 7×7 layers at batch 1, measured 25% less work per CPU-second.)
    public func apply(_ x: ActivationBatch, residual: ActivationBatch? = nil, relu: Bool = false) -> ActivationBatch {
        apply(x, residual: residual, relu: relu, workspace: Workspace())
    }

    /// As `apply(_:residual:relu:)`, with im2col buffers taken from `workspace` (reused across layers).
    func apply(_ x: ActivationBatch, residual: ActivationBatch?, relu: Bool, workspace: Workspace) -> ActivationBatch {
        precondition(x.channels == inChannels, "convolution expects \(inChannels) channels, got \(x.channels)")
        let (ho, wo) = outputSize(height: x.height, width: x.width)
        precondition(ho > 0 && wo > 0, "input \(x.height)x\(x.width) too small for the convolution")
        let columns = x.batch * ho * wo
        if let residual {
            precondition(residual.channels == outChannels && residual.values.count == outChannels * columns,
                         "residual shape mismatch")
        }
        if let winogradWeights {
            return applyWinograd(x, transformedWeights: winogradWeights, residual: residual, relu: relu, workspace: workspace)
        }
        let k = inChannels * kernelSize * kernelSize
        let outputRows = x.batch * ho
        let rowsPerChunk = Self.rowsPerChunk(reduction: k, rowWidth: wo, totalRows: outputRows)
        let chunkCount = (outputRows + rowsPerChunk - 1) / rowsPerChunk
        let direct = kernelSize == 1 && stride == 1 && padding == 0
        let geometry = Im2Col(channels: inChannels, batch: x.batch, height: x.height, width: x.width,
                              kernel: kernelSize, stride: stride, padding: padding,
                              outHeight: ho, outWidth: wo)
        let outChannels = self.outChannels
        let queue = WorkQueue(count: chunkCount)
        // Every element is written below (bias seed, then SGEMM with beta = 1): no zero fill.
        let out = [Float](unsafeUninitializedCapacity: outChannels * columns) { outBuffer, initialized in
            x.values.withUnsafeBufferPointer { input in
                weights.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { biasBuffer in
                        let outBase = SendablePointer(outBuffer.baseAddress!)
                        let inBase = SendablePointer(input.baseAddress!)
                        let wBase = SendablePointer(w.baseAddress!)
                        let biasBase = SendablePointer(biasBuffer.baseAddress!)
                        withResidualPointer(residual) { residualBase in
                            Parallel.forEach(min(chunkCount, workspace.workers)) { worker in
                                while let chunk = queue.next() {
                                    let r0 = chunk * rowsPerChunk
                                    let r1 = min(outputRows, r0 + rowsPerChunk)
                                    let c0 = r0 * wo
                                    let width = (r1 - r0) * wo
                                    let dst = outBase.pointer + c0
                                    // Seed C with bias (+ residual); SGEMM accumulates with beta = 1.
                                    for oc in 0..<outChannels {
                                        let row = dst + oc * columns
                                        let b = biasBase.pointer[oc]
                                        if let residualBase {
                                            let src = residualBase.pointer + oc * columns + c0
                                            for j in 0..<width { row[j] = src[j] + b }
                                        } else {
                                            row.initialize(repeating: b, count: width)
                                        }
                                    }
                                    if direct {
                                        LinearAlgebra.sgemm(m: outChannels, n: width, k: k, a: wBase.pointer, lda: k,
                                                            b: inBase.pointer + c0, ldb: columns,
                                                            c: dst, ldc: columns, beta: 1)
                                    } else {
                                        let scratch = workspace.buffer(worker, count: k * width)
                                        geometry.fill(scratch, from: inBase.pointer, rows: r0..<r1)
                                        LinearAlgebra.sgemm(m: outChannels, n: width, k: k, a: wBase.pointer, lda: k,
                                                            b: scratch, ldb: width, c: dst, ldc: columns, beta: 1)
                                    }
                                    if relu {
                                        for oc in 0..<outChannels {
                                            let row = dst + oc * columns
                                            for j in 0..<width { row[j] = Swift.max(row[j], 0) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = outChannels * columns
        }
        return ActivationBatch(channels: outChannels, batch: x.batch, height: ho, width: wo, values: out)
    }

    func withResidualPointer(_ residual: ActivationBatch?, _ body: (SendablePointer?) -> Void) {
        if let residual {
            residual.values.withUnsafeBufferPointer { body(SendablePointer($0.baseAddress!)) }
        } else {
            body(nil)
        }
    }

    /// Whole output rows per chunk: about `targetColumns` columns, and an im2col buffer of at
    /// most `maxScratch` floats. Depends on the layer shape only (determinism).
    static func rowsPerChunk(reduction k: Int, rowWidth: Int, totalRows: Int) -> Int {
        let targetColumns = 784
        let maxScratch = 1 << 21
        let byTarget = max(1, targetColumns / rowWidth)
        let byMemory = max(1, maxScratch / max(1, k * rowWidth))
        return min(totalRows, min(byTarget, byMemory))
    }
}

/// The geometry of one im2col expansion: row `(c·k + ky)·k + kx` of the matrix holds, for
/// each output position `(n, oy, ox)`, the input value at `(c, n, oy·s − p + ky, ox·s − p + kx)`
/// (zero outside the image).
struct Im2Col {
    let channels, batch, height, width, kernel, stride, padding, outHeight, outWidth: Int

    /// Writes the rows × (`rows.count` · outWidth) block for output rows `rows` (each an
    /// `(n, oy)` pair flattened as `n · outHeight + oy`).
    func fill(_ dst: UnsafeMutablePointer<Float>, from input: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        if stride == 1 && outWidth == self.width && outHeight == height {
            fillSameSize(dst, from: input, rows: rows)
            return
        }
        let width = rows.count * outWidth
        var row = 0
        for c in 0..<channels {
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    var out = dst + row * width
                    row += 1
                    // Valid ox: 0 ≤ ox·s − p + kx < width.
                    let lo = max(0, (padding - kx + stride - 1) / stride)
                    let last = self.width - 1 + padding - kx  // ox·s ≤ last
                    let hi = last < 0 ? 0 : min(outWidth, last / stride + 1)
                    for r in rows {
                        let n = r / outHeight
                        let oy = r - n * outHeight
                        let iy = oy * stride - padding + ky
                        if iy < 0 || iy >= height || lo >= hi {
                            out.update(repeating: 0, count: outWidth)
                        } else {
                            let src = input + ((c * batch + n) * height + iy) * self.width
                            if lo > 0 { out.update(repeating: 0, count: lo) }
                            var ix = lo * stride - padding + kx
                            if stride == 1 {
                                (out + lo).update(from: src + ix, count: hi - lo)
                            } else {
                                for ox in lo..<hi {
                                    out[ox] = src[ix]
                                    ix += stride
                                }
                            }
                            if hi < outWidth { (out + hi).update(repeating: 0, count: outWidth - hi) }
                        }
                        out += outWidth
                    }
                }
            }
        }
    }
}

/// Per-worker im2col buffers, grown on demand and reused by every layer of a forward pass.
/// Worker `w` only ever touches slot `w`.
final class Workspace: @unchecked Sendable {
    let workers: Int
    private let slots: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let capacities: UnsafeMutablePointer<Int>

    init(workers: Int = Parallel.workers) {
        self.workers = max(1, workers)
        slots = .allocate(capacity: 3 * self.workers)
        slots.initialize(repeating: nil, count: 3 * self.workers)
        capacities = .allocate(capacity: 3 * self.workers)
        capacities.initialize(repeating: 0, count: 3 * self.workers)
    }

    /// At least `count` floats of scratch for `worker` (contents undefined).
    /// Slot layout: worker w owns entries w (im2col / Winograd input), workers + w (Winograd
    /// products) and 2·workers + w (Winograd row buffers).
    func buffer(_ worker: Int, count: Int) -> UnsafeMutablePointer<Float> {
        if let buffer = slots[worker], capacities[worker] >= count { return buffer }
        slots[worker]?.deallocate()
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        slots[worker] = buffer
        capacities[worker] = count
        return buffer
    }

    deinit {
        for w in 0..<(3 * workers) { slots[w]?.deallocate() }
        slots.deallocate()
        capacities.deallocate()
    }
}

extension Im2Col {
    /// Stride 1 with "same" padding (output size = input size): for a fixed (c, ky, kx) the
    /// matrix row is the input planes shifted by (ky − p)·width + (kx − p), so each run of
    /// output rows inside one image is one contiguous copy; the wrapped border columns and
    /// the rows outside the image are then zeroed.
    func fillSameSize(_ dst: UnsafeMutablePointer<Float>, from input: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        let w = width, total = rows.count * w
        var row = 0
        for c in 0..<channels {
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    let out = dst + row * total
                    row += 1
                    let dy = ky - padding, dx = kx - padding
                    var r = rows.lowerBound
                    while r < rows.upperBound {
                        // The run of output rows r..<runEnd lies in image n.
                        let n = r / height
                        let oyA = r - n * height
                        let runEnd = min(rows.upperBound, (n + 1) * height)
                        let oyB = oyA + (runEnd - r)
                        let segment = out + (r - rows.lowerBound) * w
                        let plane = input + (c * batch + n) * height * w
                        let va = max(oyA, -dy), vb = min(oyB, height - dy)
                        if va >= vb {
                            segment.update(repeating: 0, count: (oyB - oyA) * w)
                        } else {
                            if va > oyA { segment.update(repeating: 0, count: (va - oyA) * w) }
                            if vb < oyB { (segment + (vb - oyA) * w).update(repeating: 0, count: (oyB - vb) * w) }
                            var d0 = (va - oyA) * w, d1 = (vb - oyA) * w
                            var s0 = (va + dy) * w + dx  // index into the plane; may be −1 or run 1 past the end
                            if s0 < 0 { segment[d0] = 0; d0 -= s0; s0 = 0 }
                            let overrun = s0 + (d1 - d0) - height * w
                            if overrun > 0 {
                                (segment + d1 - overrun).update(repeating: 0, count: overrun)
                                d1 -= overrun
                            }
                            if d1 > d0 { (segment + d0).update(from: plane + s0, count: d1 - d0) }
                            if dx != 0 {
                                let first = dx < 0 ? 0 : w - dx
                                let count = min(w, abs(dx))
                                for y in (va - oyA)..<(vb - oyA) {
                                    (segment + y * w + first).update(repeating: 0, count: count)
                                }
                            }
                        }
                        r = runEnd
                    }
                }
            }
        }
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
