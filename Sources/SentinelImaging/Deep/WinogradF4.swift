import SentinelNumerics

/// Winograd's minimal filtering F(4×4, 3×3) (Lavin & Gray 2016, interpolation points 0, ±1,
/// ±2, ∞) for 3×3 / stride 1 / pad 1 convolutions: each 4×4 output tile is
/// `Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A` over its 6×6 input tile d, so the channel reduction becomes
/// 36 SGEMMs of outC × inC × tiles: 36 multiplies per 16 outputs instead of 144 (4×; F(2×2, 3×3)
/// saves 2.25×).
///
///     Bᵀ = [4  0 −5  0 1 0;  0 −4 −4  1 1 0;  0 4 −4 −1 1 0;
///           0 −2 −1  2 1 0;  0  2 −1 −2 1 0;  0 4  0 −5 0 1]
///     G  = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1⁄24 1⁄12 ⅙; 1⁄24 −1⁄12 ⅙; 0 0 1]
///     Aᵀ = [1 1 1 1 1 0;  0 1 −1 2 −2 0;  0 1 1 4 4 0;  0 1 −1 8 −8 1]
///
/// The weights are transformed in Double and rounded once; the input and output transforms
/// use only additions and multiplications by 2, 4, 5 and 8, vectorised along tile rows.
enum WinogradF4 {
    /// U[ξ][o][i] = (G g[o][i] Gᵀ)[ξ] for ξ = 6·row + column, computed in Double (four kernels
    /// at a time in SIMD lanes, stored as contiguous runs of U[ξ]) and rounded once.
    static func transformWeights(_ weights: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        let pairs = outChannels * inChannels
        typealias D4 = SIMD4<Double>
        // G applied to three values (one column or row of g, lane-wise): six values. (Products
        // with the rounded reciprocals: within an ulp of Double division, far below Float's.)
        @inline(__always) func g(_ a: D4, _ b: D4, _ c: D4, into out: UnsafeMutablePointer<D4>, step: Int) {
            let s = a + c, t = a + 4 * c, b2 = 2 * b
            out[0] = a * 0.25
            out[step] = (s + b) * (-1.0 / 6)
            out[2 * step] = (s - b) * (-1.0 / 6)
            out[3 * step] = (t + b2) * (1.0 / 24)
            out[4 * step] = (t - b2) * (1.0 / 24)
            out[5 * step] = c
        }
        return [Float](unsafeUninitializedCapacity: 36 * pairs) { u, initialized in
            weights.withUnsafeBufferPointer { w in
                withUnsafeTemporaryAllocation(of: D4.self, capacity: 18 + 36) { buffer in
                    let gg = buffer.baseAddress!, result = gg + 18  // G g: gg[3·r + c]; U: result[ξ]
                    var p = 0
                    while p < pairs {
                        let lanes = min(4, pairs - p)
                        func load(_ j: Int) -> D4 {
                            var v = D4()
                            for l in 0..<lanes { v[l] = Double(w[(p + l) * 9 + j]) }
                            return v
                        }
                        // G · g (6 × 3), one column at a time, then (G g) · Gᵀ row by row.
                        for c in 0..<3 { g(load(c), load(3 + c), load(6 + c), into: gg + c, step: 3) }
                        for r in 0..<6 { g(gg[3 * r], gg[3 * r + 1], gg[3 * r + 2], into: result + 6 * r, step: 1) }
                        for xi in 0..<36 {
                            let value = SIMD4<Float>(result[xi])
                            let dst = u.baseAddress! + xi * pairs + p
                            if lanes == 4 {
                                UnsafeMutableRawPointer(dst).storeBytes(of: value, as: SIMD4<Float>.self)
                            } else {
                                for l in 0..<lanes { dst[l] = value[l] }
                            }
                        }
                        p += lanes
                    }
                }
            }
            initialized = 36 * pairs
        }
    }

