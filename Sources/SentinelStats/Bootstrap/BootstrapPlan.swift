import SentinelNumerics

#if canImport(Glibc)
import Glibc
#endif

/// What the bootstrap precomputes once (sorts, tie groups, threshold positions) so that
/// each replicate costs O(N) per model.
struct BootstrapPlan: Sendable {
    /// Per model: tie group of each case (cases in input order).
    let caseGroups: [[Int]]
    /// Per model: tie group of each control (controls in input order).
    let controlGroups: [[Int]]
    /// Per model: number of tie groups.
    let groupCounts: [Int]
    /// Per model: first (ascending) tie group whose score is >= the model's threshold.
    let firstPositiveGroup: [Int]
    let caseCount: Int
    let controlCount: Int

    init(scores: [[Double]], labels: [Bool], thresholds: [Double]) {
        var caseGroups: [[Int]] = []
        var controlGroups: [[Int]] = []
        var groupCounts: [Int] = []
        var firstPositive: [Int] = []
        for (k, modelScores) in scores.enumerated() {
            let groups = TiedScoreGroups(scores: modelScores, labels: labels)
            var cg: [Int] = []
            var ng: [Int] = []
            cg.reserveCapacity(groups.caseCount)
            ng.reserveCapacity(groups.controlCount)
            for (i, label) in labels.enumerated() {
                if label { cg.append(groups.groupOfPatient[i]) } else { ng.append(groups.groupOfPatient[i]) }
            }
            caseGroups.append(cg)
            controlGroups.append(ng)
            groupCounts.append(groups.values.count)
            firstPositive.append(groups.values.firstIndex { $0 >= thresholds[k] } ?? groups.values.count)
        }
        self.caseGroups = caseGroups
        self.controlGroups = controlGroups
        self.groupCounts = groupCounts
        self.firstPositiveGroup = firstPositive
        caseCount = caseGroups.first?.count ?? 0
        controlCount = controlGroups.first?.count ?? 0
    }

    /// Evaluates `replicates` (each with `generator.derived(r)`) and stores the results.
    func evaluate(replicates: Range<Int>, generator: SeededGenerator, into values: BootstrapValues) {
        let m = caseCount
        let n = controlCount
        var caseWeight = [Int](repeating: 0, count: m)
        var controlWeight = [Int](repeating: 0, count: n)
        var groupCases = [Int](repeating: 0, count: groupCounts.max() ?? 0)
        var groupControls = groupCases
        for r in replicates {
            var g = generator.derived(UInt64(r))
            for i in 0..<m { caseWeight[i] = 0 }
            for j in 0..<n { controlWeight[j] = 0 }
            for _ in 0..<m { caseWeight[g.nextInt(below: m)] += 1 }
            for _ in 0..<n { controlWeight[g.nextInt(below: n)] += 1 }
            for k in caseGroups.indices {
                let counts = weightedCounts(model: k, caseWeight: caseWeight, controlWeight: controlWeight,
                                            groupCases: &groupCases, groupControls: &groupControls)
                store(counts, model: k, replicate: r, into: values)
            }
        }
    }

    /// Weighted Mann-Whitney count and confusion counts of model `k` for one replicate.
    private func weightedCounts(model k: Int, caseWeight: [Int], controlWeight: [Int],
                                groupCases: inout [Int], groupControls: inout [Int])
        -> (twiceConcordant: Int, tp: Int, fp: Int) {
        let groups = groupCounts[k]
        for g in 0..<groups {
            groupCases[g] = 0
            groupControls[g] = 0
        }
        caseGroups[k].withUnsafeBufferPointer { cg in
            for i in 0..<cg.count { groupCases[cg[i]] += caseWeight[i] }
        }
        controlGroups[k].withUnsafeBufferPointer { ng in
            for j in 0..<ng.count { groupControls[ng[j]] += controlWeight[j] }
        }
        var below = 0
        var twice = 0
        var tp = 0
        var fp = 0
        let firstPositive = firstPositiveGroup[k]
        for g in 0..<groups {
            let c = groupCases[g]
            let d = groupControls[g]
            twice += c * (2 * below + d)
            below += d
            if g >= firstPositive {
                tp += c
                fp += d
            }
        }
        return (twice, tp, fp)
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
