/// Pooling layers on channel-major activation batches (`ActivationBatch`).
public enum Pooling {
    /// Max pooling with a square `kernel`, `stride` and implicit −∞ `padding`, as
    /// `torch.nn.MaxPool2d(kernel, stride, padding)` (floor mode, dilation 1).
    public static func maxPool(_ x: ActivationBatch, kernel: Int = 3, stride: Int = 2, padding: Int = 1) -> ActivationBatch {
        let ho = (x.height + 2 * padding - kernel) / stride + 1
        let wo = (x.width + 2 * padding - kernel) / stride + 1
        precondition(kernel > 0 && stride > 0 && padding >= 0 && padding <= kernel / 2,
                     "max-pool padding must be at most half the kernel (as PyTorch requires)")
        let planes = x.channels * x.batch
        let chunk = max(1, planes / 64)
        let chunks = (planes + chunk - 1) / chunk
        // Every output element is written below: no zero fill.
        let out = [Float](unsafeUninitializedCapacity: planes * ho * wo) { outBuffer, initialized in
            initialized = planes * ho * wo
            let outBase = SendablePointer(outBuffer.baseAddress!)
            x.values.withUnsafeBufferPointer { input in
                let inBase = SendablePointer(UnsafeMutablePointer(mutating: input.baseAddress!))
                let (height, width) = (x.height, x.width)
                Parallel.forEach(chunks) { part in
                    let columnMax = UnsafeMutablePointer<Float>.allocate(capacity: width)
                    defer { columnMax.deallocate() }
                    for plane in (part * chunk)..<min(planes, (part + 1) * chunk) {
                        maxPoolPlane(inBase.pointer + plane * height * width, height: height, width: width,
                                     into: outBase.pointer + plane * ho * wo, kernel: kernel, stride: stride,
                                     padding: padding, columnMax: columnMax)
                    }
                }
            }
        }
        return ActivationBatch(channels: x.channels, batch: x.batch, height: ho, width: wo, values: out)
    }

    /// Max pooling of one `height × width` plane into `dst` (as `maxPool`), with `columnMax`
    /// (at least `width` floats) as scratch: column maxima of the window rows first
    /// (contiguous, vectorisable), then the maxima of `kernel` neighbouring column maxima.
    static func maxPoolPlane(_ src: UnsafePointer<Float>, height: Int, width: Int, into dst: UnsafeMutablePointer<Float>,
                             kernel: Int, stride: Int, padding: Int, columnMax: UnsafeMutablePointer<Float>) {
        let ho = (height + 2 * padding - kernel) / stride + 1
        maxPoolRows(src, firstRow: 0, height: height, width: width, outputRows: 0..<ho, into: dst, kernel: kernel,
                    stride: stride, padding: padding, columnMax: columnMax)
    }

    /// The output rows `outputRows` of `maxPoolPlane` (written at their place in the pooled
    /// plane `dst`) from a band of the input plane whose first row is `firstRow`: `src` holds
    /// input rows `firstRow ...`, which must include every row those outputs read.
    static func maxPoolRows(_ src: UnsafePointer<Float>, firstRow: Int, height: Int, width: Int, outputRows: Range<Int>,
                            into dst: UnsafeMutablePointer<Float>, kernel: Int, stride: Int, padding: Int,
                            columnMax: UnsafeMutablePointer<Float>) {
        let wo = (width + 2 * padding - kernel) / stride + 1
        for oy in outputRows {
            let y0 = max(0, oy * stride - padding), y1 = min(height, oy * stride - padding + kernel)
            columnMax.update(repeating: -Float.infinity, count: width)
            for y in y0..<y1 {
                let row = src + (y - firstRow) * width
                for xx in 0..<width { columnMax[xx] = Swift.max(columnMax[xx], row[xx]) }
            }
            var ox = 0
            while ox < wo {
                let start = ox * stride - padding
                if kernel == 3 && stride == 2 && start >= 0 && start + 10 <= width && ox + 4 <= wo {
                    // Four interior windows (ResNet's 3×3/2 pool) at once: the window columns
                    // s + 2j, s + 2j + 1, s + 2j + 2 from even/odd lane splits, and lane-wise the
                    // scalar code's `max` (y >= x ? y : x) in the same order.
                    let p = UnsafeRawPointer(columnMax + start)
                    let low = p.loadUnaligned(as: SIMD8<Float>.self)
                    let high = p.loadUnaligned(fromByteOffset: 8, as: SIMD8<Float>.self)
                    let (left, middle, right) = (low.evenHalf, low.oddHalf, high.evenHalf)
                    var m = SIMD4<Float>(repeating: -Float.infinity)
                    m.replace(with: left, where: left .>= m)
                    m.replace(with: middle, where: middle .>= m)
                    m.replace(with: right, where: right .>= m)
                    UnsafeMutableRawPointer(dst + oy * wo + ox).storeBytes(of: m, as: SIMD4<Float>.self)
                    ox += 4
                } else if kernel == 3 && start >= 0 && start + 3 <= width {
                    // Interior 3-wide window (ResNet's pool): the same maxima, unrolled.
                    let m = Swift.max(Swift.max(-Float.infinity, columnMax[start]), columnMax[start + 1])
                    dst[oy * wo + ox] = Swift.max(m, columnMax[start + 2])
                    ox += 1
                } else {
                    let x0 = max(0, start), x1 = min(width, start + kernel)
                    var best = -Float.infinity
                    for xx in x0..<x1 { best = Swift.max(best, columnMax[xx]) }
                    dst[oy * wo + ox] = best
                    ox += 1
                }
            }
        }
    }

    /// Global average pooling: `result[n][c]` is the mean of channel c of image n
    /// (`torch.nn.AdaptiveAvgPool2d(1)` followed by flattening). Sums in Double.
    public static func globalAveragePool(_ x: ActivationBatch) -> [[Float]] {
        let plane = x.height * x.width
        var result = [[Float]](repeating: [Float](repeating: 0, count: x.channels), count: x.batch)
        x.values.withUnsafeBufferPointer { values in
            for n in 0..<x.batch {
                for c in 0..<x.channels {
                    let base = (c * x.batch + n) * plane
                    var sum = 0.0
                    for i in 0..<plane { sum += Double(values[base + i]) }
                    result[n][c] = Float(sum / Double(plane))
                }
            }
        }
        return result
    }
}
