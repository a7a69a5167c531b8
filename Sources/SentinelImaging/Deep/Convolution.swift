import Dispatch
import Foundation
import SentinelNumerics

/// A 2-D convolution with bias (square kernel, equal stride and zero padding on both axes),
/// optionally fused with a residual addition and a ReLU, evaluated as im2col + SGEMM, or for
/// 3×3 / stride 1 / pad 1 layers by Winograd F(4×4, 3×3) or F(2×2, 3×3) + SGEMM (see
/// `WinogradF4`, `Winograd`).
///
/// `weights` are in PyTorch's OIHW order, i.e. an `outChannels × (inChannels·k·k)` row-major
/// matrix. Output size per axis is `(n + 2·padding − k) / stride + 1` (floor), as
/// `torch.nn.Conv2d`. Inputs outside the image are zeros.
public struct Convolution: Sendable {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let weights: [Float]
    public let bias: [Float]
    /// How 3×3 / stride 1 / pad 1 layers are evaluated (the others always by im2col).
    public let algorithm: Algorithm
    /// Winograd transformed weights (16 or 36 matrices) for 3×3 / stride 1 / pad 1 layers, made
    /// on first use; nil for im2col layers.
    let transformedWeights: TransformedWeights?

    /// Evaluation of a 3×3 / stride 1 / pad 1 convolution.
    public enum Algorithm: Sendable, Equatable, CaseIterable {
        /// im2col + one SGEMM per chunk (9 multiplies per output and input channel).
        case im2col
        /// Winograd F(2×2, 3×3): 2.25× fewer multiplies; Float32 results within ~1e-6 relative of im2col.
        case winograd2x2
        /// Winograd F(4×4, 3×3): 4× fewer multiplies; Float32 results within ~3e-6 of the largest
        /// output of im2col's (transform coefficients up to 8 round larger intermediate values).
        /// Falls back to im2col when the transformed weights dwarf the work (`WinogradF4.prefersIm2col`).
        case winograd4x4
    }

    /// - Parameter winograd: evaluate 3×3 / stride 1 / pad 1 layers by Winograd F(2×2, 3×3)
    ///   (true) or im2col (false).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int,
                weights: [Float], bias: [Float]? = nil, winograd: Bool) {
        self.init(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
                  padding: padding, weights: weights, bias: bias, algorithm: winograd ? .winograd2x2 : .im2col)
    }

    /// - Parameter algorithm: how a 3×3 / stride 1 / pad 1 layer is evaluated (ignored for other
    ///   shapes). For Winograd the weights are transformed in Double when a pass first needs
    ///   them (`TransformedWeights`).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int,
                weights: [Float], bias: [Float]? = nil, algorithm: Algorithm = .winograd2x2) {
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
        let eligible = kernelSize == 3 && stride == 1 && padding == 1
        self.algorithm = eligible ? algorithm : .im2col
        switch self.algorithm {
        case .im2col: transformedWeights = nil
        case .winograd2x2: transformedWeights = TransformedWeights(tile: 2)
        case .winograd4x4: transformedWeights = TransformedWeights(tile: 4)
        }
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
        if let transformedWeights,
           algorithm == .winograd2x2 || !WinogradF4.prefersIm2col(inChannels: inChannels, outChannels: outChannels,
                                                                  batch: x.batch, height: x.height, width: x.width) {
            if transformedWeights.tile == 4 && !workspace.keepsTransformedWeights && !transformedWeights.isKept
                && WinogradF4Pass.splitsSteps(tiles: x.batch * ((x.height + 3) / 4) * ((x.width + 3) / 4),
                                              inChannels: inChannels, outChannels: outChannels) {
                // Nothing to keep: the weights are made 6 products at a time during the pass
                // (ResNet18's 14×14 and 7×7 stages at batch 32: 9.4 and 37.7 MB less memory).
                return applyWinograd(x, tile: 4, transformedWeights: nil, residual: residual, relu: relu, workspace: workspace)
            }
            return transformedWeights.withWeights(weights, outChannels: outChannels, inChannels: inChannels,
                                                  workspace: workspace) { u in
                applyWinograd(x, tile: transformedWeights.tile, transformedWeights: u, residual: residual, relu: relu,
                              workspace: workspace)
            }
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
            DeepKernels.populateInParallel(outBuffer)
            let outBase = SendablePointer(outBuffer.baseAddress!)
            withOperands(x) { inBase, wBase, biasBase in
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
            initialized = outChannels * columns
        }
        return ActivationBatch(channels: outChannels, batch: x.batch, height: ho, width: wo, values: out)
    }

    /// Runs `body` with shareable pointers to `x`'s values, the folded weights and the bias,
    /// valid only during the call (for the parallel loops of `apply` and `applyMaxPooled`).
    func withOperands(_ x: ActivationBatch,
                      _ body: (_ input: SendablePointer, _ weights: SendablePointer, _ bias: SendablePointer) -> Void) {
        x.values.withUnsafeBufferPointer { input in
            weights.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    body(SendablePointer(input.baseAddress!), SendablePointer(w.baseAddress!), SendablePointer(b.baseAddress!))
                }
            }
        }
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

extension Convolution: Equatable {
    /// Same shape, weights, bias and algorithm (the transformed weights follow from them).
    public static func == (a: Convolution, b: Convolution) -> Bool {
        a.inChannels == b.inChannels && a.outChannels == b.outChannels && a.kernelSize == b.kernelSize
            && a.stride == b.stride && a.padding == b.padding && a.algorithm == b.algorithm
            && a.weights == b.weights && a.bias == b.bias
    }
}