    /// For tiles t = 0..<tiles of one combined row `line` (x = −1 ... 4·tiles + 1, readable up
    /// to 4·tiles + 4), writes the six columns of (Bᵀ d) B: out[j·step + t] = (Bᵀ l)[j] with
    /// l = line[4t ..< 4t + 6]. Four tiles at a time with stride-4 lane splits of 16-wide loads.
    @inline(__always)
    static func columnTransform(_ line: UnsafeMutablePointer<Float>, tiles: Int,
                                into out: UnsafeMutablePointer<Float>, step: Int) {
        var t = 0
        while t + 4 <= tiles {
            let x = UnsafeRawPointer(line + 4 * t)
            let low = x.loadUnaligned(as: SIMD16<Float>.self)                           // l at 4t ... 4t + 15
            let high = x.loadUnaligned(fromByteOffset: 16, as: SIMD8<Float>.self)      // 4t + 4 ... 4t + 11
            let high2 = x.loadUnaligned(fromByteOffset: 48, as: SIMD8<Float>.self)     // 4t + 12 ... 4t + 19
            let (even, odd) = (low.evenHalf, low.oddHalf)
            let l0 = even.evenHalf, l2 = even.oddHalf, l1 = odd.evenHalf, l3 = odd.oddHalf
            let l4 = SIMD4(high[0], high[4], high2[0], high2[4])
            let l5 = SIMD4(high[1], high[5], high2[1], high2[5])
            let r = rows(l0, l1, l2, l3, l4, l5)
            var e = out + t
            UnsafeMutableRawPointer(e).storeBytes(of: r.0, as: SIMD4<Float>.self); e += step
            UnsafeMutableRawPointer(e).storeBytes(of: r.1, as: SIMD4<Float>.self); e += step
            UnsafeMutableRawPointer(e).storeBytes(of: r.2, as: SIMD4<Float>.self); e += step
            UnsafeMutableRawPointer(e).storeBytes(of: r.3, as: SIMD4<Float>.self); e += step
            UnsafeMutableRawPointer(e).storeBytes(of: r.4, as: SIMD4<Float>.self); e += step
            UnsafeMutableRawPointer(e).storeBytes(of: r.5, as: SIMD4<Float>.self)
            t += 4
        }
        while t < tiles {
            let x = line + 4 * t
            let r = rows(x[0], x[1], x[2], x[3], x[4], x[5])
            out[t] = r.0
            out[step + t] = r.1
            out[2 * step + t] = r.2
            out[3 * step + t] = r.3
            out[4 * step + t] = r.4
            out[5 * step + t] = r.5
            t += 1
        }
    }

    /// Bᵀ applied to (d0 ... d5), lane-wise.
    @inline(__always)
    static func rows<V: SIMD>(_ d0: V, _ d1: V, _ d2: V, _ d3: V, _ d4: V, _ d5: V) -> (V, V, V, V, V, V)
        where V.Scalar == Float {
        let a = d4 - 4 * d2, b = d3 - 4 * d1
        let c = d4 - d2, d = 2 * (d3 - d1)
        return (4 * d0 - 5 * d2 + d4, a + b, a - b, c + d, c - d, 4 * d1 - 5 * d3 + d5)
    }

    @inline(__always)
    static func rows(_ d0: Float, _ d1: Float, _ d2: Float, _ d3: Float, _ d4: Float, _ d5: Float)
        -> (Float, Float, Float, Float, Float, Float) {
        let a = d4 - 4 * d2, b = d3 - 4 * d1
        let c = d4 - d2, d = 2 * (d3 - d1)
        return (4 * d0 - 5 * d2 + d4, a + b, a - b, c + d, c - d, 4 * d1 - 5 * d3 + d5)
    }

    /// Aᵀ applied to (m0 ... m5), lane-wise.
    @inline(__always)
    static func outputs<V: SIMD>(_ m0: V, _ m1: V, _ m2: V, _ m3: V, _ m4: V, _ m5: V) -> (V, V, V, V)
        where V.Scalar == Float {
        let s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4
        return (m0 + s12 + s34, d12 + 2 * d34, s12 + 4 * s34, d12 + 8 * d34 + m5)
    }

