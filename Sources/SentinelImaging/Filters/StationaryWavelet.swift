/// Stationary (undecimated) wavelet transform as PyRadiomics' `getWaveletImage` computes it with
/// PyWavelets: each axis of odd length is padded by one voxel with wrap (its first value), then
/// `pywt.swtn(level=1)` filters every axis periodically, output[n] = Σ_j f[j]·x[(n + F/2 − j) mod N'],
/// with the decomposition low-pass (L) or high-pass (H) filter; padding is cropped afterwards.
/// Further levels re-apply the same filters to the (padded) approximation.
///
/// Only the values needed are computed: outputs at the requested box, from the few source
/// voxels the filter reaches (with periodic wrap), so results equal whole-image filtering.
/// Sub-band names list the filter along x, then y, then z (PyRadiomics' `wavelet-LH` is low-pass
/// along x, high-pass along y); with force2D the z axis is not filtered (2-letter names).
public enum StationaryWavelet {
    /// Coiflet 1 decomposition filters (PyWavelets `coif1` dec_lo / dec_hi).
    static let coif1Low: [Double] = [-0.015655728135791993, -0.07273261951252645, 0.3848648468648578,
                                     0.8525720202116004, 0.3378976624574818, -0.07273261951252645]
    static let coif1High: [Double] = [0.07273261951252645, 0.3378976624574818, -0.8525720202116004,
                                      0.3848648468648578, 0.07273261951252645, -0.015655728135791993]

    /// Sub-band images over `box` (inclusive corners, x/y/z), x-fastest, keyed by name ("LH",
    /// "HLL", ...), including the approximation ("LL"/"LLL") of the last level.
    /// - Parameters:
    ///   - axesFiltered: which of x, y, z are filtered (z is off for 2D images and with force2D).
    ///   - level: 1-based decomposition level to return (PyRadiomics start_level + 1).
    public static func subBands(
        of image: ImageVolume, box: (lo: [Int], hi: [Int]), axesFiltered: [Bool], level: Int = 1
    ) -> [String: [Double]] {
        let size = image.sizeXYZ
        let padded = (0..<3).map { axesFiltered[$0] && size[$0] % 2 != 0 ? size[$0] + 1 : size[$0] }
        var source = image.voxels
        var sourceSize = size
        var mapToSource: [(Int) -> Int] = (0..<3).map { k in { $0 == size[k] ? 0 : $0 } }
        // Earlier levels: the full padded approximation.
        if level > 1 {
            for _ in 1..<level {
                let all = (0..<3).map { Array(0..<padded[$0]) }
                let bands = filter(source, sourceSize: sourceSize, map: mapToSource, padded: padded,
                                   outputs: all, axesFiltered: axesFiltered, approximationOnly: true)
                source = bands[String(repeating: "L", count: axesFiltered.filter { $0 }.count)]!
                sourceSize = padded
                mapToSource = (0..<3).map { _ in { $0 } }
            }
        }
        let outputs = (0..<3).map { Array(box.lo[$0]...box.hi[$0]) }
        return filter(source, sourceSize: sourceSize, map: mapToSource, padded: padded, outputs: outputs,
                      axesFiltered: axesFiltered, approximationOnly: false)
    }

    private static func filter(
        _ source: [Double], sourceSize: [Int], map: [(Int) -> Int], padded: [Int], outputs: [[Int]],
        axesFiltered: [Bool], approximationOnly: Bool
    ) -> [String: [Double]] {
        let taps = coif1Low.count, half = taps / 2
        // Per axis: compact source indices and, per output coordinate, the compact tap positions.
        var sources: [[Int]] = [], tapPositions: [[[Int]]] = []
        for k in 0..<3 {
            var compact: [Int: Int] = [:], list: [Int] = []
            var positions: [[Int]] = []
            for o in outputs[k] {
                let reach = axesFiltered[k] ? (0..<taps).map { ((o + half - $0) % padded[k] + padded[k]) % padded[k] } : [o]
                positions.append(reach.map { p in
                    let s = map[k](p)
                    if let c = compact[s] { return c }
                    compact[s] = list.count; list.append(s); return list.count - 1
                })
            }
            sources.append(list); tapPositions.append(positions)
        }
        // Gather the source block (x fastest).
        var block = [Double](repeating: 0, count: sources[0].count * sources[1].count * sources[2].count)
        var idx = 0
        for z in sources[2] { for y in sources[1] {
            let row = sourceSize[0] * (y + sourceSize[1] * z)
            for x in sources[0] { block[idx] = source[row + x]; idx += 1 }
        } }
        var bands: [(name: String, data: [Double], dims: [Int])] = [("", block, sources.map(\.count))]
        for k in 0..<3 {
            var next: [(String, [Double], [Int])] = []
            for band in bands {
                let choices: [(String, [Double])] = axesFiltered[k]
                    ? (approximationOnly ? [("L", coif1Low)] : [("L", coif1Low), ("H", coif1High)])
                    : [("", [1])]
                for (letter, f) in choices {
                    next.append((band.name + letter, applyAxis(band.data, dims: band.dims, axis: k, taps: tapPositions[k], filter: f),
                                 { var d = band.dims; d[k] = outputs[k].count; return d }()))
                }
            }
            bands = next
        }
        var result: [String: [Double]] = [:]
        for b in bands { result[b.name] = b.data }
        return result
    }

    /// Filters `data` (dims x, y, z; x fastest) along `axis`: output o = Σ_j f[j]·data[taps[o][j]].
    private static func applyAxis(_ data: [Double], dims: [Int], axis: Int, taps: [[Int]], filter f: [Double]) -> [Double] {
        var outDims = dims; outDims[axis] = taps.count
        var out = [Double](repeating: 0, count: outDims[0] * outDims[1] * outDims[2])
        let strideIn = axis == 0 ? 1 : (axis == 1 ? dims[0] : dims[0] * dims[1])
        data.withUnsafeBufferPointer { d in
            out.withUnsafeMutableBufferPointer { o in
                for z in 0..<outDims[2] { for y in 0..<outDims[1] { for x in 0..<outDims[0] {
                    var base = 0
                    switch axis {
                    case 0: base = dims[0] * (y + dims[1] * z)
                    case 1: base = x + dims[0] * dims[1] * z
                    default: base = x + dims[0] * y
                    }
                    let t = taps[axis == 0 ? x : (axis == 1 ? y : z)]
                    var sum = 0.0
                    for j in 0..<t.count { sum += f[j] * d[base + t[j] * strideIn] }
                    o[x + outDims[0] * (y + outDims[1] * z)] = sum
                } } }
            }
        }
        return out
    }
}
