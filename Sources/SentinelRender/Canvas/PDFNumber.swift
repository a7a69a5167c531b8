/// Decimal text of numbers for PDF content: rounded to `decimals` places, trailing zeros and
/// a trailing point dropped, no exponent, "-" only below zero after rounding.
enum PDFNumber {
    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
    private static let divisors: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    static func append(_ out: inout [UInt8], _ value: Double, decimals: Int) {
        let scaled = value.isFinite ? (abs(value) * scales[decimals]).rounded() : 0
        guard scaled < 9e18 else {
            out.append(contentsOf: String(Int64(value.rounded())).utf8)
            return
        }
        var units = UInt64(scaled)
        let divisor = divisors[decimals]
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var k = 32
            var fraction = units % divisor
            units /= divisor
            if fraction != 0 {
                var digits = decimals
                while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
                for _ in 0..<digits {
                    k -= 1
                    buffer[k] = UInt8(truncatingIfNeeded: 48 + fraction % 10)
                    fraction /= 10
                }
                k -= 1
                buffer[k] = UInt8(ascii: ".")
            }
            repeat {
                k -= 1
                buffer[k] = UInt8(truncatingIfNeeded: 48 + units % 10)
                units /= 10
            } while units > 0
            if value < 0, scaled > 0 { k -= 1; buffer[k] = UInt8(ascii: "-") }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[k..<32]))
        }
    }
}
