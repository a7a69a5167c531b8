import SentinelStats

/// Table 1 of a study: for every cohort, the first (clinical) modality's variables
/// summarised by outcome group, each with a test of difference between the groups.
///
/// Continuous: median (Q1, Q3) and mean (SD), with Student's t-test when both groups
/// pass Shapiro-Wilk at 0.05, else the Mann-Whitney U test (as R `wilcox.test`).
/// Categorical: n (%) per level, with Pearson's chi-square test (no continuity
/// correction), or Fisher's exact test when an expected count is below 5 (as gtsummary
/// `add_p`). Missing values are counted per group and excluded from the statistics.
public struct Table1Builder: Sendable {
    public init() {}

    public func build(_ cohort: Cohort) throws -> Table1Summary {
        let modality = cohort.spec.modalities[0]
        var cohorts: [Table1Cohort] = []
        for (index, name) in cohort.cohortNames.enumerated() {
            let rows = cohort.rows(inCohort: index)
            let outcome = rows.map { cohort.outcome[$0] }
            var variables: [Table1Variable] = []
            for column in modality.continuous {
                let values = try cohort.data.optionalNumbers(column)
                variables.append(continuous(column, values: rows.map { values[$0] }, outcome: outcome))
            }
            for column in modality.categorical {
                let levels = try cohort.data.optionalLevels(column)
                variables.append(categorical(column, values: rows.map { levels[$0] }, outcome: outcome))
            }
            cohorts.append(Table1Cohort(name: name, negatives: outcome.filter { $0 == 0 }.count,
                                        positives: outcome.filter { $0 == 1 }.count, variables: variables))
        }
        return Table1Summary(outcomeName: cohort.spec.outcome, cohorts: cohorts)
    }

    func continuous(_ name: String, values: [Double?], outcome: [Int]) -> Table1Variable {
        let groups = [0, 1].map { g in zip(values, outcome).filter { $0.1 == g }.map(\.0) }
        let present = groups.map { $0.compactMap { $0 } }
        let summaries = zip(groups, present).map { all, xs -> Table1Group in
            guard let s = try? Summary(xs) else { return Table1Group(n: all.count, missing: all.count - xs.count) }
            return Table1Group(n: all.count, missing: all.count - xs.count, median: s.median, q1: s.firstQuartile,
                               q3: s.thirdQuartile, mean: s.mean, sd: s.standardDeviation)
        }
        let test = try? HypothesisTests.continuousTest(present[1], present[0])
        return Table1Variable(name: name, kind: .continuous, groups: summaries, p: test?.p, test: test?.method)
    }

    func categorical(_ name: String, values: [String?], outcome: [Int]) -> Table1Variable {
        let levels = Array(Set(values.compactMap { $0 })).sorted { a, b in
            if let x = Double(a), let y = Double(b) { return x < y }
            return a < b
        }
        let groups = [0, 1].map { g -> Table1Group in
            let xs = zip(values, outcome).filter { $0.1 == g }.map(\.0)
            let counts = levels.map { level in xs.filter { $0 == level }.count }
            return Table1Group(n: xs.count, missing: xs.filter { $0 == nil }.count, counts: counts)
        }
        let table = groups.map(\.counts)
        let test = levels.count >= 2 ? try? HypothesisTests.categoricalTest(table) : nil
        return Table1Variable(name: name, kind: .categorical, levels: levels, groups: groups, p: test?.p, test: test?.method)
    }
}
