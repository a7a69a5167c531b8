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
        midranksAndTies(values, order: order(values))
    }

    /// The indices of `values` by increasing value, equal values by index (NaN last): the
    /// order `midranksAndTies` ranks by. `order.map { values[$0] }` is `values.sorted()`.
    public static func order(_ values: [Double]) -> [Int] {
        values.withUnsafeBufferPointer { v in
            values.indices.sorted {
                let a = v[$0], b = v[$1]
                return a < b || (a == b && $0 < $1) || (!a.isNaN && b.isNaN)
            }
        }
    }

    /// `midranksAndTies(values)` from `order(values)` computed beforehand (no second sort);
    /// `order` must be a permutation of the indices of `values`.
    public static func midranksAndTies(_ values: [Double], order: [Int]) -> (ranks: [Double], tieSizes: [Int]) {
        let n = values.count
        precondition(order.count == n, "order must index every value")
        var ranks = [Double](repeating: 0, count: n)
        var tieSizes: [Int] = []
        tieSizes.reserveCapacity(n)
        values.withUnsafeBufferPointer { v in
            order.withUnsafeBufferPointer { o in
                ranks.withUnsafeMutableBufferPointer { r in
                    var start = 0
                    while start < n {
                        let value = v[o[start]]
                        var end = start + 1
                        while end < n, v[o[end]] == value { end += 1 }
                        let rank = 0.5 * Double(start + 1 + end)  // mean of start+1 ... end
                        for k in start..<end { r[o[k]] = rank }
                        tieSizes.append(end - start)
                        start = end
                    }
                }
            }
        }
        return (ranks, tieSizes)
    }
}
