import SentinelNumerics

extension Convolution {
    /// `Pooling.maxPool(apply(x, residual: nil, relu: relu, …), kernel:stride:padding:)` one image
    /// at a time, so the full-resolution output is never stored: each worker convolves an image
    /// chunk by chunk (im2col + SGEMM over `rowsPerChunk` whole output rows of that image) into
    /// a band of its own, and pools the output rows whose inputs the band holds as soon as they
    /// are made (the band keeps the fewer than `kernel` rows the next pooled row shares).
    /// ResNet18's stem at 224 × 224 and batch 32 thus skips a 103 MB activation, and each
    /// worker's band (64 channels × 9 rows × 112 columns, 258 KB) stays in its L2 cache.
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
        let (ho, wo) = outputSize(height: x.height, width: x.width)
        precondition(ho > 0 && wo > 0, "input \(x.height)x\(x.width) too small for the convolution")
        let geometry = Im2Col(channels: inChannels, batch: x.batch, height: x.height, width: x.width,
                              kernel: kernelSize, stride: stride, padding: padding, outHeight: ho, outWidth: wo)
        return x.values.withUnsafeBufferPointer { values in
            let input = SendablePointer(values.baseAddress!)
            return applyMaxPooled(batch: x.batch, height: x.height, width: x.width, relu: relu, kernel: kernel,
                                  stride: poolStride, padding: poolPadding, workspace: workspace) { n, _ in
                // Image n's output rows n·ho ..< (n + 1)·ho of the whole batch's im2col.
                (input.pointer, geometry, n * ho)
            }
        }
    }

    /// `applyMaxPooled(_:relu:kernel:stride:padding:workspace:)` of a batch of `batch` images of
    /// `inChannels × height × width` that `image` provides one at a time, on the worker that
    /// then convolves and pools it (at least 2 images; not for 1×1 / stride 1 / pad 0 layers).
    ///
    /// `image(n, scratch)` returns where image n's im2col rows come from: `geometry` over
    /// `input`, the image's output rows being `firstRow ..< firstRow + outHeight` of it. It may
    /// first write the image into `scratch` (`inChannels·height·width` floats of the worker's
    /// own, CHW) and return `(scratch, geometry of batch 1, 0)`: ResNet18 preprocesses each ROI
    /// there, so that no whole input batch is ever stored (`ResNet18.features(count:…)`). It
    /// returns nil when the image cannot be made; its pooled planes are then zeros.
    ///
    /// Each image's SGEMM calls are the same whatever its source (chunks of `rowsPerChunk` rows
    /// of the whole batch's shape, counted from the image's first row), so the values are too.
    func applyMaxPooled(batch: Int, height: Int, width: Int, relu: Bool, kernel: Int, stride poolStride: Int,
                        padding poolPadding: Int, workspace: Workspace,
                        image: @Sendable (_ n: Int, _ scratch: UnsafeMutablePointer<Float>)
                            -> (input: UnsafeMutablePointer<Float>, geometry: Im2Col, firstRow: Int)?) -> ActivationBatch {
        precondition(batch >= 2 && !(kernelSize == 1 && stride == 1 && padding == 0), "fused path: batch ≥ 2, not 1×1/1")
        precondition(kernel > 0 && poolStride > 0 && poolPadding >= 0 && poolPadding <= kernel / 2,
                     "max-pool padding must be at most half the kernel (as PyTorch requires)")
        let (ho, wo) = outputSize(height: height, width: width)
        precondition(ho > 0 && wo > 0, "input \(height)x\(width) too small for the convolution")
        let po = (ho + 2 * poolPadding - kernel) / poolStride + 1
        let qo = (wo + 2 * poolPadding - kernel) / poolStride + 1
        let k = inChannels * kernelSize * kernelSize
        let rowsPerChunk = Self.rowsPerChunk(reduction: k, rowWidth: wo, totalRows: batch * ho)
        let (outChannels, pooledPlane) = (self.outChannels, po * qo)
        let inputCount = inChannels * height * width
        // Each image's output is made in bands: the input rows the pending pooled rows share
        // with the next chunk (at most kernel − 1) carried over, then the chunk's rows.
        let bandRows = rowsPerChunk + kernel - 1, ldc = bandRows * wo
        let workers = workspace.workers
        let queue = WorkQueue(count: batch)
        // Every pooled element is written below: no zero fill.
        let out = [Float](unsafeUninitializedCapacity: outChannels * batch * pooledPlane) { outBuffer, initialized in
            DeepKernels.populateInParallel(outBuffer)
            let outBase = SendablePointer(outBuffer.baseAddress!)
            weights.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    let (wBase, biasBase) = (SendablePointer(w.baseAddress!), SendablePointer(b.baseAddress!))
                    Parallel.forEach(min(batch, workers)) { worker in
                        // Slots: im2col (worker), the output band (workers + worker), pooling
                        // rows (2·workers + worker), the image itself if `image` writes it (3·workers + worker).
                        let band = workspace.buffer(workers + worker, count: outChannels * ldc)
                        let columnMax = workspace.buffer(2 * workers + worker, count: wo)
                        let scratch = workspace.buffer(3 * workers + worker, count: inputCount)
                        while let n = queue.next() {
                            guard let source = image(n, scratch) else {
                                for oc in 0..<outChannels {
                                    (outBase.pointer + (oc * batch + n) * pooledPlane).initialize(repeating: 0, count: pooledPlane)
                                }
                                continue
                            }
                            // Band row 0 holds the image's output row `bandFirst`; pooled rows
                            // below `nextPooled` are done.
                            var (r0, bandFirst, nextPooled) = (0, 0, 0)
                            while r0 < ho {
                                let r1 = min(ho, r0 + rowsPerChunk)
                                let columns = (r1 - r0) * wo
                                let dst = band + (r0 - bandFirst) * wo
                                for oc in 0..<outChannels {
                                    (dst + oc * ldc).initialize(repeating: biasBase.pointer[oc], count: columns)
                                }
                                let im2col = workspace.buffer(worker, count: k * columns)
                                source.geometry.fill(im2col, from: source.input, rows: (source.firstRow + r0)..<(source.firstRow + r1))
                                LinearAlgebra.sgemm(m: outChannels, n: columns, k: k, a: wBase.pointer, lda: k,
                                                    b: im2col, ldb: columns, c: dst, ldc: ldc, beta: 1)
                                // The pooled rows whose input rows are all made.
                                var pooledEnd = nextPooled
                                while pooledEnd < po && min(ho, pooledEnd * poolStride - poolPadding + kernel) <= r1 {
                                    pooledEnd += 1
                                }
                                for oc in 0..<outChannels {
                                    let pooled = outBase.pointer + (oc * batch + n) * pooledPlane
                                    Pooling.maxPoolRows(band + oc * ldc, firstRow: bandFirst, height: ho, width: wo,
                                                        outputRows: nextPooled..<pooledEnd, into: pooled, kernel: kernel,
                                                        stride: poolStride, padding: poolPadding, columnMax: columnMax)
                                    // max(relu(a), relu(b)) = relu(max(a, b)): the ReLU on the pooled values.
                                    if relu {
                                        for j in (nextPooled * qo)..<(pooledEnd * qo) { pooled[j] = Swift.max(pooled[j], 0) }
                                    }
                                }
                                nextPooled = pooledEnd
                                // Carry the rows the next pooled rows read (fewer than `kernel`).
                                let keepFrom = nextPooled < po ? min(r1, max(0, nextPooled * poolStride - poolPadding)) : r1
                                if keepFrom > bandFirst && keepFrom < r1 {
                                    let (from, count) = ((keepFrom - bandFirst) * wo, (r1 - keepFrom) * wo)
                                    for oc in 0..<outChannels {
                                        let row = band + oc * ldc
                                        for j in 0..<count { row[j] = row[from + j] }
                                    }
                                }
                                bandFirst = keepFrom
                                r0 = r1
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
