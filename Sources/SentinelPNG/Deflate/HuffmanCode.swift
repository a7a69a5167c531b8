/// A canonical, length-limited prefix code for deflate (RFC 1951 §3.2.2) built from symbol
/// frequencies: code lengths from Huffman's algorithm, lengths over the limit shortened with
/// the Kraft-sum repair used by zlib, then canonical codes, stored bit-reversed because deflate
/// sends Huffman codes most significant bit first into a least-significant-bit-first stream.
///
/// The code is always complete (Kraft sum exactly 1), which every inflater accepts: with fewer
/// than two used symbols, the used one (or symbol 0) and one more get length 1.
struct HuffmanCode {
    /// Code length per symbol (0 = unused), at most `maximumLength`.
    private(set) var lengths: [UInt8]
    /// Bit-reversed code per symbol, ready to be written least significant bit first.
    private(set) var codes: [UInt16]

    /// A code for `frequencies` (one per symbol) with lengths at most `maximumLength`.
    init(frequencies: UnsafeBufferPointer<UInt32>, maximumLength: Int) {
        lengths = Self.lengths(frequencies, maximumLength: maximumLength)
        codes = Self.canonicalCodes(lengths)
    }

    /// A code with the given lengths (which must satisfy the Kraft inequality).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        codes = Self.canonicalCodes(lengths)
    }

    /// Code lengths: Huffman's algorithm on the used symbols sorted by (frequency, symbol), so
    /// the result is deterministic, then limited to `maximumLength`.
    static func lengths(_ frequencies: UnsafeBufferPointer<UInt32>, maximumLength: Int) -> [UInt8] {
        let count = frequencies.count
        var result = [UInt8](repeating: 0, count: count)
        var used: [(frequency: UInt32, symbol: Int)] = []
        for s in 0..<count where frequencies[s] > 0 { used.append((frequencies[s], s)) }
        if used.count < 2 {
            let first = used.first?.symbol ?? 0
            result[first] = 1
            result[first == 0 ? 1 : 0] = 1
            return result
        }
        used.sort { $0.frequency != $1.frequency ? $0.frequency < $1.frequency : $0.symbol < $1.symbol }
        let leaves = used.count
        // Nodes 0..<leaves are the sorted leaves, then internal nodes in creation order (their
        // weights never decrease): the two-queue construction, no heap needed.
        var weight = used.map { UInt64($0.frequency) }
        weight.reserveCapacity(2 * leaves - 1)
        var parent = [Int](repeating: -1, count: 2 * leaves - 1)
        var nextLeaf = 0, nextInternal = leaves
        func takeSmallest() -> Int {
            if nextLeaf < leaves, nextInternal >= weight.count || weight[nextLeaf] <= weight[nextInternal] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        for _ in 0..<(leaves - 1) {
            let x = takeSmallest(), y = takeSmallest()
            parent[x] = weight.count
            parent[y] = weight.count
            weight.append(weight[x] + weight[y])
        }
        // Depths: the root is the last node; a parent always comes after its children.
        var depth = [Int](repeating: 0, count: 2 * leaves - 1)
        for node in stride(from: 2 * leaves - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        // Number of leaves per length, lengths over the limit clamped to it.
        var perLength = [Int](repeating: 0, count: maximumLength + 1)
        for leaf in 0..<leaves { perLength[min(depth[leaf], maximumLength)] += 1 }
        // Kraft repair: while the code is over-subscribed, drop one leaf from the longest length
        // and split a leaf of the longest shorter length into two one level deeper. Each step
        // keeps the leaf count and lowers the Kraft sum (in units of 2^-maximumLength) by one.
        var kraft = 0
        for length in 1...maximumLength { kraft += perLength[length] << (maximumLength - length) }
        while kraft > 1 << maximumLength {
            perLength[maximumLength] -= 1
            var length = maximumLength - 1
            while perLength[length] == 0 { length -= 1 }
            perLength[length] -= 1
            perLength[length + 1] += 2
            kraft -= 1
        }
        // The least frequent symbols (front of `used`) get the longest codes.
        var next = 0
        for length in stride(from: maximumLength, through: 1, by: -1) {
            for _ in 0..<perLength[length] {
                result[used[next].symbol] = UInt8(length)
                next += 1
            }
        }
        return result
    }

    /// Canonical codes (RFC 1951 §3.2.2) for `lengths`, bit-reversed.
    static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        let maximum = Int(lengths.max() ?? 0)
        var perLength = [Int](repeating: 0, count: maximum + 2)
        for length in lengths where length > 0 { perLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: maximum + 2)
        var code = 0
        if maximum > 0 {
            for length in 1...maximum {
                code = (code + perLength[length - 1]) << 1
                next[length] = code
            }
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for symbol in lengths.indices where lengths[symbol] > 0 {
            let length = Int(lengths[symbol])
            codes[symbol] = reversed(UInt16(next[length]), length: length)
            next[length] += 1
        }
        return codes
    }

    /// The low `length` bits of `code` in reverse order.
    static func reversed(_ code: UInt16, length: Int) -> UInt16 {
        var value = code, result: UInt16 = 0
        for _ in 0..<length {
            result = result << 1 | value & 1
            value >>= 1
        }
        return result
    }
}
