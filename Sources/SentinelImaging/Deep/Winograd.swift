import SentinelNumerics

/// Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray 2016) for 3×3 / stride 1 / pad 1
/// convolutions: each 2×2 output tile is `Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d Bᵀᵀ) ] A` over its 4×4 input
/// tile d, so the channel reduction becomes 16 SGEMMs of outC × inC × tiles, 16 multiplies per
/// 4 outputs instead of 36.
///
///     Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]
///     G  = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]
///     Aᵀ = [1 1 1 0; 0 1 −1 −1]
enum Winograd {
    /// U[ξ][o][i] = (G g[o][i] Gᵀ)[ξ] for ξ = 4·row + column, computed in Double.
    static func transformWeights(_ weights: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        let pairs = outChannels * inChannels
        return [Float](unsafeUninitializedCapacity: 16 * pairs) { u, initialized in
            weights.withUnsafeBufferPointer { w in
                for p in 0..<pairs {
                    let k = w.baseAddress! + p * 9
                    // G · g (4 × 3), one column at a time, then (G g) · Gᵀ row by row.
                    func column(_ c: Int) -> SIMD4<Double> {
                        let (a, b, d) = (Double(k[c]), Double(k[3 + c]), Double(k[6 + c]))
                        return SIMD4(a, 0.5 * (a + b + d), 0.5 * (a - b + d), d)
                    }
                    let gg = (column(0), column(1), column(2))
                    for r in 0..<4 {
                        let (a, b, d) = (gg.0[r], gg.1[r], gg.2[r])
                        let row = SIMD4(a, 0.5 * (a + b + d), 0.5 * (a - b + d), d)
                        for c in 0..<4 { u[(r * 4 + c) * pairs + p] = Float(row[c]) }
                    }
                }
            }
            initialized = 16 * pairs
        }
    }

    /// For tiles t = 0..<tiles of one combined row `line` (x = −1 ... 2·tiles), writes the four
    /// columns of (Bᵀ d) B: out[j·step + t] = (l0 − l2, l1 + l2, l2 − l1, l1 − l3) at x = 2t + (0...3).
    /// Four tiles at a time with even/odd lane splits of 8-wide loads.
    @inline(__always)
    static func columnTransform(_ line: UnsafeMutablePointer<Float>, tiles: Int,
                                into out: UnsafeMutablePointer<Float>, step: Int) {
        let e0 = out, e1 = out + step, e2 = e1 + step, e3 = e2 + step
        var t = 0
        while t + 4 <= tiles {
            let x = UnsafeRawPointer(line + 2 * t)
            let low = x.loadUnaligned(as: SIMD8<Float>.self)                         // l at 2t ... 2t + 7
            let high = x.loadUnaligned(fromByteOffset: 8, as: SIMD8<Float>.self)     // l at 2t + 2 ... 2t + 9
            let (p0, p1, p2, p3) = (low.evenHalf, low.oddHalf, high.evenHalf, high.oddHalf)
            UnsafeMutableRawPointer(e0 + t).storeBytes(of: p0 - p2, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(e1 + t).storeBytes(of: p1 + p2, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(e2 + t).storeBytes(of: p2 - p1, as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(e3 + t).storeBytes(of: p1 - p3, as: SIMD4<Float>.self)
            t += 4
        }
        while t < tiles {
            let x = 2 * t
            e0[t] = line[x] - line[x + 2]
            e1[t] = line[x + 1] + line[x + 2]
            e2[t] = line[x + 2] - line[x + 1]
            e3[t] = line[x + 1] - line[x + 3]
            t += 1
        }
    }

    /// Copies input row `y` of `source` (width `w`, height `h`) into `line` as x = −1 ... count − 2:
    /// one zero on the left, the row, zeros to `count`; rows outside the image are all zeros.
    @inline(__always)
    static func loadPaddedRow(_ source: UnsafeMutablePointer<Float>, y: Int, height h: Int, width w: Int,
                              into line: UnsafeMutablePointer<Float>, count: Int) {
        if y < 0 || y >= h {
            line.update(repeating: 0, count: count)
        } else {
            line[0] = 0
            (line + 1).update(from: source + y * w, count: w)
            (line + 1 + w).update(repeating: 0, count: count - 1 - w)
        }
    }
}

/// One Winograd pass over a layer: geometry and buffers, with the three steps over any range
/// of tile rows, channels or products. Tiles of a chunk are numbered row by row from its first
/// tile row `row0`; v[ξ][c][t] holds the transformed input, m[ξ][o][t] the products.
protocol WinogradPass: Sendable {
    /// Products per tile (16 for F(2×2, 3×3), 36 for F(4×4, 3×3)).
    static var productCount: Int { get }
    /// The layer's geometry, buffers and transformed weights.
    var layer: WinogradLayer { get }
    /// Floats of row scratch a worker needs.
    var scratchCount: Int { get }
    /// Tiles a chunk of the chunked schedule aims at.
    static var tilesPerChunk: Int { get }
    func transformInput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                        into v: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>)
    func transformOutput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                         from m: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>)
}

extension WinogradPass {
    var inC: Int { layer.inC }
    var outC: Int { layer.outC }
    var tilesWide: Int { layer.tilesWide }
    var totalRows: Int { layer.totalRows }
    /// Transformed weights U[ξ][o][i] (all 36 or 16 made before the pass).
    var u: UnsafeMutablePointer<Float> { layer.u! }