    /// Whether im2col (on the untransformed weights) beats F(4×4, 3×3) on this shape: when the
    /// 36 transformed weight matrices exceed 400 000 floats per tile, SGEMMs of so few columns
    /// are dominated by reading and packing them (ResNet18's 512-channel 7×7 layers below batch
    /// 8: 4 tiles per image, 9.4 Mi floats of weights; measured 5.4 ms F(4×4) vs 2.5 ms im2col at batch 1,
    /// 14.0 vs 15.7 ms at batch 8).
    static func prefersIm2col(inChannels: Int, outChannels: Int, batch: Int, height: Int, width: Int) -> Bool {
        let tiles = batch * ((height + 3) / 4) * ((width + 3) / 4)
        return 36 * inChannels * outChannels > 400_000 * tiles
    }
}

/// The F(4×4, 3×3) steps.
struct WinogradF4Pass: WinogradPass, @unchecked Sendable {
    static let productCount = 36
    static let tilesPerChunk = 256
    let layer: WinogradLayer
    /// Floats per padded row: x = −1 ... 4·tilesWide + 1, plus 8 floats of slack for 16-wide loads.
    var stride: Int { 4 * tilesWide + 10 }
    /// Row buffers, then 24 rows of a chunk's tiles for the output transform.
    var scratchCount: Int { 12 * stride + 24 * (splitsSteps ? totalRows : rowsPerChunk) * tilesWide }

