import Foundation

/// First-order statistics (PyRadiomics `firstorder`): over the ROI values x (N voxels),
/// Energy = Σ(x + shift)², TotalEnergy = voxel volume · Energy, Entropy/Uniformity over the
/// discretized histogram, percentiles by linear interpolation (numpy), Kurtosis = m4/m2²
/// (not excess), Skewness = m3/m2^1.5 (0 for constant values), Variance = m2 (population).
enum FirstOrderFeatures {
    static func compute(values x: [Double], bins: [Int32], voxelVolume: Double, shift: Double) -> [String: Double] {
        let n = Double(x.count)
        let sorted = x.sorted()
        func percentile(_ q: Double) -> Double {
            let h = (n - 1) * q / 100
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
            let t = h - Double(lo)
            let a = sorted[lo], b = sorted[hi]
            return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
        }
        let mean = x.reduce(0, +) / n
        var energy = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0, mad = 0.0
        for v in x {
            energy += (v + shift) * (v + shift)
            let d = v - mean
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d; mad += abs(d)
        }
        m2 /= n; m3 /= n; m4 /= n; mad /= n
        let p10 = percentile(10), p90 = percentile(90)
        var robust: [Double] = []
        for v in x where v >= p10 && v <= p90 { robust.append(v) }
        let robustMean = robust.reduce(0, +) / Double(robust.count)
        let rmad = robust.reduce(0) { $0 + abs($1 - robustMean) } / Double(robust.count)
        var histogram: [Int32: Int] = [:]
        for b in bins { histogram[b, default: 0] += 1 }
        var entropy = 0.0, uniformity = 0.0
        for c in histogram.values.sorted() {
            let p = Double(c) / n
            entropy -= p * log2(p + machineEpsilon); uniformity += p * p
        }
        let m2safe = m2 == 0 ? 1 : m2
        return [
            "10Percentile": p10, "90Percentile": p90, "Energy": energy, "Entropy": entropy,
            "InterquartileRange": percentile(75) - percentile(25), "Kurtosis": m4 / (m2safe * m2safe),
            "Maximum": sorted.last!, "Mean": mean, "MeanAbsoluteDeviation": mad, "Median": percentile(50),
            "Minimum": sorted.first!, "Range": sorted.last! - sorted.first!, "RobustMeanAbsoluteDeviation": rmad,
            "RootMeanSquared": (energy / n).squareRoot(), "Skewness": m3 / pow(m2safe, 1.5),
            "TotalEnergy": energy * voxelVolume, "Uniformity": uniformity, "Variance": m2,
        ]
    }
}