    /// Tile rows (image, tile row) per chunk of the chunked schedule: about `tilesPerChunk`
    /// tiles, and at most 4 Mi floats of transformed input + products per worker. Depends on
    /// the layer shape only, so results do not depend on the number of workers.
    var rowsPerChunk: Int {
        let byTarget = max(1, Self.tilesPerChunk / tilesWide)
        let byMemory = max(1, (1 << 22) / (Self.productCount * (inC + outC) * tilesWide))
        return min(totalRows, min(byTarget, byMemory))
    }

    /// m[ξ] (outC × tiles) = U[ξ] (outC × inC) · v[ξ] (inC × tiles) for ξ in `products`.
    func multiply(products: Range<Int>, tiles: Int, v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>) {
        multiply(products: products, tiles: tiles, weights: u, firstProduct: 0, v: v, m: m)
    }

    /// `multiply(products:tiles:v:m:)` with U[ξ] at `weights + (ξ − firstProduct)·outC·inC`.
    func multiply(products: Range<Int>, tiles: Int, weights: UnsafePointer<Float>, firstProduct: Int,
                  v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>) {
        for xi in products {
            LinearAlgebra.sgemm(m: outC, n: tiles, k: inC,
                                a: weights + (xi - firstProduct) * outC * inC, lda: inC,
                                b: v + xi * inC * tiles, ldb: tiles,
                                c: m + xi * outC * tiles, ldc: tiles)
        }
    }

    /// Whether the layer runs as one chunk with each step split over the workers (input
    /// channels, then the products, then output channels) rather than as chunks of tile rows
    /// handed out whole: when the whole layer has few tiles (batch 1, or the 7×7 and 14×14
    /// layers at batch 32), so that every core is busy and each transformed weight matrix is
    /// read once, by one worker. Depends on the layer shape only.
    var splitsSteps: Bool {
        Self.splitsSteps(tiles: totalRows * tilesWide, inChannels: inC, outChannels: outC)
    }

    /// `splitsSteps` of a layer of `tiles` tiles in all.
    static func splitsSteps(tiles: Int, inChannels: Int, outChannels: Int) -> Bool {
        tiles <= 1024 && productCount * (inChannels + outChannels) * tiles <= 1 << 24
    }

