/// The fixed tables of RFC 1951 §3.2.5: length and distance symbols with their extra bits,
/// the fixed Huffman code lengths (§3.2.6) and the code-length alphabet's order (§3.2.7).
enum DeflateTables {
    /// First match length of length symbols 257...285.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    /// Extra bits of length symbols 257...285.
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                     3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// First distance of distance symbols 0...29.
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                      257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                      8193, 12289, 16385, 24577]
    /// Extra bits of distance symbols 0...29.
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                       7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// Order in which the code-length code's lengths are sent.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length symbol index (0...28, i.e. symbol − 257) for match lengths 0...258 (3...258 used).
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for symbol in 0..<29 {
            let end = symbol == 28 ? 259 : (symbol == 27 ? 258 : lengthBase[symbol + 1])
            for length in lengthBase[symbol]..<end { table[length] = UInt8(symbol) }
        }
        return table
    }()

    /// Distance symbol lookup: entry d − 1 for distances 1...256, entry 256 + (d − 1) >> 7 for
    /// distances 257...32768 (distance symbols from 16 on span whole multiples of 128).
    static let distanceSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<30 {
            let end = symbol == 29 ? 32769 : distanceBase[symbol + 1]
            for distance in distanceBase[symbol]..<end {
                if distance <= 256 { table[distance - 1] = UInt8(symbol) } else { table[256 + (distance - 1) >> 7] = UInt8(symbol) }
            }
        }
        return table
    }()

    /// The fixed literal/length code lengths (symbols 0...287).
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
    /// The fixed distance code lengths (symbols 0...29, plus the two unused 30 and 31).
    static let fixedDistanceLengths: [UInt8] = [UInt8](repeating: 5, count: 32)
}