    /// v[ξ][c][t] for channels `channels` and the tile rows `row0 ..< row1` (chunk of `tiles` tiles).
    func transformInput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                        into v: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        // Rows of Bᵀ d are combinations of whole (zero-padded) input rows; the columns of
        // (Bᵀ d) B are then stride-4 combinations along each combined row.
        let (stride, plane, w, h, tilesHigh, tilesWide) = (stride, layer.plane, layer.w, layer.h, layer.tilesHigh, layer.tilesWide)
        let step = inC * tiles
        let d = scratch, b = scratch + 6 * stride
        for c in channels {
            for r in row0..<row1 {
                let n = r / tilesHigh, ty = r - n * tilesHigh
                let source = layer.input + (c * layer.batch + n) * plane
                for i in 0..<6 {
                    Winograd.loadPaddedRow(source, y: 4 * ty - 1 + i, height: h, width: w, into: d + i * stride, count: stride)
                }
                var x = 0
                while x + 4 <= stride {
                    func load(_ i: Int) -> SIMD4<Float> {
                        UnsafeRawPointer(d + i * stride + x).loadUnaligned(as: SIMD4<Float>.self)
                    }
                    let r6 = WinogradF4.rows(load(0), load(1), load(2), load(3), load(4), load(5))
                    func store(_ i: Int, _ value: SIMD4<Float>) {
                        UnsafeMutableRawPointer(b + i * stride + x).storeBytes(of: value, as: SIMD4<Float>.self)
                    }
                    store(0, r6.0); store(1, r6.1); store(2, r6.2)
                    store(3, r6.3); store(4, r6.4); store(5, r6.5)
                    x += 4
                }
                while x < stride {
                    let r6 = WinogradF4.rows(d[x], d[stride + x], d[2 * stride + x],
                                             d[3 * stride + x], d[4 * stride + x], d[5 * stride + x])
                    b[x] = r6.0; b[stride + x] = r6.1; b[2 * stride + x] = r6.2
                    b[3 * stride + x] = r6.3; b[4 * stride + x] = r6.4; b[5 * stride + x] = r6.5
                    x += 1
                }
                let t0 = (r - row0) * tilesWide
                for i in 0..<6 {
                    WinogradF4.columnTransform(b + i * stride, tiles: tilesWide,
                                               into: v + (i * 6) * step + c * tiles + t0, step: step)
                }
            }
        }
    }

    /// Output transform of channels `channels` over tile rows `row0 ..< row1`: Aᵀ q over the
    /// whole chunk (contiguous rows of products), then q A along each tile row, fused with
    /// bias (+ residual) (+ ReLU) and stored straight into the output where a 16-column group
    /// lies inside the image (through a row buffer at the right edge).
    func transformOutput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                         from m: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let (stride, h, w, tilesHigh, tilesWide) = (stride, layer.h, layer.w, layer.tilesHigh, layer.tilesWide)
        let products = outC * tiles
        let line = scratch  // one output row of 4·tilesWide values (right edge)
        let partial = scratch + stride  // Aᵀ q: 4 × 6 rows of `tiles` values
        for o in channels {
            let bias = layer.bias[o]
            let q = m + o * tiles
            for j in 0..<6 {
                let q0 = q + j * products, q1 = q + (6 + j) * products
                let q2 = q + (12 + j) * products, q3 = q + (18 + j) * products
                let q4 = q + (24 + j) * products, q5 = q + (30 + j) * products
                let p0 = partial + j * tiles, p1 = p0 + 6 * tiles
                let p2 = p1 + 6 * tiles, p3 = p2 + 6 * tiles
                var t = 0
                while t + 4 <= tiles {
                    func load(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
                        UnsafeRawPointer(p + t).loadUnaligned(as: SIMD4<Float>.self)
                    }
                    let y = WinogradF4.outputs(load(q0), load(q1), load(q2), load(q3), load(q4), load(q5))
                    UnsafeMutableRawPointer(p0 + t).storeBytes(of: y.0, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(p1 + t).storeBytes(of: y.1, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(p2 + t).storeBytes(of: y.2, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(p3 + t).storeBytes(of: y.3, as: SIMD4<Float>.self)
                    t += 4
                }
                while t < tiles {
                    let y = WinogradF4.outputs(SIMD4(q0[t], 0, 0, 0), SIMD4(q1[t], 0, 0, 0), SIMD4(q2[t], 0, 0, 0),
                                               SIMD4(q3[t], 0, 0, 0), SIMD4(q4[t], 0, 0, 0), SIMD4(q5[t], 0, 0, 0))
                    p0[t] = y.0[0]; p1[t] = y.1[0]; p2[t] = y.2[0]; p3[t] = y.3[0]
                    t += 1
                }
            }
            for r in row0..<row1 {
                let n = r / tilesHigh, ty = r - n * tilesHigh
                let t0 = (r - row0) * tilesWide
                for i in 0..<4 where 4 * ty + i < h {
                    let a = partial + 6 * i * tiles + t0
                    let index = (o * layer.batch + n) * layer.plane + (4 * ty + i) * w
                    let dst = layer.output + index
                    let res = layer.residual.map { $0 + index }
                    var tx = 0
                    while tx + 4 <= tilesWide {
                        func load(_ j: Int) -> SIMD4<Float> {
                            UnsafeRawPointer(a + j * tiles + tx).loadUnaligned(as: SIMD4<Float>.self)
                        }
                        let y = WinogradF4.outputs(load(0), load(1), load(2), load(3), load(4), load(5))
                        var quad = SIMD16(y.0[0], y.1[0], y.2[0], y.3[0], y.0[1], y.1[1], y.2[1], y.3[1],
                                          y.0[2], y.1[2], y.2[2], y.3[2], y.0[3], y.1[3], y.2[3], y.3[3])
                        if 4 * tx + 16 <= w {
                            quad += bias
                            if let res { quad += UnsafeRawPointer(res + 4 * tx).loadUnaligned(as: SIMD16<Float>.self) }
                            if layer.relu { quad.replace(with: 0, where: quad .< 0) }
                            UnsafeMutableRawPointer(dst + 4 * tx).storeBytes(of: quad, as: SIMD16<Float>.self)
                        } else {
                            UnsafeMutableRawPointer(line + 4 * tx).storeBytes(of: quad, as: SIMD16<Float>.self)
                        }
                        tx += 4
                    }
                    let direct = min(w, 4 * tx) / 16 * 16  // columns already written
                    while tx < tilesWide {
                        let p = a + tx, k = tiles
                        let y = WinogradF4.outputs(SIMD4(p[0], 0, 0, 0), SIMD4(p[k], 0, 0, 0),
                                                   SIMD4(p[2 * k], 0, 0, 0), SIMD4(p[3 * k], 0, 0, 0),
                                                   SIMD4(p[4 * k], 0, 0, 0), SIMD4(p[5 * k], 0, 0, 0))
                        line[4 * tx] = y.0[0]; line[4 * tx + 1] = y.1[0]
                        line[4 * tx + 2] = y.2[0]; line[4 * tx + 3] = y.3[0]
                        tx += 1
                    }
                    layer.finish(line, columns: direct..<w, dst: dst, residual: res, bias: bias)
                }
            }
        }
    }
}

