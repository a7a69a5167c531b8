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
/// use only additions and multiplications by 2, 4, 5 and 8. All three run in C at the widest
/// instruction set the CPU has (`DeepKernels`; every level gives the same bits).
enum WinogradF4 {
    /// U[ξ][o][i] = (G g[o][i] Gᵀ)[ξ] for ξ = 6·row + column, computed in Double and rounded
    /// once, stored as contiguous runs of U[ξ].
    static func transformWeights(_ weights: [Float], outChannels: Int, inChannels: Int,
                                 level: DeepKernels.Level = DeepKernels.level) -> [Float] {
        let pairs = outChannels * inChannels
        precondition(weights.count == 9 * pairs, "3x3 weight count")
        return [Float](unsafeUninitializedCapacity: 36 * pairs) { u, initialized in
            DeepKernels.populate(u)
            weights.withUnsafeBufferPointer { w in
                DeepKernels.winograd4Weights(w.baseAddress!, pairs: pairs, into: u.baseAddress!, level: level)
            }
            initialized = 36 * pairs
        }
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

/// The F(4×4, 3×3) steps, in C (`DeepKernels`).
struct WinogradF4Pass: WinogradPass, @unchecked Sendable {
    static let productCount = 36
    static let tilesPerChunk = 256
    let layer: WinogradLayer
    /// Row buffers of the input transform, or the output transform's partial sums and tile map
    /// for the largest chunk.
    var scratchCount: Int {
        max(DeepKernels.winograd4InputScratch(tilesWide: tilesWide),
            DeepKernels.winograd4OutputScratch(tiles: (splitsSteps ? totalRows : rowsPerChunk) * tilesWide))
    }

    /// v[ξ][c][t] for channels `channels` and the tile rows `row0 ..< row1` (chunk of `tiles` tiles).
    func transformInput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                        into v: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let channelSize = layer.batch * layer.plane
        for c in channels {
            DeepKernels.winograd4Input(layer.input + c * channelSize, height: layer.h, width: layer.w,
                                       tilesHigh: layer.tilesHigh, tilesWide: tilesWide, rows: row0..<row1,
                                       into: v + c * tiles, step: inC * tiles, scratch: scratch, level: layer.level)
        }
    }

    /// Output transform of channels `channels` over tile rows `row0 ..< row1`, fused with bias
    /// (+ residual) (+ ReLU), stored straight into the output.
    func transformOutput(channels: Range<Int>, row0: Int, row1: Int, tiles: Int,
                         from m: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        DeepKernels.winograd4Output(m, products: outC * tiles, tiles: tiles, channels: channels, row0: row0,
                                    tilesHigh: layer.tilesHigh, tilesWide: tilesWide, height: layer.h, width: layer.w,
                                    batch: layer.batch, bias: layer.bias, residual: layer.residual,
                                    output: layer.output, relu: layer.relu, scratch: scratch, level: layer.level)
    }
}
