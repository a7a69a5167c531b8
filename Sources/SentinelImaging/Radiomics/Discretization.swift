import Foundation

/// Gray-level discretization exactly as PyRadiomics (`imageoperations.getBinEdges` +
/// `numpy.digitize`):
/// - fixed bin width W: edges `lowBound + k·W` with `lowBound = min − (min mod W)` (Python's
///   floored modulo, so edges are anchored at 0), up to `max + 2W` (exclusive); a single edge
///   (flat region) becomes `[e − 0.5, e + 0.5]`;
/// - fixed bin count N: `numpy.histogram` edges (`min + k·(max − min)/N`, last edge = max,
///   a flat region spans ±0.5) with 1 added to the last edge.
/// A value's bin is the number of edges ≤ value (1-based); voxels outside the ROI get 0.
/// At most `maximumBins` bins: more (a huge gray-level range for the bin width, e.g. a float
/// image holding 3e38, or a huge `binCount`) is an `ImagingError.invalidSetting`, not a trap.
public struct Discretization: Sendable, Equatable {
    /// The bin edges.
    public let edges: [Double]

    /// Most bins allowed (PyRadiomics recommends 30-130; gray levels are stored as `Int32`).
    public static let maximumBins = 1_000_000

    /// Computes the edges from the ROI values (must be non-empty and finite).
    /// - Throws: `ImagingError.invalidSetting` when more than `maximumBins` bins would be needed.
    public init(values: [Double], binWidth: Double, binCount: Int?) throws {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values { lo = min(lo, v); hi = max(hi, v) }
        if let n = binCount, n > 0 {
            guard n <= Self.maximumBins else {
                throw ImagingError.invalidSetting("binCount \(n) is more than \(Self.maximumBins) bins; use a binCount such as 32")
            }
            var first = lo, last = hi
            if first == last { first -= 0.5; last += 0.5 }
            let step = (last - first) / Double(n)
            var e = (0...n).map { Double($0) * step + first }
            e[n] = last + 1
            edges = e
        } else {
            var r = fmod(lo, binWidth)
            if r != 0 && ((r < 0) != (binWidth < 0)) { r += binWidth }
            let low = lo - r
            let stop = hi + 2 * binWidth
            let bins = ((stop - low) / binWidth).rounded(.up)
            guard bins.isFinite, bins <= Double(Self.maximumBins + 2) else {
                throw ImagingError.invalidSetting(
                    "binWidth \(binWidth) over the ROI's gray levels \(lo) to \(hi) needs \(bins) bins (at most \(Self.maximumBins)); set a larger binWidth or a binCount, or normalize the image")
            }
            let count = Int(bins)
            // numpy.arange fills start + i·delta with delta = (start + step) − start.
            let delta = (low + binWidth) - low
            var e = (0..<max(count, 1)).map { low + Double($0) * delta }
            if e.count == 1 { e = [e[0] - 0.5, e[0] + 0.5] }
            edges = e
        }
    }

    /// The 1-based bin of `value` (number of edges ≤ value).
    @inlinable public func bin(_ value: Double) -> Int {
        var a = 0, b = edges.count
        while a < b {
            let m = (a + b) >> 1
            if edges[m] <= value { a = m + 1 } else { b = m }
        }
        return a
    }

    /// Bins every ROI voxel of `roi` (0 outside the mask).
    public func discretize(_ roi: RegionOfInterest) -> [Int32] {
        var out = [Int32](repeating: 0, count: roi.values.count)
        for i in roi.values.indices where roi.inMask[i] { out[i] = Int32(bin(roi.values[i])) }
        return out
    }
}
