import Dispatch
import SentinelStats

/// Step 1 of selection: a univariate test of every feature against the outcome on the
/// training cohort, computed once per feature and shared by every feature set.
///
/// Continuous features: Student's t-test when both outcome groups pass Shapiro-Wilk at
/// 0.05, else the Mann-Whitney U test (the paper's rule). Categorical (0/1) features:
/// Pearson chi-square, or Fisher's exact test when any expected count is below 5.
/// A feature that is constant in training gets p = 1 and is never selected.
/// Also records whether each feature's training values pass Shapiro-Wilk (pooled), which
/// decides Pearson versus Spearman in the correlation filter.
public struct UnivariateScreen: Sendable {
    public var p: [Double]
    public var test: [String]
    /// Shapiro-Wilk p > 0.05 on the pooled training values.
    public var isNormal: [Bool]
    public var isConstant: [Bool]

    /// Midranks of each continuous feature's training values (nil for categorical, constant or
    /// non-finite features): `Ranking.midranks` of the values, kept from the screen's sort for
    /// the correlation filter's Spearman r.
    var midranks: [[Double]?]
    /// The training rows screened (the rows `midranks` are of).
    var trainingRows: [Int]

    public init(study: EncodedStudy, trainingRows: [Int]) throws {
        let count = study.columns.count
        var p = [Double](repeating: 1, count: count)
        var test = [String](repeating: "constant in training", count: count)
        var normal = [Bool](repeating: false, count: count)
        var constant = [Bool](repeating: true, count: count)
        var midranks = [[Double]?](repeating: nil, count: count)
        let results = ResultBox(count: count)
        let labels = trainingRows.map { study.labels[$0] }
        DispatchQueue.concurrentPerform(iterations: count) { j in
            let column = study.columns[j]
            let values = trainingRows.map { column[$0] }
            results.set(j, Self.screen(values: values, labels: labels, categorical: study.featureIsCategorical[j]))
        }
        for j in 0..<count {
            guard let r = results.get(j) else { continue }
            p[j] = r.p; test[j] = r.test; normal[j] = r.normal; constant[j] = r.constant; midranks[j] = r.midranks
        }
        self.p = p
        self.test = test
        self.isNormal = normal
        self.isConstant = constant
        self.midranks = midranks
        self.trainingRows = trainingRows
    }

    struct Outcome: Sendable { var p: Double; var test: String; var normal: Bool; var constant: Bool; var midranks: [Double]? = nil }

    static func screen(values: [Double], labels: [Bool], categorical: Bool) -> Outcome {
        guard let first = values.first, values.contains(where: { $0 != first }) else {
            return Outcome(p: 1, test: "constant in training", normal: false, constant: true)
        }
        if categorical {
            let levels = Array(Set(values)).sorted()
            let table = [false, true].map { outcome in
                levels.map { level in zip(values, labels).filter { $0.0 == level && $0.1 == outcome }.count }
            }
            if let r = try? HypothesisTests.categoricalTest(table) {
                return Outcome(p: r.p, test: r.method, normal: false, constant: false)
            }
            return Outcome(p: 1, test: "not testable", normal: false, constant: false)
        }
        let n = values.count
        var positives: [Double] = [], negatives: [Double] = []
        positives.reserveCapacity(n)
        negatives.reserveCapacity(n)
        for i in 0..<n {
            if labels[i] { positives.append(values[i]) } else { negatives.append(values[i]) }
        }
        guard values.allSatisfy(\.isFinite) else {
            let pooledNormal = ((try? HypothesisTests.shapiroWilk(values))?.p ?? 0) > 0.05
            if let r = try? HypothesisTests.continuousTest(positives, negatives) {
                return Outcome(p: r.p, test: r.method, normal: pooledNormal, constant: false)
            }
            return Outcome(p: 1, test: "not testable", normal: pooledNormal, constant: false)
        }
        // One sort of the pooled values serves every test: the pooled and per-group sorted
        // samples for Shapiro-Wilk (a stable sort's group subsequences are the groups sorted)
        // and the pooled midranks for Mann-Whitney, whose rank sum adds the positives' ranks
        // in their order as `mannWhitney(positives, negatives)` does. The steps are those of
        // `HypothesisTests.continuousTest(positives, negatives)`, so the results are identical.
        let order = Ranking.order(values)
        var sorted = [Double](repeating: 0, count: n)
        var sortedPositives: [Double] = [], sortedNegatives: [Double] = []
        sortedPositives.reserveCapacity(positives.count)
        sortedNegatives.reserveCapacity(negatives.count)
        for k in 0..<n {
            let i = order[k], v = values[i]
            sorted[k] = v
            if labels[i] { sortedPositives.append(v) } else { sortedNegatives.append(v) }
        }
        let pooledNormal = ((try? HypothesisTests.shapiroWilk(sorted: sorted))?.p ?? 0) > 0.05
        let (ranks, ties) = Ranking.midranksAndTies(values, order: order)
        func passesShapiro(_ sorted: [Double]) -> Bool { ((try? HypothesisTests.shapiroWilk(sorted: sorted))?.p ?? 0) > 0.05 }
        if passesShapiro(sortedPositives), passesShapiro(sortedNegatives),
           let t = try? HypothesisTests.studentT(positives, negatives) {
            return Outcome(p: t.p, test: t.method, normal: pooledNormal, constant: false, midranks: ranks)
        }
        var rankSum = 0.0
        for i in values.indices where labels[i] { rankSum += ranks[i] }
        if let r = try? HypothesisTests.mannWhitney(rankSum: rankSum, firstCount: positives.count,
                                                    secondCount: negatives.count, tieSizes: ties) {
            return Outcome(p: r.p, test: r.method, normal: pooledNormal, constant: false, midranks: ranks)
        }
        return Outcome(p: 1, test: "not testable", normal: pooledNormal, constant: false, midranks: ranks)
    }
}

/// A lock-protected result slot array for `concurrentPerform` workers.
final class ResultBox: @unchecked Sendable {
    private var slots: [UnivariateScreen.Outcome?]
    private let lock = NSLockLite()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: UnivariateScreen.Outcome) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> UnivariateScreen.Outcome? { lock.withLock { slots[i] } }
}

#if canImport(Glibc)
import Glibc
/// A minimal pthread mutex (avoids Foundation in the hot path).
final class NSLockLite: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
#else
import Foundation
final class NSLockLite: @unchecked Sendable {
    private let lock = NSLock()
    func withLock<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }
}
#endif
