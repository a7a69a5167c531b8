#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

extension HypothesisTests {
    /// Expected counts under independence, E_ij = (row_i · column_j) / N, for the table as
    /// given (all-zero rows or columns give zeros). Empty if the table is malformed.
    public static func expectedCounts(_ table: [[Int]]) -> [[Double]] {
        guard let cols = table.first?.count, table.allSatisfy({ $0.count == cols }) else { return [] }
        let rowSums = table.map { Double($0.reduce(0, +)) }
        let colSums = (0..<cols).map { j in Double(table.reduce(0) { $0 + $1[j] }) }
        let total = rowSums.reduce(0, +)
        guard total > 0 else { return table.map { $0.map { _ in 0 } } }
        return rowSums.map { r in colSums.map { c in r * c / total } }
    }

    /// Pearson's chi-squared test of independence without continuity correction (scipy
    /// `chi2_contingency(correction = False)`, R `chisq.test(correct = FALSE)`):
    /// X² = Σ (O - E)² / E on df = (r - 1)(c - 1).
    ///
    /// All-zero rows and columns are dropped first (they carry no information; scipy
    /// rejects them and R returns NaN).
    /// - Throws: a ragged table, negative counts, or fewer than 2 non-empty rows or columns.
    public static func chiSquare(_ table: [[Int]]) throws -> TestResult {
        let t = try nonEmptyTable(table)
        let expected = expectedCounts(t)
        var statistic = 0.0
        for i in t.indices {
            for j in t[i].indices {
                let d = Double(t[i][j]) - expected[i][j]
                statistic += d * d / expected[i][j]
            }
        }
        let df = Double((t.count - 1) * (t[0].count - 1))
        return TestResult(statistic: statistic, p: ChiSquared.survival(statistic, degreesOfFreedom: df),
                          method: "Pearson's chi-squared test (no continuity correction)",
                          statisticName: "X²", degreesOfFreedom: df)
    }

    /// Fisher's exact test for an r×c table (Freeman-Halton), two-sided as R `fisher.test`:
    /// p = Σ P(T) over the tables T with the observed margins and
    /// P(T) ≤ P(observed)·(1 + 1e-7). The statistic is P(observed).
    ///
    /// Exact network enumeration (columns processed one at a time, remaining row margins as
    /// nodes, paths of equal probability merged, subtrees decided in bulk by bounds), so
    /// 2×c tables cost O(c·N) nodes and Table-1-sized r×c tables (N in the hundreds,
    /// r, c ≤ 5) are fast. All-zero rows and columns are dropped first.
    /// - Throws: a ragged table, negative counts, or fewer than 2 non-empty rows or columns.
    public static func fisherExact(_ table: [[Int]]) throws -> TestResult {
        var t = try nonEmptyTable(table)
        if t.count > t[0].count { t = transposed(t) }  // fewer rows: smaller nodes
        let result = FisherNetwork(table: t).pValue()
        return TestResult(statistic: result.observed, p: result.p, method: "Fisher's exact test", statisticName: "P(table)")
    }

    /// Fisher's exact test when any expected count is below 5, else Pearson's chi-squared
    /// test without correction (the rule of gtsummary `add_p`), on the table with all-zero
    /// rows and columns dropped. The result's `method` names the test used.
    public static func categoricalTest(_ table: [[Int]]) throws -> TestResult {
        let t = try nonEmptyTable(table)
        let small = expectedCounts(t).contains { $0.contains { $0 < 5 } }
        return small ? try fisherExact(t) : try chiSquare(t)
    }

    /// The validated table without all-zero rows and columns.
    static func nonEmptyTable(_ table: [[Int]]) throws -> [[Int]] {
        guard let cols = table.first?.count, cols > 0 else { throw HypothesisTestError.invalidTable("the table is empty") }
        guard table.allSatisfy({ $0.count == cols }) else {
            throw HypothesisTestError.invalidTable("rows have different lengths; give one count per column in every row")
        }
        guard table.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw HypothesisTestError.invalidTable("counts must be non-negative")
        }
        let keptRows = table.filter { $0.contains { $0 > 0 } }
        let keptCols = (0..<cols).filter { j in table.contains { $0[j] > 0 } }
        guard keptRows.count >= 2, keptCols.count >= 2 else {
            throw HypothesisTestError.invalidTable(
                "needs at least 2 non-empty rows and 2 non-empty columns (got \(keptRows.count)×\(keptCols.count)); a variable with a single observed level cannot be tested")
        }
        return keptRows.map { row in keptCols.map { row[$0] } }
    }

    static func transposed(_ t: [[Int]]) -> [[Int]] {
        (0..<t[0].count).map { j in t.map { $0[j] } }
    }
}

/// The network algorithm behind `HypothesisTests.fisherExact`.
///
/// A table is built column by column; a node is (column index, multiset of remaining row
/// margins). With S(T) = Σ log x_ij!, P(T) = exp(K - S(T)), K = Σ log r_i! + Σ log c_j! - log N!.
/// A path carries its past S; for the remaining subtable, the sum of exp(-S) over all
/// completions is N_rem!/(Π rem_i! Π c_j!) in closed form, and per-column relaxations
/// bound S from below (most even split) and above (most concentrated split). A path whose
/// every completion is at or beyond the threshold is added in bulk, one whose every
/// completion is below it is dropped, and only the rest is expanded.
struct FisherNetwork {
    let rowSums: [Int]
    let colSums: [Int]
    let logFactorial: [Double]
    let observedS: Double

