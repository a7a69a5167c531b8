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
    /// From 64 values on, a stable least-significant-digit radix sort of order-preserving
    /// integer keys (−0 and +0 share a key, every NaN gets the largest), which yields exactly
    /// this order in O(n) instead of O(n log n) comparisons.
    public static func order(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n >= 64 else {
            return values.withUnsafeBufferPointer { v in
                values.indices.sorted {
                    let a = v[$0], b = v[$1]
                    return a < b || (a == b && $0 < $1) || (!a.isNaN && b.isNaN)
                }
            }
        }
        var keys = [UInt64](repeating: 0, count: n)
        var order = Array(0..<n)
        var next = order
        var counts = [Int](repeating: 0, count: 256)
        keys.withUnsafeMutableBufferPointer { k in
        order.withUnsafeMutableBufferPointer { current in
        next.withUnsafeMutableBufferPointer { scratch in
        counts.withUnsafeMutableBufferPointer { count in
            values.withUnsafeBufferPointer { v in
                for i in 0..<n { k[i] = sortKey(v[i]) }
            }
            var source = current, target = scratch
            for shift in stride(from: UInt64(0), to: 64, by: 8) {
                count.update(repeating: 0)
                for i in 0..<n { count[Int(truncatingIfNeeded: k[i] >> shift) & 0xFF] += 1 }
                if count[Int(truncatingIfNeeded: k[0] >> shift) & 0xFF] == n { continue }  // one digit value: no reordering
                var start = 0
                for b in 0..<256 {
                    let c = count[b]
                    count[b] = start
                    start += c
                }
                for i in source {
                    let b = Int(truncatingIfNeeded: k[i] >> shift) & 0xFF
                    target[count[b]] = i
                    count[b] += 1
                }
                swap(&source, &target)
            }
            if source.baseAddress != current.baseAddress { _ = current.update(fromContentsOf: source) }
        }}}}
        return order
    }

    /// An unsigned key ordered as the values: −0 and +0 equal, NaN above +∞.
    @inline(__always)
    private static func sortKey(_ v: Double) -> UInt64 {
        if v.isNaN { return .max }
        let bits = v == 0 ? 0 : v.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// `midranksAndTies(values)` from `order(values)` computed beforehand (no second sort).
    public static func midranksAndTies(_ values: [Double], order: [Int]) -> (ranks: [Double], tieSizes: [Int]) {
        let n = values.count
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
