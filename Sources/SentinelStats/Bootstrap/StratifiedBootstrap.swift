import Dispatch
import SentinelNumerics

#if canImport(Glibc)
import Glibc
#endif

/// Stratified bootstrap of the AUC and the threshold metrics of K models on the same
/// patients, with percentile confidence intervals.
///
/// Resampling algorithm (reproducible bit for bit on every platform):
/// for replicate r = 0, 1, …, B − 1, take `var g = generator.derived(UInt64(r))`; draw
/// m case indices `g.nextInt(below: m)` (cases numbered 0..<m in input order), then n
/// control indices `g.nextInt(below: n)` (controls numbered 0..<n in input order). The
/// replicate is that multiset of m cases and n controls: cases and controls are resampled
/// separately, so every replicate keeps the cohort's m and n. All K models are evaluated on
/// the same replicates (paired), so replicate-wise differences between models are valid.
///
/// Because each replicate has its own derived generator, results do not depend on the
/// number of threads or on how replicates are split into blocks.
///
/// Per replicate and model, with per-patient multiplicities w:
/// - AUC = Σ_{case i, control j} wᵢ wⱼ (1[sᵢ > sⱼ] + ½ 1[sᵢ = sⱼ]) / (m n), computed in
///   one O(N) pass over the patients in the score order found once per model: per tie
///   group, caseWeight · (2 · controlWeightBelow + controlWeight), summed in exact
///   integers (never by O(N²) pairs);
/// - at the model's fixed threshold t (positive iff score ≥ t): accuracy, sensitivity,
///   specificity, PPV, NPV from the weighted confusion counts; a 0/0 PPV or NPV is NaN in
///   that replicate and such replicates are left out of that metric's interval.
///
/// Cost: O(K · N log N) once, then O(B · K · N) (plus B · N random draws).
public struct StratifiedBootstrap: Sendable {
    /// Number of bootstrap replicates B (default 2000, as pROC `boot.n`).
    public var replicates: Int
    /// Confidence level of the percentile intervals (default 0.95).
    public var level: Double
    /// Upper bound on worker threads; nil uses all active processors, 1 runs serially.
    /// Does not change the results.
    public var maximumConcurrency: Int?

    public init(replicates: Int = 2000, level: Double = 0.95, maximumConcurrency: Int? = nil) {
        self.replicates = replicates
        self.level = level
        self.maximumConcurrency = maximumConcurrency
    }

    /// Bootstraps `scores[k]` (model k, one score per patient) against `labels`
    /// (`true` = case), with `thresholds[k]` the fixed threshold of model k.
    ///
    /// - Throws: `StatsError` for a bad configuration (replicates < 1, level outside
    ///   (0, 1), maximumConcurrency < 1), mismatched lengths, non-finite scores or
    ///   thresholds, or fewer than 1 case or 1 control.
    public func run(scores: [[Double]], labels: [Bool], thresholds: [Double],
                    generator: SeededGenerator) throws -> BootstrapResult {
        try validate(scores: scores, labels: labels, thresholds: thresholds)
        let plan = BootstrapPlan(scores: scores, labels: labels, thresholds: thresholds)
        let values = BootstrapValues(models: scores.count, replicates: replicates)
        let workers = min(replicates, maximumConcurrency ?? BootstrapPlan.activeProcessors)
        let perBlock = (replicates + workers - 1) / workers
        let work: @Sendable (Int) -> Void = { block in
            let range = (block * perBlock)..<min(replicates, (block + 1) * perBlock)
            plan.evaluate(replicates: range, generator: generator, into: values)
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        let models = (0..<scores.count).map { k in
            BootstrapModelResult(threshold: thresholds[k],
                                 estimates: (0..<BootstrapMetric.allCases.count).map {
                                     BootstrapEstimate(values: values.copy(model: k, metric: $0), level: level)
                                 })
        }
        return BootstrapResult(replicates: replicates, level: level, cases: plan.caseCount,
                               controls: plan.controlCount, models: models)
    }

    private func validate(scores: [[Double]], labels: [Bool], thresholds: [Double]) throws {
        guard replicates >= 1 else {
            throw StatsError.invalidParameter(name: "replicates", value: "\(replicates)", requirement: "must be >= 1")
        }
        try StatsError.validate(level: level)
        if let c = maximumConcurrency, c < 1 {
            throw StatsError.invalidParameter(name: "maximumConcurrency", value: "\(c)", requirement: "must be >= 1 or nil")
        }
        try ScoreValidation.validate(models: scores, labels: labels, minimumPerClass: 1)
        guard labels.count <= BootstrapPlan.maximumPatients else {
            throw StatsError.invalidParameter(name: "patients", value: "\(labels.count)",
                                              requirement: "at most \(BootstrapPlan.maximumPatients) per bootstrap")
        }
        guard thresholds.count == scores.count else {
            throw StatsError.lengthMismatch(expected: scores.count, actual: thresholds.count)
        }
        if let bad = thresholds.firstIndex(where: { !$0.isFinite }) {
            throw StatsError.invalidParameter(name: "thresholds[\(bad)]", value: "\(thresholds[bad])",
                                              requirement: "must be a finite number")
        }
    }
}

/// The metrics computed per replicate, in storage order.
enum BootstrapMetric: Int, CaseIterable {
    case auc, accuracy, sensitivity, specificity, ppv, npv
}

/// Replicate values of every (model, metric), written concurrently by disjoint replicates.
final class BootstrapValues: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Double>
    private let replicates: Int

    init(models: Int, replicates: Int) {
        self.replicates = replicates
        storage = .allocate(capacity: models * BootstrapMetric.allCases.count * replicates)
        storage.initialize(repeating: .nan)
    }

    deinit { storage.deallocate() }

    func set(_ value: Double, model: Int, metric: BootstrapMetric, replicate: Int) {
        storage[(model * BootstrapMetric.allCases.count + metric.rawValue) * replicates + replicate] = value
    }

    func copy(model: Int, metric: Int) -> [Double] {
        let start = (model * BootstrapMetric.allCases.count + metric) * replicates
        return Array(storage[start..<(start + replicates)])
    }
}
