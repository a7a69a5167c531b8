/// One model's scores sorted once and grouped into runs of equal score.
///
/// This is the shared O(N log N) core of the ROC curve, the Mann-Whitney AUC, the DeLong
/// placements and the bootstrap: after the single sort, each of those is a linear walk over
/// the groups. Label `true` is a case (positive), `false` a control.
struct TiedScoreGroups: Sendable {
    /// The distinct scores, ascending.
    let values: [Double]
    /// Number of cases in each group.
    let cases: [Int]
    /// Number of controls in each group.
    let controls: [Int]
    /// The group of each patient, in input order.
    let groupOfPatient: [Int]
    /// Total cases and controls.
    let caseCount: Int
    let controlCount: Int

    /// Patient indices in ascending score order (ties in input order).
    let order: [Int]

    /// Groups `scores` (assumed finite, same length as `labels`).
    init(scores: [Double], labels: [Bool]) {
        let n = scores.count
        let order = ScoreOrder.ascending(scores)
        var values: [Double] = []
        var cases: [Int] = []
        var controls: [Int] = []
        values.reserveCapacity(n)
        cases.reserveCapacity(n)
        controls.reserveCapacity(n)
        var groupOfPatient = [Int](repeating: 0, count: n)
        var caseCount = 0
        groupOfPatient.withUnsafeMutableBufferPointer { groupOf in
            var current = Double.nan
            var group = -1
            var groupCases = 0
            var groupControls = 0
            for index in order {
                let score = scores[index]
                if score != current {
                    if group >= 0 {
                        cases.append(groupCases)
                        controls.append(groupControls)
                    }
                    values.append(score)
                    current = score
                    group += 1
                    groupCases = 0
                    groupControls = 0
                }
                groupOf[index] = group
                if labels[index] { groupCases += 1 } else { groupControls += 1 }
            }
            if group >= 0 {
                cases.append(groupCases)
                controls.append(groupControls)
            }
        }
        caseCount = cases.reduce(0, +)
        self.values = values
        self.cases = cases
        self.controls = controls
        self.groupOfPatient = groupOfPatient
        self.caseCount = caseCount
        self.controlCount = n - caseCount
        self.order = order
    }

    /// Twice the Mann-Whitney U count of (case, control) pairs ordered correctly, ties
    /// counting 1/2: Σ_g cases_g · (2 · controlsBelow_g + controls_g). Exact in integers.
    var twiceConcordantPairs: Int {
        var below = 0
        var total = 0
        for g in 0..<values.count {
            total += cases[g] * (2 * below + controls[g])
            below += controls[g]
        }
        return total
    }

    /// The AUC as the Mann-Whitney statistic U / (cases · controls), ties counting 1/2.
    var auc: Double {
        Double(twiceConcordantPairs) / (2 * Double(caseCount) * Double(controlCount))
    }
}

/// Input checks shared by the ROC, DeLong, bootstrap and threshold entry points.
enum ScoreValidation {
    /// Checks that every model has one finite score per label and that there are at least
    /// `minimumPerClass` cases and controls. Returns (cases, controls).
    @discardableResult
    static func validate(models: [[Double]], labels: [Bool], minimumPerClass: Int) throws -> (cases: Int, controls: Int) {
        guard !labels.isEmpty else { throw StatsError.emptyInput }
        guard !models.isEmpty else {
            throw StatsError.invalidParameter(name: "scores", value: "[]", requirement: "pass at least one model")
        }
        for (k, scores) in models.enumerated() {
            guard scores.count == labels.count else {
                throw StatsError.lengthMismatch(expected: labels.count, actual: scores.count)
            }
            if let bad = scores.firstIndex(where: { !$0.isFinite }) {
                throw StatsError.nonFiniteScore(index: bad, model: k)
            }
        }
        let cases = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let controls = labels.count - cases
        guard cases >= minimumPerClass, controls >= minimumPerClass else {
            throw StatsError.tooFewInClass(cases: cases, controls: controls, required: minimumPerClass)
        }
        return (cases, controls)
    }
}
