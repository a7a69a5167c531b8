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
        if stride == 2 && kernel >= 3 {
            fillStride2(dst, from: input, rows: rows)
            return
        }
        let width = rows.count * outWidth
        let level = DeepKernels.level
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
                            } else if stride == 2 {
                                DeepKernels.gatherEven(src + ix, count: hi - lo, into: out + lo, level: level)
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

extension Im2Col {
    /// Stride 2 (kernels of 3 or more): for each output row and (c, ky), the even and odd
    /// columns of the zero-padded input row are gathered once (`e[i]` = column 2i − padding,
    /// `o[i]` = column 2i + 1 − padding, zero outside the image), and the matrix row of each kx
    /// is then a plain copy of `e` (kx = 2j) or `o` (kx = 2j + 1) from index j: the values of
    /// `fill`'s per-kx gathers, with ⌈k/2⌉ + ⌊k/2⌋ copies replacing k − 2 of the k gathers.
    func fillStride2(_ dst: UnsafeMutablePointer<Float>, from input: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        let total = rows.count * outWidth
        let (evenCount, oddCount) = (outWidth + (kernel + 1) / 2 - 1, outWidth + kernel / 2 - 1)
        let level = DeepKernels.level
        // Indices i with 0 ≤ 2i + shift < width, clipped to 0 ..< count (empty: 0 ..< 0).
        func valid(shift: Int, count: Int) -> Range<Int> {
            let first = shift >= 0 ? 0 : (1 - shift) / 2, last = self.width - 1 - shift
            guard last >= 0 else { return 0..<0 }
            let end = min(count, last / 2 + 1)
            return first < end ? first..<end : 0..<0
        }
        let evenValid = valid(shift: -padding, count: evenCount), oddValid = valid(shift: 1 - padding, count: oddCount)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: evenCount + oddCount) { lines in
            let e = lines.baseAddress!, o = e + evenCount
            for (k, r) in rows.enumerated() {
                let n = r / outHeight
                let oy = r - n * outHeight
                for c in 0..<channels {
                    for ky in 0..<kernel {
                        let out = dst + (c * kernel + ky) * kernel * total + k * outWidth
                        let iy = oy * stride - padding + ky
                        if iy < 0 || iy >= height {
                            for kx in 0..<kernel { (out + kx * total).update(repeating: 0, count: outWidth) }
                            continue
                        }
                        let src = input + ((c * batch + n) * height + iy) * self.width
                        func gather(_ line: UnsafeMutablePointer<Float>, count: Int, valid range: Range<Int>, shift: Int) {
                            line.update(repeating: 0, count: range.lowerBound)
                            if !range.isEmpty {
                                DeepKernels.gatherEven(src + 2 * range.lowerBound + shift, count: range.count,
                                                       into: line + range.lowerBound, level: level)
                            }
                            (line + range.upperBound).update(repeating: 0, count: count - range.upperBound)
                        }
                        gather(e, count: evenCount, valid: evenValid, shift: -padding)
                        gather(o, count: oddCount, valid: oddValid, shift: 1 - padding)
                        for kx in 0..<kernel {
                            (out + kx * total).update(from: (kx % 2 == 0 ? e : o) + kx / 2, count: outWidth)
                        }
                    }
                }
            }
        }
    }
}
