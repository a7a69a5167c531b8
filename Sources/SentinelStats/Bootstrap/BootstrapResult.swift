/// Output of `StratifiedBootstrap.run`: one `BootstrapModelResult` per model, all computed
/// on the same replicates.
public struct BootstrapResult: Codable, Sendable {
    /// Number of replicates B.
    public let replicates: Int
    /// Confidence level of the percentile intervals.
    public let level: Double
    /// Cases and controls in the cohort (and in every replicate).
    public let cases: Int
    public let controls: Int
    /// Per model, in input order.
    public let models: [BootstrapModelResult]

    /// Paired bootstrap distribution of AUC_a − AUC_b over the shared replicates, with its
    /// percentile interval at `level`.
    ///
    /// - Throws: `StatsError.modelIndexOutOfRange` for a bad index.
    public func aucDifference(_ a: Int, _ b: Int) throws -> BootstrapEstimate {
        for k in [a, b] where !models.indices.contains(k) {
            throw StatsError.modelIndexOutOfRange(index: k, count: models.count)
        }
        let va = models[a].auc.values
        let vb = models[b].auc.values
        guard va.count == vb.count, va.count == replicates else {
            throw StatsError.invalidParameter(name: "replicate values", value: "missing",
                                              requirement: "differences need the replicate values (not kept after decoding)")
        }
        return BootstrapEstimate(values: zip(va, vb).map { $0 - $1 }, level: level)
    }
}
