private import CDeepKernels
import Foundation
import SentinelNumerics

/// The Winograd F(4×4, 3×3) weight, input and output transforms and the stride-2 im2col
/// gather in C (`CDeepKernels`), at the widest instruction set this CPU runs: AVX-512F,
/// AVX2 + FMA, or portable C (Swift's SIMD types compile to SSE only).
///
/// Every level evaluates the same operations in the same order with no fused multiply-adds,
/// so all levels give bit-identical results; the tests run the network at each level the CPU
/// has and compare. `SENTINEL_DEEP_KERNELS=portable` (or `avx2`) caps the level for a whole
/// process, e.g. to time the portable path; `withLevel(_:_:)` does so for a block (tests).
enum DeepKernels: KernelFamily {
    static let setting = KernelLevelSetting(requiringFMA: true, capVariable: "SENTINEL_DEEP_KERNELS")

    /// U[ξ·pairs + p] = (G g_p Gᵀ)[ξ] for the 3×3 kernels g_p = `weights[9p ..< 9p + 9]`
    /// (ξ = 6·row + column), in Double, rounded once to Float (see `WinogradF4`).
    static func winograd4Weights(_ weights: UnsafePointer<Float>, pairs: Int, into u: UnsafeMutablePointer<Float>,
                                 level: Level) {
        cdk_wino4_weights(weights, pairs, u, level.rawValue)
    }

    /// `winograd4Weights` for the kernels `range` of `pairs` only (the same values, written at
    /// `u[ξ·pairs + p]`), so that a layer's transform can be split over workers.
    static func winograd4Weights(_ weights: UnsafePointer<Float>, range: Range<Int>, of pairs: Int,
                                 into u: UnsafeMutablePointer<Float>, level: Level) {
        cdk_wino4_weights_range(weights, range.lowerBound, range.upperBound, pairs, u, level.rawValue)
    }

    /// Row `row` (0 ..< 6) of the 6 × 6 transformed kernels only: `u[j·pairs + p]` = U[(6·row + j)·pairs + p]
    /// of `winograd4Weights` (the same values, bit for bit), j = 0 ..< 6: the weights of 6 of
    /// the 36 products, so that a layer can make and use them 6 products at a time.
    static func winograd4WeightRow(_ weights: UnsafePointer<Float>, pairs: Int, row: Int,
                                   into u: UnsafeMutablePointer<Float>, level: Level) {
        precondition((0..<6).contains(row), "tile row 0 ..< 6")
        cdk_wino4_weight_row(weights, pairs, Int32(row), u, level.rawValue)
    }

    /// Floats of scratch `winograd4Input` needs for rows of `tilesWide` tiles.
    static func winograd4InputScratch(tilesWide: Int) -> Int { cdk_wino4_input_scratch(tilesWide) }

    /// Input transform of one channel (`channel`: its image 0, images h·w floats apart) over
    /// tile rows `rows` (row r = image r / tilesHigh, tile row r % tilesHigh):
    /// `v[ξ·step + (r − rows.lowerBound)·tilesWide + tx]` = (Bᵀ d B)[ξ] of the zero-padded 6×6
    /// input tile at rows 4·ty − 1 ..., columns 4·tx − 1 ...
    static func winograd4Input(_ channel: UnsafePointer<Float>, height: Int, width: Int, tilesHigh: Int,
                               tilesWide: Int, rows: Range<Int>, into v: UnsafeMutablePointer<Float>, step: Int,
                               scratch: UnsafeMutablePointer<Float>, level: Level) {
        cdk_wino4_input(channel, height, width, tilesHigh, tilesWide, rows.lowerBound, rows.upperBound,
                        v, step, scratch, level.rawValue)
    }

    /// Floats of scratch `winograd4Output` needs for a chunk of `tiles` tiles.
    static func winograd4OutputScratch(tiles: Int) -> Int { cdk_wino4_output_scratch(tiles) }

    /// Output transform of output channels `channels` for the chunk of `tiles` tiles starting at
    /// tile row `row0`: from the products `m[ξ·products + o·tiles + t]`, writes
    /// `relu?(Aᵀ q A + bias[o] (+ residual))` (ReLU when `relu`) to the output pixels inside the
    /// image, in the `ActivationBatch` layout (`residual` likewise).
    static func winograd4Output(_ m: UnsafePointer<Float>, products: Int, tiles: Int, channels: Range<Int>,
                                row0: Int, tilesHigh: Int, tilesWide: Int, height: Int, width: Int, batch: Int,
                                bias: UnsafePointer<Float>, residual: UnsafePointer<Float>?,
                                output: UnsafeMutablePointer<Float>, relu: Bool,
                                scratch: UnsafeMutablePointer<Float>, level: Level) {
        cdk_wino4_output(m, products, tiles, channels.lowerBound, channels.upperBound, row0, tilesHigh, tilesWide,
                         height, width, batch, bias, residual, output, relu ? 1 : 0, scratch, level.rawValue)
    }

    /// `dst[i] = src[2i]` for i < `count` (the im2col rows of stride-2 convolutions); reads
    /// `src[0 ... 2·count − 2]` only.
    static func gatherEven(_ src: UnsafePointer<Float>, count: Int, into dst: UnsafeMutablePointer<Float>, level: Level) {
        cdk_gather_even(src, count, dst, level.rawValue)
    }
}

extension DeepKernels {
    /// Faults in a large buffer about to be written in full with one system call rather than
    /// a page-fault trap every 4 KiB (Linux; no effect elsewhere or under 1 MiB).
    static func populate(_ buffer: UnsafeMutableBufferPointer<Float>) {
        guard let base = buffer.baseAddress else { return }
        cdk_populate(base, buffer.count * MemoryLayout<Float>.stride)
    }

    /// `populate(_:)` split over all cores, for a layer's output made by the thread that then
    /// hands the layer to the workers: the kernel zero-fills the pages of each part on its own
    /// core instead of one core filling them all while the others wait. Parts start on 2 MiB
    /// boundaries, so each still gets whole transparent huge pages. Buffers under 8 MiB, or one
    /// worker, are populated in one call.
    static func populateInParallel(_ buffer: UnsafeMutableBufferPointer<Float>) {
        guard let base = buffer.baseAddress else { return }
        let bytes = buffer.count * MemoryLayout<Float>.stride, workers = Parallel.workers
        guard workers > 1, bytes >= 8 << 20 else { return cdk_populate(base, bytes) }
        let parts = populationParts(start: UInt(bitPattern: base), bytes: bytes, workers: workers)
        Parallel.forEach(parts.count) { k in
            cdk_populate(UnsafeMutableRawPointer(bitPattern: parts[k].lowerBound), Int(parts[k].count))
        }
    }

    /// The address ranges `populateInParallel` hands out for `bytes` bytes at `start`: at most
    /// `workers` ranges, in order, covering the buffer exactly, every range after the first
    /// starting on a 2 MiB boundary.
    static func populationParts(start: UInt, bytes: Int, workers: Int) -> [Range<UInt>] {
        let huge: UInt = 2 << 20, end = start + UInt(bytes)
        let step = max(huge, (UInt(bytes / max(1, workers)) + huge - 1) / huge * huge)
        let first = (start + huge - 1) / huge * huge  // the first 2 MiB boundary
        let cuts = [start] + stride(from: first + step, to: end, by: Int(step)).map { $0 } + [end]
        return (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
    }
}