    /// Runs the three steps over the whole layer on `workspace`'s workers. The work is cut by
    /// layer shape only, never by worker count, so the result does not depend on the threads.
    func run(workspace: Workspace) {
        let workers = workspace.workers
        let scratch = (0..<workers).map { SendablePointer(workspace.buffer(2 * workers + $0, count: scratchCount)) }
        let products = Self.productCount
        if splitsSteps {
            let tiles = totalRows * tilesWide
            let v = SendablePointer(workspace.buffer(0, count: products * inC * tiles))
            let m = SendablePointer(workspace.buffer(workers, count: products * outC * tiles))
            // Groups of a size fixed by the shape, handed out first come, first served.
            func split(_ count: Int, parts: Int, _ body: @Sendable (Range<Int>, Int) -> Void) {
                let size = (count + parts - 1) / parts
                let queue = WorkQueue(count: (count + size - 1) / size)
                Parallel.forEach(min(parts, workers)) { worker in
                    while let part = queue.next() { body(part * size..<min(count, (part + 1) * size), worker) }
                }
            }
            let rows = totalRows
            split(inC, parts: 8) { channels, worker in
                transformInput(channels: channels, row0: 0, row1: rows, tiles: tiles, into: v.pointer, scratch: scratch[worker].pointer)
            }
            if let foldedWeights = layer.foldedWeights {
                let folded = SendablePointer(foldedWeights)
                // The transformed weights made one row of the 6 × 6 tile (6 products) at a
                // time, each by the worker that then multiplies with them (slot 3·workers + w).
                precondition(products == 36, "row-wise weights are F(4×4, 3×3)")
                let (pairs, level) = (inC * outC, layer.level)
                split(products, parts: 6) { range, worker in
                    let u6 = workspace.buffer(3 * workers + worker, count: 6 * pairs)
                    DeepKernels.winograd4WeightRow(folded.pointer, pairs: pairs, row: range.lowerBound / 6, into: u6, level: level)
                    multiply(products: range, tiles: tiles, weights: u6, firstProduct: range.lowerBound,
                             v: v.pointer, m: m.pointer)
                }
            } else {
                split(products, parts: products) { range, _ in
                    multiply(products: range, tiles: tiles, v: v.pointer, m: m.pointer)
                }
            }
            split(outC, parts: 8) { channels, worker in
                transformOutput(channels: channels, row0: 0, row1: rows, tiles: tiles, from: m.pointer, scratch: scratch[worker].pointer)
            }
        } else {
            let rowsPerChunk = self.rowsPerChunk, totalRows = self.totalRows
            let chunkCount = (totalRows + rowsPerChunk - 1) / rowsPerChunk
            let queue = WorkQueue(count: chunkCount)
            Parallel.forEach(min(chunkCount, workers)) { worker in
                while let chunk = queue.next() {
                    let row0 = chunk * rowsPerChunk
                    let row1 = min(totalRows, row0 + rowsPerChunk)
                    let tiles = (row1 - row0) * tilesWide
                    let v = workspace.buffer(worker, count: products * inC * tiles)
                    let m = workspace.buffer(workers + worker, count: products * outC * tiles)
                    transformInput(channels: 0..<inC, row0: row0, row1: row1, tiles: tiles, into: v, scratch: scratch[worker].pointer)
                    multiply(products: 0..<products, tiles: tiles, v: v, m: m)
                    transformOutput(channels: 0..<outC, row0: row0, row1: row1, tiles: tiles, from: m, scratch: scratch[worker].pointer)
                }
            }
        }
    }
}

/// Geometry and buffers shared by both tile sizes.
struct WinogradLayer: @unchecked Sendable {
    let inC: Int, outC: Int, batch: Int, h: Int, w: Int
    let tilesHigh: Int, tilesWide: Int
    let input: UnsafeMutablePointer<Float>
    /// Transformed weights U[ξ][o][i], made before the pass; nil when the pass makes them 6
    /// products at a time from `foldedWeights` (F(4×4, 3×3) with split steps only).
    let u: UnsafeMutablePointer<Float>?
    /// The folded 3×3 weights (`outC × inC × 9`) when `u` is nil.
    let foldedWeights: UnsafeMutablePointer<Float>?
    let bias: UnsafeMutablePointer<Float>
    let residual: UnsafeMutablePointer<Float>?
    let output: UnsafeMutablePointer<Float>
    let relu: Bool
    /// Instruction-set level of the C kernels (F(4×4, 3×3) only).
    let level: DeepKernels.Level

