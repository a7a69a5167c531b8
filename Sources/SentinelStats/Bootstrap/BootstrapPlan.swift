import SentinelNumerics

#if canImport(Glibc)
import Glibc
#endif

/// What the bootstrap precomputes once (one sort per model) so that each replicate costs a
/// single sequential pass over the patients per model.
///
/// Patients are numbered in "stratum order": case i (i-th case in input order) is i,
/// control j is m + j. Per model, `entries` lists the patients in ascending score order as
/// `stratumIndex << 1 | endOfTieGroup`, so a replicate is evaluated by walking `entries`,
/// gathering each patient's multiplicity, and closing a tie group at each end flag.
struct BootstrapPlan: Sendable {
    /// Per model: patients in ascending score order, `stratumIndex << 1 | lastOfTieGroup`.
    let entries: [[UInt32]]
    /// Per model: number of patients scoring below the model's threshold, i.e. the position
    /// in `entries` where the positive calls (score >= threshold) begin.
    let firstPositivePosition: [Int]
    /// Per model: whether no two patients share a score (every entry closes its own group),
    /// so a replicate can take the simpler pass of `tieFreeCounts`.
    let tieFree: [Bool]
    let caseCount: Int
    let controlCount: Int

    /// Largest cohort the packed entries can address.
    static let maximumPatients = Int(UInt32.max >> 1)

    init(scores: [[Double]], labels: [Bool], thresholds: [Double]) {
        var stratumIndex = [Int](repeating: 0, count: labels.count)
        let m = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        var nextCase = 0
        var nextControl = m
        for (p, label) in labels.enumerated() {
            if label {
                stratumIndex[p] = nextCase
                nextCase += 1
            } else {
                stratumIndex[p] = nextControl
                nextControl += 1
            }
        }
        var entries: [[UInt32]] = []
        var firstPositive: [Int] = []
        for (k, modelScores) in scores.enumerated() {
            let groups = TiedScoreGroups(scores: modelScores, labels: labels)
            let order = groups.order
            var packed = [UInt32](repeating: 0, count: order.count)
            for (position, p) in order.enumerated() {
                let last = position + 1 == order.count
                    || groups.groupOfPatient[order[position + 1]] != groups.groupOfPatient[p]
                packed[position] = UInt32(stratumIndex[p]) << 1 | (last ? 1 : 0)
            }
            entries.append(packed)
            firstPositive.append(modelScores.reduce(0) { $0 + ($1 < thresholds[k] ? 1 : 0) })
        }
        self.entries = entries
        self.firstPositivePosition = firstPositive
        tieFree = entries.map { $0.allSatisfy { $0 & 1 != 0 } }
        caseCount = m
        controlCount = labels.count - m
    }

    /// Evaluates `replicates` (each with `generator.derived(r)`) and stores the results.
    func evaluate(replicates: Range<Int>, generator: SeededGenerator, into values: BootstrapValues) {
        let m = caseCount
        let n = controlCount
        var weights = [Int32](repeating: 0, count: m + n)
        weights.withUnsafeMutableBufferPointer { w in
            for r in replicates {
                var g = generator.derived(UInt64(r))
                w.update(repeating: 0)
                for _ in 0..<m { w[g.nextInt(below: m)] += 1 }
                for _ in 0..<n { w[m + g.nextInt(below: n)] += 1 }
                for k in entries.indices {
                    let counts = entries[k].withUnsafeBufferPointer {
                        tieFree[k]
                            ? Self.tieFreeCounts(entries: $0, weights: UnsafeBufferPointer(w), caseCount: m,
                                                 firstPositive: firstPositivePosition[k])
                            : Self.weightedCounts(entries: $0, weights: UnsafeBufferPointer(w), caseCount: m,
                                                  firstPositive: firstPositivePosition[k])
                    }
                    store(counts, model: k, replicate: r, into: values)
                }
            }
        }
    }

    /// One pass over a model's sorted patients: twice the weighted Mann-Whitney count
    /// (Σ over tie groups of caseWeight · (2 · controlWeightBelow + controlWeight)) and the
    /// weighted true and false positives at the threshold.
    static func weightedCounts(entries: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Int32>,
                               caseCount m: Int, firstPositive: Int) -> (twiceConcordant: Int, tp: Int, fp: Int) {
        var below = 0
        var twice = 0
        var groupCases = 0
        var groupControls = 0
        var negativeCases = 0
        var negativeControls = 0
        for position in 0..<entries.count {
            let entry = entries[position]
            let index = Int(entry >> 1)
            let weight = Int(weights[index])
            let isCase = index < m
            groupCases += isCase ? weight : 0
            groupControls += isCase ? 0 : weight
            if entry & 1 != 0 {
                twice += groupCases * (2 * below + groupControls)
                below += groupControls
                if position < firstPositive {
                    negativeCases += groupCases
                    negativeControls += groupControls
                }
                groupCases = 0
                groupControls = 0
            }
        }
        return (twice, m - negativeCases, below - negativeControls)
    }

    /// `weightedCounts` for a model without tied scores: each patient is its own group, so a
    /// case adds its weight times the control weight below it (twice that is the count), and
    /// the calls below the threshold are the patients before `firstPositive`. The same
    /// integers, with no group bookkeeping.
    static func tieFreeCounts(entries: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Int32>,
                              caseCount m: Int, firstPositive: Int) -> (twiceConcordant: Int, tp: Int, fp: Int) {
        var below = 0, concordant = 0, casesBelowThreshold = 0
        let split = min(firstPositive, entries.count)
        for position in 0..<split {
            let index = Int(entries[position] >> 1)
            let weight = Int(weights[index])
            if index < m {
                concordant += weight * below
                casesBelowThreshold += weight
            } else {
                below += weight
            }
        }
        let controlsBelowThreshold = below
        for position in split..<entries.count {
            let index = Int(entries[position] >> 1)
            let weight = Int(weights[index])
            if index < m { concordant += weight * below } else { below += weight }
        }
        return (2 * concordant, m - casesBelowThreshold, below - controlsBelowThreshold)
    }

    private func store(_ counts: (twiceConcordant: Int, tp: Int, fp: Int), model k: Int, replicate r: Int,
                       into values: BootstrapValues) {
        let m = caseCount
        let n = controlCount
        let tp = counts.tp
        let fp = counts.fp
        let tn = n - fp
        let fn = m - tp
        values.set(Double(counts.twiceConcordant) / (2 * Double(m) * Double(n)), model: k, metric: .auc, replicate: r)
        values.set(Double(tp + tn) / Double(m + n), model: k, metric: .accuracy, replicate: r)
        values.set(Double(tp) / Double(m), model: k, metric: .sensitivity, replicate: r)
        values.set(Double(tn) / Double(n), model: k, metric: .specificity, replicate: r)
        values.set(tp + fp > 0 ? Double(tp) / Double(tp + fp) : .nan, model: k, metric: .ppv, replicate: r)
        values.set(tn + fn > 0 ? Double(tn) / Double(tn + fn) : .nan, model: k, metric: .npv, replicate: r)
    }

    /// Number of processors currently online (at least 1).
    static var activeProcessors: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}
