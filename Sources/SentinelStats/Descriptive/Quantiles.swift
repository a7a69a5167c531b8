/// Sample quantiles.
public enum Quantiles {
    /// The type-7 sample quantile (R `quantile(type = 7)`, numpy's default "linear"):
    /// h = (n - 1)·p, x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋]) on ascending `sorted` values.
    /// NaN for an empty sample or p outside [0, 1].
    public static func type7(sorted: [Double], probability p: Double) -> Double {
        guard !sorted.isEmpty, p >= 0, p <= 1 else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = h - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
