/// Stable ascending order of finite scores: the permutation that sorts them, ties kept in
/// input order.
///
/// Small inputs use the standard library sort; from `radixThreshold` scores on, an LSD radix
/// sort on order-preserving 64-bit keys (11-bit digits, six passes, passes whose digit is
/// constant skipped): O(N) with small constants, which keeps the one sort that the ROC,
/// DeLong and bootstrap code need cheap at 10^6 patients.
enum ScoreOrder {
    static let radixThreshold = 2048

    static func ascending(_ scores: [Double]) -> [Int] {
        if scores.count < radixThreshold {
            var pairs = scores.enumerated().map { (score: $0.element, index: $0.offset) }
            pairs.sort { $0.score < $1.score || ($0.score == $1.score && $0.index < $1.index) }
            return pairs.map(\.index)
        }
        return radix(scores)
    }

    /// Maps a finite double to a UInt64 whose unsigned order is the numeric order
    /// (−0 and +0 both map to the key of +0).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    private static func radix(_ scores: [Double]) -> [Int] {
        let n = scores.count
        let digitBits = 11
        let buckets = 1 << digitBits
        let passes = (64 + digitBits - 1) / digitBits
        var keys = scores.map(key)
        var index = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer[i] = UInt32(i) }
            count = n
        }
        var histogram = [Int](repeating: 0, count: passes * buckets)
        for k in keys {
            for p in 0..<passes {
                histogram[p * buckets + Int((k >> UInt64(p * digitBits)) & UInt64(buckets - 1))] += 1
            }
        }
        var keysOut = [UInt64](repeating: 0, count: n)
        var indexOut = [UInt32](repeating: 0, count: n)
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            let base = p * buckets
            // A digit shared by every key does not reorder anything.
            if histogram[base + Int((keys[0] >> shift) & UInt64(buckets - 1))] == n { continue }
            var offset = 0
            for b in 0..<buckets {
                let count = histogram[base + b]
                histogram[base + b] = offset
                offset += count
            }
            keys.withUnsafeBufferPointer { kIn in
                index.withUnsafeBufferPointer { iIn in
                    keysOut.withUnsafeMutableBufferPointer { kOut in
                        indexOut.withUnsafeMutableBufferPointer { iOut in
                            histogram.withUnsafeMutableBufferPointer { h in
                                for i in 0..<n {
                                    let k = kIn[i]
                                    let slot = base + Int((k >> shift) & UInt64(buckets - 1))
                                    let target = h[slot]
                                    h[slot] = target + 1
                                    kOut[target] = k
                                    iOut[target] = iIn[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&index, &indexOut)
        }
        return index.map { Int($0) }
    }
}
