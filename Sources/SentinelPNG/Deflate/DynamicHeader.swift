/// The header of a dynamic-Huffman deflate block (RFC 1951 §3.2.7): HLIT, HDIST and HCLEN,
/// the code-length code, then the literal/length and distance code lengths run-length coded
/// with symbols 16 (repeat the previous length 3–6 times), 17 (3–10 zeros) and 18 (11–138 zeros).
struct DynamicHeader {
    /// Literal/length and distance code lengths sent (trailing unused symbols dropped).
    let literalCount: Int
    let distanceCount: Int
    /// The run-length coded lengths: code-length symbol and the value of its extra bits.
    private var items: [(symbol: Int, extra: Int)] = []
    private let codeLengthCode: HuffmanCode
    /// Code-length code lengths sent, in `DeflateTables.codeLengthOrder`.
    private let codeLengthCount: Int
    /// Bits the header takes.
    private(set) var bitCount = 0

    /// Extra bits of code-length symbols 0...18 (only 16, 17 and 18 have any).
    static let extraBits: [Int] = [Int](repeating: 0, count: 16) + [2, 3, 7]

    init(literalLengths: [UInt8], distanceLengths: [UInt8]) {
        literalCount = max(257, (literalLengths.lastIndex { $0 != 0 } ?? 0) + 1)
        distanceCount = max(1, (distanceLengths.lastIndex { $0 != 0 } ?? 0) + 1)
        let lengths = Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount])
        var i = 0
        while i < lengths.count {
            let value = Int(lengths[i])
            var run = 1
            while i + run < lengths.count, lengths[i + run] == lengths[i] { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 {
                    let piece = min(run, 138)
                    items.append((18, piece - 11))
                    run -= piece
                }
                if run >= 3 {
                    items.append((17, run - 3))
                    run = 0
                }
            } else {
                items.append((value, 0))
                run -= 1
                while run >= 3 {
                    let piece = min(run, 6)
                    items.append((16, piece - 3))
                    run -= piece
                }
            }
            for _ in 0..<run { items.append((value, 0)) }
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for item in items { frequencies[item.symbol] += 1 }
        codeLengthCode = frequencies.withUnsafeBufferPointer { HuffmanCode(frequencies: $0, maximumLength: 7) }
        var sent = 19
        while sent > 4, codeLengthCode.lengths[DeflateTables.codeLengthOrder[sent - 1]] == 0 { sent -= 1 }
        codeLengthCount = sent
        bitCount = 5 + 5 + 4 + 3 * sent
        for item in items {
            bitCount += Int(codeLengthCode.lengths[item.symbol]) + Self.extraBits[item.symbol]
        }
    }

    /// Writes the header (after the block's 3 header bits).
    func write(to writer: inout DeflateBitWriter) {
        writer.put(UInt64(literalCount - 257), 5)
        writer.put(UInt64(distanceCount - 1), 5)
        writer.put(UInt64(codeLengthCount - 4), 4)
        for k in 0..<codeLengthCount {
            writer.put(UInt64(codeLengthCode.lengths[DeflateTables.codeLengthOrder[k]]), 3)
        }
        for item in items {
            writer.put(UInt64(codeLengthCode.codes[item.symbol]), Int(codeLengthCode.lengths[item.symbol]))
            if item.symbol >= 16 { writer.put(UInt64(item.extra), Self.extraBits[item.symbol]) }
        }
    }
}
