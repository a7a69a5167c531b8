#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The network algorithm behind `HypothesisTests.fisherExact`.
///
/// A table is built column by column; a node is (column index, multiset of remaining row
/// margins). With S(T) = Σ log x_ij!, P(T) = exp(K - S(T)), K = Σ log r_i! + Σ log c_j! - log N!.
/// A path carries its past S; for the remaining subtable, the sum of exp(-S) over all
/// completions is N_rem!/(Π rem_i! Π c_j!) in closed form, and the exact minimum and
/// maximum of the future S are memoised per node. A path whose every completion is at or
/// beyond the threshold is added in bulk, one whose every completion is below it is
/// dropped, and only the rest is expanded; paths reaching a node with S equal to 1e-9 are
/// merged. Columns are processed smallest total first.
struct FisherNetwork {
    let rowSums: [Int]
    let colSums: [Int]
    let logFactorial: [Double]
    let observedS: Double
    /// Upper limit on the path entries held for one column; beyond it the table is too
    /// large for exact enumeration.
    let pathBudget: Int

    init(table: [[Int]], pathBudget: Int) {
        self.pathBudget = pathBudget
        rowSums = table.map { $0.reduce(0, +) }
        // Column order does not change the p-value; small columns first keeps early levels narrow.
        colSums = (0..<table[0].count).map { j in table.reduce(0) { $0 + $1[j] } }.sorted()
        let n = rowSums.reduce(0, +)
        var lf = [Double](repeating: 0, count: n + 1)
        for i in 0...n { lf[i] = lgamma(Double(i) + 1) }
        logFactorial = lf
        observedS = table.reduce(0.0) { acc, row in acc + row.reduce(0.0) { $0 + lf[$1] } }
    }

    private struct Path { var s: Double; var count: Double }

    /// A node: the remaining row margins, sorted descending.
    private struct Node: Hashable {
        let margins: [Int]
        private let packed: Int
        init(_ margins: [Int]) {
            self.margins = margins
            var key = 0
            for m in margins { key = key &* 1_000_003 &+ m }
            packed = key
        }
        static func == (a: Node, b: Node) -> Bool { a.packed == b.packed && a.margins == b.margins }
        func hash(into hasher: inout Hasher) { hasher.combine(packed) }
    }