    var plane: Int { h * w }
    var totalRows: Int { batch * tilesHigh }

    /// Writes `line[0 ..< w] + bias (+ residual) (ReLU)` to output row `y` of channel `o`, image `n`.
    @inline(__always)
    func finish(_ line: UnsafeMutablePointer<Float>, channel o: Int, image n: Int, row y: Int, bias: Float) {
        let index = (o * batch + n) * plane + y * w
        finish(line, columns: 0..<w, dst: output + index, residual: residual.map { $0 + index }, bias: bias)
    }

    /// Writes `line[x] + bias (+ residual[x]) (ReLU)` to `dst[x]` for x in `columns`.
    @inline(__always)
    func finish(_ line: UnsafeMutablePointer<Float>, columns: Range<Int>, dst: UnsafeMutablePointer<Float>,
                residual res: UnsafeMutablePointer<Float>?, bias: Float) {
        if let res {
            if relu {
                for x in columns { dst[x] = Swift.max(line[x] + bias + res[x], 0) }
            } else {
                for x in columns { dst[x] = line[x] + bias + res[x] }
            }
        } else if relu {
            for x in columns { dst[x] = Swift.max(line[x] + bias, 0) }
        } else {
            for x in columns { dst[x] = line[x] + bias }
        }
    }
}

/// The F(2×2, 3×3) steps.
struct WinogradF2Pass: WinogradPass, @unchecked Sendable {
    static let productCount = 16
    static let tilesPerChunk = 512
    let layer: WinogradLayer
    /// Padded rows: x = −1 ... 2·tilesWide.
    var padded: Int { 2 * tilesWide + 2 }
    var scratchCount: Int { 8 * padded + 8 * tilesWide }

    func transformInput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                        into v: UnsafeMutablePointer<Float>, scratch rowScratch: UnsafeMutablePointer<Float>) {
        // Rows of Bᵀ d are combinations of whole (zero-padded) input rows; the columns of
        // (Bᵀ d) B are then stride-2 combinations along each combined row.
        let (h, w, plane, padded, tilesHigh, tilesWide) = (layer.h, layer.w, layer.plane, padded, layer.tilesHigh, layer.tilesWide)
        let step = inC * tiles
        for c in channels {
            for r in row0..<row1 {
                let n = r / tilesHigh, ty = r - n * tilesHigh
                let source = layer.input + (c * layer.batch + n) * plane
                for i in 0..<4 {
                    Winograd.loadPaddedRow(source, y: 2 * ty - 1 + i, height: h, width: w, into: rowScratch + i * padded, count: padded)
                }
                let d0 = rowScratch, d1 = d0 + padded, d2 = d1 + padded, d3 = d2 + padded
                let b = rowScratch + 4 * padded  // 4 rows of Bᵀ d
                let b0 = b, b1 = b0 + padded, b2 = b1 + padded, b3 = b2 + padded
                for x in 0..<padded {
                    b0[x] = d0[x] - d2[x]
                    b1[x] = d1[x] + d2[x]
                    b2[x] = d2[x] - d1[x]
                    b3[x] = d1[x] - d3[x]
                }
                let t0 = (r - row0) * tilesWide
                for i in 0..<4 {
                    Winograd.columnTransform(b + i * padded, tiles: tilesWide,
                                             into: v + (i * 4) * step + c * tiles + t0, step: step)
                }
            }
        }
    }

