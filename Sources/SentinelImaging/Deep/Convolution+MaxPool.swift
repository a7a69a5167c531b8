import SentinelNumerics

extension Convolution {
    /// `Pooling.maxPool(apply(x, residual: nil, relu: relu, …), kernel:stride:padding:)` one image
    /// at a time, so the full-resolution output is never stored: each worker convolves an image
    /// into its own buffer (im2col + SGEMM over chunks of `rowsPerChunk` whole output rows of
    /// that image), then pools it into the result. ResNet18's stem at 224 × 224 and batch 32
    /// thus skips a 103 MB activation (written, then read back, and a fresh page fault every
    /// 4 KiB of it).
    ///
    /// The SGEMM calls, and so the values, are those of the unfused path whenever the output
    /// height is a multiple of the chunk rows (ResNet18 at 224 × 224: 112 rows, chunks of 7);
    /// otherwise a column may round differently by its position, as across batch compositions.
    /// Used for batches of at least 2 images (one image would keep only one core busy); the
    /// choice depends on the shape only.
    func applyMaxPooled(_ x: ActivationBatch, relu: Bool, kernel: Int, stride poolStride: Int, padding poolPadding: Int,
                        workspace: Workspace) -> ActivationBatch {
        guard x.batch >= 2, !(kernelSize == 1 && stride == 1 && padding == 0) else {
            return Pooling.maxPool(apply(x, residual: nil, relu: relu, workspace: workspace),
                                   kernel: kernel, stride: poolStride, padding: poolPadding)
        }
        precondition(x.channels == inChannels, "convolution expects \(inChannels) channels, got \(x.channels)")
        precondition(kernel > 0 && poolStride > 0 && poolPadding >= 0 && poolPadding <= kernel / 2,
                     "max-pool padding must be at most half the kernel (as PyTorch requires)")
        let (ho, wo) = outputSize(height: x.height, width: x.width)
        precondition(ho > 0 && wo > 0, "input \(x.height)x\(x.width) too small for the convolution")
        let po = (ho + 2 * poolPadding - kernel) / poolStride + 1
        let qo = (wo + 2 * poolPadding - kernel) / poolStride + 1
        let k = inChannels * kernelSize * kernelSize
        let rowsPerChunk = Self.rowsPerChunk(reduction: k, rowWidth: wo, totalRows: x.batch * ho)
        let geometry = Im2Col(channels: inChannels, batch: x.batch, height: x.height, width: x.width,
                              kernel: kernelSize, stride: stride, padding: padding, outHeight: ho, outWidth: wo)
        let (outChannels, batch, plane, pooledPlane) = (self.outChannels, x.batch, ho * wo, po * qo)
        let workers = workspace.workers
        let queue = WorkQueue(count: batch)
        // Every pooled element is written below: no zero fill.
        let out = [Float](unsafeUninitializedCapacity: outChannels * batch * pooledPlane) { outBuffer, initialized in
            DeepKernels.populate(outBuffer)
            let outBase = SendablePointer(outBuffer.baseAddress!)
            withOperands(x) { inBase, wBase, biasBase in
                Parallel.forEach(min(batch, workers)) { worker in
                    // Slots: im2col (worker), the image's output (workers + worker), pooling rows.
                    let image = workspace.buffer(workers + worker, count: outChannels * plane)
                    let columnMax = workspace.buffer(2 * workers + worker, count: wo)
                    while let n = queue.next() {
                        var r0 = n * ho
                        while r0 < (n + 1) * ho {
                            let r1 = min((n + 1) * ho, r0 + rowsPerChunk)
                            let width = (r1 - r0) * wo
                            let dst = image + (r0 - n * ho) * wo
                            for oc in 0..<outChannels {
                                (dst + oc * plane).initialize(repeating: biasBase.pointer[oc], count: width)
                            }
                            let scratch = workspace.buffer(worker, count: k * width)
                            geometry.fill(scratch, from: inBase.pointer, rows: r0..<r1)
                            LinearAlgebra.sgemm(m: outChannels, n: width, k: k, a: wBase.pointer, lda: k,
                                                b: scratch, ldb: width, c: dst, ldc: plane, beta: 1)
                            r0 = r1
                        }
                        for oc in 0..<outChannels {
                            let pooled = outBase.pointer + (oc * batch + n) * pooledPlane
                            Pooling.maxPoolPlane(image + oc * plane, height: ho, width: wo, into: pooled,
                                                 kernel: kernel, stride: poolStride, padding: poolPadding,
                                                 columnMax: columnMax)
                            // max(relu(a), relu(b)) = relu(max(a, b)): the ReLU on the pooled values.
                            if relu {
                                for j in 0..<pooledPlane { pooled[j] = Swift.max(pooled[j], 0) }
                            }
                        }
                    }
                }
            }
            initialized = outChannels * batch * pooledPlane
        }
        return ActivationBatch(channels: outChannels, batch: batch, height: po, width: qo, values: out)
    }
}
