/// Ranks with ties averaged ("midranks"), as R `rank(ties.method = "average")` and
/// scipy.stats.rankdata(method = "average").
public enum Ranking {
    /// 1-based ranks of `values`, tied values sharing the mean of the ranks they span.
    /// O(n log n). The values must not contain NaN (callers validate; NaN would be ranked
    /// as the largest value by IEEE total order).
    public static func midranks(_ values: [Double]) -> [Double] {
        midranksAndTies(values).ranks
    }

    /// Midranks plus the size of every tie group (groups of size 1 included), in
    /// increasing order of value; `Σ (t³ - t)` over the groups is the usual tie correction.
    public static func midranksAndTies(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let n = values.count
        let order = values.indices.sorted {
            let a = values[$0], b = values[$1]
            return a < b || (a == b && $0 < $1) || (!a.isNaN && b.isNaN)
        }
        var ranks = [Double](repeating: 0, count: n)
        var tieSizes: [Int] = []
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, values[order[end]] == values[order[start]] { end += 1 }
            let rank = 0.5 * Double(start + 1 + end)  // mean of start+1 ... end
            for k in start..<end { ranks[order[k]] = rank }
            tieSizes.append(end - start)
            start = end
        }
        return (ranks, tieSizes)
    }
}