    func transformOutput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                         from m: UnsafeMutablePointer<Float>, scratch rowScratch: UnsafeMutablePointer<Float>) {
        let (h, padded, tilesHigh, tilesWide) = (layer.h, padded, layer.tilesHigh, layer.tilesWide)
        let products = outC * tiles
        let rows = rowScratch  // 2 output rows of 2·tilesWide values
        let partial = rowScratch + 2 * padded  // Aᵀ q: 8 rows of tilesWide values
        for o in channels {
            let bias = layer.bias[o]
            for r in row0..<row1 {
                let n = r / tilesHigh, ty = r - n * tilesHigh
                let q = m + o * tiles + (r - row0) * tilesWide
                for j in 0..<4 {
                    let q0 = q + j * products, q1 = q + (4 + j) * products
                    let q2 = q + (8 + j) * products, q3 = q + (12 + j) * products
                    let top = partial + j * tilesWide, bottom = partial + (4 + j) * tilesWide
                    for tx in 0..<tilesWide {
                        top[tx] = q0[tx] + q1[tx] + q2[tx]
                        bottom[tx] = q1[tx] - q2[tx] - q3[tx]
                    }
                }
                for i in 0..<2 {
                    let a = partial + 4 * i * tilesWide
                    let a0 = a, a1 = a0 + tilesWide, a2 = a1 + tilesWide, a3 = a2 + tilesWide
                    let line = rows + i * padded
                    var tx = 0
                    while tx + 4 <= tilesWide {
                        func load(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
                            UnsafeRawPointer(p + tx).loadUnaligned(as: SIMD4<Float>.self)
                        }
                        let (v0, v1, v2, v3) = (load(a0), load(a1), load(a2), load(a3))
                        let even = v0 + v1 + v2, odd = v1 - v2 - v3
                        let pair = SIMD8(even[0], odd[0], even[1], odd[1], even[2], odd[2], even[3], odd[3])
                        UnsafeMutableRawPointer(line + 2 * tx).storeBytes(of: pair, as: SIMD8<Float>.self)
                        tx += 4
                    }
                    while tx < tilesWide {
                        line[2 * tx] = a0[tx] + a1[tx] + a2[tx]
                        line[2 * tx + 1] = a1[tx] - a2[tx] - a3[tx]
                        tx += 1
                    }
                }
                for i in 0..<2 where 2 * ty + i < h {
                    layer.finish(rows + i * padded, channel: o, image: n, row: 2 * ty + i, bias: bias)
                }
            }
        }
    }
}

extension Convolution {
    /// Runs a Winograd pass (`tile` 2 or 4) over `x`, with the transformed weights `u`, or
    /// with nil to make them 6 products at a time during the pass (F(4×4, 3×3) layers that
    /// split their steps, `WinogradPass.splitsSteps`).
    func applyWinograd(_ x: ActivationBatch, tile: Int, transformedWeights u: UnsafePointer<Float>?, residual: ActivationBatch?,
                       relu: Bool, workspace: Workspace) -> ActivationBatch {
        let (h, w) = (x.height, x.width)
        let columns = x.batch * h * w
        let (inC, outC) = (inChannels, outChannels)
        let out = [Float](unsafeUninitializedCapacity: outC * columns) { outBuffer, initialized in
            DeepKernels.populateInParallel(outBuffer)
            withOperands(x) { input, folded, biasBase in
                withResidualPointer(residual) { residualBase in
                    let layer = WinogradLayer(
                        inC: inC, outC: outC, batch: x.batch, h: h, w: w,
                        tilesHigh: (h + tile - 1) / tile, tilesWide: (w + tile - 1) / tile,
                        input: input.pointer, u: u.map { UnsafeMutablePointer(mutating: $0) },
                        foldedWeights: u == nil ? folded.pointer : nil, bias: biasBase.pointer,
                        residual: residualBase?.pointer, output: outBuffer.baseAddress!, relu: relu,
                        level: DeepKernels.level)
                    if tile == 4 {
                        WinogradF4Pass(layer: layer).run(workspace: workspace)
                    } else {
                        WinogradF2Pass(layer: layer).run(workspace: workspace)
                    }
                }
            }
            initialized = outC * columns
        }
        return ActivationBatch(channels: outC, batch: x.batch, height: h, width: w, values: out)
    }
}
