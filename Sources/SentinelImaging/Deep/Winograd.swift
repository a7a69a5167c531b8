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

    /// Tile rows (image, tile row) per chunk: about 512 tiles, and at most 4 Mi floats of
    /// transformed input + products per worker. Depends on the layer shape only.
    static func tileRowsPerChunk(inChannels: Int, outChannels: Int, tilesWide: Int, totalRows: Int) -> Int {
        let byTarget = max(1, 512 / tilesWide)
        let byMemory = max(1, (1 << 22) / (16 * (inChannels + outChannels) * tilesWide))
        return min(totalRows, min(byTarget, byMemory))
    }
}

extension Convolution {
    func applyWinograd(_ x: ActivationBatch, transformedWeights: [Float], residual: ActivationBatch?,
                       relu: Bool, workspace: Workspace) -> ActivationBatch {
        let (h, w) = (x.height, x.width)
        let plane = h * w
        let columns = x.batch * plane
        let tilesHigh = (h + 1) / 2, tilesWide = (w + 1) / 2
        let totalRows = x.batch * tilesHigh
        let rowsPerChunk = Winograd.tileRowsPerChunk(inChannels: inChannels, outChannels: outChannels,
                                                     tilesWide: tilesWide, totalRows: totalRows)
        let chunkCount = (totalRows + rowsPerChunk - 1) / rowsPerChunk
        let queue = WorkQueue(count: chunkCount)
        let (inC, outC, batch) = (inChannels, outChannels, x.batch)
        let out = [Float](unsafeUninitializedCapacity: outC * columns) { outBuffer, initialized in
            x.values.withUnsafeBufferPointer { input in
                transformedWeights.withUnsafeBufferPointer { u in
                    bias.withUnsafeBufferPointer { biasBuffer in
                        let outBase = SendablePointer(outBuffer.baseAddress!)
                        let inBase = SendablePointer(input.baseAddress!)
                        let uBase = SendablePointer(u.baseAddress!)
                        let biasBase = SendablePointer(biasBuffer.baseAddress!)
                        withResidualPointer(residual) { residualBase in
                            Parallel.forEach(min(chunkCount, workspace.workers)) { worker in
                                while let chunk = queue.next() {
                                    let row0 = chunk * rowsPerChunk
                                    let row1 = min(totalRows, row0 + rowsPerChunk)
                                    let tiles = (row1 - row0) * tilesWide
                                    let v = workspace.buffer(worker, count: 16 * inC * tiles)
                                    let m = workspace.buffer(workspace.workers + worker, count: 16 * outC * tiles)
                                    // 1. Input transform: v[ξ][c][t].
                                    let step = inC * tiles
                                    for c in 0..<inC {
                                        for r in row0..<row1 {
                                            let n = r / tilesHigh, ty = r - n * tilesHigh
                                            let source = inBase.pointer + (c * batch + n) * plane
                                            for tx in 0..<tilesWide {
                                                let t = (r - row0) * tilesWide + tx
                                                let y0 = 2 * ty - 1, x0 = 2 * tx - 1
                                                let interior = y0 >= 0 && y0 + 3 < h && x0 >= 0 && x0 + 3 < w
                                                func row(_ i: Int) -> SIMD4<Float> {
                                                    let y = y0 + i
                                                    let p = source + y * w + x0
                                                    if interior { return SIMD4(p[0], p[1], p[2], p[3]) }
                                                    guard y >= 0 && y < h else { return .zero }
                                                    var v = SIMD4<Float>.zero
                                                    for j in 0..<4 where x0 + j >= 0 && x0 + j < w { v[j] = p[j] }
                                                    return v
                                                }
                                                let d0 = row(0), d1 = row(1), d2 = row(2), d3 = row(3)
                                                func store(_ i: Int, _ b: SIMD4<Float>) {  // row i of (Bᵀ d) B
                                                    let base = v + (i * 4) * step + c * tiles + t
                                                    base[0] = b[0] - b[2]
                                                    base[step] = b[1] + b[2]
                                                    base[2 * step] = b[2] - b[1]
                                                    base[3 * step] = b[1] - b[3]
                                                }
                                                store(0, d0 - d2)  // rows of Bᵀ d
                                                store(1, d1 + d2)
                                                store(2, d2 - d1)
                                                store(3, d1 - d3)
                                            }
                                        }
                                    }
                                    // 2. 16 products: m[ξ] (outC × tiles) = U[ξ] (outC × inC) · v[ξ] (inC × tiles).
                                    for xi in 0..<16 {
                                        LinearAlgebra.sgemm(m: outC, n: tiles, k: inC,
                                                            a: uBase.pointer + xi * outC * inC, lda: inC,
                                                            b: v + xi * inC * tiles, ldb: tiles,
                                                            c: m + xi * outC * tiles, ldc: tiles)
                                    }
                                    // 3. Output transform + bias (+ residual) (+ ReLU).
                                    let products = outC * tiles
                                    for o in 0..<outC {
                                        let bias = biasBase.pointer[o]
                                        for r in row0..<row1 {
                                            let n = r / tilesHigh, ty = r - n * tilesHigh
                                            let offset = (o * batch + n) * plane
                                            for tx in 0..<tilesWide {
                                                let q = m + o * tiles + (r - row0) * tilesWide + tx
                                                func row(_ i: Int) -> SIMD4<Float> {
                                                    SIMD4(q[(4 * i) * products], q[(4 * i + 1) * products],
                                                          q[(4 * i + 2) * products], q[(4 * i + 3) * products])
                                                }
                                                let q0 = row(0), q1 = row(1), q2 = row(2), q3 = row(3)
                                                let a0 = q0 + q1 + q2, a1 = q1 - q2 - q3  // Aᵀ q
                                                let outputs = (a0[0] + a0[1] + a0[2], a0[1] - a0[2] - a0[3],
                                                               a1[0] + a1[1] + a1[2], a1[1] - a1[2] - a1[3])
                                                func store(_ i: Int, _ j: Int, _ value: Float) {
                                                    let y = 2 * ty + i, xx = 2 * tx + j
                                                    guard y < h && xx < w else { return }
                                                    let index = offset + y * w + xx
                                                    var result = value + bias
                                                    if let residualBase { result += residualBase.pointer[index] }
                                                    outBase.pointer[index] = relu ? Swift.max(result, 0) : result
                                                }
                                                store(0, 0, outputs.0)
                                                store(0, 1, outputs.1)
                                                store(1, 0, outputs.2)
                                                store(1, 1, outputs.3)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = outC * columns
        }
        return ActivationBatch(channels: outC, batch: x.batch, height: h, width: w, values: out)
    }
}