    init(table: [[Int]]) {
        rowSums = table.map { $0.reduce(0, +) }
        colSums = (0..<table[0].count).map { j in table.reduce(0) { $0 + $1[j] } }
        let n = rowSums.reduce(0, +)
        var lf = [Double](repeating: 0, count: n + 1)
        for i in 0...n { lf[i] = lgamma(Double(i) + 1) }
        logFactorial = lf
        observedS = table.reduce(0.0) { acc, row in acc + row.reduce(0.0) { $0 + lf[$1] } }
    }

    private struct Path { var s: Double; var count: Double }

    func pValue() -> (p: Double, observed: Double) {
        let n = rowSums.reduce(0, +)
        let k = rowSums.reduce(0.0) { $0 + logFactorial[$1] } + colSums.reduce(0.0) { $0 + logFactorial[$1] } - logFactorial[n]
        let observedP = exp(k - observedS)
        // P(T) ≤ P(obs)(1 + 1e-7)  ⇔  S(T) ≥ S_obs - log1p(1e-7).
        let threshold = observedS - log1p(1e-7)
        let columns = colSums.count
        // Suffix sums of log c_j! for the closed-form totals.
        var suffixLogColFactorials = [Double](repeating: 0, count: columns + 1)
        for j in stride(from: columns - 1, through: 0, by: -1) {
            suffixLogColFactorials[j] = suffixLogColFactorials[j + 1] + logFactorial[colSums[j]]
        }
        var total = 0.0
        var level: [[Int]: [Int64: Path]] = [rowSums.sorted(by: >): [0: Path(s: 0, count: 1)]]
        for column in 0..<columns {
            var next: [[Int]: [Int64: Path]] = [:]
            for (remaining, paths) in level {
                let remTotal = remaining.reduce(0, +)
                // log Σ_completions exp(-S_future)
                let logAll = logFactorial[remTotal] - remaining.reduce(0.0) { $0 + logFactorial[$1] }
                    - suffixLogColFactorials[column]
                let bounds = futureBounds(remaining, fromColumn: column)
                var undecided: [Path] = []
                for path in paths.values {
                    if path.s + bounds.min >= threshold {
                        total += exp(log(path.count) + k - path.s + logAll)
                    } else if path.s + bounds.max < threshold {
                        continue
                    } else {
                        undecided.append(path)
                    }
                }
                if undecided.isEmpty { continue }
                // Expand every split of this column's total over the remaining rows.
                forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
                    var child = zip(remaining, split).map { $0 - $1 }
                    child.sort(by: >)
                    for path in undecided {
                        let s = path.s + addedS
                        // Paths whose S agree to 1e-9 are merged (probabilities equal to 1e-9 relative).
                        let key = Int64((s * 1e9).rounded())
                        next[child, default: [:]][key, default: Path(s: s, count: 0)].count += path.count
                    }
                }
            }
            level = next
        }
        // After the last column every remaining margin is 0 and S is complete.
        for paths in level.values {
            for path in paths.values where path.s >= threshold {
                total += exp(log(path.count) + k - path.s)
            }
        }
        return (min(1, total), observedP)
    }

    /// Bounds on S over the completions from `column` on: per-column relaxation with the
    /// remaining row margins as caps (lower: most even split; upper: most concentrated).
    private func futureBounds(_ remaining: [Int], fromColumn column: Int) -> (min: Double, max: Double) {
        var lo = 0.0, hi = 0.0
        let descending = remaining.sorted(by: >)
        for j in column..<colSums.count {
            let c = colSums[j]
            // Concentrated: fill the largest caps first.
            var left = c
            for cap in descending where left > 0 {
                let x = min(cap, left)
                hi += logFactorial[x]
                left -= x
            }
            // Even: water-filling under the caps.
            lo += evenSplitCost(c, caps: descending)
        }
        return (lo, hi)
    }

    /// min Σ log x_i! subject to Σ x_i = total, 0 ≤ x_i ≤ caps[i] (caps descending).
    private func evenSplitCost(_ total: Int, caps: [Int]) -> Double {
        var cost = 0.0
        var left = total
        var rows = caps.count
        // Smallest caps first: a cap below the fair share is filled completely.
        for cap in caps.reversed() {
            let share = left / rows
            if cap <= share {
                cost += logFactorial[cap]
                left -= cap
                rows -= 1
            } else {
                break
            }
        }
        if rows > 0 {
            let base = left / rows, extra = left % rows
            cost += Double(rows - extra) * logFactorial[base] + Double(extra) * logFactorial[base + 1]
        }
        return cost
    }

    /// Calls `body` with every vector x, Σx = total, 0 ≤ x_i ≤ caps[i], and Σ log x_i!.
    private func forEachSplit(of total: Int, caps: [Int], _ body: ([Int], Double) -> Void) {
        var split = [Int](repeating: 0, count: caps.count)
        var suffixCaps = [Int](repeating: 0, count: caps.count + 1)
        for i in stride(from: caps.count - 1, through: 0, by: -1) { suffixCaps[i] = suffixCaps[i + 1] + caps[i] }
        func recurse(_ i: Int, _ left: Int, _ s: Double) {
            if i == caps.count - 1 {
                split[i] = left
                body(split, s + logFactorial[left])
                return
            }
            let low = max(0, left - suffixCaps[i + 1]), high = min(caps[i], left)
            if low > high { return }
            for x in low...high {
                split[i] = x
                recurse(i + 1, left - x, s + logFactorial[x])
            }
        }
        recurse(0, total, 0)
    }
}