    func pValue() throws -> (p: Double, observed: Double) {
        if rowSums.count == 2 { return twoRowPValue() }
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
        var exactMemo: [Int: [Node: (min: Double, max: Double)]] = [:]
        var boundsWork = 0
        var level: [Node: [Path]] = [Node(rowSums.sorted(by: >)): [Path(s: 0, count: 1)]]
        for column in 0..<columns {
            var next: [Node: [Path]] = [:]
            var held = 0
            for (node, paths) in level {
                let remaining = node.margins
                let remTotal = remaining.reduce(0, +)
                // log Σ_completions exp(-S_future)
                let logAll = logFactorial[remTotal] - remaining.reduce(0.0) { $0 + logFactorial[$1] }
                    - suffixLogColFactorials[column]
                if column == columns - 2 {
                    // The last column is forced: finish these paths without building nodes.
                    total += finishLastTwoColumns(paths, remaining: remaining, column: column, k: k, threshold: threshold)
                    continue
                }
                // The root's single path is always expanded (its bounds would cost a full sweep).
                let bounds = column == 0 ? (min: -Double.infinity, max: Double.infinity)
                    : try exactBounds(node, fromColumn: column, memo: &exactMemo, work: &boundsWork)
                var undecided: [Path] = []
                for path in paths {
                    if path.s + bounds.min >= threshold {
                        total += exp(log(path.count) + k - path.s + logAll)
                    } else if path.s + bounds.max >= threshold {
                        undecided.append(path)
                    }
                }
                if undecided.isEmpty { continue }
                if held > pathBudget { continue }
                // Expand every split of this column's total over the remaining rows.
                forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
                    var child = zip(remaining, split).map { $0 - $1 }
                    child.sort(by: >)
                    next[Node(child), default: []].append(contentsOf: undecided.lazy.map { Path(s: $0.s + addedS, count: $0.count) })
                    held += undecided.count
                }
            }
            if held > pathBudget { throw tooLarge }
            // Merge paths whose S agree to 1e-9 (probabilities equal to 1e-9 relative).
            for (node, paths) in next { next[node] = Self.merged(paths) }
            level = next
        }
        // After the last column every remaining margin is 0 and S is complete.
        for paths in level.values {
            for path in paths where path.s >= threshold {
                total += exp(log(path.count) + k - path.s)
            }
        }
        return (min(1, total), observedP)
    }

    /// The same network for two rows, with nodes indexed by the first row's remaining
    /// margin (arrays instead of hash maps; exact bounds by one backward sweep).
    private func twoRowPValue() -> (p: Double, observed: Double) {
        let n = rowSums[0] + rowSums[1]
        let a = rowSums[0]
        let lf = logFactorial
        let k = lf[rowSums[0]] + lf[rowSums[1]] + colSums.reduce(0.0) { $0 + lf[$1] } - lf[n]
        let observedP = exp(k - observedS)
        let threshold = observedS - log1p(1e-7)
        let columns = colSums.count
        // remTotal[j]: cells left before column j; suffix log c! sums.
        var remTotal = [Int](repeating: 0, count: columns + 1)
        var suffixLogCol = [Double](repeating: 0, count: columns + 1)
        for j in stride(from: columns - 1, through: 0, by: -1) {
            remTotal[j] = remTotal[j + 1] + colSums[j]
            suffixLogCol[j] = suffixLogCol[j + 1] + lf[colSums[j]]
        }
        // Exact min / max of the future S at (column j, first-row remainder r0), needed only
        // for 1 ≤ j ≤ columns - 3 (the root is always expanded, the last two columns are
        // finished directly), so built from column columns - 1 down to 1 when columns ≥ 4.
        var lowS = [[Double]](repeating: [Double](repeating: .infinity, count: a + 1), count: columns)
        var highS = [[Double]](repeating: [Double](repeating: -.infinity, count: a + 1), count: columns)
        for j in stride(from: columns - 1, through: 1, by: -1) where columns >= 4 {
            let c = colSums[j]
            for r0 in 0...a {
                let r1 = remTotal[j] - r0
                guard r1 >= 0, r1 <= rowSums[1] else { continue }
                if j == columns - 1 {
                    lowS[j][r0] = lf[r0] + lf[r1]
                    highS[j][r0] = lowS[j][r0]
                    continue
                }
                let lo = max(0, c - r1), hi = min(c, r0)
                if lo > hi { continue }
                for x in lo...hi {
                    let add = lf[x] + lf[c - x]
                    lowS[j][r0] = min(lowS[j][r0], add + lowS[j + 1][r0 - x])
                    highS[j][r0] = max(highS[j][r0], add + highS[j + 1][r0 - x])
                }
            }
        }
        var total = 0.0
        var level = [[Path]](repeating: [], count: a + 1)
        level[a] = [Path(s: 0, count: 1)]
        for j in 0..<columns {
            var next = [[Path]](repeating: [], count: a + 1)
            let c = colSums[j]
            for r0 in 0...a where !level[r0].isEmpty {
                let r1 = remTotal[j] - r0
                if j == columns - 2 {
                    // The last column is forced: finish without another level.
                    total += finishLastTwoColumns(level[r0], remaining: [r0, r1], column: j, k: k, threshold: threshold)
                    continue
                }
                let logAll = lf[remTotal[j]] - lf[r0] - lf[r1] - suffixLogCol[j]
                var undecided: [Path] = []
                for path in level[r0] {
                    if j == 0 {
                        undecided.append(path)
                    } else if path.s + lowS[j][r0] >= threshold {
                        total += exp(log(path.count) + k - path.s + logAll)
                    } else if path.s + highS[j][r0] >= threshold {
                        undecided.append(path)
                    }
                }
                if undecided.isEmpty || j == columns - 1 { continue }
                let lo = max(0, c - r1), hi = min(c, r0)
                if lo > hi { continue }
                for x in lo...hi {
                    let add = lf[x] + lf[c - x]
                    next[r0 - x].append(contentsOf: undecided.lazy.map { Path(s: $0.s + add, count: $0.count) })
                }
            }
            for r0 in 0...a where next[r0].count > 1 { next[r0] = Self.merged(next[r0]) }
            level = next
        }
        return (min(1, total), observedP)
    }

    /// Σ over the paths and the splits x of column `column` (the last column then being
    /// forced) of P(table) for the tables at or beyond the threshold: the future S values
    /// are sorted once with log suffix sums of exp(-S), then each path is a binary search.
    private func finishLastTwoColumns(_ paths: [Path], remaining: [Int], column: Int, k: Double, threshold: Double) -> Double {
        if paths.count <= 8 {
            // Few paths: test every completion directly.
            var sum = 0.0
            forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
                var future = addedS
                for i in remaining.indices { future += logFactorial[remaining[i] - split[i]] }
                for path in paths where path.s + future >= threshold {
                    sum += exp(log(path.count) + k - path.s - future)
                }
            }
            return sum
        }
        var futures: [Double] = []
        forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
            var last = 0.0
            for i in remaining.indices { last += logFactorial[remaining[i] - split[i]] }
            futures.append(addedS + last)
        }
        futures.sort()
        let m = futures.count
        // logSuffix[i] = log Σ_{t ≥ i} exp(-futures[t])
        var logSuffix = [Double](repeating: -.infinity, count: m + 1)
        for i in stride(from: m - 1, through: 0, by: -1) {
            let a = -futures[i], b = logSuffix[i + 1]
            let hi = max(a, b)
            logSuffix[i] = hi + log1p(exp(min(a, b) - hi))
        }
        var sum = 0.0
        for path in paths {
            let target = threshold - path.s
            var lo = 0, hi = m
            while lo < hi {
                let mid = (lo + hi) / 2
                if futures[mid] >= target { hi = mid } else { lo = mid + 1 }
            }
            if lo < m { sum += exp(log(path.count) + k - path.s + logSuffix[lo]) }
        }
        return sum
    }

    private var tooLarge: HypothesisTestError {
        .invalidTable("too large for Fisher's exact test by enumeration (over \(pathBudget) partial tables); pool sparse levels or use the chi-squared test")
    }

    private static func merged(_ paths: [Path]) -> [Path] {
        if paths.count < 2 { return paths }
        let sorted = paths.sorted { $0.s < $1.s }
        var out: [Path] = []
        out.reserveCapacity(sorted.count)
        var current = sorted[0]
        for p in sorted.dropFirst() {
            if p.s - current.s <= 1e-9 {
                current.count += p.count
            } else {
                out.append(current)
                current = p
            }
        }
        out.append(current)
        return out
    }

    /// Exact min and max of S over the completions from `column` on (memoised over nodes;
    /// used for two-row tables, where a column has at most N + 1 nodes).
    private func exactBounds(
        _ node: Node, fromColumn column: Int, memo: inout [Int: [Node: (min: Double, max: Double)]], work: inout Int
    ) throws -> (min: Double, max: Double) {
        if let known = memo[column]?[node] { return known }
        // The bounds sweep is capped too (50 split evaluations per allowed partial table).
        if work > pathBudget.multipliedReportingOverflow(by: 50).partialValue { throw tooLarge }
        let remaining = node.margins
        var result: (min: Double, max: Double)
        if column == colSums.count - 1 {
            let s = remaining.reduce(0.0) { $0 + logFactorial[$1] }
            result = (s, s)
        } else if column == colSums.count - 2 {
            // The last column is forced: no child nodes needed.
            result = (.infinity, -.infinity)
            var splits = 0
            forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
                var s = addedS
                for i in remaining.indices { s += logFactorial[remaining[i] - split[i]] }
                result.min = min(result.min, s)
                result.max = max(result.max, s)
                splits += 1
            }
            work += splits
        } else {
            result = (.infinity, -.infinity)
            var children: [(Node, Double)] = []
            forEachSplit(of: colSums[column], caps: remaining) { split, addedS in
                var child = zip(remaining, split).map { $0 - $1 }
                child.sort(by: >)
                children.append((Node(child), addedS))
            }
            work += children.count
            for (child, addedS) in children {
                let b = try exactBounds(child, fromColumn: column + 1, memo: &memo, work: &work)
                result.min = min(result.min, addedS + b.min)
                result.max = max(result.max, addedS + b.max)
            }
        }
        memo[column, default: [:]][node] = result
        return result
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
